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

from huawei_timeline.keydates.evidence import collect_evidence
from huawei_timeline.keydates.model import KeyDateModel, default_model
from huawei_timeline.keydates.sentences import (
    candidates_for,
    choose_sentences,
    document_frequencies,
    sentence_rules,
)
from huawei_timeline.models import KeyDate, Timeline

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
    first, then the earlier date) and returned in chronological order. ``model``
    defaults to the fitted one shipped with the package.
    """
    if n <= 0:
        return []
    model = model or default_model()
    rules = sentence_rules()
    dates = collect_evidence(timeline)
    scored = sorted(
        dates.values(),
        key=lambda d: (-model.logit(d.evidence), -d.evidence.event_articles, d.first, d.last),
    )[:n]
    frequencies, documents = document_frequencies(
        dict.fromkeys(m.sentence for e in timeline.events for m in e.mentions)
    )
    key_dates = []
    for found in sorted(scored, key=lambda d: (d.first, d.last)):
        candidates = candidates_for(found.events, rules)
        key_dates.append(
            KeyDate(
                date=found.date.value,
                mod=found.date.mod,
                granularity=found.date.granularity,
                score=round(model.probability(found.evidence), 4),
                events=[e.id for e in found.events],
                sentences=choose_sentences(candidates, sentences, frequencies, documents, rules),
                evidence=found.evidence,
            )
        )
    return key_dates


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
