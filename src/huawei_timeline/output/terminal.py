"""Terminal rendering of a :class:`~huawei_timeline.models.Timeline` with rich.

Colours are by meaning and defined once in :data:`THEME`; the renderables refer to
them by name (``timeline.date``, ``timeline.person``, ...), so a user can restyle the
output by pushing another theme. Nothing here sets a fixed width: rich lays the
table out within whatever width the console has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from huawei_timeline.events.summary import one_line
from huawei_timeline.models import (
    ActorConflict,
    DateConflict,
    Event,
    EventDate,
    EventMention,
    KeyDate,
    MergeLink,
    Timeline,
)
from huawei_timeline.output.dates import (
    PUBLISH_MARK,
    display_conflict_date,
    display_date,
    display_event_date,
    key_date_score,
    key_date_value,
)
from huawei_timeline.output.select import EntityCount

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


def render_timeline(
    timeline: Timeline, *, verbose: bool = False, explain: bool = False
) -> RenderableType:
    """Build the terminal view of a timeline: a header and one row per event, in order.

    Each row shows the date, the summary (tagged when the event is planned or hedged),
    the people and organisations involved, how many sources report it and from which
    outlets, and any source whose date disagrees. With ``verbose`` every mention's
    sentence is listed under its article id; with ``explain``, why each mention
    joined the event (the pair's merge score and what it is made of).

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
            _styled(display_event_date(event), "timeline.date"),
            _event_body(event, verbose=verbose, explain=explain),
        )
    return Group(header, Text(""), table)


def print_timeline(
    timeline: Timeline,
    console: Console | None = None,
    *,
    verbose: bool = False,
    explain: bool = False,
    no_color: bool = False,
) -> None:
    """Print a timeline to ``console`` (stdout by default) using :data:`THEME`.

    The default console honours ``NO_COLOR`` and ``FORCE_COLOR`` from the
    environment; ``no_color=True`` switches colour off regardless. A console passed
    in keeps its own colour settings (create it with ``Console(no_color=True)``).
    """
    _print(render_timeline(timeline, verbose=verbose, explain=explain), console, no_color=no_color)


def _print(renderable: RenderableType, console: Console | None, *, no_color: bool) -> None:
    if console is None:
        # None (not False) lets rich read NO_COLOR from the environment.
        console = Console(theme=THEME, no_color=True if no_color else None)
    with console.use_theme(THEME):
        console.print(renderable)


# ------------------------------------------------------------------------ key dates


def render_key_dates(timeline: Timeline) -> RenderableType:
    """Build the compact timeline of ``timeline.key_dates``: one row per key date.

    Each row shows the day, its sentences (each with its outlet, article id and
    character span, so it can be checked) and a line of the evidence behind the
    choice: the model's score, the articles and outlets reporting the day's events,
    and how many later articles refer back to the day.
    """
    header = Text.assemble(
        (_count(len(timeline.articles), "article"), "timeline.header"),
        ", ",
        (_count(len(timeline.events), "event"), "timeline.header"),
        ", ",
        (_count(len(timeline.key_dates), "key date"), "timeline.header"),
        (f"  (model {timeline.model})", "timeline.label"),
    )
    if not timeline.key_dates:
        return Group(header, _styled("No day-dated events to choose from.", "timeline.label"))
    outlet_of = {article.id: article.outlet for article in timeline.articles}
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("date")
    table.add_column("key date")
    for index, key in enumerate(timeline.key_dates):
        if index:
            table.add_row()
        table.add_row(
            _styled(display_date(key_date_value(key)), "timeline.date"),
            _key_date_body(key, outlet_of),
        )
    return Group(header, Text(""), table)


def print_key_dates(
    timeline: Timeline, console: Console | None = None, *, no_color: bool = False
) -> None:
    """Print :func:`render_key_dates` like :func:`print_timeline` prints a timeline."""
    _print(render_key_dates(timeline), console, no_color=no_color)


def _key_date_body(key: KeyDate, outlet_of: dict[str, str]) -> Group:
    lines: list[RenderableType] = []
    for sentence in key.sentences:
        lines.append(_styled(one_line(sentence.text), "timeline.summary"))
        lines.append(
            _indented(
                (outlet_of.get(sentence.article_id, sentence.article_id), "timeline.source"),
                (
                    f" ({sentence.article_id}, characters {sentence.start}\u2013{sentence.end})",
                    "timeline.label",
                ),
            )
        )
    evidence = key.evidence
    lines.append(
        _styled(
            f"score {key_date_score(key.score)}: {_count(evidence.event_articles, 'article')} "
            f"({_count(evidence.event_outlets, 'outlet')}) report "
            f"{_count(evidence.events, 'event')}; "
            f"named by {_count(evidence.referring_articles, 'later article')}",
            "timeline.label",
        )
    )
    return Group(*lines)


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


def _event_body(event: Event, *, verbose: bool, explain: bool = False) -> Group:
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
    if explain and event.explain:
        lines.append(_styled("why these mentions are one event:", "timeline.label"))
        lines.extend(_explain_line(link) for link in event.explain)
    return Group(*lines)


def _explain_line(link: MergeLink) -> Padding:
    reasons = ", ".join(f"{name} {share:+.2f}" for name, share in link.evidence.items())
    return _indented(
        (link.mention, "timeline.source"),
        " + ",
        (link.joined, "timeline.source"),
        f": score {link.score:.2f}" + (f" ({reasons})" if reasons else ""),
    )


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


def _mention_line(mention: EventMention) -> Padding:
    return _indented(
        (mention.article_id, "timeline.source"),
        ": ",
        (f"“{one_line(mention.sentence)}”", "timeline.sentence"),
        (PUBLISH_MARK if mention.date_source == "publish" else "", "timeline.label"),
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
