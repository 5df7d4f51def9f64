"""Terminal rendering of a :class:`~huawei_timeline.models.Timeline` with rich.

Colours are by meaning and defined once in :data:`THEME`; the renderables refer to
them by name (``timeline.date``, ``timeline.person``, ...), so a user can restyle the
output by pushing another theme. Nothing here sets a fixed width: rich lays the
table out within whatever width the console has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from huawei_timeline.models import (
    ActorConflict,
    DateConflict,
    Event,
    EventDate,
    EventMention,
    Granularity,
    Timeline,
)
from huawei_timeline.select import EntityCount
from huawei_timeline.values import TimexValueError, granularity_of, interval_of

THEME = Theme(
    {
        "timeline.header": "bold",
        "timeline.label": "dim",
        "timeline.date": "bold cyan",
        "timeline.summary": "default",
        "timeline.person": "green",
        "timeline.org": "magenta",
        "timeline.source": "blue",
        # Future events stand out from reported facts; unsure ones are toned down.
        "timeline.planned": "bold yellow",
        "timeline.hedged": "italic yellow",
        "timeline.conflict": "bold red",
        "timeline.quote": "italic",
        "timeline.sentence": "italic dim",
    }
)
"""The named styles used by :func:`render_timeline`."""

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
_EN_DASH = "\u2013"  # typographic range dash, spelled out so it is not mistaken for "-"
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}

# Display-only parsing of the parts of a TIMEX3 value that a day interval cannot carry
# (clock time, part of day, season name); values.interval_of covers the calendar.
_CLOCK = re.compile(r"T(\d{2}):(\d{2})")
_PART_OF_DAY = re.compile(r"T([A-Z]{2})$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)([YMWDHS])")


# ---------------------------------------------------------------------------- dates


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


def render_timeline(timeline: Timeline, *, verbose: bool = False) -> RenderableType:
    """Build the terminal view of a timeline: a header and one row per event, in order.

    Each row shows the date, the summary (tagged when the event is planned or hedged),
    the people and organisations involved, how many sources report it and from which
    outlets, and any source whose date disagrees. With ``verbose`` every mention's
    sentence is listed under its article id.

    The styles are named, not literal: print the result on a console that uses
    :data:`THEME` (as :func:`print_timeline` does).
    """
    header = Text.assemble(
        (_count(len(timeline.articles), "article"), "timeline.header"),
        ", ",
        (_count(len(timeline.events), "event"), "timeline.header"),
        (f"  (model {timeline.model})", "timeline.label"),
    )
    if not timeline.events:
        return Group(header, _styled("No dated events found.", "timeline.label"))

    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("date")
    table.add_column("event")
    for index, event in enumerate(timeline.events):
        if index:
            # An empty row, not Table(leading=...): rich draws leading only with a box.
            table.add_row()
        table.add_row(
            _styled(display_date(event.date), "timeline.date"), _event_body(event, verbose=verbose)
        )
    return Group(header, Text(""), table)


def print_timeline(
    timeline: Timeline,
    console: Console | None = None,
    *,
    verbose: bool = False,
    no_color: bool = False,
) -> None:
    """Print a timeline to ``console`` (stdout by default) using :data:`THEME`.

    The default console honours ``NO_COLOR`` and ``FORCE_COLOR`` from the
    environment; ``no_color=True`` switches colour off regardless. A console passed
    in keeps its own colour settings (create it with ``Console(no_color=True)``).
    """
    _print(render_timeline(timeline, verbose=verbose), console, no_color=no_color)


def _print(renderable: RenderableType, console: Console | None, *, no_color: bool) -> None:
    if console is None:
        # None (not False) lets rich read NO_COLOR from the environment.
        console = Console(theme=THEME, no_color=True if no_color else None)
    with console.use_theme(THEME):
        console.print(renderable)


# ------------------------------------------------------------------------- entities


def render_entities(entities: Sequence[EntityCount]) -> RenderableType:
    """Build a table of people and organisations: how many events and sources name them.

    ``entities`` come from :func:`huawei_timeline.select.count_entities`; names carry
    ``timeline.person`` / ``timeline.org``, outlets ``timeline.source``.
    """
    if not entities:
        return _styled("No people or organisations found.", "timeline.label")
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="timeline.header")
    table.add_column("name")
    table.add_column("kind")
    table.add_column("events", justify="right")
    table.add_column("sources", justify="right")
    table.add_column("outlets")
    for entity in entities:
        style = "timeline.person" if entity.kind == "person" else "timeline.org"
        table.add_row(
            _styled(entity.name, style),
            _styled(entity.kind, "timeline.label"),
            str(entity.events),
            str(entity.sources),
            _joined(entity.outlets, "timeline.source"),
        )
    return table


def print_entities(
    entities: Sequence[EntityCount], console: Console | None = None, *, no_color: bool = False
) -> None:
    """Print :func:`render_entities` like :func:`print_timeline` prints a timeline."""
    _print(render_entities(entities), console, no_color=no_color)


def _event_body(event: Event, *, verbose: bool) -> Group:
    lines: list[RenderableType] = [_summary_line(event)]
    actors = _actors_line(event)
    if actors is not None:
        lines.append(actors)
    lines.append(_sources_line(event))
    if event.date_conflicts:
        lines.extend(_conflict_lines(event.date, event.date_conflicts))
    if event.actor_conflicts:
        lines.extend(_actor_conflict_lines(event.actor_conflicts))
    if verbose:
        lines.append(_styled("mentions:", "timeline.label"))
        lines.extend(_mention_line(mention) for mention in event.mentions)
    return Group(*lines)


def _summary_line(event: Event) -> Text:
    line = Text()
    if event.modality == "planned":
        line.append("[planned] ", style="timeline.planned")
    elif event.modality != "asserted":
        line.append(f"[{event.modality}] ", style="timeline.hedged")
    line.append(event.summary, style="timeline.summary")
    return line


def _actors_line(event: Event) -> Text | None:
    # Labels as well as colours, so the line still reads without colour (NO_COLOR).
    parts: list[Text] = []
    if event.people:
        parts.append(_labelled("people", event.people, "timeline.person"))
    if event.organizations:
        parts.append(_labelled("orgs", event.organizations, "timeline.org"))
    return Text("  ").join(parts) if parts else None


def _labelled(label: str, names: Iterable[str], style: str) -> Text:
    return Text.assemble((f"{label}: ", "timeline.label"), _joined(names, style))


def _joined(names: Iterable[str], style: str) -> Text:
    return Text(", ").join(Text(name, style=style) for name in names)


def _sources_line(event: Event) -> Text:
    line = _styled(_count(event.sources, "source"), "timeline.source")
    if event.outlets:
        line.append(": ")
        line.append_text(_joined(event.outlets, "timeline.source"))
    return line


def _conflict_lines(merged: EventDate, conflicts: Iterable[DateConflict]) -> list[RenderableType]:
    lines: list[RenderableType] = [_styled("dates differ:", "timeline.conflict")]
    for conflict in conflicts:
        lines.append(
            _indented(
                (conflict.article_id, "timeline.source"),
                ": ",
                (f"“{conflict.text}”", "timeline.quote"),
                " -> ",
                (display_conflict_date(conflict, merged), "timeline.conflict"),
            )
        )
    return lines


def _actor_conflict_lines(conflicts: Iterable[ActorConflict]) -> list[RenderableType]:
    lines: list[RenderableType] = [_styled("sources disagree on who:", "timeline.conflict")]
    for conflict in conflicts:
        lines.append(
            _indented(
                (conflict.article_id, "timeline.source"),
                ": ",
                (
                    f"credits {conflict.attributed_to}, not {' or '.join(conflict.instead_of)}",
                    "timeline.conflict",
                ),
            )
        )
    return lines


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


def _mention_line(mention: EventMention) -> Padding:
    return _indented(
        (mention.article_id, "timeline.source"),
        ": ",
        (f"“{mention.sentence}”", "timeline.sentence"),
    )


def _styled(text: str, style: str) -> Text:
    # The style goes on a span, not on the Text: a Text's own style would also colour
    # the padding that the table adds up to the column width.
    return Text.assemble((text, style))


def _indented(*parts: str | tuple[str, str]) -> Padding:
    # Padding, not leading spaces, so that wrapped lines keep the indent.
    return Padding(Text.assemble(*parts), (0, 0, 0, 2), expand=False)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
