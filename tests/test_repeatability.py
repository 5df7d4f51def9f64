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


_SUBJECT = """
from datetime import date
from huawei_timeline.models import Article, ArticleMeta
from huawei_timeline.nlp import load_model
from huawei_timeline.pipeline import extract_articles
text = "A master of bureaucratic infighting, Felt seized upon a Post story on Monday."
meta = ArticleMeta(id="a", file="a.txt", outlet="W", published=date(2008, 12, 20))
(found,) = extract_articles([Article(meta=meta, text=text)], load_model())
print([m.subject for m in found.mentions if m.predicate == "seize"])
"""


@pytest.mark.model
def test_the_subject_chosen_does_not_depend_on_string_hashing() -> None:
    """The parser makes two subjects of "seized"; which one wins once depended on
    the order of a set of strings, so on the process's hash seed."""
    chosen = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", _SUBJECT],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        chosen.add(done.stdout.strip())
    assert chosen == {"['Felt']"}
