"""The TIMEX3 value grammar: validity, granularity and day intervals."""

from __future__ import annotations

from datetime import date

import pytest

from huawei_timeline.models import Granularity, TimexType
from huawei_timeline.timex.values import (
    TimexValueError,
    granularity_of,
    interval_of,
    is_valid_value,
)


@pytest.mark.parametrize(
    ("value", "type_", "expected"),
    [
        ("2019", "DATE", "year"),
        ("201", "DATE", "decade"),
        ("20", "DATE", "century"),
        ("2019-H1", "DATE", "half"),
        ("2019-Q3", "DATE", "quarter"),
        ("2019-SU", "DATE", "season"),
        ("2019-10", "DATE", "month"),
        ("XXXX-10", "DATE", "month"),
        ("2019-W26", "DATE", "week"),
        ("2019-W26-WE", "DATE", "weekend"),
        ("2019-07-09", "DATE", "day"),
        ("2019-W28-2", "DATE", "day"),
        ("2019-07-09TMO", "TIME", "part_of_day"),
        ("2019-07-11T10:37", "TIME", "time"),
        ("1998-02-06T22:19:00", "TIME", "time"),
        ("PAST_REF", "DATE", "reference"),
        ("PRESENT_REF", "DATE", "reference"),
        ("FUTURE_REF", "DATE", "reference"),
        ("P90D", "DURATION", "duration"),
        ("PXY", "DURATION", "duration"),
        ("XXXX-WXX-2", "SET", "set"),
        ("P1W", "SET", "set"),
    ],
)
def test_granularity_of(value: str, type_: TimexType, expected: Granularity) -> None:
    assert granularity_of(value, type_) == expected


@pytest.mark.parametrize(
    ("value", "type_"),
    [("May", "DATE"), ("2019-07-09", "DURATION"), ("P1Y", "DATE"), ("", "SET")],
)
def test_granularity_of_rejects_values_not_of_the_type(value: str, type_: TimexType) -> None:
    with pytest.raises(TimexValueError, match=f"{value!r} is not a valid TIMEX3 {type_} value"):
        granularity_of(value, type_)


@pytest.mark.parametrize(
    "value",
    [
        "2019",
        "201",
        "20",
        "2019-H2",
        "2019-Q4",
        "2019-WI",
        "2019-07",
        "2019-W01",
        "2019-W26-WE",
        "2019-07-09",
        "2019-07-09TEV",
        "2019-07-11T10:37",
        "P90D",
        "P1Y",
        "PT2H",
        "PT2H30M",
        "P2Y6M",
        "PXY",
        "PXX",
        "P1DE",
        "P1.5Y",
        "PAST_REF",
        "XXXX-WXX-7",
        "XXXX-XX-XXT10:30",
        "FY1989",
    ],
)
def test_valid_values(value: str) -> None:
    assert is_valid_value(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "May",
        "19999",
        "2019-7-9",
        "2019-Q5",
        "2019-XY",
        "2019-W26-XX",
        "P",
        "PT",
        "P2",
        "NOW_REF",
        "2019-07-09T",
    ],
)
def test_invalid_values(value: str) -> None:
    assert not is_valid_value(value)


@pytest.mark.parametrize(
    ("value", "mod", "first", "last"),
    [
        ("2019", None, date(2019, 1, 1), date(2019, 12, 31)),
        ("201", None, date(2010, 1, 1), date(2019, 12, 31)),
        ("20", None, date(2000, 1, 1), date(2099, 12, 31)),
        ("2019-H2", None, date(2019, 7, 1), date(2019, 12, 31)),
        ("2019-Q3", None, date(2019, 7, 1), date(2019, 9, 30)),
        ("2019-SU", None, date(2019, 6, 1), date(2019, 8, 31)),
        ("2019-WI", None, date(2019, 12, 1), date(2020, 2, 29)),
        ("2019-02", None, date(2019, 2, 1), date(2019, 2, 28)),
        ("2019-W26", None, date(2019, 6, 24), date(2019, 6, 30)),
        ("2019-W26-WE", None, date(2019, 6, 29), date(2019, 6, 30)),
        ("2019-W28-2", None, date(2019, 7, 9), date(2019, 7, 9)),
        ("2019-07-09TMO", None, date(2019, 7, 9), date(2019, 7, 9)),
        ("2019-07-11T10:37", None, date(2019, 7, 11), date(2019, 7, 11)),
        ("2019-05", "START", date(2019, 5, 1), date(2019, 5, 10)),
        ("2019-05", "MID", date(2019, 5, 11), date(2019, 5, 20)),
        ("2019-05", "END", date(2019, 5, 21), date(2019, 5, 31)),
        ("2019-02", "END", date(2019, 2, 21), date(2019, 2, 28)),
        ("2019", "START", date(2019, 1, 1), date(2019, 4, 30)),
        ("2019", "MID", date(2019, 5, 1), date(2019, 8, 31)),
        ("2019", "END", date(2019, 9, 1), date(2019, 12, 31)),
        ("2019-Q3", "MID", date(2019, 8, 1), date(2019, 8, 31)),
        ("2019-WI", "END", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019-W26", "START", date(2019, 6, 24), date(2019, 6, 25)),
        ("2019-05", "APPROX", date(2019, 5, 1), date(2019, 5, 31)),
    ],
)
def test_interval_of(value: str, mod: str | None, first: date, last: date) -> None:
    assert interval_of(value, mod) == (first, last)


@pytest.mark.parametrize(
    ("value", "mod"),
    [
        ("PAST_REF", None),
        ("P90D", None),
        ("XXXX-10", None),
        ("XXXX-WXX-7", None),
        ("2019-02-30", None),
        ("FY1989", None),
        ("T10:30", None),
        ("nonsense", None),
        ("2019-05", "BEFORE"),
        ("2019-05", "ON_OR_AFTER"),
    ],
)
def test_interval_of_is_none_without_a_finite_day_interval(value: str, mod: str | None) -> None:
    assert interval_of(value, mod) is None
