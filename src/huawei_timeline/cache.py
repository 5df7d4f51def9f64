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
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from . import __version__
from .models import Article, ArticleExtraction

CACHE_ENV: Final = "HUAWEI_TIMELINE_CACHE_DIR"
_LIBRARIES: Final = ("spacy", "thinc", "dateparser")
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

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.write_error: str | None = None

    @classmethod
    def for_model(cls, model: str, root: Path | None = None) -> ExtractionCache | None:
        """The cache for results of ``model``; None when the model's version cannot be known.

        An unknown model (neither an installed package nor a pipeline folder) gets
        no cache, so loading it fails as usual with the list of installed names.
        """
        identity = model_identity(model)
        if identity is None:
            return None
        parts = [_FORMAT, identity, f"huawei-timeline=={__version__}", code_digest()]
        parts += [f"{name}=={_version(name)}" for name in _LIBRARIES]
        fingerprint = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return cls(root if root is not None else default_cache_dir(), fingerprint)

    def key(self, article: Article) -> str:
        """The cache key of ``article``: its content and the fingerprint."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(article.model_dump_json().encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / "extractions" / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleExtraction | None:
        """The cached result for ``article``, or None (missing, unreadable or stale format)."""
        try:
            raw = self._path(self.key(article)).read_bytes()
            return ArticleExtraction.model_validate_json(raw)
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, article: Article, extraction: ArticleExtraction) -> None:
        """Store ``extraction`` atomically; a failure is remembered in ``write_error``."""
        if self.write_error is not None:
            return
        path = self._path(self.key(article))
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(extraction.model_dump_json(), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            self.write_error = (
                f"cannot write the cache in {self.root} ({exc.strerror or exc}); results were "
                f"not cached: set {CACHE_ENV} to a writable folder or pass --no-cache"
            )


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
    """SHA-256 over this package's modules and rule files, in name order."""
    digest = hashlib.sha256()
    package = resources.files("huawei_timeline")
    rules = package.joinpath("resources")
    files = [(p.name, p) for p in package.iterdir() if p.name.endswith(".py")]
    files += [(f"resources/{p.name}", p) for p in rules.iterdir() if p.is_file()]
    for name, file in sorted(files, key=lambda item: item[0]):
        digest.update(json.dumps(name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
