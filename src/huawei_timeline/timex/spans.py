"""A learned span detector for time expressions, combined with the rule grammar.

The grammar (:mod:`huawei_timeline.timex.detect`) is precise about values but
keeps missing spans and boundaries the rules never foresaw. This module learns,
from TimeML gold (TBAQ), where expressions begin and end: a token-level BIO
tagger (an averaged structured perceptron, first-order Viterbi decoding) over
cheap features -- the word, its lemma, shape, part of speech and dependency,
its neighbours, and whether the grammar or spaCy's DATE/TIME entities cover it.
Normalisation stays with the rules: a learned span gets its value from the
grammar run over that span (:func:`huawei_timeline.timex.detect.tag_article`).

The weights are a small JSON file (``resources/timex/spans.json``) written by
``make train-timex`` (``scripts/train_timex.py``); applying them needs plain
Python only. Training is deterministic: documents in a fixed order, no
shuffling, a fixed number of epochs.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Final

from huawei_timeline.errors import TimelineError
from huawei_timeline.models import Entity, ParsedArticle, Sentence, Token

__all__ = [
    "EPOCHS",
    "MIN_COUNT",
    "MODEL_FILE",
    "Labelled",
    "SpanModel",
    "SpanModelError",
    "article_sentences",
    "dump_model",
    "load_span_model",
    "read_span_model",
    "token_features",
    "train_span_model",
]

MODEL_FILE: Final = "spans.json"
EPOCHS: Final = 10
"""Passes over the training documents; fixed (a common default), never tuned on a reported half."""
MIN_COUNT: Final = 2
"""A feature must occur on this many training tokens to get a weight (fixed, not tuned)."""
_FORMAT: Final = 1
_LABELS: Final = ("O", "B", "I")
_O, _B, _I = 0, 1, 2
_START: Final = 3  # the "previous label" of a sentence's first token
_DIGITS: Final = 2  # decimals kept in the stored weights (they are sums of +-1 updates)
_IMPOSSIBLE: Final = -1e9


class SpanModelError(TimelineError):
    """The span model file is missing or malformed."""


# ------------------------------------------------------------------ features


@dataclass(frozen=True)
class Labelled:
    """One sentence as the tagger sees it: features per token, gold labels if known."""

    tokens: tuple[Token, ...]
    features: tuple[tuple[str, ...], ...]
    labels: tuple[int, ...] = ()


@functools.lru_cache(maxsize=1 << 16)
def _shape(word: str) -> str:
    """Word shape with runs collapsed: "May" -> "Xx", "1990s" -> "dx", "mid-May" -> "x-Xx".
    Cached: words repeat, and the three substitutions were a tenth of the tagger's time."""
    shape = re.sub(r"[A-Z]", "X", re.sub(r"[a-z]", "x", re.sub(r"\d", "d", word)))
    return re.sub(r"(.)\1+", r"\1", shape)[:6]


def _coverage(tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Per token: "B-<tag>"/"I-<tag>" if a span covers it, else "O"."""
    marks = ["O"] * len(tokens)
    for start, end, tag in spans:
        inside = [k for k, t in enumerate(tokens) if t.start < end and start < t.end]
        for n, k in enumerate(inside):
            if marks[k] == "O":
                marks[k] = ("B-" if n == 0 else "I-") + tag
    return marks


def token_features(
    tokens: Sequence[Token],
    grammar: Sequence[tuple[int, int, str]],
    entities: Sequence[Entity],
) -> tuple[tuple[str, ...], ...]:
    """The features of each token of one sentence.

    ``grammar`` holds the rule grammar's matches in the sentence as (start,
    end, "TYPE:rule") character spans; ``entities`` spaCy's DATE/TIME entities.
    """
    rules = _coverage(tokens, grammar)
    types = [m if m == "O" else m.split(":", 1)[0] for m in rules]
    ents = _coverage(tokens, [(e.start, e.end, e.label) for e in entities])
    words = [t.text.lower() for t in tokens]
    by_index = {t.i: t for t in tokens}
    # Neighbours read from padded copies: position k + 2 is token k.
    word_at = ["<s>", "<s>", *words, "</s>", "</s>"]
    pos_at = ["<s>", "<s>", *(t.pos for t in tokens), "</s>", "</s>"]
    type_at = ["<s>", "<s>", *types, "</s>", "</s>"]
    ent_at = ["<s>", "<s>", *ents, "</s>", "</s>"]
    result = []
    for k, token in enumerate(tokens):
        word, prev_word, next_word = words[k], word_at[k + 1], word_at[k + 3]
        head = by_index.get(token.head)
        result.append(
            (
                "b",
                "w=" + word,
                "l=" + token.lemma.lower(),
                "s=" + _shape(token.text),
                "p=" + token.pos,
                "t=" + token.tag,
                "d=" + token.dep,
                "h=" + (head.lemma.lower() if head is not None and head.i != token.i else "<root>"),
                "x=" + word[-3:],
                "w-1=" + prev_word,
                "w+1=" + next_word,
                "w-2=" + word_at[k],
                "w+2=" + word_at[k + 4],
                "w-1w=" + prev_word + "|" + word,
                "ww+1=" + word + "|" + next_word,
                "p-1=" + pos_at[k + 1],
                "p+1=" + pos_at[k + 3],
                "g=" + types[k],
                "gr=" + rules[k],
                "g-1=" + type_at[k + 1],
                "g+1=" + type_at[k + 3],
                "e=" + ents[k],
                "e-1=" + ent_at[k + 1],
                "e+1=" + ent_at[k + 3],
                "ge=" + types[k][:1] + ents[k][:1],
            )
        )
    return tuple(result)


def article_sentences(
    parsed: ParsedArticle,
    grammar: Sequence[tuple[int, int, str]],
    gold: Sequence[tuple[int, int]] | None = None,
) -> list[Labelled]:
    """Every sentence of ``parsed`` with its features (and labels from ``gold`` spans)."""
    entities = [e for e in parsed.entities if e.label in ("DATE", "TIME")]
    found = []
    for sentence in parsed.sentences:
        tokens = tuple(parsed.tokens[sentence.token_start : sentence.token_end])
        if not tokens:
            continue
        inside = _within(sentence, grammar)
        features = token_features(
            tokens, inside, [e for e in entities if sentence.start <= e.start < sentence.end]
        )
        labels: tuple[int, ...] = ()
        if gold is not None:
            marks = _coverage(tokens, [(s, e, "T") for s, e in gold])
            labels = tuple(_O if m == "O" else (_B if m[0] == "B" else _I) for m in marks)
        found.append(Labelled(tokens, features, labels))
    return found


def _within(
    sentence: Sentence, spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    return [s for s in spans if s[0] < sentence.end and sentence.start < s[1]]


# --------------------------------------------------------------------- model


@dataclass(frozen=True)
class SpanModel:
    """Perceptron weights: per feature one weight per label (O, B, I), and transitions."""

    weights: Mapping[str, tuple[float, float, float]]
    transitions: tuple[tuple[float, float, float], ...]  # previous label (O, B, I, start) -> label
    trained_on: tuple[str, ...] = ()
    epochs: int = EPOCHS

    def labels(self, features: Sequence[Sequence[str]]) -> list[int]:
        """The best label sequence (Viterbi; I never follows O or starts a sentence)."""
        return _viterbi(_emissions(self.weights, features), self.transitions)

    def spans(self, sentence: Labelled) -> list[tuple[int, int]]:
        """Character spans of the expressions the model finds in ``sentence``."""
        return spans_of(sentence.tokens, self.labels(sentence.features))


def spans_of(tokens: Sequence[Token], labels: Sequence[int]) -> list[tuple[int, int]]:
    """Character spans of the B(I*) runs of ``labels``."""
    found: list[tuple[int, int]] = []
    for token, label in zip(tokens, labels, strict=True):
        if label == _B or (label == _I and not found):
            found.append((token.start, token.end))
        elif label == _I:
            found[-1] = (found[-1][0], token.end)
    return found


def _emissions(
    weights: Mapping[str, Sequence[float]], features: Sequence[Sequence[str]]
) -> list[list[float]]:
    weight_of = weights.get
    scores = []
    for token_features_ in features:
        o = b = i = 0.0
        for name in token_features_:
            w = weight_of(name)
            if w is not None:
                o += w[0]
                b += w[1]
                i += w[2]
        scores.append([o, b, i])
    return scores


def _viterbi(
    emissions: Sequence[Sequence[float]], transitions: Sequence[Sequence[float]]
) -> list[int]:
    """First-order Viterbi over the labels O, B, I (I never after O nor first).

    Written out for three labels (the decoder runs on every sentence of every
    article); ties go to the lower label, as ``max`` over ``range(3)`` would."""
    if not emissions:
        return []
    (oo, ob, oi), (bo, bb, bi), (io, ib, ii) = transitions[_O], transitions[_B], transitions[_I]
    first = emissions[0]
    start = transitions[_START]
    best_o, best_b, best_i = start[_O] + first[_O], start[_B] + first[_B], _IMPOSSIBLE
    back: list[tuple[int, int, int]] = []
    for e_o, e_b, e_i in emissions[1:]:
        to_o = _argmax3(best_o + oo, best_b + bo, best_i + io)
        to_b = _argmax3(best_o + ob, best_b + bb, best_i + ib)
        to_i = _argmax3(best_o + oi + _IMPOSSIBLE, best_b + bi, best_i + ii)
        best_o, best_b, best_i = to_o[1] + e_o, to_b[1] + e_b, to_i[1] + e_i
        back.append((to_o[0], to_b[0], to_i[0]))
    label = _argmax3(best_o, best_b, best_i)[0]
    path = [label]
    for pointers in reversed(back):
        label = pointers[label]
        path.append(label)
    return path[::-1]


def _argmax3(a: float, b: float, c: float) -> tuple[int, float]:
    """The first index of the largest of three values, and that value."""
    if b > a:
        return (2, c) if c > b else (1, b)
    return (2, c) if c > a else (0, a)


# ------------------------------------------------------------------ training


@dataclass
class _Averaged:
    """Averaged perceptron bookkeeping (the lazy-update trick: totals at each change)."""

    weights: dict[str, list[float]] = field(default_factory=dict)
    totals: dict[str, list[float]] = field(default_factory=dict)
    stamps: dict[str, list[int]] = field(default_factory=dict)
    transitions: list[list[float]] = field(default_factory=lambda: [[0.0] * 3 for _ in range(4)])
    transition_totals: list[list[float]] = field(
        default_factory=lambda: [[0.0] * 3 for _ in range(4)]
    )
    transition_stamps: list[list[int]] = field(default_factory=lambda: [[0] * 3 for _ in range(4)])
    clock: int = 0

    def update(self, name: str, label: int, delta: float) -> None:
        weights = self.weights.setdefault(name, [0.0, 0.0, 0.0])
        totals = self.totals.setdefault(name, [0.0, 0.0, 0.0])
        stamps = self.stamps.setdefault(name, [0, 0, 0])
        totals[label] += (self.clock - stamps[label]) * weights[label]
        stamps[label] = self.clock
        weights[label] += delta

    def update_transition(self, previous: int, label: int, delta: float) -> None:
        weights, totals = self.transitions[previous], self.transition_totals[previous]
        stamps = self.transition_stamps[previous]
        totals[label] += (self.clock - stamps[label]) * weights[label]
        stamps[label] = self.clock
        weights[label] += delta

    def averaged(self) -> tuple[dict[str, tuple[float, float, float]], list[list[float]]]:
        clock = max(self.clock, 1)
        weights: dict[str, tuple[float, float, float]] = {}
        for name, current in self.weights.items():
            totals, stamps = self.totals[name], self.stamps[name]
            mean = [
                round((totals[y] + (self.clock - stamps[y]) * current[y]) / clock, _DIGITS)
                for y in range(3)
            ]
            if any(mean):
                weights[name] = (mean[0], mean[1], mean[2])
        transitions = [
            [
                round(
                    (
                        self.transition_totals[p][y]
                        + (self.clock - self.transition_stamps[p][y]) * self.transitions[p][y]
                    )
                    / clock,
                    _DIGITS,
                )
                for y in range(3)
            ]
            for p in range(4)
        ]
        return weights, transitions


def train_span_model(
    sentences: Sequence[Labelled], epochs: int = EPOCHS, trained_on: Iterable[str] = ()
) -> SpanModel:
    """Fit the tagger on labelled sentences (deterministic: fixed order, no shuffling).

    Features seen on fewer than :data:`MIN_COUNT` tokens are left out: they cannot
    generalise, and leaving them out keeps the stored model small.
    """
    counts: Counter[str] = Counter(f for s in sentences for token in s.features for f in token)
    sentences = [
        Labelled(
            s.tokens,
            tuple(tuple(f for f in token if counts[f] >= MIN_COUNT) for token in s.features),
            s.labels,
        )
        for s in sentences
    ]
    state = _Averaged()
    for _ in range(epochs):
        for sentence in sentences:
            state.clock += 1
            predicted = _viterbi(_emissions(state.weights, sentence.features), state.transitions)
            gold = sentence.labels
            if list(predicted) == list(gold):
                continue
            for k, (want, got) in enumerate(zip(gold, predicted, strict=True)):
                if want != got:
                    for name in sentence.features[k]:
                        state.update(name, want, 1.0)
                        state.update(name, got, -1.0)
                want_prev = gold[k - 1] if k else _START
                got_prev = predicted[k - 1] if k else _START
                if (want_prev, want) != (got_prev, got):
                    state.update_transition(want_prev, want, 1.0)
                    state.update_transition(got_prev, got, -1.0)
    weights, transitions = state.averaged()
    return SpanModel(
        weights=weights,
        transitions=tuple((t[0], t[1], t[2]) for t in transitions),
        trained_on=tuple(trained_on),
        epochs=epochs,
    )


# ---------------------------------------------------------------- the file


def dump_model(model: SpanModel) -> str:
    """The model as JSON text (sorted keys: the same model gives the same bytes)."""
    document = {
        "format": _FORMAT,
        "labels": list(_LABELS),
        "epochs": model.epochs,
        "trained_on": list(model.trained_on),
        "transitions": [list(t) for t in model.transitions],
        "weights": {name: list(w) for name, w in sorted(model.weights.items())},
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n"


def read_span_model(path: Path | str) -> SpanModel:
    """Read a model file written by :func:`dump_model`."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        return _model_from(document)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SpanModelError(
            f"{path}: not a span model file ({error}); rebuild it with make train-timex"
        ) from error


@functools.cache
def load_span_model() -> SpanModel | None:
    """The packaged model (``resources/timex/spans.json``), or None if it is absent."""
    entry = resources.files("huawei_timeline") / "resources" / "timex" / MODEL_FILE
    if not entry.is_file():
        return None
    try:
        return _model_from(json.loads(entry.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        raise SpanModelError(
            f"{entry}: not a span model file ({error}); rebuild it with make train-timex"
        ) from error


def _model_from(document: Mapping[str, object]) -> SpanModel:
    if document.get("format") != _FORMAT or document.get("labels") != list(_LABELS):
        raise ValueError(f"format {document.get('format')!r}, labels {document.get('labels')!r}")
    raw_weights = document["weights"]
    raw_transitions = document["transitions"]
    if not isinstance(raw_weights, dict) or not isinstance(raw_transitions, list):
        raise TypeError("weights must be an object and transitions a list")
    weights = {str(k): (float(v[0]), float(v[1]), float(v[2])) for k, v in raw_weights.items()}
    transitions = tuple((float(t[0]), float(t[1]), float(t[2])) for t in raw_transitions)
    if len(transitions) != 4 or not all(map(math.isfinite, (x for t in transitions for x in t))):
        raise ValueError("transitions must be 4 rows of 3 finite numbers")
    epochs = document.get("epochs", EPOCHS)
    trained_on = document.get("trained_on", [])
    return SpanModel(
        weights=weights,
        transitions=transitions,
        trained_on=tuple(str(t) for t in trained_on) if isinstance(trained_on, list) else (),
        epochs=int(epochs) if isinstance(epochs, int) else EPOCHS,
    )
