"""Stage 6 — merge: one chronology from the mentions of every article.

Mentions are compared only when their dates can be the same period (the day
intervals their values stand for overlap), scored on who acted, on the
predicate and on TF-IDF-weighted keyword overlap, and clustered by average
linkage, so one loosely related mention cannot chain two events together.
Undated mentions then join the dated event they match best, if they match well
enough. An event's date is the finest value every mention agrees with; a source
that disagrees is kept as a conflict, never dropped.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .models import ArticleMeta, DateConflict, Event, EventDate, EventMention, Modality
from .values import interval_of

MERGE_THRESHOLD = 0.45
ATTACH_THRESHOLD = 0.55
SAME_ACTOR_BONUS = 0.2
SAME_ACTOR_CLOSE_DATES_BONUS = 0.25
CLOSE_DATES_DAYS = 35
SAME_PREDICATE_BONUS = 0.15
SAME_OBJECT_BONUS = 0.3
BACK_REFERENCE_BONUS = 0.5
BACK_REFERENCE_WINDOW = 2
NEVER = -math.inf
FUZZY_MODS = frozenset({"START", "MID", "END"})
ATTACH_MIN_OVERLAP = 0.2

Interval = tuple[date, date]


@dataclass
class _Cluster:
    members: list[int]
    interval: Interval
    undated: list[int] = field(default_factory=list)


class _Scorer:
    """Pairwise similarity of mentions, with canonical actors and keyword weights."""

    def __init__(self, mentions: Sequence[EventMention]) -> None:
        self.mentions = mentions
        self.names = _canonical_names(mentions)
        self.actors = [self._actor(m) for m in mentions]
        counts: Counter[str] = Counter()
        for m in mentions:
            counts.update(set(m.keywords))
        total = max(len(mentions), 1)
        self.idf = {word: math.log((1 + total) / (1 + n)) + 1.0 for word, n in counts.items()}
        self.vectors = [self._vector(m) for m in mentions]

    def canonical(self, name: str) -> str:
        return self.names.get(name, name)

    def _actor(self, mention: EventMention) -> str | None:
        if mention.subject is None or mention.subject not in mention.people:
            return None
        return self.canonical(mention.subject)

    def _vector(self, mention: EventMention) -> dict[str, float]:
        vector = {word: self.idf[word] for word in mention.keywords}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {word: w / norm for word, w in vector.items()}

    def overlap(self, i: int, j: int) -> float:
        """Cosine similarity of the two mentions' weighted keywords."""
        va, vb = self.vectors[i], self.vectors[j]
        return sum(w * vb.get(word, 0.0) for word, w in va.items())

    def score(self, i: int, j: int) -> float:
        a, b = self.mentions[i], self.mentions[j]
        if a.article_id == b.article_id and a.sentence_index == b.sentence_index:
            return NEVER
        actor_a, actor_b = self.actors[i], self.actors[j]
        if actor_a is not None and actor_b is not None and actor_a != actor_b:
            return NEVER
        score = self.overlap(i, j)
        if actor_a is not None and actor_a == actor_b:
            score += SAME_ACTOR_BONUS
            if _close_dates(a, b):
                score += SAME_ACTOR_CLOSE_DATES_BONUS
        if a.predicate == b.predicate:
            score += SAME_PREDICATE_BONUS
            if a.object is not None and a.object == b.object:
                score += SAME_OBJECT_BONUS
        if _refers_back(a, b) or _refers_back(b, a):
            score += BACK_REFERENCE_BONUS
        return score


def _close_dates(a: EventMention, b: EventMention) -> bool:
    """Both mentions dated to a month or less: the same actor then says much."""
    spans = [_exact_interval(a), _exact_interval(b)]
    return all(s is not None and (s[1] - s[0]).days < CLOSE_DATES_DAYS for s in spans)


def _refers_back(later: EventMention, earlier: EventMention) -> bool:
    """A definite event noun without an actor right after the event it names.

    Example: "The May 16 ruling ..." in the sentence after the listing it refers to.
    """
    return (
        later.article_id == earlier.article_id
        and later.kind == "nominal"
        and later.subject is None
        and 0 < later.sentence_index - earlier.sentence_index <= BACK_REFERENCE_WINDOW
    )


def _canonical_names(mentions: Sequence[EventMention]) -> dict[str, str]:
    """Map each person name to the longest name in the bundle with the same surname."""
    longest: dict[str, str] = {}
    for m in mentions:
        for name in m.people:
            surname = name.split()[-1]
            if len(name) > len(longest.get(surname, "")):
                longest[surname] = name
    return {
        name: longest[name.split()[-1]]
        for m in mentions
        for name in m.people
        if set(name.split()) <= set(longest[name.split()[-1]].split())
    }


def merge_mentions(
    mentions: Sequence[EventMention], articles: Sequence[ArticleMeta]
) -> list[Event]:
    """Cluster mentions into events and return them in chronological order."""
    scorer = _Scorer(mentions)
    intervals = [_interval(m) for m in mentions]
    dated = [i for i, span in enumerate(intervals) if span is not None]
    clusters: list[_Cluster] = []
    for block in _overlap_blocks(dated, intervals):
        clusters.extend(_cluster_block(block, intervals, scorer))
    undated = [i for i, span in enumerate(intervals) if span is None]
    _attach_undated(undated, clusters, scorer)
    meta = {a.id: a for a in articles}
    events = [_build_event(c, mentions, scorer, meta) for c in clusters]
    return sorted(events, key=_chronological)


def _interval(mention: EventMention) -> Interval | None:
    """The period a mention's date can be in, for deciding what may merge.

    "Early", "mid" and "late" are approximate, so here their third of the period
    is widened by half a third on each side: "Earlier this year" (2019, START:
    January to April) can still be the May event another article places "in
    May", while "early June" and "late June" stay apart. The finest agreed date
    is chosen on exact intervals.
    """
    exact = _exact_interval(mention)
    if exact is None or mention.date is None or mention.date.mod not in FUZZY_MODS:
        return exact
    whole = interval_of(mention.date.value)
    if whole is None:
        return exact
    margin = timedelta(days=((exact[1] - exact[0]).days + 1) // 2)
    return (max(whole[0], exact[0] - margin), min(whole[1], exact[1] + margin))


def _exact_interval(mention: EventMention) -> Interval | None:
    if mention.date is None:
        return None
    return interval_of(mention.date.value, mention.date.mod)


def _overlap_blocks(indices: list[int], intervals: Sequence[Interval | None]) -> list[list[int]]:
    """Group mentions whose intervals overlap transitively (a sweep over sorted starts)."""
    spans = {i: span for i in indices if (span := intervals[i]) is not None}
    order = sorted(spans, key=lambda i: spans[i])
    blocks: list[list[int]] = []
    block_end: date | None = None
    for i in order:
        start, end = spans[i]
        if block_end is None or start > block_end:
            blocks.append([])
            block_end = end
        blocks[-1].append(i)
        block_end = max(block_end, end)
    return blocks


def _intersect(a: Interval, b: Interval) -> Interval | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def _cluster_block(
    block: list[int], intervals: Sequence[Interval | None], scorer: _Scorer
) -> list[_Cluster]:
    """Average-linkage clustering of one block, merging only date-compatible clusters."""
    clusters = []
    for i in block:
        span = intervals[i]
        assert span is not None  # blocks hold dated mentions only
        clusters.append(_Cluster(members=[i], interval=span))
    pair = {(i, j): scorer.score(i, j) for i in block for j in block if i < j}

    def linkage(a: _Cluster, b: _Cluster) -> float:
        scores = [pair[(min(i, j), max(i, j))] for i in a.members for j in b.members]
        return NEVER if NEVER in scores else max(scores)

    while True:
        best: tuple[float, int, int] | None = None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                if _intersect(clusters[x].interval, clusters[y].interval) is None:
                    continue
                value = linkage(clusters[x], clusters[y])
                if value >= MERGE_THRESHOLD and (best is None or value > best[0]):
                    best = (value, x, y)
        if best is None:
            return clusters
        _, x, y = best
        joined = _intersect(clusters[x].interval, clusters[y].interval)
        assert joined is not None
        clusters[x] = _Cluster(members=clusters[x].members + clusters[y].members, interval=joined)
        del clusters[y]


def _attach_undated(undated: list[int], clusters: list[_Cluster], scorer: _Scorer) -> None:
    """Let each undated mention join the event it matches best, if it matches well."""
    for i in undated:
        best: tuple[float, int] | None = None
        for index, cluster in enumerate(clusters):
            scores = [scorer.score(i, j) for j in cluster.members]
            overlap = max(scorer.overlap(i, j) for j in cluster.members)
            if NEVER in scores or overlap < ATTACH_MIN_OVERLAP:
                continue
            value = max(scores)
            if value >= ATTACH_THRESHOLD and (best is None or value > best[0]):
                best = (value, index)
        if best is not None:
            clusters[best[1]].undated.append(i)


def _build_event(
    cluster: _Cluster,
    mentions: Sequence[EventMention],
    scorer: _Scorer,
    meta: Mapping[str, ArticleMeta],
) -> Event:
    dated = [mentions[i] for i in cluster.members]
    chosen, conflicts = _agreed_date(dated)
    joined = [mentions[i].model_copy(update={"date_source": "cluster"}) for i in cluster.undated]
    members = sorted(dated + joined, key=lambda m: (m.article_id, m.start, m.id))
    representative = min(dated, key=lambda m: _representative_rank(m, chosen))
    article_ids = sorted({m.article_id for m in members})
    people = _union(scorer.canonical(p) for m in members for p in m.people)
    organizations = _union(o for m in members for o in m.organizations)
    digest = hashlib.sha1(",".join(sorted(m.id for m in members)).encode()).hexdigest()
    return Event(
        id=f"ev-{digest[:10]}",
        date=chosen,
        summary=representative.content,
        people=people,
        organizations=organizations,
        modality=_modality(dated, chosen, [meta[a] for a in article_ids if a in meta]),
        sources=len(article_ids),
        outlets=[meta[a].outlet for a in article_ids if a in meta],
        mentions=members,
        date_conflicts=conflicts,
    )


def _agreed_date(dated: Sequence[EventMention]) -> tuple[EventDate, list[DateConflict]]:
    """The finest date inside every mention's interval; the rest become conflicts."""
    spans = [(m, _exact_interval(m)) for m in dated]

    def support(candidate: tuple[EventMention, Interval | None]) -> tuple[int, int, str]:
        _, span = candidate
        assert span is not None
        inside = sum(
            1
            for _, other in spans
            if other is not None and other[0] <= span[0] <= span[1] <= other[1]
        )
        return (-inside, (span[1] - span[0]).days, candidate[0].id)

    best_mention, best_span = min(spans, key=support)
    assert best_mention.date is not None and best_span is not None
    conflicts = [
        DateConflict(
            article_id=m.article_id,
            text=m.time_expression.text if m.time_expression else "",
            value=m.date.value,
            mod=m.date.mod,
        )
        for m, span in spans
        if m.date is not None
        and span is not None
        and not (span[0] <= best_span[0] <= best_span[1] <= span[1])
    ]
    return best_mention.date, conflicts


def _representative_rank(mention: EventMention, chosen: EventDate) -> tuple[int, int, int, str]:
    """Prefer a verbal mention with a named actor, then one carrying the chosen date."""
    return (
        0 if mention.kind != "nominal" else 1,
        0 if mention.subject in mention.people or mention.subject is not None else 1,
        0 if mention.date == chosen else 1,
        mention.id,
    )


def _modality(
    dated: Sequence[EventMention], chosen: EventDate, articles: Sequence[ArticleMeta]
) -> Modality:
    """Planned when the date lies after every source's publication, else the majority."""
    span = interval_of(chosen.value, chosen.mod)
    published = [_day(a.published) for a in articles]
    if span is not None and published and span[0] > max(published):
        return "planned"
    counts = Counter(m.modality for m in dated)
    return counts.most_common(1)[0][0]


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _union(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _chronological(event: Event) -> tuple[date, date, str]:
    span = interval_of(event.date.value, event.date.mod)
    assert span is not None
    return (span[0], span[1], event.id)
