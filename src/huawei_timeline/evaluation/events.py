"""Evaluation against hand-checked gold: time expressions and merged events.

Kept apart from the unit tests: ``bench/evaluate.py`` prints these
figures, and ``tests/test_evaluation.py`` holds them to thresholds.

Definitions
-----------
* Time expressions: a system expression matches a gold one strictly when the
  spans are equal, relaxed when they overlap; value accuracy counts relaxed
  matches whose value and mod both agree.
* Mentions are sentences: a system mention matches a gold mention of the same
  article when their character spans overlap.
* Events: a system event and a gold event are paired (one to one, greedily by
  the number of shared mentions) when they share at least one mention.
  Precision = paired system events / system events; recall = paired gold
  events / gold events.
* Dates: over paired events, *exact* when value and mod agree; *nested*
  (granularity-aware) when one date's day interval contains the other's, i.e.
  the dates agree at the coarser granularity ("May 2019" for gold 2019-05-16);
  *compatible* when the intervals merely overlap.
* Coreference (MUC, B-cubed, CEAF-e and CoNLL F1, their mean, computed by
  :mod:`huawei_timeline.evaluation.coref`, which agrees with the reference CoNLL scorer):
  a mention is a (gold event, sentence) item, since a sentence may report several
  events; the key clusters the items by gold event. A system event contributes, for
  each of its sentences inside the gold, the item of the gold event that sentence
  belongs to and that shares the most sentences with the system event (the smaller
  gold event on ties); an item claimed by two system events counts once, for the
  system event that matches its gold event best, and as a spurious mention for the
  other. Sentences the gold does not annotate are outside the scored region, as
  unvalidated sentences are in ECB+. Gold items no system event cites are missing.
* A system event *fuses* gold events when it holds mentions that belong only
  to one gold event and mentions that belong only to another; a gold event is
  *split* when the found mentions that belong only to it lie in more than one
  system event.
* Key-event sources: for each key gold event, the articles that report it
  (hold a gold mention with role ``main``; an article that only alludes to it
  in the background does not count) and how many of them the paired system
  event cites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from huawei_timeline.evaluation.coref import CorefScores, score
from huawei_timeline.metrics import PRF
from huawei_timeline.models import Event, EventDate, TimeExpression, Timeline
from huawei_timeline.timex.values import interval_of


class _Gold(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldMention(_Gold):
    """A sentence that reports a gold event."""

    article_id: str
    text: str
    start: int
    end: int
    dated: bool = False
    role: Literal["main", "background"] = "main"


class GoldEvent(_Gold):
    """A hand-checked event with every sentence that reports it."""

    id: str
    key: bool = False
    description: str
    date: EventDate
    mentions: list[GoldMention]


class GoldEvents(_Gold):
    """``data/gold/events.json``."""

    events: list[GoldEvent]


class GoldExpression(_Gold):
    """A hand-annotated TIMEX3."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


class GoldArticleTimexes(_Gold):
    """One article's gold time expressions."""

    id: str
    expressions: list[GoldExpression]


class GoldTimexes(_Gold):
    """``data/gold/time_expressions.json``."""

    articles: list[GoldArticleTimexes]


@dataclass(frozen=True)
class Bundle:
    """A hand-checked bundle: its corpus (manifest or folder) and its gold folder."""

    name: str
    corpus: Path
    gold: Path


def hand_checked_bundles(root: Path) -> list[Bundle]:
    """The bundles of a checkout at ``root``: the seeds (``data/manifest.json``, gold
    in ``data/gold/``), then every folder of ``data/bundles/`` with gold in
    ``data/gold/bundles/<name>/events.json``, by name."""
    found = [Bundle("seeds", root / "data" / "manifest.json", root / "data" / "gold")]
    for folder in sorted((root / "data" / "bundles").glob("*/")):
        gold = root / "data" / "gold" / "bundles" / folder.name
        if (gold / "events.json").is_file():
            found.append(Bundle(folder.name, folder, gold))
    return found


def read_gold_events(path: Path) -> GoldEvents:
    """Read the gold chronology."""
    return GoldEvents.model_validate_json(path.read_text(encoding="utf-8"))


def read_gold_timexes(path: Path) -> GoldTimexes:
    """Read the gold time expressions."""
    return GoldTimexes.model_validate_json(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class TimexScores:
    """Time-expression scores over a bundle."""

    strict: PRF
    relaxed: PRF
    value: PRF
    errors: list[str]


def score_timexes(timeline: Timeline, gold: GoldTimexes) -> TimexScores:
    """Compare the timeline's time expressions with the gold ones."""
    system = {a.id: a.time_expressions for a in timeline.articles}
    strict = relaxed = value = 0
    predicted = sum(len(v) for v in system.values())
    expected = sum(len(a.expressions) for a in gold.articles)
    errors: list[str] = []
    for article in gold.articles:
        found = system.get(article.id, [])
        for g in article.expressions:
            match = _overlapping(g, found)
            if match is None:
                errors.append(f"{article.id}: missed {g.text!r} ({g.value})")
                continue
            relaxed += 1
            strict += (match.start, match.end) == (g.start, g.end)
            if (match.value, match.mod) == (g.value, g.mod):
                value += 1
            else:
                errors.append(
                    f"{article.id}: {g.text!r} is {match.value} {match.mod or ''} "
                    f"(gold {g.value} {g.mod or ''})"
                )
    return TimexScores(
        strict=PRF.from_counts(strict, predicted, expected),
        relaxed=PRF.from_counts(relaxed, predicted, expected),
        value=PRF.from_counts(value, predicted, expected),
        errors=errors,
    )


def _overlapping(gold: GoldExpression, found: Sequence[TimeExpression]) -> TimeExpression | None:
    for expression in found:
        if expression.start < gold.end and gold.start < expression.end:
            return expression
    return None


@dataclass(frozen=True)
class EventScores:
    """Event-level scores over a bundle."""

    events: PRF
    gold_events: int
    key_events_found: int
    key_events: int
    date_exact: float
    date_nested: float
    date_compatible: float
    coref: CorefScores
    mention_recall: float
    fused: list[tuple[str, str]]
    pairs: dict[str, str]
    splits: dict[str, list[str]]
    key_sources: dict[str, tuple[int, int]]
    misdated: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Paired gold events whose date is not exact: gold id -> (gold date, system date),
    each written ``value`` or ``value mod``."""

    @property
    def key_sources_cited(self) -> tuple[int, int]:
        """Source articles of key events cited by their system event, and in all."""
        return (
            sum(cited for cited, _ in self.key_sources.values()),
            sum(wanted for _, wanted in self.key_sources.values()),
        )


MentionKey = tuple[str, int]


CorefItem = tuple[str, MentionKey]
"""A mention for the coreference metrics: (gold event id or ``spurious:<event>``, sentence)."""


def score_events(timeline: Timeline, gold: GoldEvents) -> EventScores:
    """Compare the merged events with the gold chronology."""
    system_sets, gold_sets = _mention_sets(timeline, gold)
    gold_of: dict[MentionKey, set[str]] = {}
    for g_id, g_keys in gold_sets.items():
        for k in g_keys:
            gold_of.setdefault(k, set()).add(g_id)
    pairs = _pair(system_sets, gold_sets)
    by_id = {e.id: e for e in timeline.events}
    gold_by_id = {g.id: g for g in gold.events}
    exact = nested = compatible = 0
    misdated: dict[str, tuple[str, str]] = {}
    for gold_id, system_id in pairs.items():
        got, want = by_id[system_id].date, gold_by_id[gold_id].date
        if (got.value, got.mod) == (want.value, want.mod):
            exact += 1
        else:
            misdated[gold_id] = (_written(want), _written(got))
        nested += _nested(got, want)
        compatible += _compatible(got, want)
    fused = [
        (system_id, ",".join(sorted(ids)))
        for system_id, keys in system_sets.items()
        if len(ids := {next(iter(gold_of[k])) for k in keys if len(gold_of[k]) == 1}) > 1
    ]
    keys = [g.id for g in gold.events if g.key]
    return EventScores(
        events=PRF.from_counts(len(pairs), len(timeline.events), len(gold.events)),
        gold_events=len(gold.events),
        key_events_found=sum(1 for k in keys if k in pairs),
        key_events=len(keys),
        date_exact=exact / len(pairs) if pairs else 0.0,
        date_nested=nested / len(pairs) if pairs else 0.0,
        date_compatible=compatible / len(pairs) if pairs else 0.0,
        coref=score(*_coref_clusterings(system_sets, gold_sets)),
        mention_recall=_mention_recall(system_sets, gold_sets),
        fused=fused,
        pairs=pairs,
        splits=_splits(gold_sets, system_sets, gold_of),
        key_sources=_key_sources(gold, pairs, by_id),
        misdated=misdated,
    )


def _written(date: EventDate) -> str:
    return f"{date.value} {date.mod}" if date.mod else date.value


def _splits(
    gold_sets: dict[str, set[MentionKey]],
    system_sets: dict[str, set[MentionKey]],
    gold_of: dict[MentionKey, set[str]],
) -> dict[str, list[str]]:
    """Gold events whose own mentions lie in more than one system event, with those events."""
    splits: dict[str, list[str]] = {}
    for gold_id, gold_keys in gold_sets.items():
        own = {k for k in gold_keys if gold_of[k] == {gold_id}}
        holders = sorted(s_id for s_id, s_keys in system_sets.items() if s_keys & own)
        if len(holders) > 1:
            splits[gold_id] = holders
    return splits


def _key_sources(
    gold: GoldEvents, pairs: dict[str, str], events: dict[str, Event]
) -> dict[str, tuple[int, int]]:
    """For each key gold event: reporting articles its system event cites, and in all."""
    found: dict[str, tuple[int, int]] = {}
    for g in gold.events:
        if not g.key:
            continue
        wanted = {m.article_id for m in g.mentions if m.role == "main"}
        paired = pairs.get(g.id)
        cited = {m.article_id for m in events[paired].mentions} if paired else set()
        found[g.id] = (len(cited & wanted), len(wanted))
    return found


def _pair(
    system_sets: dict[str, set[MentionKey]], gold_sets: dict[str, set[MentionKey]]
) -> dict[str, str]:
    """One-to-one pairs gold id -> system id, most shared mentions first."""
    candidates = sorted(
        (
            (-len(s_keys & g_keys), g_id, s_id)
            for g_id, g_keys in gold_sets.items()
            for s_id, s_keys in system_sets.items()
            if s_keys & g_keys
        ),
    )
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for _, g_id, s_id in candidates:
        if g_id not in pairs and s_id not in used:
            pairs[g_id] = s_id
            used.add(s_id)
    return pairs


def _nested(a: EventDate, b: EventDate) -> bool:
    x, y = interval_of(a.value, a.mod), interval_of(b.value, b.mod)
    if x is None or y is None:
        return (a.value, a.mod) == (b.value, b.mod)
    return (x[0] <= y[0] and y[1] <= x[1]) or (y[0] <= x[0] and x[1] <= y[1])


def _compatible(a: EventDate, b: EventDate) -> bool:
    x, y = interval_of(a.value, a.mod), interval_of(b.value, b.mod)
    if x is None or y is None:
        return (a.value, a.mod) == (b.value, b.mod)
    return x[0] <= y[1] and y[0] <= x[1]


def coref_clusterings(
    timeline: Timeline, gold: GoldEvents
) -> tuple[list[set[CorefItem]], list[set[CorefItem]]]:
    """The key and response clusterings that :attr:`EventScores.coref` scores.

    Items are (gold event, sentence) pairs as the module docstring defines them, so
    that any coreference scorer can check the figures.
    """
    return _coref_clusterings(*_mention_sets(timeline, gold))


def _mention_sets(
    timeline: Timeline, gold: GoldEvents
) -> tuple[dict[str, set[MentionKey]], dict[str, set[MentionKey]]]:
    """Each system and gold event as the set of gold sentences it cites."""
    gold_spans = {
        (gm.article_id, gm.start): (gm.start, gm.end) for g in gold.events for gm in g.mentions
    }

    def gold_keys(article_id: str, start: int, end: int) -> list[MentionKey]:
        return [
            key
            for key, (gs, ge) in gold_spans.items()
            if key[0] == article_id and gs < end and start < ge
        ]

    system_sets: dict[str, set[MentionKey]] = {
        e.id: {k for m in e.mentions for k in gold_keys(m.article_id, m.start, m.end)}
        for e in timeline.events
    }
    gold_sets = {g.id: {(m.article_id, m.start) for m in g.mentions} for g in gold.events}
    return system_sets, gold_sets


def _coref_clusterings(
    system_sets: dict[str, set[MentionKey]], gold_sets: dict[str, set[MentionKey]]
) -> tuple[list[set[CorefItem]], list[set[CorefItem]]]:
    key = [{(g_id, k) for k in keys} for g_id, keys in gold_sets.items()]
    holders: dict[MentionKey, list[str]] = {}
    for g_id, keys in gold_sets.items():
        for k in keys:
            holders.setdefault(k, []).append(g_id)
    claims: dict[tuple[str, MentionKey], list[tuple[tuple[int, int], str]]] = {}
    for s_id, keys in system_sets.items():
        for k in keys:
            g_id = max(holders[k], key=lambda g: (len(keys & gold_sets[g]), -len(gold_sets[g]), g))
            strength = (len(keys & gold_sets[g_id]), -len(keys))
            claims.setdefault((g_id, k), []).append((strength, s_id))
    response: dict[str, set[CorefItem]] = {s_id: set() for s_id in system_sets}
    for item, claimants in claims.items():
        ranked = sorted(claimants, key=lambda c: (-c[0][0], -c[0][1], c[1]))
        response[ranked[0][1]].add(item)
        for _, s_id in ranked[1:]:
            response[s_id].add((f"spurious:{s_id}", item[1]))
    return key, [items for items in response.values() if items]


def _mention_recall(
    system_sets: dict[str, set[MentionKey]], gold_sets: dict[str, set[MentionKey]]
) -> float:
    found = set().union(*system_sets.values()) if system_sets else set()
    wanted = set().union(*gold_sets.values()) if gold_sets else set()
    return len(found & wanted) / len(wanted) if wanted else 0.0
