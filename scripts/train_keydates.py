"""Fit the key-date model on the Timeline17 dev topics; write resources/keydates.json.

    make train-keydates                      # = .venv/bin/python scripts/train_keydates.py
    .venv/bin/python scripts/train_keydates.py --jobs 2 --check   # compare, do not write

Every candidate day of every reference task (the days the task's windowed
timeline, held to the topic's query keywords as ``bench/tls.py`` holds it,
dates an event to) is one example, labelled 1 when the journalist's
timeline lists that day; a candidate period is none (the references list days
only). The features are the day's evidence (``keydates/evidence.py``) but
``day`` itself. The weights are learnt to rank the key dates of a
task above its other dates (pairwise logistic regression, ``keydates/model.py``),
then the bias alone makes the score a probability. The same file holds the
weights of the key-date sentences: every candidate sentence of every reference
day that has two or more is one example, its target how many words of the
journalist's summary of the day it holds (ROUGE-1 F without stop words), fitted
by ridge regression on its features (``keydates/sentences.py``). Both fits are
deterministic (Newton's method and a closed form, fixed L2), so the same
extractions give the same file byte for byte. Extraction goes through
the cache, so a second run takes seconds. Without ../shared/timeline17 the script
says so and exits with code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from timeline17 import TIMELINE17, TOPICS, fit_key_dates, task_timelines, topics_at

from huawei_timeline.keydates.model import MODEL_FILE, dump_model

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "huawei_timeline" / "resources" / MODEL_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=TIMELINE17, help="Timeline17 folder")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="extraction workers")
    parser.add_argument("--extractions", type=Path, default=None, help="read extraction dumps")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="model file to write")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    args = parser.parse_args(argv)

    topics = topics_at(args.data, TOPICS)
    tasks = list(task_timelines(topics, jobs=args.jobs, extractions=args.extractions))
    model = fit_key_dates(tasks, [t.name for t in topics])
    text = dump_model(model)
    if args.check:
        same = args.output.is_file() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'up to date' if same else 'would change'}")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {model.examples} days, {model.positives} key dates")
    for name, weight in zip(model.features, model.weights, strict=True):
        print(f"  {name:<20} {weight:+.3f}")
    assert model.sentences is not None
    print(f"sentences: {model.sentences.examples} candidate sentences of reference days")
    for name, weight in zip(model.sentences.features, model.sentences.weights, strict=True):
        print(f"  {name:<20} {weight:+.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
