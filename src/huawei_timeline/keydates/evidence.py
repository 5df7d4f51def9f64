"""Evidence for the importance of each date, counted over the whole bundle.

Four kinds after the date-selection literature (Tran et al. 2013; Martschat &
Markert 2018; news-tls "Datewise", Ghalandari & Ifrim 2020), and a fifth that
lets the model discount the third:

* **publication volume**: articles published on the date and on the day after
  it (a day's news is mostly printed the morning after);
* **date references**: date expressions in the articles' text that name the
  date, and how many articles published *later* name it (a day that later reports
  look back to is one the story turned on: the strongest single signal in Datewise);
* **reports of events**: the date's events, the distinct articles and outlets
  reporting them, and how many of those articles came out more than a day later
  (the date-reference signal again, read from the events rather than the dates);
* **merged event size**: the most articles reporting one of the date's events;
* **exposure**: how many articles came out after the date, and more than a week
  after it: the chances later reports had to name it. Without them the reference
  counts favour the early dates of a bundle (on Timeline17 the dates chosen
  without them sat at a median 30% of the way through the window, the
  journalists' at 41%).

A candidate date is a day, or a period no longer than a month that an event is
dated to as a whole ("the weekend of 29-30 June", "mid-October"): its granularity
is kept, never narrowed to an invented day, and ``day`` in the evidence says
which it is. A period that holds a candidate day is left to its days; years,
quarters and open ranges ("before May") are no candidates.
Everything here is a pure function of a :class:`~huawei_timeline.models.Timeline`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from huawei_timeline.models import (
    Event,
    EventDate,
    KeyDateEvidence,
    TimeExpression,
    Timeline,
    calendar_day,
)
from huawei_timeline.timex.values import interval_of

__all__ = ["FEATURES", "DateEvidence", "candidate_date", "collect_evidence", "feature_vector"]

FEATURES: tuple[str, ...] = tuple(KeyDateEvidence.model_fields)
"""The evidence counts in model order; the model sees ``log(1 + count)`` of each."""

WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)
"""An article a week after a date that names it still recalls it: no longer the news of the day."""
_DAY_GRANULARITIES = frozenset({"day", "part_of_day", "time"})
_PERIOD_GRANULARITIES = frozenset({"week", "weekend", "month"})
_OPEN_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})


def candidate_date(
    value: str, granularity: str, mod: str | None = None
) -> tuple[EventDate, dt.date, dt.date] | None:
    """The candidate a TIMEX3 date stands for, with its first and last day, or None.

    A day-precise value ("2011-02-11", "2011-02-11TEV", "2011-02-11T10:35") is its
    day; a week, weekend or month (any ``START``/``MID``/``END``) stays itself; a
    year, a quarter or an open range ("before 9 July") is no candidate.
    """
    if mod in _OPEN_MODS:
        return None
    if granularity in _DAY_GRANULARITIES:
        span = interval_of(value)
        if span is None or span[0] != span[1]:
            return None
        day = span[0]
        return EventDate(value=day.isoformat(), type="DATE", granularity="day"), day, day
    if granularity in _PERIOD_GRANULARITIES:
        span = interval_of(value, mod)
        if span is None:
            return None
        mod_value = mod if mod in ("START", "MID", "END") else None
        key = EventDate(value=value, type="DATE", mod=mod_value, granularity=granularity)
        return key, span[0], span[1]
    return None


def _expression_date(expression: TimeExpression) -> EventDate | None:
    if expression.type not in ("DATE", "TIME"):
        return None
    found = candidate_date(expression.value, expression.granularity, expression.mod)
    return None if found is None else found[0]


@dataclass
class DateEvidence:
    """The counts for one candidate date, and its events (most reported first)."""

    date: EventDate
    first: dt.date
    last: dt.date
    evidence: KeyDateEvidence
    events: list[Event] = field(default_factory=list)


def collect_evidence(timeline: Timeline) -> dict[EventDate, DateEvidence]:
    """Evidence for every candidate date that an event of ``timeline`` is dated to.

    The candidates come from the events, so the filters already applied to the
    timeline (``--from``/``--to``, ``--person``, ...) bound them; the publication and
    reference counts come from every article of the bundle. Ordered by first day.
    """
    published: dict[dt.date, int] = defaultdict(int)
    references: dict[EventDate, int] = defaultdict(int)
    referring: dict[EventDate, list[tuple[dt.date, str]]] = defaultdict(list)
    for article in timeline.articles:
        day_published = calendar_day(article.published)
        published[day_published] += 1
        for expression in article.time_expressions:
            named = _expression_date(expression)
            if named is not None:
                references[named] += 1
                referring[named].append((day_published, article.id))

    spans: dict[EventDate, tuple[dt.date, dt.date]] = {}
    by_date: dict[EventDate, list[Event]] = defaultdict(list)
    for event in timeline.events:
        found = candidate_date(event.date.value, event.date.granularity, event.date.mod)
        if found is not None:
            key, first, last = found
            spans[key] = (first, last)
            by_date[key].append(event)

    # A period holding a candidate day is no candidate itself: the day says more,
    # and "in May" next to "16 May" is mostly a vaguer report around that day.
    days = {first for first, last in spans.values() if first == last}
    outlet_of = {article.id: article.outlet for article in timeline.articles}
    published_on = {a.id: calendar_day(a.published) for a in timeline.articles}
    published_days = sorted(published_on.values())

    def published_after(day: dt.date) -> int:
        return len(published_days) - bisect.bisect_right(published_days, day)

    found_dates: dict[EventDate, DateEvidence] = {}
    for key in sorted(by_date, key=lambda k: (spans[k], k.value, k.mod or "")):
        first, last = spans[key]
        if first != last and any(first <= day <= last for day in days):
            continue
        events = sorted(by_date[key], key=lambda e: (-e.sources, e.id))
        articles = {m.article_id for e in events for m in e.mentions}
        found_dates[key] = DateEvidence(
            date=key,
            first=first,
            last=last,
            events=events,
            evidence=KeyDateEvidence(
                day=int(first == last),
                published=sum(
                    published.get(first + dt.timedelta(days=i), 0)
                    for i in range((last - first).days + 1)
                ),
                published_next=published.get(last + dt.timedelta(days=1), 0),
                referring_articles=len({a for day, a in referring.get(key, ()) if day > last}),
                remembered=len({a for day, a in referring.get(key, ()) if day > last + WEEK}),
                published_after=published_after(last),
                published_week_after=published_after(last + WEEK),
                references=references.get(key, 0),
                events=len(events),
                event_articles=len(articles),
                later_reports=len({a for a in articles if published_on.get(a, first) > last + DAY}),
                event_outlets=len({outlet_of.get(a, a) for a in articles}),
                largest_event=max(e.sources for e in events),
            ),
        )
    return found_dates


def feature_vector(evidence: KeyDateEvidence, names: Iterable[str] = FEATURES) -> list[float]:
    """``log(1 + count)`` of each named count: counts grow with the bundle, logs shift."""
    values = evidence.model_dump()
    return [math.log1p(float(values[name])) for name in names]
