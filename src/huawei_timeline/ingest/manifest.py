"""Stage 1 — load: find the articles of a corpus and read them, text unchanged.

A corpus is a manifest (JSON or CSV: id, file, outlet, headline, published per
article; ``file`` relative to the manifest), a single article file, or a folder. A folder holding
``manifest.json`` / ``manifest.csv`` (or ``data/manifest.*``) is read through
it; any other folder is taken file by file (``.html``, ``.tml``, ``.TE3input``,
``.txt``, recursively, ids from the file names). Each file is read by its kind
(``inputs.py``); a value given in the manifest wins over one found in the file.

Every article needs a publish date, the anchor of its relative dates: from the
manifest, else from the file (an HTML page's markup, a TimeML ``<DCT>``), else
the caller's ``assume_published``; otherwise loading fails naming the file. A
dateline printed in the article itself is read and compared with that date.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from huawei_timeline.errors import ArticleError, ManifestError
from huawei_timeline.ingest.datelines import dateline_disagreement, find_dateline
from huawei_timeline.ingest.readers import ARTICLE_SUFFIXES, read_source
from huawei_timeline.models import Article, ArticleMeta, calendar_day

MANIFEST_NAMES: Final = ("manifest.json", "manifest.csv", "data/manifest.json", "data/manifest.csv")
MANIFEST_FIELDS: Final = ("id", "file", "outlet", "headline", "published")
UNKNOWN_OUTLET: Final = "unknown"
FUTURE_TOLERANCE: Final = timedelta(days=1)
"""A publish date may run ahead of the local clock by a time zone, not more."""
_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXPECTED: Final = (
    'expected {"articles": [{"id", "file", "outlet", "headline", "published"}]} '
    "or a CSV with those columns"
)


@dataclass(frozen=True)
class Corpus:
    """Loaded articles in manifest (or file-name) order, plus warnings for the user."""

    articles: list[Article]
    warnings: list[str]


@dataclass
class CorpusStream:
    """A corpus whose manifest is checked but whose articles are read one at a time.

    Iterating reads each article file when its turn comes (and may raise
    :class:`ArticleError` then); ``warnings`` grows as articles are read. It can
    be iterated again (the files are read again). ``size`` is the number of
    manifest entries.
    """

    entries: Callable[[], Iterator[ManifestEntry]]
    base: Path
    where: Path
    fallback: date | datetime | None
    size: int
    warnings: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Article]:
        for entry in self.entries():
            article, notes = _read_article(entry, self.base, self.where, self.fallback)
            self.warnings.extend(notes)
            if (disagreement := dateline_disagreement(article)) is not None:
                self.warnings.append(disagreement)
            yield article


class ManifestEntry(BaseModel):
    """One manifest row as written; ``published`` is parsed later for a precise message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    file: str = Field(min_length=1)
    outlet: str | None = None
    headline: str | None = None
    published: str | None = None


def load_corpus(path: Path | str, assume_published: date | datetime | str | None = None) -> Corpus:
    """Load every article of the corpus at ``path`` (a manifest, or a folder).

    ``assume_published`` is the publish date of articles for which neither the
    manifest nor the file gives one (an ISO date, or a date/datetime).

    Raises:
        ManifestError: no corpus at ``path``, or a malformed or inconsistent manifest.
        ArticleError: an article file is missing, empty, binary, oversized,
            undecodable, or has no publish date.
    """
    stream = open_corpus(path, assume_published)
    articles = list(stream)
    return Corpus(articles=articles, warnings=stream.warnings)


def open_corpus(
    path: Path | str, assume_published: date | datetime | str | None = None
) -> CorpusStream:
    """The corpus at ``path``, its manifest checked, no article read yet.

    A CSV manifest is read row by row, twice (once to check every row before any
    work starts, once as the articles are read): a manifest of a million rows is
    never held whole, only the set of its ids. A JSON manifest is parsed whole.

    Raises:
        ManifestError: as :func:`load_corpus`, for the manifest; article errors
            come while iterating.
    """
    path = Path(path)
    fallback = (
        parse_published(assume_published, "--assume-published")
        if isinstance(assume_published, str)
        else assume_published
    )
    entries, base, where = _entries(path)
    size = sum(1 for _ in entries())
    return CorpusStream(entries=entries, base=base, where=where, fallback=fallback, size=size)


def _entries(path: Path) -> tuple[Callable[[], Iterator[ManifestEntry]], Path, Path]:
    """The manifest entries of ``path`` (as a function that reads them afresh), the
    folder files are relative to, and what to blame."""
    if path.is_file() and path.name.endswith(ARTICLE_SUFFIXES):
        one = [ManifestEntry(id=_id_from_name(path.name), file=path.name)]
        return one.__iter__, path.parent, path
    if path.is_file():
        return _manifest_reader(path), path.parent, path
    if not path.is_dir():
        raise ManifestError(
            f"{path}: no such file or directory; pass a manifest file or its folder"
        )
    for name in MANIFEST_NAMES:
        if (path / name).is_file():
            return _manifest_reader(path / name), (path / name).parent, path / name
    files = article_files(path)
    if not files:
        raise ManifestError(
            f"{path}: no manifest found; add {' or '.join(MANIFEST_NAMES[:2])} listing the "
            "articles, or put .html, .tml or .txt files in the folder"
        )
    entries: list[ManifestEntry] = []
    seen: dict[str, Path] = {}
    for file in files:
        article_id = _id_from_name(file.name)
        if article_id in seen:
            raise ManifestError(
                f"{path}: {seen[article_id].relative_to(path)} and {file.relative_to(path)} "
                f"would both be article {article_id!r}; rename one or add a manifest"
            )
        seen[article_id] = file
        entries.append(ManifestEntry(id=article_id, file=file.relative_to(path).as_posix()))
    return entries.__iter__, path, path


def article_files(folder: Path) -> list[Path]:
    """The article files under ``folder`` (recursively, hidden ones excepted), by path."""
    return sorted(
        (
            p
            for p in folder.rglob("*")
            if p.is_file()
            and p.name.endswith(ARTICLE_SUFFIXES)
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        ),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def _id_from_name(name: str) -> str:
    stem = name
    while (suffix := next((s for s in ARTICLE_SUFFIXES if stem.endswith(s)), None)) is not None:
        stem = stem.removesuffix(suffix)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", stem) or "article"


# ---------------------------------------------------------------------- manifest


def read_manifest(path: Path) -> list[ManifestEntry]:
    """Parse and validate a JSON or CSV manifest; errors name the file and the bad field."""
    return list(iter_manifest(path))


def _manifest_reader(path: Path) -> Callable[[], Iterator[ManifestEntry]]:
    """A function that reads the manifest afresh each call (a JSON one is parsed once)."""
    if path.suffix.lower() == ".csv":
        return lambda: iter_manifest(path)
    return read_manifest(path).__iter__


def iter_manifest(path: Path) -> Iterator[ManifestEntry]:
    """The entries of a JSON or CSV manifest, validated one by one as they are read
    (a CSV file row by row); errors name the file and the bad field or row."""
    rows: Iterator[dict[str, str | None]] | list[Any]
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _json_rows(_text(path), path)
    if not isinstance(rows, Iterator | list):
        raise ManifestError(
            f"{path}: invalid manifest at articles: Input should be a valid list; {_EXPECTED}"
        )
    seen: set[str] = set()
    for index, row in enumerate(rows):
        try:
            entry = ManifestEntry.model_validate(row)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in ("articles", index, *first["loc"]))
            raise ManifestError(
                f"{path}: invalid manifest at {where}: {first['msg']}; {_EXPECTED}"
            ) from exc
        if entry.id in seen:
            raise ManifestError(
                f"{path}: article id {entry.id!r} appears twice; ids must be unique"
            )
        seen.add(entry.id)
        if entry.published is not None:
            parse_published(entry.published, f"{path}: article {entry.id!r}")
        yield entry
    if not seen:
        raise ManifestError(f"{path}: the manifest lists no articles; add at least one")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: OSError | UnicodeDecodeError) -> ManifestError:
    reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
    return ManifestError(
        f"{path}: cannot read manifest ({reason}); check the path and save it as UTF-8"
    )


def _json_rows(raw: str, path: Path) -> Any:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ManifestError(
            f"{path}: malformed JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            "fix the manifest's syntax"
        ) from exc
    if not isinstance(data, dict) or "articles" not in data:
        raise ManifestError(f"{path}: invalid manifest at top level; {_EXPECTED}")
    if set(data) != {"articles"}:
        extra = sorted(set(data) - {"articles"})[0]
        raise ManifestError(f"{path}: invalid manifest: unknown key {extra!r}; {_EXPECTED}")
    return data["articles"]


def _csv_rows(path: Path) -> Iterator[dict[str, str | None]]:
    """The rows of a CSV manifest, read from the file one at a time."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [name for name in ("id", "file") if name not in header]
            unknown = [name for name in header if name not in MANIFEST_FIELDS]
            if missing or unknown:
                problem = (
                    f"no {missing[0]!r} column" if missing else f"unknown column {unknown[0]!r}"
                )
                raise ManifestError(
                    f"{path}: invalid CSV manifest: {problem}; expected the header "
                    f"{','.join(MANIFEST_FIELDS)}"
                )
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise ManifestError(
                        f"{path}: malformed CSV at line {reader.line_num} ({exc}); fix the manifest"
                    ) from exc
                if None in row or any(value is None for value in row.values()):
                    raise ManifestError(
                        f"{path}: line {reader.line_num} does not have {len(header)} fields; "
                        "quote values that contain commas"
                    )
                yield {key: (value or None) for key, value in row.items()}
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from exc


def parse_published(value: str, where: str) -> date | datetime:
    """Parse an ISO publish date (``2019-07-09`` or ``2019-07-09T14:05[:00][+00:00]``).

    ``where`` names the source in the message (a manifest entry, ``--assume-published``).

    Raises:
        ManifestError: the value is not ISO, not a real calendar date, or in the future.
    """
    text = value.strip()
    try:
        parsed: date | datetime = (
            date.fromisoformat(text) if _ISO_DAY.fullmatch(text) else datetime.fromisoformat(text)
        )
    except ValueError as exc:
        if _ISO_DAY.match(text):
            raise ManifestError(
                f"{where}: publish date {value!r} is impossible ({exc}); give a real date as "
                "YYYY-MM-DD"
            ) from exc
        raise ManifestError(
            f"{where}: publish date {value!r} is not an ISO date; give YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM[+HH:MM]"
        ) from exc
    check_not_future(parsed, where)
    return parsed


def check_not_future(published: date | datetime, where: str) -> None:
    """Reject a publish date later than today (give or take a time zone).

    Raises:
        ManifestError: the date lies in the future.
    """
    day = calendar_day(published)
    if day > date.today() + FUTURE_TOLERANCE:
        raise ManifestError(
            f"{where}: publish date {day.isoformat()} is in the future; give the date the "
            "article was published"
        )


# ---------------------------------------------------------------------- articles


def _read_article(
    entry: ManifestEntry, base: Path, where: Path, fallback: date | datetime | None
) -> tuple[Article, list[str]]:
    """Read one entry's file and settle its metadata: the manifest wins, then the file."""
    file = base / entry.file
    source = read_source(file, entry.id)
    warnings = list(source.warnings)
    published: date | datetime | None
    if entry.published is not None:
        published = parse_published(entry.published, f"{where}: article {entry.id!r}")
    elif source.published is not None:
        published = source.published
        check_not_future(published, f"{file}: article {entry.id!r}")
    elif fallback is not None:
        published = fallback
        warnings.append(
            f"{file}: article {entry.id!r} gives no publish date; assumed "
            f"{published.isoformat()} (--assume-published)"
        )
    else:
        raise ArticleError(
            f"{file}: no publish date for article {entry.id!r}; add 'published' to the "
            "manifest or pass --assume-published YYYY-MM-DD"
        )
    meta = ArticleMeta(
        id=entry.id,
        file=entry.file,
        outlet=entry.outlet or source.outlet or UNKNOWN_OUTLET,
        headline=entry.headline if entry.headline is not None else source.headline,
        published=published,
    )
    return Article(meta=meta, text=source.text, dateline=find_dateline(source.text)), warnings
