"""The TIMEX3 value grammar: validation, granularity and day intervals.

TimeML writes every normalised time as an ISO-8601-like string (``2019``,
``2019-Q3``, ``2019-W26-WE``, ``2019-07-09TMO``, ``P90D``, ``PAST_REF`` ...).
Any digit position may be ``X`` when it is unknown (``XXXX-10``,
``XXXX-WXX-7``). This module is pure string/date arithmetic and is shared by
the tagger, the resolver and the later stages.

Conventions chosen here (all documented in the functions):

* Seasons are meteorological, northern hemisphere: spring = March-May,
  summer = June-August, autumn (``FA``) = September-November, winter (``WI``)
  = December of the value's year to the end of February of the next year.
* ``START``/``MID``/``END`` narrow a period to its first/middle/last third:
  whole months for years, halves, quarters and seasons ("early 2019" =
  January-April); a month is split at days 10 and 20 ("early May" = 1-10 May,
  "late May" = 21-31 May); other periods are split by days.
* Open-ended modifiers (``BEFORE``, ``AFTER``, ``ON_OR_BEFORE``,
  ``ON_OR_AFTER``) give ``None``: the thing dated lies outside (or only
  touches) the value's period, so no finite day interval can be claimed.
  Other modifiers (``APPROX``, ``LESS_THAN`` ...) keep the value's own
  interval.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Final

from huawei_timeline.errors import TimelineError
from huawei_timeline.models import Granularity, TimexType

__all__ = [
    "PART_OF_DAY_CODES",
    "REFERENCE_VALUES",
    "SEASON_CODES",
    "TimexValueError",
    "granularity_of",
    "interval_of",
    "is_valid_value",
]

REFERENCE_VALUES: Final = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
SEASON_CODES: Final = ("SP", "SU", "FA", "WI")
PART_OF_DAY_CODES: Final = ("MO", "MI", "AF", "EV", "NI", "DT")

OPEN_ENDED_MODS: Final = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})


class TimexValueError(TimelineError, ValueError):
    """A string is not a TIMEX3 value of the kind asked for."""


# A digit position may be unknown ("X"); an optional fiscal-year prefix is
# kept because TimeBank writes "FY1989".
_D = r"[\dX]"
_YEAR = rf"(?:FY)?{_D}{{4}}"
_DAY_PART = rf"(?:{_YEAR}-{_D}{{2}}-{_D}{{2}}|{_YEAR}-W{_D}{{2}}-[1-7X])"
_GRAMMAR: Final[tuple[tuple[Granularity, str], ...]] = (
    ("reference", r"PAST_REF|PRESENT_REF|FUTURE_REF"),
    ("millennium", rf"{_D}"),
    ("century", rf"{_D}{{2}}"),
    ("decade", rf"{_D}{{3}}"),
    ("year", _YEAR),
    ("half", rf"{_YEAR}-H[12X]"),
    ("quarter", rf"{_YEAR}-Q[1-4X]"),
    ("season", rf"{_YEAR}-(?:SP|SU|FA|WI)"),
    ("month", rf"{_YEAR}-{_D}{{2}}"),
    ("week", rf"{_YEAR}-W{_D}{{2}}"),
    ("weekend", rf"{_YEAR}-W{_D}{{2}}-WE"),
    ("day", _DAY_PART),
    ("part_of_day", rf"{_DAY_PART}?T(?:MO|MI|AF|EV|NI|DT)"),
    (
        "time",
        rf"{_DAY_PART}?T{_D}{{2}}(?::{_D}{{2}}(?::{_D}{{2}}(?:\.\d+)?)?)?"
        r"(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    ),
)
_PATTERNS: Final = tuple((gran, re.compile(pattern)) for gran, pattern in _GRAMMAR)

# Durations: P, then amounts with date units, then optionally T with time
# units. TimeBank also uses DE(cade), CE(ntury), ML (millennium), Q(uarter),
# H(alf year) and WE(ekend) as units; an amount may be "X" (vague) and so may
# the unit ("PXX", a period of unknown length and unit).
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION: Final = re.compile(
    rf"P(?!$)(?:{_AMOUNT}(?:ML|CE|DE|Y|H|Q|M|WE|W|D|X))*"
    rf"(?:T(?=.)(?:{_AMOUNT}(?:H|M|S))*)?"
)


def is_valid_value(value: str) -> bool:
    """Tell whether ``value`` matches the TIMEX3 value grammar.

    Accepted: calendar dates at any granularity (``2019``, ``201``, ``20``,
    ``2019-H1``, ``2019-Q3``, ``2019-SU``, ``2019-10``, ``2019-W26``,
    ``2019-W26-WE``, ``2019-07-09``, ``2019-W28-2``), parts of day
    (``2019-07-09TMO``), times (``2019-07-11T10:37``), durations (``P90D``,
    ``P1Y``, ``PT2H``, ``PXY``), the references ``PAST_REF``/``PRESENT_REF``/
    ``FUTURE_REF`` and sets written with ``X`` (``XXXX-WXX-7``).
    """
    if _DURATION.fullmatch(value):
        return True
    return _date_granularity(value) is not None


def granularity_of(value: str, type: TimexType) -> Granularity:
    """Return the granularity of a TIMEX3 value of the given TIMEX3 type.

    ``DURATION`` values are ``"duration"`` and ``SET`` values ``"set"``
    whatever they look like; for ``DATE``/``TIME`` the shape of the value
    decides (``"2019-W26-WE"`` -> ``"weekend"``).

    Raises:
        TimexValueError: ``value`` is not a valid value for ``type``.
    """
    if type == "SET":
        if not is_valid_value(value):
            raise TimexValueError(_bad_value_message(value, type))
        return "set"
    if type == "DURATION":
        if not _DURATION.fullmatch(value):
            raise TimexValueError(_bad_value_message(value, type))
        return "duration"
    granularity = _date_granularity(value)
    if granularity is None:
        raise TimexValueError(_bad_value_message(value, type))
    return granularity


def interval_of(value: str, mod: str | None = None) -> tuple[date, date] | None:
    """Return the inclusive day interval that a DATE/TIME value stands for.

    ``"2019-05"`` -> (2019-05-01, 2019-05-31); ``"2019-W26-WE"`` -> the Saturday
    and Sunday of ISO week 26. Times and parts of day give their day.
    ``mod`` narrows the period: ``START``/``MID``/``END`` keep its first, middle
    or last third (a month splits at days 10 and 20). ``BEFORE``, ``AFTER``,
    ``ON_OR_BEFORE`` and ``ON_OR_AFTER`` return ``None`` because the period is
    only a bound. Returns ``None`` for references, durations, sets, values with
    unknown (``X``) digits and strings that are not values.
    """
    if mod in OPEN_ENDED_MODS:
        return None
    granularity = _date_granularity(value)
    if granularity is None or granularity == "reference" or "X" in value:
        return None
    try:
        span = _period(value.removeprefix("FY") if granularity == "year" else value, granularity)
    except ValueError:  # e.g. 2019-02-30 or week 54: well-formed, not a real day
        return None
    if span is None or value.startswith("FY"):
        # A fiscal year's months depend on the organisation.
        return None
    return _narrow(span, granularity, mod)


# ------------------------------------------------------------------ internals


def _bad_value_message(value: str, type: TimexType) -> str:
    accepted = {
        "DURATION": "a duration such as P90D, P1Y, PT2H or PXY",
        "SET": "a set value such as XXXX-WXX-7 or P1W",
    }.get(type, "a date/time such as 2019, 2019-Q3, 2019-07, 2019-W26-WE, 2019-07-09T10:37")
    return f"{value!r} is not a valid TIMEX3 {type} value; expected {accepted}"


def _date_granularity(value: str) -> Granularity | None:
    for granularity, pattern in _PATTERNS:
        if pattern.fullmatch(value):
            return granularity
    return None


def _period(value: str, granularity: Granularity) -> tuple[date, date] | None:
    """The full (unmodified) day interval of a fully specified value."""
    head = value.split("T", 1)[0]
    if granularity in ("part_of_day", "time"):
        if not head:  # a bare time of day names no day
            return None
        granularity = "day"
    fields = head.split("-")
    year_text = fields[0]
    if granularity in ("millennium", "century", "decade"):
        width = 10 ** (4 - len(year_text))
        first = int(year_text) * width
        return date(max(first, 1), 1, 1), date(first + width - 1, 12, 31)
    year = int(year_text)
    if granularity == "year":
        return date(year, 1, 1), date(year, 12, 31)
    return _sub_year_period(year, fields[1:], granularity)


def _sub_year_period(year: int, fields: list[str], granularity: Granularity) -> tuple[date, date]:
    code = fields[0]
    if granularity == "half":
        first_month = 1 if code == "H1" else 7
        return _months(year, first_month, 6)
    if granularity == "quarter":
        return _months(year, 3 * int(code[1]) - 2, 3)
    if granularity == "season":
        return _months(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code], 3)
    if granularity == "month":
        return _months(year, int(code), 1)
    if not code.startswith("W"):  # a calendar day YYYY-MM-DD
        day = date(year, int(code), int(fields[1]))
        return day, day
    week = int(code[1:])
    if granularity == "week":
        return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
    if granularity == "weekend":
        return date.fromisocalendar(year, week, 6), date.fromisocalendar(year, week, 7)
    day = date.fromisocalendar(year, week, int(fields[1]))  # a week day YYYY-Www-D
    return day, day


def _months(year: int, first_month: int, count: int) -> tuple[date, date]:
    """``count`` whole months from ``first_month``; may run into the next year."""
    last_index = first_month - 1 + count - 1
    last_year, last_month = year + last_index // 12, last_index % 12 + 1
    last_day = calendar.monthrange(last_year, last_month)[1]
    return date(year, first_month, 1), date(last_year, last_month, last_day)


def _narrow(
    span: tuple[date, date], granularity: Granularity, mod: str | None
) -> tuple[date, date]:
    if mod not in ("START", "MID", "END"):
        return span
    part = ("START", "MID", "END").index(mod)
    first, last = span
    if granularity in _MONTH_ALIGNED:
        # Periods made of months split into whole months: "early 2019" = Jan-Apr.
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        third = months // 3
        start_month = first.year * 12 + first.month - 1 + part * third
        count = third if part < 2 else months - 2 * third
        return _months(start_month // 12, start_month % 12 + 1, count)
    # A month splits the customary way (1-10, 11-20, 21-end), other periods in thirds.
    # Offsets are clamped before they are added, so a period ending on date.max
    # (9999-12-31) never steps past it.
    length = (last - first).days + 1
    third = 10 if granularity == "month" else max(length // 3, 1)
    first_offset = min(part * third, length - 1)
    last_offset = length - 1 if part == 2 else min((part + 1) * third - 1, length - 1)
    return first + timedelta(days=first_offset), first + timedelta(days=last_offset)


_MONTH_ALIGNED: Final = frozenset({"year", "half", "quarter", "season"})
