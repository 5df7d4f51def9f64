"""Stage 5 — events: sentence-level event mentions from the dependency parse.

A mention is a predicate (a verb, or an event noun such as "announcement") with
its principal actor, its keywords and its date. The date is the time expression
attached to the predicate; a sentence's main predicate without a date of its
own still yields an *undated* mention, which the merge stage may attach to an
event it clearly reports ("Wilbur Ross confirmed to an export controls
conference that ...").

Word lists (reporting verbs, event nouns, titles, modality markers) live in
``resources/events.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from huawei_timeline.models import (
    Entity,
    EventDate,
    EventMention,
    MentionKind,
    Modality,
    NameUse,
    Sentence,
    SkippedExpression,
    TaggedArticle,
    TimeExpression,
    Token,
    Voice,
)
from huawei_timeline.timex.values import REFERENCE_VALUES, interval_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
AGENT_PREPOSITIONS = frozenset({"by", "from"})
NOMINAL_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
SPEECH_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "dobj"})
QUOTES = frozenset('"\u201c\u201d')
QUOTED = re.compile('[\u201c"]([^\u201c\u201d"]+)(?:[\u201d"]|$)')
MIN_QUOTE_WORDS = 3
QUOTE_SHINGLE = 4
QUOTE_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
CONTEXT_TAGS = frozenset({"VBD"})
MAX_HEAD_STEPS = 6
MIN_ING_STEM = 4
MAX_SUMMARY_TOKENS = 40
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
    consideration_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    planning_verbs: frozenset[str]
    function_words: frozenset[str]
    generic_org_nouns: frozenset[str]
    titles: frozenset[str]
    goal_prepositions_to: frozenset[str]
    goal_prepositions_from: frozenset[str]
    light_verbs: frozenset[str]
    support_verbs: frozenset[str]
    casualty_verbs: frozenset[str]
    casualty_prepositions: frozenset[str]


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


def is_datable(expression: TimeExpression) -> bool:
    """True when the expression names a calendar period an event can be placed in."""
    return expression.type in ("DATE", "TIME") and interval_of(expression.value) is not None


def event_date(expression: TimeExpression) -> EventDate:
    """The event date an expression gives."""
    return EventDate(
        value=expression.value,
        type=expression.type,
        mod=expression.mod,
        granularity=expression.granularity,
    )


class _ArticleView:
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
        self.entity_at: dict[int, tuple[str, str]] = {}
        for ent in self.parsed.entities:
            for i in range(ent.token_start, ent.token_end):
                self.entity_at[i] = (ent.label, ent.text)
        self.last_person: str | None = None
        self.person_by_title: dict[str, str] = {}
        self.org_by_head: dict[str, str] = {}
        self.anchor_tag: dict[str, str] = {}
        self.org_counts: Counter[str] = Counter()
        # An article names a person in full once, then by surname: "Mr. Ross" is
        # the article's "Wilbur Ross".
        self.full_name: dict[str, str] = {}
        for ent in self.parsed.entities:
            name = _clean_name(ent.text, self.lex.titles) if ent.label == "PERSON" else ""
            if len(name.split()) > 1 and _looks_like_person(name):
                self.full_name.setdefault(name.split()[-1], name)

    def person(self, name: str) -> str:
        """The article's fullest form of a person's name."""
        return self.full_name.get(name, name) if len(name.split()) == 1 else name

    def children(self, tok: Token, sentence: Sentence) -> list[Token]:
        """The token's dependents within the sentence, in text order."""
        return [
            t for t in self.kids.get(tok.i, ()) if sentence.token_start <= t.i < sentence.token_end
        ]

    def subtree(self, tok: Token, sentence: Sentence) -> list[Token]:
        """The token and everything that depends on it, in text order."""
        members = {tok.i}
        stack = [tok]
        while stack:
            for child in self.children(stack.pop(), sentence):
                if child.i not in members:
                    members.add(child.i)
                    stack.append(child)
        return [self.tokens[i] for i in sorted(members)]


@dataclass(frozen=True)
class ArticleEvents:
    """What the events stage yields for one article."""

    mentions: list[EventMention]
    names: list[NameUse]
    skipped: list[SkippedExpression]


def analyse_article(tagged: TaggedArticle) -> ArticleEvents:
    """Mentions, names and skipped expressions of one article, from one pass of indexing."""
    view = _ArticleView(tagged)
    return ArticleEvents(
        mentions=_extract_mentions(view),
        names=_name_uses(view),
        skipped=_skipped_expressions(view),
    )


def extract_mentions(tagged: TaggedArticle) -> list[EventMention]:
    """All event mentions of one article, dated and undated, in text order."""
    return _extract_mentions(_ArticleView(tagged))


def _extract_mentions(view: _ArticleView) -> list[EventMention]:
    tagged = view.tagged
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in tagged.time_expressions:
        if expression.sentence_index is not None and is_datable(expression):
            by_sentence.setdefault(expression.sentence_index, []).append(expression)
    mentions: list[EventMention] = []
    for sentence in view.parsed.sentences:
        mentions.extend(_sentence_mentions(view, sentence, by_sentence.get(sentence.index, [])))
        _remember_entities(view, sentence)
    return _carry_speech_dates(view, mentions)


def name_uses(tagged: TaggedArticle) -> list[NameUse]:
    """Every person and organisation the article names: surface text and article-level name.

    The surface text is what the article printed ("Mr. Ross"); the name is what
    the events stage calls that actor in this article ("Wilbur Ross").
    """
    return _name_uses(_ArticleView(tagged))


def _name_uses(view: _ArticleView) -> list[NameUse]:
    text_spans = [(s.start, s.end) for s in view.parsed.segments if s.kind == "text"]
    uses: list[NameUse] = []
    for ent in view.parsed.entities:
        if ent.label not in PERSON_LABELS | ORG_LABELS:
            continue
        if not any(start <= ent.start < end for start, end in text_spans):
            continue
        name = _clean_name(ent.text, view.lex.titles)
        if ent.label in PERSON_LABELS:
            name = view.person(name) if _looks_like_person(name) else ""
        if name:
            label = "PERSON" if ent.label in PERSON_LABELS else "ORG"
            uses.append(NameUse(label=label, surface=_surface(view, ent), name=name))
    return uses


def _surface(view: _ArticleView, ent: Entity) -> str:
    """The entity as printed, with the titles before it and without a possessive."""
    first = ent.token_start
    while first > 0 and view.tokens[first - 1].text.lower() in view.lex.titles:
        first -= 1
    text = view.parsed.article.text[view.tokens[first].start : ent.end].strip()
    return re.sub("['\u2019]s?$", "", text).strip()


def skipped_expressions(tagged: TaggedArticle) -> list[SkippedExpression]:
    """Every time expression that dates no event, with the reason; nothing is lost silently.

    Page furniture was already set aside by the temporal tagger; here the body
    expressions that no event mention uses are added.
    """
    return _skipped_expressions(_ArticleView(tagged))


def _skipped_expressions(view: _ArticleView) -> list[SkippedExpression]:
    tagged = view.tagged
    sentences = {s.index: s for s in view.parsed.sentences}
    first_date_of: dict[int, int] = {}
    skipped = list(tagged.skipped)
    for expression in tagged.time_expressions:
        reason = _unusable(expression)
        index = expression.sentence_index
        sentence = sentences.get(index) if index is not None else None
        if reason is None and sentence is not None:
            anchor = _anchor_of(view, sentence, expression)
            if anchor is None:
                reason = "describes a thing, not an event"
            elif first_date_of.setdefault(anchor.i, expression.start) != expression.start:
                reason = "second date of the same event (a range end)"
        elif reason is None:
            reason = "outside any sentence"
        if reason is not None:
            skipped.append(
                SkippedExpression(
                    text=expression.text,
                    start=expression.start,
                    end=expression.end,
                    reason=reason,
                )
            )
    return sorted(skipped, key=lambda s: (s.start, s.end))


def _unusable(expression: TimeExpression) -> str | None:
    """Why an expression cannot date an event on a calendar, if it cannot."""
    if expression.type == "DURATION":
        return "duration without an anchor"
    if expression.type == "SET":
        return "recurring time (SET)"
    if expression.value in REFERENCE_VALUES:
        return "vague reference (" + expression.value + ")"
    if not is_datable(expression):
        return "no calendar interval"
    return None


def _carry_speech_dates(view: _ArticleView, mentions: list[EventMention]) -> list[EventMention]:
    """Date "Mr. Ross said ..." by the same speaker's last dated statement in the article.

    Only simple-past reporting ("said", "added") continues an occasion already
    dated; "has long argued" does not. The carried date is marked ``context``.
    """
    last: dict[str, EventMention] = {}
    carried: list[EventMention] = []
    for m in mentions:
        speaker = m.subject if m.subject in m.people else None
        if m.kind == "speech" and speaker is not None:
            if m.date is not None and m.date_source == "own":
                last[speaker] = m
            elif m.date is None and speaker in last and _simple_past(view, m):
                source = last[speaker]
                m = m.model_copy(update={"date": source.date, "date_source": "context"})
        carried.append(m)
    return carried


def _simple_past(view: _ArticleView, mention: EventMention) -> bool:
    return view.anchor_tag.get(mention.id) in CONTEXT_TAGS


def _sentence_mentions(
    view: _ArticleView, sentence: Sentence, expressions: Sequence[TimeExpression]
) -> list[EventMention]:
    anchors: dict[int, list[TimeExpression]] = {}
    for expression in expressions:
        anchor = _anchor_of(view, sentence, expression)
        if anchor is not None:
            anchors.setdefault(anchor.i, []).append(expression)
    root = _sentence_root(view, sentence)
    found = [
        _mention(view, sentence, view.tokens[i], dates) for i, dates in sorted(anchors.items())
    ]
    if root is not None and root.i not in anchors and root.pos in ("VERB", "AUX"):
        found.append(_mention(view, sentence, root, []))
        if root.lemma.lower() in view.lex.reporting_verbs:
            # "X said it had placed the company on a list": the reported event too.
            found.extend(
                _mention(view, sentence, c, [])
                for c in view.children(root, sentence)
                if c.dep == "ccomp" and c.pos == "VERB" and c.i not in anchors
            )
    taken = set(anchors) | ({root.i} if root is not None else set())
    for noun in _agentive_event_nouns(view, sentence):
        if noun.i not in taken:
            taken.add(noun.i)
            found.append(_mention(view, sentence, noun, []))
    # A happening already reported through a light or casualty verb is not repeated.
    named = {m.predicate for m in found}
    for noun in _happening_nouns(view, sentence):
        if noun.i not in taken and noun.lemma.lower() not in named:
            taken.add(noun.i)
            named.add(noun.lemma.lower())
            found.append(_mention(view, sentence, noun, []))
    return found


def _happening_nouns(view: _ArticleView, sentence: Sentence) -> list[Token]:
    """Nouns naming a kind of happening (``event_classes``): "deplored the bomb blasts".

    Undated, they can only join an event of the same kind that another
    sentence dates.
    """
    return [
        tok
        for tok in view.tokens[sentence.token_start : sentence.token_end]
        if tok.pos == "NOUN" and event_class(tok.lemma.lower()) is not None
    ]


def _agentive_event_nouns(view: _ArticleView, sentence: Sentence) -> list[Token]:
    """Event nouns whose agent is named: "a G20 summit directive from President Trump".

    Without a date of their own they can still join the dated event they name.
    """
    found = []
    for tok in view.tokens[sentence.token_start : sentence.token_end]:
        if tok.pos != "NOUN" or tok.lemma.lower() not in view.lex.event_nouns:
            continue
        head, _ = _subject(view, sentence, tok)
        if head is not None and _principal_actor(view, head, [head])[0] is not None:
            found.append(tok)
    return found


def _sentence_root(view: _ArticleView, sentence: Sentence) -> Token | None:
    for tok in view.tokens[sentence.token_start : sentence.token_end]:
        if tok.head == tok.i and tok.pos != "SPACE":
            return tok
    return None


def _anchor_of(view: _ArticleView, sentence: Sentence, expression: TimeExpression) -> Token | None:
    """The predicate a time expression dates: an adjacent event noun, else the governing verb.

    None when the expression only describes a thing ("this year's defence act").
    """
    span = [
        t
        for t in view.tokens[sentence.token_start : sentence.token_end]
        if t.start < expression.end and t.end > expression.start
    ]
    if not span:
        return view.tokens[sentence.token_start]
    possessed = _possessed_noun(view, sentence, span[-1])
    if possessed is not None:
        return possessed if possessed.lemma.lower() in view.lex.event_nouns else None
    noun = _adjacent_event_noun(view, sentence, span[0])
    if noun is not None:
        return noun
    inside = {t.i for t in span}
    current = next((t for t in span if t.head not in inside or t.head == t.i), span[0])
    head = view.tokens[current.head]
    if (
        current.dep in NOMINAL_MODIFIER_DEPS
        and head.pos in ("NOUN", "PROPN")
        and head.lemma.lower() not in view.lex.event_nouns
    ):
        return None
    for _ in range(MAX_HEAD_STEPS):
        head = view.tokens[current.head]
        if head.i == current.i:
            break
        if head.pos in ("VERB", "AUX") and head.dep not in ("aux", "auxpass"):
            return _main_event(view, sentence, head)
        if head.pos == "NOUN" and head.lemma.lower() in view.lex.event_nouns:
            return head
        current = head
    root = _sentence_root(view, sentence)
    return root if root is not None else span[0]


def _main_event(view: _ArticleView, sentence: Sentence, verb: Token) -> Token:
    """A subjectless participle clause dates the clause it hangs on.

    "Speaking elsewhere on Tuesday, Ash Carter said ..." dates the saying.
    """
    if verb.dep != "advcl" or verb.tag not in ("VBG", "VBN") or verb.head == verb.i:
        return verb
    if any(c.dep in SUBJECT_DEPS for c in view.children(verb, sentence)):
        return verb
    head = view.tokens[verb.head]
    return head if head.pos == "VERB" else verb


def _possessed_noun(view: _ArticleView, sentence: Sentence, last: Token) -> Token | None:
    """The noun a possessive date modifies: "this year's defence act" -> "act".

    Found by position, not by the parse, which often gets such phrases wrong.
    """
    after = last.i + 1
    if after >= sentence.token_end or view.tokens[after].tag != "POS":
        return None
    for tok in view.tokens[after + 1 : sentence.token_end]:
        if tok.pos in ("NOUN", "PROPN") and tok.dep != "compound":
            return tok
    return None


def _adjacent_event_noun(view: _ArticleView, sentence: Sentence, first: Token) -> Token | None:
    """An event noun right before the expression, possibly across one preposition."""
    i = first.i - 1
    if i >= sentence.token_start and view.tokens[i].pos == "ADP":
        i -= 1
    if i < sentence.token_start:
        return None
    tok = view.tokens[i]
    if tok.pos == "NOUN" and tok.lemma.lower() in view.lex.event_nouns:
        return tok
    return None


def _mention(
    view: _ArticleView, sentence: Sentence, anchor: Token, dates: Sequence[TimeExpression]
) -> EventMention:
    lex = view.lex
    expression = dates[0] if dates else None
    head, subject_tokens = _subject(view, sentence, anchor)
    clause = view.subtree(anchor, sentence)
    actor, is_person = _principal_actor(view, head, subject_tokens)
    people = _entities(view, clause + subject_tokens, PERSON_LABELS, lex.titles)
    if actor is not None and is_person and actor not in people:
        people.insert(0, actor)
    in_subject = {t.i for t in subject_tokens}
    kind = _kind(view, sentence, anchor)
    mention_id = f"{view.parsed.article.meta.id}:{sentence.index}:{anchor.i - sentence.token_start}"
    view.anchor_tag[mention_id] = anchor.tag
    return EventMention(
        id=mention_id,
        article_id=view.parsed.article.meta.id,
        sentence_index=sentence.index,
        start=sentence.start,
        end=sentence.end,
        sentence=sentence.text,
        kind=kind,
        predicate=_predicate(view, sentence, anchor),
        subject=actor if actor is not None else _text(subject_tokens) or None,
        object=_object(view, sentence, anchor),
        goal=_goal(view, sentence, anchor),
        voice=_voice(view, sentence, anchor),
        content=_summary(view, sentence, anchor, subject_tokens, dates),
        people=people,
        organizations=_entities(view, clause + subject_tokens, ORG_LABELS, lex.titles),
        places=_entities(view, clause + subject_tokens, PLACE_LABELS, lex.titles),
        keywords=_keywords(
            view,
            [t for t in _context(view, sentence, anchor, clause, in_subject) if t.i != anchor.i],
            dates,
        ),
        quotes=_quotes(sentence.text) if kind == "speech" else [],
        modality=_modality(view, sentence, anchor),
        time_expression=expression,
        date=event_date(expression) if expression is not None else None,
        date_source="own" if expression is not None else None,
    )


def _context(
    view: _ArticleView,
    sentence: Sentence,
    anchor: Token,
    clause: Sequence[Token],
    in_subject: set[int],
) -> list[Token]:
    """Tokens whose words describe the event: the clause, or the sentence for a noun.

    An event noun says little by itself ("comments", "announcement"); what the
    sentence says around it is what other reports of the event share.
    """
    if anchor.pos in ("NOUN", "PROPN"):
        return list(view.tokens[sentence.token_start : sentence.token_end])
    return [t for t in clause if t.i not in in_subject]


def _quotes(text: str) -> list[str]:
    """Quoted passages of a sentence; an unclosed quote runs to the sentence end."""
    return [q.strip() for q in QUOTED.findall(text) if len(q.split()) >= MIN_QUOTE_WORDS]


QuoteShingle = tuple[str, ...]


def quote_shingles(quotes: Sequence[str]) -> frozenset[QuoteShingle]:
    """Runs of four quoted words that say something: two or more content words.

    Two reports share wording when they share at least two such runs.
    """
    function_words = lexicon().function_words
    shingles: set[QuoteShingle] = set()
    for quote in quotes:
        words = QUOTE_WORD.findall(quote.replace("\u2019", "'"))
        for k in range(len(words) - QUOTE_SHINGLE + 1):
            run = words[k : k + QUOTE_SHINGLE]
            content = [w for w in run if w.lower() not in function_words and not w[0].isupper()]
            if len(content) >= 2:
                shingles.add(tuple(w.lower() for w in run))
    return frozenset(shingles)


def _kind(view: _ArticleView, sentence: Sentence, anchor: Token) -> MentionKind:
    """Speech when a reporting verb introduces what was said, nominal for event nouns."""
    if anchor.pos in ("NOUN", "PROPN"):
        return "nominal"
    if anchor.lemma.lower() in view.lex.reporting_verbs and (
        any(c.dep in SPEECH_COMPLEMENT_DEPS for c in view.children(anchor, sentence))
        or any(q in sentence.text for q in QUOTES)
    ):
        return "speech"
    return "action"


def _predicate(view: _ArticleView, sentence: Sentence, anchor: Token) -> str:
    """The lemma naming the event: the anchor's, or the event noun a light verb reports.

    "The car bombings occurred ..." reports bombings; "four people were killed
    in an explosion" reports the explosion (``light_verbs``, ``casualty_verbs``).
    """
    lemma = anchor.lemma.lower()
    if anchor.pos not in ("VERB", "AUX"):
        return lemma
    lex = view.lex
    children = view.children(anchor, sentence)
    objects = [c.lemma.lower() for c in children if c.dep == "dobj"]
    if lemma in lex.light_verbs or any(f"{lemma} {o}" in lex.light_verbs for o in objects):
        for child in children:
            if child.dep == "nsubj" and _names_event(view, child):
                return child.lemma.lower()
    if lemma in lex.casualty_verbs:
        for child in children:
            if child.dep == "prep" and child.lemma.lower() in lex.casualty_prepositions:
                for obj in view.children(child, sentence):
                    if obj.dep == "pobj" and _names_event(view, obj):
                        return obj.lemma.lower()
    return lemma


def _names_event(view: _ArticleView, noun: Token) -> bool:
    word = noun.lemma.lower()
    return noun.pos == "NOUN" and (word in view.lex.event_nouns or event_class(word) is not None)


def _object(view: _ArticleView, sentence: Sentence, anchor: Token) -> str | None:
    """What the event was done to: the direct object, or the subject of a passive.

    A past participle describing a noun acts on that noun: in "Huawei, added to
    the list in May, ..." the object is Huawei.
    """
    for child in view.children(anchor, sentence):
        if child.dep in ("dobj", "nsubjpass"):
            return _argument(view, child)
    if anchor.dep == "acl" and anchor.tag == "VBN" and anchor.head != anchor.i:
        return _argument(view, view.tokens[anchor.head])
    return None


def _argument(view: _ArticleView, noun: Token) -> str:
    """A participant's name: the entity it is part of, the story's company, or its lemma."""
    entity = view.entity_at.get(noun.i)
    if entity is not None:
        return _clean_name(entity[1], view.lex.titles) or noun.lemma.lower()
    return _story_org(view, noun) or noun.lemma.lower()


def _goal(view: _ArticleView, sentence: Sentence, anchor: Token) -> str | None:
    """Where what a verb moves goes to or comes from: "to blacklist", "from list".

    The direction comes from the preposition (``goal_prepositions_*`` in
    ``resources/events.toml``), the place from the head of its object. Event
    nouns have none: "a threat to security" moves nothing.
    """
    if anchor.pos not in ("VERB", "AUX"):
        return None
    lex = view.lex
    # The parser often hangs the prepositional phrase of "placed Huawei and 68
    # affiliates on its Entity List" on the object; it still says where they went.
    holders = [anchor]
    for child in view.children(anchor, sentence):
        if child.dep == "dobj" and child.lemma.lower() not in lex.event_nouns:
            holders.append(child)
            holders.extend(c for c in view.children(child, sentence) if c.dep == "conj")
    preps = [c for holder in holders for c in view.children(holder, sentence)]
    for child in preps:
        word = child.lemma.lower()
        if child.dep != "prep" or child.ent_type in ("DATE", "TIME"):
            continue
        if word in lex.goal_prepositions_to:
            direction = "to"
        elif word in lex.goal_prepositions_from:
            direction = "from"
        else:
            continue
        for obj in view.children(child, sentence):
            if obj.dep == "pobj" and obj.ent_type not in ("DATE", "TIME"):
                return f"{direction} {_argument(view, obj)}"
    return None


def _voice(view: _ArticleView, sentence: Sentence, anchor: Token) -> Voice:
    """Passive when the verb has a passive auxiliary or subject."""
    passive = anchor.pos in ("VERB", "AUX") and any(
        c.dep in ("auxpass", "nsubjpass", "csubjpass") for c in view.children(anchor, sentence)
    )
    return "passive" if passive else "active"


def _story_org(view: _ArticleView, noun: Token) -> str | None:
    """ "the company" as the organisation the article has named most so far."""
    if noun.lemma.lower() not in view.lex.generic_org_nouns or not view.org_counts:
        return None
    return view.org_counts.most_common(1)[0][0]


def _subject(
    view: _ArticleView, sentence: Sentence, anchor: Token
) -> tuple[Token | None, list[Token]]:
    """The anchor's subject head and phrase (or agent, or possessor).

    Subjectless clauses inherit the subject of the verb they depend on.
    """
    current = anchor
    for _ in range(MAX_HEAD_STEPS):
        children = [
            c for c in view.children(current, sentence) if c.ent_type not in ("DATE", "TIME")
        ]
        nominal = current.pos in ("NOUN", "PROPN")
        wanted = ("poss", "nmod") if nominal else tuple(SUBJECT_DEPS)
        for dep in wanted:
            for child in children:
                if child.dep == dep:
                    return child, view.subtree(child, sentence)
        if nominal:
            # "a directive from President Trump", "an order by the court"
            for child in children:
                if child.dep == "prep" and child.lemma.lower() in AGENT_PREPOSITIONS:
                    objects = [c for c in view.children(child, sentence) if c.dep == "pobj"]
                    if objects:
                        return objects[0], view.subtree(objects[0], sentence)
        for child in children:
            if child.dep == "agent":
                objects = [c for c in view.children(child, sentence) if c.dep == "pobj"]
                if objects:
                    return objects[0], view.subtree(objects[0], sentence)
        if nominal and current.dep == "dobj" and current.head != current.i:
            verb = view.tokens[current.head]
            if verb.lemma.lower() in view.lex.support_verbs:
                # "The ambassadors issued a joint statement": theirs.
                current = verb
                continue
        if current.dep not in INHERIT_SUBJECT_DEPS or current.head == current.i:
            break
        current = view.tokens[current.head]
    return None, []


def _principal_actor(
    view: _ArticleView, head: Token | None, subject: Sequence[Token]
) -> tuple[str | None, bool]:
    """Who the subject's head names, resolving pronouns and titles; and if it is a person.

    Only the head counts: in "the Trump administration" the actor is the
    administration, not Trump.
    """
    if head is None:
        return None, False
    entity = view.entity_at.get(head.i)
    if entity is not None:
        name = _clean_name(entity[1], view.lex.titles)
        if entity[0] in PERSON_LABELS:
            name = view.person(name) if _looks_like_person(name) else ""
        if name:
            return name, entity[0] in PERSON_LABELS
    word = head.text.lower()
    if word in PRONOUNS:
        return view.last_person, view.last_person is not None
    if word in view.person_by_title:
        return view.person_by_title[word], True
    if head.pos == "NOUN" and head.lemma.lower() in view.org_by_head:
        # "the department", "his department": the organisation last named with that head.
        return view.org_by_head[head.lemma.lower()], False
    return None, False


def _entities(
    view: _ArticleView, tokens: Sequence[Token], labels: frozenset[str], titles: frozenset[str]
) -> list[str]:
    names: list[str] = []
    for tok in tokens:
        found = view.entity_at.get(tok.i)
        if found is None or found[0] not in labels:
            continue
        name = _clean_name(found[1], titles)
        if found[0] in PERSON_LABELS:
            name = view.person(name) if _looks_like_person(name) else ""
        if name and name not in names:
            names.append(name)
    return names


def _looks_like_person(name: str) -> bool:
    """Person names have lower-case letters; spaCy sometimes labels "G20" a person."""
    return any(c.islower() for c in name)


def _clean_name(name: str, titles: frozenset[str]) -> str:
    """Strip titles, articles and possessives: "Mr. Ross's" -> "Ross"."""
    words = name.replace("\u2019", "'").split()
    while words and (words[0].lower() in titles or words[0].lower() in ("the", "'s", "'")):
        words = words[1:]
    if words and words[-1] in ("'s", "'"):
        words = words[:-1]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    cleaned = " ".join(words).strip(" ,.;:")
    # A name has a capital letter; spaCy sometimes labels stray tokens.
    return cleaned if any(c.isupper() for c in cleaned) else ""


def _remember_entities(view: _ArticleView, sentence: Sentence) -> None:
    """Track the last person named, who each title was last used for, and org heads."""
    titles = view.lex.titles
    span = view.tokens[sentence.token_start : sentence.token_end]
    for ent in view.parsed.entities:
        if not sentence.start <= ent.start < sentence.end:
            continue
        if ent.label in ORG_LABELS:
            org = _clean_name(ent.text, titles)
            if org:
                view.org_counts[org] += 1
            if org and len(org.split()) > 1:
                view.org_by_head[org.split()[-1].lower()] = org
        if ent.label != "PERSON":
            continue
        name = _clean_name(ent.text, titles)
        if not name or not _looks_like_person(name):
            continue
        name = view.person(name)
        view.last_person = name
        for tok in span:
            names_it = tok.i < ent.token_start and ent.token_start <= tok.head < ent.token_end
            if names_it and tok.text.lower() in titles:
                view.person_by_title[tok.text.lower()] = name


def _keywords(
    view: _ArticleView, tokens: Sequence[Token], dates: Sequence[TimeExpression]
) -> list[str]:
    """Content lemmas of the mention, without stop lemmas and without its date words."""
    stop = view.lex.stop_lemmas
    words: list[str] = []
    for tok in tokens:
        if tok.pos not in CONTENT_POS or tok.ent_type in ("DATE", "TIME"):
            continue
        if any(d.start <= tok.start < d.end for d in dates):
            continue
        lemma = _stem(tok.lemma.lower().strip(".'\u2019"), tok.pos)
        if len(lemma) > 1 and lemma not in stop and lemma not in words:
            words.append(lemma)
    return words


def _stem(lemma: str, pos: str) -> str:
    """Fold a verbal noun onto its verb: "bombing" and "bomb" report the same thing."""
    if pos == "NOUN" and lemma.endswith("ing") and len(lemma) > MIN_ING_STEM + 3:
        return lemma[:-3]
    return lemma


def _modality(view: _ArticleView, sentence: Sentence, anchor: Token) -> Modality:
    """Whether the event is reported as fact, plan, option, possibility or denial.

    The anchor's own auxiliaries decide first ("would issue", "did not say");
    otherwise a governing verb can ("considering removing", "denied that ...").
    """
    lex = view.lex
    children = view.children(anchor, sentence)
    words = {c.text.lower() for c in children if c.dep in ("aux", "auxpass", "neg")}
    words |= {c.lemma.lower() for c in children if c.dep in ("aux", "auxpass", "neg")}
    if words & lex.negation_lemmas:
        return "negated"
    if words & lex.future_markers:
        return "planned"
    if words & lex.hypothetical_markers:
        return "hypothetical"
    if anchor.dep in ("xcomp", "ccomp") and anchor.head != anchor.i:
        governor = view.tokens[anchor.head].lemma.lower()
        if governor in lex.consideration_verbs:
            return "considered"
        if governor in lex.denial_verbs:
            return "denied"
        if governor in lex.planning_verbs:
            return "planned"
    return "asserted"


def _summary(
    view: _ArticleView,
    sentence: Sentence,
    anchor: Token,
    subject: Sequence[Token],
    dates: Sequence[TimeExpression],
) -> str:
    """The anchor's clause without its date phrases and side clauses.

    A relative clause is shown with the noun it modifies ("a defense bill that
    Mr. Trump signed into law"), so the summary says what the event is about.
    """
    focus = anchor
    if anchor.dep in ("relcl", "acl") and anchor.head != anchor.i:
        focus = view.tokens[anchor.head]
    drop = {i for expression in dates for i in _date_phrase(view, sentence, expression)}
    # "between 2015 and 2017": the conjunction goes with the dates it joins.
    drop |= {
        t.i
        for t in view.tokens[sentence.token_start : sentence.token_end]
        if t.pos in ("CCONJ", "PUNCT") and t.head in drop
    }
    for child in view.children(anchor, sentence):
        if child.dep in ("advcl", "punct", "cc", "mark", "conj"):
            drop.update(t.i for t in view.subtree(child, sentence))
    kept = {t.i for t in view.subtree(focus, sentence)} - drop
    if focus is anchor:
        kept |= {t.i for t in subject}
    tokens = [t for t in view.tokens[sentence.token_start : sentence.token_end] if t.i in kept]
    in_subject = {t.i for t in subject}
    active_speaker = focus is anchor and any(t.dep == "nsubj" for t in subject)
    if (
        active_speaker
        and _kind(view, sentence, anchor) == "speech"
        and tokens[:1]
        and (tokens[0].i not in in_subject)
    ):
        tokens = _speaker_first(view, sentence, anchor, subject, tokens)
    text = _close_quotes(_text(tokens[:MAX_SUMMARY_TOKENS]))
    if len(tokens) > MAX_SUMMARY_TOKENS:
        text += " \u2026"
    return text or sentence.text


def _close_quotes(text: str) -> str:
    """Close a quotation whose closing mark went with the dropped punctuation."""
    if text.count("\u201c") > text.count("\u201d"):
        return text + "\u201d"
    if text.count('"') % 2:
        return text + '"'
    return text


def _speaker_first(
    view: _ArticleView,
    sentence: Sentence,
    anchor: Token,
    subject: Sequence[Token],
    tokens: Sequence[Token],
) -> list[Token]:
    """Reorder "<what was said>, X said" as "X said <what was said>".

    Only when the subject is a phrase of the sentence; a subject inherited from
    elsewhere keeps the original order.
    """
    verb = {anchor.i} | {
        c.i for c in view.children(anchor, sentence) if c.dep in ("aux", "neg", "advmod", "prt")
    }
    speaker = {t.i for t in subject}
    head = [t for t in tokens if t.i in speaker] + [t for t in tokens if t.i in verb]
    said = [t for t in tokens if t.i not in speaker and t.i not in verb]
    if said and said[0].pos == "DET":
        # "The United States will ..." continues the sentence: "... said the United States".
        said[0] = said[0].model_copy(update={"text": said[0].text.lower()})
    return head + said


def _date_phrase(view: _ArticleView, sentence: Sentence, expression: TimeExpression) -> set[int]:
    """Token indices of the date expression and the preposition that introduces it."""
    span = view.tokens[sentence.token_start : sentence.token_end]
    inside = {t.i for t in span if expression.start <= t.start < expression.end}
    for tok in span:
        if tok.pos == "ADP" and tok.i not in inside:
            children = [t for t in span if t.head == tok.i and t.i != tok.i]
            if children and all(c.i in inside for c in children):
                inside.add(tok.i)
    return inside


def _text(tokens: Sequence[Token]) -> str:
    """Rebuild text from tokens, keeping the original spacing between neighbours."""
    out: list[str] = []
    previous: Token | None = None
    for tok in tokens:
        if tok.pos == "SPACE":
            continue
        if previous is not None and (tok.start > previous.end or tok.i != previous.i + 1):
            out.append(" ")
        out.append(tok.text)
        previous = tok
    return "".join(out).strip(" ,;:\u201c\u201d\"'")
