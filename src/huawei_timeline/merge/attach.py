"""Undated mentions: which dated event each one joins, decided in independent tasks.

After the dated mentions are clustered, each undated mention may join the event
it matches best ("the bombing", "he said"). Its candidates are the dated
mentions that share an index key with it; a key shared by more than
:data:`~huawei_timeline.merge.evidence.MAX_POSTING` of them (a frequent actor or
kind of happening across an archive) proposes none, as a frequent keyword
proposes no pair: otherwise the cost would grow with the square of the bundle.

A decision depends on the candidates' events and on the sentences already in
them, and only a mention of the same article can add one of its sentences to an
event. So the undated mentions are cut into tasks of whole articles
(:func:`plan_attach`), each carrying its mentions, their candidates and what it
needs of the candidates' events; a task's decisions (:func:`attach_decisions`)
are the same wherever it runs, and applying them in order (``cluster.py``) gives
the same events as deciding one mention after the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

from huawei_timeline.merge.evidence import MAX_POSTING
from huawei_timeline.merge.score import PairScorer

ATTACH_MIN_OVERLAP: Final = 0.2
"""The keyword overlap below which no undated mention joins (a constraint, not a
weight: a cosine this low says the two sentences are about different things)."""
ATTACH_TASK_MENTIONS: Final = 2000
"""Undated mentions per task (whole articles, so a task may hold a few more)."""


@dataclass(frozen=True)
class EventView:
    """What a decision needs of one dated event: its named actors and, of its
    sentences, those in the task's articles."""

    persons: frozenset[str]
    sentences: frozenset[tuple[str, int]]


@dataclass(frozen=True)
class AttachTask:
    """Undated mentions of whole articles, with their candidates.

    ``scorer`` holds the undated mentions and every candidate (its index ``k`` is
    bundle index ``members[k]``); ``candidates`` maps an undated mention's local
    index to its candidates' local indices, in bundle order; ``event_of`` maps a
    candidate's local index to a key of ``events``; ``published`` holds the
    publish day of the task's articles.
    """

    members: list[int]
    undated: list[int]
    candidates: Mapping[int, list[int]]
    event_of: Mapping[int, int]
    events: Mapping[int, EventView]
    scorer: PairScorer
    published: Mapping[str, date] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """Undated mention ``mention`` joins the event of dated mention ``joined``
    (bundle indices): as its best match, or as a source that quotes the event but
    credits another person (``quoted``). ``kind_bonus`` is the same-kind-of-happening
    share of the score, for ``explain``."""

    mention: int
    joined: int
    how: Literal["best", "quoted"]
    kind_bonus: float = 0.0


def plan_attach(
    scorer: PairScorer,
    undated: Sequence[int],
    event_of: Mapping[int, int],
    events: Sequence[tuple[frozenset[str], set[tuple[str, int]]]],
    size: int = ATTACH_TASK_MENTIONS,
    published: Mapping[str, date] | None = None,
) -> list[AttachTask]:
    """Tasks of about ``size`` undated mentions (whole articles), in bundle order.

    ``event_of`` maps every dated mention to its event's index in ``events``
    (its named actors and sentences); ``published`` the publish day of each article.
    """
    published = published or {}
    postings: dict[str, list[int]] = defaultdict(list)
    for j in sorted(event_of):
        for key in scorer.keys(j, attach=True):
            postings[key].append(j)
    groups: list[list[int]] = []
    for i in undated:
        article = scorer.mentions[i].article_id
        same_article = groups and scorer.mentions[groups[-1][-1]].article_id == article
        if groups and (same_article or len(groups[-1]) < size):
            groups[-1].append(i)
        else:
            groups.append([i])
    tasks = []
    for group in groups:
        found = {
            i: sorted(
                {
                    j
                    for key in scorer.keys(i, attach=True)
                    if len(posting := postings.get(key, ())) <= MAX_POSTING
                    for j in posting
                }
            )
            for i in group
        }
        members = sorted(set(group).union(*found.values()))
        local = {i: k for k, i in enumerate(members)}
        articles = {scorer.mentions[i].article_id for i in group}
        touched = {event_of[j] for js in found.values() for j in js}
        tasks.append(
            AttachTask(
                members=members,
                undated=[local[i] for i in group],
                candidates={local[i]: [local[j] for j in js] for i, js in found.items()},
                event_of={local[j]: event_of[j] for js in found.values() for j in js},
                events={
                    e: EventView(
                        persons=events[e][0],
                        sentences=frozenset(s for s in events[e][1] if s[0] in articles),
                    )
                    for e in touched
                },
                scorer=scorer.subset(members),
                published={a: published[a] for a in sorted(articles) if a in published},
            )
        )
    return tasks


def attach_decisions(task: AttachTask) -> list[Decision]:
    """The decisions of the task's undated mentions that join an event, in order.

    A mention joins the candidate it scores best with, if the score (with the
    weights' ``attach_bias``, and the weight of the same kind of happening when the
    two are of one kind) reaches the weights' ``attach_threshold`` and the keywords
    overlap by :data:`ATTACH_MIN_OVERLAP`,
    not through one shared term alone (``PairScorer.one_term_alone``: the cosine of
    two short keyword lists is high when they share one rare word, or the words of
    one name such as "United States"), unless the two
    share a quotation. A mention that quotes an event's words but names another
    person as the speaker joins that event as an actor conflict: sources disagree on
    who said it.

    A verb that tells something as done or as not done (``asserted``, ``negated``)
    cannot report an event dated after its article was published: "no one has
    been named as a suspect", said in November, is not May's charge. (An event
    noun can name a coming event, and a planned verb a plan.)
    """
    scorer = task.scorer
    weights = scorer.weights
    added: dict[int, set[tuple[str, int]]] = defaultdict(set)
    decisions = []
    for i in task.undated:
        m = scorer.mentions[i]
        sentence = (m.article_id, m.sentence_index)
        actor = scorer.actors[i]
        best: tuple[float, int, float] | None = None
        quoted: tuple[int, int] | None = None
        day = task.published.get(m.article_id)
        told_as_done = m.kind != "nominal" and m.modality in ("asserted", "negated")
        for j in task.candidates[i]:
            span = scorer.exact[j]
            if told_as_done and day is not None and span is not None and span[0] > day:
                continue
            event = task.event_of[j]
            view = task.events[event]
            if sentence in view.sentences or sentence in added[event]:
                continue
            shared = len(scorer.quotes[i] & scorer.quotes[j]) if scorer.shared_wording(i, j) else 0
            if shared and actor is not None and view.persons and actor not in view.persons:
                if quoted is None or shared > quoted[0]:
                    quoted = (shared, j)
                continue
            value = scorer.score(i, j) + weights.attach_bias
            # "Twelve Americans were killed in the Kenya embassy bombing": a
            # happening of a kind the bundle dates elsewhere is probably that one.
            same_kind = scorer.same_kind(i, j)
            kind_bonus = weights.weight("same kind of happening") if same_kind else 0.0
            value += kind_bonus
            if value < weights.attach_threshold:
                continue
            weak = not shared and (
                scorer.overlap(i, j) < ATTACH_MIN_OVERLAP
                or (not same_kind and scorer.one_term_alone(i, j))
            )
            if weak:
                continue
            if actor is not None and view.persons and actor not in view.persons:
                continue
            if best is None or value > best[0]:
                best = (value, j, kind_bonus)
        if quoted is not None:
            decisions.append(Decision(task.members[i], task.members[quoted[1]], "quoted"))
        elif best is not None:
            decisions.append(Decision(task.members[i], task.members[best[1]], "best", best[2]))
            added[task.event_of[best[1]]].add(sentence)
    return decisions
