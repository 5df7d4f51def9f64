"""Shared fixtures: the repository paths and, once per session, the real pipeline run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "manifest.json"
GOLD = ROOT / "data" / "gold"


@pytest.fixture(scope="session")
def seed_timeline():  # type: ignore[no-untyped-def]
    """The timeline of the five seed articles, built once with the real spaCy model."""
    from huawei_timeline import build_timeline

    return build_timeline(MANIFEST)
