"""Files written whole or not at all: the one atomic writer for exports, TimeML and the cache."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

from huawei_timeline.errors import OutputError


def check_output_path(path: Path) -> None:
    """Fail early, before any work, when ``path`` can plainly not be written.

    Raises:
        OutputError: the folder is missing or not a folder, or ``path`` is a folder.
    """
    directory = path.parent
    if not directory.exists():
        reason = "directory does not exist"
        raise OutputError(output_error(path, reason, "create it or choose another -o path"))
    if not directory.is_dir():
        reason = f"{directory} is not a directory"
        raise OutputError(output_error(path, reason, "choose another -o path"))
    if path.is_dir():
        raise OutputError(output_error(path, "it is a directory", "choose a file name for -o"))


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` to ``path`` so that readers see either the old file or the new one.

    The text goes to a temporary file in the same directory (``os.replace`` is only
    atomic within one file system) and replaces ``path`` once it is complete. With
    ``durable`` (the default) it is also flushed to disk first; the cache, which can
    always recompute an entry, skips that cost.

    Raises:
        OutputError: the file cannot be written; the message names the path and what
            to do. No temporary file is left behind.
    """
    check_output_path(path)
    directory = path.parent

    # Not tempfile.mkstemp: it creates the file 0600, and the output should get the
    # usual permissions (the umask's, or those of the file being replaced).
    tmp = directory / f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        created = True
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            # Without fsync a crash soon after the rename can leave an empty file in place.
            if durable:
                os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        tmp.replace(path)
    except BaseException as exc:
        # Also on KeyboardInterrupt or an unencodable string: never leave a partial file.
        if created:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if not isinstance(exc, OSError):
            raise
        reason = exc.strerror.lower() if exc.strerror else type(exc).__name__
        advice = "check its permissions and free space, or choose another -o path"
        raise OutputError(output_error(path, reason, advice)) from exc


def output_error(path: Path, reason: str, advice: str) -> str:
    """The one wording of a write failure: what, why, and what to do."""
    return f"cannot write {path}: {reason}; {advice}"
