"""TimeML reading/writing and the TE3 scorer (checked against ../shared/tools/te3_score.py)."""

from __future__ import annotations

import importlib.util
import re
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from huawei_timeline.cli.timeml import timeml_app
from huawei_timeline.timeml.reader import (
    TimeMLError,
    TimeMLTimex,
    output_name,
    parse_timeml,
    read_timeml,
)
from huawei_timeline.timeml.score import evaluate_dirs
from huawei_timeline.timeml.writer import timeml_text, write_timeml
from huawei_timeline.timex.annotate import (
    tag_document,
)

SHARED = ROOT.parent / "shared"
TBAQ = SHARED / "timeml" / "TBAQ-cleaned"
TE3_SCORE = SHARED / "tools" / "te3_score.py"
# Files of both halves; the first has CRLF line endings, the second &amp; entities.
TBAQ_FILES = [
    "AQUAINT/APW19990507.0207.tml",
    "AQUAINT/APW19980807.0261.tml",
    "AQUAINT/NYT19981025.0188.tml",  # extents AQUAINT draws shorter ("Friday night")
    "TimeBank/ABC19980108.1830.0711.tml",
    "TimeBank/wsj_0570.tml",
]
needs_shared = pytest.mark.skipif(
    not TE3_SCORE.is_file() or not TBAQ.is_dir(),
    reason="../shared (TBAQ-cleaned and tools/te3_score.py) is not next to the repository",
)

HEAD = (
    '<?xml version="1.0" ?>\r\n<TimeML>\r\n<DOCID>X</DOCID>\r\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
    'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\r\n<TEXT>'
)
TAIL = "</TEXT>\r\n</TimeML>\r\n"
BODY = "\r\nAT&amp;T said on Tuesday that\r\n  it would sell  in two weeks.\r\n"


# A comment (holding a TIMEX3 that is not one), a processing instruction and CDATA
# sections; {t1}, {t2} and {end} mark the gold TIMEX3: one right after the comment,
# one whose text is a whole CDATA section.
MARKED_UP = (
    '\r\n<!-- <TIMEX3 tid="t9" type="DATE" value="1999">1999</TIMEX3> & co -->{t1}Tuesday{end}'
    "<?page 2?>, AT&amp;T <![CDATA[&amp; <b>]]> said {t2}<![CDATA[two weeks]]>{end}"
    "<![CDATA[ > ago]]>.\r\n"
)
GOLD_TAGS = {
    "t1": '<TIMEX3 tid="t1" type="DATE" value="1998-01-06">',
    "t2": '<TIMEX3 tid="t2" type="DURATION" value="P2W">',
    "end": "</TIMEX3>",
}
NO_TAGS = dict.fromkeys(GOLD_TAGS, "")


def _te3input(body: str = BODY) -> str:
    return HEAD + body + TAIL


def _tagged(body: str) -> str:
    """A gold file: ``[text|TYPE|VALUE]`` in ``body`` becomes a TIMEX3."""
    counter = iter(range(1, 100))

    def tag(match: re.Match[str]) -> str:
        text, type_, value = match.groups()
        return f'<TIMEX3 tid="t{next(counter)}" type="{type_}" value="{value}">{text}</TIMEX3>'

    return HEAD + re.sub(r"\[([^|\]]+)\|(\w+)\|([^\]]*)\]", tag, body) + TAIL


# ------------------------------------------------------------------- reading


def test_plain_text_offsets_and_dct() -> None:
    raw = _tagged(
        '\r\n<EVENT eid="e1">AT&amp;T</EVENT> said on [Tuesday|DATE|1998-01-06] that it would '
        "sell in [two weeks|DURATION|P2W].\r\n"
    )
    document = parse_timeml(raw, "x.tml")
    assert document.dct == date(1998, 1, 8)
    assert document.text.startswith("\r\nAT&T said on Tuesday")
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("Tuesday", "DATE", "1998-01-06"),
        ("two weeks", "DURATION", "P2W"),
    ]
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text


def test_comments_are_not_text_and_cdata_is_literal_text() -> None:
    document = parse_timeml(_te3input(MARKED_UP.format(**GOLD_TAGS)), "x.tml")
    assert document.text == "\r\nTuesday, AT&T &amp; <b> said two weeks > ago.\r\n"
    # Each text is document.text[start:end]: the offsets skip the markup.
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("Tuesday", "DATE", "1998-01-06"),
        ("two weeks", "DURATION", "P2W"),
    ]


def test_dct_with_time() -> None:
    raw = _te3input().replace('value="1998-01-08"', 'value="1990-08-15T13:37"')
    assert parse_timeml(raw, "x").dct == datetime(1990, 8, 15, 13, 37)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "<TimeML><DCT></DCT></TimeML>",
            "x.tml: no <TEXT>...</TEXT> element; a TimeML or .TE3input file needs one",
        ),
        (
            "<TimeML><TEXT>Hello</TEXT></TimeML>",
            "x.tml: no document creation time; add "
            '<DCT><TIMEX3 tid="t0" type="DATE" value="YYYY-MM-DD">...</TIMEX3></DCT>',
        ),
        (
            _te3input("a <TIMEX3 type='DATE' value='1998'>1998 b"),
            "x.tml: <TIMEX3> without </TIMEX3>; fix the file",
        ),
        (_te3input("a <!-- b -- > c"), "x.tml: <!-- without -->; fix the file"),
        (_te3input("a <![CDATA[b]] > c"), "x.tml: <![CDATA[ without ]]>; fix the file"),
    ],
)
def test_malformed_files_name_the_file(raw: str, message: str) -> None:
    with pytest.raises(TimeMLError) as caught:
        parse_timeml(raw, "x.tml")
    assert str(caught.value) == message


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.tml"
    path.write_bytes(b"\xff\xfe<TEXT>")
    with pytest.raises(TimeMLError, match=r"bad\.tml: not UTF-8 text; re-encode the file"):
        read_timeml(path)


# ------------------------------------------------------------------- writing


def test_te3input_round_trip_is_byte_identical(tmp_path: Path) -> None:
    source = tmp_path / "x.tml.TE3input"
    source.write_bytes(_te3input().encode("utf-8"))
    target = tmp_path / "out.tml"
    write_timeml(target, read_timeml(source), [])
    assert target.read_bytes() == source.read_bytes()


def test_comments_and_cdata_round_trip_byte_identical(tmp_path: Path) -> None:
    source = tmp_path / "x.tml.TE3input"
    source.write_bytes(_te3input(MARKED_UP.format(**NO_TAGS)).encode("utf-8"))
    target = tmp_path / "out.tml"
    write_timeml(target, read_timeml(source), [])
    assert target.read_bytes() == source.read_bytes()


def test_gold_tags_next_to_comments_and_cdata_survive_a_rewrite() -> None:
    gold = parse_timeml(_te3input(MARKED_UP.format(**GOLD_TAGS)), "x.tml")
    written = timeml_text(gold, gold.timexes)
    again = parse_timeml(written, "x.tml")
    assert (again.text, again.timexes) == (gold.text, gold.timexes)
    # Tags go outside a CDATA section that a TIMEX3 starts or ends with, never inside.
    assert f"{GOLD_TAGS['t2']}<![CDATA[two weeks]]></TIMEX3><![CDATA[ > ago]]>" in written
    assert "-->Tuesday</TIMEX3><?page 2?>" in written


def test_a_tag_inside_cdata_closes_the_section_around_it() -> None:
    document = parse_timeml(
        _te3input("Sales <![CDATA[rose last week & fell]]> again.\r\n"), "x.tml"
    )
    start = document.text.index("last week")
    timex = TimeMLTimex(start=start, end=start + 9, text="last week", type="DATE", value="1998-W01")
    written = timeml_text(document, [timex])
    assert (
        'rose ]]><TIMEX3 tid="t1" type="DATE" value="1998-W01"><![CDATA[last week]]>'
        "</TIMEX3><![CDATA[ & fell]]>" in written
    )
    again = parse_timeml(written, "x.tml")
    assert again.text == document.text
    assert [(t.start, t.end, t.text) for t in again.timexes] == [(start, start + 9, "last week")]


def test_written_tags_wrap_the_right_raw_text() -> None:
    document = parse_timeml(_te3input(), "x.tml")
    day, firm = document.text.index("Tuesday"), document.text.index("AT&T")
    span = TimeMLTimex(start=0, end=0, text="", type="DATE", value="1998-01-06")
    timexes = [
        span.model_copy(update={"start": day, "end": day + 7, "text": "Tuesday"}),
        span.model_copy(
            update={"start": firm, "end": firm + 4, "text": "AT&T", "value": "A&B", "mod": "MID"}
        ),
    ]
    written = timeml_text(document, timexes)
    assert '<TIMEX3 tid="t1" type="DATE" value="A&amp;B" mod="MID">AT&amp;T</TIMEX3>' in written
    assert '<TIMEX3 tid="t2" type="DATE" value="1998-01-06">Tuesday</TIMEX3>' in written
    assert re.sub(r"</?TIMEX3[^>]*>", "", written.split("<TEXT>", 1)[1]) == BODY + TAIL


def test_overlapping_expressions_are_refused() -> None:
    document = parse_timeml(_te3input(), "x.tml")
    timex = TimeMLTimex(start=1, end=5, text="AT&T", type="DATE", value="X")
    with pytest.raises(ValueError, match="overlapping TIMEX3"):
        timeml_text(document, [timex, timex.model_copy(update={"start": 3, "end": 8})])


@needs_shared
@pytest.mark.parametrize("name", TBAQ_FILES)
def test_tbaq_round_trip(name: str) -> None:
    """Untagged TBAQ text writes back byte for byte; gold tags survive a rewrite."""
    raw = (TBAQ / name).read_bytes().decode("utf-8")
    gold = read_timeml(TBAQ / name)
    opened, closed = raw.index("<TEXT>") + len("<TEXT>"), raw.rindex("</TEXT>")
    untagged = raw[:opened] + re.sub(r"<[^>]+>", "", raw[opened:closed]) + raw[closed:]
    assert timeml_text(parse_timeml(untagged, name), []) == untagged
    again = parse_timeml(timeml_text(gold, gold.timexes), name)
    assert (again.text, again.timexes) == (gold.text, gold.timexes)
    assert all(gold.text[t.start : t.end] == t.text for t in gold.timexes)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.tml", "a.tml"), ("a.tml.TE3input", "a.tml"), ("a.TE3input", "a.tml")],
)
def test_output_name(name: str, expected: str) -> None:
    assert output_name(name) == expected


# ------------------------------------------------------------------- scoring


@pytest.fixture(scope="module")
def te3() -> ModuleType:
    if not TE3_SCORE.is_file():
        pytest.skip("../shared/tools/te3_score.py is not next to the repository")
    spec = importlib.util.spec_from_file_location("te3_score", TE3_SCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _agree(te3: ModuleType, gold_dir: Path, system_dir: Path) -> None:
    reference: dict[str, Any] = te3.score(str(gold_dir), str(system_dir))
    ours = evaluate_dirs(gold_dir, system_dir)
    assert (ours.counts.gold, ours.counts.system) == (reference["gold"], reference["system"])
    for measure in ("strict", "relaxed", "value", "type"):
        assert 100 * ours.prf(measure).f1 == pytest.approx(reference[f"{measure}_f1"], abs=1e-9)


# (gold body, system body): spans differ, overlap, split, shift whitespace.
HAND_MADE = [
    (
        "\nOn [Tuesday|DATE|1998-01-06] and [two weeks|DURATION|P2W] later.\n",
        "\nOn [Tuesday|DATE|1998-01-06] and two [weeks|DURATION|PXW] later.\n",
    ),
    (
        "\n[the last twenty four hours|DURATION|P1D] and [Now|DATE|PRESENT_REF].\n",
        "\nthe [last twenty|DURATION|P1D] [four hours|DURATION|PT4H] and Now.\n",
    ),
    (
        "\n[Jan. 8|DATE|1998-01-08], [1998|DATE|1998] in the [week|DURATION|P1W].\n",
        "\n[Jan. 8, 1998|DATE|1998-01-08] in the [week|SET|P1W] and [today|DATE|1998-01-08].\n",
    ),
    (
        "\nNothing here [today|DATE|1998-01-08].\n",
        "\n[Nothing|DATE|X] here today.\n",
    ),
    (
        "\n[a  year|DURATION|P1Y] ago\n",
        "\n[a year|DURATION|P1Y]   ago\n",
    ),
]


def test_scorer_agrees_with_te3_score_on_hand_made_pairs(te3: ModuleType, tmp_path: Path) -> None:
    for folder in ("gold", "system"):
        (tmp_path / folder).mkdir()
    for index, (gold, system) in enumerate(HAND_MADE):
        (tmp_path / "gold" / f"d{index}.tml").write_text(_tagged(gold), encoding="utf-8")
        (tmp_path / "system" / f"d{index}.tml").write_text(_tagged(system), encoding="utf-8")
    (tmp_path / "gold" / "missing.tml").write_text(_tagged(HAND_MADE[0][0]), encoding="utf-8")
    _agree(te3, tmp_path / "gold", tmp_path / "system")
    for index in range(len(HAND_MADE)):  # and file by file
        one = tmp_path / f"one{index}"
        for folder in ("gold", "system"):
            (one / folder).mkdir(parents=True)
            name = f"d{index}.tml"
            (one / folder / name).write_bytes((tmp_path / folder / name).read_bytes())
        _agree(te3, one / "gold", one / "system")


@needs_shared
def test_scorer_agrees_with_te3_score_on_tbaq_files(te3: ModuleType, tmp_path: Path) -> None:
    """Our tagger's output (plain-text path) on a few TBAQ files, scored by both."""
    gold_dir, system_dir = tmp_path / "gold", tmp_path / "system"
    gold_dir.mkdir()
    system_dir.mkdir()
    for name in TBAQ_FILES:
        source = TBAQ / name
        (gold_dir / source.name).write_bytes(source.read_bytes())
        document = read_timeml(source)
        write_timeml(system_dir / source.name, document, tag_document(document))
    _agree(te3, gold_dir, system_dir)
    scores = evaluate_dirs(gold_dir, system_dir)
    assert scores.counts.gold > 30
    assert 0 < scores.counts.strict < scores.counts.relaxed


# ----------------------------------------------------------------------- CLI


def test_cli_evaluate_prints_the_table(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "system").mkdir()
    gold, system = HAND_MADE[0]
    (tmp_path / "gold" / "d.tml").write_text(_tagged(gold), encoding="utf-8")
    (tmp_path / "system" / "d.tml").write_text(_tagged(system), encoding="utf-8")
    result = CliRunner().invoke(
        timeml_app, ["evaluate", str(tmp_path / "gold"), str(tmp_path / "system")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "files 1  gold 2  system 2",
        "              P      R     F1",
        "strict    50.00  50.00  50.00",
        "relaxed  100.00 100.00 100.00",
        "value     50.00  50.00  50.00",
        "type     100.00 100.00 100.00",
    ]


def test_cli_evaluate_error_names_the_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(timeml_app, ["evaluate", str(tmp_path), str(tmp_path)])
    assert isinstance(result.exception, TimeMLError)
    assert str(result.exception) == (
        f"{tmp_path}: no .tml gold file found; point at a folder of TimeML files"
    )


@pytest.mark.model
def test_cli_annotate_writes_scoreable_files(tmp_path: Path) -> None:
    source = tmp_path / "in" / "x.tml.TE3input"
    source.parent.mkdir()
    source.write_bytes(_te3input().encode("utf-8"))
    result = CliRunner().invoke(
        timeml_app, ["annotate", str(tmp_path / "in"), str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    written = parse_timeml((tmp_path / "out" / "x.tml").read_text(encoding="utf-8"), "x.tml")
    assert [(t.text, t.type, t.value) for t in written.timexes] == [
        ("Tuesday", "DATE", "1998-01-06"),
        ("two weeks", "DURATION", "P2W"),
    ]
