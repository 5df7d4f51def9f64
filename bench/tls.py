"""Timeline summarisation on Timeline17: key dates and their sentences against journalists.

    .venv/bin/python bench/tls.py --jobs 2                 # all six topics, standard protocol
    .venv/bin/python bench/tls.py --topics egypt syria     # a quick look
    .venv/bin/python bench/tls.py --stopwords FILE         # ROUGE also with a stopword list

The standard protocol (tilse / news-tls): for each reference timeline (14 in 6
topics), the input is the articles published inside its window, and the events
whose sentences use one of the topic's query keywords (``--about``;
``--no-keywords`` keeps every event); the output is L
dates with K sentences each (L, K and the window from the topic's ``tasks.json``),
scored against that reference alone: Date F1 (exact day), align+ m:1 ROUGE-1/2
F (AR-1, AR-2) and concatenated ROUGE-1/2 F (``huawei_timeline.evaluation.tls``).
A topic's and the dataset's score is the F of mean precision and mean recall over
their references. For comparison the same scorer runs the plain baseline: the L
days with the most articles published, each told by the leads of those articles.

The key-date model is fitted leave one topic out: each topic's timelines are
chosen by a model fitted on the other five topics only, so every figure printed
is held out (the shipped model, fitted on all six by ``make train-keydates``, is
not used here). ROUGE uses Porter stemming and no stopword removal unless a list
is given (ROUGE-1.5.5 as tilse ran it removes stopwords; see the README).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from timeline17 import (
    TIMELINE17,
    TOPICS,
    TaskTimeline,
    fit_key_dates,
    task_timelines,
    topics_at,
)

from huawei_timeline.evaluation.tls import (
    RougeConfig,
    TimelineScores,
    aggregate,
    evaluate,
    load_stopwords,
    pubdate_lead_timeline,
)
from huawei_timeline.keydates.model import KeyDateModel
from huawei_timeline.keydates.select import select_key_dates

PUBLISHED = (
    # system, AR-1, AR-2, Date F1: all of Timeline17, same protocol (the figures)
    ("news-tls Datewise", 0.120, 0.035, 0.544),
    ("Martschat & Markert 2018", 0.105, 0.030, 0.544),
    ("news-tls Clust", 0.082, 0.020, 0.407),
    ("SDF-TLS (about)", 0.11, 0.03, 0.53),
)


def leave_one_out(tasks: Sequence[TaskTimeline], topic: str) -> KeyDateModel:
    """The key-date model, its sentence weights too, fitted on every task outside ``topic``."""
    rest = [t for t in tasks if t.topic != topic]
    return fit_key_dates(rest, sorted({t.topic for t in rest}))


def predicted(task: TaskTimeline, model: KeyDateModel) -> dict[dt.date, list[str]]:
    """The task's L key dates with K sentences each, as day -> sentence texts.

    A key date that is a period, not a day, cannot match a reference day; it is
    kept out of the scored timeline (and still counts against L).
    """
    chosen = select_key_dates(
        task.timeline, task.task.n_dates, task.task.sents_per_date, model=model
    )
    return {
        dt.date.fromisoformat(k.date): [s.text for s in k.sentences]
        for k in chosen
        if k.granularity == "day"
    }


def _row(label: str, scores: TimelineScores) -> str:
    return (
        f"{label:<44} {scores.date.f1:7.3f} {scores.align[1].f1:7.3f} {scores.align[2].f1:7.3f}"
        f" {scores.concat[1].f1:7.3f} {scores.concat[2].f1:7.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=TIMELINE17, help="Timeline17 folder")
    parser.add_argument("--topics", nargs="+", default=list(TOPICS), choices=TOPICS)
    parser.add_argument("--jobs", "-j", type=int, default=1, help="extraction workers")
    parser.add_argument("--no-cache", action="store_true", help="do not use the cache")
    parser.add_argument("--stopwords", type=Path, help="also score ROUGE without these words")
    parser.add_argument("--extractions", type=Path, help="read extraction dumps, not articles")
    parser.add_argument("--dump-extractions", type=Path, help="write extraction dumps here")
    parser.add_argument(
        "--no-keywords",
        action="store_true",
        help="keep events that use none of the topic's query keywords",
    )
    args = parser.parse_args(argv)

    began = time.perf_counter()
    topics = topics_at(args.data, args.topics)
    topic_of = {topic.name: topic for topic in topics}
    tasks = list(
        task_timelines(
            topics,
            jobs=args.jobs,
            cache=not args.no_cache,
            extractions=args.extractions,
            dump=args.dump_extractions,
            keywords=not args.no_keywords,
        )
    )
    built = time.perf_counter() - began
    configs = [("ROUGE: Porter stemming, no stopword removal", RougeConfig())]
    if args.stopwords:
        words = load_stopwords(args.stopwords)
        configs.append(
            (
                f"ROUGE: Porter stemming, {len(words)} stopwords removed (as tilse)",
                RougeConfig(stopwords=words),
            )
        )
    outputs = {}
    for topic in args.topics:
        model = leave_one_out(tasks, topic) if len(args.topics) > 1 else None
        if model is None:
            from huawei_timeline.keydates.model import default_model

            model = default_model()
            print(f"(one topic: the shipped model, fitted on {model.trained_on})")
        for task in tasks:
            if task.topic == topic:
                outputs[task.task.reference] = predicted(task, model)

    header = f"{'reference':<44} {'Date-F1':>7} {'AR-1':>7} {'AR-2':>7} {'R-1':>7} {'R-2':>7}"
    for title, config in configs:
        print(title)
        print(header)
        print("-" * len(header))
        every: list[TimelineScores] = []
        for topic in args.topics:
            mine = [t for t in tasks if t.topic == topic]
            scores = [evaluate(outputs[t.task.reference], t.gold, config=config) for t in mine]
            for task, score in zip(mine, scores, strict=True):
                name = task.task.reference.rsplit(".", 1)[0]
                name = name if len(name) <= 26 else name[:25] + "~"
                label = f"  {name} (L={task.task.n_dates}, K={task.task.sents_per_date})"
                print(_row(label, score))
            print(_row(f"{topic} [{len(mine)} refs]", aggregate(scores)))
            every += scores
        print("-" * len(header))
        how = "leave one topic out" if len(args.topics) > 1 else "shipped model"
        print(_row(f"ALL [{len(every)} refs], {how}", aggregate(every)))
        baseline = [
            evaluate(
                pubdate_lead_timeline(
                    topic_of[t.topic].articles_between(*t.task.window),
                    t.task.window,
                    t.task.n_dates,
                    t.task.sents_per_date,
                ),
                t.gold,
                config=config,
            )
            for t in tasks
        ]
        print(_row("ALL, baseline: busiest publish days, leads", aggregate(baseline)))
        print()
    print("published, all of Timeline17, same protocol:   AR-1    AR-2  Date-F1")
    for name, ar1, ar2, f1 in PUBLISHED:
        print(f"  {name:<44} {ar1:5.3f}   {ar2:5.3f}   {f1:5.3f}")
    total = time.perf_counter() - began
    print(f"({built:.0f} s to build the timelines, {total:.0f} s in all)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
