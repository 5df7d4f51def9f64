"""The key-date model: a logistic regression over the day's evidence.

The weights are data (``resources/keydates.json``), fitted on the Timeline17
dev topics by ``make train-keydates`` (``scripts/train_keydates.py``): each
candidate day of each reference task is one example, labelled 1 when the
journalist's timeline lists it (a candidate period is no example: the references
list days only). Features are ``log(1 + count)`` of the
:class:`~huawei_timeline.models.KeyDateEvidence` counts (:data:`RANKED`: all
but ``day``, so a period is scored by its counts as a day is), standardised with the
training mean and spread stored beside the weights, so a weight says how much one
standard deviation of that evidence moves the log-odds.

:func:`fit_logistic` is the fitting itself, in plain Python (Newton's method on
the L2-penalised log-likelihood: a handful of features converge in a few steps,
deterministically), so neither fitting nor scoring needs a numerical library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, ClassVar, Final

from pydantic import Field

from huawei_timeline.keydates.evidence import FEATURES, feature_vector
from huawei_timeline.keydates.sentences import SENTENCE_FEATURES, LinearWeights, SentenceWeights
from huawei_timeline.models import KeyDateEvidence

__all__ = [
    "RANKED",
    "KeyDateModel",
    "SentenceWeights",
    "default_model",
    "fit_logistic",
    "fit_model",
    "fit_sentence_weights",
]

MODEL_FILE: Final = "keydates.json"
BIAS_PENALTY: Final = 1e-4
MIN_SCALE: Final = 1e-6
OFFSET_RANGE: Final = 100.0
"""Bounds of the bias search: far beyond any log-odds a probability needs."""
RANKED: Final = tuple(name for name in FEATURES if name != "day")
"""The evidence the fitted model weighs: all but ``day``. The examples are days
(a reference timeline lists days, so a period's label would say only that it is
not a day), and a period is scored by the same counts, as a day would be."""


class KeyDateModel(LinearWeights):
    """Weights of the key-date model and how they were obtained."""

    KNOWN: ClassVar[tuple[str, ...]] = FEATURES
    trained_on: list[str] = Field(default_factory=list)
    """The dev topics whose reference timelines gave the examples."""
    examples: int = 0
    positives: int = 0
    sentences: SentenceWeights | None = None
    """How the sentences of a key date are scored (None: the hand-set factors)."""

    def logit(self, evidence: KeyDateEvidence) -> float:
        """The log-odds that a journalist's timeline lists a day with this evidence."""
        return self.linear(feature_vector(evidence, self.features))

    def probability(self, evidence: KeyDateEvidence) -> float:
        """:meth:`logit` as a probability."""
        return _sigmoid(self.logit(evidence))


@cache
def default_model() -> KeyDateModel:
    """The fitted model shipped in ``resources/keydates.json``, read once."""
    text = resources.files("huawei_timeline.resources").joinpath(MODEL_FILE).read_text()
    return KeyDateModel.model_validate_json(text)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit_logistic(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    l2: float = 1.0,
    iterations: int = 50,
    tolerance: float = 1e-10,
    *,
    intercept: bool = True,
) -> tuple[list[float], float]:
    """Weights and bias maximising the log-likelihood minus ``l2/2 * |w|^2``.

    Newton-Raphson: the penalised log-likelihood is concave, so it converges from
    zero weights; the bias carries only :data:`BIAS_PENALTY`. Rows should be
    standardised. Without ``intercept`` the bias is fixed at 0.
    """
    if not rows or len(rows) != len(labels):
        raise ValueError("need as many labels as rows, and at least one row")
    extra = [1.0] if intercept else []
    width = len(rows[0]) + len(extra)  # the bias is the last coordinate
    beta = [0.0] * width
    for _ in range(iterations):
        gradient = [0.0] * width
        hessian = [[0.0] * width for _ in range(width)]
        for row, label in zip(rows, labels, strict=True):
            x = [*row, *extra]
            p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            weight = p * (1.0 - p)
            for i in range(width):
                gradient[i] += (label - p) * x[i]
                for j in range(i, width):
                    hessian[i][j] += weight * x[i] * x[j]
        for i in range(width):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        for i in range(width):
            # The bias gets a token penalty only, so that a sample of one label
            # (every day a key date) still has a finite optimum.
            penalty = BIAS_PENALTY if intercept and i == width - 1 else l2
            gradient[i] -= penalty * beta[i]
            hessian[i][i] += penalty
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < tolerance:
            break
    return (beta[:-1], beta[-1]) if intercept else (beta, 0.0)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve ``matrix @ x = vector`` by Gaussian elimination with partial pivoting."""
    n = len(vector)
    a = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            raise ValueError("singular system: a feature is constant or duplicated")
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def fit_model(
    evidence: Sequence[KeyDateEvidence],
    labels: Sequence[int],
    features: Sequence[str] = RANKED,
    l2: float = 1.0,
    trained_on: Sequence[str] = (),
    groups: Sequence[str] | None = None,
) -> KeyDateModel:
    """Standardise the log-counts, fit the weights, return the model.

    Without ``groups`` this is plain logistic regression (:func:`fit_logistic`).
    With them (one name per example: the reference task it comes from) the weights
    are learnt to *rank*: every key date of a task is paired with every other
    candidate of the same task, and logistic regression without intercept on the
    differences learns which evidence puts the key date first (pairwise ranking,
    as RankNet's linear case). A task only compares its own days, so a bundle
    where nearly every day is a key date teaches nothing false about the others.
    The bias is then fitted alone, on every example, so that ``probability`` stays
    an estimate of how likely a day is a key date.
    """
    mean, scale, rows = _standardised([feature_vector(e, features) for e in evidence])
    if groups is None:
        weights, bias = fit_logistic(rows, labels, l2=l2)
    else:
        weights = _fit_ranking(rows, labels, groups, l2)
        scores = [sum(w * v for w, v in zip(weights, row, strict=True)) for row in rows]
        bias = _fit_offset(scores, labels)
    return KeyDateModel(
        **_rounded(features, mean, scale, weights, bias),
        l2=l2,
        trained_on=list(trained_on),
        examples=len(labels),
        positives=sum(labels),
    )


def _rounded(
    features: Sequence[str],
    mean: Sequence[float],
    scale: Sequence[float],
    weights: Sequence[float],
    bias: float,
) -> dict[str, Any]:
    """A fitted linear model's columns as stored: six decimals, so a refit from the
    same data writes the same file."""
    return {
        "features": list(features),
        "mean": [round(m, 6) for m in mean],
        "scale": [round(s, 6) for s in scale],
        "weights": [round(w, 6) for w in weights],
        "bias": round(bias, 6),
    }


def _standardised(
    raw: Sequence[Sequence[float]],
) -> tuple[list[float], list[float], list[list[float]]]:
    """The columns' means and spreads, and the rows standardised by them. A feature
    constant in the sample (one outlet in every bundle) keeps scale 1."""
    columns = list(zip(*raw, strict=True))
    mean = [sum(c) / len(c) for c in columns]
    spread = [
        math.sqrt(sum((v - m) ** 2 for v in c) / len(c)) for c, m in zip(columns, mean, strict=True)
    ]
    scale = [s if s > MIN_SCALE else 1.0 for s in spread]
    rows = [[(v - m) / s for v, m, s in zip(x, mean, scale, strict=True)] for x in raw]
    return mean, scale, rows


def fit_sentence_weights(
    rows: Sequence[Mapping[str, float]],
    targets: Sequence[float],
    features: Sequence[str] = SENTENCE_FEATURES,
    l2: float = 1.0,
) -> SentenceWeights:
    """Ridge regression of ``targets`` on the standardised ``features`` of ``rows``
    (closed form: ``(X'X + l2 I) w = X'y`` on centred targets, the bias their mean),
    in plain Python, deterministically."""
    if not rows or len(rows) != len(targets):
        raise ValueError("need as many targets as rows, and at least one row")
    mean, scale, x = _standardised([[row[name] for name in features] for row in rows])
    bias = sum(targets) / len(targets)
    width = len(features)
    gram = [
        [sum(r[i] * r[j] for r in x) + (l2 if i == j else 0.0) for j in range(width)]
        for i in range(width)
    ]
    moment = [sum(r[i] * (t - bias) for r, t in zip(x, targets, strict=True)) for i in range(width)]
    weights = _solve(gram, moment)
    return SentenceWeights(
        **_rounded(features, mean, scale, weights, bias),
        l2=l2,
        examples=len(targets),
    )


def _fit_ranking(
    rows: Sequence[Sequence[float]], labels: Sequence[int], groups: Sequence[str], l2: float
) -> list[float]:
    by_group: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        by_group.setdefault(group, []).append(index)
    differences: list[list[float]] = []
    for members in by_group.values():
        positives = [i for i in members if labels[i]]
        negatives = [i for i in members if not labels[i]]
        for i in positives:
            for j in negatives:
                differences.append([a - b for a, b in zip(rows[i], rows[j], strict=True)])
    if not differences:
        raise ValueError("no task has both key dates and other days to rank")
    weights, _ = fit_logistic(differences, [1] * len(differences), l2=l2, intercept=False)
    return weights


def _fit_offset(offsets: Sequence[float], labels: Sequence[int]) -> float:
    """The bias b maximising the likelihood of ``labels`` under p = sigmoid(offset + b).

    The derivative of the log-likelihood falls as b grows, so its root is found by
    bisection, which cannot overshoot as Newton's steps can on flat stretches.
    """

    def slope(bias: float) -> float:
        fitted = sum(_sigmoid(o + bias) for o in offsets)
        return sum(labels) - fitted - BIAS_PENALTY * bias

    low, high = -OFFSET_RANGE, OFFSET_RANGE
    for _ in range(100):
        middle = (low + high) / 2
        if slope(middle) > 0:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def dump_model(model: KeyDateModel) -> str:
    """The model as the JSON text stored in ``resources/keydates.json``."""
    return json.dumps(model.model_dump(), indent=2) + "\n"
