"""How a TIMEX3 date reads in every output: ``Tue 9 Jul 2019``, ``mid-Oct 2019``, ``Q3 2019``.

Plain strings, no styling, so the terminal, the exports and the HTML page say a
date (and a key date's score) the same way without pulling in rich.
"""

from __future__ import annotations

import datetime as dt
import re

from huawei_timeline.models import DateConflict, Event, EventDate, Granularity, KeyDate
from huawei_timeline.timex.values import TimexValueError, granularity_of, interval_of

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_MOD_PREFIXES = {
    "START": "early ",
    "MID": "mid-",
    "END": "late ",
    "APPROX": "around ",
    "BEFORE": "before ",
    "AFTER": "after ",
    "ON_OR_BEFORE": "on or before ",
    "ON_OR_AFTER": "on or after ",
    "LESS_THAN": "less than ",
    "MORE_THAN": "more than ",
    "EQUAL_OR_LESS": "at most ",
    "EQUAL_OR_MORE": "at least ",
}
PUBLISH_MARK = " (publish date)"
"""Follows an event's date when no text states it: the day of the first report of
an undated lead event ("has apologised"), not a date the article printed."""
_EN_DASH = "\u2013"  # typographic range dash, spelled out so it is not mistaken for "-"
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}

# Display-only parsing of the parts of a TIMEX3 value that a day interval cannot carry
# (clock time, part of day, season name); values.interval_of covers the calendar.
_CLOCK = re.compile(r"T(\d{2}):(\d{2})")
_PART_OF_DAY = re.compile(r"T([A-Z]{2})$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)([YMWDHS])")


def display_date(date: EventDate) -> str:
    """Return a date as a reader would say it, keeping its granularity and modifier.

    Examples: ``Tue 9 Jul 2019`` (day), ``May 2019`` (month), ``mid-Oct 2019`` (MID),
    ``week of 24 Jun 2019``, ``Q3 2019``, ``2010s``, ``around May 2019`` (APPROX),
    ``Thu 11 Jul 2019 10:37`` (time). A value that cannot be read (unresolved,
    ``XXXX-...``) is shown as it is rather than guessed.
    """
    prefix = _MOD_PREFIXES.get(date.mod, "") if date.mod else ""
    return prefix + _display_value(date.value, date.granularity)


def _display_value(value: str, granularity: Granularity) -> str:
    if granularity == "duration":
        return _display_duration(value)
    if granularity == "reference":
        return _REFERENCES.get(value, value)
    # The mod is rendered as words, so the calendar span is that of the bare value.
    span = interval_of(value)
    if granularity == "set" or span is None:
        return value
    first, last = span
    if granularity == "time":
        clock = _CLOCK.search(value)
        return f"{_weekday_dmy(first)} {clock[1]}:{clock[2]}" if clock else _weekday_dmy(first)
    if granularity == "part_of_day":
        part = _PART_OF_DAY.search(value)
        name = _PARTS_OF_DAY.get(part[1]) if part else None
        return f"{_weekday_dmy(first)} {name}" if name else _weekday_dmy(first)
    if granularity == "day":
        return _weekday_dmy(first)
    if granularity == "week":
        return f"week of {_dmy(first)}"
    if granularity == "weekend":
        return f"weekend of {_day_range(first, last)}"
    if granularity == "month":
        return f"{_MONTHS[first.month - 1]} {first.year}"
    if granularity == "quarter":
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    if granularity == "half":
        return f"H{(first.month - 1) // 6 + 1} {first.year}"
    if granularity == "season":
        year, _, code = value.partition("-")
        return f"{_SEASONS.get(code, code)} {year}"
    if granularity == "decade":
        return f"{first.year}s"
    if granularity == "century":
        return f"{_ordinal(first.year // 100 + 1)} century"
    if granularity == "millennium":
        return f"{_ordinal(first.year // 1000 + 1)} millennium"
    return value  # a year, possibly a fiscal one ("FY2019"), reads as written


def display_event_date(event: Event) -> str:
    """An event's date as :func:`display_date` says it, marked when only publish days
    date it (:func:`dated_by_publication`): ``Sat 8 Aug 1998 (publish date)``."""
    mark = PUBLISH_MARK if dated_by_publication(event) else ""
    return display_date(event.date) + mark


def dated_by_publication(event: Event) -> bool:
    """No mention of the event states a date: its date is a publish day
    (``date_source`` "publish"), given to a lead event as evidence."""
    sources = {m.date_source for m in event.mentions}
    return "publish" in sources and not sources & {"own", "context"}


def key_date_value(key: KeyDate) -> EventDate:
    """A key date as an event date, to display it or place it on an axis."""
    return EventDate(value=key.date, type="DATE", mod=key.mod, granularity=key.granularity)


def key_date_score(score: float) -> str:
    """A key date's score as printed: two decimals, or "< 0.01" rather than a bare
    "0.00" (a date with almost no evidence, or a model that ranks periods last)."""
    text = f"{score:.2f}"
    return "< 0.01" if text == "0.00" else text


def _weekday_dmy(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {_dmy(day)}"


def _dmy(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _day_range(first: dt.date, last: dt.date) -> str:
    """``29-30 Jun 2019``, ``31 Aug-1 Sep 2019``, ``28 Dec 2019-3 Jan 2020`` (with an en dash)."""
    if first.year != last.year:
        return f"{_dmy(first)}{_EN_DASH}{_dmy(last)}"
    if first.month != last.month:
        return f"{first.day} {_MONTHS[first.month - 1]}{_EN_DASH}{_dmy(last)}"
    return f"{first.day}{_EN_DASH}{_dmy(last)}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _display_duration(value: str) -> str:
    """``P3D`` -> ``3 days``; ``PT2H30M`` -> ``2 hours 30 minutes``; ``PXY`` -> ``years``."""
    date_part, _, time_part = value.removeprefix("P").partition("T")
    words = [
        _quantity(amount, units[unit])
        for part, units in ((date_part, _DURATION_UNITS), (time_part, _TIME_UNITS))
        for amount, unit in _DURATION_PART.findall(part)
        if unit in units
    ]
    return " ".join(words) if words else value


def _quantity(amount: str, unit: str) -> str:
    if amount == "X":
        return f"{unit}s"
    return f"{amount} {unit}" if amount == "1" else f"{amount} {unit}s"


# ------------------------------------------------------------------------- timeline


def display_conflict_date(conflict: DateConflict, merged: EventDate) -> str:
    """Return the date a disagreeing source gives, worded like :func:`display_date`.

    A conflict carries only a value and a modifier; the granularity is derived from
    the value, and the type is the merged date's. An unreadable value is shown as is.
    """
    try:
        granularity = granularity_of(conflict.value, merged.type)
    except TimexValueError:
        return conflict.value
    their_date = EventDate(
        value=conflict.value, type=merged.type, mod=conflict.mod, granularity=granularity
    )
    return display_date(their_date)
