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

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .models import (
    EventDate,
    EventMention,
    MentionKind,
    Modality,
    Sentence,
    TaggedArticle,
    TimeExpression,
    Token,
)
from .values import interval_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "NORP"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
NOMINAL_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
SPEECH_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "dobj"})
QUOTES = frozenset('"\u201c\u201d')
MAX_HEAD_STEPS = 6
MAX_SUMMARY_TOKENS = 40


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``resources/events.toml``."""

    reporting_verbs: frozenset[str]
    event_nouns: frozenset[str]
    stop_lemmas: frozenset[str]
    future_markers: frozenset[str]
    hypothetical_markers: frozenset[str]
    negation_lemmas: frozenset[str]
    titles: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """Load the event word lists once."""
    text = resources.files("huawei_timeline.resources").joinpath("events.toml").read_text()
    data = tomllib.loads(text)
    return Lexicon(**{name: frozenset(data[name]) for name in Lexicon.__dataclass_fields__})


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
        self.entity_at: dict[int, tuple[str, str]] = {}
        for ent in self.parsed.entities:
            for i in range(ent.token_start, ent.token_end):
                self.entity_at[i] = (ent.label, ent.text)
        self.last_person: str | None = None
        self.person_by_title: dict[str, str] = {}

    def children(self, tok: Token, sentence: Sentence) -> list[Token]:
        return [
            t
            for t in self.tokens[sentence.token_start : sentence.token_end]
            if t.head == tok.i and t.i != tok.i
        ]

    def subtree(self, tok: Token, sentence: Sentence) -> list[Token]:
        members = {tok.i}
        changed = True
        span = self.tokens[sentence.token_start : sentence.token_end]
        while changed:
            changed = False
            for t in span:
                if t.i not in members and t.head in members and t.head != t.i:
                    members.add(t.i)
                    changed = True
        return [t for t in span if t.i in members]


def extract_mentions(tagged: TaggedArticle) -> list[EventMention]:
    """All event mentions of one article, dated and undated, in text order."""
    view = _ArticleView(tagged)
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in tagged.time_expressions:
        if expression.sentence_index is not None and is_datable(expression):
            by_sentence.setdefault(expression.sentence_index, []).append(expression)
    mentions: list[EventMention] = []
    for sentence in view.parsed.sentences:
        mentions.extend(_sentence_mentions(view, sentence, by_sentence.get(sentence.index, [])))
        _remember_people(view, sentence)
    return mentions


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
    return EventMention(
        id=f"{view.parsed.article.meta.id}:{sentence.index}:{anchor.i - sentence.token_start}",
        article_id=view.parsed.article.meta.id,
        sentence_index=sentence.index,
        start=sentence.start,
        end=sentence.end,
        sentence=sentence.text,
        kind=_kind(view, sentence, anchor),
        predicate=anchor.lemma.lower(),
        subject=actor if actor is not None else _text(subject_tokens) or None,
        object=_object(view, sentence, anchor),
        content=_summary(view, sentence, anchor, subject_tokens, dates),
        people=people,
        organizations=_entities(view, clause + subject_tokens, ORG_LABELS, lex.titles),
        keywords=_keywords(
            view,
            [t for t in _context(view, sentence, anchor, clause, in_subject) if t.i != anchor.i],
            dates,
        ),
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


def _object(view: _ArticleView, sentence: Sentence, anchor: Token) -> str | None:
    """What the event was done to: the direct object, or the subject of a passive."""
    for child in view.children(anchor, sentence):
        if child.dep in ("dobj", "nsubjpass"):
            entity = view.entity_at.get(child.i)
            if entity is not None:
                return _clean_name(entity[1], view.lex.titles) or child.lemma.lower()
            return child.lemma.lower()
    return None


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
        wanted = ("poss", "nmod") if current.pos in ("NOUN", "PROPN") else tuple(SUBJECT_DEPS)
        for dep in wanted:
            for child in children:
                if child.dep == dep:
                    return child, view.subtree(child, sentence)
        for child in children:
            if child.dep == "agent":
                objects = [c for c in view.children(child, sentence) if c.dep == "pobj"]
                if objects:
                    return objects[0], view.subtree(objects[0], sentence)
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
        if name:
            return name, entity[0] in PERSON_LABELS
    word = head.text.lower()
    if word in PRONOUNS:
        return view.last_person, view.last_person is not None
    if word in view.person_by_title:
        return view.person_by_title[word], True
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
        if name and name not in names:
            names.append(name)
    return names


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


def _remember_people(view: _ArticleView, sentence: Sentence) -> None:
    """Track the last person named and the people each title was last used for."""
    titles = view.lex.titles
    span = view.tokens[sentence.token_start : sentence.token_end]
    for ent in view.parsed.entities:
        if ent.label != "PERSON" or not sentence.start <= ent.start < sentence.end:
            continue
        name = _clean_name(ent.text, titles)
        if not name:
            continue
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
        lemma = tok.lemma.lower().strip(".'\u2019")
        if len(lemma) > 1 and lemma not in stop and lemma not in words:
            words.append(lemma)
    return words


def _modality(view: _ArticleView, sentence: Sentence, anchor: Token) -> Modality:
    lex = view.lex
    children = view.children(anchor, sentence)
    lemmas = {c.lemma.lower() for c in children if c.dep in ("aux", "auxpass", "neg")}
    words = {c.text.lower() for c in children if c.dep in ("aux", "auxpass", "neg")}
    if lemmas & lex.negation_lemmas or words & lex.negation_lemmas:
        return "negated"
    if words & lex.future_markers or lemmas & lex.future_markers:
        return "planned"
    if words & lex.hypothetical_markers:
        return "hypothetical"
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
    for child in view.children(anchor, sentence):
        if child.dep in ("advcl", "punct", "cc", "mark"):
            drop.update(t.i for t in view.subtree(child, sentence))
    kept = {t.i for t in view.subtree(focus, sentence)} - drop
    if focus is anchor:
        kept |= {t.i for t in subject}
    tokens = [t for t in view.tokens[sentence.token_start : sentence.token_end] if t.i in kept]
    text = _text(tokens[:MAX_SUMMARY_TOKENS])
    if len(tokens) > MAX_SUMMARY_TOKENS:
        text += " \u2026"
    return text or sentence.text


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
