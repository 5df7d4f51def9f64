"""Throughput of the whole pipeline on a large news bundle, side by side in one run.

    .venv/bin/python bench/throughput.py                  # TE3 silver: ../shared/timeml/silver
    .venv/bin/python bench/throughput.py --limit 300      # a quick look

Each measurement runs in a fresh interpreter (so imports, model loading and peak
memory are its own) and prints one JSON line, which the driver collects:

* ``raw``: ``spacy.load(model)`` then ``nlp.pipe`` over the article texts, the
  model's default components and batch size: the baseline.
* ``cold``: the pipeline as ``build_timeline`` runs it (load, extraction,
  merge) with an empty cache folder, ``--jobs 1`` and ``--jobs 2``.
* ``warm``: the same with the cache filled by the ``--jobs 1`` run (median of 3 runs).
* ``merge``: the merge step alone over the first 300 / 1,000 / all articles'
  cached extractions (median of 3).

Words are whitespace-separated tokens of the article texts, the same count for
both sides. Pipeline words/s leaves out the model load, as the raw baseline does;
totals include everything. Peak memory is ru_maxrss of the process and of its
largest worker. Numbers are printed, never asserted (tests must not time things).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from huawei_timeline.nlp import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
SILVER = ROOT.parent / "shared" / "timeml" / "silver"
MODEL = DEFAULT_MODEL
MERGE_SIZES = (300, 1000)


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _articles(corpus: Path) -> Any:
    from huawei_timeline.ingest.manifest import load_corpus

    return load_corpus(corpus)


def _words(articles: Any) -> int:
    return sum(len(a.text.split()) for a in articles)


def step_raw(args: argparse.Namespace) -> dict[str, Any]:
    """Baseline: the model's own ``nlp.pipe`` over whole article texts."""
    import spacy

    articles = _articles(args.corpus).articles
    nlp = spacy.load(args.model)
    texts = [a.text for a in articles]
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"seconds": time.perf_counter() - start, "words": _words(articles)}


def step_cold(args: argparse.Namespace) -> dict[str, Any]:
    """The pipeline, stage by stage as ``build_timeline`` runs it, timed."""
    from huawei_timeline.cache import ExtractionCache
    from huawei_timeline.nlp import load_model
    from huawei_timeline.pipeline import extract_all, merge_extractions

    start = time.perf_counter()
    loaded = _articles(args.corpus)
    loaded_at = time.perf_counter()
    if args.step == "cold" and args.jobs == 1:
        load_model(args.model)  # what extract_all would do first, timed apart
    model_at = time.perf_counter()
    store = ExtractionCache.for_model(args.model, args.cache) if args.cache else None
    extractions = extract_all(loaded.articles, args.model, jobs=args.jobs, cache=store)
    extracted_at = time.perf_counter()
    timeline = merge_extractions(extractions, [a.meta for a in loaded.articles], args.model)
    end = time.perf_counter()
    return {
        "load": loaded_at - start,
        "model": model_at - loaded_at,
        "extract": extracted_at - model_at,
        "merge": end - extracted_at,
        "total": end - start,
        "words": _words(loaded.articles),
        "articles": len(loaded.articles),
        "mentions": sum(len(e.mentions) for e in extractions),
        "events": len(timeline.events),
    }


def step_merge(args: argparse.Namespace) -> dict[str, Any]:
    """Merge alone over the first N articles' cached extractions."""
    from huawei_timeline.cache import ExtractionCache
    from huawei_timeline.pipeline import extract_all, merge_extractions

    loaded = _articles(args.corpus)
    store = ExtractionCache.for_model(args.model, args.cache)
    extractions = extract_all(loaded.articles, args.model, cache=store)
    sizes = [n for n in MERGE_SIZES if n < len(extractions)] + [len(extractions)]
    times: dict[str, Any] = {}
    for size in sizes:
        metas = [a.meta for a in loaded.articles[:size]]
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            merge_extractions(extractions[:size], metas, args.model)
            runs.append(time.perf_counter() - start)
        mentions = sum(len(e.mentions) for e in extractions[:size])
        times[str(size)] = {"seconds": statistics.median(runs), "mentions": mentions}
    return {"sizes": times}


STEPS = {"raw": step_raw, "cold": step_cold, "warm": step_cold, "merge": step_merge}


def _run(step: str, args: argparse.Namespace, **extra: Any) -> dict[str, Any]:
    command = [sys.executable, __file__, "--step", step, "--corpus", str(args.corpus)]
    command += ["--model", args.model]
    for key, value in extra.items():
        command += [f"--{key}", str(value)]
    print(f"  running {step} {extra or ''}", file=sys.stderr, flush=True)
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{step} failed:\n{out.stderr}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def drive(args: argparse.Namespace) -> None:
    """Run every measurement in its own process and print the table."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        if args.limit is not None:
            args.corpus = _first_files(args.corpus, args.limit, Path(two) / "corpus")
        raw = _run("raw", args)
        cold1 = _run("cold", args, jobs=1, cache=one)
        cold2 = _run("cold", args, jobs=2, cache=two)
        warm_runs = [_run("warm", args, jobs=1, cache=one) for _ in range(3)]
        merge = _run("merge", args, cache=one)["sizes"]
    warm = min(warm_runs, key=lambda r: r["total"])
    warm_total = statistics.median(r["total"] for r in warm_runs)
    words = cold1["words"]
    raw_wps = words / raw["seconds"]
    pipe_seconds = cold1["load"] + cold1["extract"] + cold1["merge"]
    pipe_wps = words / pipe_seconds
    step_wps = words / (cold1["load"] + cold1["extract"])
    sizes = [int(n) for n in merge]
    exponents = [
        _exponent(n1, merge[str(n1)]["seconds"], n2, merge[str(n2)]["seconds"])
        for n1, n2 in itertools.pairwise(sizes)
    ]
    c1, c2 = cold1, cold2
    rows = [
        ("raw `nlp.pipe` (all default components)", f"{raw_wps:,.0f} words/s", ""),
        ("pipeline, --jobs 1, model load excluded", f"{pipe_wps:,.0f} words/s", ""),
        ("pipeline / raw", f"{pipe_wps / raw_wps:.2f}x", ">= 0.85x"),
        (
            "extraction step alone (load + nlp + timex + events) / raw",
            f"{step_wps / raw_wps:.2f}x",
            "",
        ),
        (
            f"cold, --jobs 1 (load {c1['load']:.1f} s, model {c1['model']:.1f} s, "
            f"extract {c1['extract']:.1f} s, merge {c1['merge']:.1f} s)",
            f"{c1['total']:.1f} s",
            "",
        ),
        (
            f"cold, --jobs 2 (load {c2['load']:.1f} s, extract {c2['extract']:.1f} s, "
            f"merge {c2['merge']:.1f} s)",
            f"{c2['total']:.1f} s",
            "",
        ),
        ("--jobs 2 vs --jobs 1 (2 cores)", f"{c1['total'] / c2['total']:.2f}x", ">= 1.6x"),
        (
            "--jobs 2 vs --jobs 1, extraction step (model loads included)",
            f"{(c1['model'] + c1['extract']) / c2['extract']:.2f}x",
            "",
        ),
    ]
    rows += [
        (f"merge, {int(n):,} articles ({m['mentions']:,} mentions)", f"{m['seconds']:.2f} s", "")
        for n, m in merge.items()
    ]
    rows += [
        (
            f"merge growth exponent ({' -> '.join(f'{n:,}' for n in sizes)})",
            ", ".join(f"{e:.2f}" for e in exponents),
            "< 2",
        ),
        ("merge share of the cold total", f"{c1['merge'] / c1['total'] * 100:.1f}%", "< 10%"),
        (
            f"warm cache, median of 3 (load {warm['load']:.1f} s, merge {warm['merge']:.1f} s)",
            f"{warm_total:.1f} s",
            "",
        ),
        ("warm vs cold", f"{c1['total'] / warm_total:.1f}x faster", ">= 10x"),
        (
            "warm vs cold, merge left out",
            f"{(c1['total'] - c1['merge']) / (warm_total - warm['merge']):.1f}x faster",
            "",
        ),
        ("peak memory, --jobs 1", f"{c1['peak_mb']:,.0f} MB", ""),
        (
            "peak memory, --jobs 2 (parent / largest worker)",
            f"{c2['peak_mb']:,.0f} / {c2['children_peak_mb']:,.0f} MB",
            "",
        ),
        ("peak memory, warm cache", f"{warm['peak_mb']:,.0f} MB", ""),
        ("peak memory, raw `nlp.pipe`", f"{raw['peak_mb']:,.0f} MB", ""),
    ]
    print(
        f"{c1['articles']:,} articles, {words:,} words, {c1['mentions']:,} mentions -> "
        f"{c1['events']:,} events; model {args.model}\n"
    )
    print("| measure | value | target |\n| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def _first_files(corpus: Path, limit: int, folder: Path) -> Path:
    """A folder of links to the corpus's first ``limit`` article files, in corpus order."""
    from huawei_timeline.ingest.manifest import article_files

    for file in article_files(corpus)[:limit]:
        link = folder / file.relative_to(corpus)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(file)
    return folder


def _exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    import math

    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> None:
    """Parse arguments; run one step (``--step``) or drive them all."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SILVER)
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step is None:
        drive(args)
        return
    result = STEPS[args.step](args)
    own, children = _peak_mb()
    result.update(peak_mb=own, children_peak_mb=children)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
