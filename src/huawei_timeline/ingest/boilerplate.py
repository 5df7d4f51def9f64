"""Stage 2 — clean: split an article into line segments and mark page furniture.

Scraped news pages carry "READ ALSO" links, captions, copyright and newsletter
lines. The markers live in ``resources/boilerplate.toml`` (rules are data);
this module only applies them. Nothing is deleted: a boilerplate line stays in
the text as a segment of kind ``boilerplate``, so offsets keep pointing into
the original file and the date expressions it holds can be reported as skipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from huawei_timeline.models import Article, CleanArticle, Segment


@dataclass(frozen=True)
class Marker:
    """A boilerplate rule: a line regex and the examples it exists for."""

    name: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


@cache
def markers() -> tuple[Marker, ...]:
    """The boilerplate markers from ``resources/boilerplate.toml``."""
    text = resources.files("huawei_timeline.resources").joinpath("boilerplate.toml").read_text()
    return tuple(
        Marker(
            name=entry["name"],
            regex=re.compile(entry["regex"], re.IGNORECASE),
            examples=tuple(entry.get("examples", ())),
            counterexamples=tuple(entry.get("counterexamples", ())),
        )
        for entry in tomllib.loads(text)["marker"]
    )


def boilerplate_reason(line: str) -> str | None:
    """Name of the first marker matching ``line``, or None for article text."""
    for marker in markers():
        if marker.regex.search(line):
            return marker.name
    return None


def clean_article(article: Article) -> CleanArticle:
    """Split ``article`` into non-empty line segments, each text, boilerplate or dateline."""
    segments: list[Segment] = []
    offset = 0
    for line in article.text.split("\n"):
        start = offset + len(line) - len(line.lstrip())
        end = offset + len(line.rstrip())
        offset += len(line) + 1
        if end <= start:
            continue
        dateline = article.dateline
        if dateline is not None and start <= dateline.start < end:
            segments.append(Segment(start=start, end=end, kind="dateline", reason="dateline"))
            continue
        reason = boilerplate_reason(article.text[start:end])
        kind = "text" if reason is None else "boilerplate"
        segments.append(Segment(start=start, end=end, kind=kind, reason=reason))
    return CleanArticle(article=article, segments=segments)
