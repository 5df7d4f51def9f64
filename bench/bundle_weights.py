"""Could the merge's hand-set weights be fitted instead? Leave one bundle out.

Usage: .venv/bin/python bench/bundle_weights.py [--jobs N]

For each hand-checked bundle, a logistic regression is fitted over the same
evidence the merge weighs (``PairScorer.evidence``: keyword overlap, same actor,
same predicate and object, same happening on one day, shared quotation,
back-reference, and for undated mentions the same kind of happening) on the gold
pairs of the *other* bundles; its two thresholds (joining dated mentions,
attaching undated ones, on the log-odds) are chosen on those bundles too, by mean
event F1 less 10 points per fused gold event (an entry that tells two events as
one is the error a reader cannot see). The held-out bundle is then merged with
those weights and scored. The hand-set row beside it uses :data:`HAND_SET`, which
was set by looking at every bundle, so its figures are in-sample.

Pairs are the merge's own candidates: dated pairs from the blocks of the date
line, undated mentions with the dated mentions they could join. A pair is labelled
by the gold: one event (both sentences belong to the same single gold event) or
two (no gold event in common); a sentence the gold leaves out, or one that
belongs to two gold events, gives no pair.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from huawei_timeline.cache import ExtractionCache
from huawei_timeline.evaluation.events import (
    Bundle,
    EventScores,
    GoldEvents,
    hand_checked_bundles,
    read_gold_events,
    score_events,
)
from huawei_timeline.ingest.manifest import open_corpus
from huawei_timeline.merge.attach import plan_attach
from huawei_timeline.merge.blocks import candidate_pairs, plan_blocks
from huawei_timeline.merge.evidence import merge_interval
from huawei_timeline.merge.score import EVIDENCE, HAND_SET, MergeWeights, PairScorer
from huawei_timeline.models import ArticleExtraction, ArticleMeta, EventMention, NameUse
from huawei_timeline.nlp import DEFAULT_MODEL
from huawei_timeline.pipeline import extract_all, merge_extractions

ROOT = Path(__file__).resolve().parent.parent
MERGE_THRESHOLDS = (-0.5, 0.0, 0.5, 1.0)
ATTACH_THRESHOLDS = (0.0, 0.5, 1.0, 1.5)
FUSED_PENALTY = 0.1
Example = tuple[list[float], int]


@dataclass(frozen=True)
class Loaded:
    bundle: Bundle
    extractions: list[ArticleExtraction]
    metas: list[ArticleMeta]
    gold: GoldEvents
    examples: list[Example]


def load(bundle: Bundle, jobs: int) -> Loaded:
    """A bundle's extractions (through the cache), its gold and its labelled pairs."""
    articles = list(open_corpus(bundle.corpus, None))
    extractions = extract_all(
        articles, DEFAULT_MODEL, jobs=jobs, cache=ExtractionCache.for_model(DEFAULT_MODEL)
    )
    gold = read_gold_events(bundle.gold / "events.json")
    mentions = [m for e in extractions for m in e.mentions]
    uses = [u for e in extractions for u in e.names]
    examples = labelled_pairs(mentions, uses, gold)
    return Loaded(bundle, extractions, [a.meta for a in articles], gold, examples)


def labelled_pairs(
    mentions: Sequence[EventMention], uses: Sequence[NameUse], gold: GoldEvents
) -> list[Example]:
    """The merge's candidate pairs with a gold label, as feature vectors
    (:data:`EVIDENCE`, then 1 for an undated mention joining a dated one)."""
    scorer, _ = PairScorer.for_bundle(mentions, uses)
    events_of = [
        {
            e.id
            for e in gold.events
            for g in e.mentions
            if g.article_id == m.article_id and g.start < m.end and m.start < g.end
        }
        for m in mentions
    ]

    def label(i: int, j: int) -> int | None:
        a, b = events_of[i], events_of[j]
        if not a or not b or (a & b and (len(a) > 1 or len(b) > 1)):
            return None
        return 1 if a & b else 0

    def vector(i: int, j: int, attach: bool) -> list[float] | None:
        evidence = scorer.evidence(i, j)
        if evidence is None:
            return None
        if attach and scorer.same_kind(i, j):
            evidence["same kind of happening"] = 1.0
        return [evidence.get(kind, 0.0) for kind in EVIDENCE] + [1.0 if attach else 0.0]

    intervals = [merge_interval(m) for m in mentions]
    pairs = [
        (block.members[k], block.members[m], False)
        for block in plan_blocks(scorer, intervals, len(mentions) + 1)
        for k, m in candidate_pairs(block)
    ]
    # Every dated mention in one stand-in event: plan_attach then proposes each undated
    # mention's candidates whatever the clustering (the gold labels the pairs).
    dated = {i: 0 for i, span in enumerate(intervals) if span is not None}
    undated = [i for i, span in enumerate(intervals) if span is None]
    for task in plan_attach(scorer, undated, dated, [(frozenset(), set())], len(mentions) + 1):
        pairs += [
            (task.members[i], task.members[j], True)
            for i, js in task.candidates.items()
            for j in js
        ]
    examples = []
    for i, j, attach in pairs:
        y, x = label(i, j), vector(i, j, attach)
        if y is not None and x is not None:
            examples.append((x, y))
    return examples


def fit(examples: Sequence[Example]) -> MergeWeights:
    """Logistic regression over the examples, as merge weights (log-odds)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit([x for x, _ in examples], [y for _, y in examples])
    coef = [float(c) for c in model.coef_[0]]
    return MergeWeights(
        evidence=dict(zip(EVIDENCE, coef, strict=False)),
        bias=float(model.intercept_[0]),
        merge_threshold=0.0,
        attach_bias=coef[len(EVIDENCE)],
        attach_threshold=0.0,
    )


def with_thresholds(weights: MergeWeights, merge: float, attach: float) -> MergeWeights:
    return MergeWeights(weights.evidence, weights.bias, merge, weights.attach_bias, attach)


def scores(loaded: Loaded, weights: MergeWeights) -> EventScores:
    timeline = merge_extractions(loaded.extractions, loaded.metas, DEFAULT_MODEL, weights=weights)
    return score_events(timeline, loaded.gold)


def merit(s: EventScores) -> float:
    """What the thresholds are chosen by: event F1, less 0.1 per fused gold event."""
    return s.events.f1 - FUSED_PENALTY * len(s.fused)


def row(name: str, s: EventScores) -> str:
    cited, wanted = s.key_sources_cited
    return (
        f"{name:44s} {s.events.f1:7.1%} {s.key_events_found:>3d}/{s.key_events:<3d}"
        f" {cited:>3d}/{wanted:<3d} {len(s.fused):>5d} {s.coref.b_cubed.recall:7.1%}"
        f" {s.coref.conll:7.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="extraction workers (cache misses)")
    args = parser.parse_args()
    loaded = [load(b, args.jobs) for b in hand_checked_bundles(ROOT)]
    print(
        f"{'bundle, weights':44s} {'ev F1':>7s} {'key':>7s} {'sources':>7s} {'fused':>5s}"
        f" {'B3 R':>7s} {'CoNLL':>7s}"
    )
    for held in loaded:
        train = [b for b in loaded if b is not held]
        fitted = fit([x for b in train for x in b.examples])
        grid = [
            with_thresholds(fitted, merge, attach)
            for merge in MERGE_THRESHOLDS
            for attach in ATTACH_THRESHOLDS
        ]
        chosen = max(grid, key=lambda w: sum(merit(scores(b, w)) for b in train))
        name = held.bundle.name
        print(row(f"{name}, hand-set (in-sample)", scores(held, HAND_SET)))
        print(row(f"{name}, fitted (held out)", scores(held, chosen)))
        weights = ", ".join(f"{k} {v:+.2f}" for k, v in chosen.evidence.items())
        print(
            f"    bias {chosen.bias:+.2f}, attach bias {chosen.attach_bias:+.2f}, thresholds "
            f"{chosen.merge_threshold:+.1f} / {chosen.attach_threshold:+.1f}; {weights}",
            flush=True,
        )


if __name__ == "__main__":
    main()
