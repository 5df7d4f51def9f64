"""Tests for the JSON export: round trip, schema, committed schema, atomic writes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from builders import sample_timeline
from huawei_timeline.errors import OutputError
from huawei_timeline.export import json_schema, schema_text, to_json, write_atomic
from huawei_timeline.models import Timeline

COMMITTED_SCHEMA = Path(__file__).parents[1] / "data" / "timeline.schema.json"


def test_json_reads_back_as_the_same_timeline() -> None:
    timeline = sample_timeline()
    assert Timeline.model_validate_json(to_json(timeline)) == timeline


def test_exported_json_is_valid_against_the_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.validate(json.loads(to_json(sample_timeline())), json_schema())


def _without_event_key(doc: dict[str, Any]) -> None:
    del doc["events"][0]["summary"]


def _with_extra_key(doc: dict[str, Any]) -> None:
    doc["events"][0]["confidence"] = 0.9


def _with_unknown_modality(doc: dict[str, Any]) -> None:
    doc["events"][0]["modality"] = "rumoured"


def _with_unknown_mod(doc: dict[str, Any]) -> None:
    doc["events"][1]["date"]["mod"] = "SOONISH"


@pytest.mark.parametrize(
    "damage",
    [_without_event_key, _with_extra_key, _with_unknown_modality, _with_unknown_mod],
)
def test_schema_rejects_what_the_model_rejects(damage: Any) -> None:
    doc = json.loads(to_json(sample_timeline()))
    damage(doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json_schema())
    # The schema and the model must agree, or consumers and we read different files.
    with pytest.raises(ValueError):
        Timeline.model_validate_json(json.dumps(doc))


def test_committed_schema_is_up_to_date() -> None:
    # Same switch as the render goldens: UPDATE_GOLDEN=1 rewrites the committed copy.
    if os.environ.get("UPDATE_GOLDEN") == "1":
        write_atomic(COMMITTED_SCHEMA, schema_text())
    hint = "models changed? run UPDATE_GOLDEN=1 pytest tests/test_export.py and commit the result"
    assert COMMITTED_SCHEMA.is_file(), f"{COMMITTED_SCHEMA} is missing; {hint}"
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == schema_text(), f"stale schema; {hint}"


# ------------------------------------------------------------------------- atomic write


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


@pytest.mark.parametrize("existing", [None, "old content\n"])
def test_write_atomic_writes_or_replaces(tmp_path: Path, existing: str | None) -> None:
    target = tmp_path / "timeline.json"
    if existing is not None:
        target.write_text(existing, encoding="utf-8")
    write_atomic(target, "new “content”\n")
    assert target.read_text(encoding="utf-8") == "new “content”\n"
    assert _leftovers(tmp_path, {"timeline.json"}) == []


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_atomic_new_file_follows_the_umask(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "timeline.json", "new")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "timeline.json").stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "missing/timeline.json",
            "cannot write {tmp}/missing/timeline.json: directory does not exist; "
            "create it or choose another -o path",
        ),
        (
            "afile/timeline.json",
            "cannot write {tmp}/afile/timeline.json: {tmp}/afile is not a directory; "
            "choose another -o path",
        ),
        (
            "adir",
            "cannot write {tmp}/adir: it is a directory; choose a file name for -o",
        ),
    ],
)
def test_write_atomic_refuses_bad_paths(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / target, "text")
    assert str(caught.value) == message.format(tmp=tmp_path)
    assert _leftovers(tmp_path, {"afile", "adir"}) == []


def _fail_replace(self: Path, target: Path) -> Path:
    raise OSError(28, "No space left on device")


def _fail_fsync(fd: int) -> None:
    raise OSError(5, "Input/output error")


@pytest.mark.parametrize(
    ("patch", "reason"),
    [
        (("pathlib.Path.replace", _fail_replace), "no space left on device"),
        (("os.fsync", _fail_fsync), "input/output error"),
    ],
)
def test_failed_write_leaves_old_file_and_no_temp_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    patch: tuple[str, Any],
    reason: str,
) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(*patch)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "new")
    assert str(caught.value) == (
        f"cannot write {target}: {reason}; "
        "check its permissions and free space, or choose another -o path"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path, {"timeline.json"}) == []


def test_unencodable_text_leaves_no_temp_file(tmp_path: Path) -> None:
    # A lone surrogate cannot be encoded as UTF-8; that is a bug upstream, not an output
    # problem, so it propagates as is, but still without debris.
    with pytest.raises(UnicodeEncodeError):
        write_atomic(tmp_path / "timeline.json", "bad \udc80")
    assert _leftovers(tmp_path, set()) == []
