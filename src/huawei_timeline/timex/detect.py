"""Temporal tagging stage: detect TIMEX3 expressions and anchor them.

Two steps, as in HeidelTime: a rule grammar (``resources/timex/*.toml``)
finds expressions and gives each an :class:`~huawei_timeline.timex.resolve.Underspecified`
value; :func:`huawei_timeline.timex.resolve.resolve` then anchors it on the
document creation time (or the reference time of a story about another time)
and the tense of the governing verb. In :func:`tag_article` a learned span
detector (:mod:`huawei_timeline.timex.spans`) may widen the grammar's matches
and add spans it missed; values still come from the rules.

Span conventions (TimeBank practice):

* Extents exclude the governing preposition ("on Tuesday" -> "Tuesday",
  "over the weekend" -> "the weekend") and keep determiners and modifiers
  ("the past year", "two weeks ago", "late May", "Earlier this year").
* A range "between 2015 and 2017" is two DATEs, "2015" and "2017"; the
  connective is a signal, not part of either expression.
* Vague amounts are X values: "weeks" = PXW, "the coming days" = PXD;
  "weeks earlier" = PAST_REF (its anchor is another event, not the DCT).

spaCy's DATE/TIME entities support the grammar: an ambiguous match ("May",
a bare "months") counts only after a cue word or inside such an entity, and
an entity the grammar missed is tried with dateparser, else reported in
``TaggedArticle.skipped`` as "not normalisable".
"""

from __future__ import annotations

import functools
import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final, cast, get_args

from huawei_timeline.errors import TimelineError
from huawei_timeline.models import (
    ParsedArticle,
    Segment,
    Sentence,
    SkippedExpression,
    TaggedArticle,
    Tense,
    TimeExpression,
    TimexMod,
    TimexType,
)
from huawei_timeline.timex.prefilter import TextBlocks, necessary_strings
from huawei_timeline.timex.resolve import (
    SHIFT_UNITS,
    Anchor,
    Direction,
    ShiftUnit,
    Underspecified,
    dateparser_value,
    day_of,
    governing_tense,
    resolve,
    told_as_done,
)
from huawei_timeline.timex.spans import SpanModel, article_sentences, load_span_model
from huawei_timeline.timex.values import interval_of

__all__ = [
    "RULE_FILES",
    "Detection",
    "Grammar",
    "Rule",
    "RuleError",
    "RuleExample",
    "detect",
    "lexical_tense",
    "load_grammar",
    "read_grammar",
    "tag_article",
    "tag_text",
    "tag_text_with_rules",
]

NOT_NORMALISABLE: Final = "not normalisable"
OUTSIDE_SEGMENTS: Final = "outside segments"
_TIMEX_TYPES: Final = frozenset(get_args(TimexType))
_MODS: Final = frozenset(get_args(TimexMod))
_DIRECTIONS: Final[Mapping[str, Direction]] = {"-1": "before", "0": "same", "1": "after"}
_UNIT_CODES: Final = {
    "day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "half": "H",
    "season": "S", "year": "Y", "decade": "DE", "century": "CE", "hour": "TH", "minute": "TM",
}  # fmt: skip
_DEFAULTS: Final = {"year": "XXXX", "month": "XX", "day": "XX", "minute": "00"}
NARRATIVE_SENTENCES: Final = 2
"""How many sentences after a framing date ("Last year, ...") it still anchors undated
months and weekdays. Not tuned: one, two and three sentences gave the same TimeBank
values (README, "Temporal tagger vs HeidelTime")."""


class RuleError(TimelineError):
    """A timex rule file is malformed."""


# -------------------------------------------------------------------- grammar


@dataclass(frozen=True)
class RuleExample:
    """An example attached to a rule; every example is run as a test."""

    text: str
    dct: date | datetime
    value: str
    mod: str | None
    type: str | None
    extent: str


@dataclass(frozen=True)
class Rule:
    """One detection rule: a compiled pattern and templates for its value."""

    name: str
    pattern: re.Pattern[str]
    type: TimexType
    value: str | None
    mod: str | None
    shift: str | None
    unit: str | None
    direction: str | None
    suffix: str
    guard: re.Pattern[str] | None
    examples: tuple[RuleExample, ...]
    year_shift: str | None = None
    anchor: str = "dct"
    dct_shift: str | None = None
    counter_examples: tuple[RuleExample, ...] = ()
    needs: frozenset[str] | None = None
    """Strings each match contains one of (:func:`.prefilter.necessary_strings`)."""


@dataclass(frozen=True)
class Grammar:
    """All rules and word lists of the resource files."""

    rules: tuple[Rule, ...]
    words: Mapping[str, Mapping[str, str]]  # group name -> word -> normalised
    slot_of: Mapping[str, str]  # group name -> slot its value fills
    capitalised: frozenset[str]  # groups whose words must start upper-case
    tense_cues: tuple[tuple[Tense, re.Pattern[str]], ...]
    leading_trim: re.Pattern[str]
    ambiguous: frozenset[str]
    ambiguous_guard: re.Pattern[str]
    identifier: re.Pattern[str]  # a noun naming things by number, then its numbers
    idiom: re.Pattern[str]  # fixed phrases that read as a time but are none
    reporting: re.Pattern[str]  # a reporting verb right before a day: when the news was given


_UNITS_WORDS: Final = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_WORDS: Final = (
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS_WORDS: Final = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# A year said in words, as broadcast transcripts write it: "nineteen
# ninety-six", "nineteen hundred", "two thousand (and) one".
_SPOKEN_YEAR: Final = (
    rf"(?:eighteen|nineteen)[- ]"
    rf"(?:hundred|{_TEENS_WORDS}|(?:{_TENS_WORDS})(?:[- ](?:{_UNITS_WORDS}))?)"
    rf"|two thousand(?:[- ](?:and[- ])?(?:{_TEENS_WORDS}|{_UNITS_WORDS}))?"
)
_MULTIPLIER_VALUES: Final = {"hundred": 100, "thousand": 1000}
_MULTIPLIERS: Final = "|".join(_MULTIPLIER_VALUES)
_BUILTIN_SLOTS: Final = {
    "year": rf"(?P<year>(?:1[89]|20)\d\d|{_SPOKEN_YEAR})",
    "day": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?",
    "hour": r"(?P<hour>[01]?\d|2[0-4])",
    "minute": r"(?P<minute>[0-5]\d)",
    "ampm": r"(?P<ampm>[ap]\.?m\.?)",
}


# The files of resources/timex/, in the order their rules are tried. Order is
# the last tie-break (same span, same length: the earlier rule wins), so it is
# listed here, not left to the file names: "the previous week" matches both
# the_past_unit (duration.toml, P1W) and the_following_unit (date_relative.toml),
# and the duration wins.
RULE_FILES: Final = (
    "vocabulary.toml",
    "context.toml",
    "date.toml",
    "time.toml",
    "set.toml",
    "duration.toml",
    "date_relative.toml",
)


@functools.cache
def load_grammar() -> Grammar:
    """Load and compile the ``resources/timex/*.toml`` files (cached)."""
    return read_grammar(resources.files("huawei_timeline") / "resources" / "timex")


def read_grammar(folder: Traversable) -> Grammar:
    """Compile the rule files :data:`RULE_FILES` of ``folder``, in that order."""
    present = {entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}
    missing = [name for name in RULE_FILES if name not in present]
    unlisted = sorted(present - set(RULE_FILES))
    if missing or unlisted:
        raise RuleError(
            f"rule files in {folder} do not match RULE_FILES in timex/detect.py: "
            f"missing {missing}, not listed {unlisted}; list every .toml file there, "
            "in the order its rules should be tried"
        )
    documents = [
        (f"timex/{name}", tomllib.loads((folder / name).read_text(encoding="utf-8")))
        for name in RULE_FILES
    ]
    return _build_grammar(documents)


def _build_grammar(documents: list[tuple[str, dict[str, Any]]]) -> Grammar:
    words: dict[str, dict[str, str]] = {}
    slot_of: dict[str, str] = {}
    capitalised: set[str] = set()
    merged: dict[str, Any] = {"tense": {}, "trim": {"leading": []}, "ambiguous": {}}
    nouns: list[str] = []
    idioms: list[str] = []
    reporting: list[str] = []
    for _, doc in documents:
        for group, table in doc.get("vocab", {}).items():
            words.setdefault(group, {}).update(table["words"])
            slot_of[group] = table.get("slot", group)
            if table.get("capitalised"):
                capitalised.add(group)
        for key in ("tense", "ambiguous"):
            merged[key].update(doc.get(key, {}))
        merged["trim"]["leading"] += doc.get("trim", {}).get("leading", [])
        nouns += doc.get("identifier", {}).get("nouns", [])
        idioms += doc.get("idiom", {}).get("patterns", [])
        reporting += doc.get("reporting", {}).get("verbs", [])
    rules = tuple(
        _compile_rule(name, raw, words) for name, doc in documents for raw in doc.get("rule", [])
    )
    tense = merged["tense"]
    cues = tuple(
        (cast(Tense, label), _word_alternation(tense.get(key, []), extra))
        for label, key, extra in (
            ("FUTURE", "future", ""),
            ("PAST", "past", r"|\w+ed"),
            ("PRESENT", "present", ""),
        )
    )
    trim = sorted(merged["trim"]["leading"], key=len, reverse=True)
    return Grammar(
        rules=rules,
        words=words,
        slot_of=slot_of,
        capitalised=frozenset(capitalised),
        tense_cues=cues,
        leading_trim=re.compile(rf"^(?:(?:{'|'.join(map(re.escape, trim))})\s+)+", re.I),
        ambiguous=frozenset(w.lower() for w in merged["ambiguous"].get("words", [])),
        ambiguous_guard=_guard(merged["ambiguous"].get("guard", "")) or re.compile("(?!)"),
        identifier=_identifier_pattern(nouns),
        idiom=re.compile("|".join(f"(?:{p})" for p in idioms) or "(?!)"),
        # "said Wednesday", "told AFP on Thursday", "told reporters here on Monday",
        # "told the Guardian on Sunday"; not "said the attack on Tuesday", whose
        # Tuesday is the attack's
        reporting=re.compile(
            rf"\b(?:{'|'.join(map(re.escape, reporting))})"
            r"(?:\s+(?:here|reporters|journalists|(?:the\s+)?[A-Z][\w.&-]*)){0,2}(?:\s+on)?\s+$"
            if reporting
            else "(?!)"
        ),
    )


def _identifier_pattern(nouns: Iterable[str]) -> re.Pattern[str]:
    """A noun naming things by number and the numbers after it: "resolutions 1970
    and 1973" (group ``numbers``)."""
    body = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True)) or "(?!)"
    number = r"\d{1,4}(?![\d,.]\d)"
    return re.compile(
        rf"(?<![\w-])(?:{body})\s+(?P<numbers>{number}(?:\s*(?:,|and|or|&)\s*{number})*)", re.I
    )


# A time of day in four digits, after a zone or in a bracket restating a time: "at
# 1930 GMT", "(11 a.m. ET, 1800 in Egypt)", "(2358 in Egypt)" (CNN's live pages).
_FOUR_DIGIT_TIME: Final = re.compile(
    r"\b(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:(?:GMT|UTC|BST|ET|EST|EDT|hrs)\b|local(?: time\b|\))))"
    r"|(?:(?<=\()|(?<=ET, ))(?:[01]\d|2[0-3])[0-5]\d(?= in \w+\))"
)


def identifier_numbers(text: str) -> frozenset[tuple[int, int]]:
    """Spans of the numbers that name things in ``text`` ("resolution 1973",
    "Flight 1549"), and of each year before 1800 so named wherever else the text
    has it alone: the number, not a year (``[identifier]`` in context.toml). Also
    a time of day in four digits ("at 1930 GMT", "(11 a.m. ET, 1800 in Egypt)")."""
    spans: list[tuple[int, int]] = [m.span() for m in _FOUR_DIGIT_TIME.finditer(text)]
    early: set[str] = set()
    for match in load_grammar().identifier.finditer(text):
        for number in re.finditer(r"\d+", match["numbers"]):
            spans.append(
                (match.start("numbers") + number.start(), match.start("numbers") + number.end())
            )
            if len(number[0]) == 4 and number[0] < "1800":
                early.add(number[0])
    for year in sorted(early):
        spans.extend(m.span() for m in re.finditer(rf"(?<![\w.,]){year}(?![\w]|[.,]\d)", text))
    return frozenset(spans)


def _word_alternation(items: Iterable[str], extra: str = "") -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{body}{extra})(?!\w)", re.I)


def _guard(words: str) -> re.Pattern[str] | None:
    return re.compile(rf"(?<!\w)(?:{words})\W*$", re.I) if words else None


def _compile_rule(source: str, raw: Mapping[str, Any], words: Mapping[str, Any]) -> Rule:
    name = raw.get("name", "?")
    if raw.get("type") not in _TIMEX_TYPES or "pattern" not in raw:
        raise RuleError(
            f"rule {name!r} in {source}: needs a pattern and a type in {sorted(_TIMEX_TYPES)}"
        )

    seen: dict[str, int] = {}

    def slot(match: re.Match[str]) -> str:
        group = match[1]
        # A slot may occur twice ("{units}... | ...{units}"); Python needs distinct
        # group names, so repeats become "units__2" and read back as "units".
        seen[group] = seen.get(group, 0) + 1
        name_suffix = f"__{seen[group]}" if seen[group] > 1 else ""
        if group in _BUILTIN_SLOTS:
            return _BUILTIN_SLOTS[group].replace(f"<{group}>", f"<{group}{name_suffix}>")
        if group == "number":
            return _number_slot(words.get("number", {}), name_suffix)
        if group not in words:
            raise RuleError(
                f"rule {name!r} in {source}: unknown slot {{{group}}}; available: "
                + ", ".join(sorted([*_BUILTIN_SLOTS, "number", *words]))
            )
        alternatives = sorted(words[group], key=len, reverse=True)
        return rf"(?P<{group}{name_suffix}>{'|'.join(map(re.escape, alternatives))})"

    body = re.sub(r"\{(\w+)\}", slot, raw["pattern"])
    try:
        pattern = re.compile(rf"(?<![\w-])(?:{body})(?!\w)", re.I)
    except re.error as error:
        raise RuleError(f"rule {name!r} in {source}: bad pattern ({error})") from error
    return Rule(
        name=name,
        pattern=pattern,
        type=raw["type"],
        value=raw.get("value"),
        mod=raw.get("mod"),
        shift=raw.get("shift"),
        unit=raw.get("unit"),
        direction=raw.get("direction"),
        suffix=raw.get("suffix", ""),
        guard=_guard(raw.get("guard", "")),
        examples=tuple(_example(e) for e in raw.get("examples", [])),
        counter_examples=tuple(_counter_example(e) for e in raw.get("counter_examples", [])),
        year_shift=raw.get("year_shift"),
        dct_shift=raw.get("dct_shift"),
        anchor=_anchor_field(name, source, raw.get("anchor", "dct")),
        needs=necessary_strings(pattern),
    )


def _anchor_field(name: str, source: str, anchor: str) -> str:
    if anchor not in get_args(Anchor):
        raise RuleError(
            f"rule {name!r} in {source}: anchor must be one of {list(get_args(Anchor))}, "
            f"not {anchor!r}"
        )
    return anchor


def _number_slot(number_words: Mapping[str, str], name_suffix: str) -> str:
    alternatives = "|".join(map(re.escape, sorted(number_words, key=len, reverse=True)))
    # "2 1/2", "twenty-four", "twenty four", "a minute and a half" (the half is
    # read by _number; the unit may sit between, see the duration rules).
    # "six hundred", "two thousand", "twenty-five hundred", "a hundred": a count times a multiplier.
    small = (
        rf"(?:(?:{_TENS_WORDS})[- ](?:{_UNITS_WORDS})"
        rf"|{_TEENS_WORDS}|{_TENS_WORDS}|{_UNITS_WORDS})"
    )
    return (
        rf"(?P<number{name_suffix}>\d+(?:\.\d+)?(?: 1/2)?"
        rf"|(?:{small}|an?) (?:{_MULTIPLIERS})(?!\w)"
        rf"|(?:{_TENS_WORDS})[- ](?:{_UNITS_WORDS})(?!\w)|(?:{alternatives}))"
    )


def _counter_example(raw: Mapping[str, Any]) -> RuleExample:
    """A text in which the rule must not fire (its value fields are unused)."""
    return _example({"value": "", **raw})


def _example(raw: Mapping[str, Any]) -> RuleExample:
    dct = raw["dct"]
    parsed = datetime.fromisoformat(dct) if "T" in dct else date.fromisoformat(dct)
    return RuleExample(
        text=raw["text"],
        dct=parsed,
        value=raw["value"],
        mod=raw.get("mod"),
        type=raw.get("type"),
        extent=raw.get("extent", raw["text"]),
    )


# ------------------------------------------------------------------ detection


BARE_YEAR_RULES: Final = frozenset({"year", "early_year"})
# A quarter or half without its year, which a game has too: in a sentence that
# gives a score ("used a 8-2 run of its own to start the third quarter ... to
# 57-48"), it is a period of play, not of the calendar.
PLAY_PERIOD_RULES: Final = frozenset({"quarter", "half_of_year"})
_GAME_SCORE: Final = re.compile(
    r"(?<![\d.,$-])\b\d{1,3}-\d{1,3}\b(?![\d-]|\.\d|%)"
    r"(?!\s*(?:percent|per cent|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)"
)
"""Grammar rules that read a bare four-digit number as a year."""
COUNT_LABELS: Final = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
"""spaCy entity labels of a number that counts or measures something."""
NAME_LABELS: Final = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART"})
"""spaCy entity labels of a name a number can be part of ("French Mirage 2000")."""


@dataclass(frozen=True)
class Detection:
    """A span the grammar matched, with the rule and the unanchored value."""

    start: int
    end: int
    text: str
    rule: str
    partial: Underspecified


def detect(
    text: str,
    supported: Callable[[int, int], bool] | None = None,
    numbers: Set[tuple[int, int]] | None = None,
) -> list[Detection]:
    """Find the time expressions of ``text`` with the rule grammar.

    Overlapping matches are settled longest first (then earliest, then rule
    order). A guarded match (vague or ambiguous words) counts only if a cue
    word precedes it or ``supported(start, end)`` says an NER entity covers it.
    Rules match within the blocks of text between blank lines (no expression,
    nor what a rule's lookahead reads, runs on across a blank line), and each
    rule only in the blocks that hold one of its necessary strings
    (:mod:`~huawei_timeline.timex.prefilter`). A bare year that is the number
    of a thing (``numbers``, else :func:`identifier_numbers` of ``text``) is no
    match, nor is an expression inside an idiom ("at the end of the day, ...":
    ``[idiom]`` in context.toml).
    """
    grammar = load_grammar()
    blocks = TextBlocks(text)
    found: list[tuple[int, int, int, Detection]] = []
    for order, rule in enumerate(grammar.rules):
        matches = (
            match
            for start, end in blocks.holding(rule.needs)
            for match in rule.pattern.finditer(text, start, end)
        )
        for match in matches:
            detection = _detection(grammar, rule, match)
            if detection is None or not _licensed(grammar, rule, match, text, supported):
                continue
            length = detection.end - detection.start
            found.append((-length, detection.start, order, detection))
    if numbers is None:
        numbers = identifier_numbers(text)
    idioms = [m.span() for m in grammar.idiom.finditer(text)]
    found = [
        f
        for f in found
        if not _names_a_thing(f[3], numbers)
        and not any(s <= f[3].start and f[3].end <= e for s, e in idioms)
        and not _period_of_play(f[3], text)
    ]
    chosen: list[Detection] = []
    for *_, detection in sorted(found, key=lambda item: item[:3]):
        if all(detection.end <= c.start or detection.start >= c.end for c in chosen):
            chosen.append(detection)
    return sorted(chosen, key=lambda d: d.start)


def _period_of_play(detection: Detection, text: str) -> bool:
    """A quarter or half without its year in a sentence that gives a game's score."""
    if detection.rule not in PLAY_PERIOD_RULES:
        return False
    stops = [m.end() for m in _SENTENCE_END.finditer(text, 0, detection.start)]
    start = stops[-1] if stops else 0
    after = _SENTENCE_END.search(text, detection.end)
    end = after.start() if after else len(text)
    return _GAME_SCORE.search(text, start, end) is not None


def _names_a_thing(detection: Detection, numbers: Set[tuple[int, int]]) -> bool:
    """A bare year that is the number of a thing ("resolution 1973")."""
    return detection.rule in BARE_YEAR_RULES and (detection.start, detection.end) in numbers


def _licensed(
    grammar: Grammar,
    rule: Rule,
    match: re.Match[str],
    text: str,
    supported: Callable[[int, int], bool] | None,
) -> bool:
    for name, word in match.groupdict().items():
        if word and name.split("__", 1)[0] in grammar.capitalised and word[0].islower():
            return False
    ambiguous = match[0].lower() in grammar.ambiguous
    guard = grammar.ambiguous_guard if ambiguous else rule.guard
    if guard is None:
        return True
    if ambiguous and not match[0][0].isupper():
        return False
    start, end = _extent(match)
    before = text[max(0, start - 40) : start]
    return bool(guard.search(before)) or (supported is not None and supported(start, end))


def _detection(grammar: Grammar, rule: Rule, match: re.Match[str]) -> Detection | None:
    slots = _Slots(_normalised_slots(grammar, match))
    try:
        partial = _partial(rule, slots)
    except ValueError:  # e.g. a vague number in a shift, an unknown mod
        return None
    if partial is None:
        return None
    start, end = _extent(match)
    return Detection(start, end, match.string[start:end], rule.name, partial)


def _extent(match: re.Match[str]) -> tuple[int, int]:
    """The expression's span: the ``span`` group if the rule has one, else the whole match.

    A rule may match context it does not tag ("$33 million a year" tags "a year").
    """
    if "span" in match.re.groupindex and match.start("span") >= 0:
        return match.span("span")
    return match.span()


class _Slots(dict[str, str]):
    """Template values; a slot the match did not fill reads as unknown (X)."""

    def __missing__(self, key: str) -> str:
        return _DEFAULTS.get(key, "")


def _normalised_slots(grammar: Grammar, match: re.Match[str]) -> dict[str, str]:
    slots: dict[str, str] = {}
    for name, raw in match.groupdict().items():
        if raw is None or name == "span":
            continue
        group = name.split("__", 1)[0]
        word = " ".join(raw.lower().split())
        key = grammar.slot_of.get(group, group)
        if key == "number":
            slots[key] = _number(word, grammar.words.get("number", {}))
        else:
            slots[key] = grammar.words.get(group, {}).get(word, raw)
    if "year" in slots and not slots["year"][:1].isdigit():
        slots["year"] = _spoken_year(slots["year"].lower(), grammar.words.get("number", {}))
    if "day" in slots:
        slots["day"] = slots["day"].zfill(2)
    if "hour" in slots:
        slots["hour"] = _hour(slots["hour"], slots.pop("ampm", ""))
    if "unit" in slots:
        slots["unit_code"] = _UNIT_CODES.get(slots["unit"], "")
    return slots


def _number(word: str, number_words: Mapping[str, str]) -> str:
    if word[0].isdigit():
        whole, _, fraction = word.partition(" ")
        return str(float(whole) + 0.5) if fraction == "1/2" else whole
    if word in number_words:
        return number_words[word]
    *count, last = re.split(r"[- ]", word)
    if last in _MULTIPLIER_VALUES and count:
        # "six hundred" is 6 x 100, "twenty-five hundred" 25 x 100
        times = _number("-".join(count), number_words)
        return "X" if times == "X" else str(int(float(times) * _MULTIPLIER_VALUES[last]))
    parts = [number_words.get(p, "X") for p in re.split(r"[- ]", word)]
    if "X" in parts:
        return "X"
    total = sum((float(p) for p in parts), 0.0)
    return str(int(total)) if total.is_integer() else str(total)


def _spoken_year(words: str, number_words: Mapping[str, str]) -> str:
    """ "nineteen ninety-six" -> "1996", "two thousand and one" -> "2001"."""
    parts = [p for p in re.split(r"[- ]", words) if p != "and"]
    if parts[:2] == ["two", "thousand"]:
        return f"{2000 + int(_number('-'.join(parts[2:]), number_words) if parts[2:] else 0):04d}"
    century = int(number_words.get(parts[0], "0"))
    rest = parts[1:]
    tail = 0 if rest == ["hundred"] else int(float(_number("-".join(rest), number_words)))
    return f"{century * 100 + tail:04d}"


def _hour(hour: str, ampm: str) -> str:
    value = int(hour)
    if ampm.lower().startswith("p") and value < 12:
        value += 12
    elif ampm.lower().startswith("a") and value == 12:
        value = 0
    return f"{value:02d}"


def _partial(rule: Rule, slots: _Slots) -> Underspecified | None:
    mod = rule.mod.format_map(slots) if rule.mod else ""
    if mod and mod not in _MODS:
        raise ValueError(f"mod {mod!r}")
    common: dict[str, Any] = {"type": rule.type, "mod": mod or None}
    if rule.shift is not None:
        unit = (rule.unit or "").format_map(slots)
        if unit not in SHIFT_UNITS:
            return None  # e.g. "last hour": no calendar unit to move the DCT by
        return Underspecified(
            **common,
            shift=int(rule.shift.format_map(slots)),
            unit=cast(ShiftUnit, unit),
            suffix=rule.suffix.format_map(slots),
            anchor=cast(Anchor, rule.anchor),
            dct_shift=int(rule.dct_shift) if rule.dct_shift is not None else None,
        )
    value = (rule.value or "").format_map(slots)
    if rule.type in ("DURATION", "SET") and value.startswith("P"):
        value = _canonical_duration(value)
    direction = _DIRECTIONS.get(rule.direction.format_map(slots)) if rule.direction else None
    year_shift = int(rule.year_shift.format_map(slots)) if rule.year_shift else None
    # A unit without a shift names the period that holds the day ("the week of
    # March 6"; only "week" so far).
    period = cast(ShiftUnit, rule.unit.format_map(slots)) if rule.unit else None
    return Underspecified(
        **common, value=value, direction=direction, year_shift=year_shift, unit=period
    )


_DURATION_PART: Final = re.compile(r"^P([\dX.]+)(DE|CE|TH|TM|TS|WE|[DWMQYH])$")
# A fractional amount is written with the next smaller unit: P2.5Y = P2Y6M.
_SMALLER: Final = {
    "Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM"),
    "TM": (60, "TS"),
}  # fmt: skip


def _canonical_duration(value: str) -> str:
    """Write decades/centuries in years and hours/minutes after ``T`` (TimeBank)."""
    match = _DURATION_PART.match(value)
    if match is None:
        return value
    amount, code = match.groups()
    if code in ("DE", "CE") and amount != "X":
        years = float(amount) * (10 if code == "DE" else 100)
        amount, code = (str(int(years)) if years.is_integer() else str(years)), "Y"
    if amount != "X" and not float(amount).is_integer() and code in _SMALLER:
        whole, fraction = divmod(float(amount), 1)
        factor, smaller = _SMALLER[code]
        parts = ([(str(int(whole)), code)] if whole else []) + [(f"{fraction * factor:g}", smaller)]
        return _join_duration(parts)
    return _join_duration([(amount.removesuffix(".0"), code)])


def _join_duration(parts: list[tuple[str, str]]) -> str:
    date_part = "".join(a + c for a, c in parts if not c.startswith("T"))
    time_part = "".join(a + c[1] for a, c in parts if c.startswith("T"))
    return "P" + date_part + (f"T{time_part}" if time_part else "")


# ----------------------------------------------------------------- plain text


_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"\u201d\u2019']?\s+(?=[\"\u201c\u2018'A-Z0-9])|\n+")


def tag_text(text: str, dct: date | datetime) -> list[TimeExpression]:
    """Tag and anchor the time expressions of plain ``text`` without spaCy.

    The tense of each expression comes from lexical cues in its sentence (the
    nearest future/past/present cue word before it, else after it).
    """
    return [expression for _, expression in tag_text_with_rules(text, dct)]


def tag_text_with_rules(text: str, dct: date | datetime) -> list[tuple[str, TimeExpression]]:
    """Like :func:`tag_text`, paired with the name of the rule that fired."""
    sentences = _plain_sentences(text)
    tagged: list[tuple[str, TimeExpression]] = []
    reference: Reference | None = None
    day: Reference | None = None
    named: dict[str, str] = {}
    for detection in detect(text):
        detection = _same_day_again(detection, named)
        index, (s_start, s_end) = next(
            (i, span) for i, span in enumerate(sentences) if span[0] <= detection.start < span[1]
        )
        tense = lexical_tense(
            text[s_start:s_end], detection.start - s_start, detection.end - s_start
        )
        tense = _entry_tense(text, detection, tense)
        narrative = _narrative(reference, index, detection.start, text)
        recent = _recent_day(day, index, detection.start, text)
        expression, story = _told(detection, dct, tense, index, reference, narrative, recent)
        if expression is not None:
            tagged.append((detection.rule, expression))
            _remember_day(named, detection)
            reference = _next_reference(reference, detection, expression, s_start, text, story)
            day = _next_day(day, detection, expression, text)
    return tagged


@dataclass(frozen=True)
class Reference:
    """The reference time: the last fully specified date, where it was, and whether it frames.

    ``frame``: the date opens its sentence ("In 1990, ...", "Last year, ...",
    "On Aug. 2, 1990, ..."), as a story about another time does; only such a
    date anchors the undated months and weekdays after it (:func:`_narrative`).
    """

    value: str
    sentence: int | None
    end: int
    frame: bool


_FRAME_LEAD: Final = re.compile(
    r"^[\W_]*(?:(?:back|early|earlier|later|late|also|and|but|then)\s+)*"
    r"(?:(?:in|on|during|by|at|from|since|until|through|throughout)\s+)?$",
    re.I,
)


def _next_reference(
    reference: Reference | None,
    detection: Detection,
    expression: TimeExpression,
    sentence_start: int,
    text: str,
    story: bool = False,
) -> Reference | None:
    """The reference time after ``expression``: the last fully specified date.

    Dates found from the reference itself ("a year earlier") do not replace
    it, so "the latest quarter" after "a year earlier" is the quarter reported
    on, not the year-ago one. A bare time of day, whose day is borrowed, never
    frames a story ("... exploded on 20 April. At 2.25 pm on Thursday, the last
    valve was closed": no story told from 20 April, so Thursday is the one before
    the publish date), though "a day later" still counts from its day. A date the
    story placed (``story``: the narrative gave it its year) tells the story on,
    wherever it stands in its sentence: "He followed up on February 28", 2003 by
    the frame before it, frames "March 7" two sentences later.
    """
    if detection.partial.anchor != "dct":
        return reference
    if expression.type in ("DATE", "TIME") and interval_of(expression.value) is not None:
        lead = text[sentence_start : detection.start] if sentence_start <= detection.start else ""
        borrowed = (detection.partial.value or "").startswith(_NO_DAY)
        frame = story or (not borrowed and _FRAME_LEAD.match(lead) is not None)
        return Reference(expression.value, expression.sentence_index, detection.end, frame)
    return reference


def _next_day(
    day: Reference | None, detection: Detection, expression: TimeExpression, text: str
) -> Reference | None:
    """The last day-precise date mentioned, after ``expression``: what "that day" names.

    Unlike the reference time it follows every date, found from the reference or
    not: after "On May 3 ... The next day ...", "that night" is the night of May 4.
    A day when the news was given ("..., police said Wednesday": ``[reporting]``
    in context.toml) does not replace a day its sentence named before it: the
    story's day stays the one a bare time or "that day" after it is on.
    """
    found = day_of(expression.value)
    if found is None:
        return day
    if (
        day is not None
        and day.sentence is not None
        and day.sentence == expression.sentence_index
        and load_grammar().reporting.search(text, max(0, detection.start - 60), detection.start)
    ):
        return day
    return Reference(found.isoformat(), expression.sentence_index, detection.end, False)


def _recent_day(
    day: Reference | None, sentence_index: int | None, start: int, text: str
) -> str | None:
    """The day ``day`` names if it was mentioned close enough before ``start`` for
    "that day" to name it: in the same sentence or up to :data:`NARRATIVE_SENTENCES`
    before, in the same paragraph. Further back, "that day" is left untagged: the
    reader no longer knows which day it is, or it is a day of no date ("trades made
    that day", TimeBank leaves it untagged)."""
    if day is None or day.sentence is None or sentence_index is None:
        return None
    if not 0 <= sentence_index - day.sentence <= NARRATIVE_SENTENCES:
        return None
    if "\n\n" in text[day.end : start]:
        return None
    return day.value


_STAMP_TAIL: Final = re.compile(r"\s*(?:[A-Z]{2,4}\s*)?:")


def _stamp(text: str, sentence: Sentence, detection: Detection) -> bool:
    """A time of day opening its sentence before a colon is a live page's stamp of
    what follows ("... Wednesday's agreement. 10.10 pm: Congressman Peter Welch
    asks ..."; "10.20 am ET: ..."): the page's day, not the day the last entry named."""
    return (
        (detection.partial.value or "").startswith(_NO_DAY)
        and not text[sentence.start : detection.start].strip()
        and _STAMP_TAIL.match(text, detection.end) is not None
    )


def _narrative(
    reference: Reference | None, sentence_index: int | None, start: int, text: str
) -> str | None:
    """The reference as the time the text is talking about, if it still frames ``start``.

    It must open its sentence (:class:`Reference`) and lie in the same sentence
    or up to :data:`NARRATIVE_SENTENCES` before, in the same paragraph. Measured
    on TimeBank, a looser rule (any date of the last sentences) moved far more
    right values than it fixed: news keeps returning to the present.
    """
    if reference is None or not reference.frame or reference.sentence is None:
        return None
    if (
        sentence_index is None
        or not 0 <= sentence_index - reference.sentence <= NARRATIVE_SENTENCES
    ):
        return None
    if "\n\n" in text[reference.end : start]:
        return None
    return reference.value


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text) + 1))
    return spans


# A chronology entry: a date opening a line (after a bullet, if any) and followed by a
# dash or a colon, "February 24 - Militias take Misrata" or "* May 6: A soldier dies".
_ENTRY_LEAD: Final = re.compile(r"[ \t]*(?:[*\u2022\u00b7-][ \t]+)?")
_ENTRY_SEPARATOR: Final = re.compile(r"[ \t]*(?:--?|[:_\u2013\u2014])[ \t]")


def _entry_tense(text: str, detection: Detection, tense: Tense | None) -> Tense | None:
    """The tense a date is resolved by, as a chronology entry reads it.

    A chronology ("Here is a timeline of the war: February 24 - Militias take
    Misrata. March 17 - The Security Council votes ...") tells past events in the
    historical present, so in an entry whose date lacks its year (a month, a day of
    a month; not a weekday, as an agenda of the week ahead has) a present (or no)
    tense is read as past: published in August, "February 24" is last February,
    not next. A future stays ("October 31 - The mission will end"), and so does a
    date within two months of the publish date, which any tense takes as the
    nearest (``resolve``): a diary of the coming weeks still points forward.
    """
    value = detection.partial.value or ""
    if tense not in (None, "PRESENT") or not value.startswith("XXXX-") or "W" in value:
        return tense
    return "PAST" if _is_entry_date(text, detection.start, detection.end) else tense


def _is_entry_date(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return (
        _ENTRY_LEAD.fullmatch(text, line_start, start) is not None
        and _ENTRY_SEPARATOR.match(text, end) is not None
    )


def lexical_tense(sentence: str, start: int, end: int) -> Tense | None:
    """Tense from cue words: the nearest cue before ``start``, else after ``end``."""
    cues = [
        (match.start(), match.end(), tense)
        for tense, pattern in load_grammar().tense_cues
        for match in pattern.finditer(sentence)
        if match.end() <= start or match.start() >= end
    ]
    before = [c for c in cues if c[1] <= start]
    if before:
        return max(before, key=lambda c: (c[1], c[2] == "FUTURE"))[2]
    after = [c for c in cues if c[0] >= end]
    return min(after)[2] if after else None


def _expression(
    detection: Detection,
    dct: date | datetime,
    tense: Tense | None,
    sentence_index: int | None,
    reference: Reference | None = None,
    narrative: str | None = None,
    recent: str | None = None,
) -> TimeExpression | None:
    resolved = resolve(
        detection.partial, dct, tense, reference.value if reference else None, narrative, recent
    )
    if resolved is None:
        return None
    return TimeExpression(
        text=detection.text,
        start=detection.start,
        end=detection.end,
        type=resolved.type,
        value=resolved.value,
        mod=resolved.mod,
        granularity=resolved.granularity,
        sentence_index=sentence_index,
    )


def _told(
    detection: Detection,
    dct: date | datetime,
    tense: Tense | None,
    sentence_index: int | None,
    reference: Reference | None,
    narrative: str | None,
    recent: str | None,
) -> tuple[TimeExpression | None, bool]:
    """:func:`_expression`, and whether the story told from ``narrative`` placed it
    (without the story its value would differ): such a date tells the story on
    (:func:`_next_reference`)."""
    expression = _expression(detection, dct, tense, sentence_index, reference, narrative, recent)
    story = narrative is not None and expression != _expression(
        detection, dct, tense, sentence_index, reference, None, recent
    )
    return expression, story


# -------------------------------------------------------------------- article


def tag_article(
    parsed: ParsedArticle, model: SpanModel | None = None, *, learned: bool = False
) -> TaggedArticle:
    """Detect, trim and anchor the time expressions of a parsed article.

    Candidates are the grammar's matches plus spaCy DATE/TIME entities the
    grammar missed (normalised with dateparser if possible). A span model
    (``model``, or with ``learned=True`` the packaged one) then widens
    candidates and adds spans (:func:`_learned_detections`). The packaged model
    is off by default: cross-validated within each TBAQ half it adds nothing on
    TimeBank and costs AQUAINT 0.3 strict F1, and it costs time (README,
    "Temporal tagger vs HeidelTime"). Expressions in non-text segments
    (boilerplate, dateline) go to ``skipped`` with the segment's reason and
    their value; so do entities that cannot be normalised.
    """
    dct = parsed.article.meta.published
    detections = candidates(parsed)
    if model is None and learned:
        model = load_span_model()
    if model is not None:
        detections = _learned_detections(parsed, detections, model)
    expressions: list[TimeExpression] = []
    skipped: list[SkippedExpression] = []
    reference: Reference | None = None
    day: Reference | None = None
    named: dict[str, str] = {}
    clock: set[int] = set()  # starts of the expressions that are a time of day alone
    for detection in sorted(detections, key=lambda d: d.start):
        detection = _same_day_again(_any_weekday(parsed, detection), named)
        outcome, story = _article_expression(parsed, detection, dct, reference, day)
        if isinstance(outcome, TimeExpression):
            if (detection.partial.value or "").startswith(_NO_DAY):
                clock.add(outcome.start)
            expressions.append(outcome)
            _remember_day(named, detection)
            sentence = _sentence_at(parsed.sentences, detection.start)
            start = sentence.start if sentence else detection.start
            reference = _next_reference(
                reference, detection, outcome, start, parsed.article.text, story
            )
            day = _next_day(day, detection, outcome, parsed.article.text)
        else:
            skipped.append(outcome)
    expressions = _on_the_day_after(expressions, clock, parsed.article.text)
    return TaggedArticle(parsed=parsed, time_expressions=expressions, skipped=skipped)


_NO_DAY: Final = "XXXX-XX-XXT"
# Between a time of day and the day it lies on: a space, "on", a time zone in words
# or letters, or both ("At 3pm yesterday", "at 3:25 p.m. Eastern time Thursday", "at
# 10 p.m. local time on Friday", "at 10 a.m. EDT on Friday").
_ON: Final = re.compile(
    r"\s+(?:(?:eastern|central|mountain|pacific|local|british)"
    r"(?:\s+(?:daylight|standard|summer))?\s+time\s+|(?-i:[A-Z]{1,3}T|UTC)\s+)?(?:on\s+)?",
    re.I,
)


# The same time of day restated in brackets, in another zone: "at about 06:00 (03:00
# GMT) on Thursday", "at 8:30 a.m. (0630 GMT) on Friday", "at 4 in the morning (4 a.m.
# EDT Thursday)".
_RESTATED: Final = re.compile(r"\s*\(\d[^()]{0,28}\)")


def _on_the_day_after(
    expressions: list[TimeExpression], clock: Set[int], text: str
) -> list[TimeExpression]:
    """A time of day followed by a day, with "on" or a time zone (in words or
    letters) between them or nothing, lies on that day: "The ship sank at 10 p.m. on
    Friday", "shortly after midnight on March 24, 1989", "at 3:25 p.m. Eastern time
    Thursday", "at 10 a.m. EDT on Friday", "At 3pm yesterday" (read alone, the time
    had gone to the day last mentioned or the publish day). The time restated in
    brackets in another zone before the day lies on it too ("at about 06:00 (03:00
    GMT) on Thursday"), and a restatement that names its day gives the time its
    day ("at 4 in the morning (4 a.m. EDT Thursday)"), across midnight if the
    zones differ so ("around 6 a.m. (11 p.m. Tuesday ET)" is Wednesday)."""
    found = list(expressions)
    for k, time in enumerate(expressions):
        if time.start not in clock or day_of(time.value) is None:
            continue
        here = _minutes(time.value)
        bracket = _RESTATED.match(text, time.end)
        gap = bracket.end() if bracket else time.end
        j = k + 1  # expressions come in text order: skip those inside the bracket
        while j < len(expressions) and expressions[j].start < gap:
            j += 1
        restated = [expressions[i] for i in range(k + 1, j)]
        given = _day_given(restated, clock)
        if given is not None:
            found[k] = _on_day(time, _same_moment(*given, here))
            continue
        after = expressions[j] if j < len(expressions) else None
        if after is None or (day := _day_after(after, text[gap : after.start])) is None:
            continue
        found[k] = _on_day(time, day)
        for i, other in enumerate(restated, start=k + 1):
            if other.start in clock and day_of(other.value) is not None:
                found[i] = _on_day(other, _same_moment(day, here, _minutes(other.value)))
    return found


def _on_day(time: TimeExpression, day: date) -> TimeExpression:
    """``time`` (a day-precise value) moved to ``day``, its time of day kept."""
    return time.model_copy(update={"value": day.isoformat() + time.value[10:]})


def _day_after(after: TimeExpression, between: str) -> date | None:
    """The day of ``after`` if only "on" or a time zone stands ``between`` it and a
    time of day before it."""
    if after.granularity in ("day", "part_of_day") and _ON.fullmatch(between):
        return day_of(after.value)
    return None


def _day_given(
    restated: Iterable[TimeExpression], clock: Set[int]
) -> tuple[date, int | None] | None:
    """The first day a restatement names itself (not a borrowed one), and the time
    of day it gives with it ("(10 p.m. ET Sunday)": Sunday, 22:00)."""
    there: int | None = None
    for other in restated:
        if other.start in clock or (day := day_of(other.value)) is None:
            there = _minutes(other.value)
            continue
        own = _minutes(other.value)  # 0 at midnight: no `or` here
        return day, there if own is None else own
    return None


def _same_moment(day: date, at: int | None, then: int | None) -> date:
    """The day on which it is ``then`` o'clock in one zone when it is ``at``
    o'clock on ``day`` in another, the zones at most 12 hours apart (minutes after
    midnight; ``day`` itself when either is unknown): 11 p.m. on Tuesday in New
    York is 6 a.m. on Wednesday in Tripoli. Midnight (24:00) ends its day."""
    if at is None or then is None:
        return day
    ahead = (then - at) % (24 * 60)
    ahead -= 24 * 60 if ahead > 12 * 60 else 0
    moment = datetime.combine(day, datetime.min.time()) + timedelta(minutes=at + ahead)
    return (moment - timedelta(minutes=1 if then == 24 * 60 else 0)).date()


_CLOCK: Final = re.compile(r"T(\d\d):(\d\d)")


def _minutes(value: str) -> int | None:
    """Minutes after midnight of a value's time of day ("...T23:00" -> 1380)."""
    found = _CLOCK.search(value)
    return int(found[1]) * 60 + int(found[2]) if found else None


_DAY_OF_YEAR: Final = re.compile(r"^(\d{4})-(\d\d-\d\d)$")
_YEARLESS_DAY: Final = re.compile(r"^XXXX-(\d\d-\d\d)$")


def _remember_day(named: dict[str, str], detection: Detection) -> None:
    """Note the year of a day the text names in full ("March 7 2003")."""
    if detection.partial.value and (found := _DAY_OF_YEAR.match(detection.partial.value)):
        named[found[2]] = found[1]


def _same_day_again(detection: Detection, named: Mapping[str, str]) -> Detection:
    """A day without its year that the article named in full before is that day
    again: "the legal advice written on March 7 2003 ... On March 7, Mr Blix
    pleaded for more time" (2003, in an article of April 2005). One article, one
    March 7, as one article's "Oct. 19, 1987" makes its later "Oct. 19" the crash."""
    partial = detection.partial
    found = _YEARLESS_DAY.match(partial.value or "")
    if found is None or found[1] not in named or partial.shift or partial.year_shift is not None:
        return detection
    value = f"{named[found[1]]}-{found[1]}"
    return replace(detection, partial=partial.model_copy(update={"value": value}))


_WEEKDAY_VALUE: Final = re.compile(r"^XXXX-WXX-\d")
_INDEFINITE: Final = frozenset({"a", "an"})


def _any_weekday(parsed: ParsedArticle, detection: Detection) -> Detection:
    """A weekday after "a" names no day but any such day: "I remember going to church
    on a Sunday", "a Friday night, and the Senate is rarely in session". It is a SET
    ("XXXX-WXX-7", as "Sundays"), its extent taking the article in, never anchored
    on the publish week. Where the weekday modifies a noun the article is the noun's
    and the day is the one just past or to come ("a Sunday trip to the Gulf Coast",
    "a Wednesday statement"), as without it."""
    partial = detection.partial
    if partial.type not in ("DATE", "TIME") or not _WEEKDAY_VALUE.match(partial.value or ""):
        return detection
    first = bisect_left(parsed.tokens, detection.start, key=lambda t: t.start)
    last = bisect_left(parsed.tokens, detection.end, key=lambda t: t.start)
    inside = parsed.tokens[first:last]
    if not inside or inside[0].i == 0:
        return detection
    head = next((t for t in inside if not inside[0].i <= t.head <= inside[-1].i), inside[-1])
    article = parsed.tokens[inside[0].i - 1]
    if article.text.lower() not in _INDEFINITE or article.dep != "det" or article.head != head.i:
        return detection
    return replace(
        detection,
        start=article.start,
        text=parsed.article.text[article.start : detection.end],
        partial=partial.model_copy(update={"type": "SET"}),
    )


def candidates(parsed: ParsedArticle) -> list[Detection]:
    """The grammar's matches (guarded ones licensed by spaCy's DATE/TIME entities),
    plus each such entity the grammar missed, normalised by dateparser if it can be.
    A bare year is dropped where spaCy reads a count or a name around it, and
    neither a match nor an entity may be a number that names a thing
    (:func:`identifier_numbers`)."""
    text = parsed.article.text
    entities = [e for e in parsed.entities if e.label in ("DATE", "TIME")]
    counts = [e for e in parsed.entities if e.label in COUNT_LABELS]
    names = [e for e in parsed.entities if e.label in NAME_LABELS]

    def supported(start: int, end: int) -> bool:
        return any(e.start < end and start < e.end for e in entities)

    def no_year(detection: Detection) -> bool:
        # A bare number the grammar read as a year, which spaCy reads as a count
        # ("killed 2000 people", "had 1900 tanks") or as part of a name after its
        # first word ("the French Mirage 2000", ORG): the count or the name wins.
        return detection.rule in BARE_YEAR_RULES and (
            any(e.start <= detection.start and detection.end <= e.end for e in counts)
            or any(
                e.start < detection.start
                and detection.end <= e.end
                and not _after_preposition(text[e.start : detection.start])
                for e in names
            )
        )

    numbers = identifier_numbers(text)
    detections = [d for d in detect(text, supported, numbers) if not no_year(d)]
    for entity in entities:
        if (entity.start, entity.end) in numbers:
            continue
        if not any(d.start < entity.end and entity.start < d.end for d in detections):
            detections.append(
                _entity_detection(text, entity.start, entity.end, parsed.article.meta.published)
            )
    return detections


def _after_preposition(before: str) -> bool:
    """Whether ``before`` ends with a word that introduces a date ("in", "since"): spaCy
    sometimes runs a name on into one ("started at [Fortune in 1984]", ORG)."""
    words = before.split()
    return bool(words) and load_grammar().leading_trim.match(words[-1] + " ") is not None


def grammar_spans(detections: Iterable[Detection]) -> list[tuple[int, int, str]]:
    """The grammar's matches as the span model reads them: (start, end, "TYPE:rule")."""
    return [
        (d.start, d.end, f"{d.partial.type}:{d.rule}")
        for d in detections
        if d.rule not in ("", "dateparser")
    ]


def _learned_detections(
    parsed: ParsedArticle, detections: list[Detection], model: SpanModel
) -> list[Detection]:
    """The candidates, widened where the span model says so, and the spans it adds.

    * A learned span that strictly contains one candidate (and touches no other)
      widens it if the words it adds on the left hold a content word ("a one-year
      term", "last year's quarter"; :func:`_content_before`): the grammar is run
      over the wider text (every match licensed, since the model vouches for it)
      and a match covering all of it gives the value, else the candidate's value
      is kept.
    * A learned span touching no candidate is normalised the same way, else with
      dateparser, else reported as not normalisable.
    * Candidates are never narrowed nor dropped. Where to cut a determiner, and
      whether "now" or a "10-year" plan is an expression, are annotation
      conventions on which TimeBank and AQUAINT disagree; a model trained on one
      half and allowed to veto or narrow lowered strict F1 on the other
      (README, "Temporal tagger vs HeidelTime"), so the grammar's convention
      (TimeBank's, and the seed gold's) stands.
    """
    text = parsed.article.text
    dct = parsed.article.meta.published
    learned: list[tuple[int, int]] = []
    for sentence in article_sentences(parsed, grammar_spans(detections)):
        for start, end in model.spans(sentence):
            learned.append((start, start + len(text[start:end].rstrip(",;:"))))
    kept: list[Detection] = []
    for d in detections:
        wider = [
            (s, e)
            for s, e in learned
            if s <= d.start
            and d.end <= e
            and (s, e) != (d.start, d.end)
            and sum(1 for o in detections if o.start < e and s < o.end) == 1
            and _content_before(parsed, s, d.start)
        ]
        if wider:
            s, e = wider[0]
            kept.append(
                _whole_span_detection(text, s, e) or Detection(s, e, text[s:e], d.rule, d.partial)
            )
        else:
            kept.append(d)
    for s, e in learned:
        if not any(d.start < e and s < d.end for d in detections):
            kept.append(_whole_span_detection(text, s, e) or _entity_detection(text, s, e, dct))
    chosen: list[Detection] = []
    for d in sorted(kept, key=lambda d: (d.start, -(d.end - d.start))):
        if not chosen or d.start >= chosen[-1].end:
            chosen.append(d)
    return chosen


_CONTENT_POS: Final = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})


def _content_before(parsed: ParsedArticle, start: int, end: int) -> bool:
    """Whether the words of ``[start, end)`` (a widening on the left) include a content word.

    A determiner or a focus adverb alone ("the", "only", "as early as") is where
    annotation conventions differ, and the grammar's convention stands; an
    adjective or a noun ("this past spring", "last year's quarter") is the
    expression's own.
    """
    if start >= end:
        return True
    return any(t.pos in _CONTENT_POS for t in parsed.tokens if start <= t.start and t.end <= end)


def _whole_span_detection(text: str, start: int, end: int) -> Detection | None:
    """A grammar match covering exactly ``text[start:end]`` (every match licensed)."""
    span = text[start:end]
    for found in detect(span, lambda _s, _e: True):
        if (found.start, found.end) == (0, len(span)):
            return Detection(start, end, span, found.rule, found.partial)
    return None


def _entity_detection(text: str, start: int, end: int, dct: date | datetime) -> Detection:
    """A spaCy entity the grammar missed, trimmed to a TimeML extent."""
    grammar = load_grammar()
    span = text[start:end]
    lead = grammar.leading_trim.match(span)
    if lead is not None and lead.end() < len(span):
        start += lead.end()
    span = text[start:end]
    trimmed = re.sub(r"(?:['\u2019]s|[\s,.;:])+$", "", span) or span
    end = start + len(trimmed)
    partial = dateparser_value(trimmed, dct)
    return Detection(start, end, trimmed, "dateparser" if partial else "", partial or _UNRESOLVED)


_UNRESOLVED: Final = Underspecified(type="DATE")


def _article_expression(
    parsed: ParsedArticle,
    detection: Detection,
    dct: date | datetime,
    reference: Reference | None,
    day: Reference | None = None,
) -> tuple[TimeExpression | SkippedExpression, bool]:
    """The expression ``detection`` stands for (or why it is skipped), and whether the
    story told from the reference time put it where it is (``_in_narrative``)."""
    segment = _segment_at(parsed.segments, detection.start)
    sentence = _sentence_at(parsed.sentences, detection.start)
    tense = _tense_in(parsed, sentence, detection) if sentence else None
    tense = _entry_tense(parsed.article.text, detection, tense)
    index = sentence.index if sentence else None
    narrative = _narrative(reference, index, detection.start, parsed.article.text)
    recent = _recent_day(day, index, detection.start, parsed.article.text)
    if sentence is not None and _stamp(parsed.article.text, sentence, detection):
        reference = recent = None
    expression, story = _told(detection, dct, tense, index, reference, narrative, recent)
    if segment is not None and segment.kind == "text" and expression is not None:
        return expression, story
    if segment is None:
        reason = OUTSIDE_SEGMENTS
    elif segment.kind != "text":
        reason = segment.reason or segment.kind
    else:
        reason = NOT_NORMALISABLE
    # Page furniture is normalised like text (on the publish date; it has no parse, so no tense),
    # so the skipped entry still says which date it names.
    skipped = SkippedExpression(
        text=detection.text,
        start=detection.start,
        end=detection.end,
        reason=reason,
        type=expression.type if expression else None,
        value=expression.value if expression else None,
        mod=expression.mod if expression else None,
    )
    return skipped, False


def _segment_at(segments: Iterable[Segment], offset: int) -> Segment | None:
    return next((s for s in segments if s.start <= offset < s.end), None)


def _sentence_at(sentences: Iterable[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= offset < s.end), None)


def _tense_in(parsed: ParsedArticle, sentence: Sentence, detection: Detection) -> Tense | None:
    """Tense from the parse; lexical cues when the parse gives no verb."""
    inside = [
        t.i
        for t in parsed.tokens[sentence.token_start : sentence.token_end]
        if t.start < detection.end and detection.start < t.end
    ]
    tense: Tense | None = None
    if inside:
        tense = governing_tense(parsed.tokens, sentence, inside[0], inside[-1] + 1)
        if tense == "PAST" and told_as_done(parsed.tokens, sentence, inside[0], inside[-1] + 1):
            tense = "DONE"
    if tense is None:
        tense = lexical_tense(
            sentence.text, detection.start - sentence.start, detection.end - sentence.start
        )
    return tense
