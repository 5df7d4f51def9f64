"""Input kinds: saved HTML pages, TimeML files, CSV manifests, mixed folders, encodings."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import ROOT
from huawei_timeline.errors import ArticleError, ManifestError
from huawei_timeline.ingest.manifest import load_corpus
from huawei_timeline.ingest.readers import decode_text, read_source

FIXTURES = ROOT / "tests" / "fixtures" / "inputs"


def test_html_page_text_by_trafilatura_date_by_htmldate() -> None:
    source = read_source(FIXTURES / "pages" / "talks-resume.html", "page")
    assert source.text.startswith("Talks resume\nCommerce Secretary Wilbur Ross said on Tuesday")
    assert "Home" not in source.text and "Copyright" not in source.text  # page furniture
    assert (source.published, source.outlet, source.headline) == (
        date(2019, 7, 10),
        "Example Wire",
        "Talks resume",
    )


def test_timeml_file_gives_plain_text_and_its_dct() -> None:
    source = read_source(FIXTURES / "timeml" / "wire-1.tml", "wire-1")
    assert source.published == date(1998, 3, 2)
    assert "<" not in source.text
    assert "raised rates & lending limits last Friday." in source.text


def test_folder_of_pages_without_a_date_needs_assume_published() -> None:
    folder = FIXTURES / "pages"
    with pytest.raises(ArticleError) as caught:
        load_corpus(folder)
    assert str(caught.value) == (
        f"{folder / 'no-date.html'}: no publish date for article 'no-date'; add 'published' "
        "to the manifest or pass --assume-published YYYY-MM-DD"
    )
    corpus = load_corpus(folder, assume_published="2019-07-12")
    assert [(a.meta.id, a.meta.published) for a in corpus.articles] == [
        ("no-date", date(2019, 7, 12)),
        ("talks-resume", date(2019, 7, 10)),  # the page's own date is kept
    ]
    assert corpus.warnings == [
        f"{folder / 'no-date.html'}: article 'no-date' gives no publish date; assumed "
        "2019-07-12 (--assume-published)"
    ]


def test_folder_of_timeml_files_is_a_corpus() -> None:
    corpus = load_corpus(FIXTURES / "timeml")
    (article,) = corpus.articles
    assert (article.meta.id, article.meta.file, article.meta.published) == (
        "wire-1",
        "wire-1.tml",
        date(1998, 3, 2),
    )


def test_csv_manifest_mixes_kinds_and_its_values_win() -> None:
    corpus = load_corpus(FIXTURES / "mixed")
    metas = {a.meta.id: a.meta for a in corpus.articles}
    assert list(metas) == ["story", "page", "wire-1"]  # manifest order
    assert (metas["story"].outlet, metas["story"].published) == ("Daily Example", date(2019, 7, 11))
    # Empty cells are "not given": the page's own site name, title and date fill them.
    assert (metas["page"].outlet, metas["page"].headline, metas["page"].published) == (
        "Example Wire",
        "Talks resume",
        date(2019, 7, 10),
    )
    assert (metas["wire-1"].outlet, metas["wire-1"].headline) == (
        "Wire Service",
        "Shares fall, rates up",
    )


def test_manifest_date_wins_over_the_page(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes((FIXTURES / "pages" / "talks-resume.html").read_bytes())
    (tmp_path / "manifest.csv").write_text(
        "id,file,published\np,p.html,2019-07-09T08:00:00+00:00\n", encoding="utf-8"
    )
    (article,) = load_corpus(tmp_path).articles
    assert article.meta.published == datetime.fromisoformat("2019-07-09T08:00:00+00:00")


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        ("café — naïve".encode(), "café — naïve", False),
        (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "café", False),
        ("café “quoted”".encode("cp1252"), "café “quoted”", True),
        (b"Ross said\r\n\tit\x1a", "Ross said\r\n\tit\x1a", False),
    ],
    ids=["utf-8", "utf-16-bom", "cp1252", "whitespace-controls"],
)
def test_decoding(data: bytes, text: str, warned: bool) -> None:
    decoded, warnings = decode_text(data, Path("a.txt"), "a")
    assert decoded == text
    assert bool(warnings) is warned


def test_cp1252_fallback_warns_with_the_byte_and_the_fix() -> None:
    _, warnings = decode_text(b"caf\xe9 au lait", Path("a.txt"), "a")
    assert warnings == [
        "a.txt: article 'a' is not UTF-8 (byte 3); read it as Windows-1252, re-save it as "
        "UTF-8 if accented letters look wrong"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is binary, not text"),
        (bytes(range(1, 32)) * 4, "is binary, not text"),
        (b"caf\xe9 \x81\x8d\x90", r"is not UTF-8 (byte 3) nor Windows-1252; re-save it as UTF-8"),
    ],
    ids=["png", "control-bytes", "undefined-in-cp1252"],
)
def test_undecodable_bytes_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError) as caught:
        decode_text(data, Path("a.txt"), "a")
    assert message in str(caught.value)


def test_html_page_without_article_text_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><script>x()</script></body></html>")
    with pytest.raises(ArticleError, match="no article text found in the page 'empty'"):
        read_source(page, "empty")


def test_timeml_without_dct_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.tml"
    bad.write_text("<TimeML><TEXT>Shares fell on Monday.</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_source(bad, "x")
    assert str(caught.value) == (
        f"{bad}: no document creation time; add "
        '<DCT><TIMEX3 tid="t0" type="DATE" value="YYYY-MM-DD">...</TIMEX3></DCT>'
    )


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    for name in ("a/x.txt", "b/x.tml"):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text("text", encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_corpus(tmp_path, assume_published="2019-07-09")
    assert str(caught.value) == (
        f"{tmp_path}: a/x.txt and b/x.tml would both be article 'x'; rename one or add a manifest"
    )


def test_text_over_spacys_max_length_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 240_000, encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_source(big, "big")
    assert str(caught.value) == (
        f"{big}: article 'big' has 1,200,000 characters, over the 1,000,000 limit for one "
        "article; split it into several articles"
    )


def test_a_single_article_file_is_a_corpus() -> None:
    (article,) = load_corpus(FIXTURES / "pages" / "talks-resume.html").articles
    assert (article.meta.id, article.meta.outlet) == ("talks-resume", "Example Wire")
