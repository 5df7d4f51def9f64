"""The real pipeline on the five seed articles (loads the spaCy model once)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOLD, MANIFEST, ROOT
from huawei_timeline.evaluation.events import read_gold_events, score_events
from huawei_timeline.models import Timeline
from huawei_timeline.output.exports import json_schema, to_json

pytestmark = pytest.mark.model

KEY_EVENTS = [
    # gold id, value, mod, articles that must be cited (checked by hand)
    ("entity-list-listing", "2019-05-16", None, {"000", "003"}),
    ("g20-osaka-huawei-directive", "2019-W26-WE", None, {"000", "001", "003", "004"}),
    ("ross-bis-conference-remarks", "2019-07-09", None, {"000", "002", "003", "004"}),
    ("telecom-supply-chain-regulations", "2019-10", "MID", {"000"}),
]


@pytest.mark.parametrize(("gold_id", "value", "mod", "articles"), KEY_EVENTS)
def test_key_event_is_one_correctly_dated_entry(
    seed_timeline: Timeline, gold_id: str, value: str, mod: str | None, articles: set[str]
) -> None:
    gold = read_gold_events(GOLD / "events.json")
    pairs = score_events(seed_timeline, gold).pairs
    event = next(e for e in seed_timeline.events if e.id == pairs[gold_id])
    assert (event.date.value, event.date.mod) == (value, mod)
    assert {m.article_id[:3] for m in event.mentions} >= articles
    gold_starts = {
        (m.article_id, m.start) for g in gold.events if g.id == gold_id for m in g.mentions
    }
    same_event_elsewhere = [
        e.id
        for e in seed_timeline.events
        if e.id != event.id
        and (e.date.value, e.date.mod) == (value, mod)
        and any((m.article_id, m.start) in gold_starts for m in e.mentions)
    ]
    assert same_event_elsewhere == []


def test_planned_rulemaking_is_marked_planned(seed_timeline: Timeline) -> None:
    october = [e for e in seed_timeline.events if e.date.value == "2019-10"]
    assert [e.modality for e in october] == ["planned"]


def test_boilerplate_dates_are_skipped_not_events(seed_timeline: Timeline) -> None:
    gold = json.loads((GOLD / "time_expressions.json").read_text(encoding="utf-8"))
    by_id = {a.id: a for a in seed_timeline.articles}
    for article in gold["articles"]:
        found = by_id[article["id"]]
        for item in article["boilerplate"]:
            span = (item["start"], item["end"])
            assert any(_overlap(span, (s.start, s.end)) for s in found.skipped), item
            assert not any(_overlap(span, (t.start, t.end)) for t in found.time_expressions)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_json_export_reads_back_and_matches_schema(seed_timeline: Timeline) -> None:
    import jsonschema

    text = to_json(seed_timeline)
    assert Timeline.model_validate_json(text) == seed_timeline
    jsonschema.validate(json.loads(text), json_schema())


def test_mention_offsets_point_into_the_original_files(seed_timeline: Timeline) -> None:
    texts = {
        a["id"]: (MANIFEST.parent / a["file"]).read_text(encoding="utf-8")
        for a in json.loads(MANIFEST.read_text(encoding="utf-8"))["articles"]
    }
    for event in seed_timeline.events:
        for m in event.mentions:
            assert texts[m.article_id][m.start : m.end] == m.sentence


def test_cli_export_writes_the_same_json_twice(tmp_path: object) -> None:
    command = [sys.executable, "-m", "huawei_timeline", "export", "--corpus", str(MANIFEST)]
    first = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert first == second
    assert json.loads(first)["events"]


BUNDLE_MANIFESTS = [MANIFEST, *sorted((ROOT / "data" / "bundles").glob("*/manifest.json"))]


@pytest.fixture(scope="module", params=BUNDLE_MANIFESTS, ids=lambda p: p.parent.name)
def bundle_timeline(request: pytest.FixtureRequest) -> Timeline:
    from huawei_timeline import build_timeline

    return build_timeline(request.param)


def test_every_date_expression_dates_an_event_or_is_skipped(bundle_timeline: Timeline) -> None:
    """Both directions, on every bundle: nothing lost, nothing both used and skipped."""
    used = {
        (m.article_id, m.time_expression.start)
        for e in bundle_timeline.events
        for m in e.mentions
        if m.time_expression is not None
    }
    for article in bundle_timeline.articles:
        skipped = {s.start for s in article.skipped}
        dating = {start for article_id, start in used if article_id == article.id}
        starts = {t.start for t in article.time_expressions}
        assert sorted(starts - dating - skipped) == [], f"{article.id}: neither used nor skipped"
        assert sorted(starts & dating & skipped) == [], f"{article.id}: used and skipped"
        assert all(s.reason for s in article.skipped)


def test_a_description_one_outlet_ties_to_a_name_joins_another_outlets_report(
    tmp_path: Path,
) -> None:
    """One outlet names the person beside the description, another prints the
    description alone: one event, with the person, citing both."""
    from huawei_timeline import build_timeline

    texts = {
        "a": "Israel's prime minister, Benjamin Netanyahu, apologised to Turkey on Friday "
        "for the deadly raid on an aid flotilla.\nTurkish officials welcomed the call.\n",
        "b": "Israel's prime minister apologised to Turkey on Friday over the botched "
        "commando operation against the ships.\nThe apology ended a three-year rift.\n",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    rows = [
        {"id": n, "file": f"{n}.txt", "outlet": n.upper(), "headline": n, "published": "2013-03-23"}
        for n in texts
    ]
    (tmp_path / "manifest.json").write_text(json.dumps({"articles": rows}), encoding="utf-8")
    timeline = build_timeline(tmp_path / "manifest.json", cache=False)
    apology = [e for e in timeline.events if {m.predicate for m in e.mentions} == {"apologise"}]
    assert len(apology) == 1
    assert apology[0].sources == 2
    assert apology[0].people == ["Benjamin Netanyahu"]
    assert apology[0].date.value == "2013-03-22"
    actor = next(a for a in timeline.actors if a.name == "Benjamin Netanyahu")
    assert "Israel's prime minister" in actor.aliases


def test_every_summary_is_a_full_sentence_of_the_event(bundle_timeline: Timeline) -> None:
    """No fragment ("China, which fell apart"): each summary is one of the event's
    own sentences, whole (less a wire dateline), and one that reads as a full
    sentence whenever the event has one."""
    from huawei_timeline.keydates.sentences import is_full_sentence, without_dateline

    for event in bundle_timeline.events:
        whole = [m.sentence[without_dateline(m.sentence) :] for m in event.mentions]
        assert event.summary in whole, event.summary
        if any(is_full_sentence(text) for text in whole):
            assert is_full_sentence(event.summary), event.summary
