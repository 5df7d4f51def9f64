"""Resolution: anchoring underspecified values on the DCT and the governing tense."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from huawei_timeline.models import Sentence, Tense, Token
from huawei_timeline.timex.resolve import (
    Underspecified,
    dateparser_value,
    easter_sunday,
    governing_tense,
    movable_day,
    resolve,
)

WED = date(2019, 7, 10)  # a Wednesday in ISO week 28


@pytest.mark.parametrize(
    ("partial", "dct", "tense", "value"),
    [
        # weekday: past = latest on or before the DCT, future = earliest on or after
        (Underspecified(type="DATE", value="XXXX-WXX-2"), WED, "PAST", "2019-07-09"),
        (Underspecified(type="DATE", value="XXXX-WXX-2"), date(2019, 7, 9), "PAST", "2019-07-09"),
        (Underspecified(type="DATE", value="XXXX-WXX-5"), WED, "FUTURE", "2019-07-12"),
        (Underspecified(type="DATE", value="XXXX-WXX-2"), WED, None, "2019-07-09"),
        (
            Underspecified(type="DATE", value="XXXX-WXX-2", direction="after"),
            WED,
            "PAST",
            "2019-07-16",
        ),
        # month without a year: the tense picks the year
        (Underspecified(type="DATE", value="XXXX-05"), WED, "PAST", "2019-05"),
        (Underspecified(type="DATE", value="XXXX-10"), WED, "PAST", "2018-10"),
        (Underspecified(type="DATE", value="XXXX-10", mod="MID"), WED, "FUTURE", "2019-10"),
        (Underspecified(type="DATE", value="XXXX-07"), WED, "PAST", "2019-07"),
        (Underspecified(type="DATE", value="XXXX-01"), date(2019, 12, 20), None, "2020-01"),
        (
            Underspecified(type="DATE", value="XXXX-08", direction="before"),
            date(2019, 7, 9),
            "FUTURE",
            "2018-08",
        ),
        (
            Underspecified(type="DATE", value="XXXX-08", direction="before"),
            date(2019, 9, 2),
            None,
            "2019-08",
        ),
        (Underspecified(type="DATE", value="XXXX-05-16"), WED, "PAST", "2019-05-16"),
        (Underspecified(type="DATE", value="XXXX-SU", direction="same"), WED, "PAST", "2019-SU"),
        # weekends and times of day
        (Underspecified(type="DATE", value="XXXX-WXX-WE"), date(2019, 7, 1), "PAST", "2019-W26-WE"),
        (Underspecified(type="DATE", value="XXXX-WXX-WE"), date(2019, 7, 6), "PAST", "2019-W27-WE"),
        (Underspecified(type="TIME", value="XXXX-WXX-1TMO"), WED, "PAST", "2019-07-08TMO"),
        (Underspecified(type="TIME", value="XXXX-XX-XXT10:30"), WED, None, "2019-07-10T10:30"),
        # shifts of the DCT, kept at the unit's granularity
        (Underspecified(type="DATE", shift=-2, unit="week"), WED, None, "2019-W26"),
        (Underspecified(type="DATE", shift=-1, unit="month"), date(2019, 1, 15), None, "2018-12"),
        (Underspecified(type="DATE", shift=-1, unit="year"), WED, None, "2018"),
        (Underspecified(type="DATE", shift=0, unit="quarter"), WED, None, "2019-Q3"),
        (Underspecified(type="DATE", shift=-1, unit="half"), WED, None, "2019-H1"),
        (Underspecified(type="DATE", shift=-1, unit="season"), date(2019, 1, 15), None, "2018-FA"),
        (Underspecified(type="DATE", shift=1, unit="weekend"), WED, None, "2019-W29-WE"),
        (Underspecified(type="DATE", shift=-1, unit="decade"), WED, None, "200"),
        (Underspecified(type="DATE", shift=-1, unit="day"), date(2019, 3, 1), None, "2019-02-28"),
        (
            Underspecified(type="TIME", shift=-1, unit="day", suffix="TMO"),
            WED,
            None,
            "2019-07-09TMO",
        ),
        (Underspecified(type="DATE", shift=-1, unit="week"), date(2020, 1, 2), None, "2019-W52"),
        # values that need no anchor pass through
        (Underspecified(type="DURATION", value="P90D"), WED, "PAST", "P90D"),
        (Underspecified(type="DATE", value="PAST_REF"), WED, "FUTURE", "PAST_REF"),
        (Underspecified(type="SET", value="XXXX-WXX-7"), WED, None, "XXXX-WXX-7"),
        (Underspecified(type="DATE", value="2015"), WED, "FUTURE", "2015"),
    ],
)
def test_resolve(partial: Underspecified, dct: date, tense: Tense | None, value: str) -> None:
    resolved = resolve(partial, dct, tense)
    assert resolved is not None
    assert (resolved.value, resolved.mod) == (value, partial.mod)


def test_resolve_uses_the_date_of_a_datetime_dct() -> None:
    dct = datetime(2019, 7, 11, 23, 30, tzinfo=timezone(timedelta(hours=1)))
    resolved = resolve(Underspecified(type="DATE", shift=0, unit="day"), dct)
    assert resolved is not None
    assert (resolved.value, resolved.granularity) == ("2019-07-11", "day")


@pytest.mark.parametrize(
    ("year", "day"),
    [(1818, (3, 22)), (1998, (4, 12)), (2000, (4, 23)), (2008, (3, 23)), (2019, (4, 21)),
     (2038, (4, 25))],
)  # fmt: skip
def test_easter_sunday_follows_the_gregorian_computus(year: int, day: tuple[int, int]) -> None:
    """Known Easter Sundays, the earliest (22 March) and the latest (25 April) among them."""
    assert easter_sunday(year) == date(year, *day)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("1999-11-22>4", "1999-11-25"),  # Thanksgiving: the fourth Thursday of November
        ("1998-09-01>1", "1998-09-07"),  # Labor Day: the first Monday of September
        ("2019-09-01>7", "2019-09-01"),  # already that weekday
        ("2000-E-2", "2000-04-21"),  # Good Friday
        ("2000-E+49", "2000-06-11"),  # Pentecost
        ("1998-11", "1998-11"),  # not a movable holiday: as it is
    ],
)
def test_movable_day_is_that_years_day(value: str, day: str) -> None:
    assert movable_day(value) == day


@pytest.mark.parametrize(
    ("dct", "tense", "value"),
    [
        (date(2000, 1, 10), "PAST", "1999-11-25"),
        (date(2000, 3, 1), "FUTURE", "2000-11-23"),
        (date(2000, 3, 1), "PAST", "1999-11-25"),
        (date(1999, 11, 20), None, "1999-11-25"),
    ],
)
def test_a_movable_holiday_is_anchored_like_a_fixed_one(
    dct: date, tense: Tense | None, value: str
) -> None:
    """Each candidate year gets its own day: Thanksgiving 1999 and 2000 differ."""
    resolved = resolve(Underspecified(type="DATE", value="XXXX-11-22>4"), dct, tense)
    assert resolved is not None
    assert (resolved.value, resolved.granularity) == (value, "day")


@pytest.mark.parametrize(
    "partial",
    [
        Underspecified(type="DATE"),
        Underspecified(type="DATE", value="XXXX-02-30"),
        Underspecified(type="DATE", value="not a value"),
    ],
)
def test_resolve_gives_none_for_what_cannot_be_anchored(partial: Underspecified) -> None:
    assert resolve(partial, WED, "PAST") is None


# ------------------------------------------------------------ governing tense

# (text, PTB tag, coarse POS, dependency, head as offset in the sentence)
Row = tuple[str, str, str, str, int]


def _sentence(rows: list[Row], offset: int = 5) -> tuple[list[Token], Sentence]:
    """Tokens of one sentence starting at article token ``offset``."""
    filler = [
        Token(i=i, start=i, end=i + 1, text="x", lemma="x", pos="X", tag="XX", dep="dep", head=i)
        for i in range(offset)
    ]
    tokens, position = [], offset
    for k, (text, tag, pos, dep, head) in enumerate(rows):
        lemma = {"said": "say", "plans": "plan", "going": "go"}.get(text, text.lower())
        tokens.append(
            Token(
                i=offset + k,
                start=position,
                end=position + len(text),
                text=text,
                lemma=lemma,
                pos=pos,
                tag=tag,
                dep=dep,
                head=offset + head,
            )
        )
        position += len(text) + 1
    words = " ".join(r[0] for r in rows)
    sentence = Sentence(
        index=0,
        start=offset,
        end=position - 1,
        text=words,
        token_start=offset,
        token_end=offset + len(rows),
    )
    return filler + tokens, sentence


SAID_ON_TUESDAY: list[Row] = [
    ("Ross", "NNP", "PROPN", "nsubj", 1),
    ("said", "VBD", "VERB", "ROOT", 1),
    ("on", "IN", "ADP", "prep", 1),
    ("Tuesday", "NNP", "PROPN", "pobj", 2),
]
WOULD_BE_ISSUING: list[Row] = [
    ("US", "NNP", "PROPN", "nsubj", 3),
    ("would", "MD", "AUX", "aux", 3),
    ("be", "VB", "AUX", "aux", 3),
    ("issuing", "VBG", "VERB", "ROOT", 3),
    ("rules", "NNS", "NOUN", "dobj", 3),
    ("in", "IN", "ADP", "prep", 3),
    ("mid", "NNP", "PROPN", "pobj", 5),
    ("-", "HYPH", "PUNCT", "punct", 8),
    ("October", "NNP", "PROPN", "pobj", 5),
]
HAS_PLACED: list[Row] = [
    ("It", "PRP", "PRON", "nsubj", 2),
    ("has", "VBZ", "AUX", "aux", 2),
    ("placed", "VBN", "VERB", "ROOT", 2),
    ("them", "PRP", "PRON", "dobj", 2),
    ("in", "IN", "ADP", "prep", 2),
    ("May", "NNP", "PROPN", "pobj", 4),
]
PLANS_TO_MEET: list[Row] = [
    ("He", "PRP", "PRON", "nsubj", 1),
    ("plans", "VBZ", "VERB", "ROOT", 1),
    ("to", "TO", "PART", "aux", 3),
    ("meet", "VB", "VERB", "xcomp", 1),
    ("in", "IN", "ADP", "prep", 3),
    ("May", "NNP", "PROPN", "pobj", 4),
]
TAKES_EFFECT: list[Row] = [
    ("It", "PRP", "PRON", "nsubj", 1),
    ("takes", "VBZ", "VERB", "ROOT", 1),
    ("effect", "NN", "NOUN", "dobj", 1),
    ("in", "IN", "ADP", "prep", 1),
    ("May", "NNP", "PROPN", "pobj", 3),
]
WAS_HIT: list[Row] = [
    ("It", "PRP", "PRON", "nsubjpass", 2),
    ("was", "VBD", "AUX", "auxpass", 2),
    ("hit", "VBN", "VERB", "ROOT", 2),
    ("last", "JJ", "ADJ", "amod", 4),
    ("week", "NN", "NOUN", "npadvmod", 2),
]
NO_VERB: list[Row] = [("Photo", "NN", "NOUN", "ROOT", 0), ("June", "NNP", "PROPN", "appos", 0)]
WROTE_GO_BACK: list[Row] = [  # He wrote: "Go back to work on Sunday"
    ("He", "PRP", "PRON", "nsubj", 1),
    ("wrote", "VBD", "VERB", "ROOT", 1),
    ("Go", "VB", "VERB", "ccomp", 1),
    ("back", "RB", "ADV", "advmod", 2),
    ("on", "IN", "ADP", "prep", 2),
    ("Sunday", "NNP", "PROPN", "pobj", 4),
]
LET_THEM_GO: list[Row] = [
    ("They", "PRP", "PRON", "nsubj", 1),
    ("let", "VBD", "VERB", "ROOT", 1),
    ("them", "PRP", "PRON", "nsubj", 3),
    ("go", "VB", "VERB", "ccomp", 1),
    ("on", "IN", "ADP", "prep", 3),
    ("Sunday", "NNP", "PROPN", "pobj", 4),
]


@pytest.mark.parametrize(
    ("rows", "start", "end", "tense"),
    [
        (SAID_ON_TUESDAY, 3, 4, "PAST"),
        (WOULD_BE_ISSUING, 6, 9, "FUTURE"),
        (HAS_PLACED, 5, 6, "PAST"),
        (PLANS_TO_MEET, 5, 6, "FUTURE"),
        (TAKES_EFFECT, 4, 5, "PRESENT"),
        (WAS_HIT, 3, 5, "PAST"),
        (NO_VERB, 1, 2, None),
        (WROTE_GO_BACK, 5, 6, "FUTURE"),  # an imperative calls for what is to come
        (LET_THEM_GO, 5, 6, "PAST"),  # a bare infinitive has a subject: the governor's tense
    ],
)
def test_governing_tense(rows: list[Row], start: int, end: int, tense: Tense | None) -> None:
    tokens, sentence = _sentence(rows)
    assert governing_tense(tokens, sentence, 5 + start, 5 + end) == tense


# ----------------------------------------------------------------- dateparser


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("07/11/2019", "DATE", "2019-07-11"),
        ("2019/05/16", "DATE", "2019-05-16"),
        ("5/16", "DATE", "XXXX-05-16"),
        ("2019-07-11 10:37", "TIME", "2019-07-11T10:37"),
        ("2011-03", "DATE", "2011-03"),  # no later year after the dash: a month
        # a time of day alone: the article gives its day, not the base
        ("4 in the morning", "TIME", "XXXX-XX-XXT04:00"),
        ("about 06:00", "TIME", "XXXX-XX-XXT06:00"),
        ("Tuesday 10:30", "TIME", "2019-07-09T10:30"),  # a day named: dateparser's day
    ],
)
def test_dateparser_value_keeps_only_what_the_text_says(text: str, type_: str, value: str) -> None:
    assert dateparser_value(text, WED) == Underspecified(type=type_, value=value)


@pytest.mark.parametrize(
    "text",
    ["Tuesday", "worst month", "two weeks ago", "12345678", "4", "11", "22.8-24", "2006-07",
     "2010/11", "1998-99", "8 and", "the 8th", "9-1", "7-9"],
)  # fmt: skip
def test_dateparser_value_refuses_text_without_an_absolute_date(text: str) -> None:
    assert dateparser_value(text, WED) is None


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("1998-08-07", "1998-08-07T10:35"),  # the day the story is about, the day before
        ("1998-07-01", "1998-08-08T10:35"),  # too long before: the publish day
        (None, "1998-08-08T10:35"),
    ],
)
def test_bare_clock_time_is_on_the_day_the_text_talks_about(
    reference: str | None, expected: str
) -> None:
    partial = Underspecified(type="TIME", value="XXXX-XX-XXT10:35")
    resolved = resolve(partial, date(1998, 8, 8), "PAST", reference)
    assert resolved is not None and resolved.value == expected


@pytest.mark.parametrize(("text", "value"), [("0735", None), ("1996", "1996")])
def test_a_bare_number_is_a_year_only_when_it_can_be_one(text: str, value: str | None) -> None:
    partial = dateparser_value(text, date(1998, 8, 8))
    assert (partial.value if partial else None) == value
