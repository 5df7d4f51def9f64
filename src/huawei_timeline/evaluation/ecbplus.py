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

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeGuard

from huawei_timeline.evaluation.coref import CorefScores, score
from huawei_timeline.events.extract import extract_mentions, mentions_at
from huawei_timeline.ingest.boilerplate import clean_article
from huawei_timeline.merge.evidence import BundleEvidence
from huawei_timeline.merge.linkage import cluster_mentions
from huawei_timeline.merge.model import MergeModel
from huawei_timeline.models import Article, ArticleMeta, EventMention
from huawei_timeline.nlp import parse_articles
from huawei_timeline.timex.detect import tag_article

if TYPE_CHECKING:
    from huawei_timeline.nlp import Language

__all__ = [
    "ChainId",
    "Document",
    "EcbPlusFormatError",
    "Gold",
    "GoldMentionSpan",
    "Mention",
    "Region",
    "read_gold",
    "read_system",
    "read_topic",
    "score_system",
    "topic_folders",
    "write_system",
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
    the shipped train and dev files have none, so the two keys are the same). A topic folder
    itself (holding ``gold.json``) reads as a split of one topic.
    """
    paths = sorted(split_dir.glob("*/gold.json"))
    if not paths and (split_dir / "gold.json").is_file():
        paths = [split_dir / "gold.json"]
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


@dataclass(frozen=True, slots=True)
class GoldMentionSpan:
    """An annotated event mention as a system may see it: where it is, never its chain."""

    key: Mention
    start: int
    """Character offset of its first token in the document text."""
    end: int
    """Character offset after its last token."""
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One ECB+ document: its text (one sentence per line) and its annotated mentions."""

    doc_id: str
    text: str
    mentions: tuple[GoldMentionSpan, ...]


def read_topic(topic_dir: Path) -> list[Document]:
    """The documents of one topic folder with the mentions of their validated sentences.

    Chains are not read: this is what a system clusters. Mention offsets are computed
    from ``token_span`` over the space-joined tokens of the sentence's line, so they
    index the document text exactly.
    """
    documents = _read_documents(topic_dir / "gold.json")
    found: list[Document] = []
    for doc_id in sorted(documents):
        entry = documents[doc_id]
        text = (topic_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        lines = text.split("\n")
        line_starts = [0]
        for line in lines:
            line_starts.append(line_starts[-1] + len(line) + 1)
        validated = (
            _sentences(entry["validated_sentences"], topic_dir, doc_id)
            if "validated_sentences" in entry
            else frozenset()
        )
        spans: list[GoldMentionSpan] = []
        for raw in entry.get("mentions", []):
            key, _ = _parse_mention({**raw, "chain": "?"}, topic_dir, doc_id)
            if validated and key.sentence_index not in validated:
                continue
            tokens = lines[key.sentence_index].split(" ")
            offsets = [0]
            for token in tokens:
                offsets.append(offsets[-1] + len(token) + 1)
            base = line_starts[key.sentence_index]
            start, end = base + offsets[key.start], base + offsets[key.end] - 1
            spans.append(GoldMentionSpan(key, start, end, text[start:end]))
        found.append(Document(doc_id, text, tuple(spans)))
    return found


def topic_folders(split_dir: Path) -> list[Path]:
    """The topic folders of a split (those holding a ``gold.json``), in numeric order."""
    folders = [p.parent for p in split_dir.glob("*/gold.json")]
    return sorted(
        folders,
        key=lambda p: (not p.name.isdigit(), int(p.name) if p.name.isdigit() else 0, p.name),
    )


def write_system(path: Path, topics: Mapping[Path, Mapping[Mention, str]]) -> None:
    """Write system chains in the ecbplus JSON format that :func:`read_system` reads."""
    documents: dict[str, dict[str, Any]] = {}
    for chains in topics.values():
        for mention, chain in sorted(chains.items()):
            entry = documents.setdefault(mention.doc_id, {"mentions": []})
            entry["mentions"].append(
                {
                    "sentence_index": mention.sentence_index,
                    "token_span": [mention.start, mention.end],
                    "chain": chain,
                }
            )
    path.write_text(json.dumps(documents, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@dataclass(frozen=True, slots=True)
class TopicMentions:
    """A topic as the merge sees it: our mention for each gold span, and all our own mentions."""

    at_gold: dict[Mention, EventMention]
    """The mention our events stage builds at each annotated trigger (gold mentions)."""
    own: list[EventMention]
    """Every mention our events stage finds by itself (end-to-end setting)."""
    own_triggers: dict[str, tuple[int, int]]
    """Character span of each own mention's trigger token, by mention id."""
    documents: list[Document]


def topic_mentions(documents: Sequence[Document], nlp: Language) -> TopicMentions:
    """Run our stages over a topic's documents and build mentions at the gold spans.

    ECB+ has no publish dates; articles get a placeholder and every date is removed
    from the mentions, so date evidence is absent, as the corpus is. Every line is
    text to parse (no page-furniture marking: the corpus is already clean).
    """
    articles = []
    for document in documents:
        meta = ArticleMeta(
            id=document.doc_id, file=f"{document.doc_id}.txt", outlet="ECB+", published=_NO_DATE
        )
        clean = clean_article(Article(meta=meta, text=document.text))
        segments = [s.model_copy(update={"kind": "text", "reason": None}) for s in clean.segments]
        articles.append(clean.model_copy(update={"segments": segments}))
    at_gold: dict[Mention, EventMention] = {}
    own: list[EventMention] = []
    triggers: dict[str, tuple[int, int]] = {}
    for document, parsed in zip(documents, parse_articles(articles, nlp), strict=True):
        tagged = tag_article(parsed)
        spans = [(m.start, m.end) for m in document.mentions]
        for gold, mention in zip(document.mentions, mentions_at(tagged, spans), strict=True):
            if mention is not None:
                at_gold[gold.key] = _undated(mention)
        for mention in extract_mentions(tagged):
            own.append(_undated(mention))
            sentence = parsed.sentences[mention.sentence_index]
            position = int(mention.id.rsplit(":", 1)[1])
            token = parsed.tokens[sentence.token_start + position]
            triggers[mention.id] = (token.start, token.end)
    return TopicMentions(at_gold=at_gold, own=own, own_triggers=triggers, documents=list(documents))


def cluster_topic(
    topic: str,
    mentions: Mapping[Mention, EventMention],
    context: Sequence[EventMention],
    model: MergeModel,
) -> dict[Mention, str]:
    """Cluster one topic's mentions with the merge's own evidence and model; chain ids out.

    Every pair within the topic is a candidate (a topic holds a few hundred mentions);
    ``context`` (all mentions our events stage found) gives each article its vocabulary.
    """
    keys = sorted(mentions)
    evidence = BundleEvidence([mentions[k] for k in keys], context, model.predicate_pairs)
    pairs = [(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys))]
    clusters = cluster_mentions(evidence, model, pairs)
    return {keys[i]: f"{topic}/{n}" for n, c in enumerate(clusters) for i in c.members}


def own_mention_keys(
    topic: TopicMentions,
) -> tuple[dict[Mention, EventMention], int]:
    """Our own mentions keyed for scoring against the gold ones, and how many were matched.

    A mention whose trigger token lies inside a gold mention's span takes that gold
    mention's key (the first such mention of a sentence does; a gold mention is
    matched once); any other keeps the key of its trigger token in the corpus's own
    tokenisation, and is spurious if it lies in a scored sentence.
    """
    gold_by_doc: dict[str, list[GoldMentionSpan]] = defaultdict(list)
    texts = {d.doc_id: d.text for d in topic.documents}
    for document in topic.documents:
        gold_by_doc[document.doc_id].extend(document.mentions)
    keyed: dict[Mention, EventMention] = {}
    matched = 0
    for mention in topic.own:
        start, end = topic.own_triggers[mention.id]
        gold = next(
            (
                g
                for g in gold_by_doc[mention.article_id]
                if g.start <= start and end <= g.end and g.key not in keyed
            ),
            None,
        )
        if gold is not None:
            keyed[gold.key] = mention
            matched += 1
            continue
        text = texts[mention.article_id]
        line = text.count("\n", 0, start)
        line_start = text.rfind("\n", 0, start) + 1
        token = text.count(" ", line_start, start)
        keyed.setdefault(Mention(mention.article_id, line, token, token + 1), mention)
    return keyed, matched


_NO_DATE: Final = date(2000, 1, 1)


def _undated(mention: EventMention) -> EventMention:
    return mention.model_copy(update={"date": None, "time_expression": None, "date_source": None})
