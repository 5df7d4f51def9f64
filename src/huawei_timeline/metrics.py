"""Precision, recall and F1: the one score type of every harness (timex, events, coreference)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean, each a fraction in [0, 1]."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_ratios(cls, precision: float, recall: float) -> PRF:
        """The triple for given precision and recall; F1 = 0 when both are 0."""
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)

    @classmethod
    def from_counts(cls, hits: float, predicted: float, expected: float) -> PRF:
        """P = hits / predicted, R = hits / expected; a ratio over nothing is 0."""
        return cls.from_ratios(
            hits / predicted if predicted else 0.0, hits / expected if expected else 0.0
        )
