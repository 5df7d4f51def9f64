"""Read ECB+ key and system clusterings in the shared ``ecbplus`` JSON format.

A split folder holds one ``<topic>/gold.json`` per topic:
``{doc_id: {"validated_sentences": [...], "mentions": [{"sentence_index", "token_span",
"chain", ...}]}}``. A system file has the same shape (only ``mentions`` with those three fields
is read); its clusters are the groups of mentions that share a ``chain`` id.

The scored region is the one ``shared/tools/coref_score.py`` uses, which is the region the CoNLL
keys of ECB+ contain: the documents of the key and, in each, only its ``validated_sentences``
(the whole document when a gold file gives none). System mentions outside the region are ignored;
system mentions inside it that the key lacks are spurious and count against precision.
"""

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from huawei_timeline.evaluation.coref import CorefScores, score

__all__ = [
    "ChainId",
    "EcbPlusFormatError",
    "Gold",
    "Mention",
    "Region",
    "read_gold",
    "read_system",
    "score_system",
]

ChainId = str | int
# Validated sentence indices per document; None means every sentence of the document is scored.
Region = Mapping[str, frozenset[int] | None]


class EcbPlusFormatError(ValueError):
    """A gold or system file that does not follow the ecbplus JSON format."""


class Mention(NamedTuple):
    """A mention's identity: the key coref_score.py matches key and system mentions on."""

    doc_id: str
    sentence_index: int
    start: int
    # Exclusive, as in ``token_span``.
    end: int


@dataclass(frozen=True, slots=True)
class Gold:
    """The key clustering of a split and the region in which system mentions are scored."""

    clusters: tuple[frozenset[Mention], ...]
    region: Region


def read_gold(split_dir: Path) -> Gold:
    """Read every ``<topic>/gold.json`` under ``split_dir`` (e.g. ``shared/ecbplus/dev``).

    Key mentions outside ``validated_sentences`` are left out too (coref_score.py keeps them, but
    the shipped train and dev files have none, so the two keys are the same).
    """
    paths = sorted(split_dir.glob("*/gold.json"))
    if not paths:
        raise EcbPlusFormatError(
            f"no <topic>/gold.json under {split_dir}; pass a split folder such as "
            f"shared/ecbplus/dev"
        )
    region: dict[str, frozenset[int] | None] = {}
    chains: dict[Mention, ChainId] = {}
    for path in paths:
        documents = _read_documents(path)
        for doc_id, document in documents.items():
            validated = document.get("validated_sentences")
            region[doc_id] = None if validated is None else _sentences(validated, path, doc_id)
        chains.update(_read_chains(path, documents, region))
    return Gold(clusters=tuple(_clusters(chains)), region=region)


def read_system(path: Path, region: Region) -> list[frozenset[Mention]]:
    """Read a system clustering, keeping the mentions inside ``region`` (see ``Gold.region``)."""
    return _clusters(_read_chains(path, _read_documents(path), region))


def score_system(split_dir: Path, system_path: Path) -> CorefScores:
    """Score a system file against the key of a split folder, as coref_score.py does."""
    gold = read_gold(split_dir)
    return score(gold.clusters, read_system(system_path, gold.region))


def _read_documents(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        documents = json.load(handle)
    if not isinstance(documents, dict):
        raise EcbPlusFormatError(f"{path}: expected a JSON object of documents keyed by doc id")
    return documents


def _sentences(validated: Any, path: Path, doc_id: str) -> frozenset[int]:
    if not isinstance(validated, list) or not all(_is_int(s) for s in validated):
        raise EcbPlusFormatError(
            f"{path}: {doc_id}: validated_sentences must be a list of sentence indices, "
            f"got {validated!r}"
        )
    return frozenset(validated)


def _read_chains(path: Path, documents: dict[str, Any], region: Region) -> dict[Mention, ChainId]:
    chains: dict[Mention, ChainId] = {}
    for doc_id, document in documents.items():
        if doc_id not in region:
            continue
        sentences = region[doc_id]
        mentions = document.get("mentions", []) if isinstance(document, dict) else None
        if not isinstance(mentions, list):
            raise EcbPlusFormatError(f"{path}: {doc_id}: expected {{'mentions': [...]}}")
        for raw in mentions:
            mention, chain = _parse_mention(raw, path, doc_id)
            if sentences is not None and mention.sentence_index not in sentences:
                continue
            # The reference keeps the last of two chains given to one span, silently; a system
            # that does this has a bug worth hearing about.
            if chains.setdefault(mention, chain) != chain:
                raise EcbPlusFormatError(
                    f"{path}: {doc_id}: mention {tuple(mention)} is given two chains, "
                    f"{chains[mention]!r} and {chain!r}; a mention belongs to one chain"
                )
    return chains


def _parse_mention(raw: Any, path: Path, doc_id: str) -> tuple[Mention, ChainId]:
    if not isinstance(raw, dict):
        raise EcbPlusFormatError(f"{path}: {doc_id}: a mention must be an object, got {raw!r}")
    sentence = raw.get("sentence_index")
    span = raw.get("token_span")
    chain = raw.get("chain")
    if not _is_int(sentence):
        raise EcbPlusFormatError(
            f"{path}: {doc_id}: sentence_index must be an integer, got {sentence!r}"
        )
    if not (isinstance(span, list) and len(span) == 2 and all(_is_int(t) for t in span)):
        raise EcbPlusFormatError(
            f"{path}: {doc_id}: token_span must be [start, end] token offsets, got {span!r}"
        )
    # Chains group by value, so a null or a float would quietly merge or split clusters.
    if not (isinstance(chain, str) or _is_int(chain)):
        raise EcbPlusFormatError(
            f"{path}: {doc_id}: chain must be a string or integer id, got {chain!r}"
        )
    return Mention(doc_id, sentence, span[0], span[1]), chain


def _is_int(value: object) -> TypeGuard[int]:
    # bool is an int subclass, and True == 1 would make chain True the same as chain 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _clusters(chains: Mapping[Mention, ChainId]) -> list[frozenset[Mention]]:
    members: defaultdict[ChainId, set[Mention]] = defaultdict(set)
    for mention, chain in chains.items():
        members[chain].add(mention)
    return [frozenset(group) for group in members.values()]
