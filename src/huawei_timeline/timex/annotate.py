"""Our temporal tagger over TimeML documents: ``timeml annotate`` and the TBAQ benchmark.

Each document goes through the project's own stages (boilerplate marking ->
nlp -> :func:`huawei_timeline.timex.detect.tag_article`), so tense comes from
the parse; without a spaCy pipeline, lexical cues only
(:func:`huawei_timeline.timex.detect.tag_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from huawei_timeline.ingest.boilerplate import clean_article
from huawei_timeline.models import (
    Article,
    ArticleMeta,
    CleanArticle,
    ParsedArticle,
    TimeExpression,
)
from huawei_timeline.nlp import parse_articles
from huawei_timeline.timeml.reader import (
    TimeMLDocument,
    TimeMLError,
    output_name,
    read_timeml,
    timeml_files,
)
from huawei_timeline.timeml.writer import write_timeml
from huawei_timeline.timex.detect import candidates, grammar_spans, tag_article, tag_text
from huawei_timeline.timex.spans import Labelled, SpanModel, article_sentences

if TYPE_CHECKING:
    from huawei_timeline.nlp import Language


def tag_document(document: TimeMLDocument, nlp: Language | None = None) -> list[TimeExpression]:
    """Our temporal tagger on one document: text + DCT -> TIMEX3 expressions.

    With a spaCy pipeline, the document goes through the project's own stages
    (clean -> nlp -> :func:`huawei_timeline.timex.detect.tag_article`), so tense comes
    from the parse and spaCy's DATE/TIME entities support the grammar; without
    one, :func:`huawei_timeline.timex.detect.tag_text` uses lexical cues only.
    """
    return next(tag_documents([document], nlp))


def tag_documents(
    documents: Iterable[TimeMLDocument],
    nlp: Language | None = None,
    model: SpanModel | None = None,
    *,
    learned: bool = False,
) -> Iterator[list[TimeExpression]]:
    """:func:`tag_document` over many documents, parsing them as one stream.

    ``learned=True`` adds the packaged span model (off by default, as in
    :func:`~huawei_timeline.timex.detect.tag_article`); a ``model`` given is
    used instead (the benchmark tags each half with a model trained on the
    other).
    """
    if nlp is None:
        for document in documents:
            yield tag_text(document.text, document.dct)
        return
    for parsed in parse_documents(documents, nlp):
        yield tag_article(parsed, model, learned=learned).time_expressions


def parse_documents(documents: Iterable[TimeMLDocument], nlp: Language) -> Iterator[ParsedArticle]:
    """Each document through the project's clean and nlp stages, in order."""

    def cleaned() -> Iterator[CleanArticle]:
        for number, document in enumerate(documents):
            meta = ArticleMeta(
                id=re.sub(r"[^A-Za-z0-9_.-]", "_", document.name) or f"doc{number}",
                file=document.name,
                outlet="",
                published=document.dct,
            )
            clean = clean_article(Article(meta=meta, text=document.text))
            # Every line of a TimeML <TEXT> is text to tag: wire datelines such as
            # "WASHINGTON, August 8 (Xinhua) --" hold gold TIMEX3.
            segments = [
                s.model_copy(update={"kind": "text", "reason": None}) for s in clean.segments
            ]
            yield clean.model_copy(update={"segments": segments})

    yield from parse_articles(cleaned(), nlp)


def span_examples(documents: Iterable[tuple[TimeMLDocument, ParsedArticle]]) -> list[Labelled]:
    """The labelled sentences of gold TimeML documents (with their parses), to train on.

    Features are those :func:`huawei_timeline.timex.detect.tag_article` computes
    (grammar matches and spaCy entities); labels come from the gold TIMEX3 spans.
    """
    examples: list[Labelled] = []
    for document, parsed in documents:
        gold = [(t.start, t.end) for t in document.timexes]
        examples += article_sentences(parsed, grammar_spans(candidates(parsed)), gold)
    return examples


def annotate_dir(
    in_dir: Path | str, out_dir: Path | str, nlp: Language | None = None
) -> list[Path]:
    """Tag every TimeML file under ``in_dir`` and write it under ``out_dir``.

    The folder structure and file names are kept (see :func:`output_name`).
    Returns the files written.

    Raises:
        TimeMLError: ``in_dir`` holds no TimeML file, or a file is malformed
            or cannot be written.
    """
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    files = timeml_files(in_dir)
    if not files:
        raise TimeMLError(
            f"{in_dir}: no .tml or .TE3input file found; point at a folder of TimeML files"
        )
    documents = [read_timeml(path) for path in files]
    written: list[Path] = []
    for path, document, expressions in zip(
        files, documents, tag_documents(documents, nlp), strict=True
    ):
        target = out_dir / path.relative_to(in_dir).parent / output_name(path.name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise TimeMLError(
                f"{target.parent}: cannot create the folder ({error.strerror}); "
                "choose a writable OUT_DIR"
            ) from error
        write_timeml(target, document, expressions)
        written.append(target)
    return written
