"""Command line: help without spaCy, one-line errors, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MANIFEST, ROOT


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "huawei_timeline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_help_does_not_load_spacy() -> None:
    probe = (
        "import sys; from typer.testing import CliRunner; from huawei_timeline.cli import app; "
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
    result = _cli(*args)
    assert (result.returncode, result.stderr, result.stdout) == (2, message + "\n", "")


@pytest.mark.model
def test_unknown_model_names_the_installed_ones() -> None:
    result = _cli("show", "--corpus", str(MANIFEST), "--model", "no_such_model")
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot load spaCy model 'no_such_model'")
    assert "Available names: " in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.model
def test_export_to_file_writes_json_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    result = _cli("export", "--corpus", str(MANIFEST), "--format", "json", "-o", str(target))
    assert (result.returncode, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]


@pytest.mark.model
def test_show_prints_the_key_dates() -> None:
    result = _cli("show", "--corpus", str(MANIFEST), "--no-color")
    assert result.returncode == 0, result.stderr
    for shown in (
        "Thu 16 May 2019",
        "weekend of 29\u201330 Jun 2019",
        "Tue 9 Jul 2019",
        "mid-Oct 2019",
    ):
        assert shown in result.stdout
