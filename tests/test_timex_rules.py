"""Every example in resources/timex/*.toml, run through the tagger as a test."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from huawei_timeline.timex import detect as detect_module
from huawei_timeline.timex.detect import (
    RULE_FILES,
    Rule,
    RuleError,
    RuleExample,
    detect,
    load_grammar,
    read_grammar,
    tag_text,
    tag_text_with_rules,
)

RULES_FOLDER = Path(str(resources.files("huawei_timeline") / "resources" / "timex"))

CASES = [
    pytest.param(rule, example, id=f"{rule.name}: {example.text}")
    for rule in load_grammar().rules
    for example in rule.examples
]


COUNTER_CASES = [
    pytest.param(rule, example, id=f"{rule.name} not in: {example.text}")
    for rule in load_grammar().rules
    for example in rule.counter_examples
]


@pytest.mark.parametrize(("rule", "example"), COUNTER_CASES)
def test_rule_counter_example(rule: Rule, example: RuleExample) -> None:
    # Every match licensed, as if spaCy had found an entity there: the pattern itself refuses.
    fired = [d.text for d in detect(example.text, lambda _start, _end: True) if d.rule == rule.name]
    assert fired == []


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


@pytest.mark.parametrize(
    ("file", "timex_type"),
    [
        ("date.toml", "DATE"),
        ("time.toml", "TIME"),
        ("set.toml", "SET"),
        ("duration.toml", "DURATION"),
        ("date_relative.toml", "DATE"),
    ],
)
def test_rules_sit_in_the_file_of_their_type(file: str, timex_type: str) -> None:
    rules = tomllib.loads((RULES_FOLDER / file).read_text(encoding="utf-8"))["rule"]
    assert [r["name"] for r in rules if r["type"] != timex_type] == []


TIE_PROBE = """
[[rule]]
name = "tie_probe"
pattern = "the past {unit}"
type = "DATE"
shift = "-1"
unit = "{unit}"
anchor = "ref"
examples = [{ text = "the past year", dct = "2019-07-10", value = "2018" }]
"""


def test_file_order_settles_a_tie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A rule in date_relative.toml matching the very same span as the_past_unit in
    # duration.toml (the shipped grammar has no such pair): duration.toml is tried
    # first, so it wins.
    for name in RULE_FILES:
        shutil.copy(RULES_FOLDER / name, tmp_path / name)
    with (tmp_path / "date_relative.toml").open("a", encoding="utf-8") as handle:
        handle.write(TIE_PROBE)
    grammar = read_grammar(tmp_path)
    monkeypatch.setattr(detect_module, "load_grammar", lambda: grammar)
    assert {r.name: r for r in grammar.rules}["tie_probe"].pattern.fullmatch("the past year")
    tagged = tag_text_with_rules("Sales slumped over the past year.", date(2019, 7, 10))
    assert [(name, e.text, e.value) for name, e in tagged] == [
        ("the_past_unit", "the past year", "P1Y")
    ]


@pytest.mark.parametrize(
    ("add", "remove", "missing", "unlisted"),
    [
        ("extra.toml", None, [], ["extra.toml"]),
        (None, "set.toml", ["set.toml"], []),
    ],
)
def test_rule_files_must_match_the_list(
    tmp_path: Path, add: str | None, remove: str | None, missing: list[str], unlisted: list[str]
) -> None:
    for name in RULE_FILES:
        shutil.copy(RULES_FOLDER / name, tmp_path / name)
    if add:
        (tmp_path / add).write_text("", encoding="utf-8")
    if remove:
        (tmp_path / remove).unlink()
    with pytest.raises(RuleError) as error:
        read_grammar(tmp_path)
    assert str(error.value) == (
        f"rule files in {tmp_path} do not match RULE_FILES in timex/detect.py: "
        f"missing {missing}, not listed {unlisted}; list every .toml file there, "
        "in the order its rules should be tried"
    )


CONTEXT = tomllib.loads((RULES_FOLDER / "context.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "example",
    [
        example
        for section in ("identifier", "idiom", "reporting")
        for example in (
            *CONTEXT[section]["examples"],
            *CONTEXT[section].get("counter_examples", []),
        )
    ],
    ids=lambda example: example["text"],
)
def test_numbers_that_name_things_and_idioms_are_no_times(example: dict[str, object]) -> None:
    """A number that names a thing ("resolution 1973") is no year, an idiom ("at
    the end of the day, ...") no time: ``[identifier]`` and ``[idiom]`` in context.toml;
    a day of reporting is not the story's day (``[reporting]``)."""
    dct = date.fromisoformat(str(example["dct"]))
    assert [e.value for e in tag_text(str(example["text"]), dct)] == example["values"]
