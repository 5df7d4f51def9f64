"""The events stage's word lists, read once from ``resources/events.toml``.

Reporting verbs, event nouns, titles, modality markers, kinds of happening and
the noun-to-verb derivations ("ratification" -> "ratify") that let a
nominalisation count as its verb. The merge stage asks the same lexicon which
kind of happening a predicate names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

MIN_DERIVATION_STEM = 3


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``resources/events.toml``."""

    reporting_verbs: frozenset[str]
    event_nouns: frozenset[str]
    stop_lemmas: frozenset[str]
    future_markers: frozenset[str]
    hypothetical_markers: frozenset[str]
    negation_lemmas: frozenset[str]
    focus_adverbs: frozenset[str]
    consideration_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    planning_verbs: frozenset[str]
    function_words: frozenset[str]
    generic_org_nouns: frozenset[str]
    named_after_nouns: frozenset[str]
    titles: frozenset[str]
    courtesy_titles: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    goal_prepositions_to: frozenset[str]
    goal_prepositions_from: frozenset[str]
    light_verbs: frozenset[str]
    stative_verbs: frozenset[str]
    support_verbs: frozenset[str]
    casualty_verbs: frozenset[str]
    casualty_prepositions: frozenset[str]
    subordinate_event_markers: frozenset[str]
    foreground_markers: frozenset[str]
    period_bounds: frozenset[str]
    speaker_passives: frozenset[str]
    not_name_starts: frozenset[str]
    name_modifier_suffixes: frozenset[str]
    place_name_heads: frozenset[str]
    time_zones: frozenset[str]


@cache
def _resource() -> dict[str, Any]:
    """``resources/events.toml``, read once."""
    text = resources.files("huawei_timeline.resources").joinpath("events.toml").read_text()
    return tomllib.loads(text)


@cache
def lexicon() -> Lexicon:
    """Load the event word lists once."""
    data = _resource()
    return Lexicon(**{name: frozenset(data[name]) for name in Lexicon.__dataclass_fields__})


@cache
def _event_classes() -> dict[str, str]:
    table = _resource()["event_classes"]
    return {word: name for name, words in table.items() for word in words}


@cache
def _derivations() -> tuple[tuple[str, str], ...]:
    return tuple((noun, verb) for noun, verb in _resource()["derivations"])


def verb_candidates(noun: str) -> list[str]:
    """Verbs a noun may be the nominalisation of ("ratification" -> "ratify").

    Candidates only: the caller keeps one that really occurs as a verb.
    """
    return [
        noun.removesuffix(ending) + verb
        for ending, verb in _derivations()
        if noun.endswith(ending) and len(noun) - len(ending) >= MIN_DERIVATION_STEM
    ]


def event_class(predicate: str) -> str | None:
    """The kind of happening a predicate names ("explosion" -> "attack"), if listed."""
    return _event_classes().get(predicate)
