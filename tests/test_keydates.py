"""Key dates: evidence, the fitted model, sentence choice (hand-built timelines, no spaCy)."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import ROOT
from huawei_timeline.keydates.evidence import FEATURES, candidate_date, collect_evidence
from huawei_timeline.keydates.model import (
    RANKED,
    KeyDateModel,
    default_model,
    dump_model,
    fit_logistic,
    fit_model,
    fit_sentence_weights,
)
from huawei_timeline.keydates.select import select_key_dates
from huawei_timeline.keydates.sentences import (
    SENTENCE_FEATURES,
    Candidate,
    SentenceWeights,
    choose_sentences,
    document_frequencies,
    is_full_sentence,
    needs_context,
    opens_another_entry,
    sentence_rules,
    with_sentence_summaries,
    without_dateline,
)
from huawei_timeline.models import (
    ArticleSummary,
    Event,
    EventDate,
    EventMention,
    KeyDateEvidence,
    TimeExpression,
    Timeline,
)

RULES = sentence_rules()

# ------------------------------------------------------------------ the rules' examples


@pytest.mark.parametrize("text", RULES.full_examples)
def test_full_sentences_are_accepted(text: str) -> None:
    assert is_full_sentence(text)


@pytest.mark.parametrize("text", RULES.fragment_examples + RULES.furniture_examples)
def test_fragments_headlines_and_furniture_are_refused(text: str) -> None:
    assert not is_full_sentence(text)


@pytest.mark.parametrize("text", RULES.context_examples)
def test_sentences_pointing_back_need_context(text: str) -> None:
    assert needs_context(text)
    assert not needs_context("Egyptian President Hosni Mubarak resigned on Friday.")


@pytest.mark.parametrize(("text", "kept"), RULES.dateline_examples)
def test_wire_datelines_are_cut_off(text: str, kept: str) -> None:
    assert text[without_dateline(text) :] == kept


@pytest.mark.parametrize(("text", "kept"), RULES.header_examples)
def test_page_stamps_and_bylines_are_cut_off(text: str, kept: str) -> None:
    assert text[without_dateline(text) :] == kept


@pytest.mark.parametrize(("text", "kept"), RULES.note_examples)
def test_editors_notes_in_brackets_are_cut_off(text: str, kept: str) -> None:
    assert text[without_dateline(text) :] == kept


def _dated_by(sentence: str, date_text: str, offset: int = 100) -> EventMention:
    """A mention of ``sentence`` (at ``offset`` in its article) dated by ``date_text``."""
    at = offset + sentence.index(date_text)
    expression = TimeExpression(
        text=date_text, start=at, end=at + len(date_text), type="DATE", value="2011-02-22",
        granularity="day",
    )  # fmt: skip
    return _mention("a", 0, sentence, offset, time_expression=expression)


@pytest.mark.parametrize(("text", "other"), RULES.entry_examples)
def test_a_chronology_entry_tells_no_other_day(text: str, other: str) -> None:
    assert opens_another_entry(_dated_by(text, other))
    # the entry's own day it does tell
    assert not opens_another_entry(_dated_by(text, text.split(" -")[0].split(":")[0]))


@pytest.mark.parametrize("text", RULES.entry_counterexamples)
def test_a_sentence_opening_on_a_date_is_no_entry(text: str) -> None:
    assert not opens_another_entry(_dated_by(text, "February 22" if "22" in text else "May 16"))


# -------------------------------------------------------------------------- builders

DAY = dt.date(2011, 2, 11)


def _date(day: dt.date) -> EventDate:
    return EventDate(value=day.isoformat(), type="DATE", granularity="day")


def _mention(article: str, index: int, sentence: str, start: int, **extra: object) -> EventMention:
    return EventMention.model_validate(
        {
            "id": f"{article}:{index}",
            "article_id": article,
            "sentence_index": index,
            "start": start,
            "end": start + len(sentence),
            "sentence": sentence,
            "kind": "action",
            "predicate": "resign",
            "content": sentence,
            **extra,
        }
    )


def _event(id: str, day: EventDate, mentions: Sequence[EventMention]) -> Event:
    articles = sorted({m.article_id for m in mentions})
    return Event(
        id=id,
        date=day,
        summary=mentions[0].sentence,
        people=[],
        organizations=[],
        modality="asserted",
        sources=len(articles),
        outlets=[f"outlet-{a}" for a in articles],
        mentions=list(mentions),
    )


def _article(id: str, published: dt.date, refers_to: Sequence[str] = ()) -> ArticleSummary:
    expressions = [
        TimeExpression(
            text=v,
            start=0,
            end=len(v),
            type="DATE",
            value=v,
            granularity="day" if len(v) == len("2011-02-11") else "month",
        )
        for v in refers_to
    ]
    return ArticleSummary(
        id=id, outlet=f"outlet-{id}", headline=None, published=published,
        time_expressions=expressions,
    )  # fmt: skip


RESIGNED = "Egyptian President Hosni Mubarak resigned on Friday after 18 days of protests."
RESIGNED_AGAIN = "Egyptian President Hosni Mubarak resigned on Friday after 18 days of protest."
ARMY = "The army said it would hand power to a civilian government within six months."
CLASH = "Protesters clashed with police in Cairo and Suez on Tuesday, witnesses said."


def _timeline() -> Timeline:
    """Three days: 11 Feb (three articles, referred back to twice), 25 Jan, and 'May 2011'."""
    articles = [
        _article("a", dt.date(2011, 2, 11)),
        _article("b", dt.date(2011, 2, 12), ["2011-02-11", "2011-01-25"]),
        _article("c", dt.date(2011, 2, 12)),
        _article("d", dt.date(2011, 3, 1), ["2011-02-11", "2011-05"]),
    ]
    events = [
        _event(
            "ev-resign",
            _date(DAY),
            [
                _mention("a", 0, RESIGNED, 0, people=["Hosni Mubarak"]),
                _mention("b", 0, RESIGNED_AGAIN, 0, people=["Hosni Mubarak"]),
                _mention("c", 3, ARMY, 240),
            ],
        ),
        _event("ev-clash", _date(dt.date(2011, 1, 25)), [_mention("b", 4, CLASH, 400)]),
        _event(
            "ev-may",
            EventDate(value="2011-05", type="DATE", granularity="month"),
            [_mention("d", 1, ARMY, 90)],
        ),
    ]
    return Timeline(model="test", articles=articles, events=events)


def _model(**weights: float) -> KeyDateModel:
    """A model on the raw log-counts (mean 0, scale 1) with the given weights."""
    return KeyDateModel(
        features=list(FEATURES),
        mean=[0.0] * len(FEATURES),
        scale=[1.0] * len(FEATURES),
        weights=[weights.get(name, 0.0) for name in FEATURES],
        bias=0.0,
        l2=1.0,
    )


# -------------------------------------------------------------------------- evidence


@pytest.mark.parametrize(
    ("value", "granularity", "mod", "candidate"),
    [
        ("2011-02-11", "day", None, ("2011-02-11", None, "2011-02-11", "2011-02-11")),
        ("2011-02-11TEV", "part_of_day", None, ("2011-02-11", None, "2011-02-11", "2011-02-11")),
        ("2011-02-11T10:35", "time", None, ("2011-02-11", None, "2011-02-11", "2011-02-11")),
        ("2011-02-11", "day", "BEFORE", None),  # "before 11 February" names no date
        ("2011-02", "month", "MID", ("2011-02", "MID", "2011-02-11", "2011-02-20")),
        ("2011-W06-WE", "weekend", None, ("2011-W06-WE", None, "2011-02-12", "2011-02-13")),
        ("2011-Q1", "quarter", None, None),  # too long to be one entry of a timeline
        ("2011", "year", None, None),
    ],
)
def test_candidates_are_days_or_periods_up_to_a_month(
    value: str, granularity: str, mod: str | None, candidate: tuple[str, ...] | None
) -> None:
    found = candidate_date(value, granularity, mod)
    if candidate is None:
        assert found is None
        return
    assert found is not None
    key, first, last = found
    assert (key.value, key.mod, first.isoformat(), last.isoformat()) == candidate


def test_evidence_counts_publication_references_and_reports() -> None:
    dates = {found.date.value: found for found in collect_evidence(_timeline()).values()}
    assert list(dates) == ["2011-01-25", "2011-02-11", "2011-05"]
    resign = dates["2011-02-11"]
    assert resign.evidence == KeyDateEvidence(
        day=1,
        published=1,
        published_next=2,
        referring_articles=2,  # b and d, both published later
        remembered=1,  # d, more than a week later
        published_after=3,  # b, c and d could have named it
        published_week_after=1,  # d, on 1 March
        references=2,
        events=1,
        event_articles=3,
        later_reports=0,  # a, b and c came out on the day or the day after
        event_outlets=3,
        largest_event=3,
    )
    assert [e.id for e in resign.events] == ["ev-resign"]
    assert dates["2011-01-25"].evidence.referring_articles == 1
    may = dates["2011-05"].evidence
    # Named in article d, published before May is over: a reference, not a look back.
    assert (may.day, may.references, may.referring_articles, may.events) == (0, 1, 0, 1)
    # Nothing came out after May: no article could yet look back to it.
    assert (may.published_after, may.published_week_after) == (0, 0)
    clash = dates["2011-01-25"].evidence
    assert (clash.published_after, clash.published_week_after) == (4, 4)


# ----------------------------------------------------------------------------- model


def test_fit_reaches_the_penalised_optimum() -> None:
    rows = [[-2.0], [-1.0], [0.0], [0.5], [1.0], [2.0], [-0.5], [1.5]]
    labels = [0, 0, 0, 1, 1, 1, 1, 0]
    (w,), b = fit_logistic(rows, labels, l2=1.0)
    assert w > 0
    # The gradient of the penalised log-likelihood vanishes at the optimum.
    p = [1 / (1 + math.exp(-(w * x + b))) for (x,) in rows]
    assert sum((y - q) * x for (x,), y, q in zip(rows, labels, p, strict=True)) == pytest.approx(
        1.0 * w, abs=1e-8
    )


def test_fitted_model_ranks_by_the_evidence_that_separates_the_labels() -> None:
    quiet = KeyDateEvidence.model_validate(dict.fromkeys(FEATURES, 0))
    busy = quiet.model_copy(update={"referring_articles": 9, "published": 1})
    model = fit_model([quiet, busy, quiet, busy, quiet], [0, 1, 0, 1, 1])
    assert model.logit(busy) > model.logit(quiet)
    assert (model.examples, model.positives) == (5, 3)
    assert KeyDateModel.model_validate_json(dump_model(model)) == model


def test_model_refuses_unknown_evidence() -> None:
    with pytest.raises(ValueError, match="unknown features"):
        KeyDateModel(features=["clicks"], mean=[0], scale=[1], weights=[1], bias=0, l2=1)


def test_shipped_model_is_fitted_on_the_dev_topics() -> None:
    model = default_model()
    assert model.features == list(RANKED)  # every count but "day": the examples are days
    assert model.trained_on == ["bpoil", "egypt", "finan", "iraq", "libya", "syria"]
    assert 0 < model.positives < model.examples
    raw = json.loads(dump_model(model))
    assert set(raw) == set(KeyDateModel.model_fields)


# ------------------------------------------------------------------------- selection


def test_key_dates_are_the_best_days_in_chronological_order() -> None:
    timeline = _timeline()
    by_reports = select_key_dates(timeline, 1, 2, model=_model(event_articles=1.0))
    assert [k.date for k in by_reports] == ["2011-02-11"]
    every = select_key_dates(timeline, 5, 2, model=_model(event_articles=1.0))
    assert [(k.date, k.granularity) for k in every] == [
        ("2011-01-25", "day"),
        ("2011-02-11", "day"),
        ("2011-05", "month"),
    ]
    assert every[1].events == ["ev-resign"]
    assert every[1].score == pytest.approx(1 / (1 + math.exp(-math.log(4))), abs=1e-4)
    assert select_key_dates(timeline, 0, 2, model=_model()) == []


def test_a_day_no_full_sentence_tells_gives_way_to_the_next() -> None:
    """A key date is shown by its sentences: a day whose events only fragments
    report (a headline, a caption) cannot be, so the next best day is chosen."""
    timeline = _timeline()
    clash = timeline.events[1]
    headline = _mention("b", 4, "Oil spill: live updates", 400)
    fragments = clash.model_copy(update={"mentions": [headline]})
    timeline = timeline.model_copy(
        update={"events": [timeline.events[0], fragments, timeline.events[2]]}
    )
    model = _model(event_articles=-1.0)  # 25 January first, then May, then 11 February
    assert [k.date for k in select_key_dates(timeline, 2, 2, model=model)] == [
        "2011-02-11",
        "2011-05",
    ]
    (untold,) = select_key_dates(timeline, 1, 0, model=model)  # no sentences asked for
    assert (untold.date, untold.sentences) == ("2011-01-25", [])


def test_the_chance_to_be_looked_back_to_is_weighed_against_the_look_backs() -> None:
    """Later articles naming a date count for it only against how many later
    articles there were: May 2011, after every article, cannot yet be recalled."""
    timeline = _timeline()
    looked_back = _model(referring_articles=1.0)  # 11 Feb (named by 2), 25 Jan (1), May (0)
    (first,) = select_key_dates(timeline, 1, 0, model=looked_back)
    assert first.date == "2011-02-11"
    exposed = _model(referring_articles=1.0, published_after=-1.0)
    # log(1+2) - log(1+3) for 11 Feb, log(1+1) - log(1+4) for 25 Jan, 0 for May.
    (first,) = select_key_dates(timeline, 1, 0, model=exposed)
    assert first.date == "2011-05"


BOTH_DAYS = "Litvinenko fell ill on November 1, and died in a London hospital on November 23."
MET = "Kovtun met him at a hotel that morning, shortly before the former agent fell ill."


@pytest.mark.parametrize("other_sentence", [True, False])
def test_a_sentence_tells_one_key_date_if_another_has_a_sentence_of_its_own(
    other_sentence: bool,
) -> None:
    """ "fell ill on November 1, and died ... on November 23" tells the higher-ranked
    day (23 November, named by more articles); 1 November gets a sentence of its own
    if it has one, and the shared one again if not."""
    named = {"people": ["Alexander Litvinenko"]}
    ill = [_mention("e", 0, BOTH_DAYS, 0, predicate="fall", **named)]
    if other_sentence:
        ill.append(_mention("f", 30, MET, 3000, predicate="meet"))
    died = [_mention("e", 0, BOTH_DAYS, 0, predicate="die", **named)]
    timeline = Timeline(
        model="test",
        articles=[
            _article("e", dt.date(2006, 12, 1)),
            _article("f", dt.date(2006, 12, 1)),
            _article("g", dt.date(2006, 12, 2), ["2006-11-23"]),
            _article("h", dt.date(2006, 12, 3), ["2006-11-23"]),
        ],
        events=[
            _event("ev-ill", _date(dt.date(2006, 11, 1)), ill),
            _event("ev-died", _date(dt.date(2006, 11, 23)), died),
        ],
    )
    first, second = select_key_dates(timeline, 2, 1, model=_model(references=1.0))
    assert (first.date, second.date) == ("2006-11-01", "2006-11-23")
    assert first.score < second.score
    assert [s.text for s in second.sentences] == [BOTH_DAYS]
    assert [s.text for s in first.sentences] == [MET if other_sentence else BOTH_DAYS]


def test_sentences_are_full_distinct_and_traceable() -> None:
    (key,) = select_key_dates(_timeline(), 1, 3, model=_model(event_articles=1.0))
    texts = [s.text for s in key.sentences]
    # The near-copy from article b is never chosen beside the original (MMR).
    assert texts == [RESIGNED, ARMY]
    for sentence in key.sentences:
        assert sentence.end - sentence.start == len(sentence.text)
    assert [(s.article_id, s.start) for s in key.sentences] == [("a", 0), ("c", 240)]


@pytest.mark.parametrize(
    ("news", "told"),
    [
        (["Hosni Mubarak resigned as president after the protests."], RESIGNED),
        (["The army promised a civilian government within six months."], ARMY),
    ],
)
def test_the_news_of_the_day_decides_which_sentence_tells_it(news: list[str], told: str) -> None:
    candidates = [
        Candidate(mention=_mention("a", 0, RESIGNED, 0), weight=1.0),
        Candidate(mention=_mention("c", 3, ARMY, 240), weight=1.0),
    ]
    frequencies, documents = document_frequencies([RESIGNED, ARMY, CLASH])
    (chosen,) = choose_sentences(candidates, 1, frequencies, documents, news=news)
    assert chosen.text == told


def test_sentence_weights_are_fitted_by_ridge_regression() -> None:
    """A target that is exactly linear in two features is recovered: the weight of
    a standardised feature is its coefficient times its spread, the bias the mean."""
    rows = [
        {name: float((k * (i + 3)) % 7) for i, name in enumerate(SENTENCE_FEATURES)}
        for k in range(40)
    ]
    targets = [0.5 * r["centroid"] - 0.25 * r["lead"] + 1.0 for r in rows]
    fitted = fit_sentence_weights(rows, targets, ("centroid", "lead"), l2=0.0)
    spread = fitted.scale
    assert fitted.weights[0] == pytest.approx(0.5 * spread[0], abs=1e-5)
    assert fitted.weights[1] == pytest.approx(-0.25 * spread[1], abs=1e-5)
    assert fitted.bias == pytest.approx(sum(targets) / len(targets), abs=1e-6)
    assert [fitted.score(r) for r in rows[:3]] == pytest.approx(targets[:3], abs=1e-4)


def test_sentence_weights_decide_which_sentence_tells_the_day() -> None:
    """The same two candidates, the same centroid: weights that favour a lead choose
    the lead; weights on the centroid alone choose the closer sentence."""
    candidates = [
        Candidate(mention=_mention("a", 0, RESIGNED, 0), weight=1.0),
        Candidate(mention=_mention("c", 5, ARMY, 240), weight=1.0),
    ]
    frequencies, documents = document_frequencies([RESIGNED, ARMY, CLASH])
    news = ["The army promised a civilian government within six months."]

    def told(weights: dict[str, float]) -> str:
        names = list(weights)
        scorer = SentenceWeights(
            features=names,
            mean=[0.0] * len(names),
            scale=[1.0] * len(names),
            weights=list(weights.values()),
            bias=0.0,
            l2=1.0,
        )
        (chosen,) = choose_sentences(
            candidates, 1, frequencies, documents, news=news, weights=scorer
        )
        return chosen.text

    assert told({"centroid": 1.0}) == ARMY
    assert told({"centroid": 1.0, "lead": 5.0}) == RESIGNED


def test_the_shipped_model_scores_sentences_with_fitted_weights() -> None:
    sentences = default_model().sentences
    assert sentences is not None
    assert set(sentences.features) == set(SENTENCE_FEATURES)
    assert sentences.examples > 1000
    centroid = sentences.weights[sentences.features.index("centroid")]
    assert centroid > 0


def test_a_dateline_is_cut_and_the_span_follows() -> None:
    lead = "CAIRO (Reuters) - " + RESIGNED
    timeline = Timeline(
        model="test",
        articles=[_article("a", DAY)],
        events=[_event("ev", _date(DAY), [_mention("a", 0, lead, 100)])],
    )
    (key,) = select_key_dates(timeline, 1, 1, model=_model())
    (sentence,) = key.sentences
    assert (sentence.text, sentence.start, sentence.end) == (RESIGNED, 118, 100 + len(lead))


def test_an_event_is_summarised_by_its_most_representative_full_sentence() -> None:
    """The summary is a sentence of the event, whole, chosen as key-date sentences
    are; a sentence naming the event only as a noun tells something else, however
    often it is repeated."""
    fragment = _mention("a", 5, "Mubarak, who resigned", 500)
    celebrating = "Celebrating the resignation of Hosni Mubarak, crowds sang in Tahrir Square."
    mentions = [
        fragment,
        _mention("c", 0, celebrating, 0, kind="nominal"),
        _mention("e", 1, celebrating, 80, kind="nominal"),
        _mention("b", 4, "CAIRO (Reuters) - " + RESIGNED, 400),
    ]
    event = _event("ev", _date(DAY), mentions).model_copy(
        update={"summary": "Mubarak, who resigned"}
    )
    (summarised,) = with_sentence_summaries([event])
    assert summarised.summary == RESIGNED  # whole, the dateline cut, not the noun's sentence
    assert summarised.model_copy(update={"summary": event.summary}) == event


def test_an_event_is_summarised_by_a_sentence_that_gives_its_date() -> None:
    """A sentence of the event that gives its date in its own words is the summary,
    though undated sentences joined to the event are more alike; a sentence dated
    to a day outside the event's is not."""
    dated = "Hosni Mubarak resigned as president on Friday after the protests."
    unfold = "We are watching history unfold in Egypt as the president resigned."
    month = _date(DAY).model_copy(update={"value": "2011-01-25"})
    mentions = [
        _mention("a", 3, dated, 300, date=_date(DAY), date_source="own"),
        _mention("b", 0, unfold, 0, date_source="cluster"),
        _mention("c", 0, unfold, 0, date_source="cluster"),
        _mention(
            "d",
            1,
            "Egypt's president resigned as protests began.",
            90,
            date=month,
            date_source="own",
        ),
    ]
    (summarised,) = with_sentence_summaries([_event("ev", _date(DAY), mentions)])
    assert summarised.summary == dated


def test_an_event_without_a_full_sentence_gets_its_representatives_whole_sentence() -> None:
    long = "Mubarak quit on Friday, " + "after eighteen days of protest " * 12 + "in Cairo."
    headline = _mention("a", 0, "MUBARAK QUITS", 0)
    lead = _mention("b", 0, long, 0, content="Mubarak quit after eighteen days")
    event = _event("ev", _date(DAY), [headline, lead])
    event = event.model_copy(update={"summary": "Mubarak quit after eighteen days"})
    assert not is_full_sentence(long)
    assert with_sentence_summaries([event])[0].summary == long


def test_an_event_whose_dating_sentences_are_too_long_keeps_the_one_dating_it() -> None:
    """A sentence that cannot show the event's date is no summary, however short:
    when the one giving it is too long to read as a full sentence, it is still that
    one, whole."""
    long = "The trial resumed on Friday, " + "after eighteen days of protest " * 12 + "in Cairo."
    other = "On Monday, the former president and two aides were sentenced to death."
    dated = _mention("a", 3, long, 300, date=_date(DAY), date_source="own", content="trial resumed")
    event = _event("ev", _date(DAY), [dated, _mention("b", 0, other, 0, date_source="cluster")])
    event = event.model_copy(update={"summary": "trial resumed"})
    assert not is_full_sentence(long) and is_full_sentence(other)
    assert with_sentence_summaries([event])[0].summary == long


def test_ranking_fit_orders_each_task_by_its_own_key_dates() -> None:
    quiet = KeyDateEvidence.model_validate(dict.fromkeys(FEATURES, 0))
    recalled = quiet.model_copy(update={"referring_articles": 5})
    busy = quiet.model_copy(update={"published": 9})
    # Task a: the recalled day is the key date; task b lists every day, so it
    # cannot say what makes a day key and must not push the busy day up.
    evidence = [quiet, recalled, busy, quiet, busy, recalled]
    labels = [0, 1, 0, 1, 1, 1]
    groups = ["a", "a", "a", "b", "b", "b"]
    model = fit_model(evidence, labels, groups=groups)
    assert model.logit(recalled) > model.logit(busy)
    assert model.logit(recalled) > model.logit(quiet)
    assert 0 < model.probability(quiet) < 1


# ------------------------------------------------------------------- on the seeds


@pytest.mark.model
def test_seed_key_dates_are_traceable_and_hold_the_key_events(seed_timeline: Timeline) -> None:
    from huawei_timeline.ingest.manifest import load_corpus

    texts = {a.meta.id: a.text for a in load_corpus("data/manifest.json").articles}
    key_dates = select_key_dates(seed_timeline, 6, 2)
    found = {(k.date, k.mod) for k in key_dates}
    # The four key events of data/gold/events.json: the Entity List listing, the G20
    # weekend directive, Ross's remarks, the mid-October rulemaking. With the fitted
    # model, the two days rank first and the two periods 5th and 6th (README).
    assert {("2019-05-16", None), ("2019-W26-WE", None), ("2019-07-09", None)} <= found
    assert ("2019-10", "MID") in found
    top_two = select_key_dates(seed_timeline, 2, 2)
    assert [k.date for k in top_two] == ["2019-05-16", "2019-07-09"]
    for key in key_dates:
        assert key.sentences
        for sentence in key.sentences:
            assert texts[sentence.article_id][sentence.start : sentence.end] == sentence.text
            assert is_full_sentence(sentence.text)


@pytest.mark.model
def test_cli_key_dates_and_publish_range() -> None:
    from conftest import run_cli

    shown = run_cli("show", "--no-color", "--key-dates", "2", "--sentences", "1")
    assert shown.returncode == 0, shown.stderr
    assert "2 key dates" in shown.stdout
    assert "Thu 16 May 2019" in shown.stdout and "Tue 9 Jul 2019" in shown.stdout
    # Only the one article published on 11 July: the others are never read.
    narrowed = run_cli("export", "--format", "json", "--published-from", "2019-07-11")
    assert narrowed.returncode == 0, narrowed.stderr
    published = {a["published"][:10] for a in json.loads(narrowed.stdout)["articles"]}
    assert published == {"2019-07-11"}


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a repository script with the test interpreter, from the repository root."""
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.mark.parametrize(
    ("script", "extractions"),
    [
        ("scripts/train_keydates.py", False),
        ("bench/tls.py", False),
        ("bench/tls_signals.py", True),
    ],
)
def test_training_and_bench_without_timeline17_say_so(
    script: str, extractions: bool, tmp_path: Path
) -> None:
    missing = tmp_path / "timeline17"
    more = ["--extractions", str(tmp_path)] if extractions else []
    result = _script(script, "--data", str(missing), *more)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {missing} not found; Timeline17 is in the shared data beside the repository "
        "(../shared/timeline17), or pass --data DIR\n"
    )


def test_signals_without_extraction_dumps_say_so(tmp_path: Path) -> None:
    missing = tmp_path / "dumps"
    result = _script("bench/tls_signals.py", "--extractions", str(missing))
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {missing} is not a folder of extraction dumps; "
        "write one with bench/tls.py --dump-extractions DIR\n"
    )
