"""Tests for coref.py and ecbplus.py.

Hand-built cases check the metric definitions; the agreement tests at the end score system
clusterings of ECB+ dev with both this module and the shared reference scorer.
"""

import itertools
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from huawei_timeline.evaluation.coref import (
    ClusteringError,
    CorefScores,
    b_cubed,
    ceaf_e,
    max_weight_assignment,
    muc,
    score,
)
from huawei_timeline.evaluation.ecbplus import (
    EcbPlusFormatError,
    Mention,
    read_gold,
    read_system,
    score_system,
)
from huawei_timeline.metrics import PRF

# The shared data sits at ../shared from the project root.
SHARED = ROOT.parent / "shared"
DEV = SHARED / "ecbplus" / "dev"
REFERENCE_SCORER = SHARED / "tools" / "coref_score.py"

Clustering = list[list[Hashable]]


def _prf(precision: float, recall: float) -> PRF:
    return PRF.from_ratios(precision, recall)


def _assert_prf(actual: PRF, expected: PRF) -> None:
    assert actual.precision == pytest.approx(expected.precision)
    assert actual.recall == pytest.approx(expected.recall)
    assert actual.f1 == pytest.approx(expected.f1)


# (key, response, MUC, B-cubed, CEAF-e), each PRF worked out by hand.
HAND_CASES: dict[str, tuple[Clustering, Clustering, PRF, PRF, PRF]] = {
    # Pradhan et al. 2014, section 3: MUC 40/40; B3 R 35/84, P 1/2; CEAF-e aligns
    # {a,b,c}-{a,b} (0.8) and {d,e,f,g}-{f,g,h,i} (0.5): R 1.3/2, P 1.3/3.
    "pradhan_2014": (
        [["a", "b", "c"], ["d", "e", "f", "g"]],
        [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]],
        _prf(2 / 5, 2 / 5),
        _prf(1 / 2, 35 / 84),
        _prf(1.3 / 3, 1.3 / 2),
    ),
    # Vilain et al. 1995: splitting one chain of 4 in two keeps 2 of its 3 links.
    "vilain_split": (
        [["A", "B", "C", "D"]],
        [["A", "B"], ["C", "D"]],
        _prf(1, 2 / 3),
        _prf(1, 1 / 2),
        _prf(1 / 3, 2 / 3),
    ),
    "identity_with_singleton": (
        [["a", "b"], ["c"]],
        [["c"], ["b", "a"]],
        _prf(1, 1),
        _prf(1, 1),
        _prf(1, 1),
    ),
    # No links on either side: MUC has nothing to divide by and scores 0, as the reference.
    "all_singletons": (
        [["a"], ["b"], ["c"]],
        [["a"], ["b"], ["c"]],
        _prf(0, 0),
        _prf(1, 1),
        _prf(1, 1),
    ),
    "empty": ([], [], _prf(0, 0), _prf(0, 0), _prf(0, 0)),
    "empty_response": ([["a", "b"]], [], _prf(0, 0), _prf(0, 0), _prf(0, 0)),
    # A spurious mention inside a response cluster: its own MUC partition, no B3/CEAF overlap.
    "spurious_in_cluster": (
        [["a", "b"]],
        [["a", "b", "x"]],
        _prf(1 / 2, 1),
        _prf(4 / 9, 1),
        _prf(4 / 5, 4 / 5),
    ),
    # A spurious singleton costs no MUC link but counts in B3 and as an entity in CEAF-e.
    "spurious_singleton": (
        [["a", "b"]],
        [["a", "b"], ["x"]],
        _prf(1, 1),
        _prf(2 / 3, 1),
        _prf(1 / 2, 1),
    ),
    # A key mention the response lacks gets no credit: B3 recall (2^2/3) / 3.
    "missing_mention": (
        [["a", "b", "c"]],
        [["a", "b"]],
        _prf(1, 1 / 2),
        _prf(1, 4 / 9),
        _prf(4 / 5, 4 / 5),
    ),
    # Greedy alignment takes {a,b,c}-{a,b,d} (2/3) first, then {d}-{c} (0): total 2/3. The optimum
    # pairs {a,b,c}-{c} and {d}-{a,b,d}, 1/2 each: total 1.
    "ceaf_needs_optimal_alignment": (
        [["a", "b", "c"], ["d"]],
        [["a", "b", "d"], ["c"]],
        _prf(1 / 2, 1 / 2),
        _prf(2 / 3, 2 / 3),
        _prf(1 / 2, 1 / 2),
    ),
}


@pytest.mark.parametrize("case", HAND_CASES.values(), ids=HAND_CASES.keys())
def test_hand_built_cases(case: tuple[Clustering, Clustering, PRF, PRF, PRF]) -> None:
    key, response, expected_muc, expected_b_cubed, expected_ceaf_e = case
    scores = score(key, response)
    _assert_prf(scores.muc, expected_muc)
    _assert_prf(scores.b_cubed, expected_b_cubed)
    _assert_prf(scores.ceaf_e, expected_ceaf_e)
    assert scores.conll == pytest.approx(
        (expected_muc.f1 + expected_b_cubed.f1 + expected_ceaf_e.f1) / 3
    )


@pytest.mark.parametrize(
    ("metric", "attribute"), [(muc, "muc"), (b_cubed, "b_cubed"), (ceaf_e, "ceaf_e")]
)
def test_single_metric_functions_match_score(
    metric: Callable[[Clustering, Clustering], PRF], attribute: str
) -> None:
    key, response, *_ = HAND_CASES["pradhan_2014"]
    assert metric(key, response) == getattr(score(key, response), attribute)


def test_prf_f1_is_zero_when_precision_and_recall_are() -> None:
    assert PRF.from_ratios(0.0, 0.0) == PRF(0.0, 0.0, 0.0)
    assert PRF.from_ratios(0.5, 1.0).f1 == pytest.approx(2 / 3)


def test_conll_is_mean_f1() -> None:
    scores = CorefScores(PRF(0, 0, 0.3), PRF(0, 0, 0.6), PRF(0, 0, 0.9))
    assert scores.conll == pytest.approx(0.6)


def test_accepts_any_hashable_mentions_and_iterables() -> None:
    key = ({(1, 2), (3, 4)}, frozenset({(5, 6)}))
    response = (iter([(1, 2), (3, 4), (5, 6)]),)
    assert score(key, response).muc == PRF.from_ratios(1 / 2, 1)


def test_empty_clusters_are_dropped() -> None:
    assert score([["a", "b"], []], [[], ["a", "b"]]).ceaf_e == PRF(1.0, 1.0, 1.0)


def test_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ClusteringError, match=r"mention 'b' is in two response clusters"):
        score([["a", "b"]], [["a", "b"], ["b"]])


def test_string_cluster_is_an_error() -> None:
    with pytest.raises(TypeError, match=r"key cluster 'ab' is a string"):
        score(["ab"], [["a", "b"]])


def _brute_force_total(weights: list[list[float]]) -> float:
    rows, columns = len(weights), len(weights[0])
    if rows <= columns:
        return max(
            sum(weights[i][j] for i, j in enumerate(chosen))
            for chosen in itertools.permutations(range(columns), rows)
        )
    return max(
        sum(weights[i][j] for j, i in enumerate(chosen))
        for chosen in itertools.permutations(range(rows), columns)
    )


@pytest.mark.parametrize(("rows", "columns"), [(1, 1), (2, 2), (3, 5), (5, 3), (6, 6), (4, 7)])
def test_assignment_is_optimal_and_one_to_one(rows: int, columns: int) -> None:
    rng = random.Random(rows * 10 + columns)
    for _ in range(30):
        # Small integers make ties and zeros common, where a wrong method slips most easily.
        weights = [[float(rng.randint(0, 4)) for _ in range(columns)] for _ in range(rows)]
        pairs = max_weight_assignment(weights)
        assert len(pairs) == min(rows, columns)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert sum(weights[i][j] for i, j in pairs) == _brute_force_total(weights)


def test_assignment_edge_shapes() -> None:
    assert max_weight_assignment([]) == []
    assert max_weight_assignment([[], []]) == []
    assert max_weight_assignment([[0.9, 0.8], [0.7, 0.0]]) == [(0, 1), (1, 0)]
    with pytest.raises(ValueError, match="rectangular"):
        max_weight_assignment([[1.0, 2.0], [3.0]])


# --- ecbplus reader, on small files -------------------------------------------------------------


def _mention(sentence: int, start: int, chain: object, text: str = "x") -> dict[str, Any]:
    return {
        "sentence_index": sentence,
        "token_span": [start, start + 1],
        "chain": chain,
        "text": text,
    }


def _write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def tiny_split(tmp_path: Path) -> Path:
    split = tmp_path / "dev"
    _write_json(
        split / "1" / "gold.json",
        {
            "d1": {
                "topic": 1,
                "validated_sentences": [0, 2],
                "mentions": [_mention(0, 1, "A"), _mention(2, 4, "A"), _mention(2, 7, "B")],
            },
        },
    )
    _write_json(
        split / "2" / "gold.json",
        {"d2": {"topic": 2, "mentions": [_mention(5, 0, "C"), _mention(6, 0, "C")]}},
    )
    return split


def test_read_gold(tiny_split: Path) -> None:
    gold = read_gold(tiny_split)
    assert sorted(map(sorted, gold.clusters)) == [
        [Mention("d1", 0, 1, 2), Mention("d1", 2, 4, 5)],
        [Mention("d1", 2, 7, 8)],
        [Mention("d2", 5, 0, 1), Mention("d2", 6, 0, 1)],
    ]
    assert gold.region == {"d1": frozenset({0, 2}), "d2": None}


def test_read_system_keeps_the_scored_region_only(tiny_split: Path, tmp_path: Path) -> None:
    system = _write_json(
        tmp_path / "system.json",
        {
            "d1": {
                "mentions": [
                    _mention(0, 1, 7),
                    _mention(2, 4, 7),
                    _mention(2, 9, 7),  # spurious: inside the region, not in the key
                    _mention(1, 0, 7),  # sentence 1 is not validated: ignored
                ]
            },
            "d2": {"mentions": [_mention(40, 0, "z")]},  # no validated_sentences: all scored
            "unknown": {"mentions": [_mention(0, 0, 7)]},  # not a key document: ignored
        },
    )
    clusters = read_system(system, read_gold(tiny_split).region)
    assert sorted(map(sorted, clusters)) == [
        [Mention("d1", 0, 1, 2), Mention("d1", 2, 4, 5), Mention("d1", 2, 9, 10)],
        [Mention("d2", 40, 0, 1)],
    ]
    scores = score_system(tiny_split, system)
    # Key links: A has 1, C has 1; the response keeps A's. Response links: 2, of which 1 is right.
    assert (scores.muc.recall, scores.muc.precision) == (1 / 2, 1 / 2)


@pytest.mark.parametrize(
    ("mentions", "message"),
    [
        (
            [_mention(0, 1, "A"), _mention(0, 1, "B")],
            r"mention \('d1', 0, 1, 2\) is given two chains, 'A' and 'B'",
        ),
        ([_mention(0, 1, None)], "chain must be a string or integer id, got None"),
        ([_mention(0, 1, True)], "chain must be a string or integer id, got True"),
        ([{"sentence_index": 0, "token_span": [1], "chain": "A"}], r"token_span must be \[start"),
    ],
)
def test_read_system_rejects_malformed_mentions(
    tiny_split: Path, tmp_path: Path, mentions: list[dict[str, Any]], message: str
) -> None:
    system = _write_json(tmp_path / "system.json", {"d1": {"mentions": mentions}})
    with pytest.raises(EcbPlusFormatError, match=message):
        read_system(system, read_gold(tiny_split).region)


def test_read_gold_names_the_expected_layout(tmp_path: Path) -> None:
    with pytest.raises(
        EcbPlusFormatError, match=r"no <topic>/gold.json under .*shared/ecbplus/dev"
    ):
        read_gold(tmp_path)


# --- agreement with the reference scorer on ECB+ dev ----------------------------------------------

Documents = dict[str, Any]
SystemBuilder = Callable[[Documents], Documents]


@pytest.fixture(scope="module")
def dev_documents() -> Documents:
    if not DEV.is_dir() or not REFERENCE_SCORER.is_file():
        pytest.skip(f"needs the shared ECB+ data and scorer: {DEV} and {REFERENCE_SCORER}")
    documents: Documents = {}
    for path in sorted(DEV.glob("*/gold.json")):
        documents.update(json.loads(path.read_text(encoding="utf-8")))
    return documents


def _system(documents: Documents, chain_of: Callable[[str, dict[str, Any]], object]) -> Documents:
    return {
        doc_id: {
            "mentions": [
                {
                    "sentence_index": m["sentence_index"],
                    "token_span": m["token_span"],
                    "chain": chain_of(doc_id, m),
                }
                for m in document["mentions"]
            ]
        }
        for doc_id, document in documents.items()
    }


def _topics(documents: Documents) -> dict[str, object]:
    return {doc_id: document["topic"] for doc_id, document in documents.items()}


def _gold(documents: Documents) -> Documents:
    return _system(documents, lambda _, m: m["chain"])


def _singletons(documents: Documents) -> Documents:
    return _system(documents, lambda doc_id, m: f"{doc_id}/{m['id']}")


def _one_cluster_per_topic(documents: Documents) -> Documents:
    topics = _topics(documents)
    return _system(documents, lambda doc_id, _: f"topic {topics[doc_id]}")


def _one_cluster(documents: Documents) -> Documents:
    return _system(documents, lambda _doc_id, _m: "everything")


def _lowercased_text(documents: Documents) -> Documents:
    topics = _topics(documents)
    return _system(documents, lambda doc_id, m: f"{topics[doc_id]}|{m['text'].lower()}")


def _random_merges(documents: Documents) -> Documents:
    # Gold chains, each merged into a random earlier chain of its topic with probability 0.4;
    # integer chain ids, to exercise them.
    rng = random.Random(2014)
    topics = _topics(documents)
    merged: dict[str, int] = {}
    seen: dict[object, list[int]] = {}
    for doc_id, document in documents.items():
        for m in document["mentions"]:
            if m["chain"] in merged:
                continue
            earlier = seen.setdefault(topics[doc_id], [])
            group = rng.choice(earlier) if earlier and rng.random() < 0.4 else len(merged)
            merged[m["chain"]] = group
            earlier.append(group)
    return _system(documents, lambda _, m: merged[m["chain"]])


def _random_reassignments(documents: Documents) -> Documents:
    # Half the mentions move to a random chain of their topic: clusters overlap widely, so the
    # CEAF-e components grow large and the assignment does real work.
    rng = random.Random(1995)
    topics = _topics(documents)
    chains: dict[object, list[str]] = {}
    for doc_id, document in documents.items():
        for m in document["mentions"]:
            chains.setdefault(topics[doc_id], []).append(m["chain"])

    def chain_of(doc_id: str, m: dict[str, Any]) -> object:
        return m["chain"] if rng.random() < 0.5 else rng.choice(chains[topics[doc_id]])

    return _system(documents, chain_of)


def _noisy(documents: Documents) -> Documents:
    # Lowercased-text chains with a fifth of the key mentions dropped (missing), spurious spans
    # added in validated sentences, and mentions outside the scored region (an unvalidated
    # sentence, an unknown document) that both scorers must ignore.
    rng = random.Random(1998)
    system = _lowercased_text(documents)
    for doc_id, document in documents.items():
        mentions = [m for m in system[doc_id]["mentions"] if rng.random() >= 0.2]
        for m in document["mentions"]:
            if rng.random() < 0.3:
                start, end = m["token_span"]
                shifted = [start, end + 1]
                mentions.append(
                    {"sentence_index": m["sentence_index"], "token_span": shifted, "chain": "x"}
                )
        for sentence in document["validated_sentences"]:
            mentions.append(
                {"sentence_index": sentence, "token_span": [900, 901], "chain": rng.randint(0, 9)}
            )
        unvalidated = set(range(document["n_sentences"])) - set(document["validated_sentences"])
        if unvalidated:
            mentions.append(
                {"sentence_index": min(unvalidated), "token_span": [0, 1], "chain": "outside"}
            )
        system[doc_id]["mentions"] = mentions
    system["not_a_key_document"] = {
        "mentions": [{"sentence_index": 0, "token_span": [0, 1], "chain": "outside"}]
    }
    return system


SYSTEMS: dict[str, SystemBuilder] = {
    "gold": _gold,
    "singletons": _singletons,
    "one_cluster_per_topic": _one_cluster_per_topic,
    "one_cluster": _one_cluster,
    "lowercased_text_within_topic": _lowercased_text,
    "random_merges": _random_merges,
    "random_reassignments": _random_reassignments,
    "noisy_spurious_and_missing": _noisy,
}

REFERENCE_METRICS = {"muc": "muc", "bcub": "b_cubed", "ceafe": "ceaf_e"}
# The reference prints percentages rounded to 0.01 and averages the rounded F1s.
TOLERANCE = 0.01 + 1e-9


def _reference_scores(system_path: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(DEV), "--system", str(system_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    # The scorer prints one JSON object; take it whole rather than trusting line positions.
    match = re.search(r"\{.*\}", completed.stdout, re.DOTALL)
    assert match, f"unexpected reference output: {completed.stdout!r}"
    result: dict[str, Any] = json.loads(match.group())
    return result


@pytest.mark.parametrize("builder", SYSTEMS.values(), ids=SYSTEMS.keys())
def test_agrees_with_reference_scorer(
    builder: SystemBuilder, dev_documents: Documents, tmp_path: Path
) -> None:
    system_path = _write_json(tmp_path / "system.json", builder(dev_documents))
    reference = _reference_scores(system_path)
    ours = score_system(DEV, system_path)
    for reference_name, attribute in REFERENCE_METRICS.items():
        prf: PRF = getattr(ours, attribute)
        printed = reference[reference_name]
        assert 100 * prf.recall == pytest.approx(printed["R"], abs=TOLERANCE), reference_name
        assert 100 * prf.precision == pytest.approx(printed["P"], abs=TOLERANCE), reference_name
        assert 100 * prf.f1 == pytest.approx(printed["F1"], abs=TOLERANCE), reference_name
    assert 100 * ours.conll == pytest.approx(reference["CoNLL_F1"], abs=TOLERANCE)


def test_gold_scores_100(dev_documents: Documents, tmp_path: Path) -> None:
    scores = score_system(DEV, _write_json(tmp_path / "gold.json", _gold(dev_documents)))
    assert scores.conll == pytest.approx(1.0)


def test_lowercased_text_within_topic_conll_is_69_2(
    dev_documents: Documents, tmp_path: Path
) -> None:
    system_path = _write_json(tmp_path / "system.json", _lowercased_text(dev_documents))
    assert round(100 * score_system(DEV, system_path).conll, 1) == 69.2
    assert round(_reference_scores(system_path)["CoNLL_F1"], 1) == 69.2
