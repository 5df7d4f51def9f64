"""Extraction cache: keys, misses, corrupt entries, unwritable folders, warm runs without spaCy."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import MANIFEST
from huawei_timeline.cache import CACHE_ENV, ExtractionCache, default_cache_dir, model_identity
from huawei_timeline.models import Article, ArticleExtraction, ArticleMeta, ArticleSummary
from huawei_timeline.nlp import DEFAULT_MODEL

MODEL = DEFAULT_MODEL


def _article(text: str = "Ross spoke on Tuesday.", published: date = date(2019, 7, 10)) -> Article:
    meta = ArticleMeta(id="a", file="a.txt", outlet="Wire", published=published)
    return Article(meta=meta, text=text)


def _extraction(article: Article) -> ArticleExtraction:
    meta = article.meta
    summary = ArticleSummary(
        id=meta.id,
        outlet=meta.outlet,
        headline=meta.headline,
        published=meta.published,
        time_expressions=[],
    )
    return ArticleExtraction(summary=summary)


@pytest.fixture
def store(tmp_path: Path) -> ExtractionCache:
    cache = ExtractionCache.for_model(MODEL, tmp_path)
    assert cache is not None
    return cache


def test_round_trip(store: ExtractionCache) -> None:
    article = _article()
    assert store.get(article) is None
    store.put(article, _extraction(article))
    assert store.get(article) == _extraction(article)


@pytest.mark.parametrize(
    "changed",
    [_article(text="Ross spoke on Monday."), _article(published=date(2019, 7, 11))],
    ids=["text", "publish-date"],
)
def test_any_change_to_the_article_is_a_miss(store: ExtractionCache, changed: Article) -> None:
    article = _article()
    store.put(article, _extraction(article))
    assert store.get(changed) is None


def test_another_model_or_code_is_another_key(tmp_path: Path) -> None:
    article = _article()
    one = ExtractionCache(tmp_path, "fingerprint-1")
    one.put(article, _extraction(article))
    assert ExtractionCache(tmp_path, "fingerprint-2").get(article) is None


def test_corrupt_entry_is_a_miss_and_is_replaced(store: ExtractionCache) -> None:
    article = _article()
    store.put(article, _extraction(article))
    (entry,) = store.root.rglob("*.json")
    entry.write_text('{"summary": ', encoding="utf-8")
    assert store.get(article) is None
    store.put(article, _extraction(article))
    assert store.get(article) == _extraction(article)


def test_unwritable_cache_is_one_warning_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = ExtractionCache(blocker / "cache", "fp")
    article = _article()
    store.put(article, _extraction(article))
    assert store.write_error is not None
    assert store.write_error.startswith(f"cannot write the cache in {blocker / 'cache'} (")
    assert store.write_error.endswith(f"set {CACHE_ENV} to a writable folder or pass --no-cache")
    assert list(tmp_path.iterdir()) == [blocker]  # no temporary file left


def test_model_identity_needs_no_spacy() -> None:
    assert model_identity(MODEL) == f"{MODEL}==3.8.0"
    assert model_identity("no_such_model") is None


def test_cache_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert default_cache_dir() == tmp_path
    monkeypatch.delenv(CACHE_ENV)
    assert default_cache_dir().name == "huawei-timeline"


@pytest.mark.model
def test_warm_run_does_not_import_spacy(tmp_path: Path) -> None:
    probe = (
        "import sys; from huawei_timeline import build_timeline; "
        f"t = build_timeline({str(MANIFEST)!r}, cache={str(tmp_path)!r}); "
        "print(len(t.events), 'spacy' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    cold, warm = runs
    assert cold[1] == "True"
    assert warm == [cold[0], "False"]


def test_code_digest_covers_every_module_of_every_stage(tmp_path: Path) -> None:
    import shutil

    import huawei_timeline
    from huawei_timeline.cache import tree_digest

    copy = tmp_path / "huawei_timeline"
    shutil.copytree(Path(huawei_timeline.__file__).parent, copy)
    before = tree_digest(copy)
    (copy / "ingest" / "__pycache__").mkdir(exist_ok=True)
    (copy / "ingest" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert tree_digest(copy) == before
    for edited in (copy / "merge" / "cluster.py", copy / "resources" / "events.toml"):
        edited.write_bytes(edited.read_bytes() + b"\n# an edit\n")
        assert tree_digest(copy) != before
        before = tree_digest(copy)


def test_prune_drops_the_least_recently_used_entries(tmp_path: Path) -> None:
    import os

    store = ExtractionCache.for_model(MODEL, tmp_path, max_bytes=0)
    assert store is not None
    articles = [_article(text=f"Ross spoke on day {n}.") for n in range(5)]
    for n, article in enumerate(articles):
        store.put(article, _extraction(article))
        path = store._path(store.key(article))
        os.utime(path, (1_000_000 + n, 1_000_000 + n))  # written in order, oldest first
    size = store._path(store.key(articles[0])).stat().st_size
    assert store.get(articles[0]) is not None  # a hit makes the oldest the most recent
    store.max_bytes = 3 * size
    assert store.prune() == 3  # down to 80% of the cap: two entries stay
    kept = [a.text for a in articles if store.get(a) is not None]
    assert kept == [articles[0].text, articles[4].text]


def test_prune_within_the_cap_deletes_nothing(store: ExtractionCache) -> None:
    article = _article()
    store.put(article, _extraction(article))
    assert store.prune() == 0
    assert store.get(article) is not None


def test_size_cap_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from huawei_timeline.cache import CACHE_MAX_ENV, MAX_CACHE_BYTES, size_cap

    monkeypatch.setenv(CACHE_MAX_ENV, "2.5")
    assert size_cap() == int(2.5 * 1024 * 1024)
    monkeypatch.setenv(CACHE_MAX_ENV, "lots")
    assert size_cap() == MAX_CACHE_BYTES
