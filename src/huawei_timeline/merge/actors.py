"""Canonical actors across a bundle: one name per person or organisation.

Within an article the events stage already resolves pronouns, titles ("the
president") and definite descriptions ("the department"). Across articles the
same person appears as "Wilbur Ross", "Ross", "Mr. Ross" and, with a middle
initial, "James C. Kopp" for "James Charles Kopp"; the same organisation as
"the Commerce Department" and "Commerce". A shorter name joins the fullest
name that holds all of its words (an initial standing for a word it begins);
when several fuller names qualify ("Commerce" in "Commerce Department" and
"Ministry of Commerce"), the one the bundle names most often wins. An acronym
is a whole name: "FBI" is "Federal Bureau of Investigation" or "FBI Inc.",
never the "FBI Laboratory" that bears it. The same words spelled another way
("George W Bush", "George W. Bush") are one name, and a first name alone is the
person an article printed it for ("Saddam" for "Saddam Hussein"), bundle-wide,
when no one else of the bundle bears it.

A description that one article sets beside a name ("Israel's prime minister,
Benjamin Netanyahu") stands for that person wherever the bundle uses it alone
("Israel's prime minister apologised"), unless the bundle ties it to two people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence, Set

from huawei_timeline.events.article import clean_name, initials, is_acronym, surname
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


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def _fullness(name: str) -> tuple[int, int]:
    """Whole words, then words: "James Charles Kopp" is fuller than "James C. Kopp",
    which is fuller than "James Kopp"."""
    words = _words(name)
    return sum(not _is_initial(w) for w in words), len(words)


LEGAL_FORMS = frozenset(
    {
        "inc",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "ltd",
        "limited",
        "llc",
        "ag",
        "sa",
        "nv",
    }
)
"""Words that add a company's legal form to its name and nothing else: "BP" is "BP Plc"."""


def _spelled_with_initials(short: str, long: str) -> bool:
    """Whether ``short`` spells ``long`` with initials for some of its words, in
    order ("James C. Kopp" / "James Charles Kopp", "J. Smith" / "John Smith")."""
    tokens = [w.lower().strip(".,") for w in short.split()]
    if not any(_is_initial(w) for w in tokens):
        return False
    rest = iter(w.lower().strip(".,") for w in long.split())
    return all(
        any(w == lw or (_is_initial(w) and not _is_initial(lw) and lw[:1] == w) for lw in rest)
        for w in tokens
    )


def _short_form(short: str, long: str, person: bool, spelled_out: Set[tuple[str, str]]) -> bool:
    """Whether ``short`` is another name for the fuller ``long``.

    People: the same surname (an Arabic article joined to it left aside: "Assad" /
    "Bashar al-Assad"), every word in ``long`` or the initial of one of its words
    ("Ross" / "Wilbur Ross", "James C. Kopp" / "James Charles Kopp").
    Organisations: one contained word ("Commerce" / "Commerce Department"); an
    acronym only for the name an article spells it out as, its initials
    (``spelled_out``: "BIS" / "Bureau of Industry and Security"), or for itself
    with a legal form ("BP" / "BP Plc"). A longer shared phrase is often a
    different body ("White House" / "White House National Economic Council"), and
    so is a longer name around an acronym ("FBI" / "FBI Laboratory").
    """
    words, longer = _words(short), _words(long)
    if person:
        same_surname = surname(short).lower().strip(".,") == surname(long).lower().strip(".,")
        return same_surname and (words < longer or _spelled_with_initials(short, long))
    if is_acronym(short):
        return (short, long) in spelled_out or (words < longer and longer - words <= LEGAL_FORMS)
    return len(words) == 1 and words < longer


def _canonical_map(
    counts: Counter[str], person: bool, spelled_out: Set[tuple[str, str]] = frozenset()
) -> dict[str, str]:
    """Map every name to the most frequent fuller name it is a short form of.

    Only names sharing a whole word (or, for an acronym, its initials) can
    qualify, so candidates come from a word index instead of every other name.
    """
    names = sorted(counts, key=lambda n: (tuple(-k for k in _fullness(n)), -counts[n], n))
    whole = {n: frozenset(w for w in _words(n) if not _is_initial(w)) for n in names}
    position = {n: i for i, n in enumerate(names)}
    by_word: dict[str, list[str]] = {}
    by_initials: dict[str, list[str]] = {}
    for n in names:
        for w in whole[n]:
            by_word.setdefault(w, []).append(n)
        by_initials.setdefault(initials(n), []).append(n)
    mapping: dict[str, str] = {}
    for name in names:
        pool: set[str] = set(names) if not whole[name] else set()
        if whole[name]:
            pool.update(by_word[min(whole[name], key=lambda w: len(by_word[w]))])
        if name.isupper():
            pool.update(by_initials.get(name, ()))
        best: str | None = None
        for longer in sorted(pool, key=position.__getitem__):
            # The same words spelled another way ("George W Bush" / "George W. Bush",
            # "al Maliki" / "al-Maliki") are one name: the first in ``names`` order.
            if whole[longer] and _words(longer) == _words(name) and longer != name:
                if position[longer] < position[name]:
                    best = mapping.get(longer, longer)
                    break
                continue
            if _fullness(longer) <= _fullness(name) and not name.isupper():
                continue
            if longer == name or not _short_form(name, longer, person, spelled_out):
                continue
            target = mapping.get(longer, longer)
            if best is None or counts[target] > counts[best]:
                best = target
        mapping[name] = best if best is not None else name
    return mapping


def _spelled_out(mentions: Sequence[EventMention], uses: Iterable[NameUse]) -> set[tuple[str, str]]:
    """(acronym, name) pairs the bundle spells out: an article printing "the Bureau
    of Industry and Security (BIS)", or naming both in one clause. Initials alone
    would tie "ABC" to any "American Bird Conservancy" of the bundle."""
    pairs = {
        (u.surface, u.name)
        for u in uses
        if u.label == "ORG" and is_acronym(u.surface) and u.surface != u.name
    }
    for m in mentions:
        spelled = {
            initials(n): n for n in m.organizations if len(n.split()) > 1 and not n.isupper()
        }
        pairs.update((n, spelled[n]) for n in m.organizations if is_acronym(n) and n in spelled)
    return pairs


class ActorIndex:
    """Canonical names for the people and organisations of a bundle's mentions."""

    def __init__(self, mentions: Sequence[EventMention], uses: Iterable[NameUse] = ()) -> None:
        """Index the names of ``mentions``; ``uses`` (how the articles printed each
        name) add the descriptions set beside a person's name and the acronyms
        articles spell out."""
        uses = list(uses)
        people: Counter[str] = Counter()
        orgs: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for m in mentions:
            people.update(m.people)
            orgs.update(m.organizations)
            places.update(m.places)
        # One word the bundle names as a place more often than as a person is the
        # place the recogniser mislabelled now and then: "Nepal" (a person in a few
        # sentences, a country in most) is not the Nepali politician Madhav Kumar
        # Nepal whom another article names.
        self._places = frozenset(
            n for n, c in people.items() if len(n.split()) == 1 and places[n] > c
        )
        # A person's short form must share the surname: "Ross" -> "Wilbur Ross",
        # never "Wilbur" -> "Wilbur Smith" by a first name alone.
        self._people = _canonical_map(
            Counter({n: c for n, c in people.items() if n not in self._places}), person=True
        )
        self._join_first_names(uses)
        # "Trump" in "the Trump administration" is tagged ORG; a name the bundle
        # uses for a person is not also an organisation, nor is one word it names
        # as a place more often ("Kinshasa" tagged ORG in two sentences, a place in
        # eight).
        personal = set(people) | {n.split()[-1] for n in people}
        self._orgs = _canonical_map(
            Counter(
                {
                    o: c
                    for o, c in orgs.items()
                    if o not in personal and not (len(o.split()) == 1 and places[o] > c)
                }
            ),
            person=False,
            spelled_out=_spelled_out(mentions, uses),
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

    def _join_first_names(self, uses: Sequence[NameUse]) -> None:
        """A first name alone is the one person of the bundle whose full name
        begins with it, when some article ties the two (prints "Saddam" for the
        "Saddam Hussein" it named in full): articles that print only "Saddam" mean
        him too. Never by the first name alone ("Wilbur" is no "Wilbur Smith"
        unless an article says so), nor when two people of the bundle share it."""
        tied: dict[str, set[str]] = {}
        titles = lexicon().titles
        for use in uses:
            words = use.name.split()
            if use.label != "PERSON" or len(words) < 2:
                continue
            short = clean_name(use.surface, titles)
            if short == words[0] and short != surname(use.name):
                tied.setdefault(short, set()).add(self.person(use.name))
        full = {n for n in self._people.values() if len(n.split()) > 1}
        for short, targets in tied.items():
            bearers = {n for n in full if n.split()[0] == short}
            if len(targets) != 1 or bearers != targets or self._people.get(short) != short:
                continue
            target = next(iter(targets))
            for alias, canonical in self._people.items():
                if canonical == short:
                    self._people[alias] = target

    def person(self, name: str) -> str:
        """The canonical form of a person's name."""
        return self._people.get(name, name)

    def acting_person(self, mention: EventMention) -> str | None:
        """The canonical person the mention says acted: its subject when that is a
        person's name, or a description the bundle ties to one person. The subject
        of a passive ("Huawei was added to the list") is what the event was done
        to, not who did it (:func:`_subject_acts`)."""
        subject = mention.subject
        if subject is None or not _subject_acts(mention) or subject in self._places:
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
        named = [self.person(p) for p in mention.people if p not in self._places]
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
