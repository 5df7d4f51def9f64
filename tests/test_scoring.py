"""The event scorer on hand-built timelines and gold: pairs, splits, key-event sources."""

from __future__ import annotations

from builders import event, event_date
from huawei_timeline.evaluation.events import GoldEvents, score_events
from huawei_timeline.models import EventMention, Timeline

DAY = event_date("2019-05-16", "day")


def _mention(article_id: str, start: int) -> EventMention:
    return EventMention(
        id=f"{article_id}:{start}",
        article_id=article_id,
        sentence_index=start // 100,
        start=start,
        end=start + 50,
        sentence=f"sentence at {start}",
        kind="action",
        predicate="place",
        content="summary",
    )


def _gold_mention(article_id: str, start: int, role: str = "main") -> dict[str, object]:
    return {"article_id": article_id, "text": "x", "start": start, "end": start + 50, "role": role}


GOLD = GoldEvents.model_validate(
    {
        "events": [
            {
                "id": "listing",
                "key": True,
                "description": "listed",
                "date": DAY.model_dump(),
                "mentions": [
                    _gold_mention("scmp-1", 0),
                    _gold_mention("ft-1", 0),
                    _gold_mention("nyt-1", 0, role="background"),
                ],
            },
            {
                "id": "order",
                "description": "ordered",
                "date": DAY.model_dump(),
                "mentions": [_gold_mention("scmp-1", 100)],
            },
        ]
    }
)


def test_a_split_key_event_cites_only_the_sources_its_event_holds() -> None:
    timeline = Timeline(
        model="m",
        articles=[],
        events=[
            event("e1", DAY, "listed", [_mention("scmp-1", 0), _mention("nyt-1", 0)]),
            event("e2", DAY, "listed again", [_mention("ft-1", 0)]),
            event("e3", DAY, "ordered", [_mention("scmp-1", 100)]),
        ],
    )
    scores = score_events(timeline, GOLD)
    assert scores.pairs == {"listing": "e1", "order": "e3"}
    assert scores.splits == {"listing": ["e1", "e2"]}
    # FT reports the listing but e1 does not cite it; NYT only alludes to it.
    assert scores.key_sources == {"listing": (1, 2)}
    assert scores.fused == []


def test_one_event_holding_every_report_is_neither_split_nor_missing_sources() -> None:
    timeline = Timeline(
        model="m",
        articles=[],
        events=[
            event("e1", DAY, "listed", [_mention("scmp-1", 0), _mention("ft-1", 0)]),
            event("e3", DAY, "ordered", [_mention("scmp-1", 100)]),
        ],
    )
    scores = score_events(timeline, GOLD)
    assert (scores.splits, scores.key_sources_cited) == ({}, (2, 2))
