"""One self-contained static HTML page of a :class:`~huawei_timeline.models.Timeline`.

The page needs nothing at view time: the stylesheet (``resources/page.css``) is
inlined, there is no script, and a Content-Security-Policy forbids every fetch, so
even a page opened from a mail attachment shows the same thing offline.

The markup is the Jinja2 template ``resources/page.html.j2``; this module turns the
timeline into plain view data for it (dates as a reader says them, outlets looked up,
counts spelled out). The template environment autoescapes every value, so no piece of
article text reaches the page as markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from huawei_timeline.events.summary import one_line
from huawei_timeline.models import ArticleSummary, Event, KeyDate, Timeline, calendar_day
from huawei_timeline.output.dates import (
    display_conflict_date,
    display_date,
    display_event_date,
    key_date_score,
    key_date_value,
)

_TEMPLATE = "page.html.j2"


def to_html(timeline: Timeline, *, title: str = "Timeline") -> str:
    """Return the timeline as one HTML document.

    Each event is a list item with its date as a reader says it, the summary (tagged
    with its modality, e.g. "planned", unless asserted), people and organisations, the
    number of sources and their outlets, any source whose date or actor disagrees, and
    the source sentences in a collapsed ``<details>``. Below the chronology, the
    articles it was built from.

    A timeline with key dates (``--key-dates``) shows them instead of every event:
    each day with its sentences, each sentence with its outlet, article id and
    character span.
    """
    outlets = {article.id: article.outlet for article in timeline.articles}
    return (
        _environment()
        .get_template(_TEMPLATE)
        .render(
            title=title,
            model=timeline.model,
            # Our own package resource, inlined as is: CSS is not HTML text.
            stylesheet=Markup(_resource("page.css")),
            events=[_event_view(event, outlets) for event in timeline.events],
            key_dates=[_key_date_view(key, outlets) for key in timeline.key_dates],
            articles=[_article_view(article) for article in timeline.articles],
        )
    )


# ------------------------------------------------------------------ view data


@dataclass(frozen=True)
class _NameGroup:
    label: str
    css: str
    names: list[str]


@dataclass(frozen=True)
class _DateConflictView:
    outlet: str
    text: str
    date: str


@dataclass(frozen=True)
class _ActorConflictView:
    outlet: str
    attributed_to: str
    instead_of: str


@dataclass(frozen=True)
class _QuoteView:
    outlet: str
    article_id: str
    sentence: str


@dataclass(frozen=True)
class _EventView:
    id: str
    css: str
    value: str
    date: str
    tag: str | None
    summary: str
    actors: list[_NameGroup]
    sources: int
    outlets: list[str]
    date_conflicts: list[_DateConflictView]
    actor_conflicts: list[_ActorConflictView]
    quotes: list[_QuoteView]


@dataclass(frozen=True)
class _KeySentenceView:
    text: str
    outlet: str
    article_id: str
    span: str


@dataclass(frozen=True)
class _KeyDateView:
    date: str
    value: str
    score: str
    sentences: list[_KeySentenceView]


def _key_date_view(key: KeyDate, outlets: dict[str, str]) -> _KeyDateView:
    return _KeyDateView(
        date=display_date(key_date_value(key)),
        value=key.date + (f"-{key.mod}" if key.mod else ""),
        score=key_date_score(key.score),
        sentences=[
            _KeySentenceView(
                text=one_line(s.text),
                outlet=outlets.get(s.article_id, s.article_id),
                article_id=s.article_id,
                span=f"{s.start}\u2013{s.end}",
            )
            for s in key.sentences
        ],
    )


@dataclass(frozen=True)
class _ArticleView:
    id: str
    outlet: str
    headline: str | None
    day_iso: str
    day: str


def _event_view(event: Event, outlets: dict[str, str]) -> _EventView:
    groups = [
        _NameGroup("people", "person", event.people),
        _NameGroup("orgs", "org", event.organizations),
    ]
    return _EventView(
        id=event.id,
        css="event planned" if event.modality == "planned" else "event",
        value=event.date.value,
        date=display_event_date(event),
        tag=None if event.modality == "asserted" else event.modality,
        summary=event.summary,
        actors=[group for group in groups if group.names],
        sources=event.sources,
        outlets=event.outlets,
        date_conflicts=[
            _DateConflictView(
                outlet=outlets.get(conflict.article_id, conflict.article_id),
                text=conflict.text,
                date=display_conflict_date(conflict, event.date),
            )
            for conflict in event.date_conflicts
        ],
        actor_conflicts=[
            _ActorConflictView(
                outlet=outlets.get(actor.article_id, actor.article_id),
                attributed_to=actor.attributed_to,
                instead_of=" or ".join(actor.instead_of),
            )
            for actor in event.actor_conflicts
        ],
        quotes=[
            _QuoteView(
                outlet=outlets.get(m.article_id, m.article_id),
                article_id=m.article_id,
                sentence=m.sentence,
            )
            for m in event.mentions
        ],
    )


def _article_view(article: ArticleSummary) -> _ArticleView:
    published = article.published
    day = calendar_day(published)
    return _ArticleView(
        id=article.id,
        outlet=article.outlet,
        headline=article.headline,
        day_iso=day.isoformat(),
        day=f"{day.day} {day:%b} {day.year}",
    )


# ---------------------------------------------------------------- environment


@cache
def _environment() -> jinja2.Environment:
    """The page's Jinja2 environment, built once.

    ``autoescape`` escapes every ``{{ value }}``; ``finalize`` makes that escaping
    html.escape's (``&quot;``, ``&#x27;``) rather than markupsafe's (``&#34;``,
    ``&#39;``), the spelling pages have always had. Values already marked safe (the
    stylesheet, macro output) pass through untouched.
    """
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_resource),
        autoescape=True,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["count"] = _count
    return environment


def _escape(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value))
    return value  # Markup stays as is; autoescape turns anything else into text


def _count(number: int, noun: str) -> str:
    """``1 source``, ``3 sources``: the template's ``count`` filter."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@cache
def _resource(name: str) -> str:
    return (resources.files("huawei_timeline") / "resources" / name).read_text("utf-8")
