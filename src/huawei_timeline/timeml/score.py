"""TempEval-3 timex scoring of TimeML folders.

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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from huawei_timeline.metrics import PRF
from huawei_timeline.models import TimeExpression
from huawei_timeline.timeml.reader import (
    TimeMLError,
    TimeMLTimex,
    read_timeml,
    timeml_files,
)


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
    """Precision, recall and F1 per TE3 measure, from summed counts."""

    counts: DocumentCounts
    files: int
    missing: tuple[str, ...] = ()

    def prf(self, measure: str) -> PRF:
        """Precision, recall and F1 (fractions) for ``strict``, ``relaxed``, ``value`` or ``type``.

        For ``value``/``type``, P = correct / system and R = correct / gold, so
        F1 = attribute accuracy over relaxed matches x relaxed F1 (TE3).
        """
        if measure not in ("strict", "relaxed", "value", "type"):
            raise ValueError(f"unknown measure {measure!r}; use strict, relaxed, value or type")
        hits: int = getattr(self.counts, measure)
        return PRF.from_counts(hits, self.counts.system, self.counts.gold)

    def table(self) -> str:
        """The scores as a small fixed-width table."""
        lines = [
            f"files {self.files}  gold {self.counts.gold}  system {self.counts.system}"
            + (f"  missing system files {len(self.missing)}" if self.missing else ""),
            f"{'':<8} {'P':>6} {'R':>6} {'F1':>6}",
        ]
        for measure in ("strict", "relaxed", "value", "type"):
            scores = self.prf(measure)
            p, r, f = (100 * x for x in (scores.precision, scores.recall, scores.f1))
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
