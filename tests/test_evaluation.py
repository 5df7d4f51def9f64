"""Thresholds on the evaluation harness (figures: bench/evaluate.py).

Each threshold sits a little below the measured figure, so a regression fails
while small changes from a model update do not; README "Evaluation" has the
measured table.
"""

from __future__ import annotations

import pytest

from conftest import GOLD, ROOT
from huawei_timeline import build_timeline
from huawei_timeline.evaluation.events import (
    read_gold_events,
    read_gold_timexes,
    score_events,
    score_timexes,
)
from huawei_timeline.models import Timeline

pytestmark = pytest.mark.model

BUNDLE = "embassy-bombings-1998"


def test_every_seed_time_expression_is_right(seed_timeline: Timeline) -> None:
    scores = score_timexes(seed_timeline, read_gold_timexes(GOLD / "time_expressions.json"))
    assert scores.errors == []
    assert (scores.strict.f1, scores.value.f1) == (1.0, 1.0)


def test_seed_event_scores_hold(seed_timeline: Timeline) -> None:
    scores = score_events(seed_timeline, read_gold_events(GOLD / "events.json"))
    assert scores.fused == []
    assert scores.key_events_found == scores.key_events == 4
    # Each key event cites every article that reports it (issue 4's criterion).
    assert scores.key_sources_cited == (14, 14)
    assert scores.splits == {}
    assert scores.events.f1 >= 0.85
    assert scores.date_exact >= 0.95
    assert scores.b_cubed.precision >= 0.90
    assert scores.b_cubed.f1 >= 0.85


def test_second_bundle_event_scores_hold() -> None:
    timeline = build_timeline(ROOT / "data" / "bundles" / BUNDLE)
    scores = score_events(timeline, read_gold_events(GOLD / "bundles" / BUNDLE / "events.json"))
    assert scores.fused == []
    assert scores.key_events_found == scores.key_events == 5
    assert scores.key_sources_cited == (12, 12)
    assert scores.events.f1 >= 0.85
    assert scores.date_nested >= 0.95
    # Sentences that report two events (a statement about the bombings) now
    # cite both, which B-cubed over sentences counts partly against precision.
    assert scores.b_cubed.precision >= 0.85
    assert scores.b_cubed.f1 >= 0.70


def test_held_out_bundle_event_scores_hold() -> None:
    """NATO enlargement 1999: gold written blind, first scored at 676c2bc (README)."""
    name = "nato-enlargement-1999"
    timeline = build_timeline(ROOT / "data" / "bundles" / name)
    scores = score_events(timeline, read_gold_events(GOLD / "bundles" / name / "events.json"))
    assert scores.key_events_found == scores.key_events == 4
    # One known fusion: the ministers' undated signing joins Goncz's signing.
    assert len(scores.fused) <= 1
    assert scores.events.f1 >= 0.62
    assert scores.date_nested >= 0.80
    assert scores.b_cubed.precision >= 0.90
    assert scores.b_cubed.f1 >= 0.60
