"""One article indexed once for the events stage: tokens by sentence, dependents, names.

:class:`ArticleView` holds what every step of the stage asks of a tagged article
(a token's dependents, a subtree, which entity a token belongs to, the article's
fullest form of a person's name), so each is computed once per article.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from huawei_timeline.events.lexicon import lexicon
from huawei_timeline.models import (
    Entity,
    Sentence,
    TaggedArticle,
    Token,
)

QUOTES = frozenset('"\u201c\u201d')
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


PERSON_LABELS = frozenset({"PERSON"})
DESCRIPTION_DEPS = frozenset({"det", "poss", "amod", "compound", "nmod", "nummod"})
"""Dependents before a noun that belong to its description ("Israel's prime minister")."""


ORG_LABELS = frozenset({"ORG"})


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


NAME_LABELS = PERSON_LABELS | ORG_LABELS | PLACE_LABELS | frozenset({"NORP"})


class ArticleView:
    """Index of one tagged article's tokens, entities and people seen so far."""

    def __init__(self, tagged: TaggedArticle) -> None:
        self.tagged = tagged
        self.parsed = tagged.parsed
        self.tokens = self.parsed.tokens
        self.lex = lexicon()
        # Dependents of each token, in text order: the parse is walked many times.
        self.kids: dict[int, list[Token]] = {}
        for tok in self.tokens:
            if tok.head != tok.i:
                self.kids.setdefault(tok.head, []).append(tok)
        self._subtrees: dict[tuple[int, int], tuple[Token, ...]] = {}
        # A person's full name set before a noun that names a thing after the
        # person ("the George H.W. Bush administration", "the John F. Kennedy
        # Center"; `named_after_nouns`): the person takes no part, and the
        # article's "Bush" is not them.
        self.entities = [e for e in self.parsed.entities if not self._names_a_thing(e)]
        # An article names a person in full once, then by surname: "Mr. Ross" is
        # the article's "Wilbur Ross".
        self.full_name: dict[str, str] = {}
        names = [
            name
            for ent in self.entities
            if ent.label in PERSON_LABELS
            and len((name := clean_name(ent.text, self.lex.titles)).split()) > 1
            and _looks_like_person(name)
        ]
        surnames = {name.split()[-1] for name in names}
        # A surname two people of the article share ("Bill Clinton", "Hillary
        # Clinton") names neither on its own where the recogniser saw no one.
        bearers: dict[str, set[str]] = {}
        for name in names:
            # Two surnames run together in a glued headline ("... Ron Paul says of
            # Mubarak Obama says ...") are nobody's full name.
            if name.split()[0] not in surnames:
                self.full_name.setdefault(name.split()[-1], name)
                # "Bashar al-Assad" is the article's "Assad" too
                self.full_name.setdefault(surname(name), name)
                for key in {name.split()[-1], surname(name)}:
                    bearers.setdefault(key, set()).add(name)
        shared = {key for key, people in bearers.items() if len(people) > 1}
        # A person told by the first word of the name alone ("Saddam" after "Saddam
        # Hussein", "Elian" after "Elian Gonzalez"), when only one person of the
        # article has that first word and it is nobody's surname. Not a "name" in a
        # title-cased headline glued to the text ("Obama Outlines His Plans ..."),
        # nor an epithet ("William the Conqueror" is no Prince William).
        firsts: dict[str, set[str]] = {}
        for ent in self.entities:
            name = clean_name(ent.text, self.lex.titles)
            words = name.split()
            if (
                ent.label not in PERSON_LABELS
                or len(words) < 2
                or not _looks_like_person(name)
                or not all(any(c.isalpha() for c in w) for w in words)
                or any(w in ("the", "of") for w in words)
                or self._in_title_case(ent.token_end)
            ):
                continue
            first = words[0]
            if len(first) > 1 and first[:1].isupper() and first[-1].isalpha():
                firsts.setdefault(first, set()).add(name)
        self.given_name = {
            first: min(people)
            for first, people in firsts.items()
            if len(people) == 1 and first not in bearers
        }
        self.entities = self._surnames_as_people(self._surnames_missed(self.entities, shared))
        self.entity_at: dict[int, tuple[str, str]] = {}
        for ent in self.entities:
            for i in range(ent.token_start, ent.token_end):
                self.entity_at[i] = (ent.label, ent.text)
        self.last_person: str | None = None
        # The person who was subject of the last sentence naming anyone (None when
        # that sentence named people only as objects): "he" and "she" stand for the
        # subject before them rather than the last name ("Bachelet defended her
        # decision to deny Augusto Pinochet a state funeral. ... she said.").
        self.last_subject: str | None = None
        # Who each title was given to so far, and how often each person was named:
        # "the president" is the most named of them ("President Obama" told the
        # story; a "President Clinton" recalled once is not who "the president" is).
        self.titled: dict[str, list[str]] = {}
        self.person_counts: Counter[str] = Counter()
        self.org_by_head: dict[str, str] = {}
        self.trigger_at: dict[str, Token] = {}
        self.org_counts: Counter[str] = Counter()

    def _in_title_case(self, after: int) -> bool:
        """Whether the two words from token ``after`` on are capitalised, as in a
        headline ("Obama Outlines His Plans for Economic Recovery")."""
        words = [t for t in self.tokens[after : after + 3] if any(c.isalpha() for c in t.text)]
        return len(words) >= 2 and all(t.text[:1].isupper() for t in words[:2])

    def titled_otherwise(self, name: str, pronoun: str) -> bool:
        """Whether the article titles ``name`` only as the other sex than
        ``pronoun`` says ("king George V" for "she")."""
        given = {title for title, names in self.titled.items() if name in names}
        male, female = given & self.lex.male_titles, given & self.lex.female_titles
        if pronoun in _FEMININE:
            return bool(male) and not female
        return bool(female) and not male

    def person_by_title(self, title: str) -> str | None:
        """The person a bare title ("the president") stands for: of those the
        article has given it so far, the one it named most, the latest on a tie."""
        given = self.titled.get(title)
        if not given:
            return None
        return max(reversed(given), key=lambda name: self.person_counts[name])

    def _surnames_missed(self, entities: list[Entity], shared: set[str]) -> list[Entity]:
        """``entities`` and a person for each lone surname the recogniser left
        unlabelled, of a person the article names in full: after "former CIA director
        Robert Gates", the "Gates" of "Gates, who was born in September 1943, served
        in the CIA" is him (the small model labels a name in one sentence and misses it
        in the next; one name keeps one reading through an article). Not a word of a
        longer name ("Gates Foundation", "Melinda Gates"), nor a surname two people
        of the article share."""
        covered = {i for e in self.parsed.entities for i in range(e.token_start, e.token_end)}
        found: list[Entity] = []
        for tok in self.tokens:
            if (
                tok.pos != "PROPN"
                or tok.i in covered
                or tok.text not in self.full_name
                or tok.text in shared
                or not tok.text[:1].isupper()
                or self._in_longer_name(tok)
            ):
                continue
            found.append(
                Entity(
                    start=tok.start,
                    end=tok.end,
                    text=tok.text,
                    label="PERSON",
                    token_start=tok.i,
                    token_end=tok.i + 1,
                )
            )
        return sorted([*entities, *found], key=lambda e: e.token_start) if found else entities

    def _in_longer_name(self, tok: Token) -> bool:
        """A proper noun or a hyphen right before or after ``tok`` makes it a word of a
        longer name ("Gates Foundation", "the Salah al-Din district"), and so does
        modifying a noun ("the Din district")."""
        neighbours = [self.tokens[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(self.tokens)]
        return tok.dep == "compound" or any(
            (n.pos == "PROPN" and n.text[:1].isupper()) or n.text in ("-", "\u2010", "\u2011")
            for n in neighbours
        )

    def _surnames_as_people(self, entities: list[Entity]) -> list[Entity]:
        """A lone surname of a person the article names in full, which the
        recogniser took for a place or an organisation in one sentence ("Kopp, 44,
        of St. Albans, Vt., became ...": a GPE) but for a person when it stood
        alone elsewhere in the article more often than not, is that person."""
        alone: Counter[tuple[str, bool]] = Counter()
        for ent in entities:
            if ent.token_end - ent.token_start == 1:
                alone[ent.text, ent.label in PERSON_LABELS] += 1
        out = []
        for ent in entities:
            if (
                ent.label in NAME_LABELS - PERSON_LABELS
                and ent.token_end - ent.token_start == 1
                and ent.text in self.full_name
                and alone[ent.text, True] > alone[ent.text, False]
            ):
                ent = ent.model_copy(update={"label": "PERSON"})
            out.append(ent)
        return out

    def _names_a_thing(self, ent: Entity) -> bool:
        """A person's name of two words or more modifying a noun that it names
        after the person ("administration", "center": ``named_after_nouns``)."""
        if ent.label not in PERSON_LABELS or ent.token_end - ent.token_start < 2:
            return False
        for tok in self.tokens[ent.token_start : ent.token_end]:
            if not ent.token_start <= tok.head < ent.token_end:
                head = self.tokens[tok.head]
                return tok.dep == "compound" and head.lemma.lower() in self.lex.named_after_nouns
        return False

    def person(self, name: str) -> str:
        """The article's fullest form of a person's name: the full name a surname or
        a first name alone stands for (``full_name``, ``given_name``)."""
        if len(name.split()) != 1:
            return name
        return self.full_name.get(name) or self.given_name.get(name, name)

    def name(self, label: str, text: str) -> str:
        """The article-level name of an entity, or "" when it names no one.

        Titles, articles and possessives go ("Mr. Ross's" -> "Ross"); a person's name
        becomes the article's fullest form of it ("Wilbur Ross"), and a "person" with
        no lower-case letter ("G20") is a mislabelled thing, not a person. A time
        zone ("0630 GMT") names no one, whatever spaCy labels it, and the article's
        own outlet ("told Xinhua on Friday", in a Xinhua report) is no person. Any
        other name loses only a courtesy title ("Mr Holder" -> "Holder"): "General
        Motors" and "the Justice Department" keep theirs.
        """
        person = label in PERSON_LABELS
        name = clean_name(text, self.lex.titles if person else self.lex.courtesy_titles)
        if name in self.lex.time_zones:
            return ""
        if not person:
            return name
        if name.casefold() == self.parsed.article.meta.outlet.casefold():
            return ""
        return self.person(name) if _looks_like_person(name) else ""

    def appositive_person(self, noun: Token) -> str | None:
        """The person a common noun is set beside: "Israel's prime minister, Benjamin
        Netanyahu" and "Benjamin Netanyahu, Israel's prime minister" both tie the
        description to the name (the parser's ``appos``, either way round)."""
        if noun.pos != "NOUN":
            return None
        beside = [t for t in self.kids.get(noun.i, ()) if t.dep == "appos"]
        if noun.dep == "appos" and noun.head != noun.i:
            beside.append(self.tokens[noun.head])
        for tok in beside:
            entity = self.entity_at.get(tok.i)
            if entity is not None and entity[0] in PERSON_LABELS and (name := self.name(*entity)):
                return name
        return None

    def description(self, noun: Token) -> str:
        """A common noun with the words before it that say whose or which one it is,
        as printed: "Israel's prime minister", "the U.S. defense secretary"."""
        first = noun.i
        for child in self.kids.get(noun.i, ()):
            if child.i < noun.i and child.dep in DESCRIPTION_DEPS:
                first = min(first, self._leftmost(child))
        return self.parsed.article.text[self.tokens[first].start : noun.end]

    def _leftmost(self, tok: Token) -> int:
        """The first token of ``tok``'s subtree."""
        kids = self.kids.get(tok.i)
        return min(tok.i, self._leftmost(kids[0])) if kids else tok.i

    def children(self, tok: Token, sentence: Sentence) -> list[Token]:
        """The token's dependents within the sentence, in text order."""
        return [
            t for t in self.kids.get(tok.i, ()) if sentence.token_start <= t.i < sentence.token_end
        ]

    def subtree(self, tok: Token, sentence: Sentence) -> list[Token]:
        """The token and everything that depends on it, in text order (each
        subtree is walked once per article: the stages ask for the same ones)."""
        key = (tok.i, sentence.index)
        known = self._subtrees.get(key)
        if known is None:
            members = {tok.i}
            stack = [tok]
            while stack:
                for child in self.children(stack.pop(), sentence):
                    if child.i not in members:
                        members.add(child.i)
                        stack.append(child)
            known = self._subtrees[key] = tuple(self.tokens[i] for i in sorted(members))
        return list(known)


def _looks_like_person(name: str) -> bool:
    """Person names have lower-case letters (spaCy sometimes labels "G20" a person)
    and do not end in a word that makes them a modifier, joined by a hyphen
    (``name_modifier_suffixes``: "Saddam Hussein-era prisons" names a time, not
    the man; "Ban Ki-moon" is a person), nor in the head word of a place's or a
    gathering's name (``place_name_heads``: "Tahrir Square", "Joint Meeting")."""
    suffix = name.rsplit("-", 1)[1] if "-" in name else ""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in lexicon().place_name_heads:
        return False  # "Tahrir Square", "Mitiga Airport": a place the recogniser mislabelled
    return any(c.islower() for c in name) and suffix not in lexicon().name_modifier_suffixes


_NAME_ARTICLE: Final = re.compile(r"^(?:al|el)-(?=\w)", re.IGNORECASE)


def surname(name: str) -> str:
    """The last word of a person's name without an Arabic article joined to it:
    "Bashar al-Assad" -> "Assad", "Nabil el-Araby" -> "Araby" (news writes both the
    full name and the bare "Assad")."""
    words = name.split()
    return _NAME_ARTICLE.sub("", words[-1]) if words else ""


def initials(name: str) -> str:
    """The capitals that start a name's words: "Bureau of Industry and Security" -> "BIS"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def is_acronym(name: str) -> bool:
    """A name in capitals, "FBI" or "U.N.": a whole name, not a word of a longer one."""
    return name.isupper() and len(name) > 1


_TRAILING_FUNCTION_WORDS: Final = frozenset({"of", "the", "and", "for", "in", "on", "at", "to"})
_QUOTE_MARKS: Final = "'\"`\u2018\u2019\u201c\u201d"


def _has_alnum(word: str) -> bool:
    return any(c.isalnum() for c in word)


_FEMININE: Final = frozenset({"she", "her", "hers", "herself"})

# A prefix glued to a name makes an adjective of it: "pro-Taliban" names no group.
_PREFIXED: Final = re.compile(r"(?:pro|anti|post|pre|non|neo|ultra|pan)-")


def clean_name(name: str, titles: frozenset[str]) -> str:
    """Strip titles, articles, a leading function word or prefixed adjective,
    possessives, function words and dashes left at either end, and quotation marks
    around it: "Mr. Ross's" -> "Ross", "under Mubarak" -> "Mubarak", "'Free World '
    of the" -> "Free World", "-- Ahmed Rehab" -> "Ahmed Rehab", "pro-Western Fatah"
    -> "Fatah", "pro-Taliban" -> ""; a name made a modifier by a hyphenated word
    (``name_modifier_suffixes``: "U.S.-led") is none: ""."""
    words = name.replace("\u2019", "'").split()
    stray = lexicon().not_name_starts
    for _ in range(2):  # once more after an opening quotation mark: "\u201cThe Guardian\u201d"
        while words and (
            words[0].lower() in titles
            or words[0].lower() == "the"
            or words[0] in stray
            or _PREFIXED.match(words[0])
        ):
            words = words[1:]
        if not words or words[0][0] not in _QUOTE_MARKS:
            break
        words = [words[0].lstrip(_QUOTE_MARKS), *words[1:]]
        words = [w for w in words if w]
    while words and (words[-1] in _TRAILING_FUNCTION_WORDS or not _has_alnum(words[-1])):
        # a span the parser ran on into the next phrase: "'Free World ' of the",
        # "David Cameron - and"
        words = words[:-1]
    while words and not _has_alnum(words[0]):
        words = words[1:]  # "-- Ahmed Rehab"
    if words and words[-1] in ("'s", "'"):
        words = words[:-1]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    cleaned = " ".join(words).strip(" ,.;:").strip(_QUOTE_MARKS).strip()
    if "-" in cleaned and cleaned.rsplit("-", 1)[1] in lexicon().name_modifier_suffixes:
        return ""  # "U.S.-led", "Taliban-linked": a modifier made of a name
    # A name has a capital letter; spaCy sometimes labels stray tokens.
    return cleaned if any(c.isupper() for c in cleaned) else ""
