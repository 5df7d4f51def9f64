"""TimeML in and out, and TempEval-3 timex scoring.

Reading: a TimeML file (``.tml``) or a TempEval-3 input file (``*.TE3input``:
the same XML with an untagged ``<TEXT>``) becomes a :class:`TimeMLDocument`:
the plain text of ``<TEXT>`` (tags removed, XML entities decoded), its
document creation time from ``<DCT>``, and the gold ``TIMEX3`` spans as
character offsets into that plain text.

Writing: :func:`to_timeml` puts ``<TIMEX3 tid type value [mod]>`` tags around
the given spans. Everything outside ``<TEXT>`` is written back byte for byte;
inside it, tags of the input are dropped (system output carries only its own
TIMEX3) and every other byte, entities and line endings included, is kept, so
an untagged ``.TE3input`` file written back with no expressions is identical
to its input.

Scoring follows the TempEval-3 definitions (UzZaman et al. 2013) as the
reference ``te3_score.py`` computes them:

* spans are compared on non-whitespace character offsets of the tag-free
  ``<TEXT>`` (so tokenisation spacing does not matter); the DCT is not scored;
* each gold expression is paired once with an unused overlapping system
  expression, an identical span first, else the first overlapping one;
* strict = identical spans, relaxed = paired; P = matches / system, R =
  matches / gold;
* value (type) F1 = value (type) accuracy over the relaxed matches x relaxed
  F1, which equals the F1 of P = correct / system and R = correct / gold.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from pydantic import BaseModel, ConfigDict

from huawei_timeline.errors import TimelineError
from huawei_timeline.models import TimeExpression

if TYPE_CHECKING:
    from spacy.language import Language

    from huawei_timeline.models import CleanArticle

__all__ = [
    "TIMEML_SUFFIXES",
    "DocumentCounts",
    "TE3Scores",
    "TimeMLDocument",
    "TimeMLError",
    "TimeMLTimex",
    "annotate_dir",
    "evaluate_dirs",
    "output_name",
    "parse_timeml",
    "read_timeml",
    "score_document",
    "score_documents",
    "tag_document",
    "tag_documents",
    "timeml_files",
    "to_timeml",
    "write_timeml",
]

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
    including ``<TEXT>``, ``raw_text`` the ``<TEXT>`` content with its tags
    removed (entities still encoded), ``tail`` the rest of the file, and
    ``offsets[i]`` the position in ``raw_text`` of ``text[i]`` (plus one entry
    for the end), so ``head + raw_text + tail`` is the file without the tags
    inside ``<TEXT>``.
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
_PIECE: Final = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|&")
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
    open_timexes: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    for piece in _PIECE.finditer(body):
        chunk = piece[0]
        if chunk.startswith("<"):
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
        decoded = html.unescape(chunk) if chunk.startswith("&") else chunk
        if chunk.startswith("&"):
            offsets.extend([raw_length] * len(decoded))
        else:
            offsets.extend(range(raw_length, raw_length + len(chunk)))
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


# ------------------------------------------------------------------- writing


def to_timeml(document: TimeMLDocument, timexes: Sequence[TimeExpression | TimeMLTimex]) -> str:
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
    for timex in ordered:
        start, end = document.offsets[timex.start], document.offsets[timex.end]
        attributes = f'tid="{next(ids)}" type="{timex.type}" value="{_escape(timex.value)}"'
        if timex.mod:
            attributes += f' mod="{timex.mod}"'
        parts += [raw[cursor:start], f"<TIMEX3 {attributes}>", raw[start:end], "</TIMEX3>"]
        cursor = end
    parts.append(raw[cursor:])
    return document.head + "".join(parts) + document.tail


def _escape(value: str) -> str:
    return html.escape(value, quote=True)


def write_timeml(
    path: Path | str,
    document: TimeMLDocument,
    timexes: Sequence[TimeExpression | TimeMLTimex],
) -> None:
    """Write :func:`to_timeml` to ``path`` as UTF-8, line endings unchanged.

    Raises:
        TimeMLError: the file cannot be written.
    """
    path = Path(path)
    try:
        path.write_bytes(to_timeml(document, timexes).encode("utf-8"))
    except OSError as error:
        raise TimeMLError(
            f"{path}: cannot be written ({error.strerror}); check the folder exists and is writable"
        ) from error


# ------------------------------------------------------------------- tagging


def tag_document(document: TimeMLDocument, nlp: Language | None = None) -> list[TimeExpression]:
    """Our temporal tagger on one document: text + DCT -> TIMEX3 expressions.

    With a spaCy pipeline, the document goes through the project's own stages
    (clean -> nlp -> :func:`huawei_timeline.timex.tag_article`), so tense comes
    from the parse and spaCy's DATE/TIME entities support the grammar; without
    one, :func:`huawei_timeline.timex.tag_text` uses lexical cues only.
    """
    return next(tag_documents([document], nlp))


def tag_documents(
    documents: Iterable[TimeMLDocument], nlp: Language | None = None
) -> Iterator[list[TimeExpression]]:
    """:func:`tag_document` over many documents, parsing them as one stream."""
    from huawei_timeline.timex import tag_article, tag_text

    if nlp is None:
        for document in documents:
            yield tag_text(document.text, document.dct)
        return
    from huawei_timeline.clean import clean_article
    from huawei_timeline.models import Article, ArticleMeta
    from huawei_timeline.nlp import parse_articles

    def cleaned() -> Iterator[CleanArticle]:
        for number, document in enumerate(documents):
            meta = ArticleMeta(
                id=re.sub(r"[^A-Za-z0-9_.-]", "_", document.name) or f"doc{number}",
                file=document.name,
                outlet="",
                published=document.dct,
            )
            clean = clean_article(Article(meta=meta, text=document.text))
            # Every line of a TimeML <TEXT> is text to tag: wire datelines such as
            # "WASHINGTON, August 8 (Xinhua) --" hold gold TIMEX3.
            segments = [
                s.model_copy(update={"kind": "text", "reason": None}) for s in clean.segments
            ]
            yield clean.model_copy(update={"segments": segments})

    for parsed in parse_articles(cleaned(), nlp):
        yield tag_article(parsed).time_expressions


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


def annotate_dir(
    in_dir: Path | str, out_dir: Path | str, nlp: Language | None = None
) -> list[Path]:
    """Tag every TimeML file under ``in_dir`` and write it under ``out_dir``.

    The folder structure and file names are kept (see :func:`output_name`).
    Returns the files written.

    Raises:
        TimeMLError: ``in_dir`` holds no TimeML file, or a file is malformed
            or cannot be written.
    """
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    files = timeml_files(in_dir)
    if not files:
        raise TimeMLError(
            f"{in_dir}: no .tml or .TE3input file found; point at a folder of TimeML files"
        )
    documents = [read_timeml(path) for path in files]
    written: list[Path] = []
    for path, document, expressions in zip(
        files, documents, tag_documents(documents, nlp), strict=True
    ):
        target = out_dir / path.relative_to(in_dir).parent / output_name(path.name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise TimeMLError(
                f"{target.parent}: cannot create the folder ({error.strerror}); "
                "choose a writable OUT_DIR"
            ) from error
        write_timeml(target, document, expressions)
        written.append(target)
    return written


# ------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class DocumentCounts:
    """TE3 match counts, for one document or summed over many."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: DocumentCounts) -> DocumentCounts:
        return DocumentCounts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )


@dataclass(frozen=True)
class TE3Scores:
    """Precision, recall and F1 (in percent) per TE3 measure, from summed counts."""

    counts: DocumentCounts
    files: int
    missing: tuple[str, ...] = ()

    def prf(self, measure: str) -> tuple[float, float, float]:
        """``(P, R, F1)`` in percent for ``strict``, ``relaxed``, ``value`` or ``type``.

        For ``value``/``type``, P = correct / system and R = correct / gold, so
        F1 = attribute accuracy over relaxed matches x relaxed F1 (TE3).
        """
        if measure not in ("strict", "relaxed", "value", "type"):
            raise ValueError(f"unknown measure {measure!r}; use strict, relaxed, value or type")
        hits: int = getattr(self.counts, measure)
        precision = hits / self.counts.system if self.counts.system else 0.0
        recall = hits / self.counts.gold if self.counts.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return 100 * precision, 100 * recall, 100 * f1

    def accuracy(self, measure: str) -> float:
        """Attribute accuracy (percent) over relaxed matches: ``value`` or ``type``."""
        hits: int = getattr(self.counts, measure)
        return 100 * hits / self.counts.relaxed if self.counts.relaxed else 0.0

    def table(self) -> str:
        """The scores as a small fixed-width table."""
        lines = [
            f"files {self.files}  gold {self.counts.gold}  system {self.counts.system}"
            + (f"  missing system files {len(self.missing)}" if self.missing else ""),
            f"{'':<8} {'P':>6} {'R':>6} {'F1':>6}",
        ]
        for measure in ("strict", "relaxed", "value", "type"):
            p, r, f = self.prf(measure)
            lines.append(f"{measure:<8} {p:6.2f} {r:6.2f} {f:6.2f}")
        return "\n".join(lines)


def _nonspace_positions(text: str) -> list[int]:
    """``result[i]`` = number of non-whitespace characters in ``text[:i]``."""
    positions = [0] * (len(text) + 1)
    count = 0
    for index, char in enumerate(text):
        positions[index] = count
        if not char.isspace():
            count += 1
    positions[len(text)] = count
    return positions


def _keyed(
    text: str, timexes: Sequence[TimeExpression | TimeMLTimex]
) -> list[tuple[int, int, str, str]]:
    positions = _nonspace_positions(text)
    return [(positions[t.start], positions[t.end], t.value, t.type) for t in timexes]


def score_document(
    gold_text: str,
    gold: Sequence[TimeExpression | TimeMLTimex],
    system_text: str,
    system: Sequence[TimeExpression | TimeMLTimex],
) -> DocumentCounts:
    """TE3 counts for one document; the two texts may differ in whitespace only."""
    gold_keys, system_keys = _keyed(gold_text, gold), _keyed(system_text, system)
    used: set[int] = set()
    strict = relaxed = value = type_ = 0
    for g_start, g_end, g_value, g_type in gold_keys:
        best: int | None = None
        for index, (s_start, s_end, _, _) in enumerate(system_keys):
            if index in used or s_start >= g_end or g_start >= s_end:
                continue
            if (s_start, s_end) == (g_start, g_end):
                best = index
                break
            if best is None:
                best = index
        if best is None:
            continue
        used.add(best)
        s_start, s_end, s_value, s_type = system_keys[best]
        relaxed += 1
        strict += (s_start, s_end) == (g_start, g_end)
        value += s_value == g_value
        type_ += s_type == g_type
    return DocumentCounts(len(gold_keys), len(system_keys), strict, relaxed, value, type_)


def score_documents(
    pairs: Iterable[tuple[TimeMLDocument, Sequence[TimeExpression | TimeMLTimex]]],
) -> TE3Scores:
    """Score system expressions against each gold document's own TIMEX3."""
    total, files = DocumentCounts(), 0
    for gold, system in pairs:
        total += score_document(gold.text, gold.timexes, gold.text, system)
        files += 1
    return TE3Scores(counts=total, files=files)


def evaluate_dirs(gold_dir: Path | str, system_dir: Path | str) -> TE3Scores:
    """Score the TimeML files of ``system_dir`` against those of ``gold_dir``.

    Every ``.tml`` file under ``gold_dir`` is paired with the file at the
    same relative path under ``system_dir``; a missing system file counts as
    one with no expressions (and is listed in ``missing``).

    Raises:
        TimeMLError: ``gold_dir`` holds no ``.tml`` file, or a file is malformed.
    """
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    gold_files = [p for p in timeml_files(gold_dir) if p.name.endswith(".tml")]
    if not gold_files:
        raise TimeMLError(f"{gold_dir}: no .tml gold file found; point at a folder of TimeML files")
    if not system_dir.is_dir():
        raise TimeMLError(f"{system_dir}: not a folder; give the folder `timeml annotate` wrote")
    total, missing = DocumentCounts(), []
    for gold_path in gold_files:
        relative = gold_path.relative_to(gold_dir)
        gold = read_timeml(gold_path)
        system_path = system_dir / relative
        if system_path.is_file():
            system = read_timeml(system_path)
            total += score_document(gold.text, gold.timexes, system.text, system.timexes)
        else:
            missing.append(relative.as_posix())
            total += score_document(gold.text, gold.timexes, "", [])
    return TE3Scores(counts=total, files=len(gold_files), missing=tuple(missing))
