"""Every example in resources/timex_*.toml, run through the tagger as a test."""

from __future__ import annotations

import pytest

from huawei_timeline.timex.detect import Rule, RuleExample, load_grammar, tag_text_with_rules

CASES = [
    pytest.param(rule, example, id=f"{rule.name}: {example.text}")
    for rule in load_grammar().rules
    for example in rule.examples
]


def test_every_rule_has_an_example() -> None:
    assert [r.name for r in load_grammar().rules if not r.examples] == []


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule: Rule, example: RuleExample) -> None:
    tagged = {e.text: (name, e) for name, e in tag_text_with_rules(example.text, example.dct)}
    assert example.extent in tagged, f"no expression {example.extent!r} in {list(tagged)}"
    name, expression = tagged[example.extent]
    assert name == rule.name
    assert (expression.value, expression.mod) == (example.value, example.mod)
    assert expression.type == (example.type or "DATE")
