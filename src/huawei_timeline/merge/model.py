"""The merge model: how much each piece of pair evidence counts, fitted, not set by hand.

A logistic regression over :class:`~huawei_timeline.merge.evidence.PairEvidence`,
fitted by ``make train-merge`` (``scripts/train_merge.py``) on ECB+ train (news
documents with gold cross-document event coreference), with the clustering
threshold and linkage chosen on ECB+ dev. The fitted weights live in
``resources/merge_model.json``; applying them needs no scikit-learn: the
probability is the logistic of a dot product, and each feature's share of it
(weight x value) is the explanation of a join.

Used by :mod:`huawei_timeline.merge.linkage` (the ECB+ harness); the bundle merge
keeps its hand-set scorer until this model matches it on the hand-checked bundles.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict

from huawei_timeline.errors import TimelineError
from huawei_timeline.merge.evidence import FEATURES, PairEvidence

MODEL_FILE = "merge_model.json"

Linkage = Literal["single", "average"]


class MergeModelError(TimelineError):
    """The fitted merge model is missing or does not match the evidence features."""


class MergeModel(BaseModel):
    """Fitted weights, the decision threshold and linkage, and where they came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    weights: list[float]
    """One weight per feature, on the raw feature values (booleans as 0/1)."""
    bias: float
    threshold: float
    """Mentions (or clusters, for average linkage) join at or above this probability."""
    linkage: Linkage
    trained_on: list[str]
    selected_on: str
    dev_scores: dict[str, float]
    """The scores that chose threshold and linkage (CoNLL F1 etc. on ECB+ dev)."""

    def logit(self, evidence: PairEvidence) -> float:
        """The log-odds that the two mentions report the same event."""
        return self.bias + sum(w * x for w, x in zip(self.weights, evidence.vector(), strict=True))

    def probability(self, evidence: PairEvidence) -> float:
        """The probability that the two mentions report the same event."""
        return _logistic(self.logit(evidence))

    def contributions(self, evidence: PairEvidence) -> dict[str, float]:
        """Each feature's share of the log-odds (weight x value), non-zero ones only."""
        return {
            name: round(w * x, 4)
            for name, w, x in zip(self.features, self.weights, evidence.vector(), strict=True)
            if w * x != 0
        }


def _logistic(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    odds = math.exp(value)
    return odds / (1.0 + odds)


@cache
def merge_model() -> MergeModel:
    """The fitted model shipped in ``resources/merge_model.json`` (read once).

    Raises:
        MergeModelError: the file is missing or was fitted on other features.
    """
    try:
        text = resources.files("huawei_timeline.resources").joinpath(MODEL_FILE).read_text()
    except FileNotFoundError as exc:
        raise MergeModelError(
            f"resources/{MODEL_FILE} is missing; rebuild it with `make train-merge`"
        ) from exc
    model = MergeModel.model_validate_json(text)
    if tuple(model.features) != FEATURES:
        raise MergeModelError(
            f"resources/{MODEL_FILE} was fitted on other features than the code computes; "
            "rebuild it with `make train-merge`"
        )
    return model
