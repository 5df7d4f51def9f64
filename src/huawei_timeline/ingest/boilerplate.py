"""Stage 2 — clean: split an article into line segments and mark page furniture.

Scraped news pages carry "READ ALSO" links, captions, copyright and newsletter
lines, and some end in a reader-comment thread. The markers live in
``resources/boilerplate.toml`` (rules are data); this module only applies them.
A marker with ``to_end`` starts a section that runs to the end of the article:
the line where a comment thread shows itself (a comment's time stamp, its
"Reply" link) and every line after it are boilerplate. Nothing is deleted: a
boilerplate line stays in the text as a segment of kind ``boilerplate``, so
offsets keep pointing into the original file and the date expressions it holds
can be reported as skipped.
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
    """A boilerplate rule: a line regex and the examples it exists for.

    ``to_end``: the matching line starts a section that runs to the end of the
    article (a reader-comment thread), so every later line is boilerplate too.
    """

    name: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    to_end: bool = False


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
            to_end=bool(entry.get("to_end", False)),
        )
        for entry in tomllib.loads(text)["marker"]
    )


def matching_marker(line: str) -> Marker | None:
    """The first marker matching ``line``, or None for article text."""
    for marker in markers():
        if marker.regex.search(line):
            return marker
    return None


def boilerplate_reason(line: str) -> str | None:
    """Name of the first marker matching ``line``, or None for article text."""
    marker = matching_marker(line)
    return None if marker is None else marker.name


def clean_article(article: Article) -> CleanArticle:
    """Split ``article`` into non-empty line segments, each text, boilerplate or dateline.

    From the first line a ``to_end`` marker matches, every segment is
    boilerplate with that marker's name.
    """
    segments: list[Segment] = []
    section: str | None = None
    offset = 0
    for line in article.text.split("\n"):
        start = offset + len(line) - len(line.lstrip())
        end = offset + len(line.rstrip())
        offset += len(line) + 1
        if end <= start:
            continue
        if section is not None:
            segments.append(Segment(start=start, end=end, kind="boilerplate", reason=section))
            continue
        dateline = article.dateline
        if dateline is not None and start <= dateline.start < end:
            segments.append(Segment(start=start, end=end, kind="dateline", reason="dateline"))
            continue
        marker = matching_marker(article.text[start:end])
        if marker is None:
            segments.append(Segment(start=start, end=end, kind="text", reason=None))
            continue
        if marker.to_end:
            section = marker.name
        segments.append(Segment(start=start, end=end, kind="boilerplate", reason=marker.name))
    return CleanArticle(article=article, segments=segments)
