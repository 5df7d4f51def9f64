"""Stage 6 — merge: one chronology from the mentions of every article.

Mentions are compared only when their dates can be the same period (the day
intervals their values stand for overlap) and when they share something worth
comparing (a rare keyword, an actor, a predicate and object, a quotation, or a
back-reference), found through an inverted index per block of the date line
(``blocks.py``), so the cost grows with the number of real candidate pairs, not
with the square of the mentions, and the blocks can be scored on other machines.
Pairs are scored on who acted, what was done to whom, quoted words and TF-IDF
keyword overlap (``score.py``), then joined strongest first (single linkage,
union-find) under constraints: the dates of a cluster must keep a common
intersection, two different named people never act in one event, two
mentions of one sentence stay apart, and so do two actions of one article with
different predicates and no keyword in common.

Undated mentions then join the dated event they match best, if they match well
enough and it is not dated after their article (a verb told as done reports
nothing later). Every join is recorded with what its score is made of (``Event.explain``,
``show --explain``). A sentence that quotes an event's words but credits someone else joins
that event as an actor conflict. An event's date is the finest value every
mention agrees with; a source that disagrees is kept as a conflict.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Final

from huawei_timeline.merge.actors import ActorIndex
from huawei_timeline.merge.attach import ATTACH_TASK_MENTIONS, attach_decisions, plan_attach
from huawei_timeline.merge.blocks import (
    BLOCK_MENTIONS,
    Edge,
    TaskMap,
    here,
    merge_edges,
    plan_blocks,
)
from huawei_timeline.merge.evidence import (
    Interval,
    exact_interval,
    merge_interval,
)
from huawei_timeline.merge.score import HAND_SET, MergeWeights, PairScorer
from huawei_timeline.merge.union import Cluster, join_in_order
from huawei_timeline.models import (
    ActorConflict,
    ArticleMeta,
    DateConflict,
    Event,
    EventDate,
    EventMention,
    MergeLink,
    Modality,
    NameUse,
    calendar_day,
)
from huawei_timeline.timex.values import interval_of

# Subjects that name no one: a summary starting "who to join NATO" says little.
BARE_SUBJECTS = frozenset({"who", "which", "that", "it", "they", "this", "these"})
# Within one day, a clock time is finer than a part of the day.
SUB_DAY = {"part_of_day": 1, "time": 2}


def merge_mentions(
    mentions: Sequence[EventMention], articles: Sequence[ArticleMeta]
) -> list[Event]:
    """Cluster mentions into events and return them in chronological order."""
    events, _ = merge_with_actors(mentions, articles)
    return events


def merge_with_actors(
    mentions: Sequence[EventMention],
    articles: Sequence[ArticleMeta],
    *,
    uses: Iterable[NameUse] = (),
    run: TaskMap = here,
    block_size: int = BLOCK_MENTIONS,
    attach_size: int = ATTACH_TASK_MENTIONS,
    weights: MergeWeights = HAND_SET,
) -> tuple[list[Event], ActorIndex]:
    """Like :func:`merge_mentions`, also returning the bundle's canonical actors.

    ``uses`` are how the articles printed each name (``ArticleExtraction.names``):
    they tie descriptions to people across the bundle (:class:`ActorIndex`).
    An event's ``summary`` here is its representative mention's clause; the
    pipeline replaces it with a full sentence
    (:func:`huawei_timeline.keydates.sentences.with_sentence_summaries`).

    Candidate pairs are scored per block of the date line (``blocks.py``) and
    undated mentions decided per task of whole articles (``attach.py``): ``run``
    maps both over their tasks (an engine's map on workers; by default here, one
    after the other). The events are the same for any ``run``, ``block_size``
    (dated mentions starting in a block) and ``attach_size`` (undated mentions
    per task). ``weights`` weigh the pair evidence (``score.py``; the merge's own
    by default).
    """
    scorer, index = PairScorer.for_bundle(mentions, uses, weights)
    intervals = [merge_interval(m) for m in mentions]
    edges = merge_edges(plan_blocks(scorer, intervals, block_size), run)
    clusters, unstated = _stated_events(_cluster(scorer, intervals, edges), scorer)
    undated = sorted([i for i, span in enumerate(intervals) if span is None] + unstated)
    published = {a.id: calendar_day(a.published) for a in articles}
    _attach_undated(undated, clusters, scorer, run, attach_size, published)
    clusters = _one_entry_per_telling(clusters, scorer)
    meta = {a.id: a for a in articles}
    events = [_build_event(c, mentions, scorer, index, meta) for c in clusters]
    return sorted(events, key=_chronological), index


def _cluster(
    scorer: PairScorer, intervals: Sequence[Interval | None], edges: Sequence[Edge]
) -> list[Cluster]:
    """Join dated mentions strongest edge first (union-find), keeping every cluster
    consistent: a join that would break a constraint is skipped."""
    dated = [i for i, span in enumerate(intervals) if span is not None]
    clusters = {i: _singleton(scorer, i, intervals) for i in dated}
    twins = republished(scorer.mentions, dated)

    def link(i: int, j: int) -> MergeLink:
        extra = {REPUBLISHED: 0.0} if (i, j) in twins else None
        return scorer.link(i, j, extra)

    join_in_order(clusters, [*sorted(twins), *((i, j) for _, i, j in edges)], link)
    return [clusters[k] for k in sorted(clusters)]


REPUBLISHED: Final = "the same sentence in another article"


def republished(mentions: Sequence[EventMention], among: Iterable[int]) -> set[tuple[int, int]]:
    """Pairs of mentions (of ``among``) that are the same word of the same sentence
    printed in two articles: a wire story and its update, or one agency copy run by
    two papers ("His arrival precedes the announcement of a new policy on Iraq set to
    be unveiled by US President George W. Bush early next year" in two AFP updates of
    one day). Such a sentence tells the same events wherever it is printed, however
    little its clause says on its own, so these pairs join first (still under the
    cluster constraints: the two dates must agree, as they do when both articles
    came out the same side of the day they name)."""
    first: dict[tuple[str, str], int] = {}
    pairs: set[tuple[int, int]] = set()
    for i in among:
        m = mentions[i]
        key = (" ".join(m.sentence.split()), m.id.rsplit(":", 1)[-1])
        j = first.setdefault(key, i)
        if j != i and mentions[j].article_id != m.article_id:
            pairs.add((j, i))
    return pairs


def _stated_events(clusters: list[Cluster], scorer: PairScorer) -> tuple[list[Cluster], list[int]]:
    """The clusters that make an event, and the mentions of those that do not.

    A publish day is evidence of a lead event's date, not a date any text states:
    a cluster dated by nothing else needs reports from two articles to be an event
    on its own. One article's publish-dated mentions instead go on as undated
    mentions (attached to the event they match best, if any), as without the
    publish date.
    """
    kept: list[Cluster] = []
    loose: list[int] = []
    for cluster in clusters:
        members = [scorer.mentions[i] for i in cluster.members]
        unstated = all(m.date_source == "publish" for m in members)
        if unstated and len({m.article_id for m in members}) < 2:
            loose.extend(cluster.members)
        else:
            kept.append(cluster)
    return kept, loose


def _one_entry_per_telling(clusters: list[Cluster], scorer: PairScorer) -> list[Cluster]:
    """Clusters told by exactly the same sentences, on the same date and by no two
    different people, as one.

    One sentence may tell two events, so the joins keep its mentions apart; but two
    events that every source tells in one sentence and dates alike ("His arrival
    precedes the announcement of a new policy set to be unveiled early next year":
    the announcement and the unveiling) are one entry to a reader, who would see
    the sentence twice under one date. Recorded in ``explain`` as "told by the same
    sentences".
    """
    first: dict[tuple[frozenset[tuple[str, int]], Interval | None], Cluster] = {}
    kept: list[Cluster] = []
    for cluster in clusters:
        key = (frozenset(cluster.sentences), cluster.interval)
        twin = first.get(key)
        if twin is None or len(twin.persons | cluster.persons) > 1:
            first.setdefault(key, cluster)
            kept.append(cluster)
            continue
        twin.links.append(
            scorer.link(twin.members[0], cluster.members[0], {"told by the same sentences": 0.0})
        )
        twin.members.extend(cluster.members)
        twin.undated.extend(cluster.undated)
        twin.persons |= cluster.persons
        twin.links.extend(cluster.links)
        twin.conflicts.extend(cluster.conflicts)
    return kept


def _singleton(scorer: PairScorer, i: int, intervals: Sequence[Interval | None]) -> Cluster:
    assert intervals[i] is not None
    m = scorer.mentions[i]
    return Cluster.single(i, intervals[i], scorer.actors[i], (m.article_id, m.sentence_index))


def _attach_undated(
    undated: list[int],
    clusters: list[Cluster],
    scorer: PairScorer,
    run: TaskMap,
    size: int,
    published: Mapping[str, date],
) -> None:
    """Let each undated mention join the event it matches best, if it matches well
    (decided in tasks of whole articles, ``attach.py``), applying the decisions in
    bundle order."""
    event_of = {i: e for e, cluster in enumerate(clusters) for i in cluster.members}
    events = [(frozenset(c.persons), c.sentences) for c in clusters]
    tasks = plan_attach(scorer, undated, event_of, events, size, published)
    for decisions in run(attach_decisions, tasks):
        for decision in decisions:
            i, j = decision.mention, decision.joined
            m = scorer.mentions[i]
            cluster = clusters[event_of[j]]
            cluster.undated.append(i)
            if decision.how == "quoted":
                cluster.links.append(scorer.link(j, i, {"quotes the event, credits another": 0.0}))
                cluster.conflicts.append(
                    ActorConflict(
                        article_id=m.article_id,
                        mention_id=m.id,
                        attributed_to=scorer.actors[i] or "",
                        instead_of=sorted(cluster.persons),
                    )
                )
            else:
                bias = scorer.weights.attach_bias
                extra = {"attach bias": bias} if bias else {}
                if decision.kind_bonus:
                    extra["same kind of happening"] = decision.kind_bonus
                cluster.links.append(scorer.link(j, i, extra))
                cluster.sentences.add((m.article_id, m.sentence_index))


def _build_event(
    cluster: Cluster,
    mentions: Sequence[EventMention],
    scorer: PairScorer,
    index: ActorIndex,
    meta: Mapping[str, ArticleMeta],
) -> Event:
    dated = [mentions[i] for i in cluster.members]
    chosen, conflicts = _agreed_date(dated)
    joined = [
        mentions[i].model_copy(update={"date": None, "date_source": "cluster"})
        for i in cluster.undated
    ]
    members = sorted(dated + joined, key=lambda m: (m.article_id, m.start, m.id))
    centrality = {
        i: sum(scorer.overlap(i, j) for j in cluster.members + cluster.undated if j != i)
        for i in cluster.members
    }
    best = min(
        cluster.members,
        key=lambda i: _representative_rank(mentions[i], chosen, centrality[i]),
    )
    representative = mentions[best]
    article_ids = sorted({m.article_id for m in members})
    # A source that credits the event to someone else is shown as a conflict,
    # not as one more participant.
    quoted = {c.mention_id for c in cluster.conflicts}
    conflicts_on_actor = cluster.conflicts + _actor_disagreements(
        [m for m in members if m.id not in quoted], representative, index
    )
    disputed = {c.mention_id for c in conflicts_on_actor}
    agreed = [m for m in members if m.id not in disputed]
    people = _union(p for m in agreed for p in index.people_of(m))
    organizations = _union(
        org for m in agreed for o in m.organizations if (org := index.organization(o)) is not None
    )
    digest = hashlib.sha1(",".join(sorted(m.id for m in members)).encode()).hexdigest()
    return Event(
        id=f"ev-{digest[:10]}",
        date=chosen,
        summary=representative.content,
        people=people,
        organizations=[o for o in organizations if o not in people],
        modality=_modality(dated, chosen, [meta[a] for a in article_ids if a in meta]),
        sources=len(article_ids),
        outlets=_union(meta[a].outlet for a in article_ids if a in meta),
        mentions=members,
        date_conflicts=conflicts,
        actor_conflicts=conflicts_on_actor,
        explain=sorted(cluster.links, key=lambda link: (link.mention, link.joined)),
    )


def _actor_disagreements(
    members: Sequence[EventMention], representative: EventMention, index: ActorIndex
) -> list[ActorConflict]:
    """Sources that credit the event to a different person or organisation.

    The actor most sources name wins (the representative's on a tie); every
    mention naming another is listed, so the reader sees each version.
    """
    actors = {m.id: a for m in members if (a := index.acting(m)) is not None}
    if len(set(actors.values())) < 2:
        return []
    counts = Counter(actors.values())
    top = max(counts.values())
    leading = sorted(a for a, n in counts.items() if n == top)
    majority = actors.get(representative.id) if actors.get(representative.id) in leading else None
    majority = majority or leading[0]
    return [
        ActorConflict(
            article_id=m.article_id, mention_id=m.id, attributed_to=actor, instead_of=[majority]
        )
        for m in members
        if (actor := actors.get(m.id)) is not None and actor != majority
    ]


def _agreed_date(dated: Sequence[EventMention]) -> tuple[EventDate, list[DateConflict]]:
    """The finest date inside every own-dated mention's interval; the rest are conflicts.

    Day intervals decide; within one day "about 10:35 a.m." beats "Friday morning".

    Dates carried from context ("he added") follow the event; they do not vote.
    Nor do publish days given to lead events (``date_source`` "publish"): they vote
    only in an event no text dates, which then gets the earliest publish day (the
    event happened by the first report of it); they are never a conflict.
    """
    stated = [m for m in dated if m.date_source not in ("context", "publish")]
    carried = [m for m in dated if m.date_source == "context"]
    if not stated and not carried:
        first = min(dated, key=lambda m: (exact_interval(m) or (date.max, date.max), m.id))
        assert first.date is not None
        return first.date, []
    voters = stated or carried
    spans = [(m, exact_interval(m)) for m in voters]

    def support(candidate: tuple[EventMention, Interval | None]) -> tuple[int, int, int, str]:
        _, span = candidate
        assert span is not None
        inside = sum(
            1
            for _, other in spans
            if other is not None and other[0] <= span[0] <= span[1] <= other[1]
        )
        finer = SUB_DAY.get(candidate[0].date.granularity, 0) if candidate[0].date else 0
        return (-inside, (span[1] - span[0]).days, -finer, candidate[0].id)

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


def _representative_rank(
    mention: EventMention, chosen: EventDate, centrality: float
) -> tuple[int, int, int, int, float, str]:
    """Prefer a mention dated by its own words, verbal, with an actor, early in its article.

    News puts what happened first (the lede), so the earliest sentence that
    reports the event is the best summary; among equals, the one most like the
    others (summed keyword overlap with the event's other mentions).
    """
    return (
        0 if mention.date_source == "own" else 1,
        0 if mention.kind != "nominal" else 1,
        0 if mention.subject is not None and mention.subject.lower() not in BARE_SUBJECTS else 1,
        mention.sentence_index,
        -round(centrality, 6),
        mention.id,
    )


def _modality(
    dated: Sequence[EventMention], chosen: EventDate, articles: Sequence[ArticleMeta]
) -> Modality:
    """Planned when the date lies after every source's publication; else asserted
    when a source tells it as done and none denies it (an article that reports
    the profit outweighs one that expected it); else the majority."""
    span = interval_of(chosen.value, chosen.mod)
    published = [calendar_day(a.published) for a in articles]
    if span is not None and published and span[0] > max(published):
        return "planned"
    counts = Counter(m.modality for m in dated)
    if counts["asserted"] and not counts["negated"] and not counts["denied"]:
        return "asserted"
    return counts.most_common(1)[0][0]


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
