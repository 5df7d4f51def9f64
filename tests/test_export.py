"""Tests for the exports: golden files, JSON schema, TimelineJS rules, escaping, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from builders import (
    HOSTILE_SENTENCE,
    event,
    event_date,
    hostile_timeline,
    mention,
    sample_timeline,
    timeml_article,
)
from conftest import assert_golden, check_timelinejs
from huawei_timeline.errors import OutputError
from huawei_timeline.files import write_atomic
from huawei_timeline.models import EventDate, Timeline
from huawei_timeline.output.exports import (
    CSV_COLUMNS,
    article_timeml,
    json_schema,
    schema_text,
    timelinejs_dates,
    to_csv,
    to_json,
    to_markdown,
    to_timelinejs,
    write_timeml_folder,
)
from huawei_timeline.output.page import to_html
from huawei_timeline.timeml.reader import parse_timeml

COMMITTED_SCHEMA = Path(__file__).parents[1] / "data" / "timeline.schema.json"


def test_json_reads_back_as_the_same_timeline() -> None:
    timeline = sample_timeline()
    assert Timeline.model_validate_json(to_json(timeline)) == timeline


def test_exported_json_is_valid_against_the_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.validate(json.loads(to_json(sample_timeline())), json_schema())


def _without_event_key(doc: dict[str, Any]) -> None:
    del doc["events"][0]["summary"]


def _with_extra_key(doc: dict[str, Any]) -> None:
    doc["events"][0]["confidence"] = 0.9


def _with_unknown_modality(doc: dict[str, Any]) -> None:
    doc["events"][0]["modality"] = "rumoured"


def _with_unknown_mod(doc: dict[str, Any]) -> None:
    doc["events"][1]["date"]["mod"] = "SOONISH"


@pytest.mark.parametrize(
    "damage",
    [_without_event_key, _with_extra_key, _with_unknown_modality, _with_unknown_mod],
)
def test_schema_rejects_what_the_model_rejects(damage: Any) -> None:
    doc = json.loads(to_json(sample_timeline()))
    damage(doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json_schema())
    # The schema and the model must agree, or consumers and we read different files.
    with pytest.raises(ValueError):
        Timeline.model_validate_json(json.dumps(doc))


def test_committed_schema_is_up_to_date() -> None:
    # Same switch as the render goldens: UPDATE_GOLDEN=1 rewrites the committed copy.
    if os.environ.get("UPDATE_GOLDEN") == "1":
        write_atomic(COMMITTED_SCHEMA, schema_text())
    hint = "models changed? run UPDATE_GOLDEN=1 pytest tests/test_export.py and commit the result"
    assert COMMITTED_SCHEMA.is_file(), f"{COMMITTED_SCHEMA} is missing; {hint}"
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == schema_text(), f"stale schema; {hint}"


# ------------------------------------------------------------------------- atomic write


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


@pytest.mark.parametrize("existing", [None, "old content\n"])
def test_write_atomic_writes_or_replaces(tmp_path: Path, existing: str | None) -> None:
    target = tmp_path / "timeline.json"
    if existing is not None:
        target.write_text(existing, encoding="utf-8")
    write_atomic(target, "new “content”\n")
    assert target.read_text(encoding="utf-8") == "new “content”\n"
    assert _leftovers(tmp_path, {"timeline.json"}) == []


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_atomic_new_file_follows_the_umask(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "timeline.json", "new")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "timeline.json").stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "missing/timeline.json",
            "cannot write {tmp}/missing/timeline.json: directory does not exist; "
            "create it or choose another -o path",
        ),
        (
            "afile/timeline.json",
            "cannot write {tmp}/afile/timeline.json: {tmp}/afile is not a directory; "
            "choose another -o path",
        ),
        (
            "adir",
            "cannot write {tmp}/adir: it is a directory; choose a file name for -o",
        ),
    ],
)
def test_write_atomic_refuses_bad_paths(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / target, "text")
    assert str(caught.value) == message.format(tmp=tmp_path)
    assert _leftovers(tmp_path, {"afile", "adir"}) == []


def _fail_replace(self: Path, target: Path) -> Path:
    raise OSError(28, "No space left on device")


def _fail_fsync(fd: int) -> None:
    raise OSError(5, "Input/output error")


@pytest.mark.parametrize(
    ("patch", "reason"),
    [
        (("pathlib.Path.replace", _fail_replace), "no space left on device"),
        (("os.fsync", _fail_fsync), "input/output error"),
    ],
)
def test_failed_write_leaves_old_file_and_no_temp_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    patch: tuple[str, Any],
    reason: str,
) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(*patch)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "new")
    assert str(caught.value) == (
        f"cannot write {target}: {reason}; "
        "check its permissions and free space, or choose another -o path"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path, {"timeline.json"}) == []


def test_unencodable_text_leaves_no_temp_file(tmp_path: Path) -> None:
    # A lone surrogate cannot be encoded as UTF-8; that is a bug upstream, not an output
    # problem, so it propagates as is, but still without debris.
    with pytest.raises(UnicodeEncodeError):
        write_atomic(tmp_path / "timeline.json", "bad \udc80")
    assert _leftovers(tmp_path, set()) == []


# ---------------------------------------------------------------------- golden files

WRITERS: dict[str, Callable[[Timeline], str]] = {
    "timeline.json": to_json,
    "timelinejs.json": to_timelinejs,
    "timeline.md": to_markdown,
    "timeline.csv": to_csv,
    "timeline.html": to_html,
}


@pytest.mark.parametrize("golden", list(WRITERS))
def test_export_matches_golden(golden: str) -> None:
    assert_golden(golden, WRITERS[golden](sample_timeline()), exact=True)


def test_timeml_matches_golden() -> None:
    article, expressions = timeml_article()
    assert_golden("wire-1.tml", article_timeml(article, expressions), exact=True)


@pytest.mark.parametrize("golden", list(WRITERS))
def test_export_is_deterministic(golden: str) -> None:
    assert WRITERS[golden](sample_timeline()) == WRITERS[golden](sample_timeline())


# ------------------------------------------------------------------------ TimelineJS


def test_timelinejs_follows_the_field_rules() -> None:
    document = json.loads(to_timelinejs(sample_timeline()))
    check_timelinejs(document)
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert slides["e2"]["start_date"] == {"year": 2019, "month": 5}  # mid-May stays a month
    assert slides["e2"]["display_date"] == "mid-May 2019"
    assert (slides["e4"]["group"], slides["e1"]["group"]) == ("planned", "reported")


@pytest.mark.parametrize(
    ("when", "start", "end"),
    [
        (event_date("2019-07-09", "day"), {"year": 2019, "month": 7, "day": 9}, None),
        (event_date("2019-10", "month", mod="MID"), {"year": 2019, "month": 10}, None),
        (event_date("2018-08", "month"), {"year": 2018, "month": 8}, None),
        (event_date("2019", "year"), {"year": 2019}, None),
        (
            event_date("2019-W26-WE", "weekend"),
            {"year": 2019, "month": 6, "day": 29},
            {"year": 2019, "month": 6, "day": 30},
        ),
        (
            event_date("2019-Q4", "quarter"),
            {"year": 2019, "month": 10},
            {"year": 2019, "month": 12},
        ),
        (event_date("2019-WI", "season"), {"year": 2019, "month": 12}, {"year": 2020, "month": 2}),
        (event_date("201", "decade"), {"year": 2010}, {"year": 2019}),
        (
            event_date("2019-07-11T10:37", "time", type="TIME"),
            {"year": 2019, "month": 7, "day": 11, "hour": 10, "minute": 37},
            None,
        ),
        (event_date("2019-05", "month", mod="BEFORE"), {"year": 2019, "month": 5}, None),
    ],
    ids=lambda p: p.value if isinstance(p, EventDate) else "",
)
def test_timelinejs_dates_keep_the_granularity(
    when: EventDate, start: dict[str, int], end: dict[str, int] | None
) -> None:
    assert timelinejs_dates(when) == (start, end)


@pytest.mark.parametrize(
    "when",
    [
        event_date("P3D", "duration", type="DURATION"),
        event_date("PRESENT_REF", "reference"),
        event_date("XXXX-07-09", "day"),
    ],
)
def test_timelinejs_leaves_out_what_it_cannot_place(when: EventDate) -> None:
    unplaced = event("x", when, "sometime", [mention("ft-1", "Sometime.")])
    timeline = sample_timeline()
    timeline = timeline.model_copy(update={"events": [*timeline.events, unplaced]})
    document = json.loads(to_timelinejs(timeline))
    check_timelinejs(document)
    assert [s["unique_id"] for s in document["events"]] == ["e1", "e2", "e3", "e4"]


# -------------------------------------------------------------------------- escaping


def test_html_escapes_article_text() -> None:
    page = to_html(hostile_timeline())
    assert "<script" not in page and "<img" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page


def test_timelinejs_escapes_article_text() -> None:
    slide = json.loads(to_timelinejs(hostile_timeline()))["events"][0]
    shown = slide["text"]["headline"] + slide["text"]["text"]
    assert "<script" not in shown and "<img" not in shown and "<b>" not in shown
    assert '&lt;script&gt;alert("owned")&lt;/script&gt;' in slide["text"]["headline"]


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_markdown_shows_article_text_as_typed() -> None:
    # Unescaped, the sentence would be live markup: the check below can fail.
    assert "<script>" in _markdown_html(HOSTILE_SENTENCE)
    rendered = _markdown_html(to_markdown(hostile_timeline()))
    # No markup from the article survives as markup ...
    for tag in ("<script", "<a ", "<em>", "<b>", "<img", "<s>", "<i>", "<table"):
        assert tag not in rendered
    # ... and the reader sees exactly the words of the article (entities aside).
    assert (
        "He wrote &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; posted "
        "[click here](http://evil.example) *now*, &lt;b&gt;bold&lt;/b&gt; | snake_case "
        "_under_ ~strike~"
    ) in rendered


def test_markdown_lists_sources_as_footnotes() -> None:
    text = to_markdown(sample_timeline())
    marks = [line for line in text.splitlines() if line.startswith("- **")]
    notes = [line for line in text.splitlines() if line.startswith("[^")]
    assert [m.count("[^") for m in marks] == [3, 2, 1, 1]
    assert [n.split("]")[0] for n in notes] == [f"[^{i}" for i in range(1, 8)]


def test_markdown_gives_one_footnote_per_source_article() -> None:
    said_twice = event(
        "x",
        event_date("2019-07", "month"),
        "Huawei sues",
        [mention("nyt-1", "Huawei sued.", index=1), mention("nyt-1", "It sued again.", index=2)],
    )
    timeline = Timeline(model="m", articles=sample_timeline().articles, events=[said_twice])
    lines = to_markdown(timeline).splitlines()
    assert lines[4] == "- **Jul 2019**: Huawei sues[^1]"
    assert lines[-1] == (
        "[^1]: NYT, \u201cHuawei plans its own operating system\u201d, 1 Jul 2019 (nyt-1): "
        "\u201cHuawei sued.\u201d (characters 0\u201312); "
        "\u201cIt sued again.\u201d (characters 0\u201314)"
    )


def test_timeml_escapes_and_reads_back() -> None:
    article, expressions = timeml_article()
    written = article_timeml(article, expressions)
    assert "R&amp;D &lt;update&gt;\r\n" in written
    back = parse_timeml(written, "wire-1.tml")
    assert back.text == article.text
    assert [(t.start, t.end, t.value, t.mod) for t in back.timexes] == [
        (e.start, e.end, e.value, e.mod) for e in expressions
    ]


# ------------------------------------------------------------------------------- CSV


def test_csv_has_one_row_per_event() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(sample_timeline()), newline="")))
    assert [r["id"] for r in rows] == ["e1", "e2", "e3", "e4"]
    assert tuple(rows[0]) == CSV_COLUMNS
    assert (rows[1]["display_date"], rows[1]["first_day"], rows[1]["last_day"]) == (
        "mid-May 2019",
        "2019-05-11",
        "2019-05-20",
    )
    assert rows[0]["outlets"] == "SCMP; FT; NYT"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_defuses_spreadsheet_formulas(start: str) -> None:
    risky = event("x", event_date("2019", "year"), f"{start}HYPERLINK(1)", [mention("ft-1", "x")])
    timeline = Timeline(model="m", articles=sample_timeline().articles, events=[risky])
    row = next(csv.DictReader(io.StringIO(to_csv(timeline), newline="")))
    assert row["summary"] == f"'{start}HYPERLINK(1)"


# ---------------------------------------------------------------------- TimeML folder


def test_write_timeml_folder_writes_one_file_per_article(tmp_path: Path) -> None:
    article, expressions = timeml_article()
    summary = (
        sample_timeline()
        .articles[0]
        .model_copy(update={"id": "wire-1", "time_expressions": expressions})
    )
    timeline = Timeline(model="m", articles=[summary], events=[])
    written = write_timeml_folder(timeline, [article], tmp_path / "tml")
    assert written == [tmp_path / "tml" / "wire-1.tml"]
    assert written[0].read_bytes().decode("utf-8") == article_timeml(article, expressions)


def test_write_timeml_folder_needs_the_article_text(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_timeml_folder(sample_timeline(), [], tmp_path)
    assert str(caught.value) == (
        "no text for article 'scmp-1'; export TimeML from the corpus it was built on"
    )


def test_write_timeml_folder_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    article, _ = timeml_article()
    timeline = Timeline(model="m", articles=[], events=[])
    with pytest.raises(OutputError) as caught:
        write_timeml_folder(timeline, [article], tmp_path / "afile")
    assert str(caught.value) == (
        f"cannot write {tmp_path}/afile: it is a file; give a folder for TimeML output"
    )
