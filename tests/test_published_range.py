"""--published-from/--published-to as a library call: which articles are read."""

from __future__ import annotations

import datetime as dt

import pytest

from huawei_timeline.models import Article, ArticleMeta
from huawei_timeline.output.select import FilterError
from huawei_timeline.pipeline import published_between, published_range


def _article(id: str, published: dt.date | dt.datetime) -> Article:
    meta = ArticleMeta(id=id, file=f"{id}.txt", outlet="Wire", published=published)
    return Article(meta=meta, text="Text.")


ARTICLES = [
    _article("june", dt.date(2019, 6, 30)),
    _article("july-1", dt.datetime(2019, 7, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    _article("july-31", dt.date(2019, 7, 31)),
    _article("august", dt.date(2019, 8, 1)),
]


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        ("2019-07", "2019-07", ["july-1", "july-31"]),  # a month stands for all its days
        ("2019-07-01", None, ["july-1", "july-31", "august"]),  # the calendar day of a time
        (None, "2019-06-30", ["june"]),
        (dt.date(2019, 7, 31), dt.datetime(2019, 8, 1, 9, 0), ["july-31", "august"]),
    ],
)
def test_articles_are_kept_by_publish_day_both_ends_included(
    start: str | dt.date | None, end: str | dt.date | None, kept: list[str]
) -> None:
    chosen = published_between(ARTICLES, *published_range(start, end))
    assert [a.meta.id for a in chosen] == kept


def test_a_range_with_no_article_names_the_corpus_range() -> None:
    with pytest.raises(FilterError, match=r"the corpus runs from 2019-06-30 to 2019-08-01"):
        published_between(ARTICLES, *published_range("2020", None))
