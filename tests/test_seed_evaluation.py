"""Thresholds on the seed evaluation harness (figures: bench/evaluate_seeds.py).

The thresholds sit a little below the measured figures so that a regression
fails while noise from a model update does not; see README "Evaluation".
"""

from __future__ import annotations

import pytest

from conftest import GOLD
from huawei_timeline.evaluation import (
    read_gold_events,
    read_gold_timexes,
    score_events,
    score_timexes,
)
from huawei_timeline.models import Timeline

pytestmark = pytest.mark.model


def test_every_seed_time_expression_is_right(seed_timeline: Timeline) -> None:
    scores = score_timexes(seed_timeline, read_gold_timexes(GOLD / "time_expressions.json"))
    assert scores.errors == []
    assert (scores.strict.f1, scores.value.f1) == (1.0, 1.0)


def test_event_scores_hold(seed_timeline: Timeline) -> None:
    scores = score_events(seed_timeline, read_gold_events(GOLD / "events.json"))
    assert scores.fused == []
    assert scores.key_events_found == scores.key_events == 4
    assert scores.events.f1 >= 0.80
    assert scores.date_exact >= 0.90
    assert scores.b_cubed.precision >= 0.85
    assert scores.b_cubed.f1 >= 0.70
