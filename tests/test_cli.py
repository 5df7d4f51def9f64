"""Command line: help without spaCy, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from conftest import MANIFEST, ROOT, check_timelinejs, run_cli
from huawei_timeline.cli.main import app
from huawei_timeline.output.exports import json_schema
from huawei_timeline.timeml.reader import read_timeml


def test_help_does_not_load_spacy() -> None:
    probe = (
        "import sys; from typer.testing import CliRunner; "
        "from huawei_timeline.cli.main import app; "
        "r = CliRunner().invoke(app, ['--help']); "
        "print(r.exit_code, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["show", "--corpus", "nowhere"],
            "error: nowhere: no such file or directory; pass a manifest file or its folder",
        ),
        (
            ["export", "--corpus", str(MANIFEST), "-o", "/nonexistent/dir/t.json"],
            "error: cannot write /nonexistent/dir/t.json: directory does not exist; "
            "create it or choose another -o path",
        ),
    ],
)
def test_bad_input_is_one_line_and_nonzero(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert (result.returncode, result.stderr, result.stdout) == (2, message + "\n", "")


@pytest.mark.model
def test_unknown_model_names_the_installed_ones() -> None:
    result = run_cli("show", "--corpus", str(MANIFEST), "--model", "no_such_model")
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot load spaCy model 'no_such_model'")
    assert "Available names: " in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.model
def test_export_to_file_writes_json_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    result = run_cli("export", "--corpus", str(MANIFEST), "--format", "json", "-o", str(target))
    assert (result.returncode, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]


@pytest.mark.model
def test_show_prints_the_key_dates() -> None:
    result = run_cli("show", "--corpus", str(MANIFEST), "--no-color")
    assert result.returncode == 0, result.stderr
    for shown in (
        "Thu 16 May 2019",
        "weekend of 29\u201330 Jun 2019",
        "Tue 9 Jul 2019",
        "mid-Oct 2019",
    ):
        assert shown in result.stdout


# ------------------------------------------------------------ commands and exports

runner = CliRunner()


def _invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})


@pytest.mark.parametrize(
    "command",
    [[], ["show"], ["export"], ["entities"], ["schema"], ["timeml"], ["timeml", "annotate"]],
    ids=lambda c: " ".join(c) or "main",
)
def test_every_command_has_help_with_examples(command: list[str]) -> None:
    result = _invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


@pytest.mark.parametrize("command", ["show", "export", "entities"])
def test_filters_are_offered_by_every_command_that_builds_a_timeline(command: str) -> None:
    shown = _invoke(command, "--help").stdout
    for option in ("--corpus", "--model", "--from", "--to", "--person", "--org", "--source"):
        assert option in shown
    assert "--min-sources" in shown and "--include-planned / --past-only" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["show", "--from", "July"],
            "error: 'July' is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Wnn",
        ),
        (
            ["entities", "--to", "2019-13"],
            "error: '2019-13' is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or "
            "YYYY-Wnn",
        ),
        (
            ["export", "--format", "timeml"],
            "error: --format timeml writes one file per article; give a folder: -o DIR",
        ),
    ],
)
def test_bad_options_are_one_line_before_any_work(args: list[str], message: str) -> None:
    # "nowhere" is no corpus: the error shows that the options were checked first.
    result = _invoke(*args, "--corpus", "nowhere")
    assert (result.exit_code, result.stderr, result.stdout) == (2, message + "\n", "")


def test_schema_prints_the_committed_schema(tmp_path: Path) -> None:
    committed = (ROOT / "data" / "timeline.schema.json").read_text(encoding="utf-8")
    assert _invoke("schema").stdout == committed
    result = _invoke("schema", "-o", str(tmp_path / "schema.json"))
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == committed


def test_errors_of_subcommands_from_other_modules_are_one_line(tmp_path: Path) -> None:
    result = run_cli("timeml", "evaluate", str(tmp_path / "missing"), str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [],
            "error: data/manifest.json: no such file or directory; "
            "pass a manifest file or its folder",
        ),
        (
            ["timeml", "evaluate", "missing", "."],
            "error: missing: not a folder; give a folder of .tml or .TE3input files",
        ),
    ],
    ids=["default command", "timeml evaluate"],
)
def test_errors_in_process_take_the_same_route(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CliRunner calls `app`, not `main`; the default command runs `show()` with its defaults.
    monkeypatch.chdir(tmp_path)
    result = _invoke(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message + "\n", "")


@pytest.mark.model
@pytest.mark.parametrize("format", ["json", "timelinejs", "markdown", "csv", "html"])
def test_export_formats_of_the_seeds(format: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{format}"
    result = _invoke("export", "--corpus", str(MANIFEST), "--format", format, "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    text = target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    if format == "json":
        jsonschema.validate(json.loads(text), json_schema())
    elif format == "timelinejs":
        check_timelinejs(json.loads(text))
    key_dates = ["Thu 16 May 2019", "weekend of 29\u201330 Jun 2019", "Tue 9 Jul 2019"]
    if format != "json":
        assert all(date in text for date in [*key_dates, "mid-Oct 2019"])


@pytest.mark.model
def test_filters_narrow_the_seed_timeline() -> None:
    result = _invoke("show", "--corpus", str(MANIFEST), "--from", "2019-07", "--past-only")
    assert result.exit_code == 0, result.stderr
    assert "Tue 9 Jul 2019" in result.stdout
    assert "mid-Oct 2019" not in result.stdout and "May 2019" not in result.stdout
    only_future = _invoke("show", "--corpus", str(MANIFEST), "--from", "2019-08")
    assert "mid-Oct 2019" in only_future.stdout and "Jul 2019" not in only_future.stdout


@pytest.mark.model
def test_entities_of_the_seeds() -> None:
    result = _invoke("entities", "--corpus", str(MANIFEST), "--person", "ross")
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["name", "kind", "events", "sources", "outlets"]
    assert "Wilbur Ross" in result.stdout


@pytest.mark.model
def test_timeml_export_writes_each_article(tmp_path: Path) -> None:
    result = _invoke("export", "--corpus", str(MANIFEST), "--format", "timeml", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote 5 TimeML files to {tmp_path}\n"
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        document = read_timeml(tmp_path / f"{entry['id']}.tml")
        original = (MANIFEST.parent / entry["file"]).read_bytes().decode("utf-8")
        assert document.text == original
        assert document.timexes


def test_unwritable_output_fails_before_any_parsing(tmp_path: Path) -> None:
    # An unknown model would fail at parsing; the -o check must come first.
    target = tmp_path / "missing" / "t.json"
    result = run_cli(
        "export", "--corpus", str(MANIFEST), "--model", "no_such_model", "-o", str(target)
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: cannot write {target}: directory does not exist; "
        "create it or choose another -o path\n"
    )
