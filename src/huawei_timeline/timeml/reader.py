"""TimeML in: read ``.tml`` and ``.TE3input`` files into plain text, DCT and TIMEX3 spans.

A TimeML file (``.tml``) or a TempEval-3 input file (``*.TE3input``: the same
XML with an untagged ``<TEXT>``) becomes a :class:`TimeMLDocument`: the plain
text of ``<TEXT>`` (tags, comments and processing instructions removed, entities
decoded, CDATA sections taken as literal text), its document creation time from
``<DCT>``, and the gold ``TIMEX3`` spans as character offsets into that plain
text. The document keeps the bytes around the tags, so
:mod:`huawei_timeline.timeml.writer` can write it back unchanged.

``<TEXT>`` is split by a tokenizer, not an XML parser, on purpose: a parser
would turn ``\r\n`` into ``\n`` (moving every offset), decode only XML's five
named entities, and refuse a file that is not quite XML (a bare ``&``), all of
which this reader has always accepted; the tokenizer keeps every byte and its
position.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict

from huawei_timeline.errors import TimelineError

TIMEML_SUFFIXES: Final = (".tml", ".TE3input")
"""File name endings read as TimeML (``X.tml``, ``X.tml.TE3input``, ``X.TE3input``)."""


class TimeMLError(TimelineError):
    """A TimeML file or folder cannot be read, written or scored."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeMLTimex(_Model):
    """A TIMEX3 of a TimeML document: offsets index the document's plain ``text``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


class TimeMLDocument(_Model):
    """A TimeML document split so that it can be written back unchanged.

    ``text`` is the plain content of ``<TEXT>``; ``timexes`` are its TIMEX3
    (gold, when read from an annotated file). ``head`` is the file up to and
    including ``<TEXT>``, ``raw_text`` the ``<TEXT>`` content with its element
    tags removed (entities still encoded; comments, processing instructions and
    CDATA sections kept as they are: they are the author's, not annotation),
    ``tail`` the rest of the file, and ``offsets[i]`` the position in
    ``raw_text`` where ``text[i]`` begins (plus one entry for the end), so
    ``head + raw_text + tail`` is the file without the tags inside ``<TEXT>``.

    Markup kept between two characters counts as the start of the later one,
    except a CDATA section's closing ``]]>``, which ends the earlier one: a tag
    written at ``offsets[i]`` then never falls between ``<![CDATA[`` and its
    first character or between its last character and ``]]>``. Between two
    characters of one CDATA section there is no such place; a writer must close
    and reopen the section around a tag there.
    """

    name: str
    dct: date | datetime
    text: str
    timexes: list[TimeMLTimex]
    head: str
    raw_text: str
    tail: str
    offsets: list[int]


# ------------------------------------------------------------------- reading

_TEXT_OPEN: Final = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE: Final = "</TEXT>"
_DCT: Final = re.compile(r"<DCT>(.*?)</DCT>", re.S)
_ATTRIBUTE: Final = re.compile(r"([\w:]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# Comments, CDATA sections and processing instructions before the generic tag, so a
# ">" or "<" inside them does not end or start one; "\Z" lets an unterminated one
# match, to be reported rather than read as a tag.
_PIECE: Final = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    r"|(?P<pi><\?.*?(?:\?>|\Z))"
    r"|(?P<tag><[^>]*>)"
    r"|(?P<entity>&#?\w+;)"
    r"|[^<&]+|&",
    re.S,
)
_CDATA_OPEN: Final = "<![CDATA["
_CDATA_CLOSE: Final = "]]>"
_DELIMITERS: Final = {
    "comment": ("<!--", "-->"),
    "cdata": (_CDATA_OPEN, _CDATA_CLOSE),
    "pi": ("<?", "?>"),
}
_DCT_VALUE: Final = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?")


def read_timeml(path: Path | str) -> TimeMLDocument:
    """Read a ``.tml`` or ``.TE3input`` file.

    Raises:
        TimeMLError: the file is missing, not UTF-8, or lacks ``<TEXT>`` or a
            ``<DCT>`` with a date value.
    """
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError as error:
        raise TimeMLError(
            f"{path}: no such file; give an existing .tml or .TE3input file"
        ) from error
    except UnicodeDecodeError as error:
        raise TimeMLError(f"{path}: not UTF-8 text; re-encode the file as UTF-8") from error
    except OSError as error:
        raise TimeMLError(f"{path}: cannot be read ({error.strerror}); check the path") from error
    return parse_timeml(raw, path.name)


def parse_timeml(raw: str, name: str) -> TimeMLDocument:
    """Parse the text of a TimeML file; ``name`` is used in messages and kept.

    Raises:
        TimeMLError: no ``<TEXT>`` element, or no ``<DCT>`` with a
            ``TIMEX3 value="YYYY-MM-DD[Thh:mm[:ss]]"``.
    """
    opening = _TEXT_OPEN.search(raw)
    closing = raw.rfind(_TEXT_CLOSE)
    if opening is None or closing < opening.end():
        raise TimeMLError(
            f"{name}: no <TEXT>...</TEXT> element; a TimeML or .TE3input file needs one"
        )
    head, body, tail = raw[: opening.end()], raw[opening.end() : closing], raw[closing:]
    dct = _read_dct(raw[: opening.start()] + tail, name)
    text, raw_text, offsets, timexes = _strip_tags(body, name)
    return TimeMLDocument(
        name=name,
        dct=dct,
        text=text,
        timexes=timexes,
        head=head,
        raw_text=raw_text,
        tail=tail,
        offsets=offsets,
    )


def _read_dct(outside_text: str, name: str) -> date | datetime:
    block = _DCT.search(outside_text)
    attributes = _attributes(block[1]) if block else {}
    match = _DCT_VALUE.match(attributes.get("value", ""))
    if match is None:
        raise TimeMLError(
            f"{name}: no document creation time; add "
            '<DCT><TIMEX3 tid="t0" type="DATE" value="YYYY-MM-DD">...</TIMEX3></DCT>'
        )
    year, month, day, hour, minute, second = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError as error:
        raise TimeMLError(
            f"{name}: DCT value {match[0]!r} is not a real date; write it as YYYY-MM-DD"
        ) from error


def _attributes(tag: str) -> dict[str, str]:
    return {
        m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTRIBUTE.finditer(tag)
    }


def _strip_tags(body: str, name: str) -> tuple[str, str, list[int], list[TimeMLTimex]]:
    """Plain text, tag-free raw text, the offset map and the TIMEX3 of ``body``."""
    plain: list[str] = []
    raw_parts: list[str] = []
    offsets: list[int] = []
    raw_length = 0
    # Where kept markup not yet followed by a character began: that character's offset.
    markup_start: int | None = None
    open_timexes: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    for piece in _PIECE.finditer(body):
        chunk, kind = piece[0], piece.lastgroup
        if kind in _DELIMITERS:
            opener, closer = _DELIMITERS[kind]
            if len(chunk) < len(opener) + len(closer) or not chunk.endswith(closer):
                raise TimeMLError(f"{name}: {opener} without {closer}; fix the file")
            if markup_start is None:
                markup_start = raw_length
        if kind == "tag":
            if re.match(r"<TIMEX3\b", chunk):
                open_timexes.append((len(offsets), _attributes(chunk)))
                if chunk.endswith("/>"):  # an empty TIMEX3 marks no text
                    open_timexes.pop()
            elif chunk.startswith("</TIMEX3"):
                if not open_timexes:
                    raise TimeMLError(f"{name}: </TIMEX3> without its opening tag; fix the file")
                start, attributes = open_timexes.pop()
                spans.append((start, len(offsets), attributes))
            continue
        if kind == "cdata":
            decoded = chunk[len(_CDATA_OPEN) : -len(_CDATA_CLOSE)]
            content = raw_length + len(_CDATA_OPEN)
            positions = list(range(content, content + len(decoded)))
        elif kind == "entity":
            decoded = html.unescape(chunk)
            positions = [raw_length] * len(decoded)
        elif kind in ("comment", "pi"):
            decoded, positions = "", []
        else:
            decoded, positions = chunk, list(range(raw_length, raw_length + len(chunk)))
        if positions and markup_start is not None:
            positions[0], markup_start = markup_start, None
        offsets.extend(positions)
        plain.append(decoded)
        raw_parts.append(chunk)
        raw_length += len(chunk)
    if open_timexes:
        raise TimeMLError(f"{name}: <TIMEX3> without </TIMEX3>; fix the file")
    offsets.append(raw_length)
    text = "".join(plain)
    timexes = [
        TimeMLTimex(
            start=start,
            end=end,
            text=text[start:end],
            type=attributes.get("type", ""),
            value=attributes.get("value", ""),
            mod=attributes.get("mod") or None,
        )
        for start, end, attributes in sorted(spans, key=lambda s: (s[0], s[1]))
    ]
    return text, "".join(raw_parts), offsets, timexes


def timeml_files(folder: Path | str) -> list[Path]:
    """The TimeML files under ``folder`` (recursively), sorted by relative path.

    Raises:
        TimeMLError: ``folder`` is not a directory.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise TimeMLError(f"{folder}: not a folder; give a folder of .tml or .TE3input files")
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.name.endswith(TIMEML_SUFFIXES)),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def output_name(name: str) -> str:
    """The output file name for an input: unchanged, less a trailing ``.TE3input``.

    ``X.tml.TE3input`` becomes ``X.tml``, the name of its gold file, so the
    output folder can be scored against the gold folder directly.
    """
    stem = name.removesuffix(".TE3input")
    return stem if stem.endswith(".tml") or stem == name else stem + ".tml"
