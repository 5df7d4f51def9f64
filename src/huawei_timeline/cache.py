"""Cache of per-article extraction results, so an unchanged bundle re-runs without spaCy.

An :class:`~huawei_timeline.models.ArticleExtraction` depends only on the
article (text and manifest values) and on the code and model that produced it.
Its key is the SHA-256 of the article's JSON together with a fingerprint of
everything else: the model's name and version (read from package metadata or
the pipeline folder, without importing spaCy), the versions of spaCy, thinc
and dateparser, this package's version and a digest of its source and rule
files (so an edited rule never serves a stale result).

Entries are JSON files under the user's cache folder (platformdirs), or under
``$HUAWEI_TIMELINE_CACHE_DIR`` when set, written atomically, so several worker
processes or runs can share the folder; an unreadable or corrupt entry is a
miss, and a cache that cannot be written is skipped with one warning.

The folder is bounded: after a run that stored new entries, :meth:`ExtractionCache.prune`
deletes the least recently used entries (a hit refreshes an entry's time) until
the folder holds at most :data:`MAX_CACHE_BYTES`, or
``$HUAWEI_TIMELINE_CACHE_MAX_MB`` megabytes when set. Entries left by older code
or models are never hit again, so they are the first to go.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from huawei_timeline.errors import OutputError
from huawei_timeline.files import write_atomic
from huawei_timeline.models import Article, ArticleExtraction

CACHE_ENV: Final = "HUAWEI_TIMELINE_CACHE_DIR"
CACHE_MAX_ENV: Final = "HUAWEI_TIMELINE_CACHE_MAX_MB"
MAX_CACHE_BYTES: Final = 1024 * 1024 * 1024
"""Default size cap: 1 GiB holds the extractions of roughly 100,000 news articles
(about 10 KB each), far more than a story bundle, while staying small on a laptop."""
PRUNE_TO: Final = 0.8
"""Pruning goes below the cap by a margin, so the next few runs need not prune again."""
_LIBRARIES: Final = ("huawei-timeline", "spacy", "thinc", "dateparser")
_FORMAT: Final = "1"


def default_cache_dir() -> Path:
    """``$HUAWEI_TIMELINE_CACHE_DIR`` if set, else the platform's user cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("huawei-timeline", appauthor=False))


class ExtractionCache:
    """Extraction results on disk, keyed by article content, model and code."""

    def __init__(self, root: Path, fingerprint: str, max_bytes: int | None = None) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.max_bytes = max_bytes if max_bytes is not None else size_cap()
        self.write_error: str | None = None
        self.stored = 0

    @classmethod
    def for_model(
        cls, model: str, root: Path | None = None, max_bytes: int | None = None
    ) -> ExtractionCache | None:
        """The cache for results of ``model``; None when the model's version cannot be known.

        An unknown model (neither an installed package nor a pipeline folder) gets
        no cache, so loading it fails as usual with the list of installed names.
        """
        identity = model_identity(model)
        if identity is None:
            return None
        parts = [_FORMAT, identity, code_digest()]
        parts += [f"{name}=={_version(name)}" for name in _LIBRARIES]
        fingerprint = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return cls(root if root is not None else default_cache_dir(), fingerprint, max_bytes)

    def key(self, article: Article) -> str:
        """The cache key of ``article``: its content and the fingerprint."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(article.model_dump_json().encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / "extractions" / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleExtraction | None:
        """The cached result for ``article``, or None (missing, unreadable or stale format)."""
        path = self._path(self.key(article))
        try:
            found = ArticleExtraction.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # a hit makes the entry recent, so pruning keeps it
        return found

    def put(self, article: Article, extraction: ArticleExtraction) -> None:
        """Store ``extraction`` atomically; a failure is remembered in ``write_error``."""
        if self.write_error is not None:
            return
        path = self._path(self.key(article))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, extraction.model_dump_json(), durable=False)
            self.stored += 1
        except (OSError, OutputError) as exc:
            reason = exc.strerror or exc if isinstance(exc, OSError) else exc
            self.write_error = (
                f"cannot write the cache in {self.root} ({reason}); results were "
                f"not cached: set {CACHE_ENV} to a writable folder or pass --no-cache"
            )

    def prune(self) -> int:
        """Delete the least recently used entries while the folder exceeds its cap.

        Returns the number of entries deleted. Entries of every fingerprint are
        weighed together; files that vanish meanwhile (another process pruning) are
        skipped. Errors are ignored: pruning never fails a run.
        """
        entries: list[tuple[float, int, Path]] = []
        total = 0
        for path in (self.root / "extractions").glob("*/*.json"):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
            total += stat.st_size
        if total <= self.max_bytes:
            return 0
        deleted = 0
        target = self.max_bytes * PRUNE_TO
        for _, size, path in sorted(entries):
            if total <= target:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                deleted += 1
            total -= size
        return deleted


def size_cap() -> int:
    """The cache size cap in bytes: ``$HUAWEI_TIMELINE_CACHE_MAX_MB`` or :data:`MAX_CACHE_BYTES`."""
    override = os.environ.get(CACHE_MAX_ENV, "").strip()
    if override:
        with contextlib.suppress(ValueError):
            return max(0, int(float(override) * 1024 * 1024))
    return MAX_CACHE_BYTES


def model_identity(model: str) -> str | None:
    """``name==version`` of an installed pipeline package, or a digest of a pipeline folder."""
    folder = Path(model)
    if (folder / "meta.json").is_file():
        digest = hashlib.sha256()
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            stat = file.stat()
            digest.update(f"{file.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        digest.update((folder / "meta.json").read_bytes())
        return f"path:{folder.resolve()}:{digest.hexdigest()}"
    version = _version(model)
    return None if version is None else f"{model}=={version}"


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except (metadata.PackageNotFoundError, ValueError):
        return None


@cache
def code_digest() -> str:
    """:func:`tree_digest` of this package: an edit to any stage or rule file changes it."""
    return tree_digest(Path(str(resources.files("huawei_timeline"))))


def tree_digest(package: Path) -> str:
    """SHA-256 over every module and rule file under ``package``, subpackages included.

    Files are taken recursively and in relative-path order, names included, so an
    edit, an added or a renamed file anywhere (a stage module, a rule file) gives a
    new digest; compiled ``__pycache__`` files do not count.
    """
    digest = hashlib.sha256()
    files = [
        p
        for p in package.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (p.suffix == ".py" or "resources" in p.relative_to(package).parts)
    ]
    for file in sorted(files, key=lambda p: p.relative_to(package).as_posix()):
        digest.update(json.dumps(file.relative_to(package).as_posix()).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
