"""Property tests: no input makes the date normaliser, the decoder or the pipeline raise.

The date normaliser gets arbitrary strings and date-like word salad on any
document creation time; every value it returns must match the TIMEX3 value
grammar. The value grammar itself is checked against values built as TimeML
writes them (each with the granularity and day interval worked out here),
against broken copies of them, and against arbitrary strings. The
10,000-example run is marked ``slow`` (``pytest -m "not slow"`` skips it
locally; ``make test`` and CI run it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final, get_args

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from huawei_timeline.errors import ArticleError
from huawei_timeline.ingest.readers import decode_text
from huawei_timeline.models import Article, ArticleMeta, Granularity, TimexMod, TimexType
from huawei_timeline.timex.detect import tag_text
from huawei_timeline.timex.values import (
    TimexValueError,
    granularity_of,
    interval_of,
    is_valid_value,
)

DATE_WORDS = (
    "May", "march", "2019", "1999", "'99", "the", "on", "in", "last", "next", "this", "week",
    "weekend", "Tuesday", "mid-", "early", "late", "10", "31", "2019-02-30", "03/04/2019",
    "ago", "two", "years", "months", "decade", "1990s", "Q3", "summer", "since", "until",
    "noon", "10:37", "am", "p.m.", "today", "yesterday", "tomorrow", "earlier", "later",
    "fiscal", "century", "third", "quarter", "half", "of", "and", "between", "-", ",", ".",
    "\n", "first", "nineteen", "ninety-six", "every", "daily", "hours", "Jan.", "Sept", "BC",
)  # fmt: skip
date_like = st.lists(st.sampled_from(DATE_WORDS), max_size=14).map(" ".join)
any_text = st.one_of(st.text(max_size=120), date_like)
# The whole calendar, ends included: year 1 and year 9999 once overflowed.
dcts = st.one_of(st.dates(), st.datetimes())


def _check_normaliser(text: str, dct: date | datetime) -> None:
    for expression in tag_text(text, dct):
        assert is_valid_value(expression.value), expression
        assert text[expression.start : expression.end] == expression.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, dct=dcts)
def test_normaliser_never_raises_and_values_are_timex3(text: str, dct: date | datetime) -> None:
    _check_normaliser(text, dct)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, dct=dcts)
def test_normaliser_10k_examples(text: str, dct: date | datetime) -> None:
    _check_normaliser(text, dct)


@pytest.mark.parametrize(
    ("text", "dct"),
    [
        ("last hours Tuesday next p.m.", date(1, 1, 1)),  # anchor._candidates, weeks -1
        ("tomorrow last tomorrow last last late", date(9999, 12, 31)),  # anchor._choose
        ("1999 weekend ago this May 10:37 every -", date(1, 6, 1)),  # anchor._choose
    ],
    ids=["week-before-date-min", "day-after-date-max", "weekend-before-date-min"],
)
def test_normaliser_at_the_ends_of_the_calendar(text: str, dct: date) -> None:
    _check_normaliser(text, dct)


# ------------------------------------------------------------- TIMEX3 values
# Values written as TimeML 1.2.1 writes them, each with the granularity and day
# interval it must have -- worked out here with datetime, not by values.py.


@dataclass(frozen=True)
class TimexCase:
    """A TIMEX3 value and what values.py must say about it."""

    value: str
    type: TimexType
    granularity: Granularity
    interval: tuple[date, date] | None  # None: a digit is unknown (X), or no day span


# Mostly news-era days, and the rest of the calendar but its last year (see
# test_narrowing_the_last_days_of_the_calendar).
_days = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)),
)
_SEASON_START: Final = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # meteorological; WI ends in Feb
_OPEN_ENDED: Final = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER")


def _months(year: int, first: int, count: int) -> tuple[date, date]:
    """``count`` whole months from month ``first`` of ``year``."""
    after = year * 12 + first - 1 + count  # the month after the span, counted from year 0
    return date(year, first, 1), date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def _years(first: int, count: int) -> tuple[date, date]:
    """``count`` years from ``first``; there is no year 0."""
    return date(max(first, 1), 1, 1), date(first + count - 1, 12, 31)


@st.composite
def _calendar_values(draw: st.DrawFn) -> TimexCase:
    day = draw(_days)
    year, iso = day.year, day.isocalendar()
    monday = day - timedelta(days=iso.weekday - 1)
    yyyy, week = f"{year:04d}", f"{iso.year:04d}-W{iso.week:02d}"
    half, quarter = draw(st.integers(1, 2)), draw(st.integers(1, 4))
    season = draw(st.sampled_from(sorted(_SEASON_START)))
    part = draw(st.sampled_from(("MO", "MI", "AF", "EV", "NI", "DT")))
    clock = draw(st.times()).isoformat(timespec=draw(st.sampled_from(("minutes", "seconds"))))
    options: list[tuple[str, Granularity, tuple[date, date] | None]] = [
        (f"{year // 1000}", "millennium", _years(year // 1000 * 1000, 1000)),
        (f"{year // 100:02d}", "century", _years(year // 100 * 100, 100)),
        (f"{year // 10:03d}", "decade", _years(year // 10 * 10, 10)),
        (yyyy, "year", _years(year, 1)),
        (f"FY{yyyy}", "year", None),  # a fiscal year's months depend on the firm
        (f"{yyyy}-H{half}", "half", _months(year, 6 * half - 5, 6)),
        (f"{yyyy}-Q{quarter}", "quarter", _months(year, 3 * quarter - 2, 3)),
        (f"{yyyy}-{season}", "season", _months(year, _SEASON_START[season], 3)),
        (f"{yyyy}-{day.month:02d}", "month", _months(year, day.month, 1)),
        (week, "week", (monday, monday + timedelta(days=6))),
        (f"{week}-WE", "weekend", (monday + timedelta(days=5), monday + timedelta(days=6))),
        (day.isoformat(), "day", (day, day)),
        (f"{week}-{iso.weekday}", "day", (day, day)),
        (f"{day.isoformat()}T{part}", "part_of_day", (day, day)),
        (f"{day.isoformat()}T{clock}", "time", (day, day)),
    ]
    value, granularity, interval = draw(st.sampled_from(options))
    timex_type: TimexType = "TIME" if granularity in ("part_of_day", "time") else "DATE"
    return TimexCase(value, timex_type, granularity, interval)


@st.composite
def _with_unknown_digits(draw: st.DrawFn) -> TimexCase:
    """A calendar value with some digits unknown: XXXX-07, 19XX, XXXX-WXX-7."""
    case = draw(_calendar_values())
    digits = [i for i, char in enumerate(case.value) if char.isdigit()]
    hidden = draw(st.sets(st.sampled_from(digits), min_size=1))
    value = "".join("X" if i in hidden else char for i, char in enumerate(case.value))
    return TimexCase(value, case.type, case.granularity, None)


_amounts = st.one_of(
    st.integers(0, 999).map(str),
    st.builds("{}.{}".format, st.integers(0, 99), st.integers(0, 9)),
    st.just("X"),  # vague: "weeks" = PXW
)


_DATE_UNITS: Final = ("CE", "DE", "Y", "H", "Q", "M", "WE", "W", "D", "X")  # largest first


@st.composite
def _durations(draw: st.DrawFn) -> TimexCase:
    """P3D, PT2H, P1Y6M, PXY, PXX; DE/CE/Q/H/WE are TimeBank's extra units."""
    time_units = draw(st.lists(st.sampled_from(("H", "M", "S")), unique=True, max_size=3))
    date_units = draw(
        st.lists(
            st.sampled_from(_DATE_UNITS), unique=True, min_size=0 if time_units else 1, max_size=3
        )
    )
    body = "".join(draw(_amounts) + unit for unit in sorted(date_units, key=_DATE_UNITS.index))
    clock = "".join(draw(_amounts) + unit for unit in sorted(time_units, key="HMS".index))
    return TimexCase(f"P{body}{'T' + clock if clock else ''}", "DURATION", "duration", None)


_references = st.sampled_from(["PAST_REF", "PRESENT_REF", "FUTURE_REF"]).map(
    lambda value: TimexCase(value, "DATE", "reference", None)
)
timex_values = st.one_of(_calendar_values(), _with_unknown_digits(), _durations(), _references)


def _reads_as(value: str, timex_type: TimexType) -> bool:
    try:
        granularity_of(value, timex_type)
    except TimexValueError:
        return False
    return True


@settings(max_examples=500, deadline=None)
@given(
    value=st.one_of(
        st.text(max_size=40),
        st.text(alphabet="0123456789X-WTQHPYMDSEUFAINORV:.+Z", max_size=20),
        timex_values.map(lambda case: case.value),
    )
)
def test_value_grammar_agrees_with_its_readers(value: str) -> None:
    valid = is_valid_value(value)
    assert isinstance(valid, bool)
    # granularity_of raises only TimexValueError, for what the grammar rejects;
    # a value is a date/time or a duration, never both.
    readers = [t for t in ("DATE", "DURATION") if _reads_as(value, t)]
    assert len(readers) == (1 if valid else 0)
    interval = interval_of(value)
    assert interval is None or (valid and interval[0] <= interval[1])


def _check_value(case: TimexCase) -> None:
    assert is_valid_value(case.value) is True
    assert granularity_of(case.value, case.type) == case.granularity
    assert interval_of(case.value) == case.interval


@settings(max_examples=500, deadline=None)
@given(case=timex_values)
def test_timeml_values_are_valid_with_their_granularity_and_interval(case: TimexCase) -> None:
    _check_value(case)


@pytest.mark.parametrize(
    "case",
    [
        TimexCase("19", "DATE", "century", (date(1900, 1, 1), date(1999, 12, 31))),
        TimexCase("201", "DATE", "decade", (date(2010, 1, 1), date(2019, 12, 31))),
        TimexCase("2019-H2", "DATE", "half", (date(2019, 7, 1), date(2019, 12, 31))),
        TimexCase("2019-Q3", "DATE", "quarter", (date(2019, 7, 1), date(2019, 9, 30))),
        TimexCase("2019-SU", "DATE", "season", (date(2019, 6, 1), date(2019, 8, 31))),
        TimexCase("2019-WI", "DATE", "season", (date(2019, 12, 1), date(2020, 2, 29))),
        TimexCase("2019-W01", "DATE", "week", (date(2018, 12, 31), date(2019, 1, 6))),
        TimexCase("2019-W27", "DATE", "week", (date(2019, 7, 1), date(2019, 7, 7))),
        TimexCase("2020-W53-WE", "DATE", "weekend", (date(2021, 1, 2), date(2021, 1, 3))),
        TimexCase("2019-W28-2", "DATE", "day", (date(2019, 7, 9), date(2019, 7, 9))),
        TimexCase("2019-07-09TMO", "TIME", "part_of_day", (date(2019, 7, 9), date(2019, 7, 9))),
        TimexCase("2019-07-09T10:37", "TIME", "time", (date(2019, 7, 9), date(2019, 7, 9))),
        TimexCase("XXXX-07", "DATE", "month", None),
        TimexCase("XXXX-WXX-7", "DATE", "day", None),
        TimexCase("FY1989", "DATE", "year", None),
        TimexCase("P3D", "DURATION", "duration", None),
        TimexCase("PT2H", "DURATION", "duration", None),
        TimexCase("P2Y6M", "DURATION", "duration", None),
        TimexCase("PXX", "DURATION", "duration", None),
        TimexCase("PRESENT_REF", "DATE", "reference", None),
    ],
    ids=lambda case: case.value,
)
def test_known_timeml_values(case: TimexCase) -> None:
    _check_value(case)


@settings(max_examples=400, deadline=None)
@given(case=timex_values, mod=st.sampled_from(get_args(TimexMod)))
def test_a_modifier_keeps_narrows_or_drops_the_interval(case: TimexCase, mod: str) -> None:
    narrowed = interval_of(case.value, mod)
    if case.interval is None or mod in _OPEN_ENDED:
        assert narrowed is None
    elif mod in ("START", "MID", "END"):
        assert narrowed is not None
        (first, last), (start, end) = case.interval, narrowed
        assert first <= start <= end <= last
        assert mod != "START" or start == first
        assert mod != "END" or end == last
    else:
        assert narrowed == case.interval


@pytest.mark.parametrize("value", ["9999-12-31", "9999-12-30T10:00", "9999-W52-5"])
def test_narrowing_the_last_days_of_the_calendar(value: str) -> None:
    day = interval_of(value)
    assert day is not None
    assert interval_of(value, "END") == interval_of(value, "MID") == day


_BREAKS: Final[dict[str, Callable[[str], str]]] = {
    "trailing space": lambda value: value + " ",
    "trailing punctuation": lambda value: value + "!",
    "dangling hyphen": lambda value: value + "-",
    "leading letter": lambda value: "x" + value,
    "lower case": str.lower,
    "slashes": lambda value: value.replace("-", "/"),
}


@settings(max_examples=300, deadline=None)
@given(case=timex_values, how=st.sampled_from(sorted(_BREAKS)))
def test_a_broken_value_is_invalid(case: TimexCase, how: str) -> None:
    broken = _BREAKS[how](case.value)
    assume(broken != case.value)
    assert is_valid_value(broken) is False


@pytest.mark.parametrize(
    "value",
    [
        "", "P", "PT", "P1", "P1YT", "PT1Y", "P1.Y", "Y1", "2019-Q5", "2019-Q0", "2019-H3",
        "2019-W27-8", "2019-W27-0", "2019-SS", "2019-7", "2019-07-9", "20190", "2019-",
        "2019-07-09 10:37", "2019-07-09T1", "2019-07-09TXY", "PRESENT", "present_ref",
    ],
)  # fmt: skip
def test_malformed_values_are_invalid(value: str) -> None:
    assert is_valid_value(value) is False


@settings(max_examples=200, deadline=None)
@given(day=_days, month=st.integers(13, 99) | st.just(0), beyond=st.integers(1, 60))
def test_a_field_out_of_range_names_no_interval(day: date, month: int, beyond: int) -> None:
    # The grammar checks shapes, not ranges ("2019-13" is well formed); no
    # interval may come of such a value.
    year = f"{day.year:04d}"
    month_end = (date(day.year, day.month, 1) + timedelta(days=31)).replace(day=1)
    days_in_month = (month_end - timedelta(days=1)).day
    weeks_in_year = date(day.year, 12, 28).isocalendar().week
    for value in (
        f"{year}-{month:02d}",
        f"{year}-{month:02d}-01",
        f"{year}-{day.month:02d}-{min(days_in_month + beyond, 99):02d}",
        f"{year}-{day.month:02d}-00",
        f"{year}-W{min(weeks_in_year + beyond, 99):02d}",
        f"{year}-W00-WE",
    ):
        assert interval_of(value) is None, value


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_decoder_returns_text_or_one_clear_error(data: bytes) -> None:
    try:
        text, warnings = decode_text(data, Path("a.txt"), "a")
    except ArticleError as error:
        assert str(error).startswith("a.txt: article 'a' is ")
        assert "\n" not in str(error)
    else:
        assert isinstance(text, str) and len(warnings) <= 1


article_text = st.lists(
    st.one_of(st.text(max_size=60), date_like, st.sampled_from(["READ MORE", "Photo: AP"])),
    max_size=6,
).map("\n".join)


@pytest.mark.model
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_text, dct=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1)))
def test_pipeline_on_random_text_never_raises(text: str, dct: date) -> None:
    from huawei_timeline.nlp import load_model
    from huawei_timeline.pipeline import extract_articles, merge_extractions

    meta = ArticleMeta(id="fuzz", file="fuzz.txt", outlet="Fuzz", published=dct)
    extractions = list(extract_articles([Article(meta=meta, text=text)], load_model()))
    timeline = merge_extractions(extractions, [meta], "model")
    for event in timeline.events:
        assert is_valid_value(event.date.value)
