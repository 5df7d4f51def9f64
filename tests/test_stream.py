"""Streaming input: a long manifest is read row by row, articles only as extraction needs them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from huawei_timeline import pipeline
from huawei_timeline.engine import Engine
from huawei_timeline.errors import ManifestError
from huawei_timeline.ingest import manifest
from huawei_timeline.models import Article, ArticleExtraction, ArticleMeta, ArticleSummary
from huawei_timeline.output.select import FilterError

ROWS = 20_000


def _long_manifest(folder: Path, rows: int = ROWS, bad_row: int | None = None) -> Path:
    (folder / "a.txt").write_text("Trade talks resumed on Tuesday.\n", encoding="utf-8")
    path = folder / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(manifest.MANIFEST_FIELDS)
        for k in range(rows):
            published = "2019-07-1x" if k == bad_row else f"2019-07-{1 + k % 28:02d}"
            writer.writerow([f"art{k}", "a.txt", "Wire", "", published])
    return path


def test_a_long_csv_manifest_is_checked_whole_but_articles_are_read_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[Path] = []
    real = manifest.read_source

    def counting(file: Path, article_id: str) -> Any:
        reads.append(file)
        return real(file, article_id)

    monkeypatch.setattr(manifest, "read_source", counting)
    stream = manifest.open_corpus(_long_manifest(tmp_path))
    assert stream.size == ROWS
    assert reads == []
    first = iter(stream)
    assert [next(first).meta.id for _ in range(3)] == ["art0", "art1", "art2"]
    assert len(reads) == 3


def test_a_bad_row_late_in_a_long_manifest_fails_before_any_article_is_read(
    tmp_path: Path,
) -> None:
    path = _long_manifest(tmp_path, bad_row=ROWS - 5)
    with pytest.raises(ManifestError, match=f"article 'art{ROWS - 5}'.*not an ISO date"):
        manifest.open_corpus(path)


def _article(k: int, day: int = 10) -> Article:
    meta = ArticleMeta(id=f"a{k}", file=f"a{k}.txt", outlet="W", published=date(2019, 7, day))
    return Article(meta=meta, text=f"Article {k}.")


def _extraction(article: Article) -> ArticleExtraction:
    summary = ArticleSummary(
        id=article.meta.id,
        outlet="W",
        headline=None,
        published=article.meta.published,
        time_expressions=[],
    )
    return ArticleExtraction(summary=summary, mentions=[], names=[])


class _Cached:
    """A cache that holds every article: extraction needs no model."""

    def get(self, article: Article) -> ArticleExtraction:
        return _extraction(article)

    def put(self, article: Article, extraction: ArticleExtraction) -> None:
        raise AssertionError("nothing to store")


def test_extraction_pulls_the_input_only_as_results_are_taken() -> None:
    pulled: list[int] = []

    def articles() -> Iterator[Article]:
        for k in range(10_000):
            pulled.append(k)
            yield _article(k)

    results = pipeline.extract_stream(articles(), cache=_Cached(), engine=Engine())  # type: ignore[arg-type]
    assert next(results).summary.id == "a0"
    assert len(pulled) <= pipeline.LOCAL_CHUNK
    assert [r.summary.id for r in results][-1] == "a9999"


@pytest.mark.model
def test_cached_and_fresh_articles_keep_their_order() -> None:
    class EveryOther(_Cached):
        def __init__(self) -> None:
            self.stored: list[str] = []

        def get(self, article: Article) -> ArticleExtraction | None:  # type: ignore[override]
            return _extraction(article) if int(article.meta.id[1:]) % 2 == 0 else None

        def put(self, article: Article, extraction: ArticleExtraction) -> None:
            self.stored.append(article.meta.id)

    cache = EveryOther()
    found = list(pipeline.extract_stream([_article(k) for k in range(7)], cache=cache))  # type: ignore[arg-type]
    assert [r.summary.id for r in found] == [f"a{k}" for k in range(7)]
    assert cache.stored == ["a1", "a3", "a5"]


def test_a_published_window_with_no_article_says_what_the_corpus_holds() -> None:
    window = pipeline.PublishedIn([_article(1, 3), _article(2, 9)], date(2020, 1, 1), None)
    with pytest.raises(FilterError, match="corpus runs from 2019-07-03 to 2019-07-09"):
        list(window)
    kept = pipeline.PublishedIn([_article(1, 3), _article(2, 9)], date(2019, 7, 5), None)
    assert [a.meta.id for a in kept] == ["a2"]
