"""Which text a rule can match at all: the strings it cannot match without.

Trying every rule of the grammar at every position of an article cost more than
half of the temporal tagger's time, although most rules can only match near a
few words (a month name, "ago", a digit). This module reads each compiled rule
pattern (its parse tree, as :mod:`sre_parse` gives it) and derives a small set of
*necessary strings*: every match of the pattern contains at least one of them
(case-folded, every decimal digit read as ``0``). :func:`detect
<huawei_timeline.timex.detect.detect>` then runs a rule only over the text blocks
(stretches between blank lines) that hold one of its strings, which gives the
same matches as scanning the whole text, since no match can lack them, in a
fraction of the time. This is the "atoms" prefilter of RE2's ``FilteredRE2``
(Cox 2010), on Python's own parse tree.

The derivation is conservative: a construct it does not know (a back-reference,
``.``, a negated class) contributes nothing, and a pattern for which nothing is
certain gets ``None``: it is tried everywhere.
"""

from __future__ import annotations

import bisect
import itertools
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, Final

with warnings.catch_warnings():
    # sre_parse is the documented name of Python's regex parser (deprecated in
    # 3.11 in favour of the private re._parser, which has no type stubs).
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as sre
    import sre_parse

__all__ = ["TextBlocks", "fold", "necessary_strings"]

MAX_ALTERNATIVES: Final = 64
"""Largest set of strings followed through a concatenation or an alternation."""
STRONG_LENGTH: Final = 3
"""Strings this long or longer are about equally selective; shorter ones are not."""

_DIGIT: Final = re.compile(r"\d")  # any decimal digit, as \d matches in a pattern
# Characters that IGNORECASE matches to an ASCII letter but str.lower() leaves alone.
_CASE_FIXES: Final = str.maketrans({"\u017f": "s", "\u0131": "i"})
_BLANK_LINE: Final = re.compile(r"\n[ \t\r\f\v]*\n")

Strings = frozenset[str]
# What a piece of pattern can match: the exact strings, if few (None: too many or
# unknown), and the strings any match of it contains (None: none known).
_Info = tuple[Strings | None, Strings | None]
_EMPTY: Final[Strings] = frozenset({""})


def fold(text: str) -> str:
    """``text`` as the necessary strings are written: lower case, every decimal
    digit as ``0``. Same length as ``text`` unless lower-casing changes a
    character's length (the caller then skips the prefilter)."""
    return _DIGIT.sub("0", text.lower().translate(_CASE_FIXES))


def necessary_strings(pattern: re.Pattern[str]) -> Strings | None:
    """Strings of which every match of ``pattern`` contains at least one (folded),
    or None when no such set is known. Meant for IGNORECASE patterns; for a
    case-sensitive pattern the set still holds, folded."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    exact, needed = _sequence(tree.data)
    return _best([needed, exact])


def _sequence(items: Sequence[tuple[Any, Any]]) -> _Info:
    infos: list[_Info] = []
    for op, argument in items:
        info = _node(op, argument)
        if infos and _fixed(info) and _fixed(infos[-1]):
            # Letters of one word join into one item (the runs below stay few).
            info = (_concatenate(infos.pop()[0], info[0]), None)
        infos.append(info)
    exact: Strings | None = _EMPTY
    for piece, _ in infos:
        exact = _concatenate(exact, piece)
    candidates = [needed for _, needed in infos]
    candidates.append(exact)
    # Any contiguous run of items with few exact strings: "ago", " days ago".
    for start in range(len(infos)):
        run: Strings | None = _EMPTY
        for piece, _ in infos[start:]:
            run = _concatenate(run, piece)
            if run is None:
                break
            candidates.append(run)
    return exact, _best(candidates)


def _fixed(info: _Info) -> bool:
    """Whether a piece matches one fixed string (a letter, a word, zero width)."""
    return info[0] is not None and len(info[0]) == 1


def _node(op: Any, argument: Any) -> _Info:
    if op is sre.LITERAL:
        folded = fold(chr(argument))
        # "İ" lowers to two characters: leave such a letter unknown.
        return (frozenset({folded}) if len(folded) == 1 else None), None
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY, None  # zero width
    if op is sre.SUBPATTERN:
        return _sequence(argument[-1].data)
    if op is sre.BRANCH:
        return _alternation([_sequence(branch.data) for branch in argument[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, body = argument
        exact, needed = _sequence(body.data)
        if low == 0:
            return (_EMPTY | exact if high == 1 and exact is not None else None), None
        return (exact if low == high == 1 else None), _best([needed, exact])
    if op is sre.IN:
        return _character_class(argument), None
    return None, None


def _alternation(branches: list[_Info]) -> _Info:
    exact: Strings | None = None
    if all(piece is not None for piece, _ in branches):
        union = frozenset(itertools.chain.from_iterable(p for p, _ in branches if p is not None))
        exact = union if len(union) <= MAX_ALTERNATIVES else None
    needed = [_best([n, e]) for e, n in branches]
    if any(n is None for n in needed):
        return exact, None
    return exact, frozenset(itertools.chain.from_iterable(n for n in needed if n is not None))


def _character_class(items: Iterable[tuple[Any, Any]]) -> Strings | None:
    characters: set[str] = set()
    for op, argument in items:
        if op is sre.LITERAL:
            characters.add(fold(chr(argument)))
        elif op is sre.RANGE and argument[1] - argument[0] <= MAX_ALTERNATIVES:
            characters.update(fold(chr(c)) for c in range(argument[0], argument[1] + 1))
        elif op is sre.CATEGORY and argument is sre.CATEGORY_DIGIT:
            characters.add("0")
        else:
            return None  # negation, \w, \s, a wide range
    if any(len(c) != 1 for c in characters):
        return None
    return frozenset(characters)


def _concatenate(left: Strings | None, right: Strings | None) -> Strings | None:
    if left is None or right is None or len(left) * len(right) > MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a in left for b in right)


def _best(candidates: Iterable[Strings | None]) -> Strings | None:
    """The most selective usable set: strings of :data:`STRONG_LENGTH` characters
    if possible, then as few strings as possible, then the longest shortest one."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None

    def selectivity(strings: Strings) -> tuple[int, int, int]:
        shortest = min(map(len, strings))
        return min(shortest, STRONG_LENGTH), -len(strings), shortest

    return max(usable, key=selectivity)


class TextBlocks:
    """A text cut at its blank lines, and the blocks that hold given strings."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = fold(text)
        self._folded = folded if len(folded) == len(text) else None
        self.spans: list[tuple[int, int]] = []
        start = 0
        for blank in _BLANK_LINE.finditer(text):
            self.spans.append((start, blank.start()))
            start = blank.end()
        self.spans.append((start, len(text)))
        self._starts = [s for s, _ in self.spans]
        self._holding: dict[str, frozenset[int]] = {}

    def holding(self, strings: Strings | None) -> list[tuple[int, int]]:
        """The blocks that contain one of ``strings`` (every block for None, or
        when folding changed the text's length), in text order."""
        if strings is None or self._folded is None:
            return self.spans
        found: set[int] = set()
        for string in strings:
            found |= self._blocks_with(string)
        return [self.spans[k] for k in sorted(found)]

    def _blocks_with(self, string: str) -> frozenset[int]:
        known = self._holding.get(string)
        if known is not None:
            return known
        assert self._folded is not None
        found: set[int] = set()
        at = self._folded.find(string)
        while at >= 0:
            block = bisect.bisect_right(self._starts, at) - 1
            found.add(block)
            following = block + 1
            resume = self._starts[following] if following < len(self._starts) else len(self.text)
            at = self._folded.find(string, max(at + 1, resume))
        self._holding[string] = frozenset(found)
        return self._holding[string]
