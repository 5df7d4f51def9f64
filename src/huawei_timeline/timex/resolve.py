"""Resolution step: anchor underspecified TIMEX3 values on the DCT and tense.

Detection (:mod:`huawei_timeline.timex.detect`) yields an :class:`Underspecified`
value, as HeidelTime's extraction step yields ``UNDEF-...`` values; here it
becomes a full TIMEX3 value, using only the document creation time (DCT, the
publish date) and the tense of the governing verb -- never the wall clock.

Resolution rules (the same for every value with an unknown year or week):

* The candidates are the value in the year (or ISO week) of the DCT and in the
  one before and after it.
* ``direction`` from the text wins: ``before`` ("last August") = the latest
  candidate that ends before the DCT, ``after`` ("next March") = the earliest
  that starts after it, ``same`` ("this winter") = the DCT's own year/week.
* Otherwise the tense decides: PAST = the latest candidate starting on or
  before the DCT ("said on Tuesday" on a Tuesday = that day); FUTURE = the
  earliest candidate ending on or after the DCT (future-in-the-past "would"
  counts as FUTURE: it lies after the reported moment, usually after the DCT);
  PRESENT or unknown = the candidate containing the DCT, else the nearest one.
  A month, day or quarter within two months of the DCT is the nearest one
  whatever the tense, except ahead into the next year against PAST, and ahead
  by more than a day against DONE (a simple past told of the date itself, "a
  bomb killed 19 servicemen in June": :func:`told_as_done`).
* ``year_shift`` fixes the year relative to the DCT's ("June last year" =
  June of DCT year - 1) whatever the tense.
* Relative chains: a value with ``anchor="ref"`` ("a year earlier", "the
  following month", "the quarter") moves the *reference time* -- the last
  fully specified date mentioned before it -- instead of the DCT, as
  HeidelTime's ``UNDEF-REF`` values do. A shift by years keeps the reference's
  own granularity ("a year earlier" after "the third quarter of 1989" is
  ``1988-Q3``); other units give the unit's granularity. Without a reference
  the DCT is used. ``anchor="recent"`` ("that day", "later that night") takes
  the day mentioned just before (the caller passes it, or nothing: then there
  is no value).
* The value keeps the granularity of the expression: "in May" is ``2019-05``,
  never a day.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict

from huawei_timeline.models import (
    EventDate,
    Sentence,
    Tense,
    TimexMod,
    TimexType,
    Token,
    calendar_day,
)
from huawei_timeline.timex.values import (
    REFERENCE_VALUES,
    granularity_of,
    interval_of,
    is_valid_value,
)

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = [
    "SHIFT_UNITS",
    "Anchor",
    "Direction",
    "ShiftUnit",
    "Underspecified",
    "dateparser_value",
    "day_of",
    "governing_tense",
    "resolve",
    "told_as_done",
]

Direction = Literal["before", "after", "same"]
Anchor = Literal["dct", "ref", "period", "recent"]
ShiftUnit = Literal[
    "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century"
]
SHIFT_UNITS: Final[frozenset[str]] = frozenset(get_args(ShiftUnit))


class Underspecified(BaseModel):
    """A detected expression's value before anchoring (HeidelTime's ``UNDEF``).

    Either ``value`` is a TIMEX3 value whose unknown parts are ``X``
    (``XXXX-10``, ``XXXX-WXX-2``, ``XXXX-XX-XXT10:30``) and ``direction`` (or
    the tense) says where it lies relative to the DCT; or ``shift``/``unit``
    move the DCT ("last month" = -1 month) and ``suffix`` is appended
    ("yesterday morning" = -1 day + ``TMO``). ``year_shift`` sets an unknown
    year relative to the DCT's ("June last year"); ``anchor="ref"`` moves the
    reference time (the last date mentioned) instead of the DCT, and
    ``dct_shift`` replaces ``shift`` when no reference is at hand. A ``unit``
    without ``shift`` names the period that holds the value's day ("the week of
    March 6": the ISO week; only "week").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: TimexType
    value: str | None = None
    mod: TimexMod | None = None
    shift: int | None = None
    unit: ShiftUnit | None = None
    direction: Direction | None = None
    suffix: str = ""
    year_shift: int | None = None
    anchor: Anchor = "dct"
    dct_shift: int | None = None


# ------------------------------------------------------------------ resolve


def resolve(
    partial: Underspecified,
    dct: date | datetime,
    tense: Tense | None = None,
    reference: str | None = None,
    narrative: str | None = None,
    recent: str | None = None,
) -> EventDate | None:
    """Anchor ``partial`` on the document creation time ``dct``.

    ``tense`` (of the governing verb) picks among the candidate years or weeks
    when the text itself does not ("in October" said in July 2019 is 2018-10
    in the past tense and 2019-10 in the future). ``reference`` is the value
    of the last date mentioned before the expression; only ``anchor="ref"``
    values use it. ``narrative`` is that reference when it was mentioned close
    enough before the expression to be the time the text is talking about: a
    month or weekday without a year then lies in that earlier story
    (:func:`_in_narrative`). ``recent`` is the day (``YYYY-MM-DD``) mentioned
    last, if that was in the same sentence or the two before it: "that day"
    (``anchor="recent"``) names it, and a bare time of day lies on it (if it is
    not after the DCT). Returns
    ``None`` when the result is not a valid TIMEX3 value (e.g. a shift by hours,
    30 February), and for "that day" with no ``recent`` day.
    """
    anchor = calendar_day(dct)
    try:
        value = _anchored_value(partial, anchor, tense, reference, narrative, recent)
    except (OverflowError, ValueError):
        # A publish date at the ends of the calendar (year 1, year 9999) leaves
        # no neighbouring year or week to anchor on: no value rather than a crash.
        return None
    if value is None or not is_valid_value(value):
        return None
    return EventDate(
        value=value,
        type=partial.type,
        mod=partial.mod,
        granularity=granularity_of(value, partial.type),
    )


_YEAR_PREFIX: Final = re.compile(r"^(\d{4})(?=-|$)")


def _anchored_value(
    partial: Underspecified,
    anchor: date,
    tense: Tense | None,
    reference: str | None,
    narrative: str | None = None,
    recent: str | None = None,
) -> str | None:
    """The full value of ``partial`` on ``anchor``; may raise at the calendar's ends."""
    value: str | None
    if partial.anchor == "recent":
        if recent is None:
            return None  # "that day" with no day just mentioned names no date
        reference = recent
    if partial.shift is not None and partial.unit is not None:
        shifted = None
        if reference is not None and _anchors_on(partial.anchor, reference):
            shifted = _shifted_reference(reference, partial.unit, partial.shift)
        if shifted is None:
            # Without a reference, "the quarter" of a report is the last one (dct_shift -1).
            count = partial.shift if partial.dct_shift is None else partial.dct_shift
            shifted = _shifted(anchor, partial.unit, count)
        value = shifted + partial.suffix
    elif partial.value is None:
        value = None
    elif partial.type in ("DURATION", "SET") or partial.value in REFERENCE_VALUES:
        value = partial.value
    elif partial.year_shift is not None and partial.value.startswith("XXXX"):
        value = movable_day(f"{anchor.year + partial.year_shift:04d}" + partial.value[4:])
    elif "X" in partial.value and _UNKNOWN_DAY.match(partial.value):
        value = _clock_time(partial.value, anchor, reference, recent)
    elif "X" in partial.value:
        hint = partial.direction or tense
        value = _in_narrative(partial.value, anchor, hint, narrative) or _fill(
            partial.value, anchor, hint
        )
    else:
        value = movable_day(partial.value)  # "Labor Day 1936": 1936-09-01>1
    if partial.unit == "week" and partial.shift is None and value is not None:
        value = _week_holding(value)  # "the week of March 6": that day's week
    return value


def _week_holding(value: str) -> str:
    """The ISO week of a full day value ("2000-03-06" -> "2000-W10"); others as they are."""
    if not _DAY_VALUE.fullmatch(value):
        return value
    return _shifted(date.fromisoformat(value), "week", 0)


def _shifted_reference(reference: str, unit: ShiftUnit, count: int) -> str | None:
    """The reference value moved by ``count`` ``unit``s, or None if it cannot be.

    A reference coarser than the unit is returned as it is: "three days later"
    after "in 2003" is 2003 (a day in it is unknown), not three days after the
    publish date.
    """
    year = _YEAR_PREFIX.match(reference)
    granularity = granularity_of(reference, "DATE") if is_valid_value(reference) else None
    if unit == "year" and year is not None and granularity in _KEPT_BY_YEAR_SHIFT:
        # Keep the reference's own granularity: 1989-Q3 a year earlier is 1988-Q3.
        shifted = f"{int(year[1]) + count:04d}" + reference[4:]
        return shifted if interval_of(shifted) is not None else None
    span = interval_of(reference)
    if span is None or granularity is None:
        return None
    if _UNIT_RANK.get(granularity, 0) < _UNIT_RANK[unit]:
        return reference  # "a day later" after "in May": still May, never a day invented
    return _shifted(span[0], unit, count)


def _anchors_on(anchor: Anchor, reference: str) -> bool:
    """Whether an expression anchored ``anchor`` moves ``reference`` (not the DCT).

    ``period``: only a reported period (quarter or half) -- "a year ago" after
    "the third quarter" is the year-ago quarter; otherwise "ago" counts from
    the DCT.
    """
    if anchor in ("ref", "recent"):
        return True
    return anchor == "period" and re.fullmatch(r"\d{4}-[QH]\d", reference) is not None


# A shift by years keeps these granularities of the reference (1989-Q3 -> 1988-Q3);
# from a day it gives the year (TimeBank writes "a year earlier" as 1988 then).
_KEPT_BY_YEAR_SHIFT: Final = frozenset({"year", "half", "quarter", "season", "month"})

# How fine a granularity is; a reference must be at least as fine as the unit.
_UNIT_RANK: Final[dict[str, int]] = {
    "century": 1, "decade": 2, "year": 3, "half": 4, "season": 4, "quarter": 5,
    "month": 6, "week": 7, "weekend": 7, "day": 8, "part_of_day": 8, "time": 8,
}  # fmt: skip


def _shifted(anchor: date, unit: ShiftUnit, count: int) -> str:
    """The DCT's ``unit`` moved by ``count`` units, as a TIMEX3 value."""
    year, month = anchor.year, anchor.month
    if unit == "day":
        return (anchor + timedelta(days=count)).isoformat()
    if unit in ("week", "weekend"):
        iso = (anchor + timedelta(weeks=count)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        index = year * 12 + month - 1 + count
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "quarter":
        index = year * 4 + (month - 1) // 3 + count
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "half":
        index = year * 2 + (month - 1) // 6 + count
        return f"{index // 2:04d}-H{index % 2 + 1}"
    if unit == "season":
        # Winter belongs to the year of its December, so January is last year's WI.
        index = (year * 12 + month - 3) // 3 + count
        return f"{index // 4:04d}-{('SP', 'SU', 'FA', 'WI')[index % 4]}"
    if unit == "year":
        return f"{year + count:04d}"
    if unit == "decade":
        return f"{year // 10 + count:03d}"
    return f"{year // 100 + count:02d}"  # century


_UNKNOWN_WEEK: Final = re.compile(r"^XXXX-WXX(?=-|$)")
_UNKNOWN_DAY: Final = re.compile(r"^XXXX-XX-XX(?=T|$)")
_MONTH_OR_DAY: Final = re.compile(r"^XXXX-(?:\d{2}|SP|SU|FA|WI)(?=-|T|$)")
_DAY_VALUE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}(?=T|$)")


def day_of(value: str) -> date | None:
    """The calendar day a day-precise value lies on ("2011-05-05", "2011-05-05TNI",
    "2011-05-05T10:30"), or None for a coarser one or no real day ("2011-13-45")."""
    if not _DAY_VALUE.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_NARRATIVE_WINDOW: Final = timedelta(days=7)
MIN_BARE_YEAR: Final = 1000


def _clock_time(value: str, anchor: date, reference: str | None, recent: str | None) -> str:
    """A bare time of day ("at about 10:35 a.m.") is on the day the text is talking about.

    That is the day mentioned in the same sentence or the two before, if it is
    not after the DCT (``recent``: "Slepian was shot on Oct. 23, 1998. He died at
    10 p.m."; a day still to come is usually a plan mentioned in passing, "On
    Wednesday, Delta will add flights. (Update 8:38 p.m. Cairo)"), else the last
    day mentioned when it lies in the week before the DCT ("Friday ... The blast
    occurred at about 10:35 a.m." in Saturday's paper), else the DCT's own day.
    """
    day = anchor
    if recent is not None and date.fromisoformat(recent) <= anchor:
        day = date.fromisoformat(recent)
    elif (
        reference is not None
        and (mentioned := day_of(reference)) is not None
        and timedelta(0) <= anchor - mentioned <= _NARRATIVE_WINDOW
    ):
        day = mentioned
    return day.isoformat() + value[len("XXXX-XX-XX") :]


def _in_narrative(
    value: str, anchor: date, hint: Direction | Tense | None, narrative: str | None
) -> str | None:
    """An underspecified date inside a story about another time, or None if it is not.

    HeidelTime's narrative mode, kept to what news does: after "Last year, the
    firm cut jobs.", "In March it closed a plant" is March of last year (a month
    or season goes into the year of the story; after a framing month or day, the
    story goes forward: "In December 2010 ... January 4" is January 2011), and
    after "On Aug. 2, 1990, Iraq invaded Kuwait.", "On Tuesday" is the Tuesday
    nearest that day. Only a story before the publish date counts (a month needs
    the reference in an earlier year, a weekday a reference day more than a week
    before the DCT), and only without a direction word or a present or future
    tense ("next March" and "will meet on Tuesday" count from the DCT). Quarters and halves are
    reporting periods and always count from the DCT.
    """
    if narrative is None or hint not in (None, "PAST", "DONE"):
        return None
    span = interval_of(narrative)
    if span is None:
        return None
    granularity = granularity_of(narrative, "DATE")
    if _UNKNOWN_WEEK.match(value):
        if (
            granularity not in ("day", "part_of_day", "time")
            or anchor - span[0] <= _NARRATIVE_WINDOW
        ):
            return None
        return _fill(value, span[0], None)
    if not _MONTH_OR_DAY.match(value) or span[1].year >= anchor.year:
        return None  # quarters and halves are reporting periods, counted from the DCT
    if _UNIT_RANK.get(granularity, 0) < _UNIT_RANK["year"]:
        return None  # a decade or century is no story's year
    if _UNIT_RANK.get(granularity, 0) >= _UNIT_RANK["month"]:
        # A story told from a month or a day goes forward: the first candidate that
        # does not end before it, if it is not after the DCT ("in December 2010 ... he
        # died January 4" is January 2011; "On May 22, 1995 ... in December" is
        # December 1995); otherwise the story's year, as for a framing year.
        ahead = [c for c in _candidates(value, span[0]) if c[2] >= span[0] and c[1] <= anchor]
        if ahead:
            return ahead[0][0]
    inside = movable_day(f"{span[0].year:04d}" + value[4:])
    return inside if interval_of(inside) is not None else None


_MOVABLE: Final = re.compile(r"^(\d{4})-(?:(\d{2})-(\d{2})>([1-7])|E([+-]\d+))$")


def movable_day(value: str) -> str:
    """A movable holiday's value for a known year as that year's day; other values as
    they are.

    ``1999-11-22>4`` is the first Thursday (ISO weekday 4) on or after 22 November
    1999 (Thanksgiving: 1999-11-25); ``2000-E-2`` two days before Easter Sunday 2000
    (Good Friday: 2000-04-21).
    """
    match = _MOVABLE.match(value)
    if match is None:
        return value
    year = int(match[1])
    if match[5] is not None:
        day = easter_sunday(year) + timedelta(days=int(match[5]))
    else:
        first = date(year, int(match[2]), int(match[3]))
        day = first + timedelta(days=(int(match[4]) - first.isoweekday()) % 7)
    return day.isoformat()


def easter_sunday(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    golden = year % 19
    century, of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_lag = (century + 8) // 25
    moon_fix = (century - moon_lag + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_fix + 15) % 30
    leap_years, year_rest = divmod(of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def _fill(value: str, anchor: date, hint: Direction | Tense | None) -> str | None:
    """Complete a value whose year or week is unknown (an unknown day is a clock time's)."""
    candidates = _candidates(value, anchor)
    if not candidates:
        return None
    chosen = _choose(candidates, anchor, hint)
    return _as_calendar_day(chosen)


def _candidates(value: str, anchor: date) -> list[tuple[str, date, date]]:
    """The value completed with the DCT's year/week and its neighbours."""
    if _UNKNOWN_WEEK.match(value):
        weeks = [(anchor + timedelta(weeks=k)).isocalendar() for k in (-1, 0, 1)]
        texts = [f"{w.year:04d}-W{w.week:02d}" + value[len("XXXX-WXX") :] for w in weeks]
    elif value.startswith("XXXX"):
        texts = [f"{anchor.year + k:04d}" + value[4:] for k in (-1, 0, 1)]
    else:
        return []
    found = []
    for text in map(movable_day, texts):
        span = interval_of(text)
        if span is not None:
            found.append((text, span[0], span[1]))
    return found


def _choose(
    candidates: list[tuple[str, date, date]], anchor: date, hint: Direction | Tense | None
) -> str:
    if hint == "same":
        return candidates[len(candidates) // 2][0]

    def distance(candidate: tuple[str, date, date]) -> int:
        _, first, last = candidate
        return max((first - anchor).days, (anchor - last).days, 0)

    nearest = min(candidates, key=distance)
    # A month, day or quarter within two months of the DCT is that nearest one
    # whatever the tense: news writes "Nov. 20" or "the third quarter" for the
    # current year's even in the past tense or in "said it would" clauses.
    # Measured on TimeBank + AQUAINT (value F1 +1.5 over tense alone).
    # But not ahead into the new year against a past tense: "the king assumed total
    # control in February", published in mid-December, is the February before, not
    # the one seven weeks ahead. (A future tense keeps the nearest: "would" often
    # tells the past's future, "It would take the events in Tunisia in December".)
    # Nor ahead at all against a simple past told of the date itself (DONE: "a bomb
    # that killed 19 servicemen in June", published in April, is last June), beyond
    # a day's slack for a publish date given a day early.
    near = distance(nearest) <= _NEAR_DAYS and "W" not in nearest[0]
    ahead_of_past = hint == "PAST" and nearest[1] > anchor and nearest[1].year != anchor.year
    ahead_of_done = hint == "DONE" and nearest[1] > anchor + timedelta(days=1)
    if near and hint in ("PAST", "DONE", "FUTURE", None) and not (ahead_of_past or ahead_of_done):
        return nearest[0]
    rules = {
        "before": lambda c: c[2] < anchor,
        "PAST": lambda c: c[1] <= anchor,
        "DONE": lambda c: c[1] <= anchor,
        "after": lambda c: c[1] > anchor,
        "FUTURE": lambda c: c[2] >= anchor,
    }
    if hint in rules:
        fits = [c for c in candidates if rules[hint](c)]
        if fits:
            return (fits[-1] if hint in ("before", "PAST", "DONE") else fits[0])[0]
    return nearest[0]


_NEAR_DAYS: Final = 62

_WEEK_DAY: Final = re.compile(r"^(\d{4})-W(\d{2})-([1-7])(?=T|$)")


def _as_calendar_day(value: str) -> str:
    """TimeBank writes a resolved weekday as a calendar date, not ``2019-W28-2``."""
    match = _WEEK_DAY.match(value)
    if match is None:
        return value
    day = date.fromisocalendar(int(match[1]), int(match[2]), int(match[3]))
    return day.isoformat() + value[match.end() :]


# ----------------------------------------------------------- governing tense

_FUTURE_AUX: Final = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
# Modals whose bare infinitive lies ahead ("should hold", "must leave").
_FORWARD_MODALS: Final = frozenset({"should", "must"})
# Participles naming a plan's date with "for" ("scheduled for September").
_SCHEDULING: Final = frozenset({"schedule", "slate", "plan", "set"})
# Verbs putting something off to a weekday given with "until / till" ("adjourned
# the trial until Tuesday"): the day lies after the act, which news reports the
# day it happens or the next. A month may be long past ("an inquiry postponed
# until after the November elections", told months later), so only weekdays.
_DEFERRING: Final = frozenset({"adjourn", "postpone", "delay", "defer", "suspend", "extend"})
# The same as a verb and its particle ("was putting off the start until Saturday").
_DEFERRING_PHRASAL: Final = frozenset({("put", "off"), ("put", "back"), ("push", "back")})
_UNTIL: Final = frozenset({"until", "till", "til"})


@functools.cache
def _weekdays() -> frozenset[str]:
    """The weekday names of the grammar's vocabulary (``resources/timex/vocabulary.toml``)."""
    folder = resources.files("huawei_timeline") / "resources" / "timex"
    vocabulary = tomllib.loads((folder / "vocabulary.toml").read_text(encoding="utf-8"))
    return frozenset(vocabulary["vocab"]["weekday"]["words"])


# Participles placing a span's start or end ("a conference beginning Saturday"):
# they take the tense of the clause they hang on.
_SPAN_PARTICIPLES: Final = frozenset({"begin", "start", "end"})

# Heads whose infinitive complement lies in the future ("plans to meet in May").
_FUTURE_GOVERNORS: Final = frozenset(
    {
        "plan", "expect", "intend", "aim", "hope", "go", "want", "seek", "schedule",
        "set", "due", "prepare", "promise", "vow", "pledge", "threaten", "agree", "decide",
        "likely", "poised", "slate",
    }
)  # fmt: skip
# Nouns of intention whose "of" gerund lies ahead ("set the target of lifting the
# World Cup on July 9", "has no intention of stepping down until September"). Not
# their infinitive: "in a bid to restore calm on Friday evening" is a purpose.
_INTENTIONS: Final = frozenset(
    {"target", "goal", "aim", "plan", "hope", "ambition", "intention", "objective"}
)


def governing_tense(
    tokens: Sequence[Token], sentence: Sentence, start: int, end: int
) -> Tense | None:
    """Tense of the verb that governs the expression at tokens ``[start, end)``.

    Walks heads from the expression's root to the nearest VERB/AUX of the
    sentence, then reads its auxiliaries and PTB tag: ``will``/``would``/``'ll``,
    ``should``/``must`` + verb for its own adjunct, a plan's participle with "for"
    ("scheduled for September", not in a past sentence), or an infinitive under
    "plan/expect/going ... to" or "is to", or a gerund after "of" of a noun of
    intention ("the target of lifting the Cup on July 9") -> FUTURE; a plan fixed in the past for
    its object's or its "for" date ("scheduled a Tuesday meeting") -> PRESENT; a
    weekday something is put off "until" ("adjourned until Tuesday", "was putting
    off ... until Saturday") -> FUTURE; a passive "expected" for its own date ("was
    expected in Lima early Thursday") -> PRESENT; VBD, or VBN (passive or perfect) -> PAST; a
    gerund completing a verb ("began rocking"), placing a span's start or end ("a
    conference beginning Saturday") or heading a participle clause of its own
    ("..., opening their World Cup on June 13", its own date only) -> that
    verb's tense; "following" or "preceding" parsed as a preposition is passed
    over for the verb above it; other finite forms -> PRESENT, except in
    a time clause ("when they meet") of a FUTURE clause: FUTURE, and a gerund
    after "before / after / since" under a PAST verb: PAST. ``start`` and
    ``end`` are article-level token indices. Returns ``None`` when no verb
    governs the expression.
    """
    by_index = {t.i: t for t in tokens[sentence.token_start : sentence.token_end]}
    return _tense_above(_span_root(by_index, start, end), by_index, set(), range(start, end))


# Prepositions that place a happening at its date ("killed ... in June", "on May 5",
# "during March"); not "to", "until", "by", "through", "for": deadlines and plans
# set in the past ("extended the offer to Nov. 20", "asked it to respond by Oct. 31").
_AT: Final = frozenset({"in", "on", "during", "at"})
# Past verbs that set, move, foresee or call for a date rather than tell what
# happened on it ("called for a rally on February 14": the parser hangs the rally's
# date on "called").
_SETTING: Final = frozenset(
    {
        "announce", "declare", "extend", "notify", "warn", "predict", "call", "urge",
        "demand", "propose", "invite", "ask",
    }
)  # fmt: skip


def told_as_done(tokens: Sequence[Token], sentence: Sentence, start: int, end: int) -> bool:
    """Whether the expression at tokens ``[start, end)`` dates a happening told in the
    simple past, as its own adjunct ("a bomb attack that killed 19 servicemen in June",
    "he was arrested on May 5", "troops stormed the residence Tuesday"): such a date
    is not after the publish date (tense DONE in :func:`resolve`). Not a date reached
    through another preposition or a noun ("a cutback in its oil supply in
    September"), nor one a past verb sets or foresees ("extended the offer to Nov.
    20", "scheduled talks for May", "was expected in June")."""
    by_index = {t.i: t for t in tokens[sentence.token_start : sentence.token_end]}
    node = _span_root(by_index, start, end)
    if node is None or node.head == node.i:
        return False
    head = by_index.get(node.head)
    if head is not None and head.pos == "ADP":
        if head.text.lower() not in _AT or head.head == head.i:
            return False
        head = by_index.get(head.head)
    elif node.dep not in ("npadvmod", "tmod", "obl"):
        return False
    if head is None or head.pos not in ("VERB", "AUX") or start <= head.i < end:
        return False
    lemma = head.lemma.lower()
    if lemma in _SCHEDULING | _DEFERRING | _FUTURE_GOVERNORS | _SETTING:
        return False
    auxiliaries = [t for t in by_index.values() if t.head == head.i and t.dep in ("aux", "auxpass")]
    if head.tag == "VBD":
        return not auxiliaries
    return (
        head.tag == "VBN"
        and len(auxiliaries) == 1
        and auxiliaries[0].dep == "auxpass"
        and auxiliaries[0].tag == "VBD"
    )


def _tense_above(
    node: Token | None, by_index: dict[int, Token], seen: set[int], inside: range = range(0)
) -> Tense | None:
    """The tense of the first VERB/AUX from ``node`` up its heads, skipping the tokens
    ``inside`` (the expression itself); None when there is none. The verb learns
    whether the expression is its own adjunct ("hold elections in September"),
    reached through prepositions only and not its subject, or hangs on a word
    between ("the April 20 explosion", "Friday night may seem ...")."""
    direct = node is not None and node.dep not in _SUBJECTS
    while node is not None and node.i not in seen:
        seen.add(node.i)
        preposition = node.pos == "ADP" or _prepositional(node)
        if node.pos in ("VERB", "AUX") and node.i not in inside and not preposition:
            return _verb_tense(node, by_index, seen, direct=direct)
        if node.i not in inside and not preposition:
            direct = False
        node = by_index.get(node.head) if node.head != node.i else None
    return None


_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _prepositional(token: Token) -> bool:
    """A participle that orders in time, attached as a preposition ("went on a trek
    following the launch of the offensive in October"): it has no tense of its own,
    the verb it hangs on has. Not every such participle: "according to a draft
    statement under discussion by European leaders Sunday" is no future for the
    "will" of its clause."""
    return token.tag == "VBG" and token.dep == "prep" and token.text.lower() in _ORDERING


_ORDERING: Final = frozenset({"following", "preceding"})


def _span_root(by_index: dict[int, Token], start: int, end: int) -> Token | None:
    inside = [by_index[i] for i in range(start, end) if i in by_index]
    for token in inside:
        if not (start <= token.head < end) or token.head == token.i:
            return token
    return inside[0] if inside else None


def is_imperative(verb: Token, children: Iterable[Token]) -> bool:
    """A verb in its base form heading a clause with no subject and no auxiliary:
    an imperative ("Go back to your work on Sunday"), a call that points forward.
    A bare infinitive has a subject ("let them go") and a ``to`` infinitive its ``to``."""
    if verb.tag != "VB" or verb.dep not in ("ROOT", "ccomp", "parataxis"):
        return False
    return not any(c.dep in _CLAUSE_MARKS for c in children)


_CLAUSE_MARKS: Final = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass"})


def _verb_tense(
    verb: Token, by_index: dict[int, Token], seen: set[int], *, direct: bool = False
) -> Tense | None:
    children = [t for t in by_index.values() if t.head == verb.i and t.i != verb.i]
    if is_imperative(verb, children):
        return "FUTURE"
    auxiliaries = [t for t in children if t.dep in ("aux", "auxpass")]
    words = [t.text.lower() for t in auxiliaries]
    if any(w in _FUTURE_AUX for w in words):
        return "FUTURE"
    # "should hold elections in September": a duty lies ahead, for the verb's own
    # date (not "should have held", nor "may sound", "might get": a chance is as
    # often told of the present).
    if (
        direct
        and verb.tag == "VB"
        and any(w in _FORWARD_MODALS for w in words)
        and "have" not in words
    ):
        return "FUTURE"
    # "elections scheduled for September", "talks are set for Monday": the date a
    # plan is fixed for. Not "was scheduled", told as past, nor a plan in a past
    # sentence ("A memorial service planned for Saturday was canceled").
    if (
        verb.tag == "VBN"
        and verb.lemma.lower() in _SCHEDULING
        and any(c.dep == "prep" and c.text.lower() == "for" and c.i in seen for c in children)
        and not any(t.tag == "VBD" for t in auxiliaries)
        and (auxiliaries or _tense_above(by_index.get(verb.head), by_index, set(seen)) != "PAST")
    ):
        return "FUTURE"
    # "The court adjourned the trial until Tuesday", "the vote was postponed till
    # Monday", "said it was putting off the start until Saturday": putting off is
    # past, the weekday it is put off to still to come when it is news (not "had
    # been postponed until Monday", told from before then).
    if (
        _defers(verb, children)
        and (verb.tag in ("VBD", "VBN") or (verb.tag == "VBG" and auxiliaries))
        and "had" not in words
        and any(by_index[i].text.lower() in _UNTIL for i in seen if i in by_index)
        and any(t.text.lower() in _weekdays() and t.head in seen for t in by_index.values())
    ):
        return "FUTURE"
    # "Ikeda, who was expected in Lima early Thursday": what was expected lies after
    # the expecting, which news tells the day it is said or the next; read as the
    # present (the nearest such day), as a date no tense governs is. Its own date
    # only, and not "had been expected", told from before then.
    if (
        direct
        and verb.tag == "VBN"
        and verb.lemma.lower() == "expect"
        and any(t.dep == "auxpass" for t in auxiliaries)
        and "had" not in words
    ):
        return "PRESENT"
    # "The council scheduled a Tuesday morning meeting", "set a vote for Friday": the
    # act of fixing a plan is past, its date need not be; read as the present (the
    # nearest such day), as a date no tense governs is. Not a date reached through
    # another preposition ("planned the attack in May": the planning's or the
    # attack's, past either way).
    if (
        verb.lemma.lower() in _SCHEDULING
        and verb.tag == "VBD"
        and any(c.i in seen and c.dep in ("dobj", "prep") for c in children)
        and all(
            by_index[i].text.lower() == "for"
            for i in seen
            if i in by_index and by_index[i].pos == "ADP"
        )
    ):
        return "PRESENT"
    if "to" in words or (verb.tag == "VB" and not auxiliaries):
        head = by_index.get(verb.head)
        if head is None or head.i == verb.i or head.i in seen:
            return None
        # "going to meet" points ahead; "went on television to vow ..." is a purpose.
        if head.lemma.lower() in _FUTURE_GOVERNORS and (
            head.lemma.lower() != "go" or head.tag == "VBG"
        ):
            return "FUTURE"
        if _be_to(verb, head, words, by_index) or _to_be_done(verb, words, by_index):
            return "FUTURE"
        seen.add(head.i)
        return _verb_tense(head, by_index, seen) if head.pos in ("VERB", "AUX") else None
    # "has set the target of lifting the World Cup on July 9": a gerund after "of" of a
    # noun of intention points ahead, as that noun's infinitive does; not when the
    # intention is told in the past ("achieved its goal of winning on May 3").
    if verb.tag == "VBG" and verb.dep == "pcomp" and not auxiliaries:
        of = by_index.get(verb.head)
        noun = by_index.get(of.head) if of is not None and of.text.lower() == "of" else None
        if (
            noun is not None
            and noun.pos == "NOUN"
            and noun.lemma.lower() in _INTENTIONS
            and not _told_in_simple_past(noun, by_index)
        ):
            return "FUTURE"
    # A gerund completing a verb ("began rocking the region in January", "spent
    # three months recuperating") tells that verb's event: it has its tense. So does
    # a participle that says when what the clause tells begins or ends ("will not
    # attend a conference beginning Saturday", "talks starting Monday"), and a
    # participle clause with no subject or subordinator of its own, for its own
    # date, which is its clause's ("will fancy their chances, opening their World
    # Cup against Togo on June 13"; not a date further down, "calling on loyalists
    # to rally ... on Tuesday", "paving the way for elections in May").
    if (
        verb.tag == "VBG"
        and not auxiliaries
        and (
            verb.dep == "xcomp"
            or verb.lemma.lower() in _SPAN_PARTICIPLES
            or (direct and _free_participle(verb, children))
        )
    ):
        head = by_index.get(verb.head)
        if head is not None and head.i not in seen and head.pos in ("VERB", "AUX"):
            seen.add(head.i)
            return _verb_tense(head, by_index, seen)
    tags = [t.tag for t in auxiliaries] + [verb.tag]
    if "VBD" in tags or (verb.tag == "VBN" and not {"VBZ", "VBP", "VB"} & set(tags[:-1])):
        return "PAST"
    if verb.tag == "VBN":  # present perfect ("has placed") reports a past event
        return "PAST" if any(w in ("has", "have", "'ve", "'s") for w in words) else "PRESENT"
    if verb.tag == "MD":
        return None
    # "spent three months in Riyadh before returning to Sanaa on Friday" is last
    # Friday: a gerund after "before / after / since" tells a past event's time.
    # Only the past is passed on: "will debut after joining on Wednesday" may be
    # the last Wednesday, and other gerunds (purpose, result: "leaving cars on the
    # grid for Sunday's race") often point elsewhere than their verb.
    if (
        _after_time_preposition(verb, auxiliaries, by_index)
        and _tense_above(by_index.get(verb.head), by_index, seen) == "PAST"
    ):
        return "PAST"
    # English puts a time clause in the present when it lies ahead: in "NATO will end
    # the mission when ambassadors meet on Wednesday" the Wednesday is next Wednesday.
    if (
        _in_time_clause(verb, children)
        and _tense_above(by_index.get(verb.head), by_index, seen) == "FUTURE"
    ):
        return "FUTURE"
    return "PRESENT"


def _told_in_simple_past(noun: Token, by_index: dict[int, Token]) -> bool:
    """Whether the verb a noun hangs on (through prepositions) is a simple past."""
    node = by_index.get(noun.head)
    while node is not None and node.pos == "ADP" and node.head != node.i:
        node = by_index.get(node.head)
    return node is not None and node.tag == "VBD"


def _defers(verb: Token, children: Iterable[Token]) -> bool:
    """A verb of putting something off: "postpone", "delay", ..., "put off", "push back"."""
    lemma = verb.lemma.lower()
    if lemma in _DEFERRING:
        return True
    return any((lemma, c.text.lower()) in _DEFERRING_PHRASAL for c in children if c.dep == "prt")


def _free_participle(verb: Token, children: Iterable[Token]) -> bool:
    """An adverbial participle clause without a subject or a subordinator ("...,
    opening their World Cup on June 13"), not "while meeting", "after leaving"."""
    return verb.dep == "advcl" and not any(
        c.dep in ("mark", "nsubj", "nsubjpass")
        or (c.dep == "advmod" and c.text.lower() in _TIME_CLAUSE | {"while"})
        for c in children
    )


def _be_to(verb: Token, head: Token, words: list[str], by_index: dict[int, Token]) -> bool:
    """A plan: "be" with a ``to`` infinitive as its complement ("NATO is to decide on
    Wednesday", "the board was to meet on Monday"), as "is due to" is. Not when "be" is
    a copula ("it was his decision to let ... fail"), nor a plan looked back on ("was to
    have been questioned")."""
    if head.lemma.lower() != "be" or verb.dep != "xcomp" or "to" not in words or "have" in words:
        return False
    return not any(t.head == head.i and t.dep in ("attr", "acomp") for t in by_index.values())


# Words before a noun that make its infinitive say which one it is, not what lies
# ahead: "the first countries to be admitted on Friday".
_RANKING: Final = frozenset({"first", "last", "only", "next", "second", "third"})


def _to_be_done(verb: Token, words: list[str], by_index: dict[int, Token]) -> bool:
    """A passive infinitive right after a noun, "testimony to be delivered to a House
    panel Thursday", "talks to be held on Monday": what is still to be done (as "is
    to" is), unless a rank picks the noun out ("the first countries to be admitted
    on Friday were ..."). Found by position: the parser often makes the infinitive
    complete the verb before the noun ("said in testimony to be delivered")."""
    if verb.tag != "VBN" or words[-2:] != ["to", "be"]:
        return False
    to = next(t for t in by_index.values() if t.head == verb.i and t.text.lower() == "to")
    noun = by_index.get(to.i - 1)
    if noun is None or noun.pos not in ("NOUN", "PROPN"):
        return False
    return not any(
        t.head == noun.i and (t.lemma.lower() in _RANKING or t.tag == "JJS")
        for t in by_index.values()
    )


# Subordinators of a time clause ("when", "after", ...; spaCy makes "when" an advmod).
_TIME_CLAUSE: Final = frozenset({"when", "after", "before", "until", "till", "once", "as"})


def _in_time_clause(verb: Token, children: Iterable[Token]) -> bool:
    return verb.dep == "advcl" and any(
        c.dep in ("mark", "advmod") and c.text.lower() in _TIME_CLAUSE for c in children
    )


# Prepositions whose gerund ("before returning", "after meeting") is a time clause.
_TIME_PREPOSITIONS: Final = frozenset({"after", "before", "since", "upon"})


def _after_time_preposition(
    verb: Token, auxiliaries: Sequence[Token], by_index: dict[int, Token]
) -> bool:
    head = by_index.get(verb.head)
    return (
        verb.tag == "VBG"
        and not auxiliaries
        and verb.dep == "pcomp"
        and head is not None
        and head.text.lower() in _TIME_PREPOSITIONS
    )


# ---------------------------------------------------------------- dateparser

_PARSER_SETTINGS: Final = {
    "RETURN_TIME_AS_PERIOD": True,
    "PREFER_DAY_OF_MONTH": "first",
    # Only absolute formats: relative phrases are the grammar's job, and they
    # would bring in the RELATIVE_BASE as if the text had said it.
    "PARSERS": ["custom-formats", "absolute-time"],
}


_NUMERIC_SEPARATOR: Final = re.compile(r"(?<=\d)\s*([./-])\s*(?=\d)")
# A four-digit year, a dash or slash, two more digits: "2006-07", "2010/11".
_YEAR_SPAN: Final = re.compile(r"\d\d(\d\d)\s*[-/\u2013]\s*(\d\d)")
_MONTH_WORD: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
# Two small numbers joined by a hyphen, no year: a score or a range ("won 9-1",
# "a 3-2 vote"); news writes a numeric date with slashes or with its year.
_SCORE: Final = re.compile(r"\d{1,2}\s*[-\u2013]\s*\d{1,2}")
# A day named in words: a weekday or one counted from today.
_DAY_WORD: Final = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|today|tonight|tomorrow|yesterday)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=32)
def _parser(relative_base: datetime) -> DateDataParser:
    """One DateDataParser per DCT, configured once and reused.

    dateparser takes settings only at construction, so the RELATIVE_BASE (the
    DCT, never the clock) is part of the parser; a corpus has few distinct
    DCTs, so a small cache keeps this to one parser per publish date.
    """
    from dateparser.date import DateDataParser  # heavy import, only when needed

    return DateDataParser(
        languages=["en"], settings={**_PARSER_SETTINGS, "RELATIVE_BASE": relative_base}
    )


def dateparser_value(text: str, dct: date | datetime) -> Underspecified | None:
    """Normalise an absolute date the grammar does not know ("07/11/2019").

    Only the parts dateparser read from ``text`` (``DateData.parts``) go into
    the value; a missing year stays ``XXXX`` and a missing day is never filled
    in, so "May 2019" is ``2019-05`` whatever dateparser's period says. Text
    without a digit is refused: weekday names and the like are resolved by
    dateparser against the base date, which would claim a year the text lacks.
    So are digits joined by two kinds of separator ("22.8-24", a range of
    ratios, would be 22 August 2024): a numeric date writes one. And a year
    followed by two later digits ("in 2006-07", "the 2009-10 season") is a span
    of years, not a month of the first: news prose writes months in words, so
    only "2011-03", whose second part is no later year, stays March 2011.
    Two small numbers joined by a hyphen ("9-1") are a score, not 1 September.
    A month must be written, in a word or as a numeric date, unless dateparser
    read a time of day: spaCy's entity "8 and" (from "on 8 and 11 January 1993")
    is no August. A time of day without a written date ("4 in the morning") is
    ``XXXX-XX-XXT04:00``: the article gives its day, not the base.
    """
    if not any(ch.isdigit() for ch in text):
        return None
    if not any(ch.isalpha() for ch in text) and len(set(_NUMERIC_SEPARATOR.findall(text))) > 1:
        return None  # a numeric date writes one separator: "22.8-24" is a range of ratios
    span = _YEAR_SPAN.fullmatch(text.strip())
    if span is not None and int(span[2]) > int(span[1]):
        return None  # "civil war in 2006-07": two years, not July 2006
    if _SCORE.fullmatch(text.strip()):
        return None  # "beat Ryding 9-2, 9-4, 9-1": a score, not 1 September
    base = dct if isinstance(dct, datetime) else datetime.combine(dct, time())
    data = _parser(base.replace(tzinfo=None)).get_date_data(text)
    parsed, parts = data.date_obj, tuple(data.parts)
    if parsed is None or ("month" not in parts and parts != ("year",)):
        return None
    if parts == ("year",) and not re.search(r"\d{4}", text):
        return None  # "52" is an age or a count, not the year 2052
    if parts != ("year",) and text.strip().isdigit():
        return None  # "when she was 4": an age, not April
    if (
        "month" in parts
        and "time" not in parts  # "4 in the morning": a time of day (below)
        and not _MONTH_WORD.search(text)
        and not _NUMERIC_SEPARATOR.search(text)
    ):
        return None  # "on 8 and 11 January": the month is not in "8 and", so it is not August
    if parts == ("year",) and parsed.year < MIN_BARE_YEAR:
        return None  # "(0735 GMT)" is a clock time, not the year 735
    if (
        "time" in parts
        and not _MONTH_WORD.search(text)
        and not _NUMERIC_SEPARATOR.search(text)
        and not _DAY_WORD.search(text)
    ):
        # "about 06:00", "4 in the morning": a time of day alone, whose day
        # dateparser took from the base; the article gives it, as it gives the
        # grammar's clock times theirs ("Tuesday 10:30" keeps dateparser's day)
        return Underspecified(type="TIME", value=f"XXXX-XX-XXT{parsed:%H:%M}")
    year = f"{parsed.year:04d}" if "year" in parts else "XXXX"
    if parts == ("year",):
        return Underspecified(type="DATE", value=year)
    value = f"{year}-{parsed.month:02d}"
    if "day" in parts:
        value += f"-{parsed.day:02d}"
        if "time" in parts:
            return Underspecified(type="TIME", value=f"{value}T{parsed:%H:%M}")
    return Underspecified(type="DATE", value=value)
