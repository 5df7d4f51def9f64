"""Timeline17 tasks as timelines: shared by ``bench/tls.py`` and ``scripts/train_keydates.py``.

For each topic the articles are extracted once (``pipeline.extract_all``: the
cache, ``--jobs`` workers, a progress bar on a terminal); each reference task then
merges the extractions of the articles published inside its window and keeps the
events dated inside it (``--published-from/--published-to`` and ``--from/--to``
on the command line) whose sentences use one of the topic's query keywords
(``--about``; tilse's and news-tls's summaries use only such sentences), which
is the standard protocol's input.

``load_extractions`` reads a folder of per-topic dumps (``<topic>.jsonl``, one
``ArticleExtraction`` per line, as ``--dump-extractions`` writes) instead of
extracting, so the model and the sentence choice can be studied on a frozen
extraction without running spaCy again.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from huawei_timeline.cache import ExtractionCache
from huawei_timeline.evaluation.tls import (
    RougeConfig,
    Task,
    Topic,
    load_topic,
    ngram_counts,
    overlap,
    rouge_tokens,
)
from huawei_timeline.ingest.manifest import load_corpus
from huawei_timeline.keydates.evidence import DateEvidence, collect_evidence
from huawei_timeline.keydates.model import KeyDateModel, fit_model, fit_sentence_weights
from huawei_timeline.keydates.select import leads_by_day, news_of
from huawei_timeline.keydates.sentences import (
    candidates_for,
    document_frequencies,
    sentence_features,
    sentence_rules,
    without_dateline,
)
from huawei_timeline.models import (
    ArticleExtraction,
    EventDate,
    KeyDateEvidence,
    Timeline,
    calendar_day,
)
from huawei_timeline.nlp import DEFAULT_MODEL
from huawei_timeline.output.select import TimelineFilter, filter_timeline
from huawei_timeline.pipeline import extract_all, merge_extractions

ROOT = Path(__file__).resolve().parent.parent
TIMELINE17 = ROOT.parent / "shared" / "timeline17"
TOPICS = ("bpoil", "egypt", "finan", "iraq", "libya", "syria")
L2 = 1.0
"""Fixed, not tuned: with a few hundred positives and a dozen features it barely matters."""
TARGET_ROUGE = RougeConfig(stopwords=frozenset(STOP_WORDS))
"""What the sentence weights are fitted to: ROUGE-1 without spaCy's English stop
words (shipped with spaCy, MIT), so that the function words every sentence shares
do not reward length. ROUGE's own list has no clear licence (README)."""


def missing_data(root: Path) -> SystemExit:
    """../shared/timeline17 is absent: one clear line on stderr, then exit code 2."""
    print(
        f"error: {root} not found; Timeline17 is in the shared data beside the repository "
        "(../shared/timeline17), or pass --data DIR",
        file=sys.stderr,
    )
    return SystemExit(2)


@dataclass
class TaskTimeline:
    """One reference task: its windowed, filtered timeline, gold and date evidence."""

    topic: str
    task: Task
    timeline: Timeline
    gold: dict[dt.date, list[str]]
    dates: dict[EventDate, DateEvidence]

    def examples(self) -> tuple[list[KeyDateEvidence], list[int]]:
        """The evidence of each candidate day, in ``dates`` order, and 1 for each day
        the reference lists.

        A period (a week, a month) is no example: the reference lists days only, so
        its label would say nothing about how important it was.
        """
        days = [d for d in self.dates.values() if d.first == d.last]
        return [d.evidence for d in days], [int(d.first in self.gold) for d in days]

    @cached_property
    def sentence_examples(self) -> tuple[list[dict[str, float]], list[float]]:
        """The candidate sentences of every reference day with two or more: their
        features (``keydates/sentences.py``) and how many words of the journalist's
        summary of the day each holds (ROUGE-1 F, Porter stems, spaCy's English stop
        words out: the words that tell what happened)."""
        rules = sentence_rules()
        frequencies, documents = document_frequencies(
            dict.fromkeys(m.sentence for e in self.timeline.events for m in e.mentions)
        )
        leads = leads_by_day(self.timeline, rules.lead_sentences)
        rows: list[dict[str, float]] = []
        targets: list[float] = []
        for found in self.dates.values():
            if found.first != found.last or found.first not in self.gold:
                continue
            candidates = candidates_for(found.events, rules)
            if len(candidates) < 2:
                continue
            news = news_of(found.first, found.last, leads)
            features, _ = sentence_features(candidates, frequencies, documents, rules, news)
            reference = ngram_counts(rouge_tokens(self.gold[found.first], TARGET_ROUGE), 1)
            for candidate, row in zip(candidates, features, strict=True):
                text = candidate.mention.sentence
                tokens = rouge_tokens([text[without_dateline(text, rules) :]], TARGET_ROUGE)
                targets.append(overlap(ngram_counts(tokens, 1), reference).prf().f1)
                rows.append(row)
        return rows, targets


def topics_at(root: Path, names: Sequence[str] = TOPICS) -> list[Topic]:
    """The Timeline17 topics under ``root``; exit code 2 with a message when it is absent."""
    if not root.is_dir():
        raise missing_data(root)
    return [load_topic(root / name) for name in names]


def load_extractions(folder: Path, topic: str) -> list[ArticleExtraction]:
    """A dump written by :func:`dump_extractions`."""
    with (folder / f"{topic}.jsonl").open(encoding="utf-8") as handle:
        return [ArticleExtraction.model_validate_json(line) for line in handle]


def dump_extractions(folder: Path, topic: str, extractions: Sequence[ArticleExtraction]) -> None:
    """Write one topic's extractions, one JSON line per article."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{topic}.jsonl").open("w", encoding="utf-8") as handle:
        for extraction in extractions:
            handle.write(extraction.model_dump_json() + "\n")


def task_timelines(
    topics: Sequence[Topic],
    *,
    jobs: int = 1,
    cache: bool = True,
    extractions: Path | None = None,
    dump: Path | None = None,
    model: str = DEFAULT_MODEL,
    keywords: bool = True,
) -> Iterator[TaskTimeline]:
    """Every reference task of ``topics`` as a :class:`TaskTimeline`, topic by topic.

    ``keywords=False`` keeps every event of the window, not only those about the
    topic's query keywords.
    """
    for topic in topics:
        corpus = load_corpus(topic.path / "manifest.json")
        if extractions is not None:
            extracted = load_extractions(extractions, topic.name)
        else:
            print(f"{topic.name}: {len(corpus.articles)} articles", file=sys.stderr, flush=True)
            store = ExtractionCache.for_model(model) if cache else None
            extracted = extract_all(
                corpus.articles, model, jobs=jobs, cache=store, progress=sys.stderr.isatty()
            )
            if store is not None and store.stored:
                store.prune()
        if dump is not None:
            dump_extractions(dump, topic.name, extracted)
        metas = [article.meta for article in corpus.articles]
        for task in topic.tasks:
            start, end = task.window
            inside = [
                i for i, meta in enumerate(metas) if start <= calendar_day(meta.published) <= end
            ]
            merged = merge_extractions(
                [extracted[i] for i in inside], [metas[i] for i in inside], model
            )
            about = list(topic.keywords) if keywords else []
            timeline = filter_timeline(merged, TimelineFilter(start=start, end=end, about=about))
            yield TaskTimeline(
                topic=topic.name,
                task=task,
                timeline=timeline,
                gold=task.gold(),
                dates=collect_evidence(timeline),
            )


def fit_key_dates(tasks: Sequence[TaskTimeline], trained_on: Sequence[str]) -> KeyDateModel:
    """The key-date model and its sentence weights, fitted on ``tasks``: their
    candidate days ranked within each task, their reference days' sentences
    regressed on what the journalist wrote (``make train-keydates`` fits it on every
    task, ``bench/tls.py`` on all but one topic's)."""
    evidence: list[KeyDateEvidence] = []
    labels: list[int] = []
    groups: list[str] = []
    rows: list[dict[str, float]] = []
    targets: list[float] = []
    for task in tasks:
        task_evidence, task_labels = task.examples()
        evidence += task_evidence
        labels += task_labels
        groups += [task.task.reference] * len(task_labels)
        task_rows, task_targets = task.sentence_examples
        rows += task_rows
        targets += task_targets
    model = fit_model(evidence, labels, l2=L2, trained_on=trained_on, groups=groups)
    return model.model_copy(update={"sentences": fit_sentence_weights(rows, targets, l2=L2)})
