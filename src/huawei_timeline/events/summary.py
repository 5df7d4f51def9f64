"""What a mention says, in words a reader can check: its summary and its quotations.

A summary is the clause of the trigger, without coordinated clauses (separate
events) and without the date phrase, speaker first for statements, with the
quotation marks it opens closed. Quotations become word shingles, so that two
articles quoting the same words can be matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from huawei_timeline.events.arguments import mention_kind
from huawei_timeline.events.article import ArticleView
from huawei_timeline.events.lexicon import lexicon
from huawei_timeline.models import (
    Sentence,
    TimeExpression,
    Token,
)

QUOTED = re.compile('[\u201c"]([^\u201c\u201d"]+)(?:[\u201d"]|$)')


MIN_QUOTE_WORDS = 3


QUOTE_SHINGLE = 4


QUOTE_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


MAX_SUMMARY_TOKENS = 40


def quotes_in(text: str) -> list[str]:
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


def summary_text(
    view: ArticleView,
    sentence: Sentence,
    trigger: Token,
    subject: Sequence[Token],
    dates: Sequence[TimeExpression],
) -> str:
    """The trigger's clause without its date phrases and side clauses.

    A relative clause is shown with the noun it modifies ("a defense bill that
    Mr. Trump signed into law"), so the summary says what the event is about.
    """
    focus = trigger
    if trigger.dep in ("relcl", "acl") and trigger.head != trigger.i:
        focus = view.tokens[trigger.head]
    drop = {i for expression in dates for i in _date_phrase(view, sentence, expression)}
    # "between 2015 and 2017": the conjunction goes with the dates it joins.
    drop |= {
        t.i
        for t in view.tokens[sentence.token_start : sentence.token_end]
        if t.pos in ("CCONJ", "PUNCT") and t.head in drop
    }
    for child in view.children(trigger, sentence):
        if child.dep in ("advcl", "punct", "cc", "mark", "conj"):
            drop.update(t.i for t in view.subtree(child, sentence))
    kept = {t.i for t in view.subtree(focus, sentence)} - drop
    if focus is trigger:
        kept |= {t.i for t in subject}
    tokens = [t for t in view.tokens[sentence.token_start : sentence.token_end] if t.i in kept]
    in_subject = {t.i for t in subject}
    active_speaker = focus is trigger and any(t.dep == "nsubj" for t in subject)
    if (
        active_speaker
        and mention_kind(view, sentence, trigger) == "speech"
        and tokens[:1]
        and (tokens[0].i not in in_subject)
    ):
        tokens = _speaker_first(view, sentence, trigger, subject, tokens)
    text = _close_quotes(joined_text(tokens[:MAX_SUMMARY_TOKENS]))
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
    view: ArticleView,
    sentence: Sentence,
    trigger: Token,
    subject: Sequence[Token],
    tokens: Sequence[Token],
) -> list[Token]:
    """Reorder "<what was said>, X said" as "X said <what was said>".

    Only when the subject is a phrase of the sentence; a subject inherited from
    elsewhere keeps the original order.
    """
    verb = {trigger.i} | {
        c.i for c in view.children(trigger, sentence) if c.dep in ("aux", "neg", "advmod", "prt")
    }
    speaker = {t.i for t in subject}
    head = [t for t in tokens if t.i in speaker] + [t for t in tokens if t.i in verb]
    said = [t for t in tokens if t.i not in speaker and t.i not in verb]
    if said and said[0].pos == "DET":
        # "The United States will ..." continues the sentence: "... said the United States".
        said[0] = said[0].model_copy(update={"text": said[0].text.lower()})
    return head + said


def _date_phrase(view: ArticleView, sentence: Sentence, expression: TimeExpression) -> set[int]:
    """Token indices of the date expression and the preposition that introduces it."""
    span = view.tokens[sentence.token_start : sentence.token_end]
    inside = {t.i for t in span if expression.start <= t.start < expression.end}
    for tok in span:
        if tok.pos == "ADP" and tok.i not in inside:
            children = [t for t in span if t.head == tok.i and t.i != tok.i]
            if children and all(c.i in inside for c in children):
                inside.add(tok.i)
    return inside


_LINE_BREAK_BEFORE_COMMA = re.compile(r"\s*\n\s*(?=[,;])")
_WHITESPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """A sentence as printed on one line (the terminal, Markdown, HTML and
    TimelineJS exports): a line break the source left inside it ("Sen. Harry Reid,
    D-Nev.\\n, on Tuesday praised ...") and runs of whitespace become one space,
    or none before the comma that continues the sentence; nothing at either end."""
    return _WHITESPACE.sub(" ", _LINE_BREAK_BEFORE_COMMA.sub("", text)).strip()


def joined_text(tokens: Sequence[Token]) -> str:
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
