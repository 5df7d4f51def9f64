"""Hand-built timelines for the render and export tests (no spaCy involved)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from huawei_timeline.models import (
    ArticleSummary,
    DateConflict,
    Event,
    EventDate,
    EventMention,
    Granularity,
    Modality,
    TimeExpression,
    Timeline,
    TimexMod,
    TimexType,
)

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
                mention("ft-1", "Mr Trump signed an executive order last Wednesday.", index=3),
                mention("nyt-1", "The order, signed on May 16, targets Huawei.", index=7),
            ],
            people=["Donald Trump"],
            organizations=["White House", "Huawei"],
            conflicts=[
                DateConflict(article_id="nyt-1", text="May 16", value="2019-05-16"),
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
