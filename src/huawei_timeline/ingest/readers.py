"""Readers for the kinds of article file a corpus can hold: text, saved HTML pages, TimeML.

Each reader turns one file into a :class:`Source`: the article text and whatever
the file itself says about the article (publish date, outlet, headline). The
loader (``load.py``) then lets manifest values win over these.

* ``.txt`` (any other suffix too): the text, byte for byte. UTF-8 is expected;
  UTF-16 with a byte-order mark is read too, and text that is not UTF-8 but is
  clean Windows-1252 is read as such with a warning.
* ``.html`` / ``.htm``: the article text as trafilatura extracts it, the publish
  date as htmldate finds it in the page's markup (no guessing from body text),
  and the headline and site name from the page's metadata. Offsets then index
  the extracted text, not the HTML source.
* ``.tml`` / ``.TE3input``: the plain text of ``<TEXT>`` and the ``<DCT>``.

Every reader checks the file size before reading it, so an oversized file costs
no memory, and fails with an :class:`~huawei_timeline.errors.ArticleError`
naming the file and the fix.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

from huawei_timeline.errors import ArticleError
from huawei_timeline.timeml.reader import TIMEML_SUFFIXES, TimeMLError, parse_timeml

HTML_SUFFIXES: Final = (".html", ".htm")
TEXT_SUFFIXES: Final = (".txt",)
ARTICLE_SUFFIXES: Final = HTML_SUFFIXES + TIMEML_SUFFIXES + TEXT_SUFFIXES

MAX_FILE_BYTES: Final = 16 * 1024 * 1024
"""Largest article file read (saved HTML pages carry scripts and styles; news text is KBs)."""
MAX_TEXT_CHARS: Final = 1_000_000
"""Longest article text parsed: spaCy's own default ``max_length`` for one document."""
_CONTROL_SHARE: Final = 0.001
_ALLOWED_CONTROLS: Final = frozenset("\t\n\r\f\v\x1a")


@dataclass(frozen=True)
class Source:
    """One article file as read: its text and what the file says about the article."""

    text: str
    published: date | datetime | None = None
    outlet: str | None = None
    headline: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_source(file: Path, article_id: str) -> Source:
    """Read an article file by its kind (see the module docstring)."""
    data = _read_bytes(file, article_id)
    if file.name.endswith(HTML_SUFFIXES):
        source = _html_source(data, file, article_id)
    elif file.name.endswith(TIMEML_SUFFIXES):
        source = _timeml_source(data, file, article_id)
    else:
        text, warnings = decode_text(data, file, article_id)
        source = Source(text=text, warnings=warnings)
    if not source.text.strip():
        raise ArticleError(f"{file}: article {article_id!r} has no text; remove it from the corpus")
    if len(source.text) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"{file}: article {article_id!r} has {len(source.text):,} characters, over the "
            f"{MAX_TEXT_CHARS:,} limit for one article; split it into several articles"
        )
    return source


def _read_bytes(file: Path, article_id: str) -> bytes:
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise IsADirectoryError(21, "is a directory")
        if size > MAX_FILE_BYTES:
            raise ArticleError(
                f"{file}: article {article_id!r} is {size / 2**20:.1f} MiB, over the "
                f"{MAX_FILE_BYTES // 2**20} MiB limit for one file; split it into "
                "several articles"
            )
        data = file.read_bytes()
    except OSError as exc:
        raise ArticleError(
            f"{file}: cannot read article {article_id!r} ({exc.strerror or exc}); "
            "fix 'file' in the manifest"
        ) from exc
    if not data.strip():
        raise ArticleError(f"{file}: article {article_id!r} is empty; remove it from the corpus")
    return data


def decode_text(data: bytes, file: Path, article_id: str) -> tuple[str, list[str]]:
    """Decode article bytes: UTF-8 (or UTF-16 with a BOM), else clean Windows-1252 with a warning.

    Raises:
        ArticleError: the bytes are binary, or neither UTF-8 nor clean Windows-1252.
    """
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), file, article_id), []
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise _binary(file, article_id)
    try:
        return _checked(data.decode("utf-8"), file, article_id), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = _checked(data.decode("cp1252"), file, article_id)
    except UnicodeDecodeError as exc:
        # Latin-1 would "decode" anything, so it is no evidence of text: refuse instead.
        raise ArticleError(
            f"{file}: article {article_id!r} is not UTF-8 (byte {first_bad}) nor Windows-1252; "
            "re-save it as UTF-8"
        ) from exc
    warning = (
        f"{file}: article {article_id!r} is not UTF-8 (byte {first_bad}); read it as "
        "Windows-1252, re-save it as UTF-8 if accented letters look wrong"
    )
    return text, [warning]


def _checked(text: str, file: Path, article_id: str) -> str:
    """Reject text that decodes but is mostly control characters (a binary file)."""
    controls = sum(
        1 for ch in text if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(text) * _CONTROL_SHARE):
        raise _binary(file, article_id)
    return text


def _binary(file: Path, article_id: str) -> ArticleError:
    return ArticleError(
        f"{file}: article {article_id!r} is binary, not text; give a .txt, .html or .tml file"
    )


# -------------------------------------------------------------------------- HTML


def _html_source(data: bytes, file: Path, article_id: str) -> Source:
    """Article text by trafilatura, publish date by htmldate, from a saved page."""
    # Deferred: trafilatura and htmldate are only needed for HTML corpora.
    import htmldate
    import trafilatura
    from htmldate.utils import load_html

    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(document, "text", None) or ""
    if not text.strip():
        raise ArticleError(
            f"{file}: no article text found in the page {article_id!r}; save the article page "
            "itself, or give its text as a .txt file"
        )
    # A parsed tree, never a string: htmldate fetches a string that looks like a URL.
    tree = load_html(data)
    found = (
        htmldate.find_date(tree, original_date=True, extensive_search=False)
        if tree is not None
        else None
    )
    published = date.fromisoformat(found) if found else None
    outlet = getattr(document, "sitename", None) or getattr(document, "hostname", None)
    headline = getattr(document, "title", None)
    return Source(text=text, published=published, outlet=outlet, headline=headline)


# ------------------------------------------------------------------------ TimeML


def _timeml_source(data: bytes, file: Path, article_id: str) -> Source:
    """Plain ``<TEXT>`` and the ``<DCT>`` of a TimeML file."""
    text, warnings = decode_text(data, file, article_id)
    try:
        document = parse_timeml(text, file.name)
    except TimeMLError as exc:
        raise ArticleError(f"{file}: {str(exc).removeprefix(file.name + ': ')}") from exc
    return Source(text=document.text, published=document.dct, warnings=warnings)
