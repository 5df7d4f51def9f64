"""Same input, same bytes: across runs, with and without the cache, with one or two workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MANIFEST, ROOT


def _export(target: Path, cache: Path, *options: str) -> bytes:
    command = [sys.executable, "-m", "huawei_timeline", "export", "--corpus", str(MANIFEST)]
    subprocess.run(
        [*command, "-o", str(target), *options],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "HUAWEI_TIMELINE_CACHE_DIR": str(cache)},
    )
    return target.read_bytes()


@pytest.mark.model
def test_json_export_is_byte_identical_across_runs_cache_and_jobs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    runs = {
        "no cache, 2 workers": _export(tmp_path / "a.json", cache, "--no-cache", "--jobs", "2"),
        "cold cache": _export(tmp_path / "b.json", cache),
        "warm cache": _export(tmp_path / "c.json", cache),
    }
    assert len(set(runs.values())) == 1, list(runs)
    assert any(cache.rglob("*.json"))
