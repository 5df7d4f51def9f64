"""Shared fixtures: the repository paths and, once per session, the real pipeline run."""

from __future__ import annotations

import calendar
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "manifest.json"
GOLD = ROOT / "data" / "gold"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the extraction cache (also of CLI subprocesses) at a folder of this session."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUAWEI_TIMELINE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def seed_timeline():  # type: ignore[no-untyped-def]
    """The timeline of the five seed articles, built once with the real spaCy model."""
    from huawei_timeline import build_timeline

    return build_timeline(MANIFEST)


# ------------------------------------------------------------------- golden files

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str, *, exact: bool = False) -> None:
    """Compare ``text`` with ``tests/golden/NAME``; ``UPDATE_GOLDEN=1`` rewrites the file.

    Terminal renderings are compared without trailing blanks (rich pads table cells to
    the column width); exports (``exact=True``) byte for byte, line ends included.
    """
    if not exact:
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"{path} is missing; run the tests with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_bytes().decode("utf-8")


# ----------------------------------------------------------------------- TimelineJS


def check_timelinejs(document: dict[str, Any]) -> None:
    """The field rules of Knight Lab's TimelineJS JSON format that we rely on."""
    assert set(document) <= {"title", "events", "eras", "scale"}
    assert isinstance(document["events"], list)
    ids = [slide["unique_id"] for slide in document["events"]]
    assert len(ids) == len(set(ids)), "unique_id must be unique"
    for slide in document["events"]:
        allowed = {"start_date", "end_date", "text", "media", "group", "display_date"}
        assert set(slide) <= allowed | {"background", "autolink", "unique_id"}
        start = _check_date(slide["start_date"])
        if "end_date" in slide:
            assert _check_date(slide["end_date"]) >= start, "end_date before start_date"
            # Same precision at both ends, or TimelineJS shows them differently.
            assert set(slide["end_date"]) == set(slide["start_date"])
        assert set(slide["text"]) <= {"headline", "text"} and slide["text"]["headline"]
        assert all(isinstance(slide[key], str) for key in ("group", "display_date", "unique_id"))


def _check_date(value: dict[str, Any]) -> tuple[int, ...]:
    assert set(value) <= {"year", "month", "day", "hour", "minute", "second", "display_date"}
    assert all(isinstance(value[k], int) for k in value if k != "display_date")
    assert "year" in value, "year is required"
    # A finer field needs every coarser one: no day without a month.
    order = ["year", "month", "day", "hour", "minute", "second"]
    present = [k in value for k in order]
    assert present == sorted(present, reverse=True), f"gap in {value}"
    if "month" in value:
        assert 1 <= value["month"] <= 12
    if "day" in value:
        assert 1 <= value["day"] <= calendar.monthrange(value["year"], value["month"])[1]
    return tuple(value.get(k, 0) for k in order)


# ------------------------------------------------------------------------ browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _install_chromium() -> str:
    """Install Debian's chromium; return why that was impossible, or "" on success."""
    if shutil.which("apt-get") is None:
        return "there is no apt-get here; install Chromium with the system's package manager"
    if os.geteuid() != 0:
        return "installing needs root; run: apt-get update && apt-get install -y chromium"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=900, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{' '.join(command)} failed: {exc}"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return f"{' '.join(command)} failed: {last}"
    return ""


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's Chromium, installed with apt-get on first use when missing.

    Skips (with the reason) only where it cannot be installed: no apt-get, not root, or
    the package archive unreachable.
    """
    found = _find_chromium()
    if found is None:
        reason = _install_chromium()
        found = _find_chromium()
        if found is None:
            pytest.skip(f"Chromium is not installed and could not be: {reason or 'not found'}")
    return found


@pytest.fixture(scope="session")
def browser(chromium: str):  # type: ignore[no-untyped-def]
    """A headless Chromium driven by playwright (the system browser; nothing downloaded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``huawei-timeline ARGS`` in a subprocess from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "huawei_timeline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
