"""Canonical actors across a bundle."""

from __future__ import annotations

import pytest

from builders import event_mention
from huawei_timeline.merge.actors import ActorIndex


def _index(people: list[str], orgs: list[str]) -> ActorIndex:
    mention = event_mention("a1", people=people).model_copy(update={"organizations": orgs})
    return ActorIndex([mention])


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("Ross", "Wilbur Ross"), ("Wilbur Ross", "Wilbur Ross"), ("Wilbur", "Wilbur")],
)
def test_person_short_forms_need_the_surname(name: str, canonical: str) -> None:
    index = _index(["Wilbur Ross", "Ross", "Wilbur"], [])
    assert index.person(name) == canonical


def test_organisation_short_form_joins_the_most_named_long_form() -> None:
    orgs = ["Commerce Department", "Commerce Department", "Ministry of Commerce", "Commerce"]
    assert _index([], orgs).organization("Commerce") == "Commerce Department"
