"""One self-contained static HTML page of a :class:`~huawei_timeline.models.Timeline`.

The page needs nothing at view time: the stylesheet (``resources/page.css``) is
inlined, there is no script, and a Content-Security-Policy forbids every fetch, so
even a page opened from a mail attachment shows the same thing offline. Every piece of
article text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from functools import cache
from importlib import resources

from huawei_timeline.models import ArticleSummary, Event, Timeline
from huawei_timeline.output.dates import display_conflict_date, display_date

# No script, no remote anything: only the inline stylesheet and the empty data: icon.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@cache
def _stylesheet() -> str:
    return (resources.files("huawei_timeline") / "resources" / "page.css").read_text("utf-8")


def to_html(timeline: Timeline, *, title: str = "Timeline") -> str:
    """Return the timeline as one HTML document.

    Each event is a list item with its date as a reader says it, the summary (tagged
    "planned" for future events), people and organisations, the number of sources and
    their outlets, any source whose date disagrees, and the source sentences in a
    collapsed ``<details>``. Below the chronology, the articles it was built from.
    """
    e = html.escape
    outlets = {article.id: article.outlet for article in timeline.articles}
    items = "\n".join(_event_item(event, outlets) for event in timeline.events)
    if not timeline.events:
        items = '<li class="empty">No dated events found.</li>'
    sources = "\n".join(_article_item(article) for article in timeline.articles)
    overview = (
        f"{_count(len(timeline.events), 'event')} from "
        f"{_count(len(timeline.articles), 'article')} &middot; model {e(timeline.model)}"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="huawei-timeline">
<title>{e(title)}</title>
<link rel="icon" href="data:,">
<style>
{_stylesheet()}</style>
</head>
<body>
<header>
<h1>{e(title)}</h1>
<p class="overview">{overview}</p>
</header>
<main>
<ol class="timeline">
{items}
</ol>
</main>
<footer>
<h2>Sources</h2>
<ul class="articles">
{sources}
</ul>
</footer>
</body>
</html>
"""


def _event_item(event: Event, outlets: dict[str, str]) -> str:
    e = html.escape
    planned = event.modality == "planned"
    tag = ""
    if event.modality != "asserted":
        tag = f'<span class="tag">{e(event.modality)}</span>'
    lines = [f'<p class="summary">{tag}{e(event.summary)}</p>']
    actors = []
    if event.people:
        actors.append(_names("people", event.people, "person"))
    if event.organizations:
        actors.append(_names("orgs", event.organizations, "org"))
    if actors:
        lines.append(f'<p class="actors">{" ".join(actors)}</p>')
    outlet_list = ", ".join(f'<span class="source">{e(o)}</span>' for o in event.outlets)
    lines.append(
        f'<p class="sources"><span class="source">{_count(event.sources, "source")}</span>'
        f"{': ' + outlet_list if outlet_list else ''}</p>"
    )
    for conflict in event.date_conflicts:
        their = display_conflict_date(conflict, event.date)
        lines.append(
            f'<p class="conflict"><span class="label">date differs:</span> '
            f"{e(outlets.get(conflict.article_id, conflict.article_id))} "
            f"<q>{e(conflict.text)}</q> &rarr; {e(their)}</p>"
        )
    for actor in event.actor_conflicts:
        lines.append(
            f'<p class="conflict"><span class="label">sources disagree on who:</span> '
            f"{e(outlets.get(actor.article_id, actor.article_id))} credits "
            f"{e(actor.attributed_to)}, not {e(' or '.join(actor.instead_of))}</p>"
        )
    quotes = "\n".join(
        f'<li><span class="source">{e(outlets.get(m.article_id, m.article_id))}</span> '
        f'<span class="label">({e(m.article_id)})</span>: <q>{e(m.sentence)}</q></li>'
        for m in event.mentions
    )
    lines.append(
        f"<details><summary>{_count(len(event.mentions), 'source sentence')}</summary>"
        f"<ul>\n{quotes}\n</ul></details>"
    )
    css = "event planned" if planned else "event"
    body = "\n".join(lines)
    return (
        f'<li class="{css}" id="{e(event.id)}" data-value="{e(event.date.value)}">\n'
        f'<div class="date">{e(display_date(event.date))}</div>\n'
        f'<div class="body">\n{body}\n</div>\n</li>'
    )


def _names(label: str, names: list[str], css: str) -> str:
    joined = ", ".join(f'<span class="{css}">{html.escape(n)}</span>' for n in names)
    return f'<span class="label">{label}:</span> {joined}'


def _article_item(article: ArticleSummary) -> str:
    e = html.escape
    published = article.published
    day = published.date() if isinstance(published, datetime) else published
    headline = f" &ldquo;{e(article.headline)}&rdquo;" if article.headline else ""
    return (
        f'<li><span class="source">{e(article.outlet)}</span>{headline}, '
        f'<time datetime="{day.isoformat()}">{_day(day)}</time> '
        f'<span class="label">({e(article.id)})</span></li>'
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
