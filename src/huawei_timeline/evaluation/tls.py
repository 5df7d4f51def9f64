"""Timeline summarisation (TLS) scoring for Timeline17, after tilse and news-tls.

The protocol is the one used by tilse (Martschat & Markert, EACL 2017 / CoNLL 2018) and by
news-tls (Ghalandari & Ifrim, ACL 2020). It scores one predicted timeline against one reference
timeline. A timeline maps a day to that day's summary, given as a list of sentences.

Metrics (each gives precision, recall and F1, with F1 = 2PR / (P + R) and 0 when P + R = 0)
-------------------------------------------------------------------------------------------
* **Date P/R/F1** (news-tls ``evaluate_dates``): an exact-day match between the predicted dates
  and the reference dates. P = |shared| / |predicted|, R = |shared| / |reference|.
* **concat ROUGE-N** (tilse ``evaluate_concat``): all predicted sentences (in date order) form one
  summary and all reference sentences (in date order) form another; ROUGE-N is computed between
  the two.
* **align+ m:1 ROUGE-N** (tilse ``evaluate_align_date_content_costs_many_to_one``, called AR-N in
  news-tls). We follow ``tilse/evaluation/rouge.py`` and ``tilse/evaluation/util.py`` in the
  repository smartschat/tilse (read at commits 8b4fdb6 and f944d3d):

  - cost(p, r) = (1 - 1 / (|p - r| + 1)) * (1 - F_approx(S_p, S_r)), where p is a predicted day,
    r a reference day, |p - r| the distance in days, and S_p, S_r their summaries. F_approx is
    tilse's "approximate ROUGE-1" F1: clipped unigram overlap over the summaries' raw tokens,
    case-sensitive, with no stemming and no stopword removal. The date factor is 0 on the same
    day, so a predicted day that is also a reference day always costs 0.
  - Precision side: each predicted day p gets the reference day r*(p) with the least cost(p, .).
    A tie goes to the earliest reference day, since tilse takes ``argmin`` over sorted dates.
    P_N = sum_p hits_N(S_p, S_r*(p)) / (|p - r*(p)| + 1)  /  sum_p count_N(S_p).
  - Recall side: the same in the other direction. Each reference day r gets the predicted day
    p*(r) with the least cost(., r), and a tie goes to the earliest predicted day.
    R_N = sum_r hits_N(S_p*(r), S_r) / (|p*(r) - r| + 1)  /  sum_r count_N(S_r).
  - hits_N is the clipped n-gram overlap (ROUGE-1.5.5's H_count) and count_N the n-gram total
    (P_count for the prediction, M_count for the reference). Only the hits are discounted, never
    the denominators. Several predicted days may share one reference day (and several reference
    days may share one predicted day on the recall side). That is what "m:1" means.

* **Dataset score** (news-tls ``get_average_results``): over all the references scored, take the
  mean precision and the mean recall, then the F1 of those two means. This is not the mean of
  the per-reference F1 values. See :func:`aggregate`.

Where this differs from tilse
-----------------------------
* tilse works against a ``GroundTruth`` of one or more references. Here exactly one reference is
  scored at a time. That is the news-tls/Timeline17 protocol, where each reference is a
  separate task, and with one reference tilse's formulas reduce to the ones above.
* tilse's F_approx splits the original, PTB-tokenised text on whitespace. Our Timeline17 copy has
  been detokenised, so :func:`raw_tokens` splits it into word runs and single punctuation marks,
  still case-sensitive. F_approx only decides the alignment; the scores themselves come from the
  ROUGE-N counts below.
* With an empty prediction (or an empty reference), tilse fails inside ``argmin``. Here the
  result is P = R = 0.

ROUGE-N (our own implementation, standard library only)
--------------------------------------------------------
tilse calls ROUGE-1.5.5.pl through its bundled pyrouge as
``Rouge155(average="raw", stem=True, ignore_stopwords=True)``. That means the options
``-n 2 -x -f A -m -s -t 2``: Porter stemming **and stopword removal** (``-s`` loads
``smart_common_words.txt``, the SMART list extended by ROUGE's authors), with raw counts
summed over the whole text. So the published tilse and news-tls figures were computed *with*
stopword removal, whatever is often assumed. This module copies ROUGE-1.5.5's pipeline:

1. Lowercase ASCII letters. Every character other than ``[A-Za-z0-9]`` acts as a separator, so
   tokens are ``[a-z0-9]+`` runs ("U.S." gives "u", "s"; "al-Assad" gives "al", "assad";
   non-ASCII letters split words, as in ROUGE).
2. Optionally drop stopwords. The match is on the unstemmed lowercase token, before n-grams are
   formed, so a bigram can span a dropped stopword, as in ROUGE. **No list ships with this
   module.** ROUGE's ``smart_common_words.txt`` has no clear licence (Google's rouge-score leaves
   stopwords out for that reason). Pass one via ``RougeConfig(stopwords=load_stopwords(path))``.
   The default is no stopword removal, which gives higher scores than the published ones.
3. Optionally Porter-stem tokens longer than 3 characters (ROUGE's rule) with
   :func:`porter_stem`, which is our own implementation of the Porter (1980) algorithm in the
   variant ROUGE-1.5.5 ships: Porter's own "bli" -> "ble" and "logi" -> "log" departures, plus
   C.-Y. Lin's 2004 change to step 4 (see :func:`porter_stem`). Unlike ROUGE we do **not**
   first look the token up in the WordNet 2.0 exception database (irregular forms such as
   "said" -> "say" or "children" -> "child"). In ROUGE such words map to their lemma; here they
   go to the Porter stemmer.
4. The sentences of a summary are joined before n-grams are formed, so bigrams cross sentence
   boundaries, as in ROUGE's n-gram scoring. hits = sum over n-grams of min(pred, ref).

Other ROUGE-1.5.5 details we skip: pyrouge writes HTML, and ROUGE cuts a sentence at its first
``<``. There is no multi-reference ``-f A`` pooling, no length limit and no bootstrap.

Google's ``rouge-score`` (PyPI ``rouge-score`` 0.1.2, listed in the registry index but not
installed here) tokenises the same way (lowercase, ``[^a-z0-9]+`` -> space) and, with
``use_stemmer=True``, stems tokens longer than 3 characters with NLTK's PorterStemmer (NLTK
extensions mode, which differs a little from ROUGE's Perl stemmer). It has no stopword removal
at all, no WordNet exceptions, returns P/R/F rather than counts (so the 1/(d+1) discounting of
hits cannot be done on top of it without recomputing counts), and handles several references by
taking the best score rather than pooling counts.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeAlias

__all__ = [
    "PRF",
    "Alignment",
    "Article",
    "DayTimeline",
    "OverlapCounts",
    "RougeConfig",
    "Task",
    "TimelineScores",
    "Topic",
    "aggregate",
    "align_many_to_one",
    "align_rouge",
    "alignment_cost",
    "approx_rouge1_f",
    "concat_rouge",
    "date_prf",
    "evaluate",
    "f_score",
    "load_gold_timeline",
    "load_manifest",
    "load_stopwords",
    "load_tasks",
    "load_topic",
    "ngram_counts",
    "overlap",
    "porter_stem",
    "pubdate_lead_timeline",
    "raw_tokens",
    "rouge_tokens",
]

DayTimeline: TypeAlias = Mapping[date, Sequence[str]]
NGram: TypeAlias = tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Precision / recall / F
# --------------------------------------------------------------------------------------------


def f_score(precision: float, recall: float) -> float:
    """F1 (harmonic mean), 0 when both are 0, as tilse's ``get_f_score`` with beta = 1."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class PRF:
    """A precision / recall pair; ``f1`` is derived from it."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f_score(self.precision, self.recall)


@dataclass(frozen=True)
class OverlapCounts:
    """ROUGE-1.5.5's raw counts: (possibly discounted) hits, peer total, model total."""

    hits: float
    pred_total: int
    ref_total: int

    def prf(self) -> PRF:
        """Precision = hits / pred_total, recall = hits / ref_total, 0 on a zero denominator."""
        precision = self.hits / self.pred_total if self.pred_total else 0.0
        recall = self.hits / self.ref_total if self.ref_total else 0.0
        return PRF(precision, recall)


# --------------------------------------------------------------------------------------------
# Porter stemmer (ROUGE-1.5.5 variant), written from the algorithm's description
# --------------------------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")


def _cv_pattern(word: str) -> str:
    """One 'c' or 'v' per character. A 'y' is a vowel only right after a consonant."""
    pattern: list[str] = []
    for i, ch in enumerate(word):
        is_vowel = ch in _VOWELS or (ch == "y" and i > 0 and pattern[i - 1] == "c")
        pattern.append("v" if is_vowel else "c")
    return "".join(pattern)


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-run -> consonant-run transitions in [C](VC)^m[V]."""
    pattern = _cv_pattern(stem)
    return sum(1 for i in range(len(pattern) - 1) if pattern[i] == "v" and pattern[i + 1] == "c")


def _has_vowel(stem: str) -> bool:
    return "v" in _cv_pattern(stem)


def _ends_cvc(stem: str) -> bool:
    """Porter's *o: ends consonant-vowel-consonant, and the last letter is not w, x or y."""
    if len(stem) < 3 or stem[-1] in "wxy":
        return False
    return _cv_pattern(stem)[-3:] == "cvc"


def _ends_double_consonant(word: str) -> bool:
    """A doubled final letter other than a vowel, y, l, s or z (step 1b's undoubling)."""
    return len(word) >= 2 and word[-1] == word[-2] and word[-1] not in "aeiouylsz"


_STEP2: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3: tuple[tuple[str, str], ...] = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
# Step 4 without "ment" and "ent": ROUGE-1.5.5 tries those two separately, afterwards.
_STEP4: tuple[str, ...] = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _longest_suffix(word: str, suffixes: Iterable[str]) -> str | None:
    best: str | None = None
    for suffix in suffixes:
        if word.endswith(suffix) and (best is None or len(suffix) > len(best)):
            best = suffix
    return best


def _replace_suffix(word: str, table: Sequence[tuple[str, str]], min_measure: int) -> str:
    """Porter's steps 2 and 3: the longest matching suffix only, applied if m(stem) > min."""
    suffix = _longest_suffix(word, (s for s, _ in table))
    if suffix is None:
        return word
    stem = word[: -len(suffix)]
    if _measure(stem) > min_measure:
        return stem + dict(table)[suffix]
    return word


def _step1ab(word: str) -> str:
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]

    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
        return word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if not _has_vowel(stem):
                return word
            if stem.endswith(("at", "bl", "iz")):
                return stem + "e"
            if _ends_double_consonant(stem):
                return stem[:-1]
            if _measure(stem) == 1 and _ends_cvc(stem):
                return stem + "e"
            return stem
    return word


def _step4(word: str) -> str:
    """Step 4 as in ROUGE-1.5.5, where C.-Y. Lin changed it in 2004.

    The longest suffix from the main list goes if m(stem) > 1. After that (on the result) "ment"
    is tried, then "ent", and otherwise "(s|t)ion" (losing "ion"), each under the same
    condition. Standard Porter tries only the single longest suffix, so its results differ for
    e.g. "agreement": standard "agreement", ROUGE's variant "agreem".
    """
    suffix = _longest_suffix(word, _STEP4)
    if suffix is not None and _measure(word[: -len(suffix)]) > 1:
        word = word[: -len(suffix)]
    if word.endswith("ment") and _measure(word[:-4]) > 1:
        word = word[:-4]
    if word.endswith("ent"):
        if _measure(word[:-3]) > 1:
            word = word[:-3]
    elif word.endswith(("sion", "tion")) and _measure(word[:-3]) > 1:
        word = word[:-3]
    return word


def porter_stem(word: str) -> str:
    """Porter-stem one lowercase token, as ROUGE-1.5.5's stemmer would (without WordNet).

    Words shorter than 3 characters are returned unchanged. Any character outside a-z counts
    as a consonant.
    """
    if len(word) < 3:
        return word
    word = _step1ab(word)
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace_suffix(word, _STEP2, 0)
    word = _replace_suffix(word, _STEP3, 0)
    word = _step4(word)
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _ends_cvc(stem)):
            word = stem
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


# --------------------------------------------------------------------------------------------
# ROUGE-N
# --------------------------------------------------------------------------------------------

_ROUGE_TOKEN = re.compile(r"[A-Za-z0-9]+")
_RAW_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class RougeConfig:
    """ROUGE preprocessing.

    ``stem`` is ROUGE-1.5.5's ``-m`` and ``stopwords`` stands for ``-s``, with a list you
    supply. An empty set (the default) means no stopword removal.
    """

    stem: bool = True
    stopwords: frozenset[str] = frozenset()


DEFAULT_CONFIG = RougeConfig()


def load_stopwords(path: Path) -> frozenset[str]:
    """Read a stopword list, one word per line (e.g. ROUGE's ``smart_common_words.txt``)."""
    text = path.read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip())


def rouge_tokens(sentences: Iterable[str], config: RougeConfig = DEFAULT_CONFIG) -> list[str]:
    """ROUGE-1.5.5's token stream for a summary (see the module docstring, steps 1 to 4)."""
    tokens: list[str] = []
    for sentence in sentences:
        for match in _ROUGE_TOKEN.finditer(sentence):
            token = match.group().lower()
            if token in config.stopwords:
                continue
            if config.stem and len(token) > 3:
                token = porter_stem(token)
            tokens.append(token)
    return tokens


def ngram_counts(tokens: Sequence[str], n: int) -> Counter[NGram]:
    """A multiset of the n-grams of ``tokens``."""
    if n < 1:
        raise ValueError(f"n must be positive, got {n}")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def overlap(pred: Counter[NGram], ref: Counter[NGram]) -> OverlapCounts:
    """Clipped n-gram overlap: ROUGE's H_count, P_count and M_count for one pair."""
    small, large = (pred, ref) if len(pred) <= len(ref) else (ref, pred)
    hits = sum(min(c, large[g]) for g, c in small.items() if g in large)
    return OverlapCounts(hits, sum(pred.values()), sum(ref.values()))


# --------------------------------------------------------------------------------------------
# Timeline metrics
# --------------------------------------------------------------------------------------------


def date_prf(pred: DayTimeline, ref: DayTimeline) -> PRF:
    """Exact-day date selection P/R (news-tls ``evaluate_dates``)."""
    pred_dates, ref_dates = set(pred), set(ref)
    shared = len(pred_dates & ref_dates)
    return PRF(
        shared / len(pred_dates) if pred_dates else 0.0,
        shared / len(ref_dates) if ref_dates else 0.0,
    )


def _concatenated(timeline: DayTimeline) -> list[str]:
    return [sentence for day in sorted(timeline) for sentence in timeline[day]]


def concat_rouge(
    pred: DayTimeline,
    ref: DayTimeline,
    ns: Sequence[int] = (1, 2),
    config: RougeConfig = DEFAULT_CONFIG,
) -> dict[int, PRF]:
    """tilse's 'concat' ROUGE-N: every sentence of each timeline, in date order, as one text."""
    pred_tokens = rouge_tokens(_concatenated(pred), config)
    ref_tokens = rouge_tokens(_concatenated(ref), config)
    return {n: overlap(ngram_counts(pred_tokens, n), ngram_counts(ref_tokens, n)).prf() for n in ns}


def raw_tokens(text: str) -> list[str]:
    """Tokens for the alignment's content cost: word runs and single punctuation marks.

    This stands in for whitespace-splitting PTB-tokenised text (tilse's input). It is
    case-sensitive, with no stemming and no stopword removal.
    """
    return _RAW_TOKEN.findall(text)


def approx_rouge1_f(
    pred_sentences: Sequence[str],
    ref_sentences: Sequence[str],
    tokenizer: Callable[[str], list[str]] = raw_tokens,
) -> float:
    """tilse's ``compute_rouge_approximation`` for one reference: unigram-overlap F1."""
    pred_counts = Counter(t for s in pred_sentences for t in tokenizer(s))
    ref_counts = Counter(t for s in ref_sentences for t in tokenizer(s))
    return _approx_f(pred_counts, ref_counts)


def _approx_f(pred_counts: Counter[str], ref_counts: Counter[str]) -> float:
    match = sum(min(c, ref_counts[t]) for t, c in pred_counts.items() if t in ref_counts)
    pred_total, ref_total = sum(pred_counts.values()), sum(ref_counts.values())
    precision = match / pred_total if pred_total else 0.0
    recall = match / ref_total if ref_total else 0.0
    return f_score(precision, recall)


def _date_factor(a: date, b: date) -> float:
    return 1.0 - 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def alignment_cost(
    pred_day: date,
    pred_sentences: Sequence[str],
    ref_day: date,
    ref_sentences: Sequence[str],
    tokenizer: Callable[[str], list[str]] = raw_tokens,
) -> float:
    """(1 - 1/(days + 1)) * (1 - F_approx): tilse's date-and-content cost."""
    content = 1.0 - approx_rouge1_f(pred_sentences, ref_sentences, tokenizer)
    return _date_factor(pred_day, ref_day) * content


@dataclass(frozen=True)
class Alignment:
    """The two many-to-one alignments of align+ m:1.

    ``pred_to_ref`` is used for precision (each predicted day -> one reference day) and
    ``ref_to_pred`` for recall (each reference day -> one predicted day).
    """

    pred_to_ref: dict[date, date]
    ref_to_pred: dict[date, date]


def align_many_to_one(
    pred: DayTimeline,
    ref: DayTimeline,
    tokenizer: Callable[[str], list[str]] = raw_tokens,
) -> Alignment:
    """Least-cost many-to-one alignment in both directions. A tie goes to the earliest date."""
    pred_days, ref_days = sorted(pred), sorted(ref)
    pred_bags = {d: Counter(t for s in pred[d] for t in tokenizer(s)) for d in pred_days}
    ref_bags = {d: Counter(t for s in ref[d] for t in tokenizer(s)) for d in ref_days}
    # costs[i][j] belongs to (pred_days[i], ref_days[j]); content is always pred vs ref.
    costs = [
        [_date_factor(p, r) * (1.0 - _approx_f(pred_bags[p], ref_bags[r])) for r in ref_days]
        for p in pred_days
    ]
    pred_to_ref: dict[date, date] = {}
    for i, p in enumerate(pred_days):
        if ref_days:
            pred_to_ref[p] = ref_days[_argmin(costs[i])]
    ref_to_pred: dict[date, date] = {}
    for j, r in enumerate(ref_days):
        if pred_days:
            ref_to_pred[r] = pred_days[_argmin([row[j] for row in costs])]
    return Alignment(pred_to_ref, ref_to_pred)


def _argmin(values: Sequence[float]) -> int:
    """The first index of the minimum (numpy's ``argmin`` tie rule)."""
    best = 0
    for i in range(1, len(values)):
        if values[i] < values[best]:
            best = i
    return best


def align_rouge(
    pred: DayTimeline,
    ref: DayTimeline,
    ns: Sequence[int] = (1, 2),
    config: RougeConfig = DEFAULT_CONFIG,
    alignment: Alignment | None = None,
) -> dict[int, PRF]:
    """align+ m:1 ROUGE-N (tilse ``evaluate_align_date_content_costs_many_to_one``)."""
    if alignment is None:
        alignment = align_many_to_one(pred, ref)
    pred_tokens = {d: rouge_tokens(pred[d], config) for d in pred}
    ref_tokens = {d: rouge_tokens(ref[d], config) for d in ref}
    scores: dict[int, PRF] = {}
    for n in ns:
        pred_grams = {d: ngram_counts(toks, n) for d, toks in pred_tokens.items()}
        ref_grams = {d: ngram_counts(toks, n) for d, toks in ref_tokens.items()}
        prec_pairs = list(alignment.pred_to_ref.items())
        rec_pairs = [(p, r) for r, p in alignment.ref_to_pred.items()]
        pred_total = sum(sum(g.values()) for g in pred_grams.values())
        ref_total = sum(sum(g.values()) for g in ref_grams.values())
        prec_hits = _discounted_hits(prec_pairs, pred_grams, ref_grams)
        rec_hits = _discounted_hits(rec_pairs, pred_grams, ref_grams)
        scores[n] = PRF(
            prec_hits / pred_total if pred_total else 0.0,
            rec_hits / ref_total if ref_total else 0.0,
        )
    return scores


def _discounted_hits(
    pairs: Iterable[tuple[date, date]],
    pred_grams: Mapping[date, Counter[NGram]],
    ref_grams: Mapping[date, Counter[NGram]],
) -> float:
    """Sum over aligned (predicted day, reference day) pairs of hits / (days apart + 1)."""
    total = 0.0
    for p, r in pairs:
        days = abs(p.toordinal() - r.toordinal())
        total += overlap(pred_grams[p], ref_grams[r]).hits / (days + 1)
    return total


@dataclass(frozen=True)
class TimelineScores:
    """All metrics for one predicted timeline against one reference (or an aggregate)."""

    date: PRF
    concat: Mapping[int, PRF]
    align: Mapping[int, PRF]


def evaluate(
    pred: DayTimeline,
    ref: DayTimeline,
    ns: Sequence[int] = (1, 2),
    config: RougeConfig = DEFAULT_CONFIG,
) -> TimelineScores:
    """Date P/R, concat ROUGE-N and align+ m:1 ROUGE-N of ``pred`` against ``ref``."""
    return TimelineScores(
        date=date_prf(pred, ref),
        concat=concat_rouge(pred, ref, ns, config),
        align=align_rouge(pred, ref, ns, config),
    )


def _mean_prf(values: Sequence[PRF]) -> PRF:
    return PRF(
        sum(v.precision for v in values) / len(values),
        sum(v.recall for v in values) / len(values),
    )


def aggregate(results: Sequence[TimelineScores]) -> TimelineScores:
    """Dataset score: mean P and mean R per metric (F1 follows from them), as in news-tls."""
    if not results:
        raise ValueError("nothing to aggregate")
    ns = sorted(set(results[0].align) & set(results[0].concat))
    return TimelineScores(
        date=_mean_prf([r.date for r in results]),
        concat={n: _mean_prf([r.concat[n] for r in results]) for n in ns},
        align={n: _mean_prf([r.align[n] for r in results]) for n in ns},
    )


# --------------------------------------------------------------------------------------------
# Timeline17 reader
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One manifest entry; the text is ``path``, one sentence per line."""

    article_id: str
    path: Path
    outlet: str | None
    headline: str | None
    published: date

    def sentences(self) -> list[str]:
        """Stripped, non-empty lines of the article file."""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [line.strip() for line in lines if line.strip()]


@dataclass(frozen=True)
class Task:
    """One reference timeline with its protocol parameters (from ``tasks.json``)."""

    reference: str
    gold_path: Path
    n_dates: int
    sents_per_date: int
    window: tuple[date, date]
    gold_sentences: int | None = None
    articles_in_window: int | None = None

    def gold(self) -> dict[date, list[str]]:
        return load_gold_timeline(self.gold_path)


@dataclass(frozen=True)
class Topic:
    """A Timeline17 topic folder: its articles, tasks, protocol string and query keywords.

    ``keywords`` are the words the topic's articles were retrieved by
    (``query_keywords.json``, tilse's keyword mapping; empty when the file is
    absent): tilse and news-tls hold their summaries to them.
    """

    name: str
    path: Path
    articles: tuple[Article, ...]
    tasks: tuple[Task, ...]
    protocol: str
    keywords: tuple[str, ...] = ()

    def articles_between(self, start: date, end: date) -> list[Article]:
        """The articles published from ``start`` to ``end``, both days included."""
        return [a for a in self.articles if start <= a.published <= end]


def _as_mapping(value: object, what: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


def _as_list(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"{what}: expected a JSON array, got {type(value).__name__}")
    return value


def _as_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what}: expected a string, got {value!r}")
    return value


def _as_int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{what}: expected an integer, got {value!r}")
    return value


def _optional_str(value: object, what: str) -> str | None:
    return None if value is None else _as_str(value, what)


def _optional_int(value: object, what: str) -> int | None:
    return None if value is None else _as_int(value, what)


def _parse_day(value: object, what: str) -> date:
    text = _as_str(value, what)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{what}: not a YYYY-MM-DD date: {text!r}") from exc


def _read_json(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_gold_timeline(path: Path) -> dict[date, list[str]]:
    """A gold timeline file, ``{"entries": [{"date", "text": [...]}]}``, as day -> sentences.

    Entries that share a day are merged in file order.
    """
    data = _as_mapping(_read_json(path), str(path))
    timeline: dict[date, list[str]] = {}
    for i, raw in enumerate(_as_list(data.get("entries"), f"{path}: entries")):
        entry = _as_mapping(raw, f"{path}: entries[{i}]")
        day = _parse_day(entry.get("date"), f"{path}: entries[{i}].date")
        texts = _as_list(entry.get("text"), f"{path}: entries[{i}].text")
        timeline.setdefault(day, []).extend(_as_str(t, f"{path}: entries[{i}].text") for t in texts)
    return timeline


def load_manifest(path: Path) -> list[Article]:
    """``manifest.json``: ``{"articles": [{"id", "file", "outlet", "headline", "published"}]}``.

    Each file path is resolved against the manifest's folder.
    """
    data = _as_mapping(_read_json(path), str(path))
    articles: list[Article] = []
    for i, raw in enumerate(_as_list(data.get("articles"), f"{path}: articles")):
        entry = _as_mapping(raw, f"{path}: articles[{i}]")
        where = f"{path}: articles[{i}]"
        articles.append(
            Article(
                article_id=_as_str(entry.get("id"), f"{where}.id"),
                path=path.parent / _as_str(entry.get("file"), f"{where}.file"),
                outlet=_optional_str(entry.get("outlet"), f"{where}.outlet"),
                headline=_optional_str(entry.get("headline"), f"{where}.headline"),
                published=_parse_day(entry.get("published"), f"{where}.published"),
            )
        )
    return articles


def load_tasks(path: Path) -> tuple[str, list[Task]]:
    """``tasks.json``: the protocol string and one :class:`Task` per reference."""
    data = _as_mapping(_read_json(path), str(path))
    protocol = _as_str(data.get("protocol", ""), f"{path}: protocol")
    tasks: list[Task] = []
    for i, raw in enumerate(_as_list(data.get("tasks"), f"{path}: tasks")):
        entry = _as_mapping(raw, f"{path}: tasks[{i}]")
        where = f"{path}: tasks[{i}]"
        window = _as_list(entry.get("window"), f"{where}.window")
        if len(window) != 2:
            raise ValueError(f"{where}.window: expected [start, end], got {window!r}")
        start = _parse_day(window[0], f"{where}.window[0]")
        end = _parse_day(window[1], f"{where}.window[1]")
        tasks.append(
            Task(
                reference=_as_str(entry.get("reference"), f"{where}.reference"),
                gold_path=path.parent / _as_str(entry.get("gold_file"), f"{where}.gold_file"),
                n_dates=_as_int(entry.get("L_dates"), f"{where}.L_dates"),
                sents_per_date=_as_int(entry.get("K_sents_per_date"), f"{where}.K"),
                window=(start, end),
                gold_sentences=_optional_int(entry.get("gold_sentences"), f"{where}"),
                articles_in_window=_optional_int(entry.get("articles_in_window"), f"{where}"),
            )
        )
    return protocol, tasks


def load_topic(topic_dir: Path) -> Topic:
    """A topic folder: ``manifest.json``, ``tasks.json``, ``gold_timelines/``, article files,
    and ``query_keywords.json`` if there is one."""
    articles = load_manifest(topic_dir / "manifest.json")
    protocol, tasks = load_tasks(topic_dir / "tasks.json")
    return Topic(
        name=topic_dir.name,
        path=topic_dir,
        articles=tuple(sorted(articles, key=lambda a: (a.published, a.article_id))),
        tasks=tuple(tasks),
        protocol=protocol,
        keywords=load_keywords(topic_dir / "query_keywords.json"),
    )


def load_keywords(path: Path) -> tuple[str, ...]:
    """The ``keywords`` list of a ``query_keywords.json``; none when the file is absent."""
    if not path.is_file():
        return ()
    data = _as_mapping(json.loads(path.read_text(encoding="utf-8")), str(path))
    words = _as_list(data.get("keywords", []), f"{path}: keywords")
    return tuple(str(word) for word in words)


# --------------------------------------------------------------------------------------------
# Baseline
# --------------------------------------------------------------------------------------------


def pubdate_lead_timeline(
    articles: Sequence[Article],
    window: tuple[date, date],
    n_dates: int,
    sents_per_date: int,
) -> dict[date, list[str]]:
    """The baseline timeline: the L busiest publication days, each with K lead sentences."""
    start, end = window
    by_day: dict[date, list[Article]] = defaultdict(list)
    for article in articles:
        if start <= article.published <= end:
            by_day[article.published].append(article)
    counts = Counter({day: len(items) for day, items in by_day.items()})
    ranked = sorted(counts, key=lambda day: (-counts[day], day))[:n_dates]

    timeline: dict[date, list[str]] = {}
    for day in sorted(ranked):
        docs = [a.sentences() for a in sorted(by_day[day], key=lambda a: a.article_id)]
        chosen: list[str] = []
        depth = max((len(d) for d in docs), default=0)
        for position in range(depth):
            for sentences in docs:
                if len(chosen) == sents_per_date:
                    break
                if position < len(sentences) and sentences[position] not in chosen:
                    chosen.append(sentences[position])
        timeline[day] = chosen
    return timeline
