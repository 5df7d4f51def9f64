"""Integrity checks for the hand-checked extra bundles (fast, no spaCy).

Each gold file ``data/gold/bundles/<slug>/events.json`` belongs to the bundle
``data/bundles/<slug>/`` (a ``manifest.json`` plus article files). The checks:
every manifest file exists, ids are unique, and every mention's offsets slice
to its text in the bundle's article file.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = ROOT / "data" / "bundles"
GOLD_BUNDLES = ROOT / "data" / "gold" / "bundles"

SLUGS = sorted(p.parent.name for p in GOLD_BUNDLES.glob("*/events.json"))
MODALITIES = {"asserted", "planned", "negated", "hypothetical"}
ROLES = {"main", "background"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
EVENT_VALUE = re.compile(
    r"^(PAST_REF|PRESENT_REF|FUTURE_REF"
    r"|\d{4}(-\d\d(-\d\d(T(\d\d:\d\d|MO|MI|AF|EV|NI|DT))?)?|-W\d\d(-WE)?|-Q[1-4])?)$"
)


@cache
def gold(slug: str) -> Any:
    return json.loads((GOLD_BUNDLES / slug / "events.json").read_text(encoding="utf-8"))


@cache
def manifest(slug: str) -> list[dict[str, Any]]:
    data = json.loads((BUNDLES / slug / "manifest.json").read_text(encoding="utf-8"))
    return list(data["articles"])


@cache
def article_text(slug: str, article_id: str) -> str:
    (meta,) = [a for a in manifest(slug) if a["id"] == article_id]
    file: str = meta["file"]
    return (BUNDLES / slug / file).read_text(encoding="utf-8")


def mentions(slug: str) -> list[tuple[str, dict[str, Any]]]:
    return [(e["id"], m) for e in gold(slug)["events"] for m in e["mentions"]]


def test_there_is_at_least_one_bundle() -> None:
    assert SLUGS, "no gold bundle under data/gold/bundles/"


@pytest.mark.parametrize("slug", SLUGS)
def test_manifest_files_exist_and_ids_are_unique(slug: str) -> None:
    articles = manifest(slug)
    assert articles, slug
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids)), slug
    for meta in articles:
        path = BUNDLES / slug / meta["file"]
        assert path.is_file(), path
        assert path.read_text(encoding="utf-8").strip(), path
        assert meta["outlet"] and meta["published"], meta["id"]
    assert (BUNDLES / slug / "SOURCE.md").is_file()


@pytest.mark.parametrize("slug", SLUGS)
def test_event_ids_unique_and_fields_valid(slug: str) -> None:
    events = gold(slug)["events"]
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)), slug
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), ids
    assert 3 <= sum(bool(e["key"]) for e in events) <= 5
    assert len(gold(slug)["guidelines"]) > 200
    for event in events:
        assert event["description"] and event["actors"], event["id"]
        assert event["modality"] in MODALITIES, event["id"]
        assert event["date"]["type"] in TIMEX_TYPES, event["id"]
        assert EVENT_VALUE.match(event["date"]["value"]), event["id"]
        assert event["mentions"], event["id"]
        assert any(m["dated"] for m in event["mentions"]), f"{event['id']} is never dated"


@pytest.mark.parametrize("slug", SLUGS)
def test_mention_offsets_slice_to_their_text(slug: str) -> None:
    known = {a["id"] for a in manifest(slug)}
    for event_id, m in mentions(slug):
        assert m["article_id"] in known, (event_id, m["article_id"])
        text = article_text(slug, m["article_id"])
        start, end = m["start"], m["end"]
        assert 0 <= start < end <= len(text), (event_id, m)
        assert text[start:end] == m["text"], (event_id, m["text"], text[start:end])
        assert "\n" not in m["text"] and m["text"] == m["text"].strip()
        assert m["role"] in ROLES, (event_id, m["role"])
        timex = m["timex"]
        assert m["dated"] == (timex is not None), (event_id, m["text"])
        if timex is not None:
            assert start <= timex["start"] < timex["end"] <= end, (event_id, timex)
            assert text[timex["start"] : timex["end"]] == timex["text"], (event_id, timex)


@pytest.mark.parametrize("slug", SLUGS)
def test_mentions_unique_within_event_and_shared_ones_explained(slug: str) -> None:
    owners: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for event in gold(slug)["events"]:
        spans = [(m["article_id"], m["start"], m["end"]) for m in event["mentions"]]
        assert len(spans) == len(set(spans)), event["id"]
        for span in spans:
            owners[span].add(event["id"])
    for event_id, m in mentions(slug):
        others = owners[(m["article_id"], m["start"], m["end"])] - {event_id}
        for other in others:
            assert other in (m["note"] or ""), (event_id, other, m["text"][:60])


@pytest.mark.parametrize("slug", SLUGS)
def test_conflicts_quote_their_article(slug: str) -> None:
    for event in gold(slug)["events"]:
        for conflict in event["conflicts"]:
            assert conflict["note"], event["id"]
            assert conflict["text"] in article_text(slug, conflict["article_id"]), event["id"]
