"""Tests for the terminal timeline: date wording, golden output, styles, width, NO_COLOR."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console, RenderableType
from rich.segment import Segment

from builders import event, event_date, mention, sample_timeline
from conftest import assert_golden
from huawei_timeline.models import EventDate, Timeline
from huawei_timeline.output.dates import display_date
from huawei_timeline.output.select import count_entities
from huawei_timeline.output.terminal import (
    THEME,
    print_entities,
    print_timeline,
    render_entities,
    render_timeline,
)


def render_text(timeline: Timeline, *, width: int = 100, verbose: bool = False) -> str:
    return as_text(render_timeline(timeline, verbose=verbose), width=width)


def as_text(renderable: RenderableType, *, width: int = 100) -> str:
    console = Console(
        file=io.StringIO(), width=width, color_system=None, theme=THEME, force_terminal=False
    )
    console.print(renderable)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (event_date("2019-07-09", "day"), "Tue 9 Jul 2019"),
        (event_date("2019-05", "month"), "May 2019"),
        (event_date("2018-08", "month"), "Aug 2018"),
        (event_date("2019-10", "month", mod="MID"), "mid-Oct 2019"),
        (event_date("2019-06", "month", mod="END"), "late Jun 2019"),
        (event_date("2019-03", "month", mod="START"), "early Mar 2019"),
        (event_date("2019", "year"), "2019"),
        (event_date("2019", "year", mod="MID"), "mid-2019"),
        (event_date("FY2019", "year"), "FY2019"),
        (event_date("2019-W26", "week"), "week of 24 Jun 2019"),
        (event_date("2019-W26-WE", "weekend"), "weekend of 29\u201330 Jun 2019"),
        (event_date("2019-W35-WE", "weekend"), "weekend of 31 Aug\u20131 Sep 2019"),
        (event_date("2019-Q3", "quarter"), "Q3 2019"),
        (event_date("2019-H2", "half"), "H2 2019"),
        (event_date("2019-SU", "season"), "summer 2019"),
        (event_date("2019-FA", "season"), "autumn 2019"),
        (event_date("201", "decade"), "2010s"),
        (event_date("201", "decade", mod="END"), "late 2010s"),
        (event_date("20", "century"), "21st century"),
        (event_date("2019-05", "month", mod="APPROX"), "around May 2019"),
        (event_date("2019-05", "month", mod="BEFORE"), "before May 2019"),
        (event_date("2019-05", "month", mod="AFTER"), "after May 2019"),
        (event_date("2019-07-11T10:37", "time", type="TIME"), "Thu 11 Jul 2019 10:37"),
        (event_date("2019-07-11T10:37:12+08:00", "time", type="TIME"), "Thu 11 Jul 2019 10:37"),
        (event_date("2019-07-09TEV", "part_of_day", type="TIME"), "Tue 9 Jul 2019 evening"),
        (event_date("P3D", "duration", type="DURATION"), "3 days"),
        (event_date("P1Y", "duration", mod="MORE_THAN", type="DURATION"), "more than 1 year"),
        (event_date("PT2H30M", "duration", type="DURATION"), "2 hours 30 minutes"),
        (event_date("PXY", "duration", type="DURATION"), "years"),
        (event_date("PRESENT_REF", "reference"), "now"),
        # Unresolved or unreadable values are shown as they are, never guessed.
        (event_date("XXXX-07-09", "day"), "XXXX-07-09"),
        (event_date("XXXX-WXX-1", "set", type="SET"), "XXXX-WXX-1"),
    ],
    ids=lambda p: p if isinstance(p, str) else None,
)
def test_display_date(when: EventDate, expected: str) -> None:
    assert display_date(when) == expected


@pytest.mark.parametrize(
    ("golden", "verbose"),
    [("timeline.txt", False), ("timeline_verbose.txt", True)],
)
def test_render_matches_golden(golden: str, verbose: bool) -> None:
    assert_golden(golden, render_text(sample_timeline(), verbose=verbose))


def test_render_empty_timeline_says_so() -> None:
    empty = Timeline(model="en_core_web_sm", articles=[], events=[])
    assert (
        render_text(empty)
        == "0 articles, 0 events  (model en_core_web_sm)\nNo dated events found.\n"
    )


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("Donald Trump", "timeline.person"),
        ("Google", "timeline.org"),
        ("3 sources", "timeline.source"),
        ("[planned] ", "timeline.planned"),
        ("dates differ:", "timeline.conflict"),
        ("sources disagree on who:", "timeline.conflict"),
        ("credits Mike Pence, not Donald Trump", "timeline.conflict"),
        ("Wed 15 May 2019", "timeline.date"),
        ("Thu 16 May 2019", "timeline.conflict"),
    ],
)
def test_parts_carry_their_named_style(text: str, style: str) -> None:
    console = Console(file=io.StringIO(), width=100, color_system="truecolor", theme=THEME)
    segments = list(console.render(render_timeline(sample_timeline())))
    styles = {str(s.style) for s in Segment.simplify(segments) if s.text.strip() == text.strip()}
    # Every occurrence has the style, and there is at least one occurrence.
    assert styles == {str(THEME.styles[style])}


@pytest.mark.parametrize("width", [40, 60, 100, 160])
def test_output_fits_the_console_width(width: int) -> None:
    text = render_text(sample_timeline(), width=width, verbose=True)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == []
    # Wrapping must not lose words.
    assert "Osaka" in text.replace("\n", " ")


def test_single_source_and_no_actors() -> None:
    one = event(
        "e1",
        event_date("2019", "year"),
        "Huawei overtakes Apple",
        [mention("ft-1", "Huawei overtook Apple.")],
    )
    articles = sample_timeline().articles[1:2]
    text = render_text(Timeline(model="m", articles=articles, events=[one]), width=60)
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines == [
        "1 article, 1 event  (model m)",
        "",
        "2019  Huawei overtakes Apple",
        "      1 source: FT",
    ]


@pytest.mark.parametrize(
    ("environ", "no_color", "expect_colour"),
    [
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ({"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_print_timeline_honours_no_color(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    environ: dict[str, str],
    no_color: bool,
    expect_colour: bool,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("COLORTERM", "truecolor")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    print_timeline(sample_timeline(), no_color=no_color)
    out = capsys.readouterr().out
    # Cyan, the date colour, as a 16-colour SGR code; bold alone is not colour.
    assert ("\x1b[1;36m" in out) is expect_colour
    assert "Google suspends Huawei's Android licence" in out


# ------------------------------------------------------------------------- entities


def test_entities_table_matches_golden() -> None:
    assert_golden("entities.txt", as_text(render_entities(count_entities(sample_timeline()))))


def test_entities_table_without_entities_says_so() -> None:
    assert as_text(render_entities([])) == "No people or organisations found.\n"


@pytest.mark.parametrize(
    ("text", "style"), [("Xi Jinping", "timeline.person"), ("Google", "timeline.org")]
)
def test_entity_names_carry_their_named_style(text: str, style: str) -> None:
    console = Console(file=io.StringIO(), width=100, color_system="truecolor", theme=THEME)
    segments = console.render(render_entities(count_entities(sample_timeline())))
    styles = {str(s.style) for s in Segment.simplify(segments) if s.text.strip() == text}
    assert styles == {str(THEME.styles[style])}


@pytest.mark.parametrize("width", [40, 80])
def test_entities_fit_the_console_width(width: int) -> None:
    text = as_text(render_entities(count_entities(sample_timeline())), width=width)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width


def test_print_entities_honours_no_color(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    print_entities(count_entities(sample_timeline()))
    out = capsys.readouterr().out
    # Bold may stay (NO_COLOR is about colour); no foreground colour code may.
    assert re.search(r"\x1b\[(?:\d+;)*3\d", out) is None
    assert "Donald Trump" in out
