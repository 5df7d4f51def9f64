"""Stage 5 — events: sentence-level event mentions from the dependency parse.

A mention is a predicate (a verb, or an event noun such as "announcement": the
*trigger*, as ACE calls the word that names an event) with its principal actor,
its keywords and its date. The date is the time expression
attached to the predicate; a sentence's main predicate without a date of its
own still yields an *undated* mention, which the merge stage may attach to an
event it clearly reports ("Wilbur Ross confirmed to an export controls
conference that ...").

This module finds the triggers and dates of each sentence and builds the
mentions; :mod:`~huawei_timeline.events.arguments` reads who did what to whom,
:mod:`~huawei_timeline.events.summary` words the mention, :mod:`~huawei_timeline.events.article`
indexes the article once, and :mod:`~huawei_timeline.events.lexicon` holds the word lists
(reporting verbs, event nouns, titles, modality markers) of ``resources/events.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from huawei_timeline.events.arguments import (
    MAX_HEAD_STEPS,
    NOMINAL_MODIFIER_DEPS,
    SUBJECT_DEPS,
    entity_names,
    goal_argument,
    mention_kind,
    modality_of,
    object_argument,
    predicate_lemma,
    principal_actor,
    remember_entities,
    subject_of,
    voice_of,
)
from huawei_timeline.events.article import (
    CONTENT_POS,
    ORG_LABELS,
    PERSON_LABELS,
    PLACE_LABELS,
    ArticleView,
    initials,
    is_acronym,
)
from huawei_timeline.events.lexicon import event_class
from huawei_timeline.events.summary import joined_text, quotes_in, summary_text
from huawei_timeline.models import (
    Entity,
    EventDate,
    EventMention,
    NameUse,
    Sentence,
    SkippedExpression,
    TaggedArticle,
    TimeExpression,
    Token,
    calendar_day,
)
from huawei_timeline.timex.resolve import SHIFT_UNITS
from huawei_timeline.timex.values import REFERENCE_VALUES, interval_of

CONTEXT_TAGS = frozenset({"VBD"})
LEAD_SENTENCES = 2
"""The lead of an article: its first two body sentences. In the development bundles
and a sample of Timeline17 articles, past-tense events with a date of their own lie
within two days before publication far more often in these sentences than later
(``README``, "Lead events and the publish date"); past the lead, an article tells
background, so an undated past event there says nothing about the publish date."""
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


MIN_ING_STEM = 4


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


@dataclass(frozen=True)
class ArticleEvents:
    """What the events stage yields for one article."""

    mentions: list[EventMention]
    names: list[NameUse]
    skipped: list[SkippedExpression]


def analyse_article(tagged: TaggedArticle) -> ArticleEvents:
    """Mentions, names and skipped expressions of one article, from one pass of indexing."""
    view = ArticleView(tagged)
    return ArticleEvents(
        mentions=_extract_mentions(view),
        names=_name_uses(view),
        skipped=_skipped_expressions(view),
    )


def extract_mentions(tagged: TaggedArticle) -> list[EventMention]:
    """All event mentions of one article, dated and undated, in text order."""
    return _extract_mentions(ArticleView(tagged))


def _extract_mentions(view: ArticleView) -> list[EventMention]:
    tagged = view.tagged
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in tagged.time_expressions:
        if expression.sentence_index is not None and is_datable(expression):
            by_sentence.setdefault(expression.sentence_index, []).append(expression)
    mentions: list[EventMention] = []
    for sentence in view.parsed.sentences:
        mentions.extend(_sentence_mentions(view, sentence, by_sentence.get(sentence.index, [])))
        remember_entities(view, sentence)
    return _date_lead_events(view, _carry_speech_dates(view, mentions))


def mentions_at(
    tagged: TaggedArticle, spans: Sequence[tuple[int, int]]
) -> list[EventMention | None]:
    """A mention for each given trigger span (character offsets), as the stage would build it.

    For evaluation against corpora whose event mentions are annotated (ECB+): the
    trigger is the syntactic head of the tokens the span covers; the sentences are
    read in order, so pronouns and titles resolve as in :func:`extract_mentions`.
    Dates come only from the article's own expressions. A span covering no token
    gives None.
    """
    view = ArticleView(tagged)
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in tagged.time_expressions:
        if expression.sentence_index is not None and is_datable(expression):
            by_sentence.setdefault(expression.sentence_index, []).append(expression)
    wanted: dict[int, list[tuple[int, Token]]] = {}
    found: list[EventMention | None] = [None] * len(spans)
    for number, (start, end) in enumerate(spans):
        tokens = [t for t in view.tokens if t.start < end and start < t.end]
        if not tokens:
            continue
        head = _span_head(tokens)
        sentence = next(s for s in view.parsed.sentences if s.token_start <= head.i < s.token_end)
        wanted.setdefault(sentence.index, []).append((number, head))
    for sentence in view.parsed.sentences:
        for number, head in wanted.get(sentence.index, []):
            dates = [
                e
                for e in by_sentence.get(sentence.index, [])
                if (trigger := _trigger_of(view, sentence, e)) is not None and trigger.i == head.i
            ]
            found[number] = _mention(view, sentence, head, dates)
        remember_entities(view, sentence)
    return found


def _name_uses(view: ArticleView) -> list[NameUse]:
    text_spans = [(s.start, s.end) for s in view.parsed.segments if s.kind == "text"]
    uses: list[NameUse] = []
    for ent in view.entities:
        if ent.label not in PERSON_LABELS | ORG_LABELS:
            continue
        if not any(start <= ent.start < end for start, end in text_spans):
            continue
        name = view.name(ent.label, ent.text)
        if name:
            label = "PERSON" if ent.label in PERSON_LABELS else "ORG"
            uses.append(NameUse(label=label, surface=_surface(view, ent), name=name))
    uses.extend(_acronym_definitions(view, text_spans))
    # A description set beside a name is one more way the article prints the person
    # ("Israel's prime minister, Benjamin Netanyahu"): other articles may use it alone.
    for tok in view.tokens:
        if tok.pos != "NOUN" or not any(start <= tok.start < end for start, end in text_spans):
            continue
        if (person := view.appositive_person(tok)) is not None:
            uses.append(NameUse(label="PERSON", surface=view.description(tok), name=person))
    return uses


ACRONYM_IN_BRACKETS = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]*[A-Z]\.?)\s*\)")
"""An acronym set in brackets right after a name: "... Security (BIS)"."""


def _acronym_definitions(view: ArticleView, text_spans: list[tuple[int, int]]) -> list[NameUse]:
    """The acronyms an article spells out: "the Bureau of Industry and Security
    (BIS)" prints the bureau as "BIS" (its initials, in brackets after the name)."""
    text = view.parsed.article.text
    found: list[NameUse] = []
    for ent in view.entities:
        if ent.label not in ORG_LABELS or not any(a <= ent.start < b for a, b in text_spans):
            continue
        bracket = ACRONYM_IN_BRACKETS.match(text, ent.end)
        name = view.name(ent.label, ent.text)
        if bracket is None or not name or is_acronym(name):
            continue
        acronym = bracket.group(1)
        if acronym.replace(".", "").replace("&", "") == initials(name):
            found.append(NameUse(label="ORG", surface=acronym, name=name))
    return found


def _surface(view: ArticleView, ent: Entity) -> str:
    """The entity as printed, with the titles before it and without a possessive."""
    first = ent.token_start
    while first > 0 and view.tokens[first - 1].text.lower() in view.lex.titles:
        first -= 1
    text = view.parsed.article.text[view.tokens[first].start : ent.end].strip()
    return re.sub("['\u2019]s?$", "", text).strip()


def _skipped_expressions(view: ArticleView) -> list[SkippedExpression]:
    tagged = view.tagged
    sentences = {s.index: s for s in view.parsed.sentences}
    first_date_of: dict[int, int] = {}
    skipped = list(tagged.skipped)
    for expression in tagged.time_expressions:
        reason = _unusable(expression)
        index = expression.sentence_index
        sentence = sentences.get(index) if index is not None else None
        if reason is None and sentence is not None:
            caption = _is_caption_date(view, sentence, expression)
            trigger = None if caption else _syntactic_trigger(view, sentence, expression)
            span = _span(view, sentence, expression)
            if caption:
                reason = "a photo caption's date (present tense, the date last)"
            elif trigger is None and span and _starts_a_period(view, sentence, span):
                reason = "start of an open period (since), not an event's date"
            elif trigger is None:
                reason = "describes a thing, not an event"
            elif first_date_of.setdefault(trigger.i, expression.start) != expression.start:
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
                    type=expression.type,
                    value=expression.value,
                    mod=expression.mod,
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


def _carry_speech_dates(view: ArticleView, mentions: list[EventMention]) -> list[EventMention]:
    """Date "Mr. Ross said ..." by the same speaker's last dated statement in the article.

    Only simple-past reporting ("said", "added") continues an occasion already
    dated; "has long argued" does not. A statement told in the past perfect looks
    back from the occasion the article reports and does not replace it: after
    "Annan told the BBC in an interview ..." and "Last Tuesday, Annan had suggested
    a peace conference", his next "Annan said" is the interview, not last Tuesday's
    (with no occasion before it, it is one: "Gonzalez had written a letter earlier
    this week ... Gonzalez said in the letter"). The carried date is marked
    ``context``.
    """
    last: dict[str, EventMention] = {}
    carried: list[EventMention] = []
    for m in mentions:
        speaker = m.subject if m.subject in m.people else None
        if m.kind == "speech" and speaker is not None:
            if m.date is not None and m.date_source == "own":
                if speaker not in last or not _past_perfect(view, m):
                    last[speaker] = m
            elif m.date is None and speaker in last and _simple_past(view, m):
                source = last[speaker]
                m = m.model_copy(update={"date": source.date, "date_source": "context"})
        carried.append(m)
    return carried


def _past_perfect(view: ArticleView, mention: EventMention) -> bool:
    """Told in the past perfect ("had suggested"): before the time the article speaks of."""
    trigger = view.trigger_at.get(mention.id)
    return trigger is not None and any(
        c.dep == "aux" and c.text.lower() in ("had", "'d") for c in view.kids.get(trigger.i, [])
    )


def _simple_past(view: ArticleView, mention: EventMention) -> bool:
    trigger = view.trigger_at.get(mention.id)
    return trigger is not None and trigger.tag in CONTEXT_TAGS


def _date_lead_events(view: ArticleView, mentions: list[EventMention]) -> list[EventMention]:
    """Give an undated past event of the lead the publish date, marked ``publish``.

    TimeML relates a news lead's past and present-perfect events to the document
    creation time ("has apologised", "said": before it, and in a lead, shortly
    before): the publish day is evidence of their date, weaker than a date the
    text states. The merge lets such a mention join an event of the
    publish day or of the days just before it
    (:data:`~huawei_timeline.merge.evidence.LEAD_LAG_DAYS`); it never votes
    on an event's date against a stated one. A sentence that dates one of its
    events anchors the others ("surprised many over the weekend when he said"):
    the publish day is for sentences with no date. Only asserted verbal mentions in the
    first :data:`LEAD_SENTENCES` body sentences whose verb is past or present
    perfect qualify (:func:`reported_as_past`): not a noun, not a plan, a modal or
    a future ("will apologise", "said it would").
    """
    published = calendar_day(view.parsed.article.meta.published)
    date = EventDate(value=published.isoformat(), type="DATE", granularity="day")
    stated = {m.sentence_index for m in mentions if m.date is not None}
    dated: list[EventMention] = []
    for m in mentions:
        trigger = view.trigger_at.get(m.id)
        if (
            m.date is None
            and m.sentence_index < LEAD_SENTENCES
            and m.sentence_index not in stated
            and m.kind != "nominal"
            and m.modality == "asserted"
            and trigger is not None
            and reported_as_past(view, trigger)
        ):
            m = m.model_copy(update={"date": date, "date_source": "publish"})
        dated.append(m)
    return dated


def reported_as_past(view: ArticleView, trigger: Token) -> bool:
    """The verb is in the simple past or the present perfect, active or passive.

    spaCy's English morphology is the tag's (``VBD`` is ``Tense=Past|VerbForm=Fin``,
    ``VBN`` ``Tense=Past|VerbForm=Part``), so the tags decide: "apologised"
    (VBD); "has apologised", "have been arrested" (has/have + VBN); "was
    killed" (was/were + VBN). The past perfect ("had placed") tells an event
    before an earlier one, not the news of the day; a modal or a future
    auxiliary ("would", "will", "may") is never past.
    """
    if trigger.pos not in ("VERB", "AUX"):
        return False
    sentence = next(s for s in view.parsed.sentences if s.token_start <= trigger.i < s.token_end)
    auxiliaries = [c for c in view.children(trigger, sentence) if c.dep in ("aux", "auxpass")]
    if any(a.tag == "MD" or a.lemma.lower() in view.lex.future_markers for a in auxiliaries):
        return False
    if trigger.tag == "VBD":
        return not auxiliaries
    if trigger.tag != "VBN" or not auxiliaries:
        return False
    first = auxiliaries[0]
    perfect = first.lemma.lower() == "have" and first.tag in PRESENT_TAGS
    past_passive = first.lemma.lower() == "be" and first.tag == "VBD" and first.dep == "auxpass"
    return perfect or past_passive


def _sentence_mentions(
    view: ArticleView, sentence: Sentence, expressions: Sequence[TimeExpression]
) -> list[EventMention]:
    triggers: dict[int, list[TimeExpression]] = {}
    for expression in expressions:
        trigger = _trigger_of(view, sentence, expression)
        if trigger is not None:
            triggers.setdefault(trigger.i, []).append(expression)
    root = _sentence_root(view, sentence)
    found = [
        _mention(view, sentence, view.tokens[i], dates) for i, dates in sorted(triggers.items())
    ]
    taken = set(triggers) | ({root.i} if root is not None else set())
    # A root inside a time expression is a word of it ("9:12 am" parsed as "be").
    dating = {t.i for expression in expressions for t in _span(view, sentence, expression)}
    if (
        root is not None
        and root.i not in triggers
        and root.i not in dating
        and root.pos in ("VERB", "AUX")
    ):
        found.append(_mention(view, sentence, root, []))
        if root.lemma.lower() in view.lex.reporting_verbs:
            # "X said it had placed the company on a list": the reported event too.
            reported = [
                c
                for c in view.children(root, sentence)
                if c.dep == "ccomp" and c.pos == "VERB" and c.i not in triggers
            ]
            found.extend(_mention(view, sentence, c, []) for c in reported)
            taken.update(c.i for c in reported)
    for clause, marker in _subordinate_events(view, sentence, taken):
        taken.add(clause.i)
        found = _foreground(view, sentence, found, clause, marker)
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


def _subordinate_events(
    view: ArticleView, sentence: Sentence, taken: set[int]
) -> list[tuple[Token, str]]:
    """Verbs of adverbial clauses that tell an event of their own ("..., when X apologised"),
    each with the word introducing it.

    The clause must be introduced by a ``subordinate_event_markers`` word and hang on a
    verb that is already a mention; its verb is finite (not "when asked").
    """
    found: list[tuple[Token, str]] = []
    for head in sorted(taken):
        for child in view.children(view.tokens[head], sentence):
            if child.dep != "advcl" or child.pos != "VERB" or child.i in taken:
                continue
            marks = [m for m in view.children(child, sentence) if m.dep in ("mark", "advmod")]
            finite = child.tag in ("VBD", "VBZ", "VBP") or any(
                a.dep in ("aux", "auxpass") for a in view.children(child, sentence)
            )
            words = [m.lemma.lower() for m in marks]
            marker = next((w for w in words if w in view.lex.subordinate_event_markers), None)
            if finite and marker is not None:
                found.append((child, marker))
    return found


def _foreground(
    view: ArticleView,
    sentence: Sentence,
    found: list[EventMention],
    clause: Token,
    marker: str,
) -> list[EventMention]:
    """``found`` with the mention of ``clause``; a "when" clause under a dated past
    progressive takes the progressive's date.

    "was heating soup in his kitchen last fall when he was gunned down": the
    progressive sets the scene and the "when" clause tells what happened then
    (``foreground_markers``; TimeML: the scene includes the event), so the date
    is the shooting's and the scene is left undated, as background. Other clauses,
    and "when" under a simple verb ("surprised many over the weekend when he said"),
    keep the date where the parse puts it.
    """
    mention = _mention(view, sentence, clause, [])
    if marker not in view.lex.foreground_markers or clause.tag == "VBG":
        return [*found, mention]
    for k, other in enumerate(found):
        trigger = view.trigger_at.get(other.id)
        if (
            trigger is not None
            and trigger.i == clause.head
            and other.date_source == "own"
            and _past_progressive(view, sentence, trigger)
        ):
            moved = mention.model_copy(
                update={
                    "date": other.date,
                    "date_source": "own",
                    "time_expression": other.time_expression,
                }
            )
            scene = other.model_copy(
                update={"date": None, "date_source": None, "time_expression": None}
            )
            return [*found[:k], scene, *found[k + 1 :], moved]
    return [*found, mention]


def _past_progressive(view: ArticleView, sentence: Sentence, verb: Token) -> bool:
    """ "was heating", "were marching": a past form of "be" and a present participle."""
    return verb.tag == "VBG" and any(
        c.dep == "aux" and c.tag == "VBD" and c.lemma.lower() == "be"
        for c in view.children(verb, sentence)
    )


def _happening_nouns(view: ArticleView, sentence: Sentence) -> list[Token]:
    """Nouns naming a kind of happening (``event_classes``): "deplored the bomb blasts".

    Undated, they can only join an event of the same kind that another
    sentence dates.
    """
    return [
        tok
        for tok in view.tokens[sentence.token_start : sentence.token_end]
        if tok.pos == "NOUN" and event_class(tok.lemma.lower()) is not None
    ]


def _agentive_event_nouns(view: ArticleView, sentence: Sentence) -> list[Token]:
    """Event nouns whose agent is named: "a G20 summit directive from President Trump".

    Without a date of their own they can still join the dated event they name.
    """
    found = []
    for tok in view.tokens[sentence.token_start : sentence.token_end]:
        if tok.pos != "NOUN" or tok.lemma.lower() not in view.lex.event_nouns:
            continue
        head, _ = subject_of(view, sentence, tok)
        if head is not None and principal_actor(view, head, [head])[0] is not None:
            found.append(tok)
    return found


def _sentence_root(view: ArticleView, sentence: Sentence) -> Token | None:
    for tok in view.tokens[sentence.token_start : sentence.token_end]:
        if tok.head == tok.i and tok.pos != "SPACE":
            return tok
    return None


def _trigger_of(view: ArticleView, sentence: Sentence, expression: TimeExpression) -> Token | None:
    """The predicate a time expression dates: an adjacent event noun, else the governing verb.

    None when the expression only describes a thing ("this year's defence act",
    "Kopp's 1987 Chevrolet"), starts an open period ("since 1949"), governs
    itself (a page's time stamp "Mon Aug 22, 2011 9:12 am EDT (Reuters) -" parses
    with "am" as the verb "be", a word of the expression, not a predicate it
    dates), or dates a photo (:func:`_is_caption_date`).
    """
    if _is_caption_date(view, sentence, expression):
        return None
    return _syntactic_trigger(view, sentence, expression)


def _syntactic_trigger(
    view: ArticleView, sentence: Sentence, expression: TimeExpression
) -> Token | None:
    """:func:`_trigger_of` without the caption check: what the parse attaches the
    expression to, unless that is a word of the expression itself."""
    span = _span(view, sentence, expression)
    trigger = _dated_token(view, sentence, span)
    if trigger is not None and span and span[0].i <= trigger.i <= span[-1].i:
        return None
    return trigger


_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_WRITTEN = re.compile(r"\b\d{4}\b")


def _is_caption_date(view: ArticleView, sentence: Sentence, expression: TimeExpression) -> bool:
    """A news photo's caption: a present-tense sentence that ends on a full date
    with its year ("A guide stands near the step pyramid in Saqqara, outside of
    Cairo March 5, 2011.", "A logo is seen at a BP fuel station in London July 27,
    2010."). The date is when the picture was taken, often long before the
    article it illustrates, not when what the sentence tells happened; a report
    of a past day writes a past tense ("He died May 5, 2010.")."""
    if not _FULL_DAY.fullmatch(expression.value) or not _YEAR_WRITTEN.search(expression.text):
        return False
    tokens = view.tokens[sentence.token_start : sentence.token_end]
    if any(t.pos not in ("PUNCT", "SPACE") for t in tokens if t.start >= expression.end):
        return False
    root = _sentence_root(view, sentence)
    if root is None or root.pos not in ("VERB", "AUX"):
        return False
    # "He says talks will resume March 5, 2011" reports a plan; "The vote takes
    # place March 5" after the publish date schedules one: no picture of either.
    if root.lemma.lower() in view.lex.reporting_verbs:
        return False
    if expression.value > calendar_day(view.parsed.article.meta.published).isoformat():
        return False
    # The date must hang on the main verb, through nouns only: "... as they tried
    # to shake our will on September 11 2001" dates the trying, a clause's verb.
    span = _span(view, sentence, expression)
    if not span:
        return False
    current = _span_head(span)
    for _ in range(MAX_HEAD_STEPS):
        if current.i == root.i:
            break
        if current.pos in ("VERB", "AUX") and current.dep not in ("aux", "auxpass"):
            return False
        current = view.tokens[current.head]
    if root.tag in PRESENT_TAGS:
        return True
    # "is seen", "are pictured": a present passive or progressive.
    return root.tag in ("VBN", "VBG") and any(
        c.dep in ("aux", "auxpass") and c.tag in PRESENT_TAGS for c in view.children(root, sentence)
    )


def _dated_token(view: ArticleView, sentence: Sentence, span: list[Token]) -> Token | None:
    """:func:`_trigger_of` before its last check."""
    if not span:
        return view.tokens[sentence.token_start]
    if _starts_a_period(view, sentence, span):
        return _when_clause(view, sentence, span)
    possessed = _possessed_noun(view, sentence, span[-1]) or _determined_noun(view, sentence, span)
    if possessed is not None:
        return possessed if possessed.lemma.lower() in view.lex.event_nouns else None
    noun = _adjacent_event_noun(view, sentence, span[0])
    if noun is not None:
        return noun
    current = _span_head(span)
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
        if _in_description(view, sentence, head, span):
            return None
        current = head
    # A line without a verb ("NEW YORK, Sept. 29 --", "Karen Yourish and Laura
    # Stanton - The Washington Post, September 30, 2008") dates its head word,
    # unless that is a name: a name is no happening. (A sentence with a verb
    # that the parse hung under a name keeps its root: "LIBYA, 12:30 p.m. ET:
    # The State Department has ordered ..." still reports the order.)
    root = _sentence_root(view, sentence)
    if root is None:
        return span[0]
    if root.pos == "PROPN" and not _has_verb(view, sentence):
        return None
    return root


_SETTING_OFF: Final = frozenset({",", "(", "--", "\u2013", "\u2014"})
_CLOSING: Final = frozenset({",", ")", "--", "\u2013", "\u2014"})


def _in_description(view: ArticleView, sentence: Sentence, noun: Token, span: list[Token]) -> bool:
    """Whether the date ``span`` ends an appositive, headed by ``noun``, that says
    who a person is: "Sen. John McCain, the unsuccessful Republican presidential
    nominee in 2008, warned ..." dates the nomination, not the warning. (A range
    written as two expressions, "a former chief of staff between 1987 and 1991,",
    is not covered: its first year is followed by "and".)

    Only between commas (or brackets, dashes) and beside a person's name: a date
    the parser hung inside a place's description most often dates the verb
    ("bombed the area of Al-Hira, 50 km southwest of Tripoli on Sunday and also
    hit ..."), and without the comma the appositive itself is often a misparse
    ("served as president Obama's defence chief between 2015 and 2017")."""
    if noun.dep != "appos" or noun.pos not in ("NOUN", "PROPN") or noun.head == noun.i:
        return False
    after = span[-1].i + 1
    if after >= sentence.token_end or view.tokens[after].text not in _CLOSING:
        return False
    if view.entity_at.get(noun.head, ("", ""))[0] not in PERSON_LABELS:
        return False
    first = view.subtree(noun, sentence)[0].i
    return first > sentence.token_start and view.tokens[first - 1].text in _SETTING_OFF


def _has_verb(view: ArticleView, sentence: Sentence) -> bool:
    return any(
        t.pos == "VERB" or (t.pos == "AUX" and t.dep not in ("aux", "auxpass"))
        for t in view.tokens[sentence.token_start : sentence.token_end]
    )


def _span(view: ArticleView, sentence: Sentence, expression: TimeExpression) -> list[Token]:
    """The sentence's tokens the expression covers."""
    return [
        t
        for t in view.tokens[sentence.token_start : sentence.token_end]
        if t.start < expression.end and t.end > expression.start
    ]


def _span_head(span: Sequence[Token]) -> Token:
    """The token of a span whose head lies outside it (the span's syntactic head)."""
    inside = {t.i for t in span}
    return next((t for t in span if t.head not in inside or t.head == t.i), span[0])


def _starts_a_period(view: ArticleView, sentence: Sentence, span: Sequence[Token]) -> bool:
    """The expression (its tokens, ``span``, not empty) is the object of "since"
    (``period_bounds``), or the word stands right before it: the start of an open
    period, not when something happened."""
    head = _span_head(span)
    governor = view.tokens[head.head]
    if head.dep == "pobj" and governor.text.lower() in view.lex.period_bounds:
        return True
    before = span[0].i - 1
    return (
        before >= sentence.token_start
        and view.tokens[before].text.lower() in view.lex.period_bounds
    )


def _when_clause(view: ArticleView, sentence: Sentence, span: Sequence[Token]) -> Token | None:
    """The verb of a "when" clause on the expression, which the expression dates:
    "cared for him since November, when he was found" dates the finding."""
    inside = {t.i for t in span}
    for child in (c for t in span for c in view.children(t, sentence) if c.i not in inside):
        clause = child.pos == "VERB" and child.dep in ("relcl", "advcl", "acl")
        if clause and any(w.text.lower() == "when" for w in view.children(child, sentence)):
            return child
    return None


def _main_event(view: ArticleView, sentence: Sentence, verb: Token) -> Token:
    """A subjectless participle clause dates the clause it hangs on.

    "Speaking elsewhere on Tuesday, Ash Carter said ..." dates the saying, and
    "Asked on Tuesday about the deal, Ross said ..." too, and so does a bare "as
    planned" ("will go ahead as planned on January 30"). Any other past participle
    tells an earlier event of its own, which the date is of: "Born in Valparaiso on
    November 25, 1915, Pinochet never finished school" dates the birth, not the
    schooling; "having gained 3% on Monday" the gain, "as was done after the Exxon
    Valdez spill in 1989" and "as suggested by Sarkozy in September" what was done
    and suggested.
    """
    if verb.dep != "advcl" or verb.tag not in ("VBG", "VBN") or verb.head == verb.i:
        return verb
    children = view.children(verb, sentence)
    if any(c.dep in SUBJECT_DEPS for c in children):
        return verb
    head = view.tokens[verb.head]
    if verb.tag == "VBN" and head.lemma.lower() not in view.lex.reporting_verbs:
        as_planned = any(c.dep == "mark" and c.text.lower() == "as" for c in children) and not any(
            c.dep in ("aux", "auxpass", "agent") for c in children
        )
        if not as_planned:
            return verb
    return head if head.pos == "VERB" else verb


def _possessed_noun(view: ArticleView, sentence: Sentence, last: Token) -> Token | None:
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


def _determined_noun(view: ArticleView, sentence: Sentence, span: Sequence[Token]) -> Token | None:
    """The noun a date between "the" and that noun modifies: "charged in the Dec.
    21, 1988, bombing of Pan Am Flight 103" -> "bombing", "the Oct. 23 sniper
    shooting" -> "shooting", "Kopp's 1987 Chevrolet" aside, "the 1987 Chevrolet"
    -> "Chevrolet" (a thing: the date dates nothing). The parser often hangs such
    a date on the verb and the noun beside it; the position says what it is.
    None (the parse decides) after "at" or "during" ("stressed at the midday
    briefing": the briefing's time is the stressing's) and for a noun of time ("in
    the 5 p.m. hour")."""
    before = span[0].i - 1
    if before < sentence.token_start or view.tokens[before].text.lower() != "the":
        return None
    if before > sentence.token_start and view.tokens[before - 1].text.lower() in _PLACING:
        return None  # "stressed at the midday briefing": when the briefing was
    # A comma after the date only when one sets off its year ("Dec. 21, 1988,"):
    # "in the 1990s, many companies failed" ends the phrase at the comma.
    comma = any(t.text == "," for t in span)
    noun = None
    for tok in view.tokens[span[-1].i + 1 : sentence.token_end]:
        if tok.text == "," and comma and noun is None:
            comma = False
            continue
        if tok.pos in ("NOUN", "PROPN"):
            noun = tok
        elif tok.pos == "ADJ" and noun is None:
            continue
        else:
            break
    if noun is not None and noun.lemma.lower() in _TIME_NOUNS:
        return None  # "aired in the 5 p.m. hour": a time still
    return noun


_PLACING: Final = frozenset({"at", "during"})
_TIME_NOUNS: Final = SHIFT_UNITS | frozenset(
    {"hour", "minute", "time", "morning", "afternoon", "evening", "night"}
)


def _adjacent_event_noun(view: ArticleView, sentence: Sentence, first: Token) -> Token | None:
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


def _finest(dates: Sequence[TimeExpression]) -> TimeExpression | None:
    """Of the expressions dating one word, the first, or a later one naming a
    shorter period inside it: "Four years later, in April 1998, the second Summit
    took place" is April 1998, not the year the count gives. Two periods side by
    side are a range or a list ("between 1992 and 2006", "in May and June", "from
    2003 until March 2006"), which the first dates as before."""
    if not dates:
        return None
    first = dates[0]
    outer = interval_of(first.value, first.mod)
    if outer is None:
        return first
    best, best_days = first, (outer[1] - outer[0]).days
    for expression in dates[1:]:
        inner = interval_of(expression.value, expression.mod)
        if inner is None or not (outer[0] <= inner[0] and inner[1] <= outer[1]):
            continue
        if (inner[1] - inner[0]).days < best_days:
            best, best_days = expression, (inner[1] - inner[0]).days
    return best


def _mention(
    view: ArticleView, sentence: Sentence, trigger: Token, dates: Sequence[TimeExpression]
) -> EventMention:
    expression = _finest(dates)
    head, subject_tokens = subject_of(view, sentence, trigger)
    clause = view.subtree(trigger, sentence)
    actor, is_person = principal_actor(view, head, subject_tokens)
    people = entity_names(view, clause + subject_tokens, PERSON_LABELS)
    if actor is not None and is_person and actor not in people:
        people.insert(0, actor)
    in_subject = {t.i for t in subject_tokens}
    kind = mention_kind(view, sentence, trigger)
    position = trigger.i - sentence.token_start
    mention_id = f"{view.parsed.article.meta.id}:{sentence.index}:{position}"
    view.trigger_at[mention_id] = trigger
    return EventMention(
        id=mention_id,
        article_id=view.parsed.article.meta.id,
        sentence_index=sentence.index,
        start=sentence.start,
        end=sentence.end,
        sentence=sentence.text,
        kind=kind,
        predicate=predicate_lemma(view, sentence, trigger),
        subject=actor if actor is not None else joined_text(subject_tokens) or None,
        object=object_argument(view, sentence, trigger),
        goal=goal_argument(view, sentence, trigger),
        voice=voice_of(view, sentence, trigger),
        content=summary_text(view, sentence, trigger, subject_tokens, dates),
        people=people,
        organizations=entity_names(view, clause + subject_tokens, ORG_LABELS),
        places=entity_names(view, clause + subject_tokens, PLACE_LABELS),
        keywords=_keywords(
            view,
            [t for t in _context(view, sentence, trigger, clause, in_subject) if t.i != trigger.i],
            dates,
        ),
        quotes=quotes_in(sentence.text) if kind == "speech" else [],
        modality=modality_of(view, sentence, trigger),
        time_expression=expression,
        date=event_date(expression) if expression is not None else None,
        date_source="own" if expression is not None else None,
    )


def _context(
    view: ArticleView,
    sentence: Sentence,
    trigger: Token,
    clause: Sequence[Token],
    in_subject: set[int],
) -> list[Token]:
    """Tokens whose words describe the event: the clause, or the sentence for a noun.

    An event noun says little by itself ("comments", "announcement"); what the
    sentence says around it is what other reports of the event share.
    """
    if trigger.pos in ("NOUN", "PROPN"):
        return list(view.tokens[sentence.token_start : sentence.token_end])
    return [t for t in clause if t.i not in in_subject]


def _keywords(
    view: ArticleView, tokens: Sequence[Token], dates: Sequence[TimeExpression]
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
