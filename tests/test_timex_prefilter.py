"""The rule prefilter: necessary strings of a pattern, and detection that only
tries a rule where it can match gives what trying it everywhere gives."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huawei_timeline.timex import detect as detect_module
from huawei_timeline.timex.detect import Grammar, Rule, detect, load_grammar
from huawei_timeline.timex.prefilter import TextBlocks, fold, necessary_strings


def _needs(pattern: str) -> frozenset[str] | None:
    return necessary_strings(re.compile(pattern, re.I))


def test_a_fixed_word_is_the_whole_need() -> None:
    assert _needs(r"(?:\d+|two) (?:days?|weeks?) ago") == {" ago"}


def test_alternatives_are_all_needed() -> None:
    assert _needs(r"(?:early )?(?:May|June)") == {"may", "june"}


def test_digits_fold_to_zero() -> None:
    assert _needs(r"(?P<year>\d\d\d\d)") == {"0000"}
    assert fold("On 11 July 2019") == "on 00 july 0000"


def test_unknown_constructs_need_nothing() -> None:
    assert _needs(r".+") is None
    assert _needs(r"[^a]b?") is None
    assert _needs(r"(?:tomorrow|.)") is None  # one branch needs nothing


def test_optional_parts_are_not_needed() -> None:
    assert _needs(r"(?:last )?week") == {"week"}


def test_every_rule_of_the_grammar_has_needs() -> None:
    rules = load_grammar().rules
    assert all(rule.needs for rule in rules), [r.name for r in rules if not r.needs]


@pytest.mark.parametrize("rule", load_grammar().rules, ids=lambda r: r.name)
def test_each_example_holds_a_need_of_its_rule(rule: Rule) -> None:
    # The match holds a need, so the example's text does; not always its extent:
    # a rule may tag a part of its match ("4" of "March 3 and 4").
    assert rule.needs is not None
    for example in rule.examples:
        assert any(s in fold(example.text) for s in rule.needs), example.text


def test_blocks_are_cut_at_blank_lines() -> None:
    text = "Talks began on Monday.\n\nNothing else.\n  \nThey end in May."
    blocks = TextBlocks(text)
    assert [text[a:b] for a, b in blocks.spans] == [
        "Talks began on Monday.",
        "Nothing else.",
        "They end in May.",
    ]
    assert [text[a:b] for a, b in blocks.holding(frozenset({"monday", "may"}))] == [
        "Talks began on Monday.",
        "They end in May.",
    ]
    assert blocks.holding(None) == blocks.spans


def test_a_length_changing_fold_falls_back_to_every_block() -> None:
    text = "İstanbul, Monday.\n\nMore."
    assert TextBlocks(text).holding(frozenset({"nothing here"})) == TextBlocks(text).spans


def _unfiltered() -> Grammar:
    grammar = load_grammar()
    rules = tuple(dataclasses.replace(rule, needs=None) for rule in grammar.rules)
    return dataclasses.replace(grammar, rules=rules)


_PIECES = [example.text for rule in load_grammar().rules for example in rule.examples]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6),
    st.lists(st.sampled_from([" ", "\n", ". ", ", and ", "\n\n"]), min_size=6, max_size=6),
)
def test_filtered_detection_equals_trying_every_rule_everywhere(
    pieces: list[str], glue: list[str]
) -> None:
    text = "".join(piece + sep for piece, sep in zip(pieces, glue, strict=False))
    filtered = detect(text)
    unfiltered = _unfiltered()
    original = detect_module.load_grammar
    detect_module.load_grammar = lambda: unfiltered  # type: ignore[assignment]
    try:
        everywhere = detect(text)
    finally:
        detect_module.load_grammar = original  # type: ignore[assignment]
    assert filtered == everywhere


def test_a_letter_that_lowers_to_two_is_unknown() -> None:
    assert _needs("\u0130stanbul") == {"stanbul"}
    assert _needs("[\u0130x]") is None
