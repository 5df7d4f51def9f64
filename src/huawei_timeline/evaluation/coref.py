"""Coreference scores over clusterings: MUC, B-cubed, CEAF-e and their CoNLL mean.

A clustering is any iterable of clusters, a cluster any iterable of hashable mention keys. The
key is the gold clustering, the response the system's. Mentions need not be the same on both
sides; the treatment of the difference follows the reference CoNLL scorer v8.01 (as mirrored by
``../shared/tools/coref_score.py``), which reads each metric's original definition literally:

* a response mention absent from the key (spurious) stays in its response cluster, adds nothing
  to any overlap and so lowers precision; a key mention absent from the response lowers recall
  the same way;
* MUC counts such a mention as a partition of its own (Vilain et al. 1995), so it is never a
  link; singleton clusters contribute no links and so no score;
* B-cubed and CEAF-e count every cluster, singletons included; a mention missing on the other
  side shares a cluster with nothing there.

All figures are fractions in [0, 1]; the reference prints them multiplied by 100. When a side is
empty (no clusters, or for MUC no links) the ratio it divides by is 0 and the figure is 0, as in
the reference; in particular scoring an empty key against an empty response gives 0, not 1.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from huawei_timeline.metrics import PRF

__all__ = [
    "ClusteringError",
    "CorefScores",
    "b_cubed",
    "ceaf_e",
    "max_weight_assignment",
    "muc",
    "score",
]

M = TypeVar("M", bound=Hashable)


class ClusteringError(ValueError):
    """A clustering that is not a partition of its mentions."""


@dataclass(frozen=True, slots=True)
class CorefScores:
    """The three standard metrics for one key/response pair."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll(self) -> float:
        """CoNLL F1: the unweighted mean of the MUC, B-cubed and CEAF-e F1 (a fraction)."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


@dataclass(frozen=True, slots=True)
class _Partition(Generic[M]):
    clusters: list[frozenset[M]]
    # Index of the cluster holding each mention: every metric asks this of the other side.
    owner: dict[M, int]


def _partition(clustering: Iterable[Iterable[M]], side: str) -> _Partition[M]:
    clusters: list[frozenset[M]] = []
    owner: dict[M, int] = {}
    for cluster in clustering:
        # A str is an iterable of one-character mentions: almost surely a forgotten list.
        if isinstance(cluster, str | bytes):
            raise TypeError(
                f"{side} cluster {cluster!r} is a string; a cluster must be a collection of "
                f"mentions, e.g. [{cluster!r}]"
            )
        members = frozenset(cluster)
        # An empty cluster holds no mention to score, yet would count as an entity in CEAF-e.
        if not members:
            continue
        for mention in members:
            if mention in owner:
                raise ClusteringError(
                    f"mention {mention!r} is in two {side} clusters; each mention must belong "
                    f"to exactly one cluster (merge the two clusters or drop one occurrence)"
                )
            owner[mention] = len(clusters)
        clusters.append(members)
    return _Partition(clusters, owner)


def score(key: Iterable[Iterable[M]], response: Iterable[Iterable[M]]) -> CorefScores:
    """Score a response clustering against a key clustering with MUC, B-cubed and CEAF-e.

    Raises ClusteringError if a mention is in two clusters of the same side. Empty clusters are
    dropped.
    """
    key_partition = _partition(key, "key")
    response_partition = _partition(response, "response")
    return CorefScores(
        muc=_muc(key_partition, response_partition),
        b_cubed=_b_cubed(key_partition, response_partition),
        ceaf_e=_ceaf_e(key_partition, response_partition),
    )


def muc(key: Iterable[Iterable[M]], response: Iterable[Iterable[M]]) -> PRF:
    """MUC (Vilain et al. 1995): the share of coreference links kept, on each side."""
    return _muc(_partition(key, "key"), _partition(response, "response"))


def b_cubed(key: Iterable[Iterable[M]], response: Iterable[Iterable[M]]) -> PRF:
    """B-cubed (Bagga & Baldwin 1998): per-mention cluster overlap, averaged over mentions."""
    return _b_cubed(_partition(key, "key"), _partition(response, "response"))


def ceaf_e(key: Iterable[Iterable[M]], response: Iterable[Iterable[M]]) -> PRF:
    """Entity-based CEAF (Luo 2005) with the phi4 similarity 2|K & R| / (|K| + |R|)."""
    return _ceaf_e(_partition(key, "key"), _partition(response, "response"))


def _safe_ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_side(clusters: _Partition[M], other: _Partition[M]) -> tuple[int, int]:
    kept = links = 0
    for cluster in clusters.clusters:
        parts: set[int] = set()
        missing = 0
        for mention in cluster:
            index = other.owner.get(mention)
            if index is None:
                # A mention the other side lacks is cut off from every link: its own partition.
                missing += 1
            else:
                parts.add(index)
        kept += len(cluster) - len(parts) - missing
        links += len(cluster) - 1
    return kept, links


def _muc(key: _Partition[M], response: _Partition[M]) -> PRF:
    recall = _safe_ratio(*_muc_side(key, response))
    precision = _safe_ratio(*_muc_side(response, key))
    return PRF.from_ratios(precision, recall)


def _b_cubed_side(clusters: _Partition[M], other: _Partition[M]) -> float:
    total = 0.0
    mentions = 0
    for cluster in clusters.clusters:
        overlaps = Counter(other.owner[m] for m in cluster if m in other.owner)
        # Summing |C & D|^2 / |C| over the D that meet C equals the per-mention sum of
        # |C & D| / |C|, without visiting each mention again.
        total += sum(n * n for n in overlaps.values()) / len(cluster)
        mentions += len(cluster)
    return _safe_ratio(total, mentions)


def _b_cubed(key: _Partition[M], response: _Partition[M]) -> PRF:
    return PRF.from_ratios(_b_cubed_side(response, key), _b_cubed_side(key, response))


def _ceaf_e(key: _Partition[M], response: _Partition[M]) -> PRF:
    if not key.clusters or not response.clusters:
        return PRF(0.0, 0.0, 0.0)
    overlaps = Counter(
        (i, response.owner[m])
        for i, cluster in enumerate(key.clusters)
        for m in cluster
        if m in response.owner
    )
    similarity = {
        (i, j): 2 * n / (len(key.clusters[i]) + len(response.clusters[j]))
        for (i, j), n in overlaps.items()
    }
    total = sum(_best_alignment(component) for component in _components(similarity))
    return PRF.from_ratios(total / len(response.clusters), total / len(key.clusters))


def _components(
    similarity: dict[tuple[int, int], float],
) -> list[dict[tuple[int, int], float]]:
    # Clusters that share no mention have similarity 0, so aligning them gains nothing: the
    # optimal alignment is the union of optimal alignments of the connected components of the
    # key/response overlap graph, each a far smaller assignment problem than the whole.
    parent: dict[tuple[bool, int], tuple[bool, int]] = {}

    def find(node: tuple[bool, int]) -> tuple[bool, int]:
        root = parent.setdefault(node, node)
        while root != parent[root]:
            root = parent[root]
        while node != root:
            parent[node], node = root, parent[node]
        return root

    for i, j in similarity:
        parent[find((True, i))] = find((False, j))
    grouped: defaultdict[tuple[bool, int], dict[tuple[int, int], float]] = defaultdict(dict)
    for (i, j), value in similarity.items():
        grouped[find((True, i))][i, j] = value
    return list(grouped.values())


def _best_alignment(similarity: dict[tuple[int, int], float]) -> float:
    rows = sorted({i for i, _ in similarity})
    columns = sorted({j for _, j in similarity})
    # With one cluster on a side, the best alignment is just its best partner.
    if len(rows) == 1 or len(columns) == 1:
        return max(similarity.values())
    weights = [[similarity.get((i, j), 0.0) for j in columns] for i in rows]
    return sum(weights[r][c] for r, c in max_weight_assignment(weights))


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A one-to-one assignment of rows to columns of maximum total weight (Hungarian method).

    ``weights`` is a rectangular matrix (rows of equal length). Returns (row, column) pairs
    sorted by row; ``min(rows, columns)`` of them. O(n^2 m) for n <= m.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if any(len(row) != m for row in weights):
        raise ValueError("weights must be rectangular: every row needs the same length")
    if n == 0 or m == 0:
        return []
    if n > m:
        # The method below assigns every row, so it needs no more rows than columns.
        transposed = [[weights[i][j] for i in range(n)] for j in range(m)]
        return sorted((i, j) for j, i in max_weight_assignment(transposed))

    # Shortest-augmenting-path form of Kuhn-Munkres with row/column potentials (Jonker-Volgenant
    # style), minimising the negated weights. Index 0 is a virtual column that holds the row being
    # inserted, so the augmenting step needs no special case; rows and columns are 1-based.
    cost = [[-w for w in row] for row in weights]
    inf = float("inf")
    row_potential = [0.0] * (n + 1)
    column_potential = [0.0] * (m + 1)
    row_of_column = [0] * (m + 1)
    previous_column = [0] * (m + 1)
    for row in range(1, n + 1):
        row_of_column[0] = row
        column = 0
        slack = [inf] * (m + 1)
        visited = [False] * (m + 1)
        while True:
            visited[column] = True
            current_row = row_of_column[column]
            current_cost = cost[current_row - 1]
            current_potential = row_potential[current_row]
            delta = inf
            next_column = 0
            for j in range(1, m + 1):
                if visited[j]:
                    continue
                reduced = current_cost[j - 1] - current_potential - column_potential[j]
                if reduced < slack[j]:
                    slack[j] = reduced
                    previous_column[j] = column
                if slack[j] < delta:
                    delta = slack[j]
                    next_column = j
            for j in range(m + 1):
                if visited[j]:
                    row_potential[row_of_column[j]] += delta
                    column_potential[j] -= delta
                else:
                    slack[j] -= delta
            column = next_column
            if row_of_column[column] == 0:
                break
        while column:
            previous = previous_column[column]
            row_of_column[column] = row_of_column[previous]
            column = previous
    return sorted((row_of_column[j] - 1, j - 1) for j in range(1, m + 1) if row_of_column[j])
