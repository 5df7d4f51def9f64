"""Pair evidence: what two mentions have in common, as typed, named features.

For each candidate pair of mentions the merge asks the same questions: is it the
same happening (predicate, kind of happening, nominalisation), done by the same
actor to the same thing, at the same place and time, told in the same words, in
articles about the same story? :class:`PairEvidence` holds the answers; a model
fitted on annotated coreference data weighs them (:mod:`huawei_timeline.merge.model`),
so no weight here is set by hand.

Hard constraints stay apart from the evidence and are never outweighed
(:meth:`BundleEvidence.constraint`): two mentions of one sentence, two different
named people acting, and dates that cannot be the same period.

Everything about the bundle that the evidence needs (canonical actors, keyword
weights, each article's vocabulary) is computed once in :class:`BundleEvidence`.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Final

from pydantic import BaseModel, ConfigDict

from huawei_timeline.events.lexicon import event_class, verb_candidates
from huawei_timeline.events.summary import quote_shingles
from huawei_timeline.merge.actors import ActorIndex
from huawei_timeline.models import EventMention
from huawei_timeline.timex.values import interval_of

Interval = tuple[date, date]

MAX_POSTING: Final = 50
"""Keywords used by more mentions than this propose no pair on their own (they still
count in the similarity of proposed pairs): a word every article uses links nothing."""
MIN_SHARED_SHINGLES: Final = 2
"""Two four-word runs in common make a shared quotation; one can be a set phrase."""
BACK_REFERENCE_WINDOW: Final = 2
"""Sentences after an event within which a bare event noun may refer back to it."""
CLOSE_DATES_DAYS: Final = 35
"""Dates of a month or finer are precise enough for an actor's presence to say much."""
FUZZY_MODS: Final = frozenset({"START", "MID", "END"})
LEAD_LAG_DAYS: Final = 2
"""A lead event dated only by its article's publish day (``date_source`` "publish")
may have happened that day or up to this many days before: news leads report the
day before or the day before that. In the development bundles and a Timeline17
sample, 82% of the past-tense lead events with a stated day lie within two days
before publication, 58% on the day itself (``README``, "Lead events and the
publish date")."""
NEVER: Final = "never"


class PairEvidence(BaseModel):
    """What two mentions share, each field a feature of the merge model.

    Booleans count as 0/1; the float fields are similarities in [0, 1] or
    log-scaled distances. Field order is the model's feature order.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    same_predicate: bool
    """The same predicate, a nominalisation counted as its verb ("ratification" = "ratify")."""
    same_lemma: bool
    """The same trigger lemma as printed."""
    same_class: bool
    """The same kind of happening (``event_classes``: attack, death, arrest, ...)."""
    predicate_similarity: float
    """Character-trigram overlap of the two predicates ("shooting" / "shoot")."""
    predicate_pair_prior: float
    """How much likelier than the average pair two mentions with these predicates were
    one event in annotated training data (log ratio, smoothed; 0 when never seen):
    "foil" / "thwart" high, "say" / "say" low. See :func:`predicate_pair_key`."""
    predicate_synonyms: bool
    """Two different predicates that share a WordNet 3.0 sense ("foil" / "thwart",
    "arrest" / "nab"): nouns for event nouns, verbs otherwise (:func:`synonyms`)."""
    same_actor: bool
    different_actor: bool
    """Both name who acted, and they differ (organisations; different people are a constraint)."""
    same_object: bool
    different_object: bool
    same_goal: bool
    """The same thing moved to or from the same place, whatever the verb."""
    shared_place: bool
    different_place: bool
    keyword_cosine: float
    """TF-IDF cosine of the mentions' content words."""
    article_cosine: float
    """TF-IDF cosine of the two articles' vocabularies: are they about the same story?"""
    article_names_cosine: float
    """TF-IDF cosine of the people, organisations and places the two articles name."""
    same_article: bool
    sentence_distance: float
    """log(1 + sentences apart) within one article; 0 across articles."""
    shared_quote: bool
    refers_back: bool
    """A bare event noun right after the event it names ("The May 16 ruling ...")."""
    both_dated: bool
    one_dated: bool
    same_day: bool
    nested_dates: bool
    """One date's period contains the other's ("May 2019" and 16 May 2019)."""
    date_distance: float
    """log(1 + days between the two dates' periods); 0 when they overlap or one is undated."""
    same_modality: bool
    both_speech: bool
    both_nominal: bool

    def vector(self) -> list[float]:
        """The features in field order, booleans as 0.0 / 1.0."""
        return [float(getattr(self, name)) for name in FEATURES]


FEATURES: Final[tuple[str, ...]] = tuple(PairEvidence.model_fields)


class BundleEvidence:
    """The bundle-level context of pair evidence: canonical actors, keyword weights, articles."""

    def __init__(
        self,
        mentions: Sequence[EventMention],
        context: Sequence[EventMention] = (),
        predicate_pairs: Mapping[str, float] | None = None,
    ) -> None:
        """Index ``mentions``; ``context`` adds other mentions of the same articles.

        An article's vocabulary comes from all its mentions: the ones to cluster and
        those of ``context`` (every mention the events stage found when only some are
        clustered, as with annotated corpora). ``predicate_pairs`` is the fitted
        prior of predicate pairs (``MergeModel.predicate_pairs``, keyed by
        :func:`predicate_pair_key`); without it every pair's prior is 0.
        """
        self.mentions = mentions
        self.predicate_pairs = predicate_pairs or {}
        self.index = ActorIndex(mentions)
        self.persons = [self.index.acting_person(m) for m in mentions]
        self.agents = [self.index.acting(m) for m in mentions]
        counts: Counter[str] = Counter()
        for m in mentions:
            counts.update(set(m.keywords))
        total = max(len(mentions), 1)
        self.df = counts
        idf = {word: math.log((1 + total) / (1 + n)) + 1.0 for word, n in counts.items()}
        self.vectors = [_normalised({w: idf[w] for w in m.keywords}) for m in mentions]
        vocabulary: dict[str, Counter[str]] = defaultdict(Counter)
        names: dict[str, Counter[str]] = defaultdict(Counter)
        seen: set[str] = set()
        for m in [*mentions, *context]:
            if m.id not in seen:
                seen.add(m.id)
                vocabulary[m.article_id].update(m.keywords)
                names[m.article_id].update(m.people + m.organizations + m.places)
        self.article_vectors = _tf_idf(vocabulary)
        self.article_names = _tf_idf(names)
        self.quotes = [quote_shingles(m.quotes) for m in mentions]
        self.exact = [evidence_interval(m) for m in mentions]
        self.intervals = [merge_interval(m) for m in mentions]
        self.classes = [event_class(m.predicate) for m in mentions]
        verbs = {m.predicate for m in mentions if m.kind != "nominal"}
        self.predicates = [
            c or as_verb(m.predicate, verbs) for c, m in zip(self.classes, mentions, strict=True)
        ]
        self.places = [frozenset(place_key(p) for p in m.places) for m in mentions]

    def keys(self, i: int) -> set[str]:
        """Inverted-index keys under which mention ``i`` proposes candidate pairs.

        An actor proposes pairs only within the same months when dated, so a busy
        actor does not pair every mention with every other; undated, the actor alone.
        """
        m = self.mentions[i]
        keys = {f"w:{w}" for w in m.keywords if self.df[w] <= MAX_POSTING}
        agent = self.agents[i]
        if agent is not None:
            months = months_of(self.exact[i])
            keys.update(f"a:{agent}|{month}" for month in months)
            if self.exact[i] is None:
                keys.add(f"a:{agent}")
        if m.object is not None:
            keys.add(f"p:{self.predicates[i]}|{m.object}")
        kind = self.classes[i]
        if kind is not None:
            day = day_of(self.exact[i])
            keys.add(f"h:{kind}|{day}" if day is not None else f"c:{kind}")
        if m.goal is not None:
            keys.add(f"g:{m.goal}")
        keys.update(f"q:{' '.join(shingle)}" for shingle in self.quotes[i])
        return keys

    def keyword_cosine(self, i: int, j: int) -> float:
        """TF-IDF cosine of the content words of mentions ``i`` and ``j``."""
        return _cosine(self.vectors[i], self.vectors[j])

    def candidate_pairs(self, members: Sequence[int]) -> set[tuple[int, int]]:
        """Pairs of ``members`` that share an index key or lie within a back-reference window.

        An undated mention and a dated one sharing a key of kind ``c:`` (a kind of
        happening) pair too: "killed in the embassy bombing" names the bombing of a day.
        """
        postings: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for key in self.keys(i):
                postings[key].append(i)
                if key.startswith("h:"):
                    postings["c:" + key[2:].split("|", 1)[0]].append(i)
        return paired(self.mentions, members, postings.values())

    def constraint(self, i: int, j: int) -> str | None:
        """Why ``i`` and ``j`` can never be one event, or None when they can."""
        a, b = self.mentions[i], self.mentions[j]
        if a.article_id == b.article_id and a.sentence_index == b.sentence_index:
            return "one sentence"
        person_a, person_b = self.persons[i], self.persons[j]
        if person_a is not None and person_b is not None and person_a != person_b:
            return "different people acting"
        x, y = self.intervals[i], self.intervals[j]
        if x is not None and y is not None and intersect(x, y) is None:
            return "dates cannot be the same period"
        return None

    def evidence(self, i: int, j: int) -> PairEvidence:
        """The evidence that mentions ``i`` and ``j`` report the same event."""
        a, b = self.mentions[i], self.mentions[j]
        agents = (self.agents[i], self.agents[j])
        objects = (a.object, b.object)
        places = (self.places[i], self.places[j])
        spans = (self.exact[i], self.exact[j])
        same_article = a.article_id == b.article_id
        both_dated = spans[0] is not None and spans[1] is not None
        return PairEvidence(
            same_predicate=self.predicates[i] == self.predicates[j],
            same_lemma=a.predicate == b.predicate,
            same_class=self.classes[i] is not None and self.classes[i] == self.classes[j],
            predicate_similarity=_trigram_overlap(a.predicate, b.predicate),
            predicate_pair_prior=self.predicate_pairs.get(
                predicate_pair_key(a.predicate, b.predicate), 0.0
            ),
            predicate_synonyms=synonyms(a, b),
            same_actor=agents[0] is not None and agents[0] == agents[1],
            different_actor=None not in agents and agents[0] != agents[1],
            same_object=objects[0] is not None and objects[0] == objects[1],
            different_object=None not in objects and objects[0] != objects[1],
            same_goal=same_frame(a, b),
            shared_place=bool(places[0] & places[1]),
            different_place=bool(places[0] and places[1] and not places[0] & places[1]),
            keyword_cosine=self.keyword_cosine(i, j),
            article_cosine=(
                1.0
                if same_article
                else _cosine(self.article_vectors[a.article_id], self.article_vectors[b.article_id])
            ),
            article_names_cosine=(
                1.0
                if same_article
                else _cosine(self.article_names[a.article_id], self.article_names[b.article_id])
            ),
            same_article=same_article,
            sentence_distance=(
                math.log1p(abs(a.sentence_index - b.sentence_index)) if same_article else 0.0
            ),
            shared_quote=len(self.quotes[i] & self.quotes[j]) >= MIN_SHARED_SHINGLES,
            refers_back=refers_back(a, b) or refers_back(b, a),
            both_dated=both_dated,
            one_dated=(spans[0] is None) != (spans[1] is None),
            same_day=both_dated and day_of(spans[0]) is not None
            and day_of(spans[0]) == day_of(spans[1]),
            nested_dates=both_dated and _nested(spans[0], spans[1]),
            date_distance=_date_distance(spans[0], spans[1]),
            same_modality=a.modality == b.modality,
            both_speech=a.kind == "speech" and b.kind == "speech",
            both_nominal=a.kind == "nominal" and b.kind == "nominal",
        )  # fmt: skip


WORDNET_FILE: Final = "wordnet_synonyms.json"


@cache
def _wordnet() -> dict[str, dict[str, frozenset[int]]]:
    """``resources/wordnet_synonyms.json`` (``make wordnet``): for verbs and nouns, the
    WordNet 3.0 synsets each single word shares with another."""
    text = resources.files("huawei_timeline.resources").joinpath(WORDNET_FILE).read_text()
    table = json.loads(text)
    return {part: {w: frozenset(s) for w, s in table[part].items()} for part in ("verb", "noun")}


def _senses(mention: EventMention) -> frozenset[int]:
    """The WordNet senses of a mention's predicate: noun senses for an event noun,
    verb senses otherwise, the other part of speech when it has none there."""
    word = mention.predicate.lower()
    first, second = ("noun", "verb") if mention.kind == "nominal" else ("verb", "noun")
    table = _wordnet()
    return table[first].get(word) or table[second].get(word) or frozenset()


def synonyms(a: EventMention, b: EventMention) -> bool:
    """Two different predicates with a WordNet sense in common."""
    return a.predicate.lower() != b.predicate.lower() and bool(_senses(a) & _senses(b))


def predicate_pair_key(a: str, b: str) -> str:
    """The key of two predicates in a predicate-pair prior: lowercased, in order."""
    x, y = sorted((a.lower(), b.lower()))
    return f"{x}|{y}"


def paired(
    mentions: Sequence[EventMention], members: Sequence[int], postings: Iterable[list[int]]
) -> set[tuple[int, int]]:
    """Candidate pairs: members sharing a posting list, and members of one article within
    :data:`BACK_REFERENCE_WINDOW` sentences of each other (a bare event noun may refer back)."""
    pairs: set[tuple[int, int]] = set()
    for posting in postings:
        for x, i in enumerate(posting):
            for j in posting[x + 1 :]:
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_article[mentions[i].article_id].append(i)
    for group in by_article.values():
        group.sort(key=lambda i: mentions[i].sentence_index)
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                if mentions[j].sentence_index - mentions[i].sentence_index > BACK_REFERENCE_WINDOW:
                    break
                pairs.add((min(i, j), max(i, j)))
    return pairs


def exact_interval(mention: EventMention) -> Interval | None:
    """The day interval of a mention's date, or None when undated."""
    if mention.date is None:
        return None
    return interval_of(mention.date.value, mention.date.mod)


def merge_interval(mention: EventMention) -> Interval | None:
    """The period a mention's date can be in, for deciding what may merge.

    A date taken from the publish day (``date_source`` "publish") is only an upper
    bound: the event happened that day or up to :data:`LEAD_LAG_DAYS` before.

    "Early", "mid" and "late" are approximate, so here their third of the period
    is widened by half a third on each side: "Earlier this year" (2019, START:
    January to April) can still be the May event another article places "in
    May", while "early June" and "late June" stay apart.
    """
    exact = exact_interval(mention)
    if exact is not None and mention.date_source == "publish":
        return (exact[0] - timedelta(days=LEAD_LAG_DAYS), exact[1])
    if exact is None or mention.date is None or mention.date.mod not in FUZZY_MODS:
        return exact
    whole = interval_of(mention.date.value)
    if whole is None:
        return exact
    margin = timedelta(days=((exact[1] - exact[0]).days + 1) // 2)
    return (max(whole[0], exact[0] - margin), min(whole[1], exact[1] + margin))


def evidence_interval(mention: EventMention) -> Interval | None:
    """The days a mention's date tells, for the evidence of a pair: its own date's
    interval, or for a publish-derived date the days it may be (:func:`merge_interval`),
    so a publish day is never taken for the day of the event (no "same day")."""
    if mention.date_source == "publish":
        return merge_interval(mention)
    return exact_interval(mention)


def intersect(a: Interval, b: Interval) -> Interval | None:
    """The common part of two day intervals, or None."""
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def _tf_idf(bags: Mapping[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Each bag as a unit TF-IDF vector, document frequency counted over the bags."""
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(set(bag))
    total = len(bags)
    return {
        key: _normalised(
            {w: n * (math.log((1 + total) / (1 + df[w])) + 1.0) for w, n in bag.items()}
        )
        for key, bag in bags.items()
    }


def _normalised(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {word: w / norm for word, w in vector.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return min(1.0, sum(w * b.get(word, 0.0) for word, w in a.items()))


def _trigram_overlap(a: str, b: str) -> float:
    """Dice overlap of the character trigrams of two words."""
    if a == b:
        return 1.0
    x = {a[k : k + 3] for k in range(max(1, len(a) - 2))}
    y = {b[k : k + 3] for k in range(max(1, len(b) - 2))}
    return 2 * len(x & y) / (len(x) + len(y))


def as_verb(predicate: str, verbs: set[str]) -> str:
    """A nominalisation as the verb other mentions use: "ratification" -> "ratify"."""
    if predicate in verbs:
        return predicate
    return next((v for v in verb_candidates(predicate) if v in verbs), predicate)


def place_key(name: str) -> str:
    """ "Dar-es-Salaam" and "Dar es Salaam" are one place."""
    return " ".join(name.lower().replace("-", " ").split())


def day_of(span: Interval | None) -> date | None:
    """The day a date within one day falls on ("Friday", "10:35 a.m. Friday")."""
    if span is None or span[0] != span[1]:
        return None
    return span[0]


def months_of(span: Interval | None) -> list[str]:
    """The months a close date touches; none for a longer or missing date."""
    if span is None or (span[1] - span[0]).days >= CLOSE_DATES_DAYS:
        return []
    first, last = span
    return sorted({f"{first.year}-{first.month:02d}", f"{last.year}-{last.month:02d}"})


def _nested(a: Interval | None, b: Interval | None) -> bool:
    if a is None or b is None:
        return False
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _date_distance(a: Interval | None, b: Interval | None) -> float:
    if a is None or b is None:
        return 0.0
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return math.log1p(gap)


def same_frame(a: EventMention, b: EventMention) -> bool:
    """The same thing moved to (or from) the same place, whatever the verb.

    "placed Huawei on a blacklist" and "[Huawei] had been added to a US
    blacklist" share the goal "to blacklist"; their objects agree, or one is a
    passive that lost its subject, so its object is unknown rather than different.
    """
    if a.goal is None or a.goal != b.goal:
        return False
    if a.object is not None and b.object is not None:
        return a.object == b.object
    return any(m.object is None and m.voice == "passive" for m in (a, b))


def refers_back(later: EventMention, earlier: EventMention) -> bool:
    """A definite event noun without an actor right after the event it names."""
    return (
        later.article_id == earlier.article_id
        and later.kind == "nominal"
        and later.subject is None
        and 0 < later.sentence_index - earlier.sentence_index <= BACK_REFERENCE_WINDOW
    )
