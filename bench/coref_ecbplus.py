"""Cross-document event coreference on ECB+ with the merge's own evidence and fitted model.

    .venv/bin/python bench/coref_ecbplus.py ../shared/ecbplus/dev --out /tmp/system.json

DIR holds one folder per topic (``*.txt``, one sentence per line, and ``gold.json``). The
given gold mentions are clustered within each topic folder (the usual setting; ECB+
topics hold two similar real-world events each, so the topic is not the story), with
the evidence and model the timeline uses; ``chain`` is never read, except by the
scorer. The system chains are written to ``--out`` in the same JSON format, and MUC,
B-cubed, CEAF-e and CoNLL F1 are printed, computed by
:mod:`huawei_timeline.evaluation.coref` (it agrees with ``../shared/tools/coref_score.py``
to 0.01; check with ``coref_score.py DIR --system FILE``).

With ``--end-to-end`` it also clusters the mentions our events stage finds by itself
and reports mention identification (a mention matches a gold one when its trigger
token lies inside the gold span) and the CoNLL F1 of that clustering. Documents carry
no publish dates, so date evidence is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from huawei_timeline.evaluation.coref import CorefScores
from huawei_timeline.evaluation.ecbplus import (
    Mention,
    cluster_topic,
    own_mention_keys,
    read_gold,
    read_topic,
    score_system,
    topic_folders,
    topic_mentions,
    write_system,
)
from huawei_timeline.merge.model import merge_model
from huawei_timeline.metrics import PRF
from huawei_timeline.nlp import DEFAULT_MODEL, load_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="split folder, e.g. ../shared/ecbplus/dev")
    parser.add_argument("--out", type=Path, required=True, help="system chains (JSON) to write")
    parser.add_argument("--end-to-end", action="store_true", help="also cluster our own mentions")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline")
    args = parser.parse_args()
    folders = topic_folders(args.dir) if args.dir.is_dir() else []
    if not folders:
        print(
            f"error: {args.dir}: no <topic>/gold.json folders; point at a split such as "
            "../shared/ecbplus/dev",
            file=sys.stderr,
        )
        return 2
    nlp, model = load_model(args.model), merge_model()
    started = time.perf_counter()
    gold_chains: dict[Path, dict[Mention, str]] = {}
    own_chains: dict[Path, dict[Mention, str]] = {}
    found = matched = 0
    gold = read_gold(args.dir)
    for folder in folders:
        topic = topic_mentions(read_topic(folder), nlp)
        gold_chains[folder] = cluster_topic(folder.name, topic.at_gold, topic.own, model)
        if args.end_to_end:
            keyed, hits = own_mention_keys(topic)
            in_region = {
                k: m
                for k, m in keyed.items()
                if (region := gold.region.get(k.doc_id)) is None or k.sentence_index in region
            }
            found += len(in_region)
            matched += hits
            own_chains[folder] = cluster_topic(folder.name, in_region, topic.own, model)
    seconds = time.perf_counter() - started
    write_system(args.out, gold_chains)
    scores = score_system(args.dir, args.out)
    print(
        f"ECB+ {args.dir.name}: {len(folders)} topics, clustered within each topic, {seconds:.0f} s"
    )
    print(f"model: {model.linkage} linkage, threshold {model.threshold}")
    _print_scores("gold mentions", scores)
    if args.end_to_end:
        own_out = args.out.with_name(args.out.stem + ".end-to-end.json")
        write_system(own_out, own_chains)
        total_gold = sum(len(c) for c in gold.clusters)
        identification = PRF.from_counts(matched, found, total_gold)
        print(
            f"end to end: mention identification P {100 * identification.precision:.1f} "
            f"R {100 * identification.recall:.1f} F1 {100 * identification.f1:.1f} "
            f"({matched} matched, {found} system, {total_gold} gold); chains in {own_out}"
        )
        _print_scores("own mentions", score_system(args.dir, own_out))
    return 0


def _print_scores(label: str, scores: CorefScores) -> None:
    parts = [
        ("MUC", scores.muc),
        ("B3", scores.b_cubed),
        ("CEAF-e", scores.ceaf_e),
    ]
    figures = "  ".join(
        f"{name} P {100 * s.precision:.1f} R {100 * s.recall:.1f} F1 {100 * s.f1:.1f}"
        for name, s in parts
    )
    print(f"{label}: {figures}  CoNLL F1 {100 * scores.conll:.1f}")


if __name__ == "__main__":
    sys.exit(main())
