"""JSON export of a :class:`~huawei_timeline.models.Timeline` and its published schema.

The JSON is exactly ``Timeline.model_dump_json``, so it reads back with
``Timeline.model_validate_json``; ``data/timeline.schema.json`` is the committed copy
of :func:`json_schema` for consumers who do not run Python.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from huawei_timeline.errors import OutputError
from huawei_timeline.models import Timeline


def to_json(timeline: Timeline) -> str:
    """Serialise a timeline as indented JSON that ``Timeline.model_validate_json`` reads back."""
    return timeline.model_dump_json(indent=2)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the exported timeline (the pydantic schema of ``Timeline``)."""
    return Timeline.model_json_schema()


def schema_text() -> str:
    """Return :func:`json_schema` as the text committed in ``data/timeline.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see either the old file or the new one.

    The text goes to a temporary file in the same directory (``os.replace`` is only
    atomic within one file system) and replaces ``path`` once it is complete.

    Raises:
        OutputError: the file cannot be written; the message names the path and what
            to do. No temporary file is left behind.
    """
    directory = path.parent
    if not directory.exists():
        reason = "directory does not exist"
        raise OutputError(_message(path, reason, "create it or choose another -o path"))
    if not directory.is_dir():
        reason = f"{directory} is not a directory"
        raise OutputError(_message(path, reason, "choose another -o path"))
    if path.is_dir():
        raise OutputError(_message(path, "it is a directory", "choose a file name for -o"))

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
        raise OutputError(_message(path, reason, advice)) from exc


def _message(path: Path, reason: str, advice: str) -> str:
    return f"cannot write {path}: {reason}; {advice}"
