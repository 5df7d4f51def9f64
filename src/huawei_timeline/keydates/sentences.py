"""Sentences worth reading for a key date or an event: full, representative, not repeated.

Candidates are the sentences that report the day's events (every one carries its
article id and character span). A candidate must be a full sentence
(:func:`is_full_sentence`). Its relevance is a linear score
(:class:`SentenceWeights`, fitted on Timeline17 by ``make train-keydates``) of
its features (:data:`SENTENCE_FEATURES`): above all the TF-IDF cosine to the
day's centroid, in which each sentence counts as much as its event has sources,
so the words the most reported events share dominate (for a day, the centroid
keeps only the words the leads published that day and the next also use: what
was news then, as news-tls Datewise's centroid); then its event's sources,
whether its own date expression dates it, whether it is a lead, names an actor,
points back to unseen context ("He said ...") or talks to the reader, its length
and its place in the article. Maximal marginal relevance then picks ``k`` that
do not repeat each other.

IDF comes from the bundle itself (every candidate sentence of the timeline is a
document), so words every sentence uses weigh nothing and no stopword list is
needed.

An event's ``summary`` is chosen the same way, as the one sentence of its own
mentions that best represents them (:func:`with_sentence_summaries`), except that
the same features are weighed by the hand-set factors of ``resources/keydates.toml``
(the fitted weights, which prefer longer sentences and no lead, made two of the
bundles' summaries worse).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import ClassVar, Final

from pydantic import Field

from huawei_timeline.events.summary import one_line
from huawei_timeline.ingest.boilerplate import glued_headers
from huawei_timeline.models import Event, EventMention, KeySentence, Strict
from huawei_timeline.timex.values import interval_of

__all__ = [
    "SENTENCE_FEATURES",
    "Candidate",
    "LinearWeights",
    "SentenceRules",
    "SentenceWeights",
    "choose_sentences",
    "document_frequencies",
    "is_full_sentence",
    "sentence_features",
    "sentence_rules",
    "with_sentence_summaries",
]

_WORD = re.compile(r"[A-Za-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9]+")
# Quotation marks typographic and ASCII, and the wire / Penn Treebank pairs ``...''.
_OPENING = "\u201c\"\u2018'`("
_CLOSING = "\u201d\"\u2019')]"


SENTENCE_FEATURES: Final = (
    "centroid",
    "sources",
    "own_date",
    "lead",
    "named",
    "needs_context",
    "chatter",
    "length",
    "position",
)
"""What a candidate sentence is scored on: the cosine to the day's centroid, the log
of its event's sources, whether its own date expression dates it, whether it is a
lead, names a person or organisation, opens by pointing back, or talks to the
reader (1 or 0), the log of its length in words and of its index in the article."""


class LinearWeights(Strict):
    """A linear score over named features, each standardised with the training mean
    and spread stored beside its weight (so a weight says how much one standard
    deviation of that feature moves the score). ``KNOWN`` names the features a
    subclass may use."""

    KNOWN: ClassVar[tuple[str, ...]] = ()
    features: list[str] = Field(min_length=1)
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    l2: float = Field(ge=0)

    def model_post_init(self, _context: object) -> None:
        unknown = [name for name in self.features if name not in self.KNOWN]
        if unknown:
            raise ValueError(f"unknown features {unknown}; known: {', '.join(self.KNOWN)}")
        if len({len(self.features), len(self.mean), len(self.scale), len(self.weights)}) != 1:
            raise ValueError("features, mean, scale and weights must have the same length")
        if any(s <= 0 for s in self.scale):
            raise ValueError("every scale must be positive")

    def linear(self, values: Sequence[float]) -> float:
        """The bias plus the weighted standardised ``values`` (in ``features`` order)."""
        terms = zip(self.weights, values, self.mean, self.scale, strict=True)
        return self.bias + sum(w * (v - m) / s for w, v, m, s in terms)


class SentenceWeights(LinearWeights):
    """A linear score of a candidate sentence (:data:`SENTENCE_FEATURES`), fitted to
    how many words of the journalist's summary of its day the sentence holds
    (ROUGE-1 F, stop words out)."""

    KNOWN: ClassVar[tuple[str, ...]] = SENTENCE_FEATURES
    examples: int = 0

    def score(self, features: Mapping[str, float]) -> float:
        """The predicted overlap of a sentence with these features."""
        return self.linear([features[name] for name in self.features])


class SentenceRules(Strict):
    """The rules of ``resources/keydates.toml`` (see the comments there)."""

    min_words: int = Field(ge=1)
    max_words: int = Field(ge=1)
    furniture: list[str]
    furniture_examples: list[str]
    dateline: str
    dateline_examples: list[list[str]]
    note: str
    note_examples: list[list[str]]
    entry: str
    entry_examples: list[list[str]]
    entry_counterexamples: list[str]
    header_examples: list[list[str]]
    full_examples: list[str]
    fragment_examples: list[str]
    context_openers: list[str]
    context_penalty: float = Field(gt=0, le=1)
    context_examples: list[str]
    chatter_words: list[str]
    chatter_penalty: float = Field(gt=0, le=1)
    chatter_examples: list[str]
    own_date_bonus: float = Field(ge=1)
    lead_sentences: int = Field(ge=0)
    lead_bonus: float = Field(ge=1)
    named_actor_bonus: float = Field(ge=1)
    mmr_lambda: float = Field(ge=0, le=1)
    near_duplicate: float = Field(gt=0, le=1)


@cache
def sentence_rules() -> SentenceRules:
    """``resources/keydates.toml``, read once."""
    text = resources.files("huawei_timeline.resources").joinpath("keydates.toml").read_text()
    return SentenceRules.model_validate(tomllib.loads(text))


def is_full_sentence(text: str, rules: SentenceRules | None = None) -> bool:
    """True when ``text`` reads as a whole sentence, not a fragment, heading or caption."""
    rules = rules or sentence_rules()
    text = text.strip()
    if not text or "\n" in text:
        return False
    body = text.lstrip(_OPENING)
    if not body or not (body[0].isupper() or body[0].isdigit()):
        return False
    closing, opening = text.find(")"), text.find("(")
    if closing >= 0 and (opening < 0 or closing < opening):
        return False  # it starts inside a parenthesis
    # A closing mark may stand apart ("..., Castro said. ''": a quotation's mark the
    # sentence splitter left at this sentence's end).
    end = text.rstrip(_CLOSING + " ")
    if not end or end[-1] != ".":
        return False
    if any(mark in text for mark in rules.furniture):
        return False
    words = _WORD.findall(text)
    if not rules.min_words <= len(words) <= rules.max_words:
        return False
    # A line of capitalised words only is a headline, however it ends.
    return any(w[0].islower() for w in words)


def needs_context(text: str, rules: SentenceRules | None = None) -> bool:
    """True when the first word points back to something outside the sentence."""
    rules = rules or sentence_rules()
    first = _WORD.search(text)
    return first is not None and first.group().lower() in rules.context_openers


_QUOTATION = re.compile('\u201c[^\u201d]*(?:\u201d|$)|"[^"]*(?:"|$)')


def is_chatter(text: str, rules: SentenceRules | None = None) -> bool:
    """True when the writer speaks as "I" or to "you" outside quotation marks."""
    rules = rules or sentence_rules()
    unquoted = _QUOTATION.sub(" ", text.replace("\u2019", "'"))
    return any(w.lower() in rules.chatter_words for w in _CHATTER_WORD.findall(unquoted))


_CHATTER_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if len(t) > 1]


def document_frequencies(texts: Iterable[str]) -> tuple[Counter[str], int]:
    """How many of ``texts`` contain each word, and how many texts there are."""
    frequencies: Counter[str] = Counter()
    count = 0
    for text in texts:
        frequencies.update(set(_tokens(text)))
        count += 1
    return frequencies, count


def without_dateline(text: str, rules: SentenceRules | None = None) -> int:
    """How many leading characters of ``text`` are page header, not sentence: a
    byline ("By the CNN Wire Staff ") and a time stamp ("Tue Mar 1, 2011 6:36 pm EST
    "), which the clean stage cuts off before parsing
    (:func:`~huawei_timeline.ingest.boilerplate.glued_headers`; an older
    extraction's sentence may still hold them), an editor's note in brackets
    ("(Update 1:45 a.m. in Cairo) ") and a wire dateline ("CAIRO (Reuters) - "),
    each where present, in that order. A text that is all header keeps its words
    (0: nothing is cut)."""
    rules = rules or sentence_rules()
    _, cut = glued_headers(text)
    for pattern in (rules.note, rules.dateline, rules.note):
        found = _compiled(pattern).match(text[cut:])
        cut += found.end() if found else 0
    return cut if _WORD.search(text, cut) else 0


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class Candidate:
    """A sentence that reports one of the day's events, weighted by its event's sources."""

    mention: EventMention
    weight: float


def opens_another_entry(mention: EventMention, rules: SentenceRules | None = None) -> bool:
    """Whether ``mention``'s sentence is a chronology entry ("July 28 - ...") that
    dates this mention by another of its dates (or by none): the entry tells its
    own day, not the mention's."""
    found = _compiled((rules or sentence_rules()).entry).match(mention.sentence)
    if found is None:
        return False
    own = mention.time_expression
    return own is None or own.start - mention.start >= found.end()


def candidates_for(events: Sequence[Event], rules: SentenceRules | None = None) -> list[Candidate]:
    """The full sentences reporting ``events``, each once, weighted by its event's
    sources; not a chronology entry of another day (:func:`opens_another_entry`)."""
    rules = rules or sentence_rules()
    found: dict[tuple[str, int, int], Candidate] = {}
    for event in events:
        for mention in event.mentions:
            key = (mention.article_id, mention.start, mention.end)
            if key in found and found[key].weight >= event.sources:
                continue
            if not is_full_sentence(
                mention.sentence[without_dateline(mention.sentence, rules) :], rules
            ) or opens_another_entry(mention, rules):
                continue
            found[key] = Candidate(mention=mention, weight=float(event.sources))
    return sorted(found.values(), key=lambda c: (c.mention.article_id, c.mention.start))


def _vector(text: str, idf: Mapping[str, float]) -> dict[str, float]:
    counts = Counter(_tokens(text))
    vector = {w: c * idf.get(w, 0.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def sentence_features(
    candidates: Sequence[Candidate],
    frequencies: Counter[str],
    documents: int,
    rules: SentenceRules | None = None,
    news: Sequence[str] = (),
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Each candidate's :data:`SENTENCE_FEATURES`, and its TF-IDF vector.

    ``news`` are the leads of the articles published on the day and the day
    after (what was news then): when given, the centroid keeps only the words the
    day's event sentences share with them, each weighing its mean weight in the
    one plus its mean weight in the other (news-tls Datewise's "PM-Mean"
    centroid), so words of a retrospective aside that the day's news never used
    weigh nothing. When they share no word, the event sentences alone decide.
    """
    rules = rules or sentence_rules()
    texts = [c.mention.sentence for c in candidates]
    idf = {
        w: math.log((1 + documents) / (1 + frequencies.get(w, 0))) + 1.0
        for text in [*texts, *news]
        for w in _tokens(text)
    }
    vectors = [_vector(text, idf) for text in texts]
    mentioned: dict[str, float] = defaultdict(float)
    total = sum(c.weight for c in candidates)
    for candidate, vector in zip(candidates, vectors, strict=True):
        for w, v in vector.items():
            mentioned[w] += candidate.weight * v / total
    reported: dict[str, float] = defaultdict(float)
    for text in news:
        for w, v in _vector(text, idf).items():
            reported[w] += v / len(news)
    centroid = {w: v + reported[w] for w, v in mentioned.items() if w in reported} or mentioned
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    centre = {w: v / norm for w, v in centroid.items()}
    rows = []
    for candidate, vector in zip(candidates, vectors, strict=True):
        m = candidate.mention
        rows.append(
            {
                "centroid": _cosine(vector, centre),
                "sources": math.log(candidate.weight),
                "own_date": float(m.date_source == "own"),
                "lead": float(m.sentence_index < rules.lead_sentences),
                "named": float(bool(m.people or m.organizations)),
                "needs_context": float(needs_context(m.sentence, rules)),
                "chatter": float(is_chatter(m.sentence, rules)),
                "length": math.log(max(len(m.sentence.split()), 1)),
                "position": math.log1p(m.sentence_index),
            }
        )
    return rows, vectors


def choose_sentences(
    candidates: Sequence[Candidate],
    k: int,
    frequencies: Counter[str],
    documents: int,
    rules: SentenceRules | None = None,
    news: Sequence[str] = (),
    only: set[tuple[str, int, int]] | None = None,
    weights: SentenceWeights | None = None,
) -> list[KeySentence]:
    """Up to ``k`` representative sentences that do not repeat each other (MMR).

    Relevance is ``weights``' score of the :func:`sentence_features` (key dates:
    the weights fitted on Timeline17, ``resources/keydates.json``); without
    weights (event summaries), the hand-set factors of ``resources/keydates.toml``
    (:func:`_hand_set`). ``only``: the sentences (article id, start, end) that may
    be chosen; all of ``candidates`` still make the centroid. None: any. ``news``:
    see :func:`sentence_features`.
    """
    rules = rules or sentence_rules()
    if k <= 0 or not candidates:
        return []
    rows, vectors = sentence_features(candidates, frequencies, documents, rules, news)
    relevance = [weights.score(row) if weights else _hand_set(row, rules) for row in rows]
    allowed = [only is None or _sentence_key(c.mention) in only for c in candidates]
    chosen: list[int] = []
    while len(chosen) < k:
        best, best_score = -1, -math.inf
        for i in range(len(candidates)):
            if i in chosen or not allowed[i]:
                continue
            similarity = max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            if similarity > rules.near_duplicate:
                continue
            score = rules.mmr_lambda * relevance[i] - (1 - rules.mmr_lambda) * similarity
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
    return [_key_sentence(candidates[i].mention, rules) for i in chosen]


def _hand_set(row: Mapping[str, float], rules: SentenceRules) -> float:
    """The centroid cosine times the hand-set factors: a more reported event counts
    more, slowly (1 + log of its sources); its own date, a lead and a named actor
    count up, pointing back and talking to the reader down."""
    factors = (
        (rules.own_date_bonus, "own_date"),
        (rules.lead_bonus, "lead"),
        (rules.named_actor_bonus, "named"),
        (rules.context_penalty, "needs_context"),
        (rules.chatter_penalty, "chatter"),
    )
    prior = 1.0 + row["sources"]
    for factor, feature in factors:
        if row[feature]:
            prior *= factor
    return row["centroid"] * prior


def _key_sentence(mention: EventMention, rules: SentenceRules) -> KeySentence:
    """The mention's sentence, less a leading wire dateline or bracketed note (the
    span moves with it)."""
    cut = without_dateline(mention.sentence, rules)
    return KeySentence(
        text=mention.sentence[cut:],
        article_id=mention.article_id,
        start=mention.start + cut,
        end=mention.end,
    )


def with_sentence_summaries(
    events: Sequence[Event], weights: SentenceWeights | None = None
) -> list[Event]:
    """``events`` with each ``summary`` the full sentence that best represents the
    event's mentions (:func:`choose_sentences` over the event alone: closest to the
    centroid of its sentences, lead and named-actor sentences preferred by the
    hand-set factors unless ``weights`` are given, a wire dateline or bracketed
    note cut off), told by the event's own verb where one
    does (:func:`_telling`) and giving the event's date in its own words where one
    does (:func:`_summary_candidates`). An event none of whose sentences reads as a
    full one (all over 60 words, say), or none of whose sentences giving its date
    does, gets the whole sentence of the mention the merge chose to represent it,
    never a clause cut out of it."""
    rules = sentence_rules()
    frequencies, documents = document_frequencies(
        dict.fromkeys(m.sentence for e in events for m in e.mentions)
    )
    summarised = []
    for event in events:
        candidates, only = _summary_candidates(event, rules)
        chosen = choose_sentences(
            candidates, 1, frequencies, documents, rules, only=only, weights=weights
        )
        summary = chosen[0].text if chosen else _representative_sentence(event, rules)
        summarised.append(event.model_copy(update={"summary": one_line(summary)}))
    return summarised


def _representative_sentence(event: Event, rules: SentenceRules) -> str:
    """The whole sentence (less a wire dateline or bracketed note) of the mention
    whose clause the merge made the event's summary, or of its first mention."""
    mention = next((m for m in event.mentions if m.content == event.summary), event.mentions[0])
    return _key_sentence(mention, rules).text


def _summary_candidates(
    event: Event, rules: SentenceRules
) -> tuple[list[Candidate], set[tuple[str, int, int]] | None]:
    """The event's full sentences (those telling it with a verb of its own, if any:
    :func:`_telling`), and which of them may be its summary: the ones that give the
    event's date in their own words, if any do (None: any). The reader can check a
    date against such a sentence; "We're watching new history unfold" may belong
    to an event, but it cannot show that it happened "almost 50 years ago"."""
    span = interval_of(event.date.value, event.date.mod)
    dating = {
        _sentence_key(m)
        for m in event.mentions
        if m.date_source == "own" and m.date is not None and _holds(m.date.value, m.date.mod, span)
    }
    telling = candidates_for([_telling(event)], rules)
    eligible = {_sentence_key(c.mention) for c in telling} & dating
    if eligible or not dating:
        return telling or candidates_for([event], rules), eligible or None
    every = candidates_for([event], rules)  # a nominal mention may be the one that dates it
    eligible = {_sentence_key(c.mention) for c in every} & dating
    # No sentence that dates the event reads as a full one (over 60 words, say):
    # the whole sentence of the merge's representative, which prefers one dating
    # it, rather than a shorter one that cannot show the date.
    return (every, eligible) if eligible else ([], None)


def _sentence_key(mention: EventMention) -> tuple[str, int, int]:
    return (mention.article_id, mention.start, mention.end)


def _holds(value: str, mod: str | None, span: tuple[date, date] | None) -> bool:
    """The date ``value`` (with ``mod``) covers all of ``span``."""
    own = interval_of(value, mod)
    return own is not None and span is not None and own[0] <= span[0] and span[1] <= own[1]


def _telling(event: Event) -> Event:
    """The event with only the mentions that tell it with a verb of its own, if any
    does: a sentence that names the event as a noun ("to implement the G20
    directive, Commerce will ...") is about something else."""
    verbal = [m for m in event.mentions if m.kind != "nominal"]
    return event.model_copy(update={"mentions": verbal})
