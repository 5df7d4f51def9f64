"""Loader: manifest validation, file reading and datelines."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from conftest import MANIFEST
from huawei_timeline.errors import ArticleError, ManifestError
from huawei_timeline.ingest.datelines import parse_dateline
from huawei_timeline.ingest.manifest import load_corpus


def _write_corpus(tmp_path: Path, text: bytes | str, **meta: object) -> Path:
    article = tmp_path / "a.txt"
    if isinstance(text, str):
        article.write_text(text, encoding="utf-8")
    else:
        article.write_bytes(text)
    entry = {
        "id": "a",
        "file": "a.txt",
        "outlet": "Wire",
        "headline": "H",
        "published": "2019-07-09",
    }
    entry.update(meta)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"articles": [entry]}), encoding="utf-8")
    return manifest


def test_seed_corpus_loads_with_original_text() -> None:
    corpus = load_corpus(MANIFEST)
    assert [a.meta.id[:3] for a in corpus.articles] == ["000", "001", "002", "003", "004"]
    source = (MANIFEST.parent / corpus.articles[2].meta.file).read_text(encoding="utf-8")
    assert corpus.articles[2].text == source
    assert corpus.warnings == []


def test_seed_dateline_is_read() -> None:
    article = load_corpus(MANIFEST).articles[2]
    assert article.dateline is not None
    assert article.dateline.value == "2019-07-11T10:37"
    assert article.text[article.dateline.start : article.dateline.end] == article.dateline.text


def test_dateline_disagreement_is_reported(tmp_path: Path) -> None:
    manifest = _write_corpus(tmp_path, "Title\nJuly 9, 2019\nBody text.", published="2019-07-12")
    corpus = load_corpus(manifest)
    assert corpus.warnings == [
        "a: dateline 'July 9, 2019' says 2019-07-09 but the manifest says 2019-07-12; "
        "the manifest date is used"
    ]


def _dateline_examples() -> list[tuple[str, str]]:
    data = tomllib.loads(
        resources.files("huawei_timeline.resources").joinpath("datelines.toml").read_text()
    )
    return [(ex["text"], ex["value"]) for p in data["pattern"] for ex in p["examples"]]


@pytest.mark.parametrize(("line", "value"), _dateline_examples())
def test_every_dateline_example_parses(line: str, value: str) -> None:
    assert parse_dateline(line) == value


@pytest.mark.parametrize("line", ["The talks resumed on July 9, 2019 in Osaka.", "May 2019"])
def test_sentences_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("content", "meta", "error", "message"),
    [
        (b"", {}, ArticleError, r"a\.txt: article 'a' is empty; remove it from the corpus"),
        (b"\x00\x01\x02", {}, ArticleError, r"a\.txt: article 'a' is binary, not text"),
        (b"text", {"file": "missing.txt"}, ArticleError, r"missing\.txt: cannot read article"),
        (
            b"text",
            {"published": "2019-02-30"},
            ManifestError,
            r"article 'a': publish date '2019-02-30' is impossible \(day is out of range",
        ),
        (
            b"text",
            {"published": "9 July 2019"},
            ManifestError,
            r"publish date '9 July 2019' is not an ISO date; give YYYY-MM-DD",
        ),
        (
            b"text",
            {"published": "2999-01-01"},
            ManifestError,
            r"publish date 2999-01-01 is in the future; give the date the article was published",
        ),
        (b"text", {"id": "a b"}, ManifestError, r"invalid manifest at articles\.0\.id"),
    ],
    ids=["empty", "binary", "missing", "impossible-date", "not-iso", "future", "bad-id"],
)
def test_bad_input_is_one_clear_error(
    tmp_path: Path, content: bytes, meta: dict[str, object], error: type[Exception], message: str
) -> None:
    manifest = _write_corpus(tmp_path, content, **meta)
    with pytest.raises(error, match=message) as caught:
        load_corpus(manifest)
    assert "\n" not in str(caught.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    entry = {"id": "a", "file": "a.txt", "outlet": "W", "headline": None, "published": "2019-07-09"}
    (tmp_path / "manifest.json").write_text(json.dumps({"articles": [entry, entry]}))
    with pytest.raises(ManifestError, match=re.escape("article id 'a' appears twice")):
        load_corpus(tmp_path)


def test_missing_manifest_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=re.escape("no manifest found; add manifest.json")):
        load_corpus(tmp_path)


def test_manifest_without_published_uses_assume_published(tmp_path: Path) -> None:
    manifest = _write_corpus(tmp_path, "Body text.", published=None)
    with pytest.raises(ArticleError, match="no publish date for article 'a'"):
        load_corpus(manifest)
    (article,) = load_corpus(manifest, assume_published="2019-07-09T10:00").articles
    assert article.meta.published == datetime(2019, 7, 9, 10, 0)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{", "malformed JSON at line 1 column 2 (Expecting property name enclosed in double"),
        ("[]", 'invalid manifest at top level; expected {"articles": [{"id", "file", "outlet"'),
        ('{"articles": []}', "the manifest lists no articles; add at least one"),
        ('{"articles": [], "x": 1}', "invalid manifest: unknown key 'x'"),
        ('{"articles": [{"id": "a"}]}', "invalid manifest at articles.0.file: Field required"),
    ],
    ids=["syntax", "not-an-object", "no-articles", "unknown-key", "no-file"],
)
def test_malformed_json_manifest(tmp_path: Path, raw: str, message: str) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(raw, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_corpus(manifest)
    assert str(caught.value).startswith(f"{manifest}: {message}")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("name,file\nx,a.txt\n", "invalid CSV manifest: no 'id' column; expected the header"),
        ("id,file,url\nx,a.txt,u\n", "invalid CSV manifest: unknown column 'url'"),
        ("id,file\nx,a.txt,extra\n", "line 2 does not have 2 fields; quote values that contain"),
    ],
    ids=["no-id", "unknown-column", "extra-field"],
)
def test_malformed_csv_manifest(tmp_path: Path, raw: str, message: str) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(raw, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_corpus(manifest)
    assert str(caught.value).startswith(f"{manifest}: {message}")


def test_assume_published_is_checked_like_a_manifest_date(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="--assume-published: publish date '2019-13-01' is"):
        load_corpus(tmp_path, assume_published="2019-13-01")


def test_wire_dateline_without_a_year_is_compared_on_month_and_day(tmp_path: Path) -> None:
    text = "\n\nJOHANNESBURG, August 7 (Xinhua) --\n\nSouth Africa deplored the blasts.\n"
    manifest = _write_corpus(tmp_path, text, published="1998-08-08")
    assert load_corpus(manifest).warnings == [
        "a: dateline 'JOHANNESBURG, August 7 (Xinhua) --' says 08-07 (month-day, no year) "
        "but the manifest says 1998-08-08; the manifest date is used"
    ]
