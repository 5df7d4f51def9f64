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


@pytest.mark.parametrize(
    ("people", "name", "canonical"),
    [
        (["James Charles Kopp", "James C. Kopp"], "James C. Kopp", "James Charles Kopp"),
        (["James Charles Kopp", "James C. Kopp", "Kopp"], "Kopp", "James Charles Kopp"),
        (["John Smith", "J. Smith"], "J. Smith", "John Smith"),
        (["Frank C. Clark", "Frank Clark"], "Frank Clark", "Frank C. Clark"),
        (["John A. Smith", "John B. Smith"], "John B. Smith", "John B. Smith"),
        (["George H.W. Bush", "George W. Bush"], "George W. Bush", "George W. Bush"),
        (["Charles Kopp", "C. Smith"], "C. Smith", "C. Smith"),
        # an Arabic article joined to the surname
        (["Bashar al-Assad", "Assad"], "Assad", "Bashar al-Assad"),
        (["Nabil el-Araby", "Araby"], "Araby", "Nabil el-Araby"),
    ],
)
def test_a_middle_initial_stands_for_the_middle_name(
    people: list[str], name: str, canonical: str
) -> None:
    assert _index(people, []).person(name) == canonical


@pytest.mark.parametrize(
    ("orgs", "name", "canonical"),
    [
        (["FBI Laboratory", "FBI"], "FBI", "FBI"),
        (["UN Security Council", "UN"], "UN", "UN"),
        # Named in one clause: "the Federal Bureau of Investigation, or FBI, said".
        (["Federal Bureau of Investigation", "FBI"], "FBI", "Federal Bureau of Investigation"),
        (["ENTIRE UNIVERSE", "EU"], "EU", "EU"),
        (["BP Plc", "BP"], "BP", "BP Plc"),
        (["Huawei Technologies", "Huawei"], "Huawei", "Huawei Technologies"),
    ],
)
def test_an_acronym_is_a_whole_name(orgs: list[str], name: str, canonical: str) -> None:
    assert _index([], orgs).organization(name) == canonical


@pytest.mark.parametrize("spelled_out", [True, False])
def test_an_acronym_joins_the_name_an_article_spells_it_out_as(spelled_out: bool) -> None:
    long_form = event_mention("a1").model_copy(update={"organizations": ["American Bird Council"]})
    short = event_mention("b1", article_id="b").model_copy(update={"organizations": ["ABC"]})
    uses = [NameUse(label="ORG", surface="ABC", name="American Bird Council")] * spelled_out
    index = ActorIndex([long_form, short], uses)
    assert index.organization("ABC") == ("American Bird Council" if spelled_out else "ABC")


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


@pytest.mark.parametrize(("as_place", "people"), [(2, []), (0, ["Madhav Kumar Nepal"])])
def test_a_word_the_bundle_names_as_a_place_more_often_is_no_person(
    as_place: int, people: list[str]
) -> None:
    # "Nepal" labelled a person once by the recogniser, a place elsewhere in the
    # bundle: it is not short for the politician Madhav Kumar Nepal.
    full = event_mention("a1", people=["Madhav Kumar Nepal"])
    mislabelled = event_mention("b1", article_id="b", people=["Nepal"], subject="Nepal")
    as_country = [event_mention(f"c{k}", article_id="c", places=["Nepal"]) for k in range(as_place)]
    index = ActorIndex([full, mislabelled, *as_country])
    assert index.people_of(mislabelled) == people
    assert (index.acting_person(mislabelled) is None) == (as_place > 0)


@pytest.mark.parametrize(("as_place", "organization"), [(3, None), (1, "Kinshasa")])
def test_a_word_the_bundle_names_as_a_place_more_often_is_no_organisation(
    as_place: int, organization: str | None
) -> None:
    # "Kinshasa" tagged ORG in two sentences and a place in more: the capital, not
    # an organisation of the bundle; tagged ORG more often than a place, it stays.
    mislabelled = [event_mention(f"b{k}", organizations=["Kinshasa"]) for k in range(2)]
    as_city = [event_mention(f"c{k}", article_id="c", places=["Kinshasa"]) for k in range(as_place)]
    index = ActorIndex([*mislabelled, *as_city])
    assert index.organization("Kinshasa") == organization


@pytest.mark.parametrize(
    ("people", "name", "canonical"),
    [
        (["George W. Bush", "George W. Bush", "George W Bush"], "George W Bush", "George W. Bush"),
        (
            ["Nuri al-Maliki", "Nuri al-Maliki", "Nuri al Maliki"],
            "Nuri al Maliki",
            "Nuri al-Maliki",
        ),
    ],
)
def test_the_same_words_spelled_another_way_are_one_name(
    people: list[str], name: str, canonical: str
) -> None:
    assert _index(people, []).person(name) == canonical


@pytest.mark.parametrize(
    ("others", "uses", "canonical"),
    [
        # an article printed "Saddam" for the "Saddam Hussein" it named in full
        ([], [_use("Saddam", "Saddam Hussein")], "Saddam Hussein"),
        ([], [_use("President Saddam", "Saddam Hussein")], "Saddam Hussein"),
        # never by the first name alone
        ([], [], "Saddam"),
        # nor when another person of the bundle bears it
        (["Saddam Haftar"], [_use("Saddam", "Saddam Hussein")], "Saddam"),
    ],
)
def test_a_first_name_alone_is_the_person_an_article_printed_it_for(
    others: list[str], uses: list[NameUse], canonical: str
) -> None:
    full = event_mention("a1", people=["Saddam Hussein", *others])
    alone = event_mention("b1", article_id="b", people=["Saddam"], subject="Saddam")
    index = ActorIndex([full, alone], uses)
    assert index.person("Saddam") == canonical
    assert index.people_of(alone) == [canonical]
