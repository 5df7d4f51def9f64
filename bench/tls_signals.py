"""Timeline17: how far each key-date count goes alone, and which reference days are in reach.

    .venv/bin/python bench/tls_signals.py --extractions DIR    # dumps of tls.py --dump-extractions

For every reference task (the standard protocol's input, as ``bench/tls.py``
builds it), the candidate days are ranked by one evidence count at a time
(``keydates/evidence.py``; nothing is fitted, so nothing needs holding out;
ties go to the day more date expressions name, then the earlier one), the first
L kept, and Date F1 computed as ``bench/tls.py`` does (the F of the mean
precision and the mean recall over the 14 references). Printed with the
keyword-filtered candidates and with every event's days (``--no-keywords``).

Then the reach: how many reference days are among the keyword candidates, among
every event's days, named by some day-precise date expression of the window's
articles, or a publication day or the day before one; no ranking can find a
day outside all of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline17 import TIMELINE17, TaskTimeline, task_timelines, topics_at

from huawei_timeline.evaluation.tls import date_prf, f_score
from huawei_timeline.keydates.evidence import FEATURES, candidate_date
from huawei_timeline.models import calendar_day

RANKED = tuple(name for name in FEATURES if name != "day")


def ranked_by(task: TaskTimeline, feature: str) -> list[dt.date]:
    """The task's L candidate days with the highest ``feature`` count."""
    days = [d for d in task.dates.values() if d.first == d.last]
    days.sort(key=lambda d: (-getattr(d.evidence, feature), -d.evidence.references, d.first))
    return [d.first for d in days[: task.task.n_dates]]


def date_f1(tasks: Sequence[TaskTimeline], chosen: Sequence[Sequence[dt.date]]) -> float:
    """The F of mean precision and mean recall of the chosen days, over ``tasks``
    (``evaluation.tls.date_prf`` per task, averaged as ``aggregate`` does)."""
    scores = [
        date_prf(dict.fromkeys(days, ()), task.gold)
        for task, days in zip(tasks, chosen, strict=True)
    ]
    return f_score(
        sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores)
    )


def reach(task: TaskTimeline) -> dict[str, set[dt.date]]:
    """The reference days among the candidates, the days the window's articles name,
    and the publication days (and the days before them)."""
    start, end = task.task.window
    named: set[dt.date] = set()
    published: set[dt.date] = set()
    for article in task.timeline.articles:
        day = calendar_day(article.published)
        published.update({day, day - dt.timedelta(days=1)})
        for expression in article.time_expressions:
            found = candidate_date(expression.value, expression.granularity, expression.mod)
            if found is not None and found[1] == found[2] and start <= found[1] <= end:
                named.add(found[1])
    candidates = {d.first for d in task.dates.values() if d.first == d.last}
    gold = set(task.gold)
    return {
        "candidates": gold & candidates,
        "named": gold & named,
        "published": gold & published,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=TIMELINE17, help="Timeline17 folder")
    parser.add_argument(
        "--extractions", type=Path, required=True, help="dumps of tls.py --dump-extractions"
    )
    args = parser.parse_args(argv)
    if not args.extractions.is_dir():
        print(
            f"error: {args.extractions} is not a folder of extraction dumps; "
            "write one with bench/tls.py --dump-extractions DIR",
            file=sys.stderr,
        )
        return 2
    topics = topics_at(args.data)
    runs = {
        "keyword candidates": list(task_timelines(topics, extractions=args.extractions)),
        "every event's days": list(
            task_timelines(topics, extractions=args.extractions, keywords=False)
        ),
    }
    print(f"{'ranked by (nothing fitted)':<24}" + "".join(f"{name:>22}" for name in runs))
    for feature in RANKED:
        scores = [date_f1(tasks, [ranked_by(t, feature) for t in tasks]) for tasks in runs.values()]
        print(f"{feature:<24}" + "".join(f"{score:>22.3f}" for score in scores))

    keyword, every = runs.values()
    gold = sum(len(t.gold) for t in keyword)
    totals = {"keyword candidates": 0, "every event's days": 0, "named": 0, "published": 0}
    union = 0
    for with_keywords, without in zip(keyword, every, strict=True):
        found, found_all = reach(with_keywords), reach(without)
        totals["keyword candidates"] += len(found["candidates"])
        totals["every event's days"] += len(found_all["candidates"])
        totals["named"] += len(found_all["named"])
        totals["published"] += len(found_all["published"])
        union += len(set().union(*found_all.values()))
    print(f"\nreference days in reach, of {gold}:")
    for name, count in totals.items():
        print(f"  {name:<40} {count:4d}")
    print(f"  {'any of them':<40} {union:4d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
