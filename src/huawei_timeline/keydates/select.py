"""Choose the key dates of a timeline and the sentences that tell them.

>>> from huawei_timeline.keydates.select import add_key_dates
>>> add_key_dates(timeline, 20, sentences=2).key_dates  # doctest: +SKIP

Every day (or period shorter than a quarter) that one of the timeline's events
is dated to is a candidate
(:func:`~huawei_timeline.keydates.evidence.collect_evidence`, so the filters
already applied bound the candidates); the key-date model scores each from its
evidence, the ``n`` best are kept and told, in chronological order, by up to
``k`` sentences each (:mod:`~huawei_timeline.keydates.sentences`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from huawei_timeline.keydates.evidence import DateEvidence, collect_evidence
from huawei_timeline.keydates.model import KeyDateModel, default_model
from huawei_timeline.keydates.sentences import (
    Candidate,
    candidates_for,
    choose_sentences,
    document_frequencies,
    sentence_rules,
)
from huawei_timeline.models import KeyDate, Timeline, calendar_day

__all__ = ["add_key_dates", "select_key_dates"]

DEFAULT_SENTENCES = 2
"""Sentences per key date unless asked otherwise: Timeline17's journalists wrote 1 to 4."""


def select_key_dates(
    timeline: Timeline,
    n: int,
    sentences: int = DEFAULT_SENTENCES,
    model: KeyDateModel | None = None,
) -> list[KeyDate]:
    """The ``n`` most important days of ``timeline`` with up to ``sentences`` each.

    Dates are ranked by the model's probability (ties: more reporting articles
    first, then the earlier date) and returned in chronological order. A date
    that no full sentence tells (every sentence of its events a fragment, a
    caption or a headline: :func:`~huawei_timeline.keydates.sentences.is_full_sentence`)
    cannot be shown and gives way to the next one, unless no sentences are
    asked for (``sentences`` 0). A sentence that tells a higher-ranked key date
    ("fell ill on November 1, and died on November 23") tells another only if
    that date has no sentence of its own. ``model`` defaults to the fitted one
    shipped with the package.
    """
    if n <= 0:
        return []
    model = model or default_model()
    rules = sentence_rules()
    dates = collect_evidence(timeline)
    ranked = sorted(
        dates.values(),
        key=lambda d: (-model.logit(d.evidence), -d.evidence.event_articles, d.first, d.last),
    )
    told: list[tuple[DateEvidence, list[Candidate]]] = []
    for found in ranked:
        if len(told) == n:
            break
        candidates = candidates_for(found.events, rules)
        if candidates or sentences <= 0:
            told.append((found, candidates))
    frequencies, documents = document_frequencies(
        dict.fromkeys(m.sentence for e in timeline.events for m in e.mentions)
    )
    leads = leads_by_day(timeline, rules.lead_sentences)
    key_dates: list[tuple[DateEvidence, KeyDate]] = []
    used: set[tuple[str, int]] = set()
    # In rank order, so that a sentence telling two key dates ("fell ill on November
    # 1, and died on November 23") goes to the higher one, and the other is told by
    # a sentence of its own if it has one.
    for found, candidates in told:
        fresh = {
            (c.mention.article_id, c.mention.start, c.mention.end)
            for c in candidates
            if (c.mention.article_id, c.mention.end) not in used
        }
        chosen = choose_sentences(
            candidates,
            sentences,
            frequencies,
            documents,
            rules,
            news=news_of(found.first, found.last, leads),
            only=fresh or None,
            weights=model.sentences,
        )
        used.update((s.article_id, s.end) for s in chosen)
        key_dates.append(
            (
                found,
                KeyDate(
                    date=found.date.value,
                    mod=found.date.mod,
                    granularity=found.date.granularity,
                    score=round(model.probability(found.evidence), 4),
                    events=[e.id for e in found.events],
                    sentences=chosen,
                    evidence=found.evidence,
                ),
            )
        )
    return [k for found, k in sorted(key_dates, key=lambda t: (t[0].first, t[0].last))]


def leads_by_day(timeline: Timeline, lead: int) -> dict[dt.date, list[str]]:
    """The lead sentences the events of ``timeline`` quote, by publication day."""
    published = {a.id: calendar_day(a.published) for a in timeline.articles}
    found: dict[dt.date, dict[tuple[str, int], str]] = defaultdict(dict)
    for event in timeline.events:
        for mention in event.mentions:
            day = published.get(mention.article_id)
            if day is not None and mention.sentence_index < lead:
                found[day][(mention.article_id, mention.sentence_index)] = mention.sentence
    return {day: list(sentences.values()) for day, sentences in found.items()}


def news_of(first: dt.date, last: dt.date, leads: dict[dt.date, list[str]]) -> list[str]:
    """The leads published on a day and the day after it; none for a period."""
    if first != last:
        return []
    return [*leads.get(first, []), *leads.get(first + dt.timedelta(days=1), [])]


def add_key_dates(
    timeline: Timeline,
    n: int,
    sentences: int = DEFAULT_SENTENCES,
    model: KeyDateModel | None = None,
) -> Timeline:
    """``timeline`` with its ``key_dates`` set by :func:`select_key_dates`."""
    return timeline.model_copy(
        update={"key_dates": select_key_dates(timeline, n, sentences, model)}
    )
