"""Clusters of mentions, and joins that keep them one consistent event.

Both merges use these: the bundle merge over the hand-set scorer (``cluster.py``)
and the fitted model's linkage (``linkage.py``). A cluster keeps what constrains
further joins: the common part of its members' dates (None while no member is
dated), the named person who acts in it, and its sentences. Two clusters join
only if their dates still have a common part, at most one named person acts,
and no sentence is in both (one sentence may tell two events, never one twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from huawei_timeline.merge.evidence import Interval, intersect
from huawei_timeline.models import ActorConflict, MergeLink


@dataclass
class Cluster:
    """Mentions joined so far, with what constrains further joins.

    ``undated`` and ``conflicts`` are filled after the joins, by the bundle merge:
    the undated mentions that joined the event and the sources that credit
    someone else."""

    members: list[int]
    interval: Interval | None
    persons: set[str]
    sentences: set[tuple[str, int]]
    undated: list[int] = field(default_factory=list)
    conflicts: list[ActorConflict] = field(default_factory=list)
    links: list[MergeLink] = field(default_factory=list)

    @classmethod
    def single(
        cls, i: int, interval: Interval | None, person: str | None, sentence: tuple[str, int]
    ) -> Cluster:
        """Mention ``i`` alone: its date's interval, its named actor, its sentence."""
        persons = {person} if person is not None else set()
        return cls(members=[i], interval=interval, persons=persons, sentences={sentence})


def join(a: Cluster, b: Cluster) -> Cluster | None:
    """The union of two clusters, or None when it would break a constraint."""
    if a.interval is None or b.interval is None:
        interval = a.interval or b.interval
    else:
        interval = intersect(a.interval, b.interval)
        if interval is None:
            return None
    persons = a.persons | b.persons
    if len(persons) > 1 or a.sentences & b.sentences:
        return None
    return Cluster(
        members=a.members + b.members,
        interval=interval,
        persons=persons,
        sentences=a.sentences | b.sentences,
        links=[*a.links, *b.links],
    )


def join_in_order(
    clusters: dict[int, Cluster],
    pairs: Iterable[tuple[int, int]],
    link: Callable[[int, int], MergeLink],
) -> None:
    """Constrained single linkage: each pair, in the order given (strongest first),
    joins the clusters of its two mentions unless they are one already or a
    constraint forbids it; ``link(i, j)`` records the join.

    ``clusters`` maps each mention to its own cluster at the start (union-find
    roots); it is updated in place and keeps one entry per cluster, under one of
    its mentions.
    """
    owner = {i: i for i in clusters}

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for i, j in pairs:
        x, y = find(i), find(j)
        if x == y:
            continue
        joined = join(clusters[x], clusters[y])
        if joined is None:
            continue
        joined.links.append(link(i, j))
        owner[y] = x
        clusters[x] = joined
        del clusters[y]
