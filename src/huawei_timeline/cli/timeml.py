"""``huawei-timeline timeml``: tag TimeML files and score them the TempEval-3 way.

A thin layer over :mod:`huawei_timeline.timex.annotate` and
:mod:`huawei_timeline.timeml.score`; errors are
:class:`~huawei_timeline.timeml.reader.TimeMLError` (a ``TimelineError``), raised as they
are: the main CLI (``huawei_timeline.cli.main.app``) prints them as one line.
spaCy is imported only when ``annotate`` runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from huawei_timeline.nlp import DEFAULT_MODEL

timeml_app = typer.Typer(
    help=(
        "Temporal tagging on TimeML: tag .tml / .TE3input files, score against gold.\n\n"
        "Examples:\n\n"
        "  huawei-timeline timeml annotate gold/ out/\n\n"
        "  huawei-timeline timeml evaluate gold/ out/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@timeml_app.command()
def annotate(
    in_dir: Annotated[Path, typer.Argument(help="Folder of .tml or .TE3input files.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the tagged .tml files to.")],
    model: Annotated[
        str, typer.Option("--model", help="Installed spaCy pipeline name or path to load.")
    ] = DEFAULT_MODEL,
) -> None:
    """Tag every TimeML file of IN_DIR with TIMEX3 and write it to OUT_DIR.

    File names and sub-folders are kept (X.tml.TE3input is written as X.tml);
    the text is written back unchanged apart from the inserted tags.

    Example: huawei-timeline timeml annotate te3-input/ system/
    """
    from huawei_timeline.nlp import load_model
    from huawei_timeline.timex.annotate import annotate_dir

    written = annotate_dir(in_dir, out_dir, load_model(model))
    typer.echo(f"wrote {len(written)} files to {out_dir}")


@timeml_app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold .tml files.")],
    system_dir: Annotated[Path, typer.Argument(help="Folder of system .tml files.")],
) -> None:
    """Print TE3 strict / relaxed / value / type precision, recall and F1.

    Files are paired by relative path; a missing system file counts as empty.

    Example: huawei-timeline timeml evaluate gold/ system/
    """
    from huawei_timeline.timeml.score import evaluate_dirs

    typer.echo(evaluate_dirs(gold_dir, system_dir).table())
