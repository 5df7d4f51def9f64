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

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from huawei_timeline.cache import ExtractionCache
from huawei_timeline.engine import Engine, EngineName, Task, open_engine
from huawei_timeline.events.extract import analyse_article
from huawei_timeline.ingest.boilerplate import clean_article
from huawei_timeline.ingest.manifest import open_corpus
from huawei_timeline.keydates.sentences import with_sentence_summaries
from huawei_timeline.merge.blocks import TaskMap, here
from huawei_timeline.merge.cluster import merge_with_actors
from huawei_timeline.merge.score import HAND_SET, MergeWeights
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
LOCAL_CHUNK: Final = 64
"""Articles per ``nlp.pipe`` call when extracting in this process."""


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
            ``.html`` / ``.tml`` / ``.txt`` files (see ``ingest/manifest.py``).
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
    """A built timeline with the articles it was built from (their texts, for TimeML).

    ``articles`` reads the corpus again when iterated: the run itself never held
    every text at once.
    """

    timeline: Timeline
    articles: Iterable[Article]


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
    """:func:`build_timeline`, keeping the way to its articles; same arguments and errors.

    The corpus is read as a stream (``ingest.manifest.open_corpus``): each article
    file is read when extraction needs it, and only its metadata and extraction
    stay in memory.
    """
    stream = open_corpus(Path(corpus), assume_published)
    articles: Iterable[Article] = stream
    if published_from is not None or published_to is not None:
        articles = PublishedIn(stream, *published_range(published_from, published_to))
    store = _open_cache(cache, model)
    metas: list[ArticleMeta] = []
    with open_engine(engine, jobs, scheduler) as runner:
        with Progress(stream.size, enabled=progress) as bar:
            extractions = list(
                extract_stream(_noting(articles, metas), model, cache=store, engine=runner, bar=bar)
            )
        warnings = list(stream.warnings)
        if store is not None:
            if store.write_error is not None:
                warnings.append(store.write_error)
            elif store.stored:
                store.prune()
        timeline = merge_extractions(extractions, metas, model, warnings, engine=runner)
    return Run(timeline=timeline, articles=articles)


def _noting(articles: Iterable[Article], metas: list[ArticleMeta]) -> Iterator[Article]:
    """The articles, noting each one's metadata on the way."""
    for article in articles:
        metas.append(article.meta)
        yield article


@dataclass(frozen=True)
class PublishedIn:
    """The articles of ``articles`` published from ``first`` to ``last`` (None: open),
    read lazily; iterating raises :class:`FilterError` if none is.

    As :func:`published_between`, for a stream."""

    articles: Iterable[Article]
    first: date | None
    last: date | None

    def __iter__(self) -> Iterator[Article]:
        kept = 0
        earliest: date | None = None
        latest: date | None = None
        for article in self.articles:
            day = calendar_day(article.meta.published)
            earliest = day if earliest is None else min(earliest, day)
            latest = day if latest is None else max(latest, day)
            if (self.first is None or day >= self.first) and (
                self.last is None or day <= self.last
            ):
                kept += 1
                yield article
        if not kept and earliest is not None and latest is not None:
            raise _nothing_published(self.first, self.last, earliest, latest)


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
    """The articles whose publish day lies in ``[first, last]`` (None: open), in order
    (:class:`PublishedIn` over a list).

    Raises:
        FilterError: no article is left; the message gives the corpus's own range.
    """
    return list(PublishedIn(articles, first, last))


def _nothing_published(
    first: date | None, last: date | None, earliest: date, latest: date
) -> FilterError:
    asked = f"{first.isoformat() if first else '...'} to {last.isoformat() if last else '...'}"
    return FilterError(
        f"no article was published from {asked} (the corpus runs from "
        f"{earliest.isoformat()} to {latest.isoformat()}); "
        "widen --published-from/--published-to"
    )


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
    """Extract every article, from the cache where possible, else with spaCy
    (:func:`extract_stream` over a list, with a progress bar)."""
    with Progress(len(articles), enabled=progress) as bar:
        return list(extract_stream(articles, model, jobs=jobs, cache=cache, engine=engine, bar=bar))


def extract_stream(
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    *,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    engine: Engine | None = None,
    bar: Progress | None = None,
) -> Iterator[ArticleExtraction]:
    """Each article's extraction, in input order, pulling articles only as needed.

    Articles are taken in chunks; a chunk's cached results are read here and its
    other articles go as one task to the ``engine`` (by default: this process
    with ``jobs`` = 1, else ``jobs`` worker processes), which loads the model
    once per process. spaCy is imported only if some article is not cached.
    At most ``engine.in_flight`` tasks run and twice that many chunks wait for
    their turn, so a lazily read corpus is never held whole. Results are stored
    in the cache as they come back.
    """
    runner = engine if engine is not None else open_engine("local", jobs)
    size = CHUNK_ARTICLES if runner.workers > 1 or runner.name == "dask" else LOCAL_CHUNK
    task = partial(extract_chunk, model)
    # Chunks in input order: the articles, their cached results (None: to
    # extract), and the task extracting the rest (None: all cached).
    window: deque[tuple[list[Article], list[ArticleExtraction | None], Task[Any] | None]]
    window = deque()
    busy = 0

    def ready() -> bool:
        head = window[0][2]
        return (
            head is None
            or head.done()
            or busy >= runner.in_flight
            or (len(window) >= 2 * runner.in_flight)
        )

    def settle() -> Iterator[ArticleExtraction]:
        nonlocal busy
        chunk, found, running = window.popleft()
        fresh = iter(running.result() if running is not None else ())
        busy -= running is not None
        for article, cached in zip(chunk, found, strict=True):
            result = cached
            if result is None:
                result = next(fresh)
                if cache is not None:
                    cache.put(article, result)
            if bar is not None:
                bar.advance(1)
            yield result

    try:
        for chunk in _chunks(articles, size):
            found = [cache.get(a) if cache is not None else None for a in chunk]
            missing = [a for a, result in zip(chunk, found, strict=True) if result is None]
            running = runner.submit(task, missing) if missing else None
            busy += running is not None
            window.append((chunk, found, running))
            while window and ready():
                yield from settle()
        while window:
            yield from settle()
    finally:
        if engine is None:
            runner.close()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_chunk(model: str, articles: list[Article]) -> list[ArticleExtraction]:
    """One task of extraction: a few articles in, their results out (the model is
    loaded once per process)."""
    return list(extract_articles(articles, load_model(model)))


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
    weights: MergeWeights = HAND_SET,
) -> Timeline:
    """The merge step: one chronology over every article's extraction, in article order.

    With a Dask ``engine``, the blocks of the date line are scored, and the
    undated mentions decided, on its workers. ``weights`` weigh the pair evidence
    (:class:`~huawei_timeline.merge.score.MergeWeights`; the merge's own by default).
    """
    mentions = [m for extraction in extractions for m in extraction.mentions]
    uses = [use for extraction in extractions for use in extraction.names]
    run: TaskMap = engine.map if engine is not None and engine.name == "dask" else here
    events, actors = merge_with_actors(mentions, articles, uses=uses, run=run, weights=weights)
    return Timeline(
        model=model,
        articles=[extraction.summary for extraction in extractions],
        events=with_sentence_summaries(events),
        actors=actors.actors(events, uses),
        warnings=list(warnings),
    )
