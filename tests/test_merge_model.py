"""Pair evidence, the fitted merge model and model-based linkage, on hand-built mentions."""

from __future__ import annotations

import math

import pytest

from builders import event_mention
from huawei_timeline.merge.evidence import (
    FEATURES,
    BundleEvidence,
    PairEvidence,
    predicate_pair_key,
    synonyms,
)
from huawei_timeline.merge.linkage import cluster_mentions
from huawei_timeline.merge.model import MergeModel, Tree, merge_model

LISTED = dict(predicate="place", obj="Huawei", goal="on list", keywords=["huawei", "list"])


def _model(
    weights: dict[str, float],
    bias: float,
    threshold: float,
    linkage: str,
    trees: list[Tree] | None = None,
) -> MergeModel:
    return MergeModel.model_validate(
        {
            "features": list(FEATURES),
            "weights": [weights.get(name, 0.0) for name in FEATURES],
            "trees": trees or [],
            "bias": bias,
            "threshold": threshold,
            "linkage": linkage,
            "trained_on": ["hand-built"],
            "selected_on": "hand-built",
            "dev_scores": {},
        }
    )


def test_evidence_of_two_reports_of_one_listing() -> None:
    a = event_mention("a:0", article_id="a", subject="Commerce", value="2019-05-16", **LISTED)
    b = event_mention("b:3", article_id="b", sentence_index=3, value="2019-05", **LISTED)
    evidence = BundleEvidence([a, b]).evidence(0, 1)
    assert (evidence.same_predicate, evidence.same_lemma, evidence.same_object) == (True,) * 3
    assert (evidence.same_goal, evidence.both_dated, evidence.nested_dates) == (True,) * 3
    assert (evidence.same_day, evidence.same_article, evidence.date_distance) == (
        False,
        False,
        0.0,
    )
    assert evidence.keyword_cosine == pytest.approx(1.0)
    assert len(evidence.vector()) == len(FEATURES)


@pytest.mark.parametrize(
    ("second", "reason"),
    [
        (dict(article_id="a", sentence_index=0), "one sentence"),
        (dict(subject="Mnuchin", people=["Mnuchin"]), "different people acting"),
        (dict(value="2019-07-09"), "dates cannot be the same period"),
    ],
    ids=["same-sentence", "two-people", "disjoint-dates"],
)
def test_hard_constraints_are_named(second: dict[str, object], reason: str) -> None:
    a = event_mention("a:0", subject="Ross", people=["Ross"], value="2019-05-16")
    fields: dict[str, object] = {"article_id": "b", "sentence_index": 1, "value": "2019-05-16"}
    b = event_mention("b:1", **{**fields, **second})  # type: ignore[arg-type]
    assert BundleEvidence([a, b]).constraint(0, 1) == reason


def test_probability_is_the_logistic_of_the_weighted_evidence() -> None:
    model = _model({"same_predicate": 2.0, "keyword_cosine": 1.0}, -1.0, 0.5, "single")
    a = event_mention("a:0", **LISTED)
    b = event_mention("b:0", article_id="b", **LISTED)
    evidence = BundleEvidence([a, b]).evidence(0, 1)
    assert model.logit(evidence) == pytest.approx(-1.0 + 2.0 + 1.0)
    assert model.probability(evidence) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.contributions(evidence) == {"same_predicate": 2.0, "keyword_cosine": 1.0}


def _stump_on(name: str, threshold: float, below: float, above: float) -> Tree:
    """A tree of one split: ``below`` up to ``threshold``, ``above`` past it."""
    return Tree(
        feature=[FEATURES.index(name), -1, -1],
        threshold=[threshold, 0.0, 0.0],
        left=[1, -1, -1],
        right=[2, -1, -1],
        value=[0.0, below, above],
    )


@pytest.mark.parametrize(
    ("keywords", "logit", "shares"),
    [
        (["huawei", "list"], -1.0 + 0.5 + 1.5, {"same_predicate": 0.5, "keyword_cosine": 1.5}),
        (["weather"], -1.0 + 0.5 - 2.0, {"same_predicate": 0.5, "keyword_cosine": -2.0}),
    ],
    ids=["same-words", "other-words"],
)
def test_trees_add_their_leaf_to_the_log_odds_and_explain_it(
    keywords: list[str], logit: float, shares: dict[str, float]
) -> None:
    trees = [
        _stump_on("same_predicate", 0.5, -0.5, 0.5),
        _stump_on("keyword_cosine", 0.3, -2.0, 1.5),
    ]
    model = _model({}, -1.0, 0.5, "single", trees)
    a = event_mention("a:0", **LISTED)
    b = event_mention("b:0", article_id="b", **{**LISTED, "keywords": keywords})
    evidence = BundleEvidence([a, b]).evidence(0, 1)
    assert model.logit(evidence) == pytest.approx(logit)
    assert model.contributions(evidence) == pytest.approx(shares)
    assert sum(model.contributions(evidence).values()) == pytest.approx(logit - model.bias)


def test_predicate_pair_prior_is_read_in_either_order() -> None:
    a = event_mention("a:0", predicate="foil", keywords=["pirates"])
    b = event_mention("b:0", article_id="b", predicate="thwart", keywords=["pirates"])
    prior = {predicate_pair_key("thwart", "Foil"): 2.5}
    assert BundleEvidence([a, b], (), prior).evidence(0, 1).predicate_pair_prior == 2.5
    assert BundleEvidence([b, a], (), prior).evidence(0, 1).predicate_pair_prior == 2.5
    assert BundleEvidence([a, b]).evidence(0, 1).predicate_pair_prior == 0.0


def _chain() -> list[object]:
    """A chain: a like b, b a little like c, a unlike c; and d about something else."""
    return [
        event_mention("a:0", article_id="a", keywords=["ban", "list", "entity"]),
        event_mention("b:0", article_id="b", keywords=["list", "entity", "license"]),
        event_mention("c:0", article_id="c", keywords=["license", "waiver", "permit"]),
        event_mention("d:0", article_id="d", keywords=["weather"]),
    ]


@pytest.mark.parametrize(
    ("a", "b", "nominal", "expected"),
    [
        ("foil", "thwart", False, True),  # one verb sense
        ("arrest", "nab", False, True),
        ("bombing", "bombardment", True, True),  # event nouns: noun senses
        ("sack", "dismiss", False, True),  # "sack" has verb senses too: verbs decide
        ("say", "kill", False, False),
        ("attack", "attack", False, False),  # the same word is same_lemma, not a synonym
    ],
)
def test_predicate_synonyms_share_a_wordnet_sense(
    a: str, b: str, nominal: bool, expected: bool
) -> None:
    kind = "nominal" if nominal else "action"
    first = event_mention("a1", predicate=a, kind=kind)
    second = event_mention("b1", article_id="b", predicate=b, kind=kind)
    assert synonyms(first, second) is expected


@pytest.mark.parametrize(
    ("linkage", "expected"),
    [("single", [[0, 1, 2], [3]]), ("average", [[0, 1], [2], [3]])],
)
def test_single_linkage_chains_where_average_linkage_does_not(
    linkage: str, expected: list[list[int]]
) -> None:
    mentions = _chain()
    evidence = BundleEvidence(mentions)  # type: ignore[arg-type]
    # Probability from keyword overlap alone: a-b 0.99, b-c 0.59, a-c 0.05; the mean of
    # b-c and a-c (0.32) stays below the threshold, b-c alone does not.
    model = _model({"keyword_cosine": 12.0}, -3.0, 0.45, linkage)
    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    clusters = cluster_mentions(evidence, model, pairs)
    assert sorted(sorted(c.members) for c in clusters) == expected
    joined = next(c for c in clusters if len(c.members) > 1)
    assert all(link.score >= 0.45 for link in joined.links)
    assert all(set(link.evidence) <= set(PairEvidence.model_fields) for link in joined.links)


def test_the_shipped_model_matches_the_evidence_features() -> None:
    model = merge_model()
    assert tuple(model.features) == FEATURES
    assert 0.0 < model.threshold < 1.0
    assert model.dev_scores["conll_f1"] > 0
    assert model.trees and all(
        len(set(map(len, (t.feature, t.left, t.value)))) == 1 for t in model.trees
    )
    assert model.predicate_pairs
