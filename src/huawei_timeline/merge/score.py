"""The pair score of the merge: how likely two mentions report the same event.

Typed evidence, each kind weighted by :class:`MergeWeights` (who acted, what was
done to whom, quoted words, TF-IDF keyword overlap, a back-reference); the
weights the merge uses are hand-set (:data:`HAND_SET`: weights fitted on the
hand-checked bundles, leave one bundle out, did worse there, see
``bench/bundle_weights.py``). ``reasons`` lists what a score is made of, for
``explain``. A scorer needs three things from the whole
bundle: each mention's canonical actor, its predicate as the verb the bundle
uses, and keyword document frequencies (:class:`Terms`). Given those, any subset
of the mentions scores its pairs exactly as the whole bundle would
(:meth:`PairScorer.subset`), which is what lets blocks of the date line be
scored apart, on other machines (``blocks.py``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from huawei_timeline.events.lexicon import event_class, lexicon
from huawei_timeline.events.summary import quote_shingles
from huawei_timeline.merge.actors import ActorIndex
from huawei_timeline.merge.evidence import (
    CLOSE_DATES_DAYS,
    MAX_POSTING,
    MIN_SHARED_SHINGLES,
    as_verb,
    day_of,
    evidence_interval,
    months_of,
    place_key,
    refers_back,
    same_frame,
)
from huawei_timeline.models import EventMention, MergeLink, NameUse

NEVER = -math.inf
MONTH_KEY: Final = "m:"
"""The prefix of a common keyword's key within one month; such a key proposes pairs
only while at most :data:`MAX_POSTING` mentions of a block share it."""
EVIDENCE: Final = (
    "keyword overlap",
    "same actor",
    "same actor, close dates",
    "same predicate",
    "same object",
    "same happening, same day",
    "shared quotation",
    "refers back",
    "same kind of happening",
)
"""The kinds of pair evidence, as ``reasons`` and ``explain`` name them. Each is 1
when present, except the keyword overlap (a cosine); the last counts only when an
undated mention joins a dated event (``attach.py``)."""


@dataclass(frozen=True)
class MergeWeights:
    """What each kind of evidence adds to a pair's score, and what a join needs.

    A pair of dated mentions joins when ``bias`` plus its weighted evidence
    reaches ``merge_threshold``; an undated mention joins its best dated match
    when that score plus ``attach_bias`` (and, for the same kind of happening,
    its weight) reaches ``attach_threshold``.
    """

    evidence: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    merge_threshold: float = 0.45
    attach_bias: float = 0.0
    attach_threshold: float = 0.55

    def weight(self, kind: str) -> float:
        """The weight of one kind of evidence (0 for a kind the weights leave out)."""
        return self.evidence.get(kind, 0.0)


HAND_SET: Final = MergeWeights(
    evidence={
        "keyword overlap": 1.0,
        "same actor": 0.2,
        "same actor, close dates": 0.25,
        "same predicate": 0.15,
        "same object": 0.3,
        "same happening, same day": 0.3,
        "shared quotation": 0.5,
        "refers back": 0.5,
        "same kind of happening": 0.3,
    }
)
"""The merge's weights, set by hand as each hand-checked bundle was added."""

UNSCORED: Final[dict[str, object]] = {
    "sentence": "",
    "content": "",
    "quotes": [],
    "time_expression": None,
    "date": None,
}
"""What a subset's mentions leave out: the texts and dates a score never reads
from the mention (quotations and dates are read from the scorer's own
``quotes`` and ``exact``, computed from the whole mentions)."""


@dataclass(frozen=True)
class Terms:
    """Keyword document frequencies over a bundle's ``total`` mentions."""

    df: Mapping[str, int]
    total: int

    @classmethod
    def count(cls, mentions: Sequence[EventMention]) -> Terms:
        """The frequencies of a bundle's mentions (a word counts once per mention)."""
        counts: Counter[str] = Counter()
        for m in mentions:
            counts.update(set(m.keywords))
        return cls(df=dict(counts), total=max(len(mentions), 1))

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency (scikit-learn's ``smooth_idf`` form)."""
        return math.log((1 + self.total) / (1 + self.df[word])) + 1.0


class PairScorer:
    """Pairwise similarity of mentions, with canonical actors and keyword weights."""

    def __init__(
        self,
        mentions: Sequence[EventMention],
        actors: Sequence[str | None],
        predicates: Sequence[str],
        terms: Terms,
        weights: MergeWeights = HAND_SET,
    ) -> None:
        self.mentions = list(mentions)
        self.weights = weights
        self.actors = list(actors)
        self.predicates = list(predicates)
        self.terms = terms
        self.df = terms.df
        self.idf = {word: terms.idf(word) for word in {w for m in mentions for w in m.keywords}}
        self.vectors = [self._vector(m) for m in mentions]
        self.quotes = [quote_shingles(m.quotes) for m in mentions]
        self.exact = [evidence_interval(m) for m in mentions]
        self.classes = [event_class(m.predicate) for m in mentions]
        self.stative = lexicon().stative_verbs

    @classmethod
    def for_bundle(
        cls,
        mentions: Sequence[EventMention],
        uses: Iterable[NameUse] = (),
        weights: MergeWeights = HAND_SET,
    ) -> tuple[PairScorer, ActorIndex]:
        """The scorer of a whole bundle, with the canonical actors it was built on
        (``uses``: how the articles printed each name, see :class:`ActorIndex`)."""
        index = ActorIndex(mentions, uses)
        actors = [index.acting_person(m) for m in mentions]
        verbs = {m.predicate for m in mentions if m.kind != "nominal"}
        predicates = [event_class(m.predicate) or as_verb(m.predicate, verbs) for m in mentions]
        return cls(mentions, actors, predicates, Terms.count(mentions), weights), index

    def subset(self, members: Sequence[int]) -> PairScorer:
        """A scorer of some of the mentions (its index ``k`` is ``members[k]``) that
        scores every pair exactly as this one does: same actors, predicates and
        document frequencies, and the per-mention work copied, not redone. What a
        worker gets for one block of the date line or one task of undated mentions."""
        part = object.__new__(PairScorer)  # not copy.copy: that pickles (__getstate__)
        part.__dict__.update(self.__dict__)
        part.mentions = [self.mentions[i] for i in members]
        words = {w for m in part.mentions for w in m.keywords}
        part.terms = Terms(df={w: self.df[w] for w in words}, total=self.terms.total)
        part.df = part.terms.df
        part.idf = {w: self.idf[w] for w in words}
        for name in ("actors", "predicates", "vectors", "quotes", "exact", "classes"):
            whole = getattr(self, name)
            setattr(part, name, [whole[i] for i in members])
        return part

    def __getstate__(self) -> dict[str, object]:
        """What a task carries to a worker: the mentions without the fields no score
        reads (:data:`UNSCORED`), made only when pickled, so a merge in this process
        copies nothing; silver's undated-mention tasks pickle to 81 MB, not 130."""
        state = self.__dict__.copy()
        state["mentions"] = [m.model_copy(update=UNSCORED) for m in self.mentions]
        return state

    def _vector(self, mention: EventMention) -> dict[str, float]:
        vector = {word: self.idf[word] for word in mention.keywords}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {word: w / norm for word, w in vector.items()}

    def keys(self, i: int, attach: bool = False) -> set[str]:
        """Inverted-index keys under which mention ``i`` proposes candidate pairs.

        Between dated mentions an actor proposes pairs only within the same
        months: the actor bonus reaches the threshold only for close dates, and
        a busy actor would otherwise pair every mention with every other. For
        attaching undated mentions (``attach``), the actor alone is a key. So
        does a keyword too common in the bundle to propose pairs on its own
        ("Hong Kong" in a bundle about a meeting there): within the same months
        (:data:`MONTH_KEY`), where few mentions may share it.
        """
        m = self.mentions[i]
        months = months_of(self.exact[i])
        keys = set()
        for w in m.keywords:
            if self.df[w] <= MAX_POSTING:
                keys.add(f"w:{w}")
            else:
                keys.update(f"{MONTH_KEY}{w}|{month}" for month in months)
        if self.actors[i] is not None:
            keys.update(f"a:{self.actors[i]}|{month}" for month in months)
            if attach:
                keys.add(f"a:{self.actors[i]}")
        if attach and self.classes[i] is not None:
            keys.add(f"c:{self.classes[i]}")
        if m.object is not None:
            keys.add(f"p:{self.predicates[i]}|{m.object}")
        day = day_of(self.exact[i])
        if self.classes[i] is not None and day is not None:
            keys.add(f"h:{self.classes[i]}|{day}")
        if m.goal is not None:
            keys.add(f"g:{m.goal}")
        keys.update(f"q:{' '.join(shingle)}" for shingle in self.quotes[i])
        return keys

    def overlap(self, i: int, j: int) -> float:
        """Cosine similarity of the two mentions' weighted keywords."""
        va, vb = self.vectors[i], self.vectors[j]
        return sum(w * vb[word] for word, w in va.items() if word in vb)

    def shared_terms(self, i: int, j: int) -> int:
        """How many keywords the two mentions share, the words of one name that
        both name counting once: "the United States" is one term, not two."""
        terms = self.vectors[i].keys() & self.vectors[j].keys()
        a, b = self.mentions[i], self.mentions[j]
        theirs = {n.lower() for n in (*b.people, *b.organizations, *b.places)}
        for name in sorted({n.lower() for n in (*a.people, *a.organizations, *a.places)} & theirs):
            inside = terms & {w.strip(".'\u2019") for w in name.split()}
            if len(inside) > 1:
                terms = (terms - inside) | {name}
        return len(terms)

    def one_term_alone(self, i: int, j: int) -> bool:
        """The two mentions share one term (a keyword, or the words of one name)
        and nothing else speaks for them."""
        return self.shared_terms(i, j) == 1 and set(self.evidence(i, j) or {}) == {
            "keyword overlap"
        }

    def score(self, i: int, j: int) -> float:
        """How likely mentions ``i`` and ``j`` report the same event (NEVER if impossible)."""
        reasons = self.reasons(i, j)
        if reasons is None:
            return NEVER
        # Weights are decimal fractions: round away float noise (0.15 + 0.3 < 0.45).
        return round(sum(reasons.values()), 6)

    def reasons(self, i: int, j: int) -> dict[str, float] | None:
        """What the score of ``i`` and ``j`` is made of, in the order it adds up
        (the weighted :meth:`evidence`, after the bias if there is one); None when
        they can never be one event."""
        evidence = self.evidence(i, j)
        if evidence is None:
            return None
        weights = self.weights
        reasons = {"bias": weights.bias} if weights.bias else {}
        reasons.update((kind, weights.weight(kind) * value) for kind, value in evidence.items())
        return reasons

    def evidence(self, i: int, j: int) -> dict[str, float] | None:
        """The kinds of evidence (:data:`EVIDENCE`) the pair has, with their values,
        in the order they add up; None when the two can never be one event (one
        sentence, two different named actors, or two actions of one article with
        different predicates and no keyword in common). The same kind of
        happening is left to ``attach.py``."""
        a, b = self.mentions[i], self.mentions[j]
        if a.article_id == b.article_id and a.sentence_index == b.sentence_index:
            return None
        actor_a, actor_b = self.actors[i], self.actors[j]
        if actor_a is not None and actor_b is not None and actor_a != actor_b:
            return None
        found = {"keyword overlap": self.overlap(i, j)}
        if a.article_id == b.article_id and self._two_doings(i, j, found["keyword overlap"]):
            return None
        if actor_a is not None and actor_a == actor_b:
            found["same actor"] = 1.0
            if self._close_dates(i, j):
                found["same actor, close dates"] = 1.0
        frame = same_frame(a, b)
        predicate = self.predicates[i]
        if (predicate == self.predicates[j] and predicate not in self.stative) or frame:
            found["same predicate"] = 1.0
            if frame or (a.object is not None and a.object == b.object):
                found["same object"] = 1.0
        if self.same_day_happening(i, j):
            found["same happening, same day"] = 1.0
        if self.shared_wording(i, j):
            found["shared quotation"] = 1.0
        if refers_back(a, b) or refers_back(b, a):
            found["refers back"] = 1.0
        return found

    def _two_doings(self, i: int, j: int, overlap: float) -> bool:
        """Two actions of one article with different predicates and no word in
        common: the article tells two things ("Yeltsin on Monday sacked his
        transport minister" and "Also Monday, Yeltsin accepted the resignation ...
        of the head of Russia's top tax authority"), not one twice."""
        a, b = self.mentions[i], self.mentions[j]
        return (
            a.kind == b.kind == "action"
            and self.predicates[i] != self.predicates[j]
            and not overlap
            and not same_frame(a, b)
        )

    def same_kind(self, i: int, j: int) -> bool:
        """One kind of happening (``event_classes``), whatever the dates."""
        return self.classes[i] is not None and self.classes[i] == self.classes[j]

    def link(self, i: int, j: int, extra: Mapping[str, float] | None = None) -> MergeLink:
        """The record of mention ``j`` joining the event of ``i``, for ``explain``."""
        reasons = {**(self.reasons(i, j) or {}), **(extra or {})}
        return MergeLink(
            mention=self.mentions[j].id,
            joined=self.mentions[i].id,
            score=round(sum(reasons.values()), 4),
            evidence={name: round(value, 4) for name, value in reasons.items()},
        )

    def shared_wording(self, i: int, j: int) -> bool:
        """Both mentions quote the same words (two or more shared runs)."""
        return len(self.quotes[i] & self.quotes[j]) >= MIN_SHARED_SHINGLES

    def same_day_happening(self, i: int, j: int) -> bool:
        """One kind of happening (``event_classes``) on one day, by no two different
        actors and in no two different places.

        "Suspected bombs exploded" and "the car bombings occurred", both on 7
        August: the same bombings, though the sentences share few words. A blast
        in Kabul and one in Baghdad that day are two events.
        """
        kind = self.classes[i]
        if kind is None or kind != self.classes[j]:
            return False
        day = day_of(self.exact[i])
        if day is None or day != day_of(self.exact[j]):
            return False
        a, b = self.mentions[i], self.mentions[j]
        named = [m.subject for m in (a, b) if m.subject in m.people + m.organizations]
        if len(named) == 2 and named[0] != named[1]:
            return False
        places = [{place_key(p) for p in m.places} for m in (a, b)]
        return not (places[0] and places[1] and not places[0] & places[1])

    def _close_dates(self, i: int, j: int) -> bool:
        """Both mentions dated to a month or less: the same actor then says much."""
        spans = (self.exact[i], self.exact[j])
        return all(s is not None and (s[1] - s[0]).days < CLOSE_DATES_DAYS for s in spans)
