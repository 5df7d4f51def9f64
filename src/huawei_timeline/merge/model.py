"""The merge model: how much each piece of pair evidence counts, fitted, not set by hand.

The log-odds that two mentions report one event are a bias, plus a linear part
(weight x value per feature of :class:`~huawei_timeline.merge.evidence.PairEvidence`),
plus the sum of small regression trees (gradient boosting: the trees weigh
interactions a linear model cannot, such as "same predicate *and* articles about one
story"). ``make train-merge`` (``scripts/train_merge.py``) fits them on ECB+ train
(news documents with gold cross-document event coreference) and chooses the
clustering threshold and linkage on ECB+ dev; they live in
``resources/merge_model.json``. Applying them needs no scikit-learn: a dot product
and a walk down each tree. Each feature's share of the log-odds (its weight x value,
plus what the splits on it changed along each tree's path) explains a join.

The model also carries the predicate-pair prior its evidence reads
(``predicate_pairs``; pass it to :class:`~huawei_timeline.merge.evidence.BundleEvidence`).

Used by :mod:`huawei_timeline.merge.linkage` (the ECB+ harness); the bundle merge
keeps its hand-set scorer until this model matches it on the hand-checked bundles.
"""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Sequence
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


class Tree(BaseModel):
    """One regression tree, node by node (node 0 is the root).

    At an inner node a pair goes left when its feature value, as a 32-bit float (what
    scikit-learn compares), is at most ``threshold``; ``feature`` is -1 at a leaf.
    ``value`` is each node's log-odds change relative to the root: the leaf's at a
    leaf, the sample-weighted mean of its leaves' at an inner node, so the root's is 0
    and each split's change of value is the share of the feature it splits on.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]

    def path(self, vector: Sequence[float]) -> list[int]:
        """The nodes a feature vector passes through, root to leaf."""
        node, nodes = 0, [0]
        while (feature := self.feature[node]) >= 0:
            below = _float32(vector[feature]) <= self.threshold[node]
            node = self.left[node] if below else self.right[node]
            nodes.append(node)
        return nodes


class MergeModel(BaseModel):
    """Fitted weights and trees, the decision threshold and linkage, and their provenance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str]
    weights: list[float]
    """One weight per feature, on the raw feature values (booleans as 0/1)."""
    trees: list[Tree] = []
    """Boosted regression trees over the same features, added to the log-odds."""
    predicate_pairs: dict[str, float] = {}
    """The predicate-pair prior the evidence reads (``PairEvidence.predicate_pair_prior``)."""
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
        vector = evidence.vector()
        linear = sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return self.bias + linear + sum(t.value[t.path(vector)[-1]] for t in self.trees)

    def probability(self, evidence: PairEvidence) -> float:
        """The probability that the two mentions report the same event."""
        return _logistic(self.logit(evidence))

    def contributions(self, evidence: PairEvidence) -> dict[str, float]:
        """Each feature's share of the log-odds beyond the bias, non-zero ones only.

        A feature's share is its weight x value plus, in each tree, the change of node
        value at every split on it along the pair's path; the shares add up to the
        log-odds less the bias.
        """
        vector = evidence.vector()
        shares = [w * x for w, x in zip(self.weights, vector, strict=True)]
        for tree in self.trees:
            nodes = tree.path(vector)
            for parent, child in itertools.pairwise(nodes):
                shares[tree.feature[parent]] += tree.value[child] - tree.value[parent]
        return {
            name: round(share, 4)
            for name, share in zip(self.features, shares, strict=True)
            if round(share, 4) != 0
        }


def _float32(value: float) -> float:
    """``value`` rounded to the nearest 32-bit float, as scikit-learn's trees read it."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


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
