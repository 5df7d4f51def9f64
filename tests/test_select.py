"""Tests for timeline filters and entity counts, on hand-built timelines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from builders import event, event_date, mention, sample_timeline
from huawei_timeline.models import EventDate, Timeline
from huawei_timeline.output.select import (
    EntityCount,
    FilterError,
    TimelineFilter,
    count_entities,
    event_interval,
    filter_timeline,
    parse_bound,
)

# sample_timeline: e1 Wed 15 May 2019 (SCMP, FT, NYT; Trump; White House, Huawei),
# e2 mid-May 2019 (FT, NYT; Google, Huawei), e3 weekend 29-30 Jun 2019 (NYT; Trump, Xi),
# e4 Q3 2019, planned (NYT; Huawei).


def kept(**criteria: Any) -> list[str]:
    timeline = filter_timeline(sample_timeline(), TimelineFilter(**criteria))
    return [e.id for e in timeline.events]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, ["e1", "e2", "e3", "e4"]),
        # Dates: an event is kept when its interval overlaps the range.
        ({"start": day("2019-05-16")}, ["e2", "e3", "e4"]),  # mid-May runs 11-20 May
        ({"start": day("2019-05-21")}, ["e3", "e4"]),
        ({"end": day("2019-05-10")}, []),
        ({"end": day("2019-05-11")}, ["e2"]),
        ({"end": day("2019-05-15")}, ["e1", "e2"]),
        ({"end": day("2019-06-29")}, ["e1", "e2", "e3"]),  # the weekend starts on the 29th
        ({"start": day("2019-06-30"), "end": day("2019-06-30")}, ["e3"]),
        ({"start": day("2019-09-30")}, ["e4"]),  # Q3 ends on 30 September
        ({"start": day("2019-10-01")}, []),
        # Names: case-insensitive parts of a name; several values are alternatives.
        ({"people": ["trump"]}, ["e1", "e3"]),
        ({"people": ["Xi", "nobody"]}, ["e3"]),
        ({"organizations": ["google"]}, ["e2"]),
        ({"organizations": ["huawei"], "people": ["trump"]}, ["e1"]),
        ({"sources": ["scmp"]}, ["e1"]),
        ({"sources": ["ft-1"]}, ["e1", "e2"]),
        # Words of the source sentences: a word's start, any case; alternatives.
        ({"about": ["huawei"]}, ["e1", "e2", "e4"]),
        ({"about": ["sign"]}, ["e1"]),  # "signed"
        ({"about": ["rder"]}, []),  # inside "order": not a word's start
        ({"about": ["Osaka", "harmony"]}, ["e3", "e4"]),  # "HarmonyOS"
        ({"about": ["in the middle"]}, ["e2"]),
        ({"about": ["HUAWEI"], "people": ["trump"]}, ["e1"]),
        ({"about": ["  "]}, ["e1", "e2", "e3", "e4"]),  # a blank word is ignored
        ({"min_sources": 2}, ["e1", "e2"]),
        ({"min_sources": 3}, ["e1"]),
        ({"include_planned": False}, ["e1", "e2", "e3"]),
        ({"include_planned": False, "start": day("2019-06-01")}, ["e3"]),
    ],
    ids=str,
)
def test_filter_keeps_matching_events(criteria: dict[str, Any], expected: list[str]) -> None:
    assert kept(**criteria) == expected


def test_filter_keeps_articles_and_warnings() -> None:
    timeline = sample_timeline().model_copy(update={"warnings": ["dateline differs"]})
    filtered = filter_timeline(timeline, TimelineFilter(min_sources=3))
    assert (filtered.articles, filtered.warnings) == (timeline.articles, timeline.warnings)


def test_min_sources_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="min_sources"):
        TimelineFilter(min_sources=0)


def _timeline_with(when: EventDate) -> Timeline:
    one = event("x", when, "something", [mention("ft-1", "Something.")])
    return Timeline(model="m", articles=sample_timeline().articles, events=[one])


@pytest.mark.parametrize(
    ("when", "start", "end", "kept_"),
    [
        # A date that names no calendar period cannot be placed once a bound is set.
        (event_date("P3D", "duration", type="DURATION"), None, None, True),
        (event_date("P3D", "duration", type="DURATION"), "2019-01-01", None, False),
        (event_date("PRESENT_REF", "reference"), None, "2030-01-01", False),
        (event_date("XXXX-07-09", "day"), "2019-01-01", None, False),
        # Open-ended modifiers extend to the open side.
        (event_date("2019-05", "month", mod="BEFORE"), None, "2019-01-01", True),
        (event_date("2019-05", "month", mod="BEFORE"), "2019-05-01", None, False),
        (event_date("2019-05", "month", mod="AFTER"), "2030-01-01", None, True),
        (event_date("2019-05", "month", mod="AFTER"), None, "2019-05-31", False),
        (event_date("2019-05", "month", mod="ON_OR_AFTER"), None, "2019-05-01", True),
    ],
)
def test_filter_dates_without_a_plain_interval(
    when: EventDate, start: str | None, end: str | None, kept_: bool
) -> None:
    keep = TimelineFilter(start=day(start) if start else None, end=day(end) if end else None)
    assert bool(filter_timeline(_timeline_with(when), keep).events) is kept_


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (event_date("2019-10", "month", mod="MID"), ("2019-10-11", "2019-10-20")),
        (event_date("2019-W26-WE", "weekend"), ("2019-06-29", "2019-06-30")),
        (event_date("2019-05", "month", mod="BEFORE"), ("0001-01-01", "2019-04-30")),
        (event_date("2019-05", "month", mod="ON_OR_BEFORE"), ("0001-01-01", "2019-05-31")),
        (event_date("2019-05", "month", mod="AFTER"), ("2019-06-01", "9999-12-31")),
    ],
)
def test_event_interval(when: EventDate, expected: tuple[str, str]) -> None:
    assert event_interval(when) == (day(expected[0]), day(expected[1]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", ("2019-01-01", "2019-12-31")),
        ("2019-07", ("2019-07-01", "2019-07-31")),
        (" 2019-07-09 ", ("2019-07-09", "2019-07-09")),
        ("2019-Q3", ("2019-07-01", "2019-09-30")),
        ("2019-W26", ("2019-06-24", "2019-06-30")),
    ],
)
def test_parse_bound(text: str, expected: tuple[str, str]) -> None:
    assert parse_bound(text) == (day(expected[0]), day(expected[1]))


@pytest.mark.parametrize("text", ["", "July", "2019-13", "2019-02-30", "P3D", "PRESENT_REF"])
def test_parse_bound_names_the_bad_value(text: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_bound(text)
    assert str(caught.value) == (
        f"{text!r} is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Wnn"
    )


def test_count_entities() -> None:
    assert count_entities(sample_timeline()) == [
        EntityCount(
            kind="person", name="Donald Trump", events=2, sources=3, outlets=["SCMP", "FT", "NYT"]
        ),
        EntityCount(kind="person", name="Xi Jinping", events=1, sources=1, outlets=["NYT"]),
        EntityCount(
            kind="organization", name="Huawei", events=3, sources=3, outlets=["SCMP", "FT", "NYT"]
        ),
        EntityCount(
            kind="organization",
            name="White House",
            events=1,
            sources=3,
            outlets=["SCMP", "FT", "NYT"],
        ),
        EntityCount(kind="organization", name="Google", events=1, sources=2, outlets=["FT", "NYT"]),
    ]


def test_count_entities_of_a_filtered_timeline() -> None:
    planned_only = [e for e in sample_timeline().events if e.modality == "planned"]
    timeline = sample_timeline().model_copy(update={"events": planned_only})
    assert [(c.name, c.events, c.sources) for c in count_entities(timeline)] == [("Huawei", 1, 1)]
