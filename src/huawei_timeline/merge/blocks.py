"""Blocks of the date line: the merge's candidate pairs, found piece by piece.

Two mentions can be one event only if their dates can be the same period (their
day intervals overlap). So the date line is cut into stretches holding about
``size`` mentions each, counted by where their dates start, and a mention goes to
every block its date overlaps ("2019" lies in several, "16 May 2019" in one).
A pair is scored in the one block where the overlap of its two dates begins.
Whatever the cut, every pair of overlapping mentions that shares an index key is
scored exactly once, with the bundle-wide numbers the scorer carries
(:meth:`~huawei_timeline.merge.score.PairScorer.subset`), so the union of the
blocks' edges is the edge set of the whole bundle at once. Blocks share nothing
else: they can be scored on other machines (``engine.py``), and only their edges
come back to be joined (``cluster.py``'s union-find).

Cost: a block's candidate pairs come from its own posting lists, so a key that
many mentions share pairs them only within a stretch of time; the work grows
with the mentions per block, not with the bundle.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Protocol, TypeAlias, TypeVar

from huawei_timeline.merge.evidence import MAX_POSTING, Interval, intersect, paired
from huawei_timeline.merge.score import MONTH_KEY, PairScorer

BLOCK_MENTIONS: Final = 2000
"""Mentions per block, counted by where their dates start (long dates add more)."""

T = TypeVar("T")
R = TypeVar("R")

Edge: TypeAlias = tuple[float, int, int]
"""``(-score, i, j)`` with ``i < j`` bundle indices: sorted, strongest pair first."""


@dataclass(frozen=True)
class Block:
    """One stretch of the date line (``first`` to ``last``, both included) and the
    dated mentions that overlap it, as bundle indices in increasing order."""

    first: date
    last: date
    members: list[int]
    intervals: list[Interval]
    scorer: PairScorer


class TaskMap(Protocol):
    """How the merge's tasks run: one after the other here (:func:`here`), or an
    engine's ``map`` on workers. Results come in input order."""

    def __call__(self, fn: Callable[[T], R], items: Iterable[T], /) -> Iterable[R]: ...


def here(fn: Callable[[T], R], items: Iterable[T], /) -> Iterator[R]:
    """Run the tasks in this process, one after the other."""
    return (fn(item) for item in items)


def plan_blocks(
    scorer: PairScorer, intervals: Sequence[Interval | None], size: int = BLOCK_MENTIONS
) -> list[Block]:
    """Cut the date line so that about ``size`` dated mentions start in each block."""
    dated = sorted(
        (i for i, span in enumerate(intervals) if span is not None),
        key=lambda i: (_span(intervals, i)[0], i),
    )
    cuts: list[date] = []
    count = 0
    previous: date | None = None
    for i in dated:
        start = _span(intervals, i)[0]
        if count >= size and start != previous:
            cuts.append(start)
            count = 0
        count += 1
        previous = start
    firsts = [date.min, *cuts]
    lasts = [cut - timedelta(days=1) for cut in cuts] + [date.max]
    members: list[list[int]] = [[] for _ in firsts]
    for i in sorted(dated):
        start, end = _span(intervals, i)
        for k in range(bisect.bisect_right(firsts, start) - 1, bisect.bisect_right(firsts, end)):
            members[k].append(i)
    return [
        Block(
            first=first,
            last=last,
            members=inside,
            intervals=[_span(intervals, i) for i in inside],
            scorer=scorer.subset(inside),
        )
        for first, last, inside in zip(firsts, lasts, members, strict=True)
        if inside
    ]


def _span(intervals: Sequence[Interval | None], i: int) -> Interval:
    span = intervals[i]
    assert span is not None
    return span


def candidate_pairs(block: Block) -> list[tuple[int, int]]:
    """The block's pairs (its own indices) that share an index key or a
    back-reference window and whose dates' overlap begins inside the block."""
    scorer = block.scorer
    postings: dict[str, list[int]] = defaultdict(list)
    local = range(len(block.members))
    for k in local:
        for key in scorer.keys(k):
            postings[key].append(k)
    proposing = [
        posting
        for key, posting in postings.items()
        if not key.startswith(MONTH_KEY) or len(posting) <= MAX_POSTING
    ]
    found = []
    for k, m in paired(scorer.mentions, local, proposing):
        overlap = intersect(block.intervals[k], block.intervals[m])
        if overlap is not None and block.first <= overlap[0] <= block.last:
            found.append((k, m))
    return sorted(found)


def block_edges(block: Block) -> list[Edge]:
    """The block's pairs that score at least the weights' ``merge_threshold``, as
    bundle indices."""
    edges = []
    threshold = block.scorer.weights.merge_threshold
    for k, m in candidate_pairs(block):
        value = block.scorer.score(k, m)
        if value >= threshold:
            edges.append((-value, block.members[k], block.members[m]))
    return edges


def merge_edges(blocks: list[Block], run: TaskMap = here) -> list[Edge]:
    """Every block's edges, strongest first (ties by index), however the blocks ran."""
    return sorted(edge for edges in run(block_edges, blocks) for edge in edges)
