"""Stage 1 — load: read the manifest and the article files, unchanged.

The manifest lists each article's id, file, outlet, headline and publish date.
Files are read as UTF-8 and kept byte-for-byte as text, so every later offset
points into the original file. A dateline printed in the article itself is read
and compared with the manifest's publish date.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from .errors import ArticleError, ManifestError
from .models import Article, ArticleMeta, Dateline, Manifest

MANIFEST_NAMES = ("manifest.json", "data/manifest.json")


@dataclass(frozen=True)
class Corpus:
    """Loaded articles in manifest order, plus warnings for the user."""

    articles: list[Article]
    warnings: list[str]


def find_manifest(path: Path) -> Path:
    """Return the manifest for ``path``: the file itself, or ``manifest.json`` inside it."""
    if path.is_file():
        return path
    if path.is_dir():
        for name in MANIFEST_NAMES:
            if (path / name).is_file():
                return path / name
        raise ManifestError(
            f"{path}: no manifest found; add {' or '.join(MANIFEST_NAMES)} listing the articles"
        )
    raise ManifestError(f"{path}: no such file or directory; pass a manifest file or its folder")


def read_manifest(path: Path) -> Manifest:
    """Parse and validate a manifest file; errors name the file and the bad field."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read manifest ({exc}); check the path") from exc
    try:
        manifest = Manifest.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise ManifestError(
            f"{path}: invalid manifest at {where}: {first['msg']}; "
            'expected {"articles": [{"id", "file", "outlet", "headline", "published"}]}'
        ) from exc
    seen: set[str] = set()
    for meta in manifest.articles:
        if meta.id in seen:
            raise ManifestError(f"{path}: article id {meta.id!r} appears twice; ids must be unique")
        seen.add(meta.id)
    return manifest


def read_article(meta: ArticleMeta, base: Path) -> Article:
    """Read one article file (relative to the manifest's folder) as UTF-8."""
    file = base / meta.file
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ArticleError(
            f"{file}: cannot read article {meta.id!r} ({exc.strerror}); fix 'file' in the manifest"
        ) from exc
    if not data.strip():
        raise ArticleError(f"{file}: article {meta.id!r} is empty; remove it from the manifest")
    if b"\x00" in data:
        raise ArticleError(f"{file}: article {meta.id!r} is binary, not text; give a .txt file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{file}: article {meta.id!r} is not UTF-8 (byte {exc.start}); re-save it as UTF-8"
        ) from exc
    return Article(meta=meta, text=text, dateline=find_dateline(text))


def load_corpus(path: Path) -> Corpus:
    """Load every article listed in the manifest at ``path`` (a file or its folder)."""
    manifest_path = find_manifest(path)
    manifest = read_manifest(manifest_path)
    if not manifest.articles:
        raise ManifestError(f"{manifest_path}: the manifest lists no articles; add at least one")
    base = manifest_path.parent
    articles = [read_article(meta, base) for meta in manifest.articles]
    warnings = [w for a in articles if (w := dateline_disagreement(a)) is not None]
    return Corpus(articles=articles, warnings=warnings)


# --------------------------------------------------------------------- datelines


@dataclass(frozen=True)
class _DatelinePattern:
    name: str
    regex: re.Pattern[str]


@cache
def _dateline_rules() -> tuple[int, tuple[_DatelinePattern, ...]]:
    text = resources.files("huawei_timeline.resources").joinpath("datelines.toml").read_text()
    data = tomllib.loads(text)
    patterns = tuple(
        _DatelinePattern(p["name"], re.compile(p["regex"], re.IGNORECASE)) for p in data["pattern"]
    )
    return int(data["max_line"]), patterns


def parse_dateline(line: str) -> str | None:
    """Return the TIMEX3 value of a dateline line, or None if the line is not one."""
    _, patterns = _dateline_rules()
    stripped = line.strip()
    for pattern in patterns:
        match = pattern.regex.match(stripped)
        if match is None:
            continue
        value = _dateline_value(match)
        if value is not None:
            return value
    return None


def _dateline_value(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month_text = parts["month"]
    try:
        month = int(month_text) if month_text.isdigit() else _month_number(month_text)
        day = date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
    if parts.get("hour") is None:
        return day.isoformat()
    hour, minute = int(parts["hour"]), int(parts["minute"])
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def _month_number(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month


def find_dateline(text: str) -> Dateline | None:
    """Find a dateline among the first lines of ``text``."""
    max_line, _ = _dateline_rules()
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if index >= max_line:
            break
        value = parse_dateline(line) if line.strip() else None
        if value is not None:
            lead = len(line) - len(line.lstrip())
            stripped = line.strip()
            return Dateline(
                text=stripped, start=offset + lead, end=offset + lead + len(stripped), value=value
            )
        offset += len(line) + 1
    return None


def dateline_disagreement(article: Article) -> str | None:
    """Describe a disagreement between an article's dateline and its manifest date."""
    if article.dateline is None:
        return None
    published = article.meta.published
    dateline_day = article.dateline.value[:10]
    manifest_day = published.date() if isinstance(published, datetime) else published
    if dateline_day != manifest_day.isoformat():
        return (
            f"{article.meta.id}: dateline {article.dateline.text!r} says {dateline_day} "
            f"but the manifest says {manifest_day.isoformat()}; the manifest date is used"
        )
    return None
