"""Key dates in every view: terminal, JSON, TimelineJS, Markdown, HTML (golden files)."""

from __future__ import annotations

import json

from markdown_it import MarkdownIt

from builders import sample_timeline
from conftest import assert_golden, check_timelinejs
from huawei_timeline.models import KeyDate, KeyDateEvidence, KeySentence, Timeline
from huawei_timeline.output.dates import key_date_score
from huawei_timeline.output.exports import to_json, to_markdown, to_timelinejs
from huawei_timeline.output.page import to_html
from huawei_timeline.output.terminal import render_key_dates
from test_render import as_text

EVIDENCE = KeyDateEvidence(
    day=1,
    published=1,
    published_next=2,
    referring_articles=2,
    remembered=1,
    published_after=2,
    published_week_after=1,
    references=3,
    events=1,
    event_articles=3,
    later_reports=1,
    event_outlets=3,
    largest_event=3,
)


def key_dated() -> Timeline:
    """The sample timeline with two key dates: a day and a weekend (never a made-up day)."""
    signed = "President Donald Trump signed the order on May 15."
    cut_off = "In the middle of May, Google cut Huawei off <script>x</script> [link](y)."
    met = "Trump and Xi met in Osaka at the weekend."
    return sample_timeline().model_copy(
        update={
            "key_dates": [
                KeyDate(
                    date="2019-05-15",
                    granularity="day",
                    score=0.8123,
                    events=["ev-order"],
                    sentences=[
                        KeySentence(text=signed, article_id="scmp-1", start=0, end=len(signed)),
                        KeySentence(text=cut_off, article_id="nyt-1", start=10, end=83),
                    ],
                    evidence=EVIDENCE,
                ),
                KeyDate(
                    date="2019-W26-WE",
                    granularity="weekend",
                    score=0.41,
                    events=["ev-osaka"],
                    sentences=[KeySentence(text=met, article_id="nyt-1", start=90, end=131)],
                    evidence=EVIDENCE.model_copy(update={"day": 0, "published": 0}),
                ),
            ]
        }
    )


def test_terminal_shows_each_key_date_with_traceable_sentences() -> None:
    assert_golden("key_dates.txt", as_text(render_key_dates(key_dated()), width=100))


def test_terminal_says_when_there_is_nothing_to_choose() -> None:
    empty = sample_timeline().model_copy(update={"events": []})
    assert "No day-dated events to choose from." in as_text(render_key_dates(empty))


def test_json_carries_key_dates_and_reads_back() -> None:
    timeline = key_dated()
    data = json.loads(to_json(timeline))
    assert [k["date"] for k in data["key_dates"]] == ["2019-05-15", "2019-W26-WE"]
    assert data["key_dates"][0]["sentences"][0] == {
        "text": "President Donald Trump signed the order on May 15.",
        "article_id": "scmp-1",
        "start": 0,
        "end": 50,
    }
    assert Timeline.model_validate_json(to_json(timeline)) == timeline


def test_timelinejs_has_one_slide_per_key_date() -> None:
    document = json.loads(to_timelinejs(key_dated()))
    check_timelinejs(document)
    slides = document["events"]
    assert [s["unique_id"] for s in slides] == ["kd-2019-05-15", "kd-2019-W26-WE"]
    assert slides[1]["start_date"] == {"year": 2019, "month": 6, "day": 29}
    assert slides[1]["end_date"] == {"year": 2019, "month": 6, "day": 30}
    assert "&lt;script&gt;" in slides[0]["text"]["text"]
    assert_golden("key_dates_timelinejs.json", to_timelinejs(key_dated()) + "\n", exact=True)


def test_markdown_footnotes_every_sentence_with_its_span() -> None:
    text = to_markdown(key_dated())
    assert_golden("key_dates.md", text, exact=True)
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script>" not in rendered
    assert "characters 10\u201383" in text


def test_html_lists_the_key_dates_instead_of_every_event() -> None:
    page = to_html(key_dated())
    assert_golden("key_dates.html", page, exact=True)
    assert 'id="kd-2019-05-15"' in page
    assert "&lt;script&gt;" in page
    assert 'class="event planned"' not in page  # the full chronology is not repeated


def test_a_score_too_small_for_two_decimals_reads_below_one_hundredth() -> None:
    assert [key_date_score(s) for s in (0.8123, 0.41, 0.0051, 0.0049, 0.0)] == [
        "0.81", "0.41", "0.01", "< 0.01", "< 0.01",
    ]  # fmt: skip
    tiny = key_dated()
    tiny.key_dates[1] = tiny.key_dates[1].model_copy(update={"score": 0.0004})
    assert "score < 0.01:" in as_text(render_key_dates(tiny), width=100)
    assert "score &lt; 0.01" in to_html(tiny)
