"""Score the seed timeline against the hand-checked gold in data/gold/.

Usage: .venv/bin/python bench/evaluate_seeds.py [--corpus data/manifest.json] [--errors]

Prints time-expression strict/relaxed/value P/R/F1 and event precision/recall,
date accuracy and B-cubed clustering quality (definitions in
huawei_timeline.evaluation).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from huawei_timeline import build_timeline
from huawei_timeline.evaluation import (
    PRF,
    read_gold_events,
    read_gold_timexes,
    score_events,
    score_timexes,
)

ROOT = Path(__file__).resolve().parent.parent


def _row(name: str, prf: PRF) -> str:
    return f"  {name:<22} P {prf.precision:6.1%}  R {prf.recall:6.1%}  F1 {prf.f1:6.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "manifest.json")
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "gold")
    parser.add_argument("--errors", action="store_true", help="list every timex error")
    args = parser.parse_args()

    started = time.perf_counter()
    timeline = build_timeline(args.corpus)
    elapsed = time.perf_counter() - started
    timexes = score_timexes(timeline, read_gold_timexes(args.gold / "time_expressions.json"))
    events = score_events(timeline, read_gold_events(args.gold / "events.json"))

    print(f"{len(timeline.articles)} articles, {len(timeline.events)} events, {elapsed:.1f} s")
    print("time expressions")
    print(_row("strict span", timexes.strict))
    print(_row("relaxed span", timexes.relaxed))
    print(_row("value (relaxed span)", timexes.value))
    print("events")
    print(_row("event pairing", events.events))
    print(f"  key events found       {events.key_events_found}/{events.key_events}")
    print(f"  date exact             {events.date_exact:6.1%}")
    print(f"  date compatible        {events.date_compatible:6.1%}")
    print(_row("B-cubed (mentions)", events.b_cubed))
    print(f"  gold mentions found    {events.mention_recall:6.1%}")
    print(f"  fused gold events      {len(events.fused)}")
    for system_id, gold_ids in events.fused:
        print(f"    {system_id}: {gold_ids}")
    if args.errors:
        for error in timexes.errors:
            print("  timex:", error)


if __name__ == "__main__":
    main()
