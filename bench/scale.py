"""The local engine against a Dask cluster, and the partitioned merge at 10x, in one run.

    .venv/bin/python bench/scale.py                        # TE3 silver: ../shared/timeml/silver
    .venv/bin/python bench/scale.py --corpus DIR --limit 300   # any corpus, a quick look
    .venv/bin/python bench/scale.py --extract-only --repeat 5  # the engines' throughput only

Each measurement runs in a fresh interpreter (its imports, model loads and peak
memory are its own) and prints one JSON line, which the driver collects:

* ``extract``: every article extracted with no cache, ``--engine local --jobs 2``
  (two worker processes) and ``--engine dask --jobs 2`` (a ``LocalCluster`` of
  two single-threaded workers, started and stopped inside the timed span, as the
  CLI does), alternated ``--repeat`` times (default 3), the median run of each.
  Words/s over the extraction's wall time, model loads included on both sides;
  peak memory (ru_maxrss) of the client and of the largest worker.
* ``merge``: the merge over the extractions of the local run, and over 10 copies
  of them as a ten times longer archive: copy ``c`` has its article and mention
  ids suffixed and every date moved ``10 * c`` years on (an archive grows in
  time; the same days told ten times over would be another test, of the candidate
  pairs of one day). Local engine (blocks scored one after the other) at 1x and
  10x, median of 3 at 1x and one run at 10x; the growth exponent is
  ``log(t10 / t1) / log(10)``. The same merge with its blocks scored on the two
  Dask workers, at 1x and 10x.

Numbers are printed, never asserted (tests do not time things). The machine's
other load shows in the figures: quote ratios, measured side by side.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SILVER = ROOT.parent / "shared" / "timeml" / "silver"
COPIES = 10


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def step_extract(args: argparse.Namespace) -> dict[str, Any]:
    """Extract the corpus with one engine; save the extractions for the merge step."""
    from huawei_timeline.engine import DaskEngine, open_engine
    from huawei_timeline.ingest.manifest import load_corpus
    from huawei_timeline.pipeline import extract_all

    loaded = load_corpus(args.corpus)
    articles = loaded.articles[: args.limit] if args.limit else loaded.articles
    words = sum(len(a.text.split()) for a in articles)
    start = time.perf_counter()
    workers_mb = 0.0
    with open_engine(args.engine, jobs=2) as engine:
        extractions = extract_all(articles, jobs=2, cache=None, engine=engine)
        if isinstance(engine, DaskEngine):
            peaks = engine.client.run(_peak_mb)
            workers_mb = max(peaks.values())
    seconds = time.perf_counter() - start
    if args.engine == "local":
        workers_mb = _children_peak_mb()
        with args.save.open("w", encoding="utf-8") as out:
            for article, extraction in zip(articles, extractions, strict=True):
                row = {"meta": article.meta.model_dump(mode="json")}
                row["extraction"] = extraction.model_dump(mode="json")
                out.write(json.dumps(row) + "\n")
    return {
        "seconds": seconds,
        "words": words,
        "articles": len(articles),
        "mentions": sum(len(e.mentions) for e in extractions),
        "client_mb": _peak_mb(),
        "workers_mb": workers_mb,
    }


def _copies(path: Path, copies: int) -> tuple[list[Any], list[Any]]:
    """The saved extractions, ``copies`` times, each copy ``10 * c`` years later."""
    from huawei_timeline.models import ArticleExtraction, ArticleMeta

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    extractions = [ArticleExtraction.model_validate(r["extraction"]) for r in rows]
    metas = [ArticleMeta.model_validate(r["meta"]) for r in rows]
    out_extractions, out_metas = [], []
    for copy in range(copies):
        for extraction, meta in zip(extractions, metas, strict=True):
            article = f"{meta.id}~{copy}" if copy else meta.id
            mentions = []
            for m in extraction.mentions:
                update: dict[str, Any] = {"article_id": article}
                if copy:
                    update["id"] = f"{m.id}~{copy}"
                    if m.date is not None:
                        update["date"] = m.date.model_copy(
                            update={"value": _later(m.date.value, 10 * copy)}
                        )
                mentions.append(m.model_copy(update=update))
            summary = extraction.summary.model_copy(update={"id": article})
            out_extractions.append(
                extraction.model_copy(update={"mentions": mentions, "summary": summary})
            )
            out_metas.append(meta.model_copy(update={"id": article}))
    return out_extractions, out_metas


def _later(value: str, years: int) -> str:
    """A TIMEX3 value ``years`` later (values that start with a year; others as they are)."""
    if len(value) >= 4 and value[:4].isdigit() and int(value[:4]) + years <= 9999:
        return f"{int(value[:4]) + years:04d}{value[4:]}"
    return value


def step_merge(args: argparse.Namespace) -> dict[str, Any]:
    """The merge at 1x and ``COPIES``x, with one engine."""
    from huawei_timeline.engine import open_engine
    from huawei_timeline.merge.cluster import merge_with_actors
    from huawei_timeline.pipeline import merge_extractions

    result: dict[str, Any] = {}
    with open_engine(args.engine, jobs=2) as engine:
        for copies, repeats in ((1, 3), (COPIES, 1)):
            extractions, metas = _copies(args.save, copies)
            runs = []
            for _ in range(repeats):
                start = time.perf_counter()
                timeline = merge_extractions(extractions, metas, "m", engine=engine)
                runs.append(time.perf_counter() - start)
            result[str(copies)] = {
                "seconds": statistics.median(runs),
                "mentions": sum(len(e.mentions) for e in extractions),
                "events": len(timeline.events),
                "digest": _digest(timeline),
            }
            if copies == 1 and args.engine == "local":
                # The reference: the whole date line as one block, nothing partitioned.
                mentions = [m for e in extractions for m in e.mentions]
                whole, _ = merge_with_actors(mentions, metas, block_size=len(mentions) + 1)
                result["one_block_digest"] = _digest(timeline.model_copy(update={"events": whole}))
    result["client_mb"] = _peak_mb()
    return result


def _digest(timeline: Any) -> str:
    return hashlib.sha256(timeline.model_dump_json().encode()).hexdigest()[:12]


STEPS = {"extract": step_extract, "merge": step_merge}


def _run(step: str, args: argparse.Namespace, engine: str, save: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--step", step, "--corpus", str(args.corpus)]
    command += ["--engine", engine, "--save", str(save)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    print(f"  running {step} --engine {engine}", file=sys.stderr, flush=True)
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{step} --engine {engine} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time (the lower one of two)."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return ordered[(len(ordered) - 1) // 2]


def drive(args: argparse.Namespace) -> None:
    """Run every measurement in its own process and print the table."""
    if not args.corpus.exists():
        sys.exit(
            f"{args.corpus}: no such corpus; pass --corpus DIR (TE3 silver lives in ../shared)"
        )
    with tempfile.TemporaryDirectory() as folder:
        save = Path(folder) / "extractions.jsonl"
        runs: dict[str, list[dict[str, Any]]] = {"local": [], "dask": []}
        for _ in range(args.repeat):  # alternated, so a change in the machine's load hits both
            for engine in ("local", "dask"):
                runs[engine].append(_run("extract", args, engine, save))
        local, dask = (_median_run(runs[engine]) for engine in ("local", "dask"))
        if not args.extract_only:
            merge_local = _run("merge", args, "local", save)
            merge_dask = _run("merge", args, "dask", save)
    words = local["words"]
    lw, dw = words / local["seconds"], words / dask["seconds"]
    each = {e: ", ".join(f"{r['seconds']:.1f}" for r in runs[e]) for e in runs}
    print(f"{local['articles']:,} articles, {words:,} words, {local['mentions']:,} mentions\n")
    print("| measure | value | note |\n| --- | --- | --- |")
    extraction = [
        ("extraction, --engine local --jobs 2", f"{lw:,.0f} words/s",
         f"{local['seconds']:.1f} s (runs: {each['local']} s)"),
        ("extraction, --engine dask, 2 workers", f"{dw:,.0f} words/s",
         f"{dask['seconds']:.1f} s (runs: {each['dask']} s)"),
        ("dask / local throughput", f"{dw / lw:.2f}x", "target >= 0.9x"),
        (
            "peak memory, local (client / largest worker)",
            f"{local['client_mb']:,.0f} / {local['workers_mb']:,.0f} MB",
            "",
        ),
        (
            "peak memory, dask (client / largest worker)",
            f"{dask['client_mb']:,.0f} / {dask['workers_mb']:,.0f} MB",
            "",
        ),
    ]  # fmt: skip
    for row in extraction:
        print("| " + " | ".join(row) + " |")
    if args.extract_only:
        return
    one, ten = merge_local["1"], merge_local[str(COPIES)]
    exponent = math.log(ten["seconds"] / one["seconds"]) / math.log(
        ten["mentions"] / one["mentions"]
    )
    d1, d10 = merge_dask["1"], merge_dask[str(COPIES)]
    d_exponent = math.log(d10["seconds"] / d1["seconds"]) / math.log(
        d10["mentions"] / d1["mentions"]
    )
    rows = [
        (f"merge, local, {one['mentions']:,} mentions (median 3)", f"{one['seconds']:.2f} s", ""),
        (f"merge, local, {ten['mentions']:,} mentions (10x)", f"{ten['seconds']:.2f} s", ""),
        ("merge growth exponent, local", f"{exponent:.2f}", "target < 1.3"),
        (f"merge, dask blocks, {d1['mentions']:,} mentions", f"{d1['seconds']:.2f} s", ""),
        (f"merge, dask blocks, {d10['mentions']:,} mentions (10x)", f"{d10['seconds']:.2f} s", ""),
        ("merge growth exponent, dask", f"{d_exponent:.2f}", "target < 1.3"),
        ("peak memory of the merge client at 10x, local / dask",
         f"{merge_local['client_mb']:,.0f} / {merge_dask['client_mb']:,.0f} MB", ""),
        ("events, 1x / 10x", f"{one['events']:,} / {ten['events']:,}", ""),
        ("timeline digest at 1x: local / dask / one block (nothing partitioned)",
         f"{one['digest']} / {d1['digest']} / {merge_local['one_block_digest']}",
         "same" if one["digest"] == d1["digest"] == merge_local["one_block_digest"] else "DIFFER"),
        ("timeline digest at 10x: local / dask", f"{ten['digest']} / {d10['digest']}",
         "same" if ten["digest"] == d10["digest"] else "DIFFER"),
    ]  # fmt: skip
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main() -> None:
    """Parse arguments; run one step (``--step``) or drive them all."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SILVER)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--repeat", type=int, default=3, help="extraction runs per engine, alternated (median)"
    )
    parser.add_argument(
        "--extract-only", action="store_true", help="measure extraction only, not the merge"
    )
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--save", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step is None:
        drive(args)
    else:
        print(json.dumps(STEPS[args.step](args)))


if __name__ == "__main__":
    main()
