"""Wire the stages: load -> clean -> nlp -> timex -> events, then merge.

Each stage is a module whose main function takes one model and returns the
next; this module only connects them. Two steps, so that an engine
(``engine.py``: local processes or a Dask cluster) can run the maps anywhere:

* **extraction**, per document: an :class:`~huawei_timeline.models.Article` in,
  an :class:`~huawei_timeline.models.ArticleExtraction` (summary + event
  mentions) out (:func:`extract_articles`). It depends on nothing but the
  article and the model, so its results are cached (``cache.py``) and it runs
  in ``jobs`` worker processes or on Dask workers, each loading the model once;
* **merge**, over every article's result (:func:`merge_extractions`): pairs
  scored per block of the date line (a map), then joined here (a reduce).

``build_timeline`` is the public entry point the CLI calls.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Final

from huawei_timeline.cache import ExtractionCache
from huawei_timeline.engine import Engine, EngineName, open_engine
from huawei_timeline.errors import TimelineError
from huawei_timeline.events.extract import analyse_article
from huawei_timeline.ingest.boilerplate import clean_article
from huawei_timeline.ingest.manifest import Corpus, load_corpus
from huawei_timeline.merge.cluster import merge_with_actors
from huawei_timeline.models import (
    Article,
    ArticleExtraction,
    ArticleMeta,
    ArticleSummary,
    SkippedExpression,
    TaggedArticle,
    Timeline,
    calendar_day,
)
from huawei_timeline.nlp import DEFAULT_MODEL, load_model, parse_articles
from huawei_timeline.output.progress import Progress
from huawei_timeline.output.select import FilterError, parse_bound
from huawei_timeline.timex.detect import tag_article

if TYPE_CHECKING:
    from huawei_timeline.nlp import Language

CHUNK_ARTICLES: Final = 16
"""Articles per task sent to a worker: small enough to balance, large enough to batch."""


def build_timeline(
    corpus: Path | str,
    model: str = DEFAULT_MODEL,
    *,
    jobs: int = 1,
    cache: bool | Path = True,
    assume_published: date | datetime | str | None = None,
    progress: bool = False,
    published_from: date | str | None = None,
    published_to: date | str | None = None,
    engine: EngineName = "local",
    scheduler: str | None = None,
) -> Timeline:
    """Build the merged chronology of the articles of a corpus.

    Args:
        corpus: a manifest (JSON or CSV), a folder holding one, or a folder of
            ``.html`` / ``.tml`` / ``.txt`` files (see ``load.py``).
        model: any installed spaCy pipeline name or path.
        jobs: worker processes for extraction (0: one per core).
        cache: reuse and store per-article results in the user cache folder;
            a path selects another cache folder, False turns caching off.
        assume_published: publish date (ISO) for articles that give none.
        progress: show a progress bar on stderr when extraction takes a while.
        published_from, published_to: keep only the articles published in this
            range (dates at any granularity, as ``--from``: ``2011``, ``2011-02``,
            ``2011-02-11``; both ends included), before anything is extracted.
        engine: ``"local"`` (this process and ``jobs`` worker processes) or
            ``"dask"`` (Dask workers; see ``engine.py``). The timeline is the same.
        scheduler: with ``engine="dask"``, the address of a running Dask
            scheduler; without it a local cluster of ``jobs`` workers is started
            for the call and shut down after it.

    Workers are started with ``spawn``, which re-imports the calling script: with
    ``jobs`` > 1 or ``engine="dask"``, call this from under
    ``if __name__ == "__main__":`` in a script.

    Raises:
        TimelineError: bad input (the message names the file and the fix), an
            unknown model, or a Dask cluster that cannot be started or reached.
    """
    return run(
        corpus,
        model,
        jobs=jobs,
        cache=cache,
        assume_published=assume_published,
        progress=progress,
        published_from=published_from,
        published_to=published_to,
        engine=engine,
        scheduler=scheduler,
    ).timeline


@dataclass(frozen=True)
class Run:
    """A built timeline with the articles it was built from (their texts, for TimeML)."""

    timeline: Timeline
    articles: list[Article]


def run(
    corpus: Path | str,
    model: str = DEFAULT_MODEL,
    *,
    jobs: int = 1,
    cache: bool | Path = True,
    assume_published: date | datetime | str | None = None,
    progress: bool = False,
    published_from: date | str | None = None,
    published_to: date | str | None = None,
    engine: EngineName = "local",
    scheduler: str | None = None,
) -> Run:
    """:func:`build_timeline`, keeping the loaded articles; same arguments and errors."""
    loaded = load_corpus(Path(corpus), assume_published)
    if published_from is not None or published_to is not None:
        window = published_range(published_from, published_to)
        loaded = Corpus(published_between(loaded.articles, *window), loaded.warnings)
    store = _open_cache(cache, model)
    with open_engine(engine, jobs, scheduler) as runner:
        extractions = extract_all(
            loaded.articles, model, jobs=jobs, cache=store, progress=progress, engine=runner
        )
        warnings = list(loaded.warnings)
        if store is not None:
            if store.write_error is not None:
                warnings.append(store.write_error)
            elif store.stored:
                store.prune()
        metas = [a.meta for a in loaded.articles]
        timeline = merge_extractions(extractions, metas, model, warnings, engine=runner)
    return Run(timeline=timeline, articles=loaded.articles)


def published_range(
    start: date | str | None, end: date | str | None
) -> tuple[date | None, date | None]:
    """The first and last publish day of ``--published-from``/``--published-to``.

    Either may be open (None). A string is a date at any granularity (its first day
    for ``start``, its last for ``end``), as :func:`~huawei_timeline.output.select.parse_bound`.

    Raises:
        FilterError: a value is not a date, or the range ends before it starts.
    """
    first = _bound(start, "--published-from", 0)
    last = _bound(end, "--published-to", 1)
    if first is not None and last is not None and first > last:
        raise FilterError(
            f"--published-from {first.isoformat()} is after --published-to {last.isoformat()}; "
            "give the earlier date first"
        )
    return first, last


def _bound(value: date | str | None, option: str, side: int) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return calendar_day(value)
    try:
        return parse_bound(value)[side]
    except FilterError as exc:
        raise FilterError(f"{option}: {exc}") from None


def published_between(
    articles: Sequence[Article], first: date | None, last: date | None
) -> list[Article]:
    """The articles whose publish day lies in ``[first, last]`` (None: open), in order.

    Raises:
        FilterError: no article is left; the message gives the corpus's own range.
    """
    kept = [
        a
        for a in articles
        if (first is None or calendar_day(a.meta.published) >= first)
        and (last is None or calendar_day(a.meta.published) <= last)
    ]
    if not kept and articles:
        days = sorted(calendar_day(a.meta.published) for a in articles)
        asked = f"{first.isoformat() if first else '...'} to {last.isoformat() if last else '...'}"
        raise FilterError(
            f"no article was published from {asked} (the corpus runs from "
            f"{days[0].isoformat()} to {days[-1].isoformat()}); "
            "widen --published-from/--published-to"
        )
    return kept


def _open_cache(cache: bool | Path, model: str) -> ExtractionCache | None:
    if cache is False:
        return None
    return ExtractionCache.for_model(model, None if cache is True else Path(cache))


# -------------------------------------------------------------------- extraction


def extract_articles(articles: Iterable[Article], nlp: Language) -> Iterator[ArticleExtraction]:
    """The per-document step: each article's summary and event mentions, in input order.

    Each result depends on its article alone; articles are streamed through
    ``nlp.pipe`` together only so that spaCy's batches are full.
    """
    cleaned = (clean_article(article) for article in articles)
    for parsed in parse_articles(cleaned, nlp):
        tagged = tag_article(parsed)
        found = analyse_article(tagged)
        yield ArticleExtraction(
            summary=_summary(tagged, found.skipped), mentions=found.mentions, names=found.names
        )


def extract_all(
    articles: Sequence[Article],
    model: str = DEFAULT_MODEL,
    *,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    progress: bool = False,
    engine: Engine | None = None,
) -> list[ArticleExtraction]:
    """Extract every article, from the cache where possible, else with spaCy.

    spaCy is imported only if some article is not cached. With ``jobs`` > 1 the
    missing articles go in chunks to worker processes, each loading the model
    once; with a Dask ``engine``, in chunks to its workers.
    """
    results: list[ArticleExtraction | None] = [
        cache.get(article) if cache is not None else None for article in articles
    ]
    missing = [i for i, result in enumerate(results) if result is None]
    with Progress(len(missing), enabled=progress) as bar:
        todo = [articles[i] for i in missing]
        if engine is not None and engine.name == "dask":
            done = _extract_on(engine, todo, model, bar)
        else:
            done = _extract_missing(todo, model, jobs, bar)
        for index, extraction in zip(missing, done, strict=True):
            results[index] = extraction
            if cache is not None:
                cache.put(articles[index], extraction)
    return [r for r in results if r is not None]


def _extract_missing(
    articles: list[Article], model: str, jobs: int, bar: Progress
) -> Iterator[ArticleExtraction]:
    jobs = jobs if jobs > 0 else os.cpu_count() or 1
    if not articles:
        return
    if jobs == 1 or len(articles) < 2 * jobs:
        for extraction in extract_articles(articles, load_model(model)):
            bar.advance(1)
            yield extraction
        return
    size = max(1, min(CHUNK_ARTICLES, len(articles) // (4 * jobs)))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    # "spawn": a clean interpreter per worker, the same on every platform; the
    # parent never imports spaCy, so it does not hold a second copy of the model.
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(model,),
    ) as pool:
        for chunk in pool.map(_extract_chunk, chunks):
            bar.advance(len(chunk))
            yield from chunk


def _extract_on(
    engine: Engine, articles: list[Article], model: str, bar: Progress
) -> Iterator[ArticleExtraction]:
    """Extraction as a map on the engine's workers, chunk by chunk, in input order."""
    size = max(1, min(CHUNK_ARTICLES, len(articles) // (4 * engine.workers)))
    chunks = (articles[i : i + size] for i in range(0, len(articles), size))
    for chunk in engine.map(partial(extract_chunk, model), chunks):
        bar.advance(len(chunk))
        yield from chunk


def extract_chunk(model: str, articles: list[Article]) -> list[ArticleExtraction]:
    """One task of extraction: a few articles in, their results out (the model is
    loaded once per process)."""
    return list(extract_articles(articles, load_model(model)))


_worker_model: str = DEFAULT_MODEL
_worker_error: TimelineError | None = None


def _start_worker(model: str) -> None:
    """Load the model once in a worker; an error is raised by the worker's first task."""
    global _worker_model, _worker_error
    _worker_model = model
    try:
        load_model(model)
    except TimelineError as exc:
        _worker_error = exc


def _extract_chunk(articles: list[Article]) -> list[ArticleExtraction]:
    if _worker_error is not None:
        raise _worker_error
    return list(extract_articles(articles, load_model(_worker_model)))


def _summary(tagged: TaggedArticle, skipped: list[SkippedExpression]) -> ArticleSummary:
    article = tagged.parsed.article
    return ArticleSummary(
        id=article.meta.id,
        outlet=article.meta.outlet,
        headline=article.meta.headline,
        published=article.meta.published,
        dateline=article.dateline,
        time_expressions=tagged.time_expressions,
        skipped=skipped,
    )


# ------------------------------------------------------------------------- merge


def merge_extractions(
    extractions: Sequence[ArticleExtraction],
    articles: Sequence[ArticleMeta],
    model: str,
    warnings: Sequence[str] = (),
    engine: Engine | None = None,
) -> Timeline:
    """The merge step: one chronology over every article's extraction, in article order.

    With a Dask ``engine``, the blocks of the date line are scored on its workers.
    """
    mentions = [m for extraction in extractions for m in extraction.mentions]
    run = engine.map if engine is not None and engine.name == "dask" else None
    events, actors = merge_with_actors(mentions, articles, run=run)
    return Timeline(
        model=model,
        articles=[extraction.summary for extraction in extractions],
        events=events,
        actors=actors.actors(events, [use for e in extractions for use in e.names]),
        warnings=list(warnings),
    )
