"""Canonical actors across a bundle: one name per person or organisation.

Within an article the events stage already resolves pronouns, titles ("the
president") and definite descriptions ("the department"). Across articles the
same person appears as "Wilbur Ross", "Ross" and "Mr. Ross", the same
organisation as "the Commerce Department" and "Commerce". A shorter name joins
the longest name whose words contain all of its words; when several longer
names qualify ("Commerce" in "Commerce Department" and "Ministry of
Commerce"), the one the bundle names most often wins.

A description that one article sets beside a name ("Israel's prime minister,
Benjamin Netanyahu") stands for that person wherever the bundle uses it alone
("Israel's prime minister apologised"), unless the bundle ties it to two people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from huawei_timeline.events.lexicon import lexicon
from huawei_timeline.models import Actor, ActorKind, Event, EventMention, NameUse

UNSPECIFIC = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
"""Words a description can drop and still say the same: "the U.S. defense secretary"."""


def description_key(text: str) -> str:
    """A description's words, lowercased, without possessives and :data:`UNSPECIFIC`
    words: "Israel's prime minister" -> "israel prime minister"."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]s\b", " ", text.lower()))
    return " ".join(w for w in words if w not in UNSPECIFIC)


def _subject_acts(mention: EventMention) -> bool:
    """Whether the mention's subject is who acted: not in the passive, except for
    the verbs whose passive subject spoke ("Ross was quoted as saying")."""
    return mention.voice != "passive" or mention.predicate in lexicon().speaker_passives


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower().strip(".,") for w in name.replace("-", " ").split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _short_form(short: str, long: str, person: bool) -> bool:
    """Whether ``short`` is another name for ``long``.

    People: the same surname, words contained ("Ross" / "Wilbur Ross").
    Organisations: one contained word ("Commerce" / "Commerce Department") or
    the initials ("BIS" / "Bureau of Industry and Security"); a longer shared
    phrase is often a different body ("White House" / "White House National
    Economic Council").
    """
    words, longer = _words(short), _words(long)
    if person:
        return words < longer and short.split()[-1].lower() == long.split()[-1].lower()
    if short.isupper() and len(short) > 1 and short == _initials(long):
        return True
    return len(words) == 1 and words < longer


def _canonical_map(counts: Counter[str], person: bool) -> dict[str, str]:
    """Map every name to the most frequent longer name it is a short form of.

    Only names sharing a word (or, for an acronym, its initials) can qualify, so
    candidates come from a word index instead of every other name.
    """
    names = sorted(counts, key=lambda n: (-len(_words(n)), -counts[n], n))
    words = {n: _words(n) for n in names}
    position = {n: i for i, n in enumerate(names)}
    by_word: dict[str, list[str]] = {}
    by_initials: dict[str, list[str]] = {}
    for n in names:
        for w in words[n]:
            by_word.setdefault(w, []).append(n)
        by_initials.setdefault(_initials(n), []).append(n)
    mapping: dict[str, str] = {}
    for name in names:
        pool: set[str] = set(names) if not words[name] else set()
        if words[name]:
            pool.update(by_word[min(words[name], key=lambda w: len(by_word[w]))])
        if name.isupper():
            pool.update(by_initials.get(name, ()))
        best: str | None = None
        for longer in sorted(pool, key=position.__getitem__):
            if len(words[longer]) <= len(words[name]) and not name.isupper():
                continue
            if longer == name or not _short_form(name, longer, person):
                continue
            target = mapping.get(longer, longer)
            if best is None or counts[target] > counts[best]:
                best = target
        mapping[name] = best if best is not None else name
    return mapping


class ActorIndex:
    """Canonical names for the people and organisations of a bundle's mentions."""

    def __init__(self, mentions: Sequence[EventMention], uses: Iterable[NameUse] = ()) -> None:
        """Index the names of ``mentions``; ``uses`` (how the articles printed each
        name) add the descriptions set beside a person's name."""
        people: Counter[str] = Counter()
        orgs: Counter[str] = Counter()
        for m in mentions:
            people.update(m.people)
            orgs.update(m.organizations)
        # A person's short form must share the surname: "Ross" -> "Wilbur Ross",
        # never "Wilbur" -> "Wilbur Smith" by a first name alone.
        self._people = _canonical_map(people, person=True)
        # "Trump" in "the Trump administration" is tagged ORG; a name the bundle
        # uses for a person is not also an organisation.
        personal = set(people) | {n.split()[-1] for n in people}
        self._orgs = _canonical_map(
            Counter({o: c for o, c in orgs.items() if o not in personal}), person=False
        )
        described: dict[str, set[str]] = {}
        for use in uses:
            key = description_key(use.surface)
            # One word ("the minister") is no one in particular across a bundle, and a
            # surface holding the name ("President Trump") is the name itself.
            words = set(key.split())
            if use.label == "PERSON" and len(words) > 1 and not words & _words(use.name):
                described.setdefault(key, set()).add(self.person(use.name))
        self._described = {key: min(p) for key, p in described.items() if len(p) == 1}

    def person(self, name: str) -> str:
        """The canonical form of a person's name."""
        return self._people.get(name, name)

    def acting_person(self, mention: EventMention) -> str | None:
        """The canonical person the mention says acted: its subject when that is a
        person's name, or a description the bundle ties to one person. The subject
        of a passive ("Huawei was added to the list") is what the event was done
        to, not who did it (:func:`_subject_acts`)."""
        subject = mention.subject
        if subject is None or not _subject_acts(mention):
            return None
        if subject in mention.people:
            return self.person(subject)
        return self._described.get(description_key(subject))

    def acting(self, mention: EventMention) -> str | None:
        """The canonical person or organisation the mention says acted, if named."""
        person = self.acting_person(mention)
        if person is None and _subject_acts(mention) and mention.subject in mention.organizations:
            return self.organization(mention.subject)
        return person

    def people_of(self, mention: EventMention) -> list[str]:
        """The canonical people of a mention, the one described as acting included."""
        named = [self.person(p) for p in mention.people]
        acting = self.acting_person(mention)
        return named if acting is None or acting in named else [acting, *named]

    def organization(self, name: str) -> str | None:
        """The canonical form of an organisation's name; None if it names a person."""
        return self._orgs.get(name)

    def actors(self, events: Sequence[Event], uses: Iterable[NameUse] = ()) -> list[Actor]:
        """Every canonical actor with its aliases and how many events and articles name it.

        ``uses`` are the names as the articles printed them, so aliases include
        "Mr. Ross" as well as the cross-article short forms.
        """
        surfaces: dict[str, set[str]] = {}
        for use in uses:
            if use.label == "PERSON":
                canonical: str | None = self.person(use.name)
            else:
                canonical = self.organization(use.name)
            if canonical is not None:
                surfaces.setdefault(canonical, set()).add(use.surface)
        found: list[Actor] = []
        groups: tuple[tuple[ActorKind, dict[str, str], str], ...] = (
            ("person", self._people, "people"),
            ("organization", self._orgs, "organizations"),
        )
        for kind, mapping, field in groups:
            known_as: dict[str, set[str]] = {}
            for alias, canonical_name in mapping.items():
                known_as.setdefault(canonical_name, set()).add(alias)
            naming: dict[str, list[Event]] = {}
            for event in events:
                for named_here in dict.fromkeys(getattr(event, field)):
                    naming.setdefault(named_here, []).append(event)
            for name in sorted(known_as):
                named = naming.get(name, [])
                if not named:
                    continue
                aliases = sorted((known_as[name] | surfaces.get(name, set())) - {name})
                articles = {m.article_id for e in named for m in e.mentions}
                found.append(_actor(name, kind, aliases, len(named), len(articles)))
        return found


def _actor(name: str, kind: ActorKind, aliases: Iterable[str], events: int, articles: int) -> Actor:
    return Actor(name=name, kind=kind, aliases=list(aliases), events=events, articles=articles)
