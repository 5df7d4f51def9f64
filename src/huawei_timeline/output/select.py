"""Queries over a built :class:`~huawei_timeline.models.Timeline`: filters and entity counts.

Everything here is a pure function of the timeline, so the CLI's ``--from``,
``--person``, ``--min-sources``, ... and the ``entities`` listing work the same on a
timeline read back from JSON as on a fresh one:

>>> from huawei_timeline.output.select import TimelineFilter, filter_timeline, parse_bound
>>> july = TimelineFilter(start=parse_bound("2019-07")[0], people=["ross"])
>>> filter_timeline(timeline, july)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import Field

from huawei_timeline.errors import TimelineError
from huawei_timeline.models import Event, EventDate, Strict, Timeline
from huawei_timeline.timex.values import interval_of

__all__ = [
    "EntityCount",
    "FilterError",
    "TimelineFilter",
    "count_entities",
    "event_interval",
    "filter_timeline",
    "parse_bound",
]


class FilterError(TimelineError):
    """A filter value (``--from``, ``--to``, ...) cannot be understood."""


class TimelineFilter(Strict):
    """Which events to keep. Every criterion given must hold (they are ANDed).

    * ``start`` / ``end``: keep events whose date interval overlaps ``[start, end]``
      (either may be open). An event whose date stands for no calendar interval (a
      duration, "now", an unresolved ``XXXX-...``) is dropped once a bound is set,
      because it cannot be placed.
    * ``people`` / ``organizations`` / ``sources``: keep events naming at least one
      of them; names match case-insensitively as substrings ("trump" matches "Donald
      Trump"); a source matches an outlet name or an article id.
    * ``about``: keep events one of whose source sentences mentions one of these
      words or phrases: case-insensitively, at the start of a word ("spill" matches
      "spills" and "Spill", not "despill"), so a bundle retrieved by a query can be
      held to the query's topic. Blank words are ignored.
    * ``min_sources``: keep events reported by at least this many articles.
    * ``include_planned``: ``False`` drops planned (future) events.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    people: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    about: list[str] = Field(default_factory=list)
    min_sources: int = Field(default=1, ge=1)
    include_planned: bool = True


def parse_bound(text: str) -> tuple[dt.date, dt.date]:
    """Read a ``--from``/``--to`` value: a calendar date at any granularity.

    Returns the first and last day it stands for, so ``--from 2019-07`` starts on
    1 July and ``--to 2019-07`` ends on 31 July. Accepted: ``2019``, ``2019-Q3``,
    ``2019-07``, ``2019-W26``, ``2019-07-09`` (any TIMEX3 calendar value).

    Raises:
        FilterError: ``text`` is not such a date; the message names it.
    """
    span = interval_of(text.strip())
    if span is None:
        raise FilterError(
            f"{text!r} is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Wnn"
        )
    return span


def event_interval(date: EventDate) -> tuple[dt.date, dt.date] | None:
    """The days an event date stands for, widened to open ends by BEFORE/AFTER.

    "before May 2019" ends on 30 April and has no start; "after May 2019" starts on
    1 June and has no end. ``None`` when the value names no calendar period.
    """
    span = interval_of(date.value, None if date.mod in _OPEN_MODS else date.mod)
    if span is None:
        return None
    first, last = span
    if date.mod == "BEFORE":
        return dt.date.min, first - dt.timedelta(days=1)
    if date.mod == "ON_OR_BEFORE":
        return dt.date.min, last
    if date.mod == "AFTER":
        return last + dt.timedelta(days=1), dt.date.max
    if date.mod == "ON_OR_AFTER":
        return first, dt.date.max
    return span


_OPEN_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})


def filter_timeline(timeline: Timeline, keep: TimelineFilter) -> Timeline:
    """Return ``timeline`` with only the events ``keep`` accepts, in the same order.

    Articles and warnings are unchanged: the filter narrows the chronology, not the
    evidence it was built from.
    """
    about = _word_starts(keep.about)
    events = [event for event in timeline.events if _accepts(keep, about, event)]
    return timeline.model_copy(update={"events": events})


def _word_starts(words: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``words`` at a word's start, any case; None for no words."""
    wanted = [re.escape(w.strip()) for w in words if w.strip()]
    return re.compile(r"\b(?:" + "|".join(wanted) + ")", re.IGNORECASE) if wanted else None


def _accepts(keep: TimelineFilter, about: re.Pattern[str] | None, event: Event) -> bool:
    if event.sources < keep.min_sources:
        return False
    if not keep.include_planned and event.modality == "planned":
        return False
    if not _in_range(keep.start, keep.end, event.date):
        return False
    if keep.people and not _any_match(keep.people, event.people):
        return False
    if keep.organizations and not _any_match(keep.organizations, event.organizations):
        return False
    if keep.sources:
        names = [*event.outlets, *(m.article_id for m in event.mentions)]
        if not _any_match(keep.sources, names):
            return False
    return about is None or any(about.search(m.sentence) for m in event.mentions)


def _in_range(start: dt.date | None, end: dt.date | None, date: EventDate) -> bool:
    if start is None and end is None:
        return True
    span = event_interval(date)
    if span is None:
        return False
    first, last = span
    return (start is None or last >= start) and (end is None or first <= end)


def _any_match(wanted: Iterable[str], names: Sequence[str]) -> bool:
    folded = [name.casefold() for name in names]
    return any(w.casefold() in name for w in wanted for name in folded)


# --------------------------------------------------------------------------- entities


class EntityCount(Strict):
    """A person or organisation and how much of the timeline involves them.

    ``events`` counts the events that name them; ``sources`` the distinct articles
    reporting those events, and ``outlets`` their outlets.
    """

    kind: Literal["person", "organization"]
    name: str
    events: int
    sources: int
    outlets: list[str]


def count_entities(timeline: Timeline) -> list[EntityCount]:
    """List the people, then the organisations, of a timeline, most events first.

    Ties are broken by the number of sources, then alphabetically, so the order is
    stable.
    """
    outlet_of = {article.id: article.outlet for article in timeline.articles}
    # Outlets in manifest order, as Event.outlets lists them.
    rank = {outlet: i for i, outlet in enumerate(dict.fromkeys(outlet_of.values()))}
    found: dict[tuple[Literal["person", "organization"], str], list[Event]] = {}
    for event in timeline.events:
        for name in event.people:
            found.setdefault(("person", name), []).append(event)
        for name in event.organizations:
            found.setdefault(("organization", name), []).append(event)
    counts = []
    for (kind, name), events in found.items():
        articles = sorted({m.article_id for e in events for m in e.mentions})
        outlets = sorted(
            {outlet_of.get(a, a) for a in articles}, key=lambda o: (rank.get(o, len(rank)), o)
        )
        counts.append(
            EntityCount(
                kind=kind, name=name, events=len(events), sources=len(articles), outlets=outlets
            )
        )
    return sorted(
        counts, key=lambda c: (c.kind != "person", -c.events, -c.sources, c.name.casefold())
    )
