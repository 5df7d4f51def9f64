"""Score the timelines of every hand-checked bundle against its gold.

Usage: .venv/bin/python bench/evaluate.py [--errors]

Bundles: the five seed articles (data/manifest.json, gold in data/gold/) and
every folder under data/bundles/ with gold in data/gold/bundles/<name>/.
Prints time-expression strict/relaxed/value P/R/F1 where a bundle has timex
gold, and event precision/recall, key events found and the share of their
source articles cited, date accuracy and B-cubed clustering quality
(definitions in huawei_timeline.evaluation.events), one column per bundle.
``--errors`` also lists timex errors, fused and split gold events, key
events missing a source article, and paired events whose date is not exact.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from huawei_timeline import build_timeline
from huawei_timeline.evaluation.events import (
    Bundle,
    EventScores,
    TimexScores,
    hand_checked_bundles,
    read_gold_events,
    read_gold_timexes,
    score_events,
    score_timexes,
)

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    bundle: Bundle
    articles: int
    events_found: int
    seconds: float
    timexes: TimexScores | None
    events: EventScores


def bundles() -> list[Bundle]:
    return hand_checked_bundles(ROOT)


def evaluate(bundle: Bundle) -> Result:
    started = time.perf_counter()
    timeline = build_timeline(bundle.corpus)
    seconds = time.perf_counter() - started
    timex_gold = bundle.gold / "time_expressions.json"
    timexes = (
        score_timexes(timeline, read_gold_timexes(timex_gold)) if timex_gold.is_file() else None
    )
    events = score_events(timeline, read_gold_events(bundle.gold / "events.json"))
    return Result(bundle, len(timeline.articles), len(timeline.events), seconds, timexes, events)


def _pct(value: float) -> str:
    return f"{value:6.1%}"


def table(results: list[Result]) -> list[str]:
    rows: list[tuple[str, list[str]]] = [
        ("articles", [str(r.articles) for r in results]),
        (
            "events (system / gold)",
            [f"{r.events_found} / {r.events.gold_events}" for r in results],
        ),
        ("timex strict F1", [_pct(r.timexes.strict.f1) if r.timexes else "-" for r in results]),
        ("timex value F1", [_pct(r.timexes.value.f1) if r.timexes else "-" for r in results]),
        ("event precision", [_pct(r.events.events.precision) for r in results]),
        ("event recall", [_pct(r.events.events.recall) for r in results]),
        ("event F1", [_pct(r.events.events.f1) for r in results]),
        (
            "key events found",
            [f"{r.events.key_events_found}/{r.events.key_events}" for r in results],
        ),
        (
            "key-event source articles cited",
            ["{}/{}".format(*r.events.key_sources_cited) for r in results],
        ),
        ("date exact", [_pct(r.events.date_exact) for r in results]),
        ("date nested (granularity-aware)", [_pct(r.events.date_nested) for r in results]),
        ("date compatible", [_pct(r.events.date_compatible) for r in results]),
        ("coref MUC F1", [_pct(r.events.coref.muc.f1) for r in results]),
        ("coref B-cubed precision", [_pct(r.events.coref.b_cubed.precision) for r in results]),
        ("coref B-cubed recall", [_pct(r.events.coref.b_cubed.recall) for r in results]),
        ("coref B-cubed F1", [_pct(r.events.coref.b_cubed.f1) for r in results]),
        ("coref CEAF-e F1", [_pct(r.events.coref.ceaf_e.f1) for r in results]),
        ("coref CoNLL F1", [_pct(r.events.coref.conll) for r in results]),
        ("gold mentions cited", [_pct(r.events.mention_recall) for r in results]),
        ("gold events fused", [str(len(r.events.fused)) for r in results]),
        ("wall time (s)", [f"{r.seconds:.1f}" for r in results]),
    ]
    names = [r.bundle.name for r in results]
    width = max(len(n) for n in [*names, "100.0%"]) + 2
    lines = [f"{'':33}" + "".join(f"{n:>{width}}" for n in names)]
    lines += [f"{label:33}" + "".join(f"{v:>{width}}" for v in values) for label, values in rows]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list timex errors, fused and split events, key events missing sources,"
        " misdated events",
    )
    args = parser.parse_args()
    results = [evaluate(b) for b in bundles()]
    print("\n".join(table(results)))
    if args.errors:
        for r in results:
            for system_id, gold_ids in r.events.fused:
                print(f"{r.bundle.name}: {system_id} fuses {gold_ids}")
            for gold_id, system_ids in r.events.splits.items():
                print(f"{r.bundle.name}: {gold_id} split over {len(system_ids)} events")
            for gold_id, (cited, wanted) in r.events.key_sources.items():
                if cited < wanted:
                    print(f"{r.bundle.name}: key event {gold_id} cites {cited}/{wanted} sources")
            for gold_id, (want, got) in r.events.misdated.items():
                print(f"{r.bundle.name}: {gold_id} dated {got}, gold {want}")
            for error in r.timexes.errors if r.timexes else []:
                print(f"{r.bundle.name}: timex {error}")


if __name__ == "__main__":
    main()
