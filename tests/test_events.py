"""Event mentions from hand-built parses: anchors, actors, kinds, modality."""

from __future__ import annotations

from datetime import date

import pytest

from builders import TokenSpec, tagged_article
from huawei_timeline.events.arguments import principal_actor
from huawei_timeline.events.article import ArticleView, _looks_like_person, clean_name
from huawei_timeline.events.extract import analyse_article, extract_mentions
from huawei_timeline.events.lexicon import event_class, verb_candidates
from huawei_timeline.events.summary import _close_quotes, one_line, quote_shingles

# "Ross said on Tuesday ."
ROSS_SAID = [
    ("Ross", "Ross", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 2, "DATE"),
    ('"', '"', "PUNCT", "''", "punct", 1, ""),
]
# "He added that talks will resume ."
HE_ADDED = [
    ("He", "he", "PRON", "PRP", "nsubj", 1, ""),
    ("added", "add", "VERB", "VBD", "ROOT", 1, ""),
    ("that", "that", "SCONJ", "IN", "mark", 4, ""),
    ("talks", "talk", "NOUN", "NNS", "nsubj", 4, ""),
    ("resume", "resume", "VERB", "VB", "ccomp", 1, ""),
]
# "The department would issue rules in October ."
WOULD_ISSUE = [
    ("The", "the", "DET", "DT", "det", 1, ""),
    ("department", "department", "NOUN", "NN", "nsubj", 3, ""),
    ("would", "would", "AUX", "MD", "aux", 3, ""),
    ("issue", "issue", "VERB", "VB", "ROOT", 3, ""),
    ("rules", "rule", "NOUN", "NNS", "dobj", 3, ""),
    ("in", "in", "ADP", "IN", "prep", 4, ""),
    ("October", "October", "PROPN", "NNP", "pobj", 5, "DATE"),
]
# "Trump 's comments over the weekend were a concession ."
COMMENTS = [
    ("Trump", "Trump", "PROPN", "NNP", "poss", 2, "PERSON"),
    ("'s", "'s", "PART", "POS", "case", 0, ""),
    ("comments", "comment", "NOUN", "NNS", "nsubj", 6, ""),
    ("over", "over", "ADP", "IN", "prep", 2, ""),
    ("the", "the", "DET", "DT", "det", 5, "DATE"),
    ("weekend", "weekend", "NOUN", "NN", "pobj", 3, "DATE"),
    ("were", "be", "AUX", "VBD", "ROOT", 6, ""),
    ("a", "a", "DET", "DT", "det", 8, ""),
    ("concession", "concession", "NOUN", "NN", "attr", 6, ""),
]
# "Senators amended this year 's defence act ."
THING_DATE = [
    ("Senators", "senator", "NOUN", "NNS", "nsubj", 1, ""),
    ("amended", "amend", "VERB", "VBD", "ROOT", 1, ""),
    ("this", "this", "DET", "DT", "det", 3, "DATE"),
    ("year", "year", "NOUN", "NN", "poss", 6, "DATE"),
    ("'s", "'s", "PART", "POS", "case", 3, ""),
    ("defence", "defence", "NOUN", "NN", "compound", 6, ""),
    ("act", "act", "NOUN", "NN", "dobj", 1, ""),
]
# "Since 1949 , NATO was expanded in 1952 ."
SINCE = [
    ("Since", "since", "SCONJ", "IN", "prep", 5, ""),
    ("1949", "1949", "NUM", "CD", "pobj", 0, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 5, ""),
    ("NATO", "NATO", "PROPN", "NNP", "nsubjpass", 5, "ORG"),
    ("was", "be", "AUX", "VBD", "auxpass", 5, ""),
    ("expanded", "expand", "VERB", "VBN", "ROOT", 5, ""),
    ("in", "in", "ADP", "IN", "prep", 5, ""),
    ("1952", "1952", "NUM", "CD", "pobj", 6, "DATE"),
]
# "Relatives cared for him since November , when he was found ."
SINCE_WHEN = [
    ("Relatives", "relative", "NOUN", "NNS", "nsubj", 1, ""),
    ("cared", "care", "VERB", "VBD", "ROOT", 1, ""),
    ("for", "for", "ADP", "IN", "prep", 1, ""),
    ("him", "he", "PRON", "PRP", "pobj", 2, ""),
    ("since", "since", "SCONJ", "IN", "prep", 1, ""),
    ("November", "November", "PROPN", "NNP", "pobj", 4, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 5, ""),
    ("when", "when", "SCONJ", "WRB", "advmod", 10, ""),
    ("he", "he", "PRON", "PRP", "nsubjpass", 10, ""),
    ("was", "be", "AUX", "VBD", "auxpass", 10, ""),
    ("found", "find", "VERB", "VBN", "relcl", 5, ""),
]
# "Kopp 's 1987 Chevrolet was found in December ."
MODEL_YEAR = [
    ("Kopp", "Kopp", "PROPN", "NNP", "poss", 3, "PERSON"),
    ("'s", "'s", "PART", "POS", "case", 0, ""),
    ("1987", "1987", "NUM", "CD", "nummod", 3, "DATE"),
    ("Chevrolet", "Chevrolet", "PROPN", "NNP", "nsubjpass", 5, "ORG"),
    ("was", "be", "AUX", "VBD", "auxpass", 5, ""),
    ("found", "find", "VERB", "VBN", "ROOT", 5, ""),
    ("in", "in", "ADP", "IN", "prep", 5, ""),
    ("December", "December", "PROPN", "NNP", "pobj", 6, "DATE"),
]

# "Netanyahu spoke on Monday , when Erdogan apologised ." / "... , when asked ."
WHEN_CLAUSE = [
    ("Netanyahu", "Netanyahu", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 2, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 1, ""),
    ("when", "when", "SCONJ", "WRB", "advmod", 7, ""),
    ("Erdogan", "Erdogan", "PROPN", "NNP", "nsubj", 7, "PERSON"),
    ("apologised", "apologise", "VERB", "VBD", "advcl", 1, ""),
]
WHEN_ASKED = [*WHEN_CLAUSE[:6], ("asked", "ask", "VERB", "VBN", "advcl", 1, "")]


def test_a_when_clause_tells_an_event_of_its_own() -> None:
    article = tagged_article([WHEN_CLAUSE], [(0, "Monday", "2019-07-08", None)])
    spoke, apologised = extract_mentions(article)
    assert (spoke.predicate, spoke.date is not None) == ("speak", True)
    assert (apologised.predicate, apologised.subject, apologised.date) == (
        "apologise",
        "Erdogan",
        None,
    )


# "Slepian was heating soup last fall when he was shot ." (a past progressive
# setting the scene) / "Slepian heated soup last fall when he was shot ."
SCENE = [
    ("Slepian", "Slepian", "PROPN", "NNP", "nsubj", 2, "PERSON"),
    ("was", "be", "AUX", "VBD", "aux", 2, ""),
    ("heating", "heat", "VERB", "VBG", "ROOT", 2, ""),
    ("soup", "soup", "NOUN", "NN", "dobj", 2, ""),
    ("last", "last", "ADJ", "JJ", "amod", 5, ""),
    ("fall", "fall", "NOUN", "NN", "npadvmod", 2, "DATE"),
    ("when", "when", "SCONJ", "WRB", "advmod", 9, ""),
    ("he", "he", "PRON", "PRP", "nsubjpass", 9, ""),
    ("was", "be", "AUX", "VBD", "auxpass", 9, ""),
    ("shot", "shoot", "VERB", "VBN", "advcl", 2, ""),
]
SIMPLE_PAST = [
    ("Slepian", "Slepian", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("heated", "heat", "VERB", "VBD", "ROOT", 1, ""),
    ("soup", "soup", "NOUN", "NN", "dobj", 1, ""),
    ("last", "last", "ADJ", "JJ", "amod", 4, ""),
    ("fall", "fall", "NOUN", "NN", "npadvmod", 1, "DATE"),
    ("when", "when", "SCONJ", "WRB", "advmod", 8, ""),
    ("he", "he", "PRON", "PRP", "nsubjpass", 8, ""),
    ("was", "be", "AUX", "VBD", "auxpass", 8, ""),
    ("shot", "shoot", "VERB", "VBN", "advcl", 1, ""),
]
AFTER_CLAUSE = [*SCENE[:6], ("after", "after", "SCONJ", "IN", "mark", 9, ""), *SCENE[7:]]


@pytest.mark.parametrize(
    ("spec", "scene_dated", "clause_dated"),
    [
        (SCENE, False, True),  # the "when" clause is what happened; the scene is background
        (SIMPLE_PAST, True, False),  # a simple past is an event of its own: it keeps the date
        (AFTER_CLAUSE, True, False),  # "after" orders the two, it dates neither by the other
    ],
)
def test_a_when_clause_under_a_past_progressive_takes_its_date(
    spec: list[TokenSpec], scene_dated: bool, clause_dated: bool
) -> None:
    article = tagged_article([spec], [(0, "last fall", "2018-FA", None)])
    heat, shoot = sorted(extract_mentions(article), key=lambda m: m.predicate)
    assert (heat.date is not None, shoot.date is not None) == (scene_dated, clause_dated)
    if clause_dated:
        assert shoot.date is not None and shoot.date.value == "2018-FA"
        assert shoot.date_source == "own"


def test_a_participle_after_when_is_no_event_of_its_own() -> None:
    article = tagged_article([WHEN_ASKED], [(0, "Monday", "2019-07-08", None)])
    assert [m.predicate for m in extract_mentions(article)] == ["speak"]


def test_reporting_verb_with_its_date_is_a_dated_speech_event() -> None:
    article = tagged_article([ROSS_SAID], [(0, "Tuesday", "2019-07-09", None)])
    (mention,) = extract_mentions(article)
    assert (mention.kind, mention.predicate, mention.subject) == ("speech", "say", "Ross")
    assert mention.date is not None and mention.date.value == "2019-07-09"
    assert mention.people == ["Ross"]


def test_a_time_zone_names_no_organisation() -> None:
    # "France struck at 8:30 ( 0630 GMT ) on Tuesday ." (spaCy: GMT an ORG)
    struck = [
        ("France", "France", "PROPN", "NNP", "nsubj", 1, "GPE"),
        ("struck", "strike", "VERB", "VBD", "ROOT", 1, ""),
        ("at", "at", "ADP", "IN", "prep", 1, ""),
        ("8:30", "8:30", "NUM", "CD", "pobj", 2, "TIME"),
        ("(", "(", "PUNCT", "-LRB-", "punct", 3, ""),
        ("0630", "0630", "NUM", "CD", "appos", 3, "CARDINAL"),
        ("GMT", "GMT", "PROPN", "NNP", "appos", 5, "ORG"),
        (")", ")", "PUNCT", "-RRB-", "punct", 3, ""),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 8, "DATE"),
    ]
    (mention,) = extract_mentions(tagged_article([struck], [(0, "Tuesday", "2019-07-09", None)]))
    assert (mention.predicate, mention.organizations) == ("strike", [])


def test_a_title_word_that_begins_a_name_of_a_thing_stays() -> None:
    # "The Justice Department sued General Motors on Tuesday ."
    sued = [
        ("The", "the", "DET", "DT", "det", 2, ""),
        ("Justice", "Justice", "PROPN", "NNP", "compound", 2, "ORG"),
        ("Department", "Department", "PROPN", "NNP", "nsubj", 3, "ORG"),
        ("sued", "sue", "VERB", "VBD", "ROOT", 3, ""),
        ("General", "General", "PROPN", "NNP", "compound", 5, "ORG"),
        ("Motors", "Motors", "PROPN", "NNPS", "dobj", 3, "ORG"),
        ("on", "on", "ADP", "IN", "prep", 3, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 6, "DATE"),
    ]
    (mention,) = extract_mentions(tagged_article([sued], [(0, "Tuesday", "2019-07-09", None)]))
    assert (mention.subject, mention.object) == ("Justice Department", "General Motors")
    assert mention.organizations == ["Justice Department", "General Motors"]


def _said_on_tuesday(name: str) -> list[TokenSpec]:
    """The sentence "NAME said on Tuesday .", NAME labelled a person."""
    return [
        (name, name, "PROPN", "NNP", "nsubj", 1, "PERSON"),
        ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 2, "DATE"),
    ]


def test_a_bare_surname_is_the_full_name_with_an_arabic_article() -> None:
    # "Bashar al-Assad spoke ." / "Assad said on Tuesday ."
    spoke = [
        ("Bashar", "Bashar", "PROPN", "NNP", "compound", 1, "PERSON"),
        ("al-Assad", "al-Assad", "PROPN", "NNP", "nsubj", 2, "PERSON"),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 2, ""),
    ]
    said = _said_on_tuesday("Assad")
    mentions = extract_mentions(tagged_article([spoke, said], [(1, "Tuesday", "2019-07-09", None)]))
    assert [(m.predicate, m.subject) for m in mentions] == [
        ("speak", "Bashar al-Assad"),
        ("say", "Bashar al-Assad"),
    ]


@pytest.mark.parametrize(
    ("second_name", "subject"),
    [
        # "Saddam Hussein spoke ." / "Saddam said on Tuesday ."
        (None, "Saddam Hussein"),
        # ... not when two people of the article have that first name
        ("Saddam Haftar", "Saddam"),
    ],
)
def test_a_first_name_alone_is_the_one_person_named_in_full_with_it(
    second_name: str | None, subject: str
) -> None:
    spoke = [
        ("Saddam", "Saddam", "PROPN", "NNP", "compound", 1, "PERSON"),
        ("Hussein", "Hussein", "PROPN", "NNP", "nsubj", 2, "PERSON"),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 2, ""),
    ]
    if second_name is not None:
        first, last = second_name.split()
        spoke += [
            ("with", "with", "ADP", "IN", "prep", 2, ""),
            (first, first, "PROPN", "NNP", "compound", 5, "PERSON"),
            (last, last, "PROPN", "NNP", "pobj", 3, "PERSON"),
        ]
    said = _said_on_tuesday("Saddam")
    mentions = extract_mentions(tagged_article([spoke, said], [(1, "Tuesday", "2019-07-09", None)]))
    assert mentions[-1].subject == subject


def test_a_title_cased_headline_gives_no_first_name() -> None:
    # "Obama Outlines His Plans ." / "Obama said on Tuesday ."
    headline = [
        ("Obama", "Obama", "PROPN", "NNP", "compound", 1, "PERSON"),
        ("Outlines", "Outlines", "PROPN", "NNP", "nsubj", 1, "PERSON"),
        ("His", "his", "PRON", "PRP$", "poss", 3, ""),
        ("Plans", "plan", "NOUN", "NNS", "ROOT", 3, ""),
    ]
    said = _said_on_tuesday("Obama")
    article = tagged_article([headline, said], [(1, "Tuesday", "2019-07-09", None)])
    assert extract_mentions(article)[-1].subject == "Obama"


@pytest.mark.parametrize(("name", "person"), [("Saddam Hussein-era", False), ("Ban Ki-moon", True)])
def test_a_name_made_a_modifier_by_a_hyphen_names_no_one(name: str, person: bool) -> None:
    assert bool(_looks_like_person(name)) == person


def test_a_name_joined_to_a_lower_case_word_names_no_one() -> None:
    # "Maliki invited Saddam Hussein-era officers on Tuesday ."
    invited = [
        ("Maliki", "Maliki", "PROPN", "NNP", "nsubj", 1, "PERSON"),
        ("invited", "invite", "VERB", "VBD", "ROOT", 1, ""),
        ("Saddam", "Saddam", "PROPN", "NNP", "compound", 3, "PERSON"),
        ("Hussein-era", "Hussein-era", "ADJ", "JJ", "amod", 4, "PERSON"),
        ("officers", "officer", "NOUN", "NNS", "dobj", 1, ""),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 5, "DATE"),
    ]
    (mention,) = extract_mentions(tagged_article([invited], [(0, "Tuesday", "2019-07-09", None)]))
    assert mention.people == ["Maliki"]


@pytest.mark.parametrize(
    ("appositive", "label", "dated"),
    [
        # "The probe was handed to Shomron , a former chief in 1987 , ."
        (True, "PERSON", False),
        # "The probe was handed to Shomron in 1987 , ."
        (False, "PERSON", True),
        # "The probe was handed to Homs , a city in 1987 , .": a place's
        # description holds a date the parser misplaced more often than its own
        (True, "GPE", True),
    ],
)
def test_a_date_ending_an_appositive_says_who_someone_is(
    appositive: bool, label: str, dated: bool
) -> None:
    head = 7 if appositive else 3
    handed = [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("probe", "probe", "NOUN", "NN", "nsubjpass", 3, ""),
        ("was", "be", "AUX", "VBD", "auxpass", 3, ""),
        ("handed", "hand", "VERB", "VBN", "ROOT", 3, ""),
        ("to", "to", "ADP", "IN", "prep", 3, ""),
        ("Shomron", "Shomron", "PROPN", "NNP", "pobj", 4, label),
    ]
    if appositive:
        handed += [
            (",", ",", "PUNCT", ",", "punct", 5, ""),
            ("chief", "chief", "NOUN", "NN", "appos", 5, ""),
        ]
    n = len(handed)
    handed += [
        ("in", "in", "ADP", "IN", "prep", head, ""),
        ("1987", "1987", "NUM", "CD", "pobj", n, "DATE"),
        (",", ",", "PUNCT", ",", "punct", 3, ""),
    ]
    article = tagged_article([handed], [(0, "1987", "1987", None)])
    hand = [m for m in extract_mentions(article) if m.predicate == "hand"]
    assert [m.date_source == "own" for m in hand] == [dated]


def test_pronoun_subject_resolves_and_continues_the_dated_statement() -> None:
    article = tagged_article([ROSS_SAID, HE_ADDED], [(0, "Tuesday", "2019-07-09", None)])
    follow_up = extract_mentions(article)[1]
    assert (follow_up.subject, follow_up.kind, follow_up.date_source) == (
        "Ross",
        "speech",
        "context",
    )
    assert follow_up.date is not None and follow_up.date.value == "2019-07-09"


def test_a_past_perfect_statement_is_no_occasion_to_continue() -> None:
    # "Ross said on Monday ." / "On Tuesday Ross had suggested talks ." / "He added
    # that talks will resume ."
    had_suggested = [
        ("On", "on", "ADP", "IN", "prep", 4, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 0, "DATE"),
        ("Ross", "Ross", "PROPN", "NNP", "nsubj", 4, "PERSON"),
        ("had", "have", "AUX", "VBD", "aux", 4, ""),
        ("suggested", "suggest", "VERB", "VBN", "ROOT", 4, ""),
        ("talks", "talk", "NOUN", "NNS", "dobj", 4, ""),
    ]
    # "Ross said on Monday" first: the occasion the article reports.
    said_monday = [
        *ROSS_SAID[:3],
        ("Monday", "Monday", "PROPN", "NNP", "pobj", 2, "DATE"),
        ROSS_SAID[4],
    ]
    days = [(0, "Monday", "2019-07-08", None), (1, "Tuesday", "2019-07-02", None)]
    article = tagged_article([said_monday, had_suggested, HE_ADDED], days)
    _, suggested, added = (m for m in extract_mentions(article) if m.kind == "speech")
    assert suggested.date is not None and suggested.date.value == "2019-07-02"
    assert (added.subject, added.date_source) == ("Ross", "context")
    assert added.date is not None and added.date.value == "2019-07-08"
    # With no occasion before it, the past perfect statement is the one to go on with.
    alone = tagged_article([had_suggested, HE_ADDED], [(0, "Tuesday", "2019-07-02", None)])
    added = [m for m in extract_mentions(alone) if m.kind == "speech"][-1]
    assert added.date is not None and (added.date_source, added.date.value) == (
        "context",
        "2019-07-02",
    )


def test_present_perfect_statement_is_not_dated_by_context() -> None:
    has_argued = [
        ("He", "he", "PRON", "PRP", "nsubj", 2, ""),
        ("has", "have", "AUX", "VBZ", "aux", 2, ""),
        ("argued", "argue", "VERB", "VBN", "ROOT", 2, ""),
        ("that", "that", "SCONJ", "IN", "mark", 5, ""),
        ("talks", "talk", "NOUN", "NNS", "nsubj", 5, ""),
        ("matter", "matter", "VERB", "VBP", "ccomp", 2, ""),
    ]
    article = tagged_article([ROSS_SAID, has_argued], [(0, "Tuesday", "2019-07-09", None)])
    argued = extract_mentions(article)[1]
    # In the lead it gets the publish day (10 July) as weaker evidence, never Ross's Tuesday.
    assert argued.date_source != "context"
    assert (argued.date_source, argued.date and argued.date.value) == ("publish", "2019-07-10")


def test_considered_action_is_marked_considered() -> None:
    considering = [
        ("Trump", "Trump", "PROPN", "NNP", "nsubj", 2, "PERSON"),
        ("was", "be", "AUX", "VBD", "aux", 2, ""),
        ("considering", "consider", "VERB", "VBG", "ROOT", 2, ""),
        ("removing", "remove", "VERB", "VBG", "xcomp", 2, ""),
        ("the", "the", "DET", "DT", "det", 5, ""),
        ("firm", "firm", "NOUN", "NN", "dobj", 3, ""),
        ("in", "in", "ADP", "IN", "prep", 3, ""),
        ("June", "June", "PROPN", "NNP", "pobj", 6, "DATE"),
    ]
    article = tagged_article([considering], [(0, "June", "2019-06", None)])
    dated = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [(m.predicate, m.modality, m.subject) for m in dated] == [
        ("remove", "considered", "Trump")
    ]


def test_definite_description_resolves_to_the_organisation_named_before() -> None:
    named = [
        ("The", "the", "DET", "DT", "det", 2, ""),
        ("Commerce", "Commerce", "PROPN", "NNP", "compound", 2, "ORG"),
        ("Department", "Department", "PROPN", "NNP", "nsubj", 3, "ORG"),
        ("acted", "act", "VERB", "VBD", "ROOT", 3, ""),
    ]
    later = [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("department", "department", "NOUN", "NN", "nsubj", 2, ""),
        ("issued", "issue", "VERB", "VBD", "ROOT", 2, ""),
        ("rules", "rule", "NOUN", "NNS", "dobj", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("May", "May", "PROPN", "NNP", "pobj", 4, "DATE"),
    ]
    article = tagged_article([named, later], [(1, "May", "2019-05", None)])
    dated = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [m.subject for m in dated] == ["Commerce Department"]


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        (["we have opened the door and relaxed a bit"], 5),
        (["of the United States"], 0),
        (["short"], 0),
    ],
)
def test_quote_shingles_keep_only_runs_that_say_something(quotes: list[str], expected: int) -> None:
    assert len(quote_shingles(quotes)) == expected


def test_future_auxiliary_marks_a_planned_event() -> None:
    article = tagged_article([WOULD_ISSUE], [(0, "October", "2019-10", None)])
    (mention,) = extract_mentions(article)
    assert (mention.predicate, mention.modality, mention.object) == ("issue", "planned", "rule")
    assert mention.content == "The department would issue rules"


# "Protesters resume marches on Sunday" / "Resume marches on Sunday"
RESUME = [
    ("Protesters", "protester", "NOUN", "NNS", "nsubj", 1, ""),
    ("resume", "resume", "VERB", "VBP", "ROOT", 1, ""),
    ("marches", "march", "NOUN", "NNS", "dobj", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Sunday", "Sunday", "PROPN", "NNP", "pobj", 3, "DATE"),
]
RESUME_CALL = [
    ("Resume", "resume", "VERB", "VB", "ROOT", 0, ""),
    *[
        (text, lemma, pos, tag, dep, head - 1, ent)
        for text, lemma, pos, tag, dep, head, ent in RESUME[2:]
    ],
]


# "Rebels did not (just) seize the town on Sunday"
SEIZED = [
    ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 3, ""),
    ("did", "do", "AUX", "VBD", "aux", 3, ""),
    ("not", "not", "PART", "RB", "neg", 3, ""),
    ("seize", "seize", "VERB", "VB", "ROOT", 3, ""),
    ("the", "the", "DET", "DT", "det", 5, ""),
    ("town", "town", "NOUN", "NN", "dobj", 3, ""),
    ("on", "on", "ADP", "IN", "prep", 3, ""),
    ("Sunday", "Sunday", "PROPN", "NNP", "pobj", 6, "DATE"),
]
SEIZED_JUST = [
    (text, lemma, pos, tag, dep, head + (head >= 3), ent)
    for text, lemma, pos, tag, dep, head, ent in SEIZED
]
SEIZED_JUST.insert(3, ("just", "just", "ADV", "RB", "advmod", 4, ""))


@pytest.mark.parametrize(
    ("rows", "predicate", "modality"),
    [
        (RESUME, "resume", "asserted"),
        (RESUME_CALL, "resume", "planned"),  # an imperative calls for what is to come
        (SEIZED, "seize", "negated"),
        (SEIZED_JUST, "seize", "asserted"),  # "not" before a focus adverb denies nothing
    ],
)
def test_modality_of_a_clause(rows: list[tuple], predicate: str, modality: str) -> None:
    article = tagged_article([rows], [(0, "Sunday", "2019-07-14", None)])
    (mention,) = extract_mentions(article)
    assert (mention.predicate, mention.modality) == (predicate, modality)


# "Bolten served in the George Bush administration in 1990 ." / "Bush spoke on Tuesday ."
SERVED = [
    ("Bolten", "Bolten", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("served", "serve", "VERB", "VBD", "ROOT", 1, ""),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("the", "the", "DET", "DT", "det", 6, ""),
    ("George", "George", "PROPN", "NNP", "compound", 5, "PERSON"),
    ("Bush", "Bush", "PROPN", "NNP", "compound", 6, "PERSON"),
    ("administration", "administration", "NOUN", "NN", "pobj", 2, ""),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("1990", "1990", "NUM", "CD", "pobj", 7, "DATE"),
]
SPOKE = [
    ("Bush", "Bush", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 2, "DATE"),
]


@pytest.mark.parametrize(
    ("noun", "people"),
    [
        ("administration", [["Bolten"], ["Bush"]]),
        ("envoy", [["Bolten", "George Bush"], ["George Bush"]]),  # the person's envoy
    ],
)
def test_a_full_name_before_a_noun_named_after_them_is_no_person(
    noun: str, people: list[list[str]]
) -> None:
    served = [(noun, noun, *row[2:]) if row[0] == "administration" else row for row in SERVED]
    article = tagged_article(
        [served, SPOKE], [(0, "1990", "1990", None), (1, "Tuesday", "2008-09-30", None)]
    )
    dated = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [m.people for m in dated] == people


# "NEW YORK, Sept. 29 --": a dateline spaCy splits off the lead; "Talks, Sept. 29"
DATELINE = [
    ("NEW", "NEW", "PROPN", "NNP", "compound", 1, "GPE"),
    ("YORK", "YORK", "PROPN", "NNP", "ROOT", 1, "GPE"),
    (",", ",", "PUNCT", ",", "punct", 1, ""),
    ("Sept.", "Sept.", "PROPN", "NNP", "appos", 1, "DATE"),
    ("29", "29", "NUM", "CD", "nummod", 3, "DATE"),
    ("--", "--", "PUNCT", ":", "punct", 1, ""),
]
TALKS_LINE = [
    ("Talks", "talk", "NOUN", "NNS", "ROOT", 0, ""),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("Sept.", "Sept.", "PROPN", "NNP", "appos", 0, "DATE"),
    ("29", "29", "NUM", "CD", "nummod", 2, "DATE"),
]


# "YORK, Sept. 29: envoys left": a live blog's entry, the verb hung under the name
BLOG_ENTRY = [
    ("YORK", "YORK", "PROPN", "NNP", "ROOT", 0, "GPE"),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("Sept.", "Sept.", "PROPN", "NNP", "appos", 0, "DATE"),
    ("29", "29", "NUM", "CD", "nummod", 2, "DATE"),
    (":", ":", "PUNCT", ":", "punct", 0, ""),
    ("envoys", "envoy", "NOUN", "NNS", "nsubj", 6, ""),
    ("left", "leave", "VERB", "VBD", "appos", 0, ""),
]


@pytest.mark.parametrize(
    ("rows", "predicates"), [(DATELINE, []), (TALKS_LINE, ["talk"]), (BLOG_ENTRY, ["york"])]
)
def test_a_verbless_line_dates_its_head_word_unless_a_name(
    rows: list[tuple], predicates: list[str]
) -> None:
    article = tagged_article([rows], [(0, "Sept. 29", "2008-09-29", None)])
    dated = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [m.predicate for m in dated] == predicates


def test_date_next_to_an_event_noun_dates_the_noun() -> None:
    article = tagged_article([COMMENTS], [(0, "the weekend", "2019-W26-WE", None)])
    dated = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [(m.kind, m.predicate, m.subject) for m in dated] == [("nominal", "comment", "Trump")]


def test_date_describing_a_thing_dates_no_event() -> None:
    article = tagged_article([THING_DATE], [(0, "this year", "2019", None)])
    assert [m.date_source != "own" for m in extract_mentions(article)] == [True]
    assert [m.time_expression for m in extract_mentions(article)] == [None]


# "Mon Aug 22 , 2011 9:12 am EDT ( Reuters ) -": a page's time stamp, as spaCy parses it
STAMP = [
    ("Mon", "Mon", "PROPN", "NNP", "compound", 1, "DATE"),
    ("Aug", "Aug", "PROPN", "NNP", "nsubj", 6, "DATE"),
    ("22", "22", "NUM", "CD", "nummod", 1, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 1, "DATE"),
    ("2011", "2011", "NUM", "CD", "appos", 1, "DATE"),
    ("9:12", "9:12", "NUM", "CD", "appos", 1, "TIME"),
    ("am", "be", "AUX", "VBP", "ROOT", 6, "TIME"),
    ("EDT", "EDT", "PROPN", "NNP", "attr", 6, ""),
    ("(", "(", "PUNCT", "-LRB-", "punct", 9, ""),
    ("Reuters", "Reuters", "PROPN", "NNP", "appos", 7, "ORG"),
    (")", ")", "PUNCT", "-RRB-", "punct", 9, ""),
    ("-", "-", "PUNCT", ":", "punct", 6, ""),
]


def test_a_time_stamp_that_governs_itself_reports_no_event() -> None:
    """In "9:12 am" spaCy may read "am" as the verb "be": a word of the time
    expression, neither the event it dates nor the sentence's own event."""
    article = tagged_article([STAMP], [(0, "Aug 22 , 2011 9:12 am", "2011-08-22T09:12", None)])
    assert extract_mentions(article) == []


def test_the_start_of_an_open_period_dates_no_event() -> None:
    """What has happened "since 1949" did not happen in 1949."""
    article = tagged_article([SINCE], [(0, "1949", "1949", None), (0, "1952", "1952", None)])
    (mention,) = extract_mentions(article)
    assert (mention.predicate, mention.date and mention.date.value) == ("expand", "1952")
    (skipped,) = analyse_article(article).skipped
    assert (skipped.text, skipped.reason) == (
        "1949",
        "start of an open period (since), not an event's date",
    )


def test_the_start_of_a_period_dates_the_when_clause_on_it() -> None:
    """In "since November, when he was found", November is when he was found."""
    article = tagged_article([SINCE_WHEN], [(0, "November", "1999-11", None)])
    dated = [(m.predicate, m.date.value) for m in extract_mentions(article) if m.date]
    assert dated == [("find", "1999-11")]


def test_a_year_counting_a_thing_dates_no_event() -> None:
    """A model year ("Kopp's 1987 Chevrolet") describes the car, not its finding."""
    article = tagged_article(
        [MODEL_YEAR], [(0, "1987", "1987", None), (0, "December", "2018-12", None)]
    )
    (mention,) = extract_mentions(article)
    assert (mention.predicate, mention.date and mention.date.value) == ("find", "2018-12")


def test_speech_summary_puts_the_speaker_first() -> None:
    # "Talks will resume , Ross said on Tuesday ."
    content_first = [
        ("Talks", "talk", "NOUN", "NNS", "nsubj", 2, ""),
        ("will", "will", "AUX", "MD", "aux", 2, ""),
        ("resume", "resume", "VERB", "VB", "ccomp", 5, ""),
        (",", ",", "PUNCT", ",", "punct", 5, ""),
        ("Ross", "Ross", "PROPN", "NNP", "nsubj", 5, "PERSON"),
        ("said", "say", "VERB", "VBD", "ROOT", 5, ""),
        ("on", "on", "ADP", "IN", "prep", 5, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 6, "DATE"),
    ]
    article = tagged_article([content_first], [(0, "Tuesday", "2019-07-09", None)])
    (mention,) = extract_mentions(article)
    assert mention.content == "Ross said Talks will resume"


def test_undated_event_noun_with_a_named_agent_is_a_mention() -> None:
    # "It follows a directive from Trump ."
    follows = [
        ("It", "it", "PRON", "PRP", "nsubj", 1, ""),
        ("follows", "follow", "VERB", "VBZ", "ROOT", 1, ""),
        ("a", "a", "DET", "DT", "det", 3, ""),
        ("directive", "directive", "NOUN", "NN", "dobj", 1, ""),
        ("from", "from", "ADP", "IN", "prep", 3, ""),
        ("Trump", "Trump", "PROPN", "NNP", "pobj", 4, "PERSON"),
    ]
    nominal = [m for m in extract_mentions(tagged_article([follows])) if m.kind == "nominal"]
    assert [(m.predicate, m.subject, m.date) for m in nominal] == [("directive", "Trump", None)]


def test_the_company_is_the_organisation_the_story_names_most() -> None:
    named = [
        ("Acme", "Acme", "PROPN", "NNP", "nsubj", 1, "ORG"),
        ("grew", "grow", "VERB", "VBD", "ROOT", 1, ""),
    ]
    # "Regulators said they had fined the company ."
    reported = [
        ("Regulators", "regulator", "NOUN", "NNS", "nsubj", 1, ""),
        ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
        ("they", "they", "PRON", "PRP", "nsubj", 4, ""),
        ("had", "have", "AUX", "VBD", "aux", 4, ""),
        ("fined", "fine", "VERB", "VBN", "ccomp", 1, ""),
        ("the", "the", "DET", "DT", "det", 6, ""),
        ("company", "company", "NOUN", "NN", "dobj", 4, ""),
    ]
    mentions = extract_mentions(tagged_article([named, named, reported]))
    assert [(m.predicate, m.object) for m in mentions if m.sentence_index == 2] == [
        ("say", None),
        ("fine", "Acme"),
    ]


def test_goal_is_where_the_object_went_even_when_the_parse_hangs_it_on_the_object() -> None:
    # "Commerce placed Huawei and affiliates on its list in May"
    placed = [
        ("Commerce", "Commerce", "PROPN", "NNP", "nsubj", 1, "ORG"),
        ("placed", "place", "VERB", "VBD", "ROOT", 1, ""),
        ("Huawei", "Huawei", "PROPN", "NNP", "dobj", 1, "ORG"),
        ("and", "and", "CCONJ", "CC", "cc", 2, ""),
        ("affiliates", "affiliate", "NOUN", "NNS", "conj", 2, ""),
        ("on", "on", "ADP", "IN", "prep", 4, ""),
        ("its", "its", "PRON", "PRP$", "poss", 7, ""),
        ("list", "list", "NOUN", "NN", "pobj", 5, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("May", "May", "PROPN", "NNP", "pobj", 8, "DATE"),
    ]
    article = tagged_article([placed], [(0, "May", "2019-05", None)])
    (mention,) = extract_mentions(article)
    assert (mention.object, mention.goal, mention.voice) == ("Huawei", "to list", "active")


def test_passive_without_a_subject_keeps_its_goal_and_an_unknown_object() -> None:
    # A scraped line that lost its subject: "had been added to a blacklist in May"
    added = [
        ("had", "have", "AUX", "VBD", "aux", 2, ""),
        ("been", "be", "AUX", "VBN", "auxpass", 2, ""),
        ("added", "add", "VERB", "VBN", "ROOT", 2, ""),
        ("to", "to", "ADP", "IN", "prep", 2, ""),
        ("a", "a", "DET", "DT", "det", 5, ""),
        ("blacklist", "blacklist", "NOUN", "NN", "pobj", 3, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("May", "May", "PROPN", "NNP", "pobj", 6, "DATE"),
    ]
    article = tagged_article([added], [(0, "May", "2019-05", None)])
    (mention,) = extract_mentions(article)
    assert (mention.subject, mention.object, mention.goal, mention.voice) == (
        None,
        None,
        "to blacklist",
        "passive",
    )


def test_removal_has_the_opposite_direction_and_a_participle_acts_on_its_noun() -> None:
    # "The firm , removed from the list in June , rallied ."
    removed = [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("firm", "firm", "NOUN", "NN", "nsubj", 9, ""),
        (",", ",", "PUNCT", ",", "punct", 1, ""),
        ("removed", "remove", "VERB", "VBN", "acl", 1, ""),
        ("from", "from", "ADP", "IN", "prep", 3, ""),
        ("the", "the", "DET", "DT", "det", 6, ""),
        ("list", "list", "NOUN", "NN", "pobj", 4, ""),
        ("in", "in", "ADP", "IN", "prep", 3, ""),
        ("June", "June", "PROPN", "NNP", "pobj", 7, "DATE"),
        ("rallied", "rally", "VERB", "VBD", "ROOT", 9, ""),
    ]
    article = tagged_article([removed], [(0, "June", "2019-06", None)])
    dated = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [(m.predicate, m.object, m.goal) for m in dated] == [("remove", "firm", "from list")]


def test_a_light_verb_reports_the_event_that_is_its_subject() -> None:
    # "The bombings occurred on Friday"
    occurred = [
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("bombings", "bombing", "NOUN", "NNS", "nsubj", 2, ""),
        ("occurred", "occur", "VERB", "VBD", "ROOT", 2, ""),
        ("on", "on", "ADP", "IN", "prep", 2, ""),
        ("Friday", "Friday", "PROPN", "NNP", "pobj", 3, "DATE"),
    ]
    article = tagged_article([occurred], [(0, "Friday", "1998-08-07", None)])
    (mention,) = extract_mentions(article)
    assert mention.predicate == "bombing"


@pytest.mark.parametrize(
    ("noun", "predicate"),
    [("explosion", "explosion"), ("street", "kill")],
)
def test_victims_of_a_named_event_report_that_event(noun: str, predicate: str) -> None:
    # "On Friday four people were killed in an explosion" (or "in a street": no event)
    killed = [
        ("On", "on", "ADP", "IN", "prep", 5, ""),
        ("Friday", "Friday", "PROPN", "NNP", "pobj", 0, "DATE"),
        ("four", "four", "NUM", "CD", "nummod", 3, ""),
        ("people", "people", "NOUN", "NNS", "nsubjpass", 5, ""),
        ("were", "be", "AUX", "VBD", "auxpass", 5, ""),
        ("killed", "kill", "VERB", "VBN", "ROOT", 5, ""),
        ("in", "in", "ADP", "IN", "prep", 5, ""),
        ("an", "an", "DET", "DT", "det", 8, ""),
        (noun, noun, "NOUN", "NN", "pobj", 6, ""),
    ]
    article = tagged_article([killed], [(0, "Friday", "1998-08-07", None)])
    (mention,) = extract_mentions(article)
    assert mention.predicate == predicate


def test_a_happening_named_inside_a_statement_is_its_own_mention() -> None:
    # "South Africa deplored the blasts"
    deplored = [
        ("South", "South", "PROPN", "NNP", "compound", 1, "GPE"),
        ("Africa", "Africa", "PROPN", "NNP", "nsubj", 2, "GPE"),
        ("deplored", "deplore", "VERB", "VBD", "ROOT", 2, ""),
        ("the", "the", "DET", "DT", "det", 4, ""),
        ("blasts", "blast", "NOUN", "NNS", "dobj", 2, ""),
    ]
    article = tagged_article([deplored])
    assert [(m.predicate, m.kind) for m in extract_mentions(article)] == [
        ("deplore", "action"),
        ("blast", "nominal"),
    ]


def test_the_subject_of_a_support_verb_is_the_agent_of_its_event_noun() -> None:
    # "The ambassadors issued a statement on Friday" / "... deplored a blast on Friday"
    def sentence(
        verb: str, lemma: str, noun: str
    ) -> list[tuple[str, str, str, str, str, int, str]]:
        return [
            ("The", "the", "DET", "DT", "det", 1, ""),
            ("ambassadors", "ambassador", "NOUN", "NNS", "nsubj", 2, ""),
            (verb, lemma, "VERB", "VBD", "ROOT", 2, ""),
            ("a", "a", "DET", "DT", "det", 4, ""),
            (noun, noun, "NOUN", "NN", "dobj", 2, ""),
            ("on", "on", "ADP", "IN", "prep", 4, ""),
            ("Friday", "Friday", "PROPN", "NNP", "pobj", 5, "DATE"),
        ]

    friday = [(0, "Friday", "1999-03-12", None)]
    issued = extract_mentions(tagged_article([sentence("issued", "issue", "statement")], friday))
    deplored = extract_mentions(tagged_article([sentence("deplored", "deplore", "blast")], friday))
    assert [(m.predicate, m.subject) for m in issued if m.kind == "nominal"] == [
        ("statement", "The ambassadors")
    ]
    assert [(m.predicate, m.subject) for m in deplored if m.kind == "nominal"] == [("blast", None)]


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("ratification", "ratify"),
        ("accession", "accede"),
        ("explosion", "explode"),
        ("admission", "admit"),
        ("announcement", "announce"),
        ("approval", "approve"),
        ("withdrawal", "withdraw"),
        ("ruling", "rule"),
        ("election", "elect"),
    ],
)
def test_a_nominalisation_yields_its_verb_among_the_candidates(noun: str, verb: str) -> None:
    assert verb in verb_candidates(noun)


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("a \u201ccatastrophic mistake", "a \u201ccatastrophic mistake\u201d"),
        ('the "door', 'the "door"'),
        ("no quotes", "no quotes"),
        ("\u201cdone\u201d", "\u201cdone\u201d"),
    ],
)
def test_a_summary_closes_the_quotation_it_opens(text: str, closed: str) -> None:
    assert _close_quotes(text) == closed


# "Erdogan apologised to Netanyahu ." with the verb group varied.
def _erdogan(
    *verb: tuple[str, str, str, str, str],
) -> list[tuple[str, str, str, str, str, int, str]]:
    head = len(verb)  # the last word of the verb group is the main verb
    words = [("Erdogan", "Erdogan", "PROPN", "NNP", "nsubj", head, "PERSON")]
    words += [(t, lemma, pos, tag, dep, head, "") for t, lemma, pos, tag, dep in verb]
    return [
        *words[:-1],
        (*words[-1][:4], "ROOT", head, ""),
        ("to", "to", "ADP", "IN", "prep", head, ""),
        ("Netanyahu", "Netanyahu", "PROPN", "NNP", "pobj", head + 1, "PERSON"),
        (".", ".", "PUNCT", ".", "punct", head, ""),
    ]


PAST = ("apologised", "apologise", "VERB", "VBD", "ROOT")
HAS = ("has", "have", "AUX", "VBZ", "aux")
HAD = ("had", "have", "AUX", "VBD", "aux")
WILL = ("will", "will", "AUX", "MD", "aux")
PARTICIPLE = ("apologised", "apologise", "VERB", "VBN", "ROOT")
BASE = ("apologise", "apologise", "VERB", "VB", "ROOT")
PRESENT = ("apologises", "apologise", "VERB", "VBZ", "ROOT")
FILLER = [
    ("It", "it", "PRON", "PRP", "nsubj", 1, ""),
    ("rained", "rain", "VERB", "VBD", "ROOT", 1, ""),
]


@pytest.mark.parametrize(
    ("verb", "source"),
    [
        ((PAST,), "publish"),  # simple past: before the publish day
        ((HAS, PARTICIPLE), "publish"),  # present perfect: the news of the day
        ((HAD, PARTICIPLE), None),  # past perfect: before some earlier event
        ((WILL, BASE), None),  # future
        ((PRESENT,), None),  # present
    ],
)
def test_an_undated_past_lead_event_gets_the_publish_day(
    verb: tuple[tuple[str, str, str, str, str], ...], source: str | None
) -> None:
    article = tagged_article([_erdogan(*verb)], published=date(2019, 7, 10))
    (apologised,) = extract_mentions(article)
    assert apologised.date_source == source
    if source is None:
        assert apologised.date is None
    else:
        assert apologised.date is not None and apologised.date.value == "2019-07-10"
        assert apologised.time_expression is None  # no text states it


def test_a_past_passive_in_the_lead_gets_the_publish_day() -> None:
    killed = [
        ("Twelve", "twelve", "NUM", "CD", "nsubjpass", 2, ""),
        ("were", "be", "AUX", "VBD", "auxpass", 2, ""),
        ("killed", "kill", "VERB", "VBN", "ROOT", 2, ""),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
    (mention,) = extract_mentions(tagged_article([killed]))
    assert mention.date_source == "publish"


def test_past_events_after_the_lead_stay_undated() -> None:
    article = tagged_article([FILLER, FILLER, _erdogan(PAST)])
    mentions = extract_mentions(article)
    assert [m.date_source for m in mentions] == ["publish", "publish", None]


def test_a_sentence_with_a_date_of_its_own_gets_no_publish_day() -> None:
    # "Netanyahu spoke on Monday, when Erdogan apologised": Monday anchors the clause.
    spoke, apologised = extract_mentions(
        tagged_article([WHEN_CLAUSE], [(0, "Monday", "2019-07-08", None)])
    )
    assert (spoke.date_source, apologised.date_source) == ("own", None)


@pytest.mark.parametrize(
    ("verb", "noun"),
    [
        ("shoot", "shooting"),
        ("bomb", "bombing"),
        ("explode", "explosion"),
        ("kill", "killing"),
        ("detain", "detention"),
        ("flood", "flooding"),
    ],
)
def test_a_verb_and_its_event_noun_name_one_kind_of_happening(verb: str, noun: str) -> None:
    assert event_class(verb) is not None
    assert event_class(verb) == event_class(noun)


@pytest.mark.parametrize(
    ("entity", "name"),
    [
        ("Mr. Ross's", "Ross"),
        ("under Mubarak", "Mubarak"),
        ("of Gaddafi", "Gaddafi"),
        ("de Klerk", "de Klerk"),
        ("To Huy Rua", "To Huy Rua"),
        ("the", ""),
        # a span run on into the next phrase, and quotation marks around a name
        ("'Free World ' of the", "Free World"),
        ("\u201cThe Guardian\u201d", "Guardian"),
        ("\u2019s G20", "G20"),
        ("David Cameron - and", "David Cameron"),
        ("-- Ahmed Rehab", "Ahmed Rehab"),
        ("Bank of America", "Bank of America"),
        ("O'Neill", "O'Neill"),
        # a prefix glued to a name makes an adjective: no group, nor part of one
        ("pro-Taliban", ""),
        ("pro-Western Fatah", "Fatah"),
        ("al-Qaeda", "al-Qaeda"),
        ("Anti-Defamation League", "Anti-Defamation League"),
        ("U.S.-led", ""),
        (
            "NATO-led International Security Assistance Force",
            "NATO-led International Security Assistance Force",
        ),
    ],
)
def test_a_name_loses_titles_and_stray_function_words_not_its_particles(
    entity: str, name: str
) -> None:
    assert clean_name(entity, frozenset({"mr."})) == name


# "A guide stands near the pyramid March 5 , 2011 ." (a news photo's caption)
CAPTION = [
    ("A", "a", "DET", "DT", "det", 1, ""),
    ("guide", "guide", "NOUN", "NN", "nsubj", 2, ""),
    ("stands", "stand", "VERB", "VBZ", "ROOT", 2, ""),
    ("near", "near", "ADP", "IN", "prep", 2, ""),
    ("the", "the", "DET", "DT", "det", 5, ""),
    ("pyramid", "pyramid", "NOUN", "NN", "pobj", 3, ""),
    ("March", "March", "PROPN", "NNP", "npadvmod", 2, "DATE"),
    ("5", "5", "NUM", "CD", "nummod", 6, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 6, "DATE"),
    ("2011", "2011", "NUM", "CD", "nummod", 6, "DATE"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def _as_past(spec: list[tuple[str, str, str, str, str, int, str]]) -> list[tuple[str, ...]]:
    """The same sentence with its main verb in the past tense ("stood")."""
    return [("stood", "stand", "VERB", "VBD", "ROOT", 2, "") if t[4] == "ROOT" else t for t in spec]


def test_a_photo_caption_date_dates_no_event() -> None:
    """A present-tense sentence ending on a full date is a caption: the date is the
    picture's, so it dates nothing and is listed as skipped with that reason."""
    article = tagged_article(
        [CAPTION], [(0, "March 5 , 2011", "2011-03-05", None)], published=date(2011, 4, 22)
    )
    assert [m.date for m in extract_mentions(article)] == [None]
    (skipped,) = analyse_article(article).skipped
    assert skipped.reason == "a photo caption's date (present tense, the date last)"


def test_a_past_tense_sentence_ending_on_its_date_is_an_event() -> None:
    article = tagged_article(
        [_as_past(CAPTION)],
        [(0, "March 5 , 2011", "2011-03-05", None)],
        published=date(2011, 4, 22),
    )
    assert [m.date and m.date.value for m in extract_mentions(article)] == ["2011-03-05"]


def test_a_present_tense_date_after_the_publish_date_is_a_plan_not_a_caption() -> None:
    """ "The vote takes place March 5, 2011", printed before it, schedules the vote."""
    article = tagged_article(
        [CAPTION], [(0, "March 5 , 2011", "2011-03-05", None)], published=date(2011, 3, 1)
    )
    assert [m.date and m.date.value for m in extract_mentions(article)] == ["2011-03-05"]


# "The record is 24.5 inches set April 6 , 1886 ."
RECORD_SET = [
    ("The", "the", "DET", "DT", "det", 1, ""),
    ("record", "record", "NOUN", "NN", "nsubj", 2, ""),
    ("is", "be", "AUX", "VBZ", "ROOT", 2, ""),
    ("24.5", "24.5", "NUM", "CD", "nummod", 4, ""),
    ("inches", "inch", "NOUN", "NNS", "attr", 2, ""),
    ("set", "set", "VERB", "VBN", "acl", 4, ""),
    ("April", "April", "PROPN", "NNP", "npadvmod", 5, "DATE"),
    ("6", "6", "NUM", "CD", "nummod", 6, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 6, "DATE"),
    ("1886", "1886", "NUM", "CD", "nummod", 6, "DATE"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_date_on_a_clause_verb_of_a_present_sentence_is_no_caption() -> None:
    """ "The record is 24.5 inches set April 6, 1886": the date is the setting's."""
    article = tagged_article(
        [RECORD_SET], [(0, "April 6 , 1886", "1886-04-06", None)], published=date(2011, 2, 2)
    )
    dated = [(m.predicate, m.date.value) for m in extract_mentions(article) if m.date]
    assert dated == [("set", "1886-04-06")]


def test_a_pronoun_under_a_named_subject_is_that_person() -> None:
    # "Jan Kavan said he worked in Kansas City in 1968": Kavan, though Ross was named last before.
    kavan_said = [
        ("Jan", "Jan", "PROPN", "NNP", "compound", 1, "PERSON"),
        ("Kavan", "Kavan", "PROPN", "NNP", "nsubj", 2, "PERSON"),
        ("said", "say", "VERB", "VBD", "ROOT", 2, ""),
        ("he", "he", "PRON", "PRP", "nsubj", 4, ""),
        ("worked", "work", "VERB", "VBD", "ccomp", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("1968", "1968", "NUM", "CD", "pobj", 5, "DATE"),
    ]
    article = tagged_article([ROSS_SAID, kavan_said], [(1, "1968", "1968", None)])
    worked = next(m for m in extract_mentions(article) if m.predicate == "work")
    assert (worked.subject, worked.people) == ("Jan Kavan", ["Jan Kavan"])
    # With no person above it in its sentence, "he" is still the last person named.
    assert extract_mentions(tagged_article([ROSS_SAID, HE_ADDED]))[1].subject == "Ross"


def test_a_pronoun_is_no_one_the_article_titles_as_the_other_sex() -> None:
    # "Mrs. Ross said on Tuesday" / "He added that talks will resume": not Ross.
    mrs_ross_said = [("Mrs.", "Mrs.", "PROPN", "NNP", "compound", 1, ""), *shifted(ROSS_SAID)]
    mentions = extract_mentions(tagged_article([mrs_ross_said, HE_ADDED]))
    assert (mentions[0].subject, mentions[1].subject) == ("Ross", "He")
    # "She added ...": Mrs. Ross; and with no title, "he" is still the last person.
    she_added = [("She", "she", "PRON", "PRP", "nsubj", 1, ""), *HE_ADDED[1:]]
    assert extract_mentions(tagged_article([mrs_ross_said, she_added]))[1].subject == "Ross"
    assert extract_mentions(tagged_article([ROSS_SAID, HE_ADDED]))[1].subject == "Ross"


@pytest.mark.parametrize(
    ("name", "person"),
    [("Tahrir Square", False), ("Mitiga Airport", False), ("Joint Meeting", False),
     ("Jack Straw", True), ("Square", True)],
)  # fmt: skip
def test_a_name_ending_in_a_place_or_gathering_word_is_no_person(name: str, person: bool) -> None:
    assert _looks_like_person(name) is person


def test_the_articles_own_outlet_is_no_person() -> None:
    # "Kavan told Wire on Tuesday", in a report of the outlet Wire, which spaCy calls a person.
    told = [
        ("Kavan", "Kavan", "PROPN", "NNP", "nsubj", 1, "PERSON"),
        ("told", "tell", "VERB", "VBD", "ROOT", 1, ""),
        ("Wire", "Wire", "PROPN", "NNP", "dobj", 1, "PERSON"),
        ("on", "on", "ADP", "IN", "prep", 1, ""),
        ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 3, "DATE"),
    ]
    article = tagged_article([told], [(0, "Tuesday", "2019-07-09", None)])
    assert extract_mentions(article)[0].people == ["Kavan"]


def shifted(
    tokens: list[tuple[str, str, str, str, str, int, str]],
) -> list[tuple[str, str, str, str, str, int, str]]:
    """A hand-built sentence's tokens with their heads one further on (a word put before)."""
    return [(*t[:5], t[5] + 1, t[6]) for t in tokens]


# "Ross met Xi ." / "Xi met Ross ." before "He added that talks will resume ."
ROSS_MET_XI = [
    ("Ross", "Ross", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("met", "meet", "VERB", "VBD", "ROOT", 1, ""),
    ("Xi", "Xi", "PROPN", "NNP", "dobj", 1, "PERSON"),
]
# "The court freed Xi ." names a person only as the object.
COURT_FREED_XI = [
    ("The", "the", "DET", "DT", "det", 1, ""),
    ("court", "court", "NOUN", "NN", "nsubj", 2, ""),
    ("freed", "free", "VERB", "VBD", "ROOT", 2, ""),
    ("Xi", "Xi", "PROPN", "NNP", "dobj", 2, "PERSON"),
]


def test_a_pronoun_stands_for_the_last_subject_before_the_last_name() -> None:
    # "Ross met Xi. He added ...": Ross, the subject, though Xi was named last.
    assert extract_mentions(tagged_article([ROSS_MET_XI, HE_ADDED]))[1].subject == "Ross"
    # A sentence naming someone only as its object leaves the last name.
    mentions = extract_mentions(tagged_article([ROSS_SAID, COURT_FREED_XI, HE_ADDED]))
    assert next(m for m in mentions if m.predicate == "add").subject == "Xi"


# "Born on November 25 , 1915 , Pinochet finished school ." dates the birth.
BORN_ON = [
    ("Born", "bear", "VERB", "VBN", "advcl", 8, ""),
    ("on", "on", "ADP", "IN", "prep", 0, ""),
    ("November", "November", "PROPN", "NNP", "pobj", 1, "DATE"),
    ("25", "25", "NUM", "CD", "nummod", 2, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 2, "DATE"),
    ("1915", "1915", "NUM", "CD", "nummod", 2, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 8, ""),
    ("Pinochet", "Pinochet", "PROPN", "NNP", "nsubj", 8, "PERSON"),
    ("finished", "finish", "VERB", "VBD", "ROOT", 8, ""),
    ("school", "school", "NOUN", "NN", "dobj", 8, ""),
]
# "Asked on Tuesday , Ross said" dates the saying, as "Speaking on Tuesday" does.
ASKED_ON = [
    ("Asked", "ask", "VERB", "VBN", "advcl", 5, ""),
    ("on", "on", "ADP", "IN", "prep", 0, ""),
    ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 1, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 5, ""),
    ("Ross", "Ross", "PROPN", "NNP", "nsubj", 5, "PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 5, ""),
]
# "As planned on Tuesday , Ross left" dates the leaving.
AS_PLANNED = [
    ("As", "as", "SCONJ", "IN", "mark", 1, ""),
    ("planned", "plan", "VERB", "VBN", "advcl", 6, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 2, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 6, ""),
    ("Ross", "Ross", "PROPN", "NNP", "nsubj", 6, "PERSON"),
    ("left", "leave", "VERB", "VBD", "ROOT", 6, ""),
]


@pytest.mark.parametrize(
    ("sentence", "expression", "dated"),
    [
        (BORN_ON, (0, "November 25 , 1915", "1915-11-25", None), ("bear", "1915-11-25")),
        (ASKED_ON, (0, "Tuesday", "2019-07-09", None), ("say", "2019-07-09")),
        (AS_PLANNED, (0, "Tuesday", "2019-07-09", None), ("leave", "2019-07-09")),
    ],
)
def test_a_past_participle_clause_keeps_its_own_date(
    sentence: list[tuple[str, str, str, str, str, int, str]],
    expression: tuple[int, str, str, str | None],
    dated: tuple[str, str],
) -> None:
    article = tagged_article([sentence], [expression])
    assert [(m.predicate, m.date.value) for m in extract_mentions(article) if m.date] == [dated]


@pytest.mark.parametrize(
    ("bracket", "defined"),
    [("BIS", True), ("B.I.S.", True), ("BSI", False), ("Commerce", False)],
)
def test_an_acronym_in_brackets_after_a_name_spells_it_out(bracket: str, defined: bool) -> None:
    # "The Bureau of Industry and Security ( BIS ) issued rules ."
    name = [("Bureau", "PROPN"), ("of", "ADP"), ("Industry", "PROPN"), ("and", "CCONJ")]
    spec = [("The", "the", "DET", "DT", "det", 1, "")]
    spec += [(w, w, pos, "NNP", "compound", 5, "ORG") for w, pos in name]
    spec += [
        ("Security", "Security", "PROPN", "NNP", "nsubj", 9, "ORG"),
        ("(", "(", "PUNCT", "-LRB-", "punct", 5, ""),
        (bracket, bracket, "PROPN", "NNP", "appos", 5, ""),
        (")", ")", "PUNCT", "-RRB-", "punct", 5, ""),
        ("issued", "issue", "VERB", "VBD", "ROOT", 9, ""),
        ("rules", "rule", "NOUN", "NNS", "dobj", 9, ""),
    ]
    uses = analyse_article(tagged_article([spec])).names
    spelled = [(u.surface, u.name) for u in uses if u.surface == bracket]
    assert spelled == ([(bracket, "Bureau of Industry and Security")] if defined else [])


# 'Obama said " he lost legitimacy "': inside the quotation the speaker would say "I".
OBAMA_QUOTED = [
    ("Obama", "Obama", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ('"', '"', "PUNCT", "``", "punct", 4, ""),
    ("he", "he", "PRON", "PRP", "nsubj", 4, ""),
    ("lost", "lose", "VERB", "VBD", "ccomp", 1, ""),
    ("legitimacy", "legitimacy", "NOUN", "NN", "dobj", 4, ""),
    ('"', '"', "PUNCT", "''", "punct", 4, ""),
]
# 'Kavan , who wore an " X " hat , said he lost': the quotation closed before "he".
KAVAN_WORE = [
    ("Kavan", "Kavan", "PROPN", "NNP", "nsubj", 8, "PERSON"),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("who", "who", "PRON", "WP", "nsubj", 3, ""),
    ("wore", "wear", "VERB", "VBD", "relcl", 0, ""),
    ('"', '"', "PUNCT", "``", "punct", 5, ""),
    ("X", "X", "PROPN", "NNP", "dobj", 3, ""),
    ('"', '"', "PUNCT", "''", "punct", 5, ""),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("said", "say", "VERB", "VBD", "ROOT", 8, ""),
    ("he", "he", "PRON", "PRP", "nsubj", 10, ""),
    ("lost", "lose", "VERB", "VBD", "ccomp", 8, ""),
]


@pytest.mark.parametrize(("sentence", "subject"), [(OBAMA_QUOTED, "Ross"), (KAVAN_WORE, "Kavan")])
def test_a_pronoun_inside_a_quotation_is_not_the_speaker(
    sentence: list[tuple[str, str, str, str, str, int, str]], subject: str
) -> None:
    article = tagged_article([ROSS_SAID, sentence])
    lost = next(m for m in extract_mentions(article) if m.predicate == "lose")
    assert lost.subject == subject


# "Obama , who made a trip on Friday , spoke ."
OBAMA_WHO = [
    ("Obama", "Obama", "PROPN", "NNP", "nsubj", 9, "PERSON"),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("who", "who", "PRON", "WP", "nsubj", 3, ""),
    ("made", "make", "VERB", "VBD", "relcl", 0, ""),
    ("a", "a", "DET", "DT", "det", 5, ""),
    ("trip", "trip", "NOUN", "NN", "dobj", 3, ""),
    ("on", "on", "ADP", "IN", "prep", 3, ""),
    ("Friday", "Friday", "PROPN", "NNP", "pobj", 6, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 9, ""),
]


def test_a_relative_pronoun_subject_is_the_noun_it_stands_for() -> None:
    article = tagged_article([OBAMA_WHO], [(0, "Friday", "2010-05-28", None)])
    made = next(m for m in extract_mentions(article) if m.predicate == "make")
    assert (made.subject, made.people) == ("Obama", ["Obama"])


# "Talks with China , which fell apart in May resumed" (the parser's attachment)
TALKS_WHICH = [
    ("Talks", "talk", "NOUN", "NNS", "nsubj", 9, ""),
    ("with", "with", "ADP", "IN", "prep", 0, ""),
    ("China", "China", "PROPN", "NNP", "pobj", 1, "GPE"),
    (",", ",", "PUNCT", ",", "punct", 2, ""),
    ("which", "which", "PRON", "WDT", "nsubj", 5, ""),
    ("fell", "fall", "VERB", "VBD", "relcl", 2, ""),
    ("apart", "apart", "ADV", "RB", "advmod", 5, ""),
    ("in", "in", "ADP", "IN", "prep", 5, ""),
    ("May", "May", "PROPN", "NNP", "pobj", 7, "DATE"),
    ("resumed", "resume", "VERB", "VBD", "ROOT", 9, ""),
]


def test_a_relative_pronoun_after_a_noun_of_a_noun_names_no_one() -> None:
    """Either "talks" or "China" may have fallen apart: the subject stays "which"."""
    article = tagged_article([TALKS_WHICH], [(0, "May", "2019-05", None)])
    fell = next(m for m in extract_mentions(article) if m.predicate == "fall")
    assert fell.subject == "which"


def _it_sentence(
    verb: tuple[str, str], dep: str, rest: list[tuple[str, str, str, str, str, int, str]]
) -> list[tuple[str, str, str, str, str, int, str]]:
    """ "BP <verb> it <rest>": the clause of "it" hangs on the verb as ``dep``."""
    return [
        ("BP", "BP", "PROPN", "NNP", "nsubj", 1, "ORG"),
        (verb[0], verb[1], "VERB", "VBD", "ROOT", 1, ""),
        *([("when", "when", "SCONJ", "WRB", "advmod", 4, "")] if dep == "advcl" else []),
        ("it", "it", "PRON", "PRP", "nsubj", 3 + (dep == "advcl"), ""),
        *rest,
    ]


@pytest.mark.parametrize(
    ("sentence", "predicate", "subject"),
    [
        # "BP said it sent ships": BP.
        (
            _it_sentence(
                ("said", "say"),
                "ccomp",
                [
                    ("sent", "send", "VERB", "VBD", "ccomp", 1, ""),
                    ("ships", "ship", "NOUN", "NNS", "dobj", 3, ""),
                ],
            ),
            "send",
            "BP",
        ),
        # "BP leased the rig when it exploded": the rig, not BP.
        (
            _it_sentence(
                ("leased", "lease"),
                "advcl",
                [("exploded", "explode", "VERB", "VBD", "advcl", 1, "")],
            ),
            "explode",
            "it",
        ),
    ],
)
def test_it_is_the_organisation_whose_saying_it_completes(
    sentence: list[tuple[str, str, str, str, str, int, str]], predicate: str, subject: str
) -> None:
    mentions = extract_mentions(tagged_article([sentence]))
    assert next(m for m in mentions if m.predicate == predicate).subject == subject


def test_it_standing_for_a_clause_names_no_one() -> None:
    # "BP said it is wise to drill wells": "it" is the drilling, not BP.
    sentence = _it_sentence(
        ("said", "say"),
        "ccomp",
        [
            ("is", "be", "AUX", "VBZ", "ccomp", 1, ""),
            ("wise", "wise", "ADJ", "JJ", "acomp", 3, ""),
            ("to", "to", "PART", "TO", "aux", 6, ""),
            ("drill", "drill", "VERB", "VB", "xcomp", 3, ""),
        ],
    )
    view = ArticleView(tagged_article([sentence]))
    assert principal_actor(view, view.tokens[2], []) == (None, False)
    # "BP said it began drilling": BP.
    sentence[3:] = [("began", "begin", "VERB", "VBD", "ccomp", 1, "")]
    view = ArticleView(tagged_article([sentence]))
    assert principal_actor(view, view.tokens[2], []) == ("BP", False)


# "James Kopp fled ." / "Kopp , 44 , became a suspect ." (spaCy: GPE) / "Kopp hid ."
KOPP_FLED = [
    ("James", "James", "PROPN", "NNP", "compound", 1, "PERSON"),
    ("Kopp", "Kopp", "PROPN", "NNP", "nsubj", 2, "PERSON"),
    ("fled", "flee", "VERB", "VBD", "ROOT", 2, ""),
]
KOPP_AS_PLACE = [
    ("Kopp", "Kopp", "PROPN", "NNP", "nsubj", 4, "GPE"),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("44", "44", "NUM", "CD", "appos", 0, ""),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("became", "become", "VERB", "VBD", "ROOT", 4, ""),
    ("a", "a", "DET", "DT", "det", 6, ""),
    ("suspect", "suspect", "NOUN", "NN", "attr", 4, ""),
]
KOPP_HID = [
    ("Kopp", "Kopp", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("hid", "hide", "VERB", "VBD", "ROOT", 1, ""),
]
HE_WAS_CHARGED = [
    ("He", "he", "PRON", "PRP", "nsubjpass", 2, ""),
    ("was", "be", "AUX", "VBD", "auxpass", 2, ""),
    ("charged", "charge", "VERB", "VBN", "ROOT", 2, ""),
    ("Thursday", "Thursday", "PROPN", "NNP", "npadvmod", 2, "DATE"),
]
TOLBERT_SAID = [
    ("Bernard", "Bernard", "PROPN", "NNP", "compound", 1, "PERSON"),
    ("Tolbert", "Tolbert", "PROPN", "NNP", "nsubj", 2, "PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 2, ""),
]


# "Kopp , 44 , became a suspect ." with no entity on "Kopp" (the small model
# missed it), or as a word of a longer name ("Kopp Foundation became a suspect .").
KOPP_UNLABELLED = [(t[0], *t[1:6], "") for t in KOPP_AS_PLACE]
KOPP_FOUNDATION = [
    ("Kopp", "Kopp", "PROPN", "NNP", "compound", 1, ""),
    ("Foundation", "Foundation", "PROPN", "NNP", "nsubj", 2, ""),
    ("became", "become", "VERB", "VBD", "ROOT", 2, ""),
    ("a", "a", "DET", "DT", "det", 4, ""),
    ("suspect", "suspect", "NOUN", "NN", "attr", 2, ""),
]
ANNE_KOPP_SAID = [
    ("Anne", "Anne", "PROPN", "NNP", "compound", 1, "PERSON"),
    ("Kopp", "Kopp", "PROPN", "NNP", "nsubj", 2, "PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 2, ""),
]


@pytest.mark.parametrize(
    ("sentences", "actor"),
    [
        # the article names Kopp alone as a person more often than as a place
        (
            [KOPP_FLED, KOPP_HID, KOPP_HID, TOLBERT_SAID, KOPP_AS_PLACE, HE_WAS_CHARGED],
            "James Kopp",
        ),
        # as often one way as the other: the recogniser's label stands, and "he" is
        # the last person named
        ([KOPP_FLED, KOPP_HID, TOLBERT_SAID, KOPP_AS_PLACE, HE_WAS_CHARGED], "Bernard Tolbert"),
        # a lone surname the recogniser left unlabelled is the person named in full,
        # whom "He" stands for as the last subject
        ([KOPP_FLED, TOLBERT_SAID, KOPP_UNLABELLED, HE_WAS_CHARGED], "James Kopp"),
        # a word of a longer name is no one: "He" is still the last subject
        ([KOPP_FLED, TOLBERT_SAID, KOPP_FOUNDATION, HE_WAS_CHARGED], "Bernard Tolbert"),
        # a surname two people of the article share names neither on its own
        (
            [KOPP_FLED, ANNE_KOPP_SAID, TOLBERT_SAID, KOPP_UNLABELLED, HE_WAS_CHARGED],
            "Bernard Tolbert",
        ),
    ],
)
def test_a_lone_surname_is_the_person_the_article_names_in_full(
    sentences: list[list[tuple]], actor: str
) -> None:
    article = tagged_article(sentences, [(len(sentences) - 1, "Thursday", "2019-07-04", None)])
    charged = [m for m in extract_mentions(article) if m.predicate == "charge"]
    assert [m.subject for m in charged] == [actor]


# "Agents charged in the Dec. 21 , 1988 , bombing fled ." as spaCy parses it: the
# date hung on the preposition, the noun set beside the agents.
CHARGED_IN_THE_BOMBING = [
    ("Agents", "agent", "NOUN", "NNS", "nsubj", 10, ""),
    ("charged", "charge", "VERB", "VBN", "acl", 0, ""),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("the", "the", "DET", "DT", "det", 4, ""),
    ("Dec.", "Dec.", "PROPN", "NNP", "pobj", 2, "DATE"),
    ("21", "21", "NUM", "CD", "nummod", 4, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 4, "DATE"),
    ("1988", "1988", "NUM", "CD", "nummod", 4, "DATE"),
    (",", ",", "PUNCT", ",", "punct", 0, ""),
    ("bombing", "bombing", "NOUN", "NN", "appos", 0, ""),
    ("fled", "flee", "VERB", "VBD", "ROOT", 10, ""),
]


@pytest.mark.parametrize(
    ("noun", "dated"),
    [
        ("bombing", [("bombing", "1988-12-21")]),
        ("car", []),  # a thing: the date dates nothing
        ("hour", [("charge", "1988-12-21")]),  # a noun of time: the parse decides
    ],
)
def test_a_date_between_the_and_a_noun_dates_that_noun(
    noun: str, dated: list[tuple[str, str]]
) -> None:
    rows = [
        (noun, noun, *row[2:]) if row[0] == "bombing" else row for row in CHARGED_IN_THE_BOMBING
    ]
    article = tagged_article([rows], [(0, "Dec. 21 , 1988", "1988-12-21", None)])
    own = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [(m.predicate, m.date.value) for m in own if m.date] == dated


def _spoke(first: str, last: str, *, title: bool = False) -> list[tuple]:
    """ "[President] First Last spoke ." with the title before the name."""
    rows: list[tuple] = [("President", "president", "PROPN", "NNP", "compound", 2, "")]
    rows = rows if title else [("Mr.", "Mr.", "PROPN", "NNP", "compound", 2, "")]
    return [
        *rows,
        (first, first, "PROPN", "NNP", "compound", 2, "PERSON"),
        (last, last, "PROPN", "NNP", "nsubj", 3, "PERSON"),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 3, ""),
    ]


THE_PRESIDENT_STOPPED = [
    ("The", "the", "DET", "DT", "det", 1, ""),
    ("president", "president", "NOUN", "NN", "nsubj", 2, ""),
    ("stopped", "stop", "VERB", "VBD", "ROOT", 2, ""),
    ("drilling", "drilling", "NOUN", "NN", "dobj", 2, ""),
    ("Friday", "Friday", "PROPN", "NNP", "npadvmod", 2, "DATE"),
]


@pytest.mark.parametrize(
    ("sentences", "actor"),
    [
        # named twice against once: the story's president, though not the last
        (
            [
                _spoke("Barack", "Obama", title=True),
                _spoke("Barack", "Obama"),
                _spoke("Bill", "Clinton", title=True),
            ],
            "Barack Obama",
        ),
        # as often each: the last one given the title
        (
            [_spoke("Barack", "Obama", title=True), _spoke("Bill", "Clinton", title=True)],
            "Bill Clinton",
        ),
    ],
)
def test_a_bare_title_is_the_person_most_named_with_it(
    sentences: list[list[tuple]], actor: str
) -> None:
    rows = [*sentences, THE_PRESIDENT_STOPPED]
    article = tagged_article(rows, [(len(sentences), "Friday", "2010-06-11", None)])
    stopped = [m for m in extract_mentions(article) if m.predicate == "stop"]
    assert [m.subject for m in stopped] == [actor]


# a glued headline: "... Ron Paul says of Mubarak Obama says ..."
GLUED_NAMES = [
    ("Mubarak", "Mubarak", "PROPN", "NNP", "compound", 1, "PERSON"),
    ("Obama", "Obama", "PROPN", "NNP", "nsubj", 2, "PERSON"),
    ("says", "say", "VERB", "VBZ", "ROOT", 2, ""),
]
OBAMA_SAID = [
    ("Obama", "Obama", "PROPN", "NNP", "nsubj", 1, "PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ("Friday", "Friday", "PROPN", "NNP", "npadvmod", 1, "DATE"),
]


def test_two_surnames_run_together_are_nobodys_full_name() -> None:
    sentences = [GLUED_NAMES, _spoke("Hosni", "Mubarak"), _spoke("Barack", "Obama"), OBAMA_SAID]
    article = tagged_article(sentences, [(3, "Friday", "2011-02-11", None)])
    said = [m for m in extract_mentions(article) if m.date_source == "own"]
    assert [m.subject for m in said] == ["Barack Obama"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "Harry Reid, D-Nev.\n, on Tuesday praised it.",
            "Harry Reid, D-Nev., on Tuesday praised it.",
        ),
        ("A  line\nbroken   twice.", "A line broken twice."),
    ],
)
def test_a_sentence_is_printed_on_one_line(text: str, line: str) -> None:
    assert one_line(text) == line
