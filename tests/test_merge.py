"""Merging hand-built mentions: date compatibility, actors, agreed dates, conflicts."""

from __future__ import annotations

from datetime import date

import pytest

from builders import event_mention
from huawei_timeline.merge.cluster import merge_mentions, merge_with_actors
from huawei_timeline.merge.evidence import merge_interval
from huawei_timeline.merge.score import HAND_SET, MergeWeights
from huawei_timeline.models import ArticleMeta, EventMention
from huawei_timeline.output.dates import dated_by_publication, display_event_date

ARTICLES = [
    ArticleMeta(id=a, file=f"{a}.txt", outlet=f"Outlet {a}", published=date(2019, 7, 10))
    for a in ("a", "b", "c")
]


def _groups(mentions: list[EventMention]) -> list[list[str]]:
    return sorted(sorted(m.id for m in e.mentions) for e in merge_mentions(mentions, ARTICLES))


def test_same_speaker_same_day_in_two_articles_is_one_event() -> None:
    ross = {
        "kind": "speech",
        "predicate": "say",
        "subject": "Wilbur Ross",
        "people": ["Wilbur Ross"],
    }
    mentions = [
        event_mention("a1", article_id="a", value="2019-07-09", keywords=["licence"], **ross),
        event_mention("b1", article_id="b", value="2019-07-09", keywords=["export"], **ross),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert (event.sources, event.outlets) == (2, ["Outlet a", "Outlet b"])


def test_two_different_doings_of_one_actor_in_one_article_stay_apart() -> None:
    yeltsin = {"subject": "Boris Yeltsin", "people": ["Boris Yeltsin"], "value": "1997-04-14"}
    sacked = event_mention("a1", predicate="sack", keywords=["transport", "minister"], **yeltsin)
    accepted = event_mention(
        "a2", sentence_index=5, predicate="accept", keywords=["resignation", "tax"], **yeltsin
    )
    assert _groups([sacked, accepted]) == [["a1"], ["a2"]]
    # ... but not when the two share a word, nor in two articles, nor two statements
    shared = accepted.model_copy(update={"keywords": ["resignation", "minister"]})
    elsewhere = accepted.model_copy(update={"article_id": "b", "id": "b1"})
    added = event_mention("a3", sentence_index=5, kind="speech", predicate="add", **yeltsin)
    said = event_mention("a4", kind="speech", predicate="say", **yeltsin)
    assert _groups([sacked, shared]) == [["a1", "a2"]]
    assert _groups([sacked, elsewhere]) == [["a1", "b1"]]
    assert _groups([said, added]) == [["a3", "a4"]]


def test_each_join_is_explained_by_what_its_score_is_made_of() -> None:
    ross = {
        "kind": "speech",
        "predicate": "say",
        "subject": "Wilbur Ross",
        "people": ["Wilbur Ross"],
    }
    mentions = [
        event_mention("a1", article_id="a", value="2019-07-09", keywords=["licence"], **ross),
        event_mention("b1", article_id="b", value="2019-07-09", keywords=["export"], **ross),
        event_mention("c1", article_id="c", value="2019-05-16", keywords=["weather"]),
    ]
    joined, single = sorted(merge_mentions(mentions, ARTICLES), key=lambda e: -len(e.mentions))
    (link,) = joined.explain
    assert (link.mention, link.joined) == ("b1", "a1")
    assert link.evidence == {
        "keyword overlap": 0.0,
        "same actor": 0.2,
        "same actor, close dates": 0.25,
        "same predicate": 0.15,
    }
    assert link.score == pytest.approx(0.6)
    assert single.explain == []


def _ross_twice() -> list[EventMention]:
    ross = {
        "kind": "speech",
        "predicate": "say",
        "subject": "Wilbur Ross",
        "people": ["Wilbur Ross"],
    }
    return [
        event_mention("a1", article_id="a", value="2019-07-09", keywords=["licence"], **ross),
        event_mention("b1", article_id="b", value="2019-07-09", keywords=["export"], **ross),
    ]


def test_the_weights_decide_what_a_join_needs() -> None:
    """Without the actor's weight, the same speaker on the same day is no longer
    enough; a bias enough to reach the threshold joins them again, and says so."""
    no_actor = {**HAND_SET.evidence, "same actor": 0.0, "same actor, close dates": 0.0}

    def events(weights: MergeWeights) -> list[list[str]]:
        merged, _ = merge_with_actors(_ross_twice(), ARTICLES, weights=weights)
        return sorted(sorted(m.id for m in e.mentions) for e in merged)

    assert events(HAND_SET) == [["a1", "b1"]]
    assert events(MergeWeights(evidence=no_actor)) == [["a1"], ["b1"]]
    biased = MergeWeights(evidence=no_actor, bias=0.3)
    assert events(biased) == [["a1", "b1"]]
    ((event,), _) = merge_with_actors(_ross_twice(), ARTICLES, weights=biased)
    (link,) = event.explain
    assert link.evidence["bias"] == 0.3
    assert link.score == pytest.approx(0.3 + 0.15)


def test_the_weights_decide_when_an_undated_mention_joins() -> None:
    kudlow = {"kind": "speech", "predicate": "say", "subject": "Kudlow", "people": ["Kudlow"]}
    mentions = [
        event_mention("a1", value="2019-07-09", keywords=["door", "relax", "cnbc"], **kudlow),
        event_mention("b1", article_id="b", keywords=["door", "relax", "cnbc"], **kudlow),
    ]

    def joined(weights: MergeWeights) -> bool:
        merged, _ = merge_with_actors(mentions, ARTICLES, weights=weights)
        return len(merged) == 1 and len(merged[0].mentions) == 2

    assert joined(HAND_SET)
    evidence, bias = HAND_SET.evidence, HAND_SET.bias
    assert not joined(MergeWeights(evidence, bias, attach_threshold=5.0))
    assert joined(MergeWeights(evidence, bias, attach_bias=4.5, attach_threshold=5.0))


def test_different_speakers_on_the_same_day_stay_apart() -> None:
    words = ["door", "relax", "licensing"]
    mentions = [
        event_mention(
            "a1",
            kind="speech",
            predicate="say",
            subject="Ross",
            people=["Ross"],
            value="2019-07-09",
            keywords=words,
        ),
        event_mention(
            "b1",
            article_id="b",
            kind="speech",
            predicate="say",
            subject="Kudlow",
            people=["Kudlow"],
            value="2019-07-09",
            keywords=words,
        ),
    ]
    assert _groups(mentions) == [["a1"], ["b1"]]


def test_identical_words_on_incompatible_dates_never_merge() -> None:
    words = ["summit", "directive", "g20"]
    mentions = [
        event_mention("a1", value="2019-06", keywords=words, predicate="meet"),
        event_mention("b1", article_id="b", value="2019-08", keywords=words, predicate="meet"),
    ]
    assert _groups(mentions) == [["a1"], ["b1"]]


def test_merged_date_is_the_finest_value_all_mentions_agree_with() -> None:
    listing = {"predicate": "place", "obj": "Huawei", "keywords": ["entity", "list"]}
    mentions = [
        event_mention("a1", value="2019-05", **listing),
        event_mention("b1", article_id="b", value="2019-05-16", **listing),
        event_mention("c1", article_id="c", value="2019", **listing),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert (event.date.value, event.date.granularity, event.date_conflicts) == (
        "2019-05-16",
        "day",
        [],
    )


def test_a_source_outside_the_agreed_date_is_kept_as_a_conflict() -> None:
    listing = {"predicate": "place", "obj": "Huawei", "keywords": ["entity", "list"]}
    mentions = [
        event_mention("a1", value="2019-05-16", **listing),
        event_mention("b1", article_id="b", value="2019-05-16", **listing),
        event_mention("c1", article_id="c", value="2019", mod="START", **listing),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert [(c.article_id, c.value, c.mod) for c in event.date_conflicts] == [
        ("c", "2019", "START")
    ]


@pytest.mark.parametrize(
    ("keywords", "joins"),
    [(["door", "relax", "cnbc"], True), (["amnesty", "bloomberg", "interview"], False)],
)
def test_undated_mention_joins_only_an_event_it_clearly_reports(
    keywords: list[str], joins: bool
) -> None:
    kudlow = {"kind": "speech", "predicate": "say", "subject": "Kudlow", "people": ["Kudlow"]}
    mentions = [
        event_mention(
            "a1", value="2019-07-09", keywords=["door", "relax", "cnbc", "event"], **kudlow
        ),
        event_mention("b1", article_id="b", keywords=keywords, **kudlow),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert ("b1" in [m.id for m in event.mentions]) is joins


def _attaches(dated: EventMention, undated: EventMention, filler: list[str]) -> bool:
    """Whether ``undated`` joins the event of ``dated``, in a bundle where three more
    dated mentions (other days) use the ``filler`` keywords, which sets their rarity."""
    others = [
        event_mention(
            f"c{n}", article_id="c", predicate="report", value=f"2011-0{n}-01", keywords=filler
        )
        for n in (3, 5, 7)
    ]
    events = merge_mentions([dated, undated, *others], ARTICLES)
    (event,) = [e for e in events if dated.id in [m.id for m in e.mentions]]
    return undated.id in [m.id for m in event.mentions]


@pytest.mark.parametrize(
    ("keywords", "joins"), [(["attention", "iran"], False), (["attention", "capture"], True)]
)
def test_one_shared_word_alone_is_no_reason_to_join(keywords: list[str], joins: bool) -> None:
    """ "His disappearance on January 28 captured international attention" is not what
    "As the world turns its attention to Iran" reports: one word rarer than the rest is
    shared, so the keyword cosine is high, and nothing else speaks for the pair."""
    dated = event_mention(
        "a1", predicate="capture", value="2011-01-28", keywords=["attention", "capture"]
    )
    undated = event_mention("b1", article_id="b", predicate="turn", keywords=keywords)
    assert _attaches(dated, undated, ["capture", "iran"]) is joins


@pytest.mark.parametrize(
    ("keywords", "joins"),
    [(["train", "united", "states"], False), (["immigrate", "united", "states"], True)],
)
def test_the_words_of_one_shared_name_are_one_term(keywords: list[str], joins: bool) -> None:
    """ "He was trained in the United States" is not what "Her parents immigrated to the
    United States more than 30 years ago" reports: the two share one name, whose two
    words make the keyword cosine high, and nothing else."""
    us = ["United States"]
    words = ["immigrate", "united", "states", "name"]
    dated = event_mention("a1", predicate="immigrate", value="1981", keywords=words, places=us)
    undated = event_mention("b1", article_id="b", predicate="train", keywords=keywords, places=us)
    assert _attaches(dated, undated, ["immigrate", "train", "name"]) is joins


@pytest.mark.parametrize(("predicate", "joins"), [("have", False), ("celebrate", True)])
def test_a_shared_stative_verb_is_no_shared_predicate(predicate: str, joins: bool) -> None:
    """ "Wael Ghonim has a point" does not report that "Christmas has its plus points":
    "have" names no happening, so sharing it says nothing; sharing "celebrate" does."""
    words = ["point", "plus", "family"]
    dated = event_mention("a1", predicate=predicate, value="2010-12-25", keywords=words)
    undated = event_mention("b1", article_id="b", predicate=predicate, keywords=["point", "ghonim"])
    assert _attaches(dated, undated, ["plus", "family", "ghonim"]) is joins


@pytest.mark.parametrize(
    ("kind", "modality", "joins"),
    [
        ("speech", "asserted", False),
        ("speech", "negated", False),
        ("speech", "planned", True),
        ("nominal", "asserted", True),
    ],
)
def test_a_verb_told_as_done_reports_no_event_after_its_article(
    kind: str, modality: str, joins: bool
) -> None:
    """Said in an article of 1 July, "Kudlow said ..." is not a statement dated 9 July;
    a plan, or an event noun ("the interview"), may still name it."""
    early = ArticleMeta(id="e", file="e.txt", outlet="Early", published=date(2019, 7, 1))
    kudlow = {"predicate": "say", "subject": "Kudlow", "people": ["Kudlow"]}
    keywords = ["door", "relax", "cnbc"]
    mentions = [
        event_mention("a1", value="2019-07-09", kind="speech", keywords=keywords, **kudlow),
        event_mention(
            "e1", article_id="e", kind=kind, modality=modality, keywords=keywords, **kudlow
        ),
    ]
    (event,) = merge_mentions(mentions, [*ARTICLES, early])
    assert ("e1" in [m.id for m in event.mentions]) is joins


def test_event_after_every_publication_is_planned() -> None:
    mentions = [event_mention("a1", value="2019-10", mod="MID", predicate="issue")]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.modality == "planned"


@pytest.mark.parametrize(("other", "modality"), [("asserted", "asserted"), ("negated", "planned")])
def test_a_report_of_it_done_outweighs_a_plan(other: str, modality: str) -> None:
    """One article expected to report a profit on 9 July, another reported it: the
    event happened. A denial leaves the majority to decide (here the first)."""
    words = {"predicate": "report", "value": "2019-07-09", "keywords": ["profit", "quarter"]}
    mentions = [
        event_mention("a1", modality="planned", **words),
        event_mention("b1", article_id="b", modality=other, **words),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.modality == modality


def test_events_are_chronological_and_ids_stable() -> None:
    mentions = [
        event_mention("a1", value="2019-07-09", predicate="say"),
        event_mention("a2", sentence_index=1, value="2018-08", predicate="sign"),
        event_mention("a3", sentence_index=2, value="2019-05", mod="END", predicate="unveil"),
    ]
    first = merge_mentions(mentions, ARTICLES)
    again = merge_mentions(list(reversed(mentions)), ARTICLES)
    assert [e.date.value for e in first] == ["2018-08", "2019-05", "2019-07-09"]
    assert [e.id for e in first] == [e.id for e in again]


def _quoted(
    id: str, speaker: str, words: str, predicate: str = "say", **extra: object
) -> EventMention:
    """A speech mention of ``speaker`` quoting ``words``."""
    return event_mention(
        id, kind="speech", predicate=predicate, subject=speaker, people=[speaker], **extra
    ).model_copy(update={"quotes": [words]})


def test_same_words_credited_to_someone_else_is_an_actor_conflict() -> None:
    words = "we have opened the door and relaxed a bit the licensing requirements"
    mentions = [
        _quoted("a1", "Larry Kudlow", words, value="2019-07-09", keywords=["door"]),
        _quoted("b1", "Wilbur Ross", words, "tell", article_id="b", keywords=["door"]),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert [(c.article_id, c.attributed_to, c.instead_of) for c in event.actor_conflicts] == [
        ("b", "Wilbur Ross", ["Larry Kudlow"])
    ]
    assert event.people == ["Larry Kudlow"]


def test_short_names_join_the_full_name_across_articles() -> None:
    ross = {"kind": "speech", "predicate": "say", "value": "2019-07-09", "keywords": ["x"]}
    mentions = [
        event_mention("a1", subject="Wilbur Ross", people=["Wilbur Ross"], **ross),
        event_mention("b1", article_id="b", subject="Ross", people=["Ross"], **ross),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.people == ["Wilbur Ross"]


def test_a_source_crediting_someone_else_with_the_deed_is_listed() -> None:
    listing = {"predicate": "place", "obj": "Huawei", "keywords": ["list"], "value": "2019-05"}
    mentions = [
        event_mention("a1", subject="Commerce Department", **listing).model_copy(
            update={"organizations": ["Commerce Department"]}
        ),
        event_mention("b1", article_id="b", subject="Commerce", **listing).model_copy(
            update={"organizations": ["Commerce"]}
        ),
        event_mention("c1", article_id="c", subject="Trump", people=["Trump"], **listing),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert [(c.article_id, c.attributed_to, c.instead_of) for c in event.actor_conflicts] == [
        ("c", "Trump", ["Commerce Department"])
    ]


def test_the_subject_of_a_passive_is_not_credited_with_the_deed() -> None:
    """ "Huawei was placed on the list" names what was done to Huawei: no source
    disagrees with the Commerce Department about who placed it."""
    listing = {"predicate": "place", "keywords": ["list"], "value": "2019-05"}
    mentions = [
        event_mention("a1", subject="Commerce Department", obj="Huawei", **listing).model_copy(
            update={"organizations": ["Commerce Department", "Huawei"]}
        ),
        event_mention(
            "b1", article_id="b", subject="Huawei", voice="passive", **listing
        ).model_copy(update={"organizations": ["Huawei"], "object": "Huawei"}),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.actor_conflicts == []
    assert event.organizations == ["Commerce Department", "Huawei"]


def test_who_was_quoted_is_who_spoke() -> None:
    """In "Ross was quoted as saying" the passive subject of "quote" spoke, so a
    different speaker of the same words is a disagreement on who said it."""
    words = "commerce will issue licenses where there is no threat to national security"
    dated = {"value": "2019-07-09", "keywords": ["licenses"]}
    mentions = [
        _quoted("a1", "Wilbur Ross", words, **dated),
        _quoted("b1", "Larry Kudlow", words, "quote", article_id="b", voice="passive", **dated),
    ]
    events = merge_mentions(mentions, ARTICLES)
    assert len(events) == 2  # two named people speaking are never one event


def test_candidate_pairs_grow_with_shared_keys_not_with_the_square() -> None:
    from huawei_timeline.merge.blocks import candidate_pairs, plan_blocks
    from huawei_timeline.merge.evidence import merge_interval
    from huawei_timeline.merge.score import PairScorer

    mentions = [
        event_mention(
            f"m{k}",
            article_id=f"art{k // 20}",
            sentence_index=k % 20,
            subject=f"Person {k % 300}",
            people=[f"Person {k % 300}"],
            keywords=[f"topic{k % 400}", f"place{k % 350}"],
            value=f"2019-{1 + k % 12:02d}-{1 + k % 28:02d}",
        )
        for k in range(3000)
    ]
    scorer, _ = PairScorer.for_bundle(mentions)
    intervals = [merge_interval(m) for m in mentions]
    (whole,) = plan_blocks(scorer, intervals, size=len(mentions))
    pairs = candidate_pairs(whole)
    assert len(pairs) < 20 * len(mentions)


@pytest.mark.parametrize(("others_in_december", "joins"), [(False, True), (True, False)])
def test_a_word_too_common_in_the_bundle_still_proposes_pairs_within_a_month(
    others_in_december: bool, joins: bool
) -> None:
    # A bundle about a meeting in Hong Kong: "hong" and "kong" are in 60 other
    # mentions, too many to propose pairs across the bundle. Two reports of the
    # December meeting that share nothing else are still compared within December,
    # unless December itself has too many mentions of them to pair.
    month = "12" if others_in_december else "11"
    others = [
        event_mention(
            f"c{k}",
            article_id="c",
            sentence_index=k,
            predicate=f"verb{k}",
            keywords=["hong", "kong", f"word{k}"],
            value=f"2005-{month}-{1 + k % 28:02d}",
        )
        for k in range(60)
    ]
    meeting = {"predicate": "hold", "keywords": ["hong", "kong"], "value": "2005-12"}
    mentions = [event_mention("a1", **meeting), event_mention("b1", article_id="b", **meeting)]
    assert (["a1", "b1"] in _groups([*mentions, *others])) == joins


@pytest.mark.parametrize(
    ("second", "joins"),
    [
        # "[lost subject] had been added to a blacklist in May": object unknown.
        ({"predicate": "add", "goal": "to blacklist", "voice": "passive"}, True),
        ({"predicate": "add", "obj": "Huawei", "goal": "to blacklist", "voice": "passive"}, True),
        # Another thing put on the list, or the same thing taken off it: not the same event.
        ({"predicate": "add", "obj": "ZTE", "goal": "to blacklist", "voice": "passive"}, False),
        ({"predicate": "remove", "obj": "Huawei", "goal": "from blacklist"}, False),
        # An active verb without an object has none: nothing was lost.
        ({"predicate": "add", "goal": "to blacklist"}, False),
    ],
)
def test_same_thing_moved_to_the_same_place_is_one_event(
    second: dict[str, str], joins: bool
) -> None:
    words = ["blacklist", "licence"]
    mentions = [
        event_mention(
            "a1",
            predicate="place",
            obj="Huawei",
            goal="to blacklist",
            value="2019-05-16",
            keywords=["blacklist", "security"],
        ),
        event_mention("b1", article_id="b", value="2019-05", keywords=words, **second),  # type: ignore[arg-type]
    ]
    assert (_groups(mentions) == [["a1", "b1"]]) is joins


@pytest.mark.parametrize(
    ("second", "joins"),
    [
        ({"predicate": "bombing", "value": "1998-08-07"}, True),
        ({"predicate": "blast", "value": "1998-08-07T10:35"}, True),
        # Another day, or another kind of happening, or a statement: apart.
        ({"predicate": "bombing", "value": "1998-08-08"}, False),
        ({"predicate": "arrest", "value": "1998-08-07"}, False),
        ({"predicate": "condemn", "value": "1998-08-07"}, False),
    ],
)
def test_one_kind_of_happening_on_one_day_is_one_event(second: dict[str, str], joins: bool) -> None:
    mentions = [
        event_mention(
            "a1", predicate="explode", value="1998-08-07", keywords=["embassy", "capital"]
        ),
        event_mention("b1", article_id="b", keywords=["street", "capital"], **second),  # type: ignore[arg-type]
    ]
    assert (_groups(mentions) == [["a1", "b1"]]) is joins


def test_two_named_actors_doing_one_kind_of_thing_on_one_day_stay_apart() -> None:
    arrests = [
        event_mention("a1", predicate="arrest", value="1998-08-11", keywords=["suspect"]),
        event_mention(
            "b1", article_id="b", predicate="detain", value="1998-08-11", keywords=["foreigner"]
        ),
    ]
    assert _groups(arrests) == [["a1", "b1"]]
    named = [
        m.model_copy(update={"subject": who, "organizations": [who]})
        for m, who in zip(arrests, ["Kenyan police", "FBI"], strict=True)
    ]
    assert _groups(named) == [["a1"], ["b1"]]


def test_within_one_day_the_clock_time_is_the_agreed_date() -> None:
    mentions = [
        event_mention("a1", predicate="explode", value="1998-08-07", keywords=["embassy"]),
        event_mention(
            "b1", article_id="b", predicate="blast", value="1998-08-07TMO", keywords=["embassy"]
        ),
        event_mention(
            "c1",
            article_id="c",
            predicate="bombing",
            value="1998-08-07T10:35",
            keywords=["embassy"],
        ),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.date.value == "1998-08-07T10:35"


def test_an_undated_happening_joins_the_dated_one_of_its_kind() -> None:
    mentions = [
        event_mention(
            "a1", predicate="explode", value="1998-08-07", keywords=["embassy", "kenya", "bomb"]
        ),
        # "Twelve Americans were killed in the Kenya embassy bombing."
        event_mention(
            "b1", article_id="b", predicate="bombing", keywords=["kenya", "embassy", "american"]
        ),
        # The same words about a statement: not a happening, stays out.
        event_mention(
            "c1", article_id="c", predicate="deplore", keywords=["kenya", "embassy", "american"]
        ),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert sorted(m.id for m in event.mentions) == ["a1", "b1"]


@pytest.mark.parametrize(
    ("places", "joins"),
    [
        ((["Nairobi", "Kenya"], ["Nairobi"]), True),
        ((["Dar es Salaam"], ["Dar-es-Salaam"]), True),
        ((["Kenya"], []), True),
        ((["Kabul"], ["Baghdad"]), False),
    ],
)
def test_the_same_kind_of_happening_on_one_day_in_two_places_is_two_events(
    places: tuple[list[str], list[str]], joins: bool
) -> None:
    mentions = [
        event_mention("a1", predicate="explode", value="2009-08-25", keywords=["market"]),
        event_mention("b1", article_id="b", predicate="bombing", value="2009-08-25"),
    ]
    mentions = [m.model_copy(update={"places": p}) for m, p in zip(mentions, places, strict=True)]
    assert (_groups(mentions) == [["a1", "b1"]]) is joins


def test_a_nominalisation_is_the_same_predicate_as_its_verb_in_the_bundle() -> None:
    mentions = [
        event_mention("a1", predicate="ratify", value="1998-12-02", keywords=["treaty", "senate"]),
        event_mention(
            "b1",
            article_id="b",
            kind="nominal",
            predicate="ratification",
            value="1998-12",
            keywords=["treaty", "vote"],
        ),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.date.value == "1998-12-02"
    # Without the verb in the bundle the noun stays itself: no merge on the noun alone.
    alone = [mentions[1], mentions[0].model_copy(update={"predicate": "approve"})]
    assert len(merge_mentions(alone, ARTICLES)) == 2


def test_the_summary_is_the_earliest_sentence_that_reports_the_event() -> None:
    ross = {"kind": "speech", "predicate": "say", "people": ["Wilbur Ross"], "value": "2019-07-09"}
    mentions = [
        event_mention("a9", sentence_index=9, subject="Wilbur Ross", keywords=["licence"], **ross),
        event_mention(
            "b1", article_id="b", sentence_index=1, subject="Wilbur Ross", keywords=["sell"], **ross
        ),
        # A relative pronoun names no one: never the summary while a named one exists.
        event_mention(
            "c0", article_id="c", sentence_index=0, subject="who", keywords=["licence"], **ross
        ),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.summary == "summary b1"


# --------------------------------------------- lead events dated by the publish day

ERDOGAN = {"subject": "Erdogan", "people": ["Erdogan"], "predicate": "apologise"}


def _lead(mention_id: str, article_id: str, published: str) -> EventMention:
    """Erdogan's apology for the jet in an article's lead, dated by its publish day."""
    return event_mention(
        mention_id,
        article_id=article_id,
        value=published,
        date_source="publish",
        keywords=["apology", "jet"],
        **ERDOGAN,
    )


def test_a_publish_day_spans_the_days_before_it_for_merging() -> None:
    lead = event_mention("b1", article_id="b", value="2019-07-10", date_source="publish")
    stated = event_mention("a1", value="2019-07-10")
    assert merge_interval(lead) == (date(2019, 7, 8), date(2019, 7, 10))
    assert merge_interval(stated) == (date(2019, 7, 10), date(2019, 7, 10))


def test_a_lead_event_joins_the_event_a_day_before_and_does_not_vote_on_its_date() -> None:
    mentions = [
        event_mention("a1", value="2019-07-09", keywords=["apology", "jet"], **ERDOGAN),
        _lead("b1", "b", "2019-07-10"),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    assert event.date.value == "2019-07-09"
    assert event.date_conflicts == []  # a publish day is no source disagreeing
    assert not dated_by_publication(event)
    assert display_event_date(event) == "Tue 9 Jul 2019"


def test_a_lead_event_does_not_join_an_event_days_before_its_window() -> None:
    mentions = [
        event_mention("a1", value="2019-07-05", keywords=["apology", "jet"], **ERDOGAN),
        _lead("b1", "b", "2019-07-10"),
        _lead("c1", "c", "2019-07-10"),
    ]
    assert _groups(mentions) == [["a1"], ["b1", "c1"]]


def test_two_outlets_leads_without_a_date_are_one_event_on_the_first_report() -> None:
    articles = [
        ArticleMeta(id=a, file=f"{a}.txt", outlet=f"Outlet {a}", published=day)
        for a, day in (("a", date(2019, 7, 10)), ("b", date(2019, 7, 11)))
    ]
    mentions = [
        _lead("a1", "a", "2019-07-10"),
        _lead("b1", "b", "2019-07-11"),
    ]
    (event,) = merge_mentions(mentions, articles)
    assert (event.date.value, event.sources, event.date_conflicts) == ("2019-07-10", 2, [])
    assert dated_by_publication(event)
    assert display_event_date(event) == "Wed 10 Jul 2019 (publish date)"


def test_one_articles_lead_event_alone_is_no_event_of_its_own() -> None:
    mentions = [
        event_mention("a1", value="2019-07-01", keywords=["budget"], predicate="pass"),
        _lead("b1", "b", "2019-07-10"),
    ]
    assert _groups(mentions) == [["a1"]]


def test_a_lead_event_alone_in_its_article_still_joins_as_an_undated_mention() -> None:
    mentions = [
        event_mention("a1", value="2019-06-20", keywords=["apology", "jet", "pilot"], **ERDOGAN),
        event_mention(
            "b1",
            article_id="b",
            value="2019-07-10",
            date_source="publish",
            keywords=["apology", "jet", "pilot"],
            **ERDOGAN,
        ),
    ]
    (event,) = merge_mentions(mentions, ARTICLES)
    joined = next(m for m in event.mentions if m.id == "b1")
    assert (event.date.value, joined.date_source, joined.date) == ("2019-06-20", "cluster", None)


def _told(mention: EventMention, mention_id: str, sentence: str) -> EventMention:
    return mention.model_copy(update={"id": mention_id, "sentence": sentence})


REPRINTED = "His arrival precedes a new policy set to be unveiled early next year."


@pytest.mark.parametrize(
    ("second_id", "second_value", "one"),
    [
        ("b:7:8", "2020-01", True),  # the same word of the same sentence, reprinted
        ("b:7:2", "2020-01", False),  # another word of it: another event, maybe
        ("b:7:8", "2021-01", False),  # dates that cannot agree keep them apart
    ],
)
def test_a_sentence_printed_in_two_articles_tells_the_same_event(
    second_id: str, second_value: str, one: bool
) -> None:
    # No keyword, actor or object: only the reprinted sentence speaks for the pair.
    a = _told(event_mention("x", predicate="unveil", value="2020-01"), "a:3:8", REPRINTED)
    b = event_mention("y", article_id="b", predicate="unveil", value=second_value)
    events = merge_mentions([a, _told(b, second_id, REPRINTED)], ARTICLES)
    assert len(events) == (1 if one else 2)
    if one:
        assert [
            set(link.evidence) >= {"the same sentence in another article"}
            for link in events[0].explain
        ] == [True]


@pytest.mark.parametrize(("second_value", "entries"), [("2020-01", 1), ("2020-02", 2)])
def test_two_events_one_sentence_tells_alike_are_one_entry(second_value: str, entries: int) -> None:
    # "... the announcement of a new policy set to be unveiled early next year": the
    # announcement and the unveiling, told by one sentence and dated alike.
    announce = event_mention("x", predicate="announcement", kind="nominal", value="2020-01")
    unveil = event_mention("y", predicate="unveil", value=second_value)
    mentions = [_told(announce, "a:3:4", REPRINTED), _told(unveil, "a:3:8", REPRINTED)]
    events = merge_mentions(mentions, ARTICLES)
    assert len(events) == entries
    if entries == 1:
        assert "told by the same sentences" in events[0].explain[0].evidence
