"""Command line: a thin layer over :func:`huawei_timeline.pipeline.run`.

Heavy modules (spaCy, the pipeline) are imported inside the commands so that
``huawei-timeline --help`` answers at once.

Options shared by several commands are declared once, as ``Annotated`` aliases
(:data:`CorpusOption`, :data:`FromOption`, ...), and listed as ordinary parameters
of each command; :func:`_run_pipeline` and :func:`_filter` turn them into library
calls. Library errors (:class:`~huawei_timeline.errors.TimelineError`) become one
line on stderr and their exit code in one place, :func:`_one_line_errors`, which the
app's callback wraps around every command (``timeml ...`` included).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from huawei_timeline.cli.timeml import timeml_app
from huawei_timeline.errors import OutputError, TimelineError
from huawei_timeline.nlp import DEFAULT_MODEL

if TYPE_CHECKING:
    from huawei_timeline.models import Timeline
    from huawei_timeline.output.select import TimelineFilter
    from huawei_timeline.pipeline import Run

DEFAULT_CORPUS = Path("data/manifest.json")


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Turn a library error into ``error: <message>`` on stderr and its exit code."""
    try:
        yield
    except TimelineError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    help=(
        "Build a verifiable chronology from a bundle of news articles: every event "
        "cites the article sentences that report it.\n\n"
        "\b\n"
        "Examples:\n"
        "  huawei-timeline                          # timeline of data/manifest.json\n"
        "  huawei-timeline show --corpus my/manifest.json --verbose\n"
        "  huawei-timeline show --from 2019-07 --person Ross --past-only\n"
        "  huawei-timeline export --format html -o timeline.html\n"
        "  huawei-timeline entities\n"
        "  huawei-timeline schema -o timeline.schema.json"
    ),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(timeml_app, name="timeml")


# ------------------------------------------------------------------- shared options

CorpusOption = Annotated[
    Path,
    typer.Option(
        "--corpus",
        help=(
            "Manifest (JSON or CSV: id, file, outlet, headline, published), its folder, "
            "or a folder of .html / .tml / .txt articles."
        ),
    ),
]
ModelOption = Annotated[
    str, typer.Option("--model", help="Installed spaCy pipeline name or path to load.")
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Worker processes for parsing (0: one per core); with --engine dask and no "
        "--scheduler, the workers of the local Dask cluster.",
    ),
]


class EngineChoice(StrEnum):
    """Engines that run the pipeline's maps (``huawei_timeline.engine.ENGINES``)."""

    local = "local"
    dask = "dask"


EngineOption = Annotated[
    EngineChoice,
    typer.Option(
        "--engine",
        help="Where extraction and the merge's pair scoring run: local processes, or Dask "
        "workers (the output is the same).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="A running Dask scheduler (tcp://host:8786) for --engine dask; without it a "
        "local cluster of --jobs workers is started.",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Neither read nor store per-article results in the cache."),
]
AssumePublishedOption = Annotated[
    str | None,
    typer.Option(
        "--assume-published",
        metavar="DATE",
        help="Publish date (YYYY-MM-DD) for articles whose manifest and file give none.",
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="Plain text output (NO_COLOR is honoured too).")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]

_FILTERS = "Filters"

FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Only events on or after DATE (2019, 2019-07, 2019-07-09, 2019-Q3).",
        rich_help_panel=_FILTERS,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="Only events on or before DATE (--to 2019-07 includes all of July).",
        rich_help_panel=_FILTERS,
    ),
]
PersonOption = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        metavar="NAME",
        help="Only events naming this person (part of the name; repeatable).",
        rich_help_panel=_FILTERS,
    ),
]
OrgOption = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        metavar="NAME",
        help="Only events naming this organisation (part of the name; repeatable).",
        rich_help_panel=_FILTERS,
    ),
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="OUTLET",
        help="Only events reported by this outlet or article id (repeatable).",
        rich_help_panel=_FILTERS,
    ),
]
AboutOption = Annotated[
    list[str] | None,
    typer.Option(
        "--about",
        metavar="WORD",
        help="Only events with a source sentence using this word or phrase, as a word's "
        "start, any case ('spill' matches 'Spills'; repeatable: any of them).",
        rich_help_panel=_FILTERS,
    ),
]
MinSourcesOption = Annotated[
    int,
    typer.Option(
        "--min-sources",
        min=1,
        metavar="N",
        help="Only events reported by at least N articles.",
        rich_help_panel=_FILTERS,
    ),
]
PublishedFromOption = Annotated[
    str | None,
    typer.Option(
        "--published-from",
        metavar="DATE",
        help="Only read articles published on or after DATE (before any extraction).",
    ),
]
PublishedToOption = Annotated[
    str | None,
    typer.Option(
        "--published-to",
        metavar="DATE",
        help="Only read articles published on or before DATE (--published-to 2011-02: all Feb).",
    ),
]
_KEY_DATES = "Key dates"
KeyDatesOption = Annotated[
    int | None,
    typer.Option(
        "--key-dates",
        min=1,
        metavar="N",
        help="Only the N most important days, each told in a few sentences (after the filters).",
        rich_help_panel=_KEY_DATES,
    ),
]
SentencesOption = Annotated[
    int,
    typer.Option(
        "--sentences",
        min=1,
        metavar="K",
        help="Sentences per key date (with --key-dates).",
        rich_help_panel=_KEY_DATES,
    ),
]
PlannedOption = Annotated[
    bool,
    typer.Option(
        "--include-planned/--past-only",
        help="Keep or drop planned (future) events.",
        rich_help_panel=_FILTERS,
    ),
]


def _run_pipeline(
    corpus: Path,
    model: str,
    jobs: int,
    no_cache: bool,
    assume_published: str | None,
    published: tuple[str | None, str | None] = (None, None),
    engine: tuple[EngineChoice, str | None] = (EngineChoice.local, None),
) -> Run:
    from huawei_timeline.pipeline import run

    return run(
        corpus,
        model,
        jobs=jobs,
        engine=engine[0].value,
        scheduler=engine[1],
        cache=not no_cache,
        assume_published=assume_published,
        progress=sys.stderr.isatty(),
        published_from=published[0],
        published_to=published[1],
    )


def _published(
    published_from: str | None, published_to: str | None
) -> tuple[str | None, str | None]:
    """Check ``--published-from/--published-to`` before the pipeline runs (a typo fails at once).

    Raises:
        FilterError: a bound is not a date, or the range is inverted.
    """
    from huawei_timeline.pipeline import published_range

    published_range(published_from, published_to)
    return published_from, published_to


def _key_dates(timeline: Timeline, key_dates: int | None, sentences: int) -> Timeline:
    """The filtered timeline with its key dates chosen, when ``--key-dates`` was given."""
    if key_dates is None:
        return timeline
    from huawei_timeline.keydates.select import add_key_dates

    return add_key_dates(timeline, key_dates, sentences)


def _filter(
    date_from: str | None,
    date_to: str | None,
    person: list[str] | None,
    org: list[str] | None,
    source: list[str] | None,
    about: list[str] | None,
    min_sources: int,
    include_planned: bool,
) -> TimelineFilter:
    """The library filter the filter options stand for; call it before the pipeline
    runs, so that a typo fails at once.

    Raises:
        FilterError: ``--from`` or ``--to`` is not a date.
    """
    from huawei_timeline.output.select import TimelineFilter, parse_bound

    return TimelineFilter(
        start=parse_bound(date_from)[0] if date_from else None,
        end=parse_bound(date_to)[1] if date_to else None,
        people=person or [],
        organizations=org or [],
        sources=source or [],
        about=about or [],
        min_sources=min_sources,
        include_planned=include_planned,
    )


def _warn(timeline: Timeline) -> None:
    for warning in timeline.warnings:
        typer.echo(f"warning: {warning}", err=True)


# ------------------------------------------------------------------------ commands


class ExportFormat(StrEnum):
    """Formats ``export`` can write."""

    json = "json"
    timelinejs = "timelinejs"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    timeml = "timeml"


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """Show the timeline when no command is given."""
    # Every command, ``timeml ...`` included, runs before this context closes, and
    # click closes it with the command's exception: one handler covers them all.
    ctx.with_resource(_one_line_errors())
    if ctx.invoked_subcommand is None:
        show()


@app.command()
def show(
    corpus: CorpusOption = DEFAULT_CORPUS,
    model: ModelOption = DEFAULT_MODEL,
    jobs: JobsOption = 1,
    engine: EngineOption = EngineChoice.local,
    scheduler: SchedulerOption = None,
    no_cache: NoCacheOption = False,
    assume_published: AssumePublishedOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    person: PersonOption = None,
    org: OrgOption = None,
    source: SourceOption = None,
    about: AboutOption = None,
    min_sources: MinSourcesOption = 1,
    include_planned: PlannedOption = True,
    published_from: PublishedFromOption = None,
    published_to: PublishedToOption = None,
    key_dates: KeyDatesOption = None,
    sentences: SentencesOption = 2,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every source sentence with its article.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show why each mention joined its event: the pair's merge score and "
            "what it is made of.",
        ),
    ] = False,
    no_color: NoColorOption = False,
) -> None:
    """Print the timeline in the terminal (the default command).

    Dates read as a person says them ("mid-Oct 2019"), planned events are marked,
    each event lists its sources, and sources that give another date are shown.

    \b
    Examples:
      huawei-timeline show --verbose
      huawei-timeline show --explain --from 2019-05 --to 2019-05
      huawei-timeline show --corpus my-folder --from 2019-07 --to 2019-07
      huawei-timeline show --person Trump --org Huawei --min-sources 2 --past-only
      huawei-timeline show --corpus archive --published-from 2011-01 --key-dates 20
      NO_COLOR=1 huawei-timeline show | less
    """
    from huawei_timeline.output.select import filter_timeline
    from huawei_timeline.output.terminal import print_key_dates, print_timeline

    keep = _filter(date_from, date_to, person, org, source, about, min_sources, include_planned)
    published = _published(published_from, published_to)
    built = _run_pipeline(
        corpus, model, jobs, no_cache, assume_published, published, (engine, scheduler)
    )
    timeline = _key_dates(filter_timeline(built.timeline, keep), key_dates, sentences)
    _warn(timeline)
    if key_dates is not None:
        print_key_dates(timeline, no_color=no_color)
    else:
        print_timeline(timeline, verbose=verbose, explain=explain, no_color=no_color)


@app.command()
def export(
    corpus: CorpusOption = DEFAULT_CORPUS,
    model: ModelOption = DEFAULT_MODEL,
    jobs: JobsOption = 1,
    engine: EngineOption = EngineChoice.local,
    scheduler: SchedulerOption = None,
    no_cache: NoCacheOption = False,
    assume_published: AssumePublishedOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    person: PersonOption = None,
    org: OrgOption = None,
    source: SourceOption = None,
    about: AboutOption = None,
    min_sources: MinSourcesOption = 1,
    include_planned: PlannedOption = True,
    published_from: PublishedFromOption = None,
    published_to: PublishedToOption = None,
    key_dates: KeyDatesOption = None,
    sentences: SentencesOption = 2,
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (a folder for timeml) instead of stdout.",
        ),
    ] = None,
) -> None:
    """Export the timeline for other tools; files are written atomically.

    json: the Timeline (see `huawei-timeline schema`); timelinejs: Knight Lab
    TimelineJS JSON; markdown: a newsroom chronology with sources as footnotes;
    csv: one row per event; html: one self-contained page; timeml: one .tml file
    per article with its TIMEX3 tags (needs -o DIR; filters do not apply).

    \b
    Examples:
      huawei-timeline export --format json -o timeline.json
      huawei-timeline export --format timelinejs -o timelinejs.json
      huawei-timeline export --format markdown --past-only > timeline.md
      huawei-timeline export --format csv --min-sources 2 -o events.csv
      huawei-timeline export --format html -o timeline.html
      huawei-timeline export --format json --key-dates 20 --sentences 2 -o key-dates.json
      huawei-timeline export --format timeml -o tml/
    """
    from huawei_timeline.files import check_output_path, write_atomic
    from huawei_timeline.output.exports import write_timeml_folder
    from huawei_timeline.output.select import filter_timeline

    # Every check before minutes of parsing, not after.
    if format is ExportFormat.timeml and output is None:
        raise OutputError("--format timeml writes one file per article; give a folder: -o DIR")
    keep = _filter(date_from, date_to, person, org, source, about, min_sources, include_planned)
    published = _published(published_from, published_to)
    if output is not None and format is not ExportFormat.timeml:
        check_output_path(output)
    built = _run_pipeline(
        corpus, model, jobs, no_cache, assume_published, published, (engine, scheduler)
    )
    _warn(built.timeline)
    if format is ExportFormat.timeml:
        assert output is not None
        written = write_timeml_folder(built.timeline, built.articles, output)
        typer.echo(f"wrote {len(written)} TimeML files to {output}", err=True)
        return
    timeline = _key_dates(filter_timeline(built.timeline, keep), key_dates, sentences)
    text = _render_export(format, timeline)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def _render_export(format: ExportFormat, timeline: Timeline) -> str:
    from huawei_timeline.output import exports as formats
    from huawei_timeline.output.page import to_html

    writers: dict[ExportFormat, Callable[[Timeline], str]] = {
        ExportFormat.json: formats.to_json,
        ExportFormat.timelinejs: formats.to_timelinejs,
        ExportFormat.markdown: formats.to_markdown,
        ExportFormat.csv: formats.to_csv,
        ExportFormat.html: to_html,
    }
    text = writers[format](timeline)
    return text if text.endswith("\n") else text + "\n"


@app.command()
def entities(
    corpus: CorpusOption = DEFAULT_CORPUS,
    model: ModelOption = DEFAULT_MODEL,
    jobs: JobsOption = 1,
    engine: EngineOption = EngineChoice.local,
    scheduler: SchedulerOption = None,
    no_cache: NoCacheOption = False,
    assume_published: AssumePublishedOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    person: PersonOption = None,
    org: OrgOption = None,
    source: SourceOption = None,
    about: AboutOption = None,
    min_sources: MinSourcesOption = 1,
    include_planned: PlannedOption = True,
    published_from: PublishedFromOption = None,
    published_to: PublishedToOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the people and organisations of the timeline: how many events and sources.

    \b
    Examples:
      huawei-timeline entities
      huawei-timeline entities --from 2019-07 --min-sources 2
    """
    from huawei_timeline.output.select import count_entities, filter_timeline
    from huawei_timeline.output.terminal import print_entities

    keep = _filter(date_from, date_to, person, org, source, about, min_sources, include_planned)
    published = _published(published_from, published_to)
    built = _run_pipeline(
        corpus, model, jobs, no_cache, assume_published, published, (engine, scheduler)
    )
    timeline = filter_timeline(built.timeline, keep)
    _warn(timeline)
    print_entities(count_entities(timeline), no_color=no_color)


@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of `export --format json` (also in data/timeline.schema.json).

    \b
    Examples:
      huawei-timeline schema
      huawei-timeline schema -o timeline.schema.json
    """
    from huawei_timeline.files import write_atomic
    from huawei_timeline.output.exports import schema_text

    if output is None:
        sys.stdout.write(schema_text())
    else:
        write_atomic(output, schema_text())


def main() -> None:
    """Console entry point."""
    app()
