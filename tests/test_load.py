"""Loader: manifest validation, file reading and datelines."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from conftest import MANIFEST
from huawei_timeline.errors import ArticleError, ManifestError
from huawei_timeline.load import load_corpus, parse_dateline


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
        (b"", {}, ArticleError, r"a\.txt: article 'a' is empty; remove it from the manifest"),
        (b"\x00\x01\x02", {}, ArticleError, r"a\.txt: article 'a' is binary, not text"),
        (b"caf\xe9 au lait", {}, ArticleError, r"a\.txt: article 'a' is not UTF-8 \(byte 3\)"),
        (b"text", {"file": "missing.txt"}, ArticleError, r"missing\.txt: cannot read article"),
        (b"text", {"published": "2019-02-30"}, ManifestError, r"invalid manifest at articles\.0"),
    ],
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
