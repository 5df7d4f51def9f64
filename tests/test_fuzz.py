"""Property tests: no input makes the date normaliser, the decoder or the pipeline raise.

The date normaliser gets arbitrary strings and date-like word salad on any
document creation time; every value it returns must match the TIMEX3 value
grammar. The 10,000-example run is marked ``slow`` (``pytest -m "not slow"``
skips it locally; ``make test`` and CI run it).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huawei_timeline.errors import ArticleError
from huawei_timeline.ingest.readers import decode_text
from huawei_timeline.models import Article, ArticleMeta
from huawei_timeline.timex.detect import tag_text
from huawei_timeline.timex.values import is_valid_value

DATE_WORDS = (
    "May", "march", "2019", "1999", "'99", "the", "on", "in", "last", "next", "this", "week",
    "weekend", "Tuesday", "mid-", "early", "late", "10", "31", "2019-02-30", "03/04/2019",
    "ago", "two", "years", "months", "decade", "1990s", "Q3", "summer", "since", "until",
    "noon", "10:37", "am", "p.m.", "today", "yesterday", "tomorrow", "earlier", "later",
    "fiscal", "century", "third", "quarter", "half", "of", "and", "between", "-", ",", ".",
    "\n", "first", "nineteen", "ninety-six", "every", "daily", "hours", "Jan.", "Sept", "BC",
)  # fmt: skip
date_like = st.lists(st.sampled_from(DATE_WORDS), max_size=14).map(" ".join)
any_text = st.one_of(st.text(max_size=120), date_like)
# The whole calendar, ends included: year 1 and year 9999 once overflowed.
dcts = st.one_of(st.dates(), st.datetimes())


def _check_normaliser(text: str, dct: date | datetime) -> None:
    for expression in tag_text(text, dct):
        assert is_valid_value(expression.value), expression
        assert text[expression.start : expression.end] == expression.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, dct=dcts)
def test_normaliser_never_raises_and_values_are_timex3(text: str, dct: date | datetime) -> None:
    _check_normaliser(text, dct)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, dct=dcts)
def test_normaliser_10k_examples(text: str, dct: date | datetime) -> None:
    _check_normaliser(text, dct)


@pytest.mark.parametrize(
    ("text", "dct"),
    [
        ("last hours Tuesday next p.m.", date(1, 1, 1)),  # anchor._candidates, weeks -1
        ("tomorrow last tomorrow last last late", date(9999, 12, 31)),  # anchor._choose
        ("1999 weekend ago this May 10:37 every -", date(1, 6, 1)),  # anchor._choose
    ],
    ids=["week-before-date-min", "day-after-date-max", "weekend-before-date-min"],
)
def test_normaliser_at_the_ends_of_the_calendar(text: str, dct: date) -> None:
    _check_normaliser(text, dct)


@settings(max_examples=500, deadline=None)
@given(value=st.text(max_size=40))
def test_value_grammar_never_raises(value: str) -> None:
    assert is_valid_value(value) in (True, False)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_decoder_returns_text_or_one_clear_error(data: bytes) -> None:
    try:
        text, warnings = decode_text(data, Path("a.txt"), "a")
    except ArticleError as error:
        assert str(error).startswith("a.txt: article 'a' is ")
        assert "\n" not in str(error)
    else:
        assert isinstance(text, str) and len(warnings) <= 1


article_text = st.lists(
    st.one_of(st.text(max_size=60), date_like, st.sampled_from(["READ MORE", "Photo: AP"])),
    max_size=6,
).map("\n".join)


@pytest.mark.model
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_text, dct=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1)))
def test_pipeline_on_random_text_never_raises(text: str, dct: date) -> None:
    from huawei_timeline.nlp import load_model
    from huawei_timeline.pipeline import extract_articles, merge_extractions

    meta = ArticleMeta(id="fuzz", file="fuzz.txt", outlet="Fuzz", published=dct)
    extractions = list(extract_articles([Article(meta=meta, text=text)], load_model()))
    timeline = merge_extractions(extractions, [meta], "model")
    for event in timeline.events:
        assert is_valid_value(event.date.value)
