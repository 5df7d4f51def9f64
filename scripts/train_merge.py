"""Fit the merge model (``make train-merge``): weights on ECB+ train, linkage and threshold
chosen on ECB+ dev; writes ``src/huawei_timeline/resources/merge_model.json``.

Training pairs come from ECB+ train (``../shared/ecbplus/train``: news documents in
topics of two similar real-world events, with gold cross-document event chains), our
own evidence computed for:
* every pair of annotated event mentions within a topic (the mention at each annotated
  trigger); positive when the two share a gold chain;
* the candidate pairs among the mentions our events stage finds by itself in the
  scored sentences (the distribution the merge sees in practice: many mentions are
  not annotated events); positive when both match annotated mentions of one chain.
The corpus has no publish dates, so no pair carries date evidence. Pairs a hard
constraint forbids are never joined, so they are not trained on.

The predicate-pair prior (``PairEvidence.predicate_pair_prior``: how often two
annotated mentions with these two predicates were one event, against the average) is
counted on the annotated pairs of ECB+ train; each training topic's pairs read the
prior of the other topics only (cross-fitting), so the trees learn how far it holds for
predicates a topic has not shown them. The shipped model carries the prior of all
train topics.

The fit is gradient boosting of small regression trees (scikit-learn,
``GradientBoostingClassifier``: 200 trees of depth 3, learning rate 0.1, log loss,
``random_state`` 0), written out node by node so that the package applies it in plain
Python (``merge/model.py``). Trees rather than one weight per feature: what counts is
evidence in combination (the same predicate says much in two articles about one story,
little otherwise); on ECB+ dev, without the prior, the trees score CoNLL 74.9 where a
logistic regression on the same evidence scores 73.4 (74.3 with every pairwise
product of features). The
date features are zero throughout ECB+, so no tree splits on them. Threshold and
linkage are the pair (single or average linkage; thresholds 0.20 to 0.80 in steps of
0.05) with the best CoNLL F1 on ECB+ dev, gold mentions, clustered within each topic.

Deterministic: same data, same code, same file. Run from the repository root.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Hashable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.ensemble import GradientBoostingClassifier

from huawei_timeline.evaluation.coref import score
from huawei_timeline.evaluation.ecbplus import (
    Mention,
    Region,
    TopicMentions,
    own_mention_keys,
    read_gold,
    read_topic,
    topic_folders,
    topic_mentions,
)
from huawei_timeline.merge.evidence import FEATURES, BundleEvidence, predicate_pair_key
from huawei_timeline.merge.linkage import cluster_mentions, pair_probabilities
from huawei_timeline.merge.model import Linkage, MergeModel, Tree
from huawei_timeline.nlp import DEFAULT_MODEL, load_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "huawei_timeline" / "resources" / "merge_model.json"
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))
TREES, DEPTH, LEARNING_RATE = 200, 3, 0.1
PRIOR_PSEUDO_PAIRS = 2.0
"""Pairs at the overall rate added to each predicate pair's count (smoothing)."""
PRIOR_MIN_PAIRS = 3
"""A predicate pair never seen as one event is kept once seen this often."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=SHARED / "ecbplus")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.ecbplus / "train").is_dir() or not (args.ecbplus / "dev").is_dir():
        print(
            f"error: {args.ecbplus} has no train/ and dev/ folders; put the shared ECB+ data "
            "there (../shared/ecbplus) or pass --ecbplus DIR",
            file=sys.stderr,
        )
        return 2
    nlp = load_model(DEFAULT_MODEL)
    started = time.perf_counter()
    train = []
    for folder in topic_folders(args.ecbplus / "train"):
        gold = read_gold(folder)
        chains: dict[Hashable, int] = {
            m: n for n, cluster in enumerate(gold.clusters) for m in cluster
        }
        train.append((folder, chains, gold.region, topic_mentions(read_topic(folder), nlp)))
    counts = {
        folder.name: _predicate_pair_counts(topic, chains) for folder, chains, _, topic in train
    }
    features: list[list[float]] = []
    labels: list[int] = []
    for folder, chains, region, topic in train:
        # The prior of a topic's own pairs comes from the other topics, as it will for
        # unseen data; fitted on its own pairs it would tell the trees the answer.
        others = [c for name, c in counts.items() if name != folder.name]
        prior = _predicate_pair_prior(others)
        _gold_mention_pairs(topic, chains, prior, features, labels)
        gold_pairs = len(labels)
        _own_mention_pairs(topic, chains, region, prior, features, labels)
        print(f"train topic {folder.name}: {gold_pairs} then {len(labels)} pairs", file=sys.stderr)
    predicate_pairs = _predicate_pair_prior(list(counts.values()))
    x, y = np.array(features), np.array(labels)
    fit = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, random_state=0
    ).fit(x, y)
    bias, trees = _export_trees(fit, x[:1])
    print(
        f"fitted on {len(y)} pairs ({int(y.sum())} positive) "
        f"in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    fitted = _model(bias, trees, predicate_pairs, 0.5, "single", {})
    _check_export(fitted, fit, x)

    dev_topics = []
    for folder in topic_folders(args.ecbplus / "dev"):
        topic = topic_mentions(read_topic(folder), nlp)
        keys = sorted(topic.at_gold)
        evidence = BundleEvidence([topic.at_gold[k] for k in keys], topic.own, predicate_pairs)
        pairs = [(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys))]
        dev_topics.append((folder, keys, evidence, pair_probabilities(evidence, fitted, pairs)))
    dev_gold = read_gold(args.ecbplus / "dev")
    best: tuple[float, Linkage, dict[str, float]] | None = None
    linkages: tuple[Linkage, ...] = ("single", "average")
    for linkage in linkages:
        for threshold in THRESHOLDS:
            model = _model(bias, trees, predicate_pairs, threshold, linkage, {})
            clusters: list[set[Mention]] = []
            for _, keys, evidence, probabilities in dev_topics:
                found = cluster_mentions(evidence, model, probabilities=probabilities)
                clusters.extend({keys[i] for i in c.members} for c in found)
            scores = score(dev_gold.clusters, clusters)
            figures = {
                "muc_f1": round(100 * scores.muc.f1, 2),
                "b_cubed_f1": round(100 * scores.b_cubed.f1, 2),
                "ceaf_e_f1": round(100 * scores.ceaf_e.f1, 2),
                "conll_f1": round(100 * scores.conll, 2),
            }
            conll = figures["conll_f1"]
            print(f"dev {linkage:7} {threshold:.2f} CoNLL {conll:.2f}", file=sys.stderr)
            if best is None or conll > best[2]["conll_f1"]:
                best = (threshold, linkage, figures)
    assert best is not None
    threshold, linkage, figures = best
    model = _model(bias, trees, predicate_pairs, threshold, linkage, figures)
    args.out.write_text(
        json.dumps(model.model_dump(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}: {linkage} linkage, threshold {threshold}, dev {figures}")
    return 0


def _model(
    bias: float,
    trees: list[Tree],
    predicate_pairs: dict[str, float],
    threshold: float,
    linkage: Linkage,
    figures: dict[str, float],
) -> MergeModel:
    return MergeModel(
        features=list(FEATURES),
        weights=[0.0] * len(FEATURES),
        trees=trees,
        predicate_pairs=predicate_pairs,
        bias=bias,
        threshold=threshold,
        linkage=linkage,
        trained_on=["ecbplus/train: gold mention pairs", "ecbplus/train: own mention pairs"],
        selected_on="ecbplus/dev (gold mentions, within topic, CoNLL F1)",
        dev_scores=figures,
    )


def _export_trees(
    fit: GradientBoostingClassifier, sample: NDArray[np.float64]
) -> tuple[float, list[Tree]]:
    """The fitted ensemble as a bias and :class:`Tree` nodes in log-odds.

    A leaf's value is the learning rate x the tree's leaf value; an inner node's is
    the sample-weighted mean of its leaves', and each tree's root value is moved into
    the bias, so that node values are changes from the root (``Tree``).
    """
    bias = float(fit.decision_function(sample)[0]) - sum(
        fit.learning_rate * float(e[0].tree_.value[e[0].apply(sample.astype(np.float32))[0], 0, 0])
        for e in fit.estimators_
    )
    trees: list[Tree] = []
    for (estimator,) in fit.estimators_:
        tree = estimator.tree_
        left, right = tree.children_left.tolist(), tree.children_right.tolist()
        weight = tree.weighted_n_node_samples.tolist()
        value = [0.0] * tree.node_count
        for node in reversed(range(tree.node_count)):  # children follow their parent
            if left[node] < 0:
                value[node] = fit.learning_rate * float(tree.value[node, 0, 0])
            else:
                a, b = left[node], right[node]
                value[node] = (weight[a] * value[a] + weight[b] * value[b]) / weight[node]
        root = value[0]
        bias += root
        trees.append(
            Tree(
                feature=[f if f >= 0 else -1 for f in tree.feature.tolist()],
                threshold=[
                    round(float(t), 9) if f >= 0 else 0.0
                    for f, t in zip(tree.feature, tree.threshold, strict=True)
                ],
                left=left,
                right=right,
                value=[round(v - root, 9) for v in value],
            )
        )
    return round(bias, 9), trees


def _check_export(
    model: MergeModel, fit: GradientBoostingClassifier, x: NDArray[np.float64]
) -> None:
    """The exported trees give scikit-learn's log-odds (up to rounding) on the training pairs."""
    rows = x[:: max(1, len(x) // 2000)]
    expected = fit.decision_function(rows)
    for row, want in zip(rows, expected, strict=True):
        vector = row.tolist()
        got = model.bias + sum(t.value[t.path(vector)[-1]] for t in model.trees)
        if abs(got - want) > 1e-5:
            raise SystemExit(f"exported trees give log-odds {got}, scikit-learn {want}")


def _predicate_pair_counts(
    topic: TopicMentions, chains: dict[Hashable, int]
) -> tuple[Counter[str], Counter[str]]:
    """Pairs of annotated mentions (not of one sentence) per predicate pair, and how
    many of them were one event."""
    keys = sorted(topic.at_gold)
    seen: Counter[str] = Counter()
    same: Counter[str] = Counter()
    for x, a in enumerate(keys):
        for b in keys[x + 1 :]:
            if (a.doc_id, a.sentence_index) == (b.doc_id, b.sentence_index):
                continue
            key = predicate_pair_key(topic.at_gold[a].predicate, topic.at_gold[b].predicate)
            seen[key] += 1
            same[key] += int(chains.get(a, -1) == chains.get(b, -2))
    return seen, same


def _predicate_pair_prior(counts: list[tuple[Counter[str], Counter[str]]]) -> dict[str, float]:
    """log(smoothed rate of one event / overall rate) per predicate pair.

    The rate is pulled towards the overall one by :data:`PRIOR_PSEUDO_PAIRS` pairs, so
    a pair seen once says little; pairs seen fewer than :data:`PRIOR_MIN_PAIRS` times
    and never one event are left out (their prior is close to 0 anyway).
    """
    seen: Counter[str] = Counter()
    same: Counter[str] = Counter()
    for s, k in counts:
        seen.update(s)
        same.update(k)
    base = sum(same.values()) / max(sum(seen.values()), 1)
    return {
        key: round(
            math.log((same[key] + PRIOR_PSEUDO_PAIRS * base) / (n + PRIOR_PSEUDO_PAIRS) / base), 4
        )
        for key, n in sorted(seen.items())
        if same[key] > 0 or n >= PRIOR_MIN_PAIRS
    }


def _gold_mention_pairs(
    topic: TopicMentions,
    chains: dict[Hashable, int],
    prior: dict[str, float],
    features: list[list[float]],
    labels: list[int],
) -> None:
    keys = sorted(topic.at_gold)
    evidence = BundleEvidence([topic.at_gold[k] for k in keys], topic.own, prior)
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if evidence.constraint(i, j) is not None:
                continue
            features.append(evidence.evidence(i, j).vector())
            labels.append(int(chains.get(keys[i], -1) == chains.get(keys[j], -2)))


def _own_mention_pairs(
    topic: TopicMentions,
    chains: dict[Hashable, int],
    region: Region,
    prior: dict[str, float],
    features: list[list[float]],
    labels: list[int],
) -> None:
    keyed, _ = own_mention_keys(topic)
    keys = [
        k
        for k in sorted(keyed)
        if (sentences := region.get(k.doc_id)) is None or k.sentence_index in sentences
    ]
    evidence = BundleEvidence([keyed[k] for k in keys], topic.own, prior)
    for i, j in sorted(evidence.candidate_pairs(range(len(keys)))):
        if evidence.constraint(i, j) is not None:
            continue
        features.append(evidence.evidence(i, j).vector())
        labels.append(int(chains.get(keys[i], -1) == chains.get(keys[j], -2)))


if __name__ == "__main__":
    sys.exit(main())
