"""Canonical actors across a bundle."""

from __future__ import annotations

import pytest

from builders import event_mention
from huawei_timeline.merge.actors import ActorIndex
from huawei_timeline.models import NameUse


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


def _use(surface: str, name: str) -> NameUse:
    return NameUse(label="PERSON", surface=surface, name=name)


@pytest.mark.parametrize(
    "subject",
    ["Israel's prime minister", "israel\u2019s Prime Minister", "the Israel prime minister"],
)
def test_a_description_set_beside_a_name_stands_for_that_person(subject: str) -> None:
    named = event_mention("a1", people=["Benjamin Netanyahu"])
    described = event_mention("b1", article_id="b", subject=subject)
    index = ActorIndex([named, described], [_use("Israel's prime minister", "Benjamin Netanyahu")])
    assert index.acting_person(described) == "Benjamin Netanyahu"
    assert index.people_of(described) == ["Benjamin Netanyahu"]


@pytest.mark.parametrize(
    ("uses", "why"),
    [
        ([_use("the minister", "Ahmet Davutoglu")], "one word is no one in particular"),
        ([_use("President Trump", "Donald Trump")], "a surface with the name is the name"),
        (
            [
                _use("the foreign minister", "Ahmet Davutoglu"),
                _use("the foreign minister", "Avigdor Lieberman"),
            ],
            "a description tied to two people names neither",
        ),
    ],
)
def test_descriptions_that_name_no_one_in_particular_stay_unresolved(
    uses: list[NameUse], why: str
) -> None:
    subjects = {"the minister", "President Trump", "the foreign minister"}
    mentions = [event_mention(f"m{k}", subject=s) for k, s in enumerate(sorted(subjects))]
    index = ActorIndex(mentions, uses)
    assert [index.acting_person(m) for m in mentions] == [None, None, None], why
