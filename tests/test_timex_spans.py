"""The learned span detector: features, training, the model file, and how it joins the grammar."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huawei_timeline.models import (
    Article,
    ArticleMeta,
    Entity,
    ParsedArticle,
    Segment,
    Sentence,
    Token,
)
from huawei_timeline.timex.detect import candidates, grammar_spans, tag_article
from huawei_timeline.timex.spans import (
    MODEL_FILE,
    SpanModel,
    SpanModelError,
    _viterbi,
    article_sentences,
    dump_model,
    load_span_model,
    read_span_model,
    train_span_model,
)

# (word, tag, pos, dep, head) rows; heads are token indices.
ROWS = {
    "Sales rose in the past two years.": [
        ("Sales", "NNS", "NOUN", "nsubj", 1),
        ("rose", "VBD", "VERB", "ROOT", 1),
        ("in", "IN", "ADP", "prep", 1),
        ("the", "DT", "DET", "det", 6),
        ("past", "JJ", "ADJ", "amod", 6),
        ("two", "CD", "NUM", "nummod", 6),
        ("years", "NNS", "NOUN", "pobj", 2),
        (".", ".", "PUNCT", "punct", 1),
    ],
    "It was the busiest two years.": [
        ("It", "PRP", "PRON", "nsubj", 1),
        ("was", "VBD", "AUX", "ROOT", 1),
        ("the", "DT", "DET", "det", 5),
        ("busiest", "JJS", "ADJ", "amod", 5),
        ("two", "CD", "NUM", "nummod", 5),
        ("years", "NNS", "NOUN", "attr", 1),
        (".", ".", "PUNCT", "punct", 1),
    ],
    "He met them on Tuesday.": [
        ("He", "PRP", "PRON", "nsubj", 1),
        ("met", "VBD", "VERB", "ROOT", 1),
        ("them", "PRP", "PRON", "dobj", 1),
        ("on", "IN", "ADP", "prep", 1),
        ("Tuesday", "NNP", "PROPN", "pobj", 3),
        (".", ".", "PUNCT", "punct", 1),
    ],
}


def _parsed(text: str, entities: tuple[str, ...] = ()) -> ParsedArticle:
    tokens, cursor = [], 0
    for i, (word, tag, pos, dep, head) in enumerate(ROWS[text]):
        start = text.index(word, cursor)
        cursor = start + len(word)
        tokens.append(
            Token(
                i=i, start=start, end=cursor, text=word, lemma=word.lower(), pos=pos, tag=tag,
                dep=dep, head=head,
            )
        )  # fmt: skip
    found = []
    for words in entities:
        start = text.index(words)
        inside = [t.i for t in tokens if start <= t.start and t.end <= start + len(words)]
        found.append(
            Entity(
                start=start, end=start + len(words), text=words, label="DATE",
                token_start=inside[0], token_end=inside[-1] + 1,
            )
        )  # fmt: skip
    meta = ArticleMeta(id="a", file="a.txt", outlet="X", published=date(2019, 7, 10))
    return ParsedArticle(
        article=Article(meta=meta, text=text),
        segments=[Segment(start=0, end=len(text), kind="text")],
        sentences=[
            Sentence(
                index=0, start=0, end=len(text), text=text, token_start=0, token_end=len(tokens)
            )
        ],
        tokens=tokens,
        entities=found,
    )


def _examples(text: str, gold: list[str]) -> list:  # type: ignore[type-arg]
    parsed = _parsed(text)
    spans = [(text.index(g), text.index(g) + len(g)) for g in gold]
    return article_sentences(parsed, grammar_spans(candidates(parsed)), spans)


def test_features_say_what_the_grammar_and_the_entities_cover() -> None:
    text = "He met them on Tuesday."
    parsed = _parsed(text, entities=("Tuesday",))
    (sentence,) = article_sentences(parsed, grammar_spans(candidates(parsed)))
    tuesday = dict(f.split("=", 1) for f in sentence.features[4] if "=" in f)
    assert (tuesday["w"], tuesday["s"], tuesday["g"], tuesday["gr"], tuesday["e"]) == (
        "tuesday", "Xx", "B-DATE", "B-DATE:weekday", "B-DATE",
    )  # fmt: skip
    assert dict(f.split("=", 1) for f in sentence.features[3] if "=" in f)["g+1"] == "B-DATE"
    assert sentence.labels == ()


def test_labels_come_from_the_gold_spans() -> None:
    (sentence,) = _examples("Sales rose in the past two years.", ["the past two years"])
    assert sentence.labels == (0, 0, 0, 1, 2, 2, 2, 0)


def test_training_is_deterministic_and_learns_the_examples() -> None:
    examples = _examples("Sales rose in the past two years.", ["the past two years"]) * 3
    examples += _examples("He met them on Tuesday.", ["Tuesday"])
    first, second = (train_span_model(examples, epochs=5, trained_on=["x"]) for _ in range(2))
    assert dump_model(first) == dump_model(second)
    assert first.spans(examples[0]) == [(14, 32)]
    assert first.spans(examples[-1]) == [(15, 22)]


def test_decoding_never_starts_an_expression_inside() -> None:
    # Weights that want "I" everywhere: the first token can only be O or B.
    model = SpanModel(weights={"b": (0.0, 0.0, 5.0)}, transitions=((0.0,) * 3,) * 4)
    assert model.labels([["b"], ["b"], ["b"]]) == [1, 2, 2]


def test_the_model_file_reads_back(tmp_path: Path) -> None:
    examples = _examples("He met them on Tuesday.", ["Tuesday"])
    model = train_span_model(examples, epochs=2, trained_on=["TimeBank"])
    path = tmp_path / MODEL_FILE
    path.write_text(dump_model(model), encoding="utf-8")
    again = read_span_model(path)
    assert (again.weights, again.transitions, again.trained_on) == (
        model.weights, model.transitions, ("TimeBank",),
    )  # fmt: skip


def test_a_bad_model_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    path = tmp_path / MODEL_FILE
    path.write_text('{"format": 0}', encoding="utf-8")
    with pytest.raises(SpanModelError) as error:
        read_span_model(path)
    assert str(error.value) == (
        f"{path}: not a span model file (format 0, labels None); rebuild it with make train-timex"
    )


def test_the_packaged_model_is_trained_on_both_halves_of_tbaq() -> None:
    model = load_span_model()
    assert model is not None
    assert model.trained_on == ("TimeBank", "AQUAINT")


def test_a_learned_span_widens_a_candidate_but_never_narrows_or_drops_one() -> None:
    text = "Sales rose in the past two years."
    parsed = _parsed(text)
    wide = train_span_model(_examples(text, ["rose in the past two years"]) * 3, epochs=5)
    narrow = train_span_model(_examples(text, ["two years"]) * 3, epochs=5)
    nothing = train_span_model(_examples(text, []) * 3, epochs=5)
    rules = [(e.text, e.value) for e in tag_article(parsed, learned=False).time_expressions]
    assert rules == [("the past two years", "P2Y")]
    # A verb and a preposition ("rose in") are no part of a time expression: no widening.
    assert [(e.text, e.value) for e in tag_article(parsed, wide).time_expressions] == rules
    assert [(e.text, e.value) for e in tag_article(parsed, narrow).time_expressions] == rules
    assert [(e.text, e.value) for e in tag_article(parsed, nothing).time_expressions] == rules


def test_a_leading_adjective_widens_a_candidate_and_keeps_its_value() -> None:
    text = "It was the busiest two years."
    parsed = _parsed(text)
    model = train_span_model(_examples(text, ["the busiest two years"]) * 3, epochs=5)
    assert [(e.text, e.value) for e in tag_article(parsed, learned=False).time_expressions] == [
        ("two years", "P2Y")
    ]
    assert [(e.text, e.value) for e in tag_article(parsed, model).time_expressions] == [
        ("the busiest two years", "P2Y")
    ]


def _best_by_enumeration(
    emissions: list[list[float]], transitions: tuple[tuple[float, ...], ...]
) -> list[int]:
    """The highest-scoring label sequence, found by trying every one (small inputs)."""
    best: tuple[float, list[int]] | None = None
    for labels in itertools.product(range(3), repeat=len(emissions)):
        if labels[0] == 2 or any(a == 0 and b == 2 for a, b in itertools.pairwise(labels)):
            continue  # I never starts a sentence nor follows O
        previous, total = 3, 0.0
        for label, scores in zip(labels, emissions, strict=True):
            total += transitions[previous][label] + scores[label]
            previous = label
        if best is None or total > best[0]:
            best = (total, list(labels))
    assert best is not None
    return best[1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-5, 5, allow_nan=False), min_size=3, max_size=3),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=12, max_size=12),
)
def test_decoding_finds_the_best_sequence(emissions: list[list[float]], flat: list[float]) -> None:
    transitions = tuple(tuple(flat[3 * row : 3 * row + 3]) for row in range(4))
    decoded = _viterbi(emissions, transitions)
    best = _best_by_enumeration(emissions, transitions)

    def score(labels: list[int]) -> float:
        previous, total = 3, 0.0
        for label, scores in zip(labels, emissions, strict=True):
            total += transitions[previous][label] + scores[label]
            previous = label
        return total

    assert decoded[0] != 2 and all(not (a == 0 and b == 2) for a, b in itertools.pairwise(decoded))
    assert score(decoded) == pytest.approx(score(best), abs=1e-9)


def test_neighbour_features_pad_both_ends() -> None:
    text = "He met them on Tuesday."
    parsed = _parsed(text, entities=("Tuesday",))
    (sentence,) = article_sentences(parsed, grammar_spans(candidates(parsed)))
    first = dict(f.split("=", 1) for f in sentence.features[0] if "=" in f)
    last = dict(f.split("=", 1) for f in sentence.features[-1] if "=" in f)
    assert (first["w-1"], first["w-2"], first["p-1"], first["g-1"], first["e-1"]) == ("<s>",) * 5
    assert (last["w+1"], last["w+2"], last["p+1"], last["g+1"], last["e+1"]) == ("</s>",) * 5
    assert (first["w+2"], last["w-2"], last["w-1"]) == ("them", "on", "tuesday")
