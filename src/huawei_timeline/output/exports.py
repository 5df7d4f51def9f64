"""Exports of a :class:`~huawei_timeline.models.Timeline` for other tools.

* :func:`to_json` -- exactly ``Timeline.model_dump_json``, so it reads back with
  ``Timeline.model_validate_json``; ``data/timeline.schema.json`` is the committed copy
  of :func:`json_schema` for consumers who do not run Python.
* :func:`to_timelinejs` -- Knight Lab TimelineJS JSON (``events[]`` with
  ``start_date``/``end_date``, ``text``, ``group``, ``display_date``, ``unique_id``).
* :func:`to_markdown` -- a chronology for a newsroom document, sources as footnotes.
* :func:`to_csv` -- one row per event, for spreadsheets.
* :func:`article_timeml` / :func:`write_timeml_folder` -- each article as TimeML with its
  TIMEX3 tags.
* :func:`huawei_timeline.page.to_html` -- one self-contained HTML page.

Article text is escaped wherever the format is markup (HTML inside TimelineJS,
Markdown, XML); :func:`write_atomic` writes any of them without ever leaving a
half-written file.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from huawei_timeline.errors import OutputError
from huawei_timeline.events.summary import one_line
from huawei_timeline.files import output_error, write_atomic
from huawei_timeline.models import (
    Article,
    ArticleSummary,
    Event,
    EventDate,
    EventMention,
    KeyDate,
    TimeExpression,
    Timeline,
    calendar_day,
)
from huawei_timeline.output.dates import (
    display_conflict_date,
    display_date,
    display_event_date,
    key_date_value,
)
from huawei_timeline.timeml.reader import parse_timeml
from huawei_timeline.timeml.writer import timeml_text
from huawei_timeline.timex.values import interval_of


def to_json(timeline: Timeline) -> str:
    """Serialise a timeline as indented JSON that ``Timeline.model_validate_json`` reads back."""
    return timeline.model_dump_json(indent=2)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the exported timeline (the pydantic schema of ``Timeline``)."""
    return Timeline.model_json_schema()


def schema_text() -> str:
    """Return :func:`json_schema` as the text committed in ``data/timeline.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------ TimelineJS


def to_timelinejs(timeline: Timeline) -> str:
    """Serialise a timeline in Knight Lab's TimelineJS JSON format.

    Each event becomes a slide: ``start_date`` (and ``end_date`` for a week, weekend,
    quarter, ... ) holds only the fields its granularity knows, so a month-only date
    stays ``{"year": 2019, "month": 10}``; ``display_date`` says it as the terminal does
    ("mid-Oct 2019"); ``group`` is ``planned`` or ``reported``; ``unique_id`` is the
    event id. TimelineJS shows ``text`` as HTML, so every piece of article text in it is
    escaped. Events whose date names no calendar period (a bare duration, "now") cannot
    be placed on a TimelineJS axis and are left out.

    A timeline with key dates (``--key-dates``) gets one slide per key date instead:
    its first sentence as the headline, every sentence with its source in the text,
    group ``key date`` and ``unique_id`` ``kd-`` and the date (``kd-2019-10-MID``).
    """
    outlets = _outlets(timeline)
    if timeline.key_dates:
        slides = [s for key in timeline.key_dates if (s := _key_date_slide(key, outlets))]
    else:
        slides = [s for event in timeline.events if (s := _slide(event, outlets)) is not None]
    document = {
        "title": {
            "text": {
                "headline": "Timeline",
                "text": _html(_overview(timeline)),
            }
        },
        "events": slides,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def timelinejs_dates(date: EventDate) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """Return the TimelineJS ``start_date`` and ``end_date`` objects for an event date.

    Only the fields the granularity knows are set: ``2019-10`` (with any modifier) is
    ``{"year": 2019, "month": 10}`` and no end; ``2019-W26-WE`` runs from Saturday to
    Sunday; ``2019-Q3`` from month 7 to month 9; ``2019-07-11T10:37`` adds hour and
    minute. ``None`` when the value names no calendar period.
    """
    # The modifier is carried by display_date; the axis gets the bare period.
    span = interval_of(date.value)
    if span is None:
        return None
    first, last = span
    granularity = date.granularity
    if granularity in ("day", "part_of_day"):
        return _ymd(first), None
    if granularity == "time":
        start = _ymd(first)
        clock = re.search(r"T(\d{2}):(\d{2})", date.value)
        if clock:
            start |= {"hour": int(clock[1]), "minute": int(clock[2])}
        return start, None
    if granularity in ("week", "weekend"):
        return _ymd(first), _ymd(last)
    if granularity == "month":
        return {"year": first.year, "month": first.month}, None
    if granularity in ("quarter", "half", "season"):
        return (
            {"year": first.year, "month": first.month},
            {"year": last.year, "month": last.month},
        )
    if granularity == "year":
        return {"year": first.year}, None
    return {"year": first.year}, {"year": last.year}  # decade, century, millennium


def _ymd(day: date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _slide(event: Event, outlets: dict[str, str]) -> dict[str, Any] | None:
    dates = timelinejs_dates(event.date)
    if dates is None:
        return None
    start, end = dates
    slide: dict[str, Any] = {"start_date": start}
    if end is not None:
        slide["end_date"] = end
    slide |= {
        "display_date": display_event_date(event),
        "text": {"headline": _html(event.summary), "text": _slide_text(event, outlets)},
        "group": "planned" if event.modality == "planned" else "reported",
        "unique_id": event.id,
    }
    return slide


def _key_date_slide(key: KeyDate, outlets: dict[str, str]) -> dict[str, Any] | None:
    e = _html
    when = key_date_value(key)
    dates = timelinejs_dates(when)
    if dates is None:
        return None
    items = "".join(
        f"<li>{e(one_line(s.text))} <small>{e(_source(s.article_id, outlets))}, "
        f"characters {s.start}\u2013{s.end}</small></li>"
        for s in key.sentences
    )
    headline = one_line(key.sentences[0].text) if key.sentences else display_date(when)
    slide: dict[str, Any] = {"start_date": dates[0]}
    if dates[1] is not None:
        slide["end_date"] = dates[1]
    return slide | {
        "display_date": display_date(when),
        "text": {"headline": e(headline), "text": f"<ul>{items}</ul>"},
        "group": "key date",
        "unique_id": f"kd-{key.date}{'-' + key.mod if key.mod else ''}",
    }


def _slide_text(event: Event, outlets: dict[str, str]) -> str:
    e = _html
    parts = []
    if event.people:
        parts.append(f"<p>People: {e(', '.join(event.people))}</p>")
    if event.organizations:
        parts.append(f"<p>Organisations: {e(', '.join(event.organizations))}</p>")
    parts.append(f"<p>{e(_sources_phrase(event))}</p>")
    if event.date_conflicts:
        differ = "; ".join(
            f"{_source(c.article_id, outlets)}: \u201c{c.text}\u201d \u2192 "
            f"{display_conflict_date(c, event.date)}"
            for c in event.date_conflicts
        )
        parts.append(f"<p>Dates differ: {e(differ)}</p>")
    if event.actor_conflicts:
        who = "; ".join(
            f"{_source(c.article_id, outlets)} credits {c.attributed_to}, "
            f"not {' or '.join(c.instead_of)}"
            for c in event.actor_conflicts
        )
        parts.append(f"<p>Sources disagree on who: {e(who)}</p>")
    quotes = "".join(
        f"<li>{e(_source(m.article_id, outlets))}: \u201c{e(one_line(m.sentence))}\u201d</li>"
        for m in event.mentions
    )
    parts.append(f"<ul>{quotes}</ul>")
    return "".join(parts)


def _html(text: str) -> str:
    # HTML or XML text content, never an attribute value: quotes need no escaping and
    # stay readable.
    return html.escape(text, quote=False)


# -------------------------------------------------------------------------- Markdown


def to_markdown(timeline: Timeline) -> str:
    """Write the timeline as Markdown for a newsroom document, sources as footnotes.

    One bullet per event (date in bold, summary, then people, organisations, sources
    and any disagreeing dates as sub-bullets) with one footnote per source article:
    outlet, headline, publish date, article id, and each sentence it reports the
    event in with its character span. Article text is escaped, so a stray ``*``,
    ``[link](...)`` or ``<script>`` shows as typed.

    A timeline with key dates (``--key-dates``) is written as its key dates instead:
    one bullet per day with its sentences, each with a footnote giving its article
    and character span.
    """
    articles = {article.id: article for article in timeline.articles}
    if timeline.key_dates:
        return _key_dates_markdown(timeline, articles)
    outlets = _outlets(timeline)
    lines = ["# Timeline", "", _md(_overview(timeline)), ""]
    notes: list[str] = []
    for event in timeline.events:
        marks = ""
        for article_id in _article_ids(event):
            said = [m for m in event.mentions if m.article_id == article_id]
            notes.append(_footnote(len(notes) + 1, article_id, said, articles.get(article_id)))
            marks += f"[^{len(notes)}]"
        planned = "*planned:* " if event.modality == "planned" else ""
        lines.append(
            f"- **{_md(display_event_date(event))}**: {planned}{_md(event.summary)}{marks}"
        )
        if event.people:
            lines.append(f"  - people: {_md(', '.join(event.people))}")
        if event.organizations:
            lines.append(f"  - organisations: {_md(', '.join(event.organizations))}")
        lines.append(f"  - {_md(_sources_phrase(event))}")
        for conflict in event.date_conflicts:
            their = display_conflict_date(conflict, event.date)
            source = _md(_source(conflict.article_id, outlets))
            quote = _md(conflict.text)
            lines.append(f"  - date differs in {source}: \u201c{quote}\u201d \u2192 {_md(their)}")
        for actor in event.actor_conflicts:
            source = _md(_source(actor.article_id, outlets))
            others = _md(" or ".join(actor.instead_of))
            lines.append(f"  - {source} credits {_md(actor.attributed_to)}, not {others}")
    if not timeline.events:
        lines.append("No dated events found.")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def _key_dates_markdown(timeline: Timeline, articles: dict[str, ArticleSummary]) -> str:
    count = len(timeline.key_dates)
    overview = f"{count} key date{'s' * (count != 1)} of {_overview(timeline)}"
    lines = ["# Key dates", "", _md(overview), ""]
    notes: list[str] = []
    for key in timeline.key_dates:
        told = []
        for sentence in key.sentences:
            article = articles.get(sentence.article_id)
            where = _md(sentence.article_id)
            if article is not None:
                where = f"{_md(article.outlet)}, {_published(article.published)} ({where})"
            notes.append(
                f"[^{len(notes) + 1}]: {where}, characters {sentence.start}\u2013{sentence.end}"
            )
            told.append(f"{_md(sentence.text)}[^{len(notes)}]")
        lines.append(f"- **{_md(display_date(key_date_value(key)))}**: {' '.join(told)}")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def _footnote(
    number: int, article_id: str, mentions: Sequence[EventMention], article: ArticleSummary | None
) -> str:
    where = _md(article_id)
    if article is not None:
        headline = f", \u201c{_md(article.headline)}\u201d" if article.headline else ""
        where = f"{_md(article.outlet)}{headline}, {_published(article.published)} ({where})"
    quotes = "; ".join(
        f"\u201c{_md(m.sentence)}\u201d (characters {m.start}\u2013{m.end})" for m in mentions
    )
    return f"[^{number}]: {where}: {quotes}"


# Inline Markdown syntax (CommonMark + GFM tables/strikethrough); every piece of text
# is written inline after a prefix, so line-start syntax (#, -, 1.) cannot trigger. An
# underscore inside a word ("000_0cc6") cannot open emphasis and stays as it is.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>&|~]|(?<![^\W_])_|_(?![^\W_])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m[0], one_line(text))


def _published(published: datetime | date) -> str:
    day = calendar_day(published)
    return f"{day.day} {day:%b} {day.year}"


# ------------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "id",
    "date",
    "mod",
    "granularity",
    "display_date",
    "first_day",
    "last_day",
    "modality",
    "summary",
    "people",
    "organizations",
    "sources",
    "outlets",
    "article_ids",
    "date_conflicts",
    "actor_conflicts",
)
"""The header of :func:`to_csv`; multi-valued cells are joined with ``"; "``."""


def to_csv(timeline: Timeline) -> str:
    """Write one CSV row per event (RFC 4180: quoted as needed, CRLF line ends).

    ``first_day``/``last_day`` are the ISO days the date stands for (empty when it
    names no calendar period). A cell that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed with
    ``'``, as OWASP advises for CSV injection.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in timeline.events:
        span = interval_of(event.date.value, event.date.mod)
        conflicts = [f"{c.article_id}: {c.text} = {c.value}" for c in event.date_conflicts]
        who = [
            f"{c.article_id}: {c.attributed_to} not {' or '.join(c.instead_of)}"
            for c in event.actor_conflicts
        ]
        row = [
            event.id,
            event.date.value,
            event.date.mod or "",
            event.date.granularity,
            display_event_date(event),
            span[0].isoformat() if span else "",
            span[1].isoformat() if span else "",
            event.modality,
            event.summary,
            "; ".join(event.people),
            "; ".join(event.organizations),
            str(event.sources),
            "; ".join(event.outlets),
            "; ".join(_article_ids(event)),
            "; ".join(conflicts),
            "; ".join(who),
        ]
        writer.writerow([_defuse(cell) for cell in row])
    return buffer.getvalue()


def _defuse(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


# ---------------------------------------------------------------------------- TimeML


def article_timeml(article: Article, expressions: Sequence[TimeExpression]) -> str:
    """Return an article as a TimeML document with its TIMEX3 expressions tagged.

    ``<DCT>`` holds the publish date (the anchor of every relative date) and
    ``<TEXT>`` the article text, unchanged except that ``&``, ``<`` and ``>`` are
    written as XML entities and each expression is wrapped in
    ``<TIMEX3 tid type value [mod]>``. The tags are inserted by
    :func:`huawei_timeline.timeml.writer.timeml_text`, so the file reads back with
    :func:`huawei_timeline.timeml.reader.read_timeml` and scores with ``timeml evaluate``.
    """
    meta = article.meta
    if isinstance(meta.published, datetime):
        dct_type, dct_value = "TIME", meta.published.strftime("%Y-%m-%dT%H:%M")
    else:
        dct_type, dct_value = "DATE", meta.published.isoformat()
    title = f"<TITLE>{_html(meta.headline)}</TITLE>\n" if meta.headline else ""
    skeleton = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<TimeML>\n"
        f"<DOCID>{_html(meta.id)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="{dct_type}" value="{dct_value}" '
        f'temporalFunction="false" functionInDocument="CREATION_TIME">{dct_value}</TIMEX3></DCT>\n'
        f"{title}"
        f"<TEXT>{_html(article.text)}</TEXT>\n"
        "</TimeML>\n"
    )
    return timeml_text(parse_timeml(skeleton, f"{meta.id}.tml"), expressions)


def write_timeml_folder(
    timeline: Timeline, articles: Iterable[Article], folder: Path
) -> list[Path]:
    """Write ``<article id>.tml`` for every article of ``timeline`` into ``folder``.

    ``articles`` supply the text (a :class:`Timeline` carries only offsets); their
    expressions come from the timeline. The folder is created if needed; each file is
    written with :func:`write_atomic`. Returns the files written, in timeline order.

    Raises:
        OutputError: the folder cannot be created or a file cannot be written, or an
            article of the timeline has no text among ``articles``.
    """
    texts = {article.meta.id: article for article in articles}
    missing = [a.id for a in timeline.articles if a.id not in texts]
    if missing:
        raise OutputError(
            f"no text for article {missing[0]!r}; export TimeML from the corpus it was built on"
        )
    if folder.exists() and not folder.is_dir():
        raise OutputError(output_error(folder, "it is a file", "give a folder for TimeML output"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else type(exc).__name__
        raise OutputError(output_error(folder, reason, "choose another -o folder")) from exc
    written = []
    for summary in timeline.articles:
        path = folder / f"{summary.id}.tml"
        write_atomic(path, article_timeml(texts[summary.id], summary.time_expressions))
        written.append(path)
    return written


# --------------------------------------------------------------------------- shared


def _overview(timeline: Timeline) -> str:
    articles, events = len(timeline.articles), len(timeline.events)
    outlets = ", ".join(dict.fromkeys(a.outlet for a in timeline.articles))
    text = f"{events} event{'s' * (events != 1)} from {articles} article{'s' * (articles != 1)}"
    return f"{text} ({outlets}); model {timeline.model}." if outlets else f"{text}."


def _sources_phrase(event: Event) -> str:
    noun = "source" if event.sources == 1 else "sources"
    return f"{event.sources} {noun}: {', '.join(event.outlets)}"


def _outlets(timeline: Timeline) -> dict[str, str]:
    return {article.id: article.outlet for article in timeline.articles}


def _source(article_id: str, outlets: dict[str, str]) -> str:
    outlet = outlets.get(article_id)
    return f"{outlet} ({article_id})" if outlet else article_id


def _article_ids(event: Event) -> list[str]:
    return list(dict.fromkeys(m.article_id for m in event.mentions))
