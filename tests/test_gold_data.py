"""Integrity checks for the hand-written gold files in ``data/gold`` (fast, no spaCy)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest

from huawei_timeline.models import Granularity, Modality, TimexMod, TimexType

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "gold"
SEEDS = ROOT / "seeds"

ARTICLE_IDS = [
    "000_0cc6375335bd3b4b",
    "001_6af7e27a60b1b47b",
    "002_d6e10a7ef917b09b",
    "003_6e0a43555b145349",
    "004_8b62a8369e41a637",
]
# The gold speaks the models' vocabulary: the same literals, taken from them.
TIMEX_TYPES = set(get_args(TimexType))
MODS = {None, *get_args(TimexMod)}
GRANULARITIES = set(get_args(Granularity))
MODALITIES = set(get_args(Modality))
ROLES = {"main", "background"}
DATE_VALUE = re.compile(
    r"^(PAST_REF|PRESENT_REF|FUTURE_REF|\d{4}(-\d\d(-\d\d)?|-W\d\d(-WE)?|-Q[1-4])?)$"
)
DURATION_VALUE = re.compile(r"^P(\d+|X)[YMWDX]$")  # PXX = vague, unknown unit
KEY_EVENTS = {
    # id: (value, type, mod, granularity, modality)
    "entity-list-listing": ("2019-05-16", "DATE", None, "day", "asserted"),
    "g20-osaka-huawei-directive": ("2019-W26-WE", "DATE", None, "weekend", "asserted"),
    "ross-bis-conference-remarks": ("2019-07-09", "DATE", None, "day", "asserted"),
    "telecom-supply-chain-regulations": ("2019-10", "DATE", "MID", "month", "planned"),
}


@cache
def seed_text(article_id: str) -> str:
    return (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")


@cache
def load(name: str) -> Any:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def timex_articles() -> list[dict[str, Any]]:
    return list(load("time_expressions.json")["articles"])


def events() -> list[dict[str, Any]]:
    return list(load("events.json")["events"])


def all_mentions() -> list[tuple[str, dict[str, Any]]]:
    return [(event["id"], m) for event in events() for m in event["mentions"]]


def check_span(article_id: str, item: dict[str, Any]) -> None:
    text = seed_text(article_id)
    start, end = item["start"], item["end"]
    assert 0 <= start < end <= len(text), (article_id, item)
    assert text[start:end] == item["text"], (article_id, item["text"], text[start:end])


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


# ---------------------------------------------------------------------- time expressions


def test_timex_file_covers_the_five_articles() -> None:
    assert [a["id"] for a in timex_articles()] == ARTICLE_IDS


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_timex_offsets_slice_to_their_text(article_id: str) -> None:
    (article,) = [a for a in timex_articles() if a["id"] == article_id]
    for key in ("expressions", "boilerplate", "not_annotated"):
        for item in article.get(key, []):
            check_span(article_id, item)


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_timex_fields_are_valid(article_id: str) -> None:
    (article,) = [a for a in timex_articles() if a["id"] == article_id]
    spans = [(e["start"], e["end"]) for e in article["expressions"]]
    assert spans == sorted(spans), "expressions must be in text order"
    assert len(set(spans)) == len(spans)
    for e in article["expressions"]:
        assert e["type"] in TIMEX_TYPES, e
        assert e["mod"] in MODS, e
        assert e["granularity"] in GRANULARITIES, e
        if e["type"] == "DURATION":
            assert DURATION_VALUE.match(e["value"]), e
            assert e["granularity"] == "duration"
        elif e["type"] == "DATE":
            assert DATE_VALUE.match(e["value"]), e
        assert e["text"] == e["text"].strip()
    for b in article["boilerplate"]:
        assert b["why"], b
        assert not any(overlaps(b, e) for e in article["expressions"]), b


def test_instructed_timex_values() -> None:
    by_article = {a["id"]: a["expressions"] for a in timex_articles()}

    def values(article_id: str, text: str) -> set[tuple[str, str, str | None]]:
        return {
            (e["type"], e["value"], e["mod"]) for e in by_article[article_id] if e["text"] == text
        }

    a000, a001, a004 = ARTICLE_IDS[0], ARTICLE_IDS[1], ARTICLE_IDS[4]
    assert values(a000, "Tuesday") == {("DATE", "2019-07-09", None)}
    assert values(a000, "mid-October") == {("DATE", "2019-10", "MID")}
    assert values(a000, "late May") == {("DATE", "2019-05", "END")}
    assert values(a000, "two weeks ago") == {("DATE", "2019-W26", None)}
    assert values(a000, "the past year") == {("DURATION", "P1Y", None)}
    assert values(a000, "2015") == {("DATE", "2015", None)}
    assert values(a000, "2017") == {("DATE", "2017", None)}
    assert values(a001, "the weekend") == {("DATE", "2019-W26-WE", None)}
    assert values(a001, "90-day") == {("DURATION", "P90D", None)}
    assert values(a004, "last month") == {("DATE", "2019-06", None)}
    assert values(a004, "last August") == {("DATE", "2018-08", None)}


def test_furniture_dates_are_boilerplate_not_expressions() -> None:
    by_article = {a["id"]: a for a in timex_articles()}
    boiler = {(aid, b["text"]) for aid, a in by_article.items() for b in a["boilerplate"]}
    assert ("002_d6e10a7ef917b09b", "Thursday 11 July 2019 10:37") in boiler
    assert ("004_8b62a8369e41a637", "the week ahead") in boiler
    assert ("004_8b62a8369e41a637", "Sundays") in boiler
    assert ("000_0cc6375335bd3b4b", "more than a century") in boiler
    dateline = [
        b for b in by_article["002_d6e10a7ef917b09b"]["boilerplate"] if b["why"] == "dateline"
    ]
    assert len(dateline) == 1


# -------------------------------------------------------------------------------- events


def test_guidelines_present() -> None:
    assert len(load("events.json")["guidelines"]) > 200


def test_event_ids_unique() -> None:
    ids = [e["id"] for e in events()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_key_events_present_with_expected_dates() -> None:
    by_id = {e["id"]: e for e in events()}
    assert {e["id"] for e in events() if e["key"]} == set(KEY_EVENTS)
    for event_id, (value, typ, mod, granularity, modality) in KEY_EVENTS.items():
        event = by_id[event_id]
        assert event["date"] == {
            "value": value,
            "type": typ,
            "mod": mod,
            "granularity": granularity,
        }
        assert event["modality"] == modality
        assert any(m["dated"] for m in event["mentions"]), event_id


def test_event_fields_are_valid() -> None:
    for event in events():
        assert event["description"] and event["actors"], event["id"]
        assert event["modality"] in MODALITIES
        date = event["date"]
        assert date["type"] in TIMEX_TYPES and date["mod"] in MODS
        assert date["granularity"] in GRANULARITIES
        assert DATE_VALUE.match(date["value"]), event["id"]
        assert event["mentions"], event["id"]
        assert any(m["dated"] for m in event["mentions"]), f"{event['id']} is never dated"
        for conflict in event["conflicts"]:
            assert conflict["article_id"] in ARTICLE_IDS and conflict["note"]
            assert conflict["text"] in seed_text(conflict["article_id"])


def test_mention_offsets_slice_to_whole_sentences() -> None:
    for event_id, m in all_mentions():
        assert m["article_id"] in ARTICLE_IDS, event_id
        check_span(m["article_id"], m)
        assert "\n" not in m["text"]
        assert m["text"] == m["text"].strip(" \xa0"), (event_id, m["text"])
        assert m["role"] in ROLES


def test_mentions_not_duplicated_within_an_event() -> None:
    for event in events():
        spans = [(m["article_id"], m["start"]) for m in event["mentions"]]
        assert len(spans) == len(set(spans)), event["id"]


def test_dated_mentions_point_at_gold_time_expressions() -> None:
    gold = {(a["id"], e["start"], e["end"]): e for a in timex_articles() for e in a["expressions"]}
    for event_id, m in all_mentions():
        timex = m["timex"]
        assert m["dated"] == (timex is not None), (event_id, m["text"])
        if timex is None:
            continue
        key = (m["article_id"], timex["start"], timex["end"])
        assert key in gold, (event_id, timex)
        assert gold[key]["text"] == timex["text"]
        assert m["start"] <= timex["start"] and timex["end"] <= m["end"]


def test_mentions_avoid_page_furniture() -> None:
    boiler = [(a["id"], b) for a in timex_articles() for b in a["boilerplate"]]
    furniture = ("Photo:", "READ ALSO", "Copyright", "originally appeared", "delivered Sundays")
    for event_id, m in all_mentions():
        assert not any(word in m["text"] for word in furniture), (event_id, m["text"])
        assert not any(aid == m["article_id"] and overlaps(b, m) for aid, b in boiler)


def test_shared_sentences_are_explained() -> None:
    """A sentence may serve several events only if each mention's note names the others."""
    owners: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for event_id, m in all_mentions():
        owners[(m["article_id"], m["start"], m["end"])].add(event_id)
    shared = {span: ids for span, ids in owners.items() if len(ids) > 1}
    for event_id, m in all_mentions():
        ids = shared.get((m["article_id"], m["start"], m["end"]))
        if ids is None:
            continue
        note = m["note"] or ""
        for other in ids - {event_id}:
            assert other in note, (event_id, other, m["text"][:60])


def test_instructed_shared_sentence() -> None:
    """000's 'Ross ... also confirmed on Tuesday ... mid-October' reports two events."""
    owners = {
        event_id
        for event_id, m in all_mentions()
        if m["article_id"] == ARTICLE_IDS[0] and "also confirmed on Tuesday" in m["text"]
    }
    assert owners == {"ross-bis-conference-remarks", "telecom-supply-chain-regulations"}


def test_instructed_undated_mentions_are_included() -> None:
    texts = defaultdict(list)
    for event_id, m in all_mentions():
        texts[event_id].append(m["text"])
    assert any(
        t.startswith("US commerce secretary Wilbur Ross confirmed to an export controls")
        for t in texts["ross-bis-conference-remarks"]
    )
    assert any(
        t.startswith("Earlier this year President Donald Trump placed Huawei")
        for t in texts["entity-list-listing"]
    )
