"""Pipeline wiring: batched parsing across articles, extraction results, progress."""

from __future__ import annotations

from datetime import date

import pytest

from huawei_timeline import pipeline
from huawei_timeline.ingest.boilerplate import clean_article, markers
from huawei_timeline.models import Article, ArticleMeta
from huawei_timeline.output import progress


def _article(article_id: str, text: str) -> Article:
    meta = ArticleMeta(
        id=article_id, file=f"{article_id}.txt", outlet="W", published=date(2019, 7, 10)
    )
    return Article(meta=meta, text=text)


@pytest.mark.model
def test_batches_span_articles_and_results_keep_their_order() -> None:
    from huawei_timeline.nlp import load_model, parse_articles

    furniture = markers()[0].examples[0]
    articles = [
        _article("one", "Ross spoke on Tuesday.\nHe left on Friday."),
        _article("furniture-only", furniture),
        _article("three", "Trade talks resumed in May."),
    ]
    parsed = list(parse_articles((clean_article(a) for a in articles), load_model(), batch_size=2))
    assert [p.article.meta.id for p in parsed] == ["one", "furniture-only", "three"]
    assert [len(p.sentences) for p in parsed] == [2, 0, 1]
    for p in parsed:
        assert all(p.article.text[t.start : t.end] == t.text for t in p.tokens)
        assert [t.i for t in p.tokens] == list(range(len(p.tokens)))


@pytest.mark.model
def test_extraction_is_per_article() -> None:
    from huawei_timeline.nlp import load_model

    one = _article(
        "one", "Commerce Secretary Wilbur Ross said on Tuesday that licences would come."
    )
    two = _article("two", "The company was placed on the Entity List in May.")
    together = list(pipeline.extract_articles([one, two], load_model()))
    alone = [next(pipeline.extract_articles([a], load_model())) for a in (one, two)]
    assert together == alone


@pytest.mark.parametrize(("enabled", "shown"), [(False, False), (True, True)])
def test_progress_bar_appears_only_when_enabled_and_slow(
    monkeypatch: pytest.MonkeyPatch, enabled: bool, shown: bool
) -> None:
    monkeypatch.setattr(progress, "PROGRESS_DELAY", 0.0)
    with progress.Progress(3, enabled=enabled) as bar:
        bar.advance(1)
        assert (bar._bar is not None) is shown
        bar.advance(2)
    assert bar.done == 3


@pytest.mark.model
def test_a_time_stamp_glued_to_the_lead_dates_no_event() -> None:
    """The page's stamp is furniture: the lead's own "yesterday" dates its event,
    and the stamp is reported as skipped with the date it names."""
    from huawei_timeline.nlp import load_model

    text = (
        "Tuesday 19 April 2005 00.01 BST Iraq's new rulers split yesterday over whether "
        "to execute the former president."
    )
    article = Article(
        meta=ArticleMeta(id="g", file="g.txt", outlet="G", published=date(2005, 4, 19)),
        text=text,
    )
    (extraction,) = pipeline.extract_articles([article], load_model())
    dated = {m.predicate: m.date.value for m in extraction.mentions if m.date}
    assert dated == {"split": "2005-04-18"}
    stamp = [s for s in extraction.summary.skipped if s.reason == "time-stamp"]
    assert [(s.text, s.value) for s in stamp] == [("Tuesday 19 April 2005", "2005-04-19")]
    assert all("BST" not in name for m in extraction.mentions for name in m.organizations)


@pytest.mark.model
@pytest.mark.parametrize(
    ("second", "value"),
    [
        # a count after an earlier date, then the month it comes to: the month
        ("Four years later, in April 1998, the second summit took place in Santiago.", "1998-04"),
        # a list or a range keeps its first date, whatever the length of each period
        ("The second summit met in Santiago in May 1998 and in June 1998.", "1998-05"),
        ("The second summit met in Santiago from 1998 until March 1999.", "1998"),
    ],
)
def test_of_two_dates_of_one_event_a_finer_one_inside_the_first_dates_it(
    second: str, value: str
) -> None:
    from huawei_timeline.nlp import load_model

    article = Article(
        meta=ArticleMeta(id="s", file="s.txt", outlet="X", published=date(2005, 11, 4)),
        text="The first summit was held in Miami in 1994. " + second,
    )
    (extraction,) = pipeline.extract_articles([article], load_model())
    dates = [m.date.value for m in extraction.mentions if m.sentence_index == 1 and m.date]
    assert dates == [value]
