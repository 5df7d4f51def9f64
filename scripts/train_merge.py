"""Fit the merge model (``make train-merge``): weights on ECB+ train, linkage and threshold
chosen on ECB+ dev; writes ``src/huawei_timeline/resources/merge_model.json``.

Training pairs come from ECB+ train (``../shared/ecbplus/train``: news documents in
topics of two similar real-world events, with gold cross-document event chains), our
own evidence computed for:
* every pair of annotated event mentions within a topic (the mention at each annotated
  trigger); positive when the two share a gold chain;
* the candidate pairs among the mentions our events stage finds by itself in the
  scored sentences (the distribution the merge sees in practice: many mentions are
  not annotated events); positive when both match annotated mentions of one chain.
The corpus has no publish dates, so no pair carries date evidence. Pairs a hard
constraint forbids are never joined, so they are not trained on.

The fit is a logistic regression (scikit-learn, lbfgs, L2, C=1) on standardised
features, folded back into weights on the raw features. Threshold and linkage are the
pair (single or average linkage; thresholds 0.20 to 0.80 in steps of 0.05) with the
best CoNLL F1 on ECB+ dev, gold mentions, clustered within each topic.

Deterministic: same data, same code, same file. Run from the repository root.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Hashable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression

from huawei_timeline.evaluation.coref import score
from huawei_timeline.evaluation.ecbplus import (
    Mention,
    Region,
    TopicMentions,
    cluster_topic,
    own_mention_keys,
    read_gold,
    read_topic,
    topic_folders,
    topic_mentions,
)
from huawei_timeline.merge.evidence import FEATURES, BundleEvidence
from huawei_timeline.merge.model import Linkage, MergeModel
from huawei_timeline.nlp import DEFAULT_MODEL, load_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "huawei_timeline" / "resources" / "merge_model.json"
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=SHARED / "ecbplus")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.ecbplus / "train").is_dir() or not (args.ecbplus / "dev").is_dir():
        print(
            f"error: {args.ecbplus} has no train/ and dev/ folders; put the shared ECB+ data "
            "there (../shared/ecbplus) or pass --ecbplus DIR",
            file=sys.stderr,
        )
        return 2
    nlp = load_model(DEFAULT_MODEL)
    started = time.perf_counter()
    features: list[list[float]] = []
    labels: list[int] = []
    for folder in topic_folders(args.ecbplus / "train"):
        chains: dict[Hashable, int] = {
            m: n for n, cluster in enumerate(read_gold(folder).clusters) for m in cluster
        }
        topic = topic_mentions(read_topic(folder), nlp)
        _gold_mention_pairs(topic, chains, features, labels)
        gold_pairs = len(labels)
        _own_mention_pairs(topic, chains, read_gold(folder).region, features, labels)
        print(f"train topic {folder.name}: {gold_pairs} then {len(labels)} pairs", file=sys.stderr)
    x, y = np.array(features), np.array(labels)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=1.0, max_iter=5000).fit((x - mean) / scale, y)
    weights = fit.coef_[0] / scale
    bias = float(fit.intercept_[0] - (fit.coef_[0] * mean / scale).sum())
    print(
        f"fitted on {len(y)} pairs ({int(y.sum())} positive) "
        f"in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )

    dev_topics = [
        (folder, topic_mentions(read_topic(folder), nlp))
        for folder in topic_folders(args.ecbplus / "dev")
    ]
    dev_gold = read_gold(args.ecbplus / "dev")
    best: tuple[float, Linkage, dict[str, float]] | None = None
    linkages: tuple[Linkage, ...] = ("single", "average")
    for linkage in linkages:
        for threshold in THRESHOLDS:
            model = _model(weights, bias, threshold, linkage, {})
            response: dict[Mention, str] = {}
            for folder, topic in dev_topics:
                response.update(cluster_topic(folder.name, topic.at_gold, topic.own, model))
            clusters: dict[str, set[Mention]] = {}
            for mention, chain in response.items():
                clusters.setdefault(chain, set()).add(mention)
            scores = score(dev_gold.clusters, clusters.values())
            figures = {
                "muc_f1": round(100 * scores.muc.f1, 2),
                "b_cubed_f1": round(100 * scores.b_cubed.f1, 2),
                "ceaf_e_f1": round(100 * scores.ceaf_e.f1, 2),
                "conll_f1": round(100 * scores.conll, 2),
            }
            conll = figures["conll_f1"]
            print(f"dev {linkage:7} {threshold:.2f} CoNLL {conll:.2f}", file=sys.stderr)
            if best is None or conll > best[2]["conll_f1"]:
                best = (threshold, linkage, figures)
    assert best is not None
    threshold, linkage, figures = best
    model = _model(weights, bias, threshold, linkage, figures)
    args.out.write_text(
        json.dumps(model.model_dump(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}: {linkage} linkage, threshold {threshold}, dev {figures}")
    return 0


def _model(
    weights: NDArray[np.float64],
    bias: float,
    threshold: float,
    linkage: Linkage,
    figures: dict[str, float],
) -> MergeModel:
    return MergeModel(
        features=list(FEATURES),
        weights=[round(float(w), 6) for w in weights],
        bias=round(bias, 6),
        threshold=threshold,
        linkage=linkage,
        trained_on=["ecbplus/train: gold mention pairs", "ecbplus/train: own mention pairs"],
        selected_on="ecbplus/dev (gold mentions, within topic, CoNLL F1)",
        dev_scores=figures,
    )


def _gold_mention_pairs(
    topic: TopicMentions,
    chains: dict[Hashable, int],
    features: list[list[float]],
    labels: list[int],
) -> None:
    keys = sorted(topic.at_gold)
    evidence = BundleEvidence([topic.at_gold[k] for k in keys], topic.own)
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if evidence.constraint(i, j) is not None:
                continue
            features.append(evidence.evidence(i, j).vector())
            labels.append(int(chains.get(keys[i], -1) == chains.get(keys[j], -2)))


def _own_mention_pairs(
    topic: TopicMentions,
    chains: dict[Hashable, int],
    region: Region,
    features: list[list[float]],
    labels: list[int],
) -> None:
    keyed, _ = own_mention_keys(topic)
    keys = [
        k
        for k in sorted(keyed)
        if (sentences := region.get(k.doc_id)) is None or k.sentence_index in sentences
    ]
    evidence = BundleEvidence([keyed[k] for k in keys], topic.own)
    for i, j in sorted(evidence.candidate_pairs(range(len(keys)))):
        if evidence.constraint(i, j) is not None:
            continue
        features.append(evidence.evidence(i, j).vector())
        labels.append(int(chains.get(keys[i], -1) == chains.get(keys[j], -2)))


if __name__ == "__main__":
    sys.exit(main())
