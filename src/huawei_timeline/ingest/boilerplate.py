"""Stage 2 — clean: split an article into line segments and mark page furniture.

Scraped news pages carry "READ ALSO" links, captions, copyright and newsletter
lines, and some end in a reader-comment thread. The markers live in
``resources/boilerplate.toml`` (rules are data); this module only applies them.
A marker with ``to_end`` starts a section that runs to the end of the article:
the line where a comment thread shows itself (a comment's time stamp, its
"Reply" link) and every line after it are boilerplate. A page header glued
before a lead (a byline, a time stamp, whatever precedes the "|" before a
stamp: ``[[header]]`` in the same file) becomes boilerplate segments of its own
and the rest of its line stays text, so the stamp dates no event and the byline
names nobody in it. Nothing is deleted: a
boilerplate segment stays in the text, so offsets keep pointing into the
original file and the date expressions it holds can be reported as skipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

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
def _rules() -> dict[str, Any]:
    """``resources/boilerplate.toml``, read once."""
    text = resources.files("huawei_timeline.resources").joinpath("boilerplate.toml").read_text()
    return tomllib.loads(text)


@cache
def markers() -> tuple[Marker, ...]:
    """The boilerplate markers from ``resources/boilerplate.toml``."""
    return tuple(
        Marker(
            name=entry["name"],
            regex=re.compile(entry["regex"], re.IGNORECASE),
            examples=tuple(entry.get("examples", ())),
            counterexamples=tuple(entry.get("counterexamples", ())),
            to_end=bool(entry.get("to_end", False)),
        )
        for entry in _rules()["marker"]
    )


@dataclass(frozen=True)
class Header:
    """A page header glued before a line's text: a case-sensitive prefix regex and
    its examples, each a line and what is left of it once every header is cut."""

    name: str
    regex: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]


@cache
def headers() -> tuple[Header, ...]:
    """The glued page headers from ``resources/boilerplate.toml``, in the order tried."""
    return tuple(
        Header(
            name=entry["name"],
            regex=re.compile(entry["regex"]),
            examples=tuple((line, rest) for line, rest in entry.get("examples", ())),
        )
        for entry in _rules()["header"]
    )


_LOWER = re.compile(r"[a-z]")


def glued_headers(line: str) -> tuple[list[tuple[str, int, int]], int]:
    """The page headers glued at the start of ``line`` and where its text begins.

    Each header is (name, start, end), its end before the whitespace that follows;
    the text begins after that whitespace. A line that would keep no lower-case
    letter is all header ("Tuesday 8 February 2005 00.02 GMT") and is left whole:
    no headers, text from 0.
    """
    found: list[tuple[str, int, int]] = []
    cut = 0
    for header in headers():
        match = header.regex.match(line[cut:])
        if match is not None and match.end() > 0:
            found.append((header.name, cut, cut + len(match.group().rstrip())))
            cut += match.end()
    return (found, cut) if _LOWER.search(line, cut) else ([], 0)


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
        if marker is None and article.text[start] in ",;" and segments:
            last = segments[-1]
            if last.kind == "text":
                # A line the source broke after a name's affiliation ("Sen. Harry
                # Reid, D-Nev.\n, on Tuesday praised ..."): the sentence goes on.
                segments[-1] = Segment(start=last.start, end=end, kind="text", reason=None)
                continue
        if marker is None:
            found, body = glued_headers(article.text[start:end])
            for name, head, tail in found:
                segments.append(
                    Segment(start=start + head, end=start + tail, kind="boilerplate", reason=name)
                )
            segments.append(Segment(start=start + body, end=end, kind="text", reason=None))
            continue
        if marker.to_end:
            section = marker.name
        segments.append(Segment(start=start, end=end, kind="boilerplate", reason=marker.name))
    return CleanArticle(article=article, segments=segments)
