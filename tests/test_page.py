"""The HTML page: markup in the data stays text, and in a real headless Chromium the page
loads cleanly, offline, and shows the events.

Chromium comes from the ``chromium`` fixture (Debian's package, installed on first use
where possible); the browser tests skip, with the reason, only where it cannot be installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from builders import HOSTILE_SENTENCE, hostile_timeline, sample_timeline
from huawei_timeline.models import Timeline
from huawei_timeline.output.dates import display_date
from huawei_timeline.output.page import to_html

KEY_DATES = ["Thu 16 May 2019", "weekend of 29\u201330 Jun 2019", "Tue 9 Jul 2019", "mid-Oct 2019"]
"""The dates of the four key events of the seed corpus (data/gold/events.json, "key")."""


MARKUP = "\"Q&amp;A\" <b>R&D</b> 'x' >"
"""Text that changes meaning if any of ``"``, ``'``, ``<``, ``>`` or ``&`` is left unescaped."""


class PageReader(HTMLParser):
    """A page as a parser reads it: elements with their attributes, and text chunks with
    the tag they follow, entities decoded."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[tuple[str, str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append((self.elements[-1][0] if self.elements else "", data))


def test_page_keeps_markup_in_attributes_and_text_as_typed() -> None:
    base = sample_timeline()
    article = base.articles[0].model_copy(update={"outlet": MARKUP, "headline": MARKUP})
    first = base.events[0].model_copy(update={"id": MARKUP, "sources": 1, "outlets": [MARKUP]})
    timeline = base.model_copy(update={"articles": [article], "events": [first]})
    page = PageReader(to_html(timeline, title=MARKUP))
    assert "b" not in {tag for tag, _ in page.elements}
    assert ("li", {"class": "event", "id": MARKUP, "data-value": "2019-05-15"}) in page.elements
    assert {("title", MARKUP), ("h1", MARKUP)} <= set(page.chunks)
    text = "".join(data for _, data in page.chunks)
    assert f"1 source: {MARKUP}\n" in text
    assert f"{MARKUP} \u201c{MARKUP}\u201d, 16 May 2019 (scmp-1)" in text


@dataclass
class Visit:
    """What a page did when opened: its visible text per event, and anything that went wrong."""

    events: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def open_page(browser: Any, timeline: Timeline, tmp_path: Path, screenshot: bool = False) -> Visit:
    path = tmp_path / "timeline.html"
    path.write_text(to_html(timeline), encoding="utf-8")
    visit = Visit()
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.on("console", lambda m: visit.problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: visit.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (visit.problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("file:", "data:"))
            else visit.problems.append(f"request: {r.url}")
        ),
    )
    page.goto(path.as_uri(), wait_until="load")
    for item in page.locator("li.event").all():
        assert item.is_visible()
        visit.events[item.get_attribute("id") or ""] = item.inner_text()
    if screenshot:
        page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
        assert (tmp_path / "timeline.png").stat().st_size > 0
    page.close()
    return visit


def test_page_loads_cleanly_and_shows_every_event(browser: Any, tmp_path: Path) -> None:
    timeline = sample_timeline()
    visit = open_page(browser, timeline, tmp_path, screenshot=True)
    assert visit.problems == []
    assert list(visit.events) == [e.id for e in timeline.events]
    for event in timeline.events:
        shown = visit.events[event.id]
        assert display_date(event.date) in shown and event.summary in shown
    assert "PLANNED" in visit.events["e4"].upper()


def test_page_shows_article_markup_as_text(browser: Any, tmp_path: Path) -> None:
    visit = open_page(browser, hostile_timeline(), tmp_path)
    # No alert dialog, no script, no image request: the markup stayed text.
    assert visit.problems == []
    assert HOSTILE_SENTENCE in visit.events["e-hostile"]
    assert "<img src=x onerror=alert(1)>" in visit.events["e-hostile"]


@pytest.mark.model
def test_seed_page_shows_the_four_key_events(
    browser: Any, seed_timeline: Timeline, tmp_path: Path
) -> None:
    visit = open_page(browser, seed_timeline, tmp_path)
    assert visit.problems == []
    shown_dates = [text.split("\n", 1)[0] for text in visit.events.values()]
    for date in KEY_DATES:
        assert date in shown_dates
