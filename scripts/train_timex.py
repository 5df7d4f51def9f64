"""Fit the temporal tagger's span model on TBAQ; write resources/timex/spans.json.

    make train-timex                                   # = .venv/bin/python scripts/train_timex.py
    .venv/bin/python scripts/train_timex.py --check    # compare, do not write

Every sentence of the gold TimeML files (TimeBank and AQUAINT of
../shared/timeml/TBAQ-cleaned) is one training sequence: the features of
``timex/spans.py`` (words, parse, grammar matches, spaCy entities) and BIO
labels from the gold TIMEX3 spans. The averaged perceptron runs a fixed number
of epochs over the documents in file order, so the same corpus and model give
the same file byte for byte. TE3 silver is not used: its TIMEX3 are another
system's output. Without the corpus the script says so and exits with code 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from huawei_timeline.nlp import DEFAULT_MODEL, load_model
from huawei_timeline.timeml.reader import read_timeml, timeml_files
from huawei_timeline.timex.annotate import parse_documents, span_examples
from huawei_timeline.timex.spans import EPOCHS, MODEL_FILE, dump_model, train_span_model

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "timeml" / "TBAQ-cleaned"
OUTPUT = ROOT / "src" / "huawei_timeline" / "resources" / "timex" / MODEL_FILE
HALVES = ("TimeBank", "AQUAINT")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="TBAQ-cleaned folder")
    parser.add_argument("--halves", nargs="+", default=list(HALVES), help="sub-folders to use")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="model file to write")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    args = parser.parse_args(argv)

    folders = [args.corpus / half for half in args.halves]
    absent = [str(f) for f in folders if not f.is_dir()]
    if absent:
        print(
            f"error: {', '.join(absent)}: not found; the span model trains on the TempEval-3 "
            "TBAQ-cleaned corpus (../shared/timeml/TBAQ-cleaned); pass --corpus with its folder",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    documents = [read_timeml(path) for folder in folders for path in timeml_files(folder)]
    parsed = parse_documents(documents, load_model(args.model))
    examples = span_examples(zip(documents, parsed, strict=True))
    model = train_span_model(examples, EPOCHS, trained_on=args.halves)
    text = dump_model(model)
    if args.check:
        same = args.output.is_file() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'up to date' if same else 'would change'}")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(
        f"wrote {args.output}: {len(documents)} documents, {len(examples)} sentences, "
        f"{len(model.weights)} features, {len(text) / 1000:.0f} kB, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
