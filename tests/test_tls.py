"""Tests for the timeline-summarisation scorer (evaluation/tls.py) and its baseline.

The expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huawei_timeline.evaluation.tls import (
    PRF,
    DayTimeline,
    NGram,
    RougeConfig,
    TimelineScores,
    aggregate,
    align_many_to_one,
    align_rouge,
    alignment_cost,
    approx_rouge1_f,
    concat_rouge,
    date_prf,
    evaluate,
    load_gold_timeline,
    load_stopwords,
    load_topic,
    ngram_counts,
    porter_stem,
    pubdate_lead_timeline,
    raw_tokens,
    rouge_tokens,
)

# The shared data sits at ../shared from the project root.
SHARED_T17 = Path(__file__).resolve().parents[1].parent / "shared" / "timeline17"
NO_STEM = RougeConfig(stem=False)


def d(day: int, month: int = 1) -> date:
    return date(2011, month, day)


# ---------------------------------------------------------------------------- tokens / stemming


def test_rouge_tokens_are_lowercase_ascii_alphanumeric_runs() -> None:
    text = "The U.S. Coast-Guard's 2010 report; café"
    assert rouge_tokens([text], NO_STEM) == [
        "the", "u", "s", "coast", "guard", "s", "2010", "report", "caf",
    ]  # fmt: skip


def test_only_tokens_longer_than_three_characters_are_stemmed() -> None:
    # porter_stem("was") would give "wa", but ROUGE leaves tokens of <= 3 characters alone.
    assert porter_stem("was") == "wa"
    assert rouge_tokens(["was dies"]) == ["was", "di"]


def test_stopwords_are_dropped_before_ngrams_are_formed() -> None:
    config = RougeConfig(stem=False, stopwords=frozenset({"the"}))
    tokens = rouge_tokens(["Oil THE spill", "the well"], config)
    assert tokens == ["oil", "spill", "well"]
    assert ngram_counts(tokens, 2) == Counter({("oil", "spill"): 1, ("spill", "well"): 1})


def test_load_stopwords(tmp_path: Path) -> None:
    path = tmp_path / "stop.txt"
    path.write_text("The\n\n  of \nmay\nmay\n", encoding="utf-8")
    assert load_stopwords(path) == frozenset({"the", "of", "may"})


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("cats", "cat"),
        ("feed", "feed"),
        ("agreed", "agre"),
        ("plastered", "plaster"),
        ("motoring", "motor"),
        ("sing", "sing"),
        ("hopping", "hop"),
        ("falling", "fall"),
        ("filing", "file"),
        ("happy", "happi"),
        ("sky", "sky"),
        ("relational", "relat"),
        ("generalizations", "gener"),
        ("oscillators", "oscil"),
        ("replacement", "replac"),
        ("government", "govern"),
        ("dependent", "depend"),
        ("adoption", "adopt"),
        ("probate", "probat"),
        ("cease", "ceas"),
        ("controlling", "control"),
        ("electrical", "electr"),
        ("archaeology", "archaeolog"),  # "logi" -> "log" (Porter's own departure)
        ("killed", "kill"),
        ("2010s", "2010"),
        # ROUGE-1.5.5's step 4 ("ment", then "ent", tried after the main list): standard
        # Porter leaves these two words whole.
        ("agreement", "agreem"),
        ("settlement", "settlem"),
    ],
)
def test_porter_stem(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


# ---------------------------------------------------------------------------- date F1, concat


def test_date_prf() -> None:
    pred = {d(1): ["a"], d(2): ["b"], d(3): ["c"], d(4): ["d"]}
    ref = {d(2): ["x"], d(4): ["y"], d(6): ["z"]}
    score = date_prf(pred, ref)
    # shared = {2, 4}: P = 2/4, R = 2/3, F = 2 * .5 * (2/3) / (.5 + 2/3) = 4/7
    assert score == PRF(0.5, 2 / 3)
    assert score.f1 == pytest.approx(4 / 7)


def test_concat_rouge_by_hand() -> None:
    # pred tokens (date order): oil leaks from the well | oil spreads  -> 7 tokens
    # ref tokens:               the well leaks oil | oil reaches the coast -> 8 tokens
    pred = {d(2): ["Oil spreads."], d(1): ["Oil leaks from the well."]}
    ref = {d(1): ["The well leaks oil"], d(3): ["oil reaches the coast"]}
    scores = concat_rouge(pred, ref, config=NO_STEM)
    # unigram hits: oil 2, leaks 1, the 1, well 1 = 5
    assert scores[1] == PRF(5 / 7, 5 / 8)
    # pred bigrams (6): oil-leaks leaks-from from-the the-well well-oil oil-spreads
    # ref bigrams (7):  the-well well-leaks leaks-oil oil-oil oil-reaches reaches-the the-coast
    # Bigrams cross sentence (and day) boundaries, as in ROUGE-1.5.5. Only the-well matches.
    assert scores[2] == PRF(1 / 6, 1 / 7)


# ---------------------------------------------------------------------------- align+ m:1


def test_approx_rouge_and_cost() -> None:
    pred = ["Oil spill kills eleven workers"]
    ref = ["Oil spill kills eleven"]
    # 4 matching raw tokens: P = 4/5, R = 4/4, F = 1.6 / 1.8
    assert approx_rouge1_f(pred, ref) == pytest.approx(8 / 9)
    # 3 days apart: date factor 1 - 1/4 = .75; content factor 1 - 8/9 = 1/9
    assert alignment_cost(d(4), pred, d(1), ref) == pytest.approx(0.75 / 9)
    # the same day costs nothing, whatever the content
    assert alignment_cost(d(1), ["x"], d(1), ["y"]) == 0.0
    # raw tokens are case-sensitive and keep punctuation (like PTB-tokenised text split on " ")
    assert raw_tokens("BP's well, capped.") == ["BP", "'", "s", "well", ",", "capped", "."]


def test_content_beats_date_distance_and_discount() -> None:
    ref = {d(1): ["Oil spill kills eleven"], d(5): ["Ceasefire announced"]}
    pred = {d(4): ["Oil spill kills eleven workers"], d(5): ["Markets fall"]}
    # cost(Jan 4 -> Jan 1) = .75 * (1/9) = .083 < cost(Jan 4 -> Jan 5) = .5 * 1 = .5
    alignment = align_many_to_one(pred, ref)
    assert alignment.pred_to_ref == {d(4): d(1), d(5): d(5)}
    assert alignment.ref_to_pred == {d(1): d(4), d(5): d(5)}

    scores = align_rouge(pred, ref)
    # ROUGE tokens (stemmed): oil spill kill eleven worker | market fall
    #                   ref:  oil spill kill eleven        | ceasefir announc
    # R-1 precision: (4 hits / (3 + 1) + 0) / (5 + 2) = 1/7
    # R-1 recall:    (4 hits / (3 + 1) + 0) / (4 + 2) = 1/6
    assert scores[1].precision == pytest.approx(1 / 7)
    assert scores[1].recall == pytest.approx(1 / 6)
    assert scores[1].f1 == pytest.approx(2 / 13)
    # pred bigrams 4 + 1, ref bigrams 3 + 1, 3 hits on the Jan 4/Jan 1 pair, discounted by 4
    assert scores[2].precision == pytest.approx(0.75 / 5)
    assert scores[2].recall == pytest.approx(0.75 / 4)


def test_many_predicted_days_share_one_reference_day() -> None:
    ref = {d(10): ["troops withdraw from city"]}
    pred = {d(9): ["troops withdraw"], d(11): ["troops withdraw from city"]}
    alignment = align_many_to_one(pred, ref)
    assert alignment.pred_to_ref == {d(9): d(10), d(11): d(10)}
    # recall side: Jan 9 costs .5 * (1 - 2/3) = 1/6, Jan 11 costs .5 * 0 = 0 -> Jan 11
    assert alignment.ref_to_pred == {d(10): d(11)}
    scores = align_rouge(pred, ref)
    # precision: (2 hits / 2 + 4 hits / 2) / (2 + 4) = .5; recall: (4 / 2) / 4 = .5
    assert scores[1] == PRF(0.5, 0.5)
    # bigrams: precision (1/2 + 3/2) / (1 + 3) = .5; recall (3/2) / 3 = .5
    assert scores[2] == PRF(0.5, 0.5)


def test_ties_go_to_the_earliest_day() -> None:
    # equal distance, no content overlap: cost .5 on both sides
    alignment = align_many_to_one({d(10): ["gamma"]}, {d(9): ["alpha"], d(11): ["beta"]})
    assert alignment.pred_to_ref == {d(10): d(9)}
    alignment = align_many_to_one({d(9): ["x"], d(11): ["y"]}, {d(10): ["z"]})
    assert alignment.ref_to_pred == {d(10): d(9)}


def test_zero_cost_tie_can_beat_an_exact_day_match() -> None:
    # tilse's cost is 0 both for the same day and for identical content, and argmin takes
    # the first (earliest) zero. We copy that.
    pred = {d(5): ["oil spill"]}
    ref = {d(4): ["oil spill"], d(5): ["unrelated text"]}
    assert align_many_to_one(pred, ref).pred_to_ref == {d(5): d(4)}
    # with less than identical content the exact day wins: .5 * (1 - .8) = .1 > 0
    pred = {d(5): ["oil spill grows"]}
    assert align_many_to_one(pred, ref).pred_to_ref == {d(5): d(5)}


def test_unaligned_ngrams_still_count_in_the_denominators() -> None:
    ref = {d(1): ["Oil spill"], d(10): ["Well capped"]}
    pred = {d(2): ["Oil spill"]}
    scores = align_rouge(pred, ref, config=NO_STEM)
    # Jan 2 -> Jan 1 (cost 0 beats .889), 1 day apart -> discount 1/2
    # precision 2 * .5 / 2 = .5; recall (2 * .5 + 0) / (2 + 2) = .25
    assert scores[1] == PRF(0.5, 0.25)
    assert scores[1].f1 == pytest.approx(1 / 3)
    assert scores[2] == PRF(0.5, 0.25)


def test_identity_scores_one() -> None:
    gold = {
        d(1): ["An explosion aboard the rig kills 11 workers.", "The rig sinks."],
        d(3): ["Oil reaches the coast of Louisiana."],
        d(20, 2): ["The well is capped."],
    }
    scores = evaluate(gold, gold)
    assert scores.date == PRF(1.0, 1.0)
    assert scores.align[1] == PRF(1.0, 1.0)
    assert scores.align[2] == PRF(1.0, 1.0)
    assert scores.concat[1] == PRF(1.0, 1.0)
    assert scores.concat[2] == PRF(1.0, 1.0)


def test_empty_prediction_scores_zero() -> None:
    ref = {d(1): ["Oil spill"]}
    scores = evaluate({}, ref)
    assert scores.date == PRF(0.0, 0.0)
    assert scores.align[1] == PRF(0.0, 0.0)
    assert scores.concat[1] == PRF(0.0, 0.0)


def test_aggregate_is_f_of_mean_precision_and_mean_recall() -> None:
    def one(p: float, r: float) -> TimelineScores:
        return TimelineScores(
            PRF(p, r), {1: PRF(p, r), 2: PRF(p, r)}, {1: PRF(p, r)} | {2: PRF(p, r)}
        )

    total = aggregate([one(1.0, 0.0), one(0.0, 1.0)])
    # both F1 are 0, but the F1 of the means (.5, .5) is .5
    assert total.date == PRF(0.5, 0.5)
    assert total.align[1].f1 == pytest.approx(0.5)
    assert total.concat[2].f1 == pytest.approx(0.5)
    with pytest.raises(ValueError, match="nothing"):
        aggregate([])


# ---------------------------------------------------------------------------- oracle check

WORDS = ("oil", "spill", "well", "BP", "leak", "leaks", "capped", "coast", "the", "of")


def _oracle_align(pred: DayTimeline, ref: DayTimeline, n: int) -> PRF:
    """align+ m:1 written straight from the definition, as a cross-check."""

    def grams(summary: Sequence[str]) -> Counter[NGram]:
        return ngram_counts(rouge_tokens(summary), n)

    def cost(p: date, r: date) -> float:
        return (1 - 1 / (abs((p - r).days) + 1)) * (1 - approx_rouge1_f(pred[p], ref[r]))

    def discounted_hits(p: date, r: date) -> float:
        return sum((grams(pred[p]) & grams(ref[r])).values()) / (abs((p - r).days) + 1)

    prec_num = 0.0
    for p in pred:
        best_r = min(sorted(ref), key=lambda r: (cost(p, r), r))
        prec_num += discounted_hits(p, best_r)
    rec_num = 0.0
    for r in ref:
        best_p = min(sorted(pred), key=lambda p: (cost(p, r), p))
        rec_num += discounted_hits(best_p, r)
    prec_den = sum(sum(grams(pred[p]).values()) for p in pred)
    rec_den = sum(sum(grams(ref[r]).values()) for r in ref)
    return PRF(prec_num / prec_den if prec_den else 0.0, rec_num / rec_den if rec_den else 0.0)


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
timelines = st.dictionaries(
    st.integers(0, 40).map(lambda k: d(1) + timedelta(days=k)),
    st.lists(sentences, min_size=1, max_size=3),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(pred=timelines, ref=timelines)
def test_align_rouge_matches_oracle(
    pred: dict[date, list[str]], ref: dict[date, list[str]]
) -> None:
    scores = align_rouge(pred, ref)
    for n in (1, 2):
        expected = _oracle_align(pred, ref, n)
        assert scores[n].precision == pytest.approx(expected.precision)
        assert scores[n].recall == pytest.approx(expected.recall)
        assert 0.0 <= scores[n].precision <= 1.0
        assert 0.0 <= scores[n].recall <= 1.0


# ---------------------------------------------------------------------------- reader, baseline


def _write_topic(root: Path) -> Path:
    topic = root / "demo"
    (topic / "gold_timelines").mkdir(parents=True)
    articles = [
        ("a", "2011-01-01", ["A one.", "A two."]),
        ("b", "2011-01-01", ["B one.", "", "B two."]),
        ("c", "2011-01-01", ["A one.", "C two."]),  # duplicate lead of "a"
        ("d", "2011-01-02", ["D one."]),
        ("e", "2011-01-03", ["E one.", "E two."]),
        ("f", "2011-01-03", ["F one."]),
        ("g", "2011-02-01", ["G one."]),  # outside the window
    ]
    manifest = []
    for art_id, day, lines in articles:
        (topic / f"{art_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        manifest.append(
            {
                "id": art_id,
                "file": f"{art_id}.txt",
                "outlet": "X",
                "headline": None,
                "published": day,
            }
        )
    (topic / "manifest.json").write_text(json.dumps({"articles": manifest}), encoding="utf-8")
    gold = {
        "entries": [
            {"date": "2011-01-01", "text": ["A one."]},
            {"date": "2011-01-03", "text": ["E one."]},
            {"date": "2011-01-01", "text": ["More on day one."]},
        ]
    }
    (topic / "gold_timelines" / "demo__tl.json").write_text(json.dumps(gold), encoding="utf-8")
    tasks = {
        "protocol": "demo protocol",
        "tasks": [
            {
                "reference": "demo/tl.txt",
                "gold_file": "gold_timelines/demo__tl.json",
                "L_dates": 2,
                "gold_sentences": 3,
                "K_sents_per_date": 2,
                "window": ["2011-01-01", "2011-01-31"],
                "articles_in_window": 6,
                "newstls_subset_articles_in_window": None,
            }
        ],
    }
    (topic / "tasks.json").write_text(json.dumps(tasks), encoding="utf-8")
    return topic


def test_load_topic_and_gold(tmp_path: Path) -> None:
    topic = load_topic(_write_topic(tmp_path))
    assert topic.name == "demo"
    assert topic.protocol == "demo protocol"
    assert [a.article_id for a in topic.articles] == ["a", "b", "c", "d", "e", "f", "g"]
    assert topic.articles[1].sentences() == ["B one.", "B two."]
    (task,) = topic.tasks
    assert (task.n_dates, task.sents_per_date) == (2, 2)
    assert task.window == (d(1), d(31))
    assert len(topic.articles_between(*task.window)) == task.articles_in_window == 6
    # entries sharing a day are merged in file order
    assert task.gold() == {d(1): ["A one.", "More on day one."], d(3): ["E one."]}
    assert topic.keywords == ()  # no query_keywords.json


def test_load_topic_reads_query_keywords(tmp_path: Path) -> None:
    folder = _write_topic(tmp_path)
    (folder / "query_keywords.json").write_text(
        json.dumps({"keywords": ["oil", "spill"], "source": "demo"}), encoding="utf-8"
    )
    assert load_topic(folder).keywords == ("oil", "spill")
    (folder / "query_keywords.json").write_text(json.dumps({"keywords": "oil"}))
    with pytest.raises(ValueError, match="keywords"):
        load_topic(folder)


def test_reader_rejects_bad_dates(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"entries": [{"date": "2011-13-01", "text": ["x"]}]}))
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        load_gold_timeline(path)


def test_pubdate_lead_baseline(tmp_path: Path) -> None:
    topic = load_topic(_write_topic(tmp_path))
    (task,) = topic.tasks
    predicted = pubdate_lead_timeline(topic.articles, task.window, 2, 2)
    # Jan 1 has 3 articles, Jan 3 has 2 and Jan 2 has 1, so the top 2 are Jan 1 and Jan 3.
    # Leads first in id order; c's lead repeats a's, so it is skipped.
    assert predicted == {d(1): ["A one.", "B one."], d(3): ["E one.", "F one."]}
    # K = 4 on Jan 1: leads a, b (c repeats a), then second sentences a, b
    predicted = pubdate_lead_timeline(topic.articles, task.window, 1, 4)
    assert predicted == {d(1): ["A one.", "B one.", "A two.", "B two."]}


def _topics() -> list[str]:
    if not SHARED_T17.is_dir():
        return []
    return sorted(p.name for p in SHARED_T17.iterdir() if (p / "tasks.json").is_file())


@pytest.mark.skipif(not _topics(), reason="../shared/timeline17 is not beside the repository")
@pytest.mark.parametrize("name", _topics())
def test_real_topic_consistency_and_gold_identity(name: str) -> None:
    topic = load_topic(SHARED_T17 / name)
    assert topic.tasks
    assert topic.keywords
    for task in topic.tasks:
        gold = task.gold()
        assert len(gold) == task.n_dates
        assert sum(len(s) for s in gold.values()) == task.gold_sentences
        assert len(topic.articles_between(*task.window)) == task.articles_in_window
        scores = evaluate(gold, gold)
        assert scores.date.f1 == 1.0
        assert scores.align[1].f1 == pytest.approx(1.0)
        assert scores.align[2].f1 == pytest.approx(1.0)
        assert scores.concat[1].f1 == pytest.approx(1.0)
