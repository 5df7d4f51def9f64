"""Hand-built inputs for the unit tests (no spaCy involved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date, datetime

from huawei_timeline.models import (
    ActorConflict,
    Article,
    ArticleMeta,
    ArticleSummary,
    DateConflict,
    Entity,
    Event,
    EventDate,
    EventMention,
    Granularity,
    Modality,
    ParsedArticle,
    Segment,
    Sentence,
    TaggedArticle,
    TimeExpression,
    Timeline,
    TimexMod,
    TimexType,
    Token,
)
from huawei_timeline.timex.values import granularity_of

OUTLETS = {"scmp-1": "SCMP", "ft-1": "FT", "nyt-1": "NYT"}


def event_date(
    value: str,
    granularity: Granularity,
    mod: TimexMod | None = None,
    type: TimexType = "DATE",
) -> EventDate:
    """An event date; granularity is given explicitly so tests do not depend on values.py."""
    return EventDate(value=value, type=type, mod=mod, granularity=granularity)


def mention(article_id: str, sentence: str, *, index: int = 0) -> EventMention:
    """A mention whose offsets are those of a one-sentence article."""
    return EventMention(
        id=f"{article_id}:{index}",
        article_id=article_id,
        sentence_index=index,
        start=0,
        end=len(sentence),
        sentence=sentence,
        kind="action",
        predicate="say",
        content=sentence,
    )


def event(
    id: str,
    when: EventDate,
    summary: str,
    mentions: Sequence[EventMention],
    *,
    people: Sequence[str] = (),
    organizations: Sequence[str] = (),
    modality: Modality = "asserted",
    conflicts: Sequence[DateConflict] = (),
    actor_conflicts: Sequence[ActorConflict] = (),
) -> Event:
    """An event whose sources and outlets are derived from its mentions, as merge does."""
    article_ids = sorted({m.article_id for m in mentions}, key=list(OUTLETS).index)
    return Event(
        id=id,
        date=when,
        summary=summary,
        people=list(people),
        organizations=list(organizations),
        modality=modality,
        sources=len(article_ids),
        outlets=[OUTLETS[a] for a in article_ids],
        mentions=list(mentions),
        date_conflicts=list(conflicts),
        actor_conflicts=list(actor_conflicts),
    )


def sample_timeline() -> Timeline:
    """Four events covering a day, a MID month, a weekend and a planned quarter, one conflict."""
    expression = TimeExpression(
        text="May 15",
        start=30,
        end=36,
        type="DATE",
        value="2019-05-15",
        granularity="day",
        sentence_index=0,
    )
    articles = [
        ArticleSummary(
            id="scmp-1",
            outlet="SCMP",
            headline="Trump targets Huawei",
            published=datetime(2019, 5, 16, 8, 30),
            time_expressions=[expression],
        ),
        ArticleSummary(
            id="ft-1",
            outlet="FT",
            headline="Google cuts off Huawei",
            published=date(2019, 5, 20),
            time_expressions=[],
        ),
        ArticleSummary(
            id="nyt-1",
            outlet="NYT",
            headline="Huawei plans its own operating system",
            published=date(2019, 7, 1),
            time_expressions=[],
        ),
    ]
    events = [
        event(
            "e1",
            event_date("2019-05-15", "day"),
            "Trump signs an executive order barring telecoms equipment from foreign adversaries",
            [
                mention("scmp-1", "President Donald Trump signed the order on May 15."),
                mention("ft-1", "Mr Pence signed an executive order last Wednesday.", index=3),
                mention("nyt-1", "The order, signed on May 16, targets Huawei.", index=7),
            ],
            people=["Donald Trump"],
            organizations=["White House", "Huawei"],
            conflicts=[
                DateConflict(article_id="nyt-1", text="May 16", value="2019-05-16"),
            ],
            actor_conflicts=[
                ActorConflict(
                    article_id="ft-1",
                    mention_id="ft-1:3:1",
                    attributed_to="Mike Pence",
                    instead_of=["Donald Trump"],
                )
            ],
        ),
        event(
            "e2",
            event_date("2019-05", "month", mod="MID"),
            "Google suspends Huawei's Android licence",
            [
                mention("ft-1", "Google suspended Huawei's licence in mid-May.", index=1),
                mention("nyt-1", "In the middle of May, Google cut Huawei off.", index=2),
            ],
            organizations=["Google", "Huawei"],
        ),
        event(
            "e3",
            event_date("2019-W26-WE", "weekend"),
            "Trump and Xi Jinping agree a truce at the G20 summit in Osaka",
            [mention("nyt-1", "Trump and Xi met in Osaka at the weekend.", index=4)],
            people=["Donald Trump", "Xi Jinping"],
        ),
        event(
            "e4",
            event_date("2019-Q3", "quarter"),
            "Huawei to launch its HarmonyOS operating system",
            [mention("nyt-1", "Huawei will launch HarmonyOS in the third quarter.", index=9)],
            organizations=["Huawei"],
            modality="planned",
        ),
    ]
    return Timeline(model="en_core_web_sm", articles=articles, events=events)


# ---------------------------------------------------------------- parsed input

# One token: (text, lemma, POS, PTB tag, dependency label, head index in sentence,
# entity label or "").
TokenSpec = tuple[str, str, str, str, str, int, str]


def tagged_article(
    sentences: Sequence[Sequence[TokenSpec]],
    dates: Sequence[tuple[int, str, str, str | None]] = (),
    *,
    article_id: str = "a",
    published: dt.date = dt.date(2019, 7, 10),
) -> TaggedArticle:
    """A hand-parsed article: tokens joined by single spaces, one line per sentence.

    ``dates`` are (sentence index, expression text, value, mod); the expression
    is looked up in its sentence and typed DATE with the value's granularity.
    """
    tokens: list[Token] = []
    parsed_sentences: list[Sentence] = []
    entities: list[Entity] = []
    lines: list[str] = []
    offset = 0
    for index, spec in enumerate(sentences):
        base = len(tokens)
        start = offset
        for k, (text, lemma, pos, tag, dep, head, ent) in enumerate(spec):
            tokens.append(
                Token(
                    i=base + k,
                    start=offset,
                    end=offset + len(text),
                    text=text,
                    lemma=lemma,
                    pos=pos,
                    tag=tag,
                    dep=dep,
                    head=base + head,
                    ent_type=ent,
                )
            )
            offset += len(text) + 1
        line = " ".join(t[0] for t in spec)
        lines.append(line)
        parsed_sentences.append(
            Sentence(
                index=index,
                start=start,
                end=start + len(line),
                text=line,
                token_start=base,
                token_end=len(tokens),
            )
        )
        entities.extend(_entities(tokens[base:], spec))
    text = "\n".join(lines)
    meta = ArticleMeta(id=article_id, file=f"{article_id}.txt", outlet="Wire", published=published)
    article = Article(meta=meta, text=text)
    segments = [Segment(start=s.start, end=s.end, kind="text") for s in parsed_sentences]
    parsed = ParsedArticle(
        article=article,
        segments=segments,
        sentences=parsed_sentences,
        tokens=tokens,
        entities=entities,
    )
    expressions = []
    for index, phrase, value, mod in dates:
        sentence = parsed_sentences[index]
        start = text.index(phrase, sentence.start)
        expressions.append(
            TimeExpression(
                text=phrase,
                start=start,
                end=start + len(phrase),
                type="DATE",
                value=value,
                mod=mod,
                granularity=granularity_of(value, "DATE"),
                sentence_index=index,
            )
        )
    return TaggedArticle(parsed=parsed, time_expressions=expressions)


def _entities(tokens: Sequence[Token], spec: Sequence[TokenSpec]) -> list[Entity]:
    """Group consecutive tokens with the same entity label into entities."""
    found: list[Entity] = []
    run: list[Token] = []
    for tok, (*_, label) in [*zip(tokens, spec, strict=True), (None, ("",) * 7)]:
        if run and (tok is None or label != run[0].ent_type):
            found.append(
                Entity(
                    start=run[0].start,
                    end=run[-1].end,
                    text=" ".join(t.text for t in run),
                    label=run[0].ent_type,
                    token_start=run[0].i,
                    token_end=run[-1].i + 1,
                )
            )
            run = []
        if tok is not None and label:
            run.append(tok)
    return found


def event_mention(
    id: str,
    *,
    article_id: str = "a",
    sentence_index: int = 0,
    kind: str = "action",
    predicate: str = "do",
    subject: str | None = None,
    obj: str | None = None,
    goal: str | None = None,
    voice: str = "active",
    people: Sequence[str] = (),
    keywords: Sequence[str] = (),
    value: str | None = None,
    mod: TimexMod | None = None,
    modality: Modality = "asserted",
    date_source: str = "own",
    places: Sequence[str] = (),
    organizations: Sequence[str] = (),
) -> EventMention:
    """A mention as the events stage would produce it, built by hand.

    ``date_source`` says where a dated mention's date came from ("publish": a
    lead event dated by its article's publish day)."""
    date = None if value is None else event_date(value, granularity_of(value, "DATE"), mod)
    return EventMention.model_validate(
        {
            "id": id,
            "article_id": article_id,
            "sentence_index": sentence_index,
            "start": sentence_index * 100,
            "end": sentence_index * 100 + 50,
            "sentence": f"sentence {id}",
            "kind": kind,
            "predicate": predicate,
            "subject": subject,
            "object": obj,
            "goal": goal,
            "voice": voice,
            "content": f"summary {id}",
            "people": list(people),
            "places": list(places),
            "organizations": list(organizations),
            "keywords": list(keywords),
            "modality": modality,
            "date": date,
            "date_source": None if date is None else date_source,
        }
    )


# ---------------------------------------------------------------- hostile text

HOSTILE_SENTENCE = (
    'He wrote <script>alert("owned")</script> & posted [click here](http://evil.example) '
    "*now*, <b>bold</b> | snake_case _under_ ~strike~"
)
"""Article text that is also markup (HTML, Markdown, XML): exports must show it as typed."""


def hostile_timeline() -> Timeline:
    """One event whose summary, sentence, outlet and headline carry markup."""
    base = sample_timeline()
    article = base.articles[0].model_copy(
        update={"outlet": "SCMP <i>&</i> Co", "headline": "Huawei [banned](x) <script>"}
    )
    hostile = event(
        "e-hostile",
        event_date("2019-05-15", "day"),
        HOSTILE_SENTENCE,
        [mention("scmp-1", HOSTILE_SENTENCE)],
        people=["<img src=x onerror=alert(1)>"],
        organizations=["R&D *Lab*"],
    )
    hostile = hostile.model_copy(update={"outlets": [article.outlet]})
    return Timeline(model="m", articles=[article], events=[hostile])


def timeml_article() -> tuple[Article, list[TimeExpression]]:
    """An article with markup characters, CRLF line ends and two tagged expressions."""
    text = (
        "R&D <update>\r\n"
        "Huawei said on Tuesday that sales rose in mid-October, up 5% > forecast.\r\n"
    )
    meta = ArticleMeta(
        id="wire-1", file="wire-1.txt", outlet="Wire", headline="A & B", published=date(2019, 7, 10)
    )

    def timex(
        phrase: str, value: str, granularity: Granularity, mod: TimexMod | None
    ) -> TimeExpression:
        start = text.index(phrase)
        return TimeExpression(
            text=phrase,
            start=start,
            end=start + len(phrase),
            type="DATE",
            value=value,
            mod=mod,
            granularity=granularity,
            sentence_index=1,
        )

    expressions = [
        timex("Tuesday", "2019-07-09", "day", None),
        timex("mid-October", "2019-10", "month", "MID"),
    ]
    return Article(meta=meta, text=text), expressions
