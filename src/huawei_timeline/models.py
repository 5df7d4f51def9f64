"""Typed models passed between the pipeline stages.

Every stage takes one of these models and returns the next one:

    load    -> Article           (manifest entry + original text)
    clean   -> CleanArticle      (Article + boilerplate segments)
    nlp     -> ParsedArticle     (sentences, tokens, entities; no spaCy objects)
    timex   -> TaggedArticle     (ParsedArticle + anchored TIMEX3 expressions)
    events  -> EventMention list
    merge   -> Timeline          (events with all their mentions)

All character offsets index the *original* article text, so every claim in the
timeline can be checked against the source file.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexMod = Literal[
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
]
Granularity = Literal[
    "millennium",
    "century",
    "decade",
    "year",
    "half",
    "quarter",
    "season",
    "month",
    "week",
    "weekend",
    "day",
    "part_of_day",
    "time",
    "reference",
    "duration",
    "set",
]
# DONE: a simple past told of the date itself ("killed 19 servicemen in June"),
# which cannot lie after the publish date (``timex.resolve.told_as_done``).
Tense = Literal["PAST", "PRESENT", "FUTURE", "DONE"]
SegmentKind = Literal["text", "boilerplate", "dateline"]
Modality = Literal["asserted", "planned", "considered", "hypothetical", "negated", "denied"]
MentionKind = Literal["action", "speech", "nominal"]
DateSource = Literal["own", "context", "publish", "cluster"]
Voice = Literal["active", "passive"]
ActorKind = Literal["person", "organization", "place"]


def calendar_day(moment: date | datetime) -> date:
    """The calendar day of a publish date, which may carry a clock time."""
    return moment.date() if isinstance(moment, datetime) else moment


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- load


class ArticleMeta(Strict):
    """One manifest entry: where an article is and when it was published."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    file: str = Field(min_length=1)
    outlet: str
    headline: str | None = None
    published: datetime | date


class Dateline(Strict):
    """A dateline printed in the article itself (e.g. "Thursday 11 July 2019 10:37, UK")."""

    text: str
    start: int
    end: int
    value: str


class Article(Strict):
    """A loaded article: its manifest entry and its original text, unchanged."""

    meta: ArticleMeta
    text: str
    dateline: Dateline | None = None


# -------------------------------------------------------------------------- clean


class Segment(Strict):
    """A line-level span of the original text and what it is."""

    start: int
    end: int
    kind: SegmentKind
    reason: str | None = None


class CleanArticle(Strict):
    """An article with its text split into body and boilerplate segments."""

    article: Article
    segments: list[Segment]


# ---------------------------------------------------------------------------- nlp


class Token(Strict):
    """A token of the parse. ``i`` and ``head`` are article-level token indices."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""


class Entity(Strict):
    """A named-entity span (PERSON, ORG, GPE, NORP, DATE, TIME, ...)."""

    start: int
    end: int
    text: str
    label: str
    token_start: int
    token_end: int


class Sentence(Strict):
    """A sentence of a body segment; tokens are ``tokens[token_start:token_end]``."""

    index: int
    start: int
    end: int
    text: str
    token_start: int
    token_end: int


class ParsedArticle(Strict):
    """The nlp stage's output: everything later stages need from spaCy."""

    article: Article
    segments: list[Segment]
    sentences: list[Sentence]
    tokens: list[Token]
    entities: list[Entity]


# -------------------------------------------------------------------------- timex


class TimeExpression(Strict):
    """A TIMEX3 expression: span in the original text plus its normalised value."""

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: TimexMod | None = None
    granularity: Granularity
    sentence_index: int | None = None


class SkippedExpression(Strict):
    """A date expression found but kept out of the timeline, and why.

    ``type``/``value``/``mod`` are its normalised TIMEX3 value when it has one
    (page furniture is normalised like text: "Thursday 11 July 2019 10:37" in a
    dateline is ``2019-07-11T10:37``); None when it could not be normalised.
    """

    text: str
    start: int
    end: int
    reason: str
    type: TimexType | None = None
    value: str | None = None
    mod: TimexMod | None = None


class TaggedArticle(Strict):
    """A parsed article with its anchored time expressions."""

    parsed: ParsedArticle
    time_expressions: list[TimeExpression]
    skipped: list[SkippedExpression] = Field(default_factory=list)


# ------------------------------------------------------------------------- events


class EventDate(Strict):
    """The date of an event: a TIMEX3 value with its type, modifier and granularity."""

    value: str
    type: TimexType
    mod: TimexMod | None = None
    granularity: Granularity


class EventMention(Strict):
    """One sentence-level report of an event.

    ``object`` is what the event was done to, ``goal`` where that went or came
    from: the preposition's direction and the head of its object ("to
    blacklist" for "added to a US blacklist", "from list" for "removed from the
    list"). ``voice`` is "passive" for a passive verb; a passive without an
    object has lost its subject (a scraped line starting "had been added to
    ..."), so what it was done to is unknown rather than absent.
    """

    id: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    sentence: str
    kind: MentionKind
    predicate: str
    subject: str | None = None
    object: str | None = None
    goal: str | None = None
    voice: Voice = "active"
    content: str
    people: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)
    modality: Modality = "asserted"
    time_expression: TimeExpression | None = None
    date: EventDate | None = None
    date_source: DateSource | None = None


class ActorConflict(Strict):
    """A source that credits an event's words or deed to someone else."""

    article_id: str
    mention_id: str
    attributed_to: str
    instead_of: list[str]


class Actor(Strict):
    """A canonical person or organisation with every name the articles use for it."""

    name: str
    kind: ActorKind
    aliases: list[str]
    events: int
    articles: int


class DateConflict(Strict):
    """A source whose date for an event disagrees with the merged date."""

    article_id: str
    text: str
    value: str
    mod: TimexMod | None = None


# ------------------------------------------------------------------------- output


class MergeLink(Strict):
    """Why a mention joined an event: the pair that joined it, the pair's merge score
    and what the score is made of (``merge/cluster.py``: keyword overlap plus one
    share per kind of agreement; a pair joins at the merge threshold)."""

    mention: str
    joined: str
    """The mention of the event it was paired with."""
    score: float
    evidence: dict[str, float]


class Event(Strict):
    """One timeline entry: an event and every mention that reports it."""

    id: str
    date: EventDate
    summary: str
    people: list[str]
    organizations: list[str]
    modality: Modality
    sources: int
    outlets: list[str]
    mentions: list[EventMention]
    date_conflicts: list[DateConflict] = Field(default_factory=list)
    actor_conflicts: list[ActorConflict] = Field(default_factory=list)
    explain: list[MergeLink] = Field(default_factory=list)
    """How the mentions came together: one link per join (none for a single mention)."""


class ArticleSummary(Strict):
    """Per-article part of the JSON export."""

    id: str
    outlet: str
    headline: str | None
    published: datetime | date
    dateline: Dateline | None = None
    time_expressions: list[TimeExpression]
    skipped: list[SkippedExpression] = Field(default_factory=list)


class NameUse(Strict):
    """How an article printed a person or organisation, and who the article means."""

    label: Literal["PERSON", "ORG"]
    surface: str
    name: str


class ArticleExtraction(Strict):
    """What one article yields before merging: its summary and its event mentions.

    The per-document step (load -> clean -> nlp -> timex -> events) ends here; it
    depends on nothing but the article and the model, so it is cached and run in
    worker processes, and merge runs afterwards over every article's result.
    """

    summary: ArticleSummary
    mentions: list[EventMention] = Field(default_factory=list)
    names: list[NameUse] = Field(default_factory=list)


class KeySentence(Strict):
    """A sentence chosen to tell a key date, with its place in the article text."""

    text: str
    article_id: str
    start: int
    end: int


class KeyDateEvidence(Strict):
    """What the bundle says about one date; the key-date model weighs these counts.

    ``day``: 1 for a single day, 0 for a longer period (a weekend, "mid-October");
    ``published``: articles published on the date; ``published_next``: on the day
    after it (reports of a day's news); ``referring_articles``: articles published
    later whose text names the date, and ``remembered`` those published more than a
    week after it (a date still recalled later); ``published_after`` and
    ``published_week_after``: the articles published after the date and more than a
    week after it, the chances later articles had to name it (a date near the end of
    the bundle cannot yet be recalled); ``references``: every date expression naming
    it; ``events`` / ``event_articles`` / ``event_outlets``: the date's events and the
    articles and outlets reporting them, ``later_reports`` those articles published
    more than a day after the date; ``largest_event``: the most sources of one of
    them.
    """

    day: int = Field(ge=0, le=1)
    published: int
    published_next: int
    referring_articles: int
    remembered: int
    published_after: int
    published_week_after: int
    references: int
    events: int
    event_articles: int
    later_reports: int
    event_outlets: int
    largest_event: int


class KeyDate(Strict):
    """One of the most important dates of the bundle, told in a few sentences.

    ``date`` is a day (``YYYY-MM-DD``) or, when events are dated only to a shorter
    period than a quarter, that period as a TIMEX3 value with its ``mod`` and
    ``granularity`` (``2019-W26-WE``; ``2019-10`` + ``MID``), never an invented day.
    ``score`` is the key-date model's probability that a journalist's timeline lists
    the date; ``events`` the ids of its events, most reported first.
    """

    date: str
    mod: TimexMod | None = None
    granularity: Granularity
    score: float
    events: list[str]
    sentences: list[KeySentence]
    evidence: KeyDateEvidence


class Timeline(Strict):
    """The whole result: the articles and the merged chronology.

    ``key_dates`` is empty unless key dates were asked for (``--key-dates N``).
    """

    model: str
    articles: list[ArticleSummary]
    events: list[Event]
    actors: list[Actor] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    key_dates: list[KeyDate] = Field(default_factory=list)
