"""Boilerplate markers: every example and counterexample in the resource file runs."""

from __future__ import annotations

from datetime import date

import pytest

from huawei_timeline.ingest.boilerplate import (
    boilerplate_reason,
    clean_article,
    glued_headers,
    headers,
    markers,
)
from huawei_timeline.models import Article, ArticleMeta, Dateline

EXAMPLES = [(m.name, ex) for m in markers() for ex in m.examples]
COUNTEREXAMPLES = [(m.name, ex) for m in markers() for ex in m.counterexamples]


@pytest.mark.parametrize(("name", "line"), EXAMPLES)
def test_marker_matches_its_examples(name: str, line: str) -> None:
    assert boilerplate_reason(line) == name


@pytest.mark.parametrize(("name", "line"), COUNTEREXAMPLES)
def test_marker_spares_article_sentences(name: str, line: str) -> None:
    assert boilerplate_reason(line) is None, name


def test_segments_keep_original_offsets() -> None:
    text = "Headline\n\n  Body sentence in May.  \nREAD ALSO  Stocks fall\nThursday 11 July 2019"
    meta = ArticleMeta(id="x", file="x.txt", outlet="W", headline=None, published=date(2019, 7, 11))
    dateline = Dateline(text="Thursday 11 July 2019", start=61, end=82, value="2019-07-11")
    clean = clean_article(Article(meta=meta, text=text, dateline=dateline))
    got = [(text[s.start : s.end], s.kind, s.reason) for s in clean.segments]
    assert got == [
        ("Headline", "text", None),
        ("Body sentence in May.", "text", None),
        ("READ ALSO  Stocks fall", "boilerplate", "related-link"),
        ("Thursday 11 July 2019", "dateline", "dateline"),
    ]


def test_a_reader_comment_thread_is_boilerplate_to_the_end() -> None:
    text = (
        "The parliament voted on Monday to support the mission.\n"
        "Who do you agree with?\n"
        "March 21, 2011 at 2:20 pm | Reply Is it just?\n"
        "Didn't think so.\n"
        "March 22, 2011 at 9:14 am | The vote on Monday was a mistake."
    )
    meta = ArticleMeta(id="x", file="x.txt", outlet="W", headline=None, published=date(2011, 3, 21))
    clean = clean_article(Article(meta=meta, text=text, dateline=None))
    got = [(text[s.start : s.end], s.kind, s.reason) for s in clean.segments]
    comments = "reader-comments"
    assert got == [
        ("The parliament voted on Monday to support the mission.", "text", None),
        ("Who do you agree with?", "text", None),
        ("March 21, 2011 at 2:20 pm | Reply Is it just?", "boilerplate", "reader-comments"),
        ("Didn't think so.", "boilerplate", "reader-comments"),
        ("March 22, 2011 at 9:14 am | The vote on Monday was a mistake.", "boilerplate", comments),
    ]


HEADER_EXAMPLES = [(h.name, line, rest) for h in headers() for line, rest in h.examples]


@pytest.mark.parametrize(("name", "line", "rest"), HEADER_EXAMPLES)
def test_glued_headers_leave_the_sentence(name: str, line: str, rest: str) -> None:
    _, cut = glued_headers(line)
    assert line[cut:] == rest, name


def test_a_header_glued_to_the_lead_is_a_segment_of_its_own() -> None:
    text = "Headline\nBy Jane Smith Tue Mar 1, 2011 6:36 pm EST Rebels took the town on Monday."
    meta = ArticleMeta(id="x", file="x.txt", outlet="W", headline=None, published=date(2011, 3, 1))
    clean = clean_article(Article(meta=meta, text=text, dateline=None))
    got = [(text[s.start : s.end], s.kind, s.reason) for s in clean.segments]
    assert got == [
        ("Headline", "text", None),
        ("By Jane Smith", "boilerplate", "byline"),
        ("Tue Mar 1, 2011 6:36 pm EST", "boilerplate", "time-stamp"),
        ("Rebels took the town on Monday.", "text", None),
    ]


def test_a_line_opening_on_a_comma_continues_the_sentence_before() -> None:
    text = "Senate Majority Leader Harry Reid, D-Nev.\n, on Tuesday praised the plan.\nNext line."
    meta = ArticleMeta(id="x", file="x.txt", outlet="W", headline=None, published=date(2010, 6, 16))
    clean = clean_article(Article(meta=meta, text=text, dateline=None))
    got = [(text[s.start : s.end], s.kind) for s in clean.segments]
    assert got == [
        ("Senate Majority Leader Harry Reid, D-Nev.\n, on Tuesday praised the plan.", "text"),
        ("Next line.", "text"),
    ]
