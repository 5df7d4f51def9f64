"""TimeML out: put ``<TIMEX3 tid type value [mod]>`` tags around spans of a document.

Everything outside ``<TEXT>`` is written back byte for byte; inside it, tags of
the input are dropped (system output carries only its own TIMEX3) and every
other byte, entities and line endings included, is kept, so an untagged
``.TE3input`` file written back with no expressions is identical to its input.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from huawei_timeline.errors import OutputError
from huawei_timeline.files import write_atomic
from huawei_timeline.models import TimeExpression
from huawei_timeline.timeml.reader import TimeMLDocument, TimeMLError, TimeMLTimex


def timeml_text(document: TimeMLDocument, timexes: Sequence[TimeExpression | TimeMLTimex]) -> str:
    """The document as TimeML with ``timexes`` tagged in ``<TEXT>``.

    Tags of the input inside ``<TEXT>`` are not written; every other byte is.
    Ids are ``t1``, ``t2`` ... skipping any ``tN`` the rest of the file uses
    (the DCT is usually ``t0``).

    Raises:
        ValueError: two expressions overlap or one lies outside the text.
    """
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    for previous, current in itertools.pairwise(ordered):
        if current.start < previous.end:
            raise ValueError(f"overlapping TIMEX3 {previous.text!r} and {current.text!r}")
    if ordered and (ordered[0].start < 0 or ordered[-1].end > len(document.text)):
        raise ValueError("a TIMEX3 lies outside the document text")
    taken = set(re.findall(r'\btid="(t\d+)"', document.head + document.tail))
    ids = (f"t{n}" for n in range(1, 1_000_000) if f"t{n}" not in taken)
    parts: list[str] = []
    cursor = 0
    raw = document.raw_text
    inside_cdata = _cdata_interiors(raw)
    for timex in ordered:
        start, end = document.offsets[timex.start], document.offsets[timex.end]
        attributes = f'tid="{next(ids)}" type="{timex.type}" value="{_escape(timex.value)}"'
        if timex.mod:
            attributes += f' mod="{timex.mod}"'
        opening, closing = f"<TIMEX3 {attributes}>", "</TIMEX3>"
        # Inside a CDATA section a tag would be text: close the section around it.
        if inside_cdata(start):
            opening = f"]]>{opening}<![CDATA["
        if inside_cdata(end):
            closing = f"]]>{closing}<![CDATA["
        parts += [raw[cursor:start], opening, raw[start:end], closing]
        cursor = end
    parts.append(raw[cursor:])
    return document.head + "".join(parts) + document.tail


def _cdata_interiors(raw: str) -> Callable[[int], bool]:
    """Whether a position of ``raw`` lies strictly inside one CDATA section's content."""
    sections = [
        (m.start() + len("<![CDATA["), m.end() - len("]]>"))
        for m in re.finditer(r"<!\[CDATA\[.*?\]\]>", raw, re.S)
    ]
    return lambda position: any(first < position < last for first, last in sections)


def _escape(value: str) -> str:
    return html.escape(value, quote=True)


def write_timeml(
    path: Path | str,
    document: TimeMLDocument,
    timexes: Sequence[TimeExpression | TimeMLTimex],
) -> None:
    """Write :func:`timeml_text` to ``path`` as UTF-8, line endings unchanged.

    Raises:
        TimeMLError: the file cannot be written.
    """
    try:
        write_atomic(Path(path), timeml_text(document, timexes))
    except OutputError as error:
        raise TimeMLError(str(error)) from error
