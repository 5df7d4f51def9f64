"""Wire the stages: load -> clean -> nlp -> timex -> events -> merge.

Each stage is a module whose main function takes one model and returns the
next; this module only connects them. ``build_timeline`` is the public entry
point the CLI calls.
"""

from __future__ import annotations

from pathlib import Path

from .clean import clean_article
from .events import extract_mentions
from .load import load_corpus
from .merge import merge_mentions
from .models import ArticleSummary, EventMention, TaggedArticle, Timeline
from .nlp import DEFAULT_MODEL, load_model, parse_articles
from .timex import tag_article


def build_timeline(corpus: Path | str, model: str = DEFAULT_MODEL) -> Timeline:
    """Build the merged chronology of the articles listed in a manifest.

    ``corpus`` is a manifest JSON file or a folder holding ``manifest.json``;
    ``model`` is any installed spaCy pipeline name or path.
    """
    loaded = load_corpus(Path(corpus))
    nlp = load_model(model)
    cleaned = [clean_article(article) for article in loaded.articles]
    tagged = [tag_article(parsed) for parsed in parse_articles(cleaned, nlp)]
    mentions: list[EventMention] = [m for t in tagged for m in extract_mentions(t)]
    events = merge_mentions(mentions, [a.meta for a in loaded.articles])
    return Timeline(
        model=model,
        articles=[_summary(t) for t in tagged],
        events=events,
        warnings=loaded.warnings,
    )


def _summary(tagged: TaggedArticle) -> ArticleSummary:
    article = tagged.parsed.article
    return ArticleSummary(
        id=article.meta.id,
        outlet=article.meta.outlet,
        headline=article.meta.headline,
        published=article.meta.published,
        dateline=article.dateline,
        time_expressions=tagged.time_expressions,
        skipped=tagged.skipped,
    )
