"""Clustering by the fitted pair model: single or average linkage under hard constraints.

Each candidate pair's evidence (:mod:`huawei_timeline.merge.evidence`) is weighed by
the fitted model (:mod:`huawei_timeline.merge.model`) into a probability; pairs a
constraint forbids are never joined. Mentions then join by the model's linkage
(single: strongest pair first; average: the two clusters of highest mean probability
first) while the probability reaches the model's threshold, under the same
constraints for whole clusters: their dates keep a common intersection, one named
person acts, no sentence twice. Every join is recorded with its evidence.

This is what ``bench/coref_ecbplus.py`` measures on ECB+ and what ``make train-merge``
tunes. The bundle merge (:mod:`huawei_timeline.merge.cluster`) still uses its
hand-set scorer: on the hand-checked bundles the fitted model does not yet match it
(README, "Merge model").
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

from huawei_timeline.merge.evidence import BundleEvidence
from huawei_timeline.merge.model import MergeModel
from huawei_timeline.merge.union import Cluster, join, join_in_order
from huawei_timeline.models import MergeLink

MAX_EXPLAINED_FEATURES = 6
"""Features listed per join: the largest shares of the log-odds."""


def pair_probabilities(
    evidence: BundleEvidence, model: MergeModel, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """The model's probability for each pair that no constraint forbids."""
    return {
        (i, j): model.probability(evidence.evidence(i, j))
        for i, j in sorted(pairs)
        if evidence.constraint(i, j) is None
    }


def cluster_mentions(
    evidence: BundleEvidence,
    model: MergeModel,
    pairs: Iterable[tuple[int, int]] | None = None,
    probabilities: Mapping[tuple[int, int], float] | None = None,
) -> list[Cluster]:
    """Cluster every mention of ``evidence`` by the model's linkage and threshold.

    ``pairs`` are the candidate pairs (default: the bundle's inverted index);
    ``probabilities`` may give their :func:`pair_probabilities` already computed (as
    when only the threshold changes). Returns every cluster, singletons included, in
    order of their first mention.
    """
    n = len(evidence.mentions)
    if probabilities is None:
        if pairs is None:
            pairs = evidence.candidate_pairs(range(n))
        probabilities = pair_probabilities(evidence, model, pairs)
    clusters = {i: _singleton(evidence, i) for i in range(n)}
    if model.linkage == "single":
        _single_linkage(clusters, probabilities, evidence, model)
    else:
        _average_linkage(clusters, probabilities, evidence, model)
    return [clusters[k] for k in sorted(clusters)]


def _single_linkage(
    clusters: dict[int, Cluster],
    probabilities: Mapping[tuple[int, int], float],
    evidence: BundleEvidence,
    model: MergeModel,
) -> None:
    """Join the strongest pairs first while they reach the threshold."""
    ranked = sorted(probabilities.items(), key=lambda item: (-item[1], item[0]))
    strong = [pair for pair, value in ranked if value >= model.threshold]
    join_in_order(clusters, strong, lambda i, j: _link(evidence, model, i, j, probabilities[i, j]))


def _average_linkage(
    clusters: dict[int, Cluster],
    probabilities: Mapping[tuple[int, int], float],
    evidence: BundleEvidence,
    model: MergeModel,
) -> None:
    """Join the two clusters of highest mean pair probability first (pairs not
    proposed count 0) while the mean reaches the threshold."""
    sums: dict[int, dict[int, float]] = {i: {} for i in clusters}
    best_pair: dict[tuple[int, int], tuple[float, int, int]] = {}
    for (i, j), value in probabilities.items():
        sums[i][j] = sums[i].get(j, 0.0) + value
        sums[j][i] = sums[j].get(i, 0.0) + value
        best_pair[(i, j)] = (value, i, j)
    heap = [(-value, i, j) for (i, j), value in probabilities.items()]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in clusters or y not in clusters:
            continue
        size = len(clusters[x].members) * len(clusters[y].members)
        mean = sums[x].get(y, 0.0) / size
        if abs(mean + negative) > 1e-12:
            continue  # stale entry: the clusters changed since it was pushed
        if mean < model.threshold:
            break
        value, i, j = best_pair[(min(x, y), max(x, y))]
        joined = join(clusters[x], clusters[y])
        if joined is None:
            sums[x].pop(y, None)
            sums[y].pop(x, None)
            continue
        joined.links.append(_link(evidence, model, i, j, value))
        clusters[x] = joined
        del clusters[y]
        for z, total in sums.pop(y).items():
            if z == x:
                continue
            sums[x][z] = sums[x].get(z, 0.0) + total
            sums[z][x] = sums[x][z]
            del sums[z][y]
            key = (min(x, z), max(x, z))
            other = best_pair.get((min(y, z), max(y, z)))
            if other is not None and (key not in best_pair or other[0] > best_pair[key][0]):
                best_pair[key] = other
        sums[x].pop(y, None)
        for z, total in sums[x].items():
            mean_z = total / (len(clusters[x].members) * len(clusters[z].members))
            heapq.heappush(heap, (-mean_z, min(x, z), max(x, z)))


def _link(evidence: BundleEvidence, model: MergeModel, i: int, j: int, value: float) -> MergeLink:
    """The record of a join: the two mentions, the probability and its main reasons."""
    shares = model.contributions(evidence.evidence(i, j))
    top = sorted(shares.items(), key=lambda item: (-abs(item[1]), item[0]))
    return MergeLink(
        mention=evidence.mentions[j].id,
        joined=evidence.mentions[i].id,
        score=round(value, 4),
        evidence=dict(top[:MAX_EXPLAINED_FEATURES]),
    )


def _singleton(evidence: BundleEvidence, i: int) -> Cluster:
    m = evidence.mentions[i]
    sentence = (m.article_id, m.sentence_index)
    return Cluster.single(i, evidence.intervals[i], evidence.persons[i], sentence)
