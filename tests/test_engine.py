"""The Dask engine gives the same bytes as the local one, and survives a dead worker.

Unit tests of the date-line blocks use hand-built mentions; the rest start a real
``LocalCluster`` of two worker processes (with the real spaCy model) once for
the module, plus one CLI run that starts and stops its own.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builders import event_mention
from conftest import MANIFEST, ROOT, run_cli
from huawei_timeline.engine import RETRIES, DaskEngine, Engine, EngineError, open_engine
from huawei_timeline.errors import ModelError
from huawei_timeline.ingest.manifest import load_corpus
from huawei_timeline.merge.blocks import merge_edges, plan_blocks
from huawei_timeline.merge.cluster import merge_with_actors
from huawei_timeline.merge.evidence import merge_interval
from huawei_timeline.merge.score import PairScorer
from huawei_timeline.models import ArticleMeta, Event, EventMention
from huawei_timeline.pipeline import build_timeline, extract_all

NATO = ROOT / "data" / "bundles" / "nato-enlargement-1999" / "manifest.json"
EMBASSY = ROOT / "data" / "bundles" / "embassy-bombings-1998" / "manifest.json"


def _clusters(events: list[Event]) -> list[list[str]]:
    return sorted(sorted(m.id for m in e.mentions) for e in events)


def _synthetic() -> list[EventMention]:
    """Mentions spread over two years, with long dates ("2019", "2019-05") among
    them, days that are only publish days (widened to the days before them), and
    undated mentions that echo a dated one (its actor and keywords)."""
    mentions = []
    for k in range(600):
        value: str | None
        if k % 10 == 0:
            value = "2019"
        elif k % 10 == 1:
            value = f"2019-{1 + k % 12:02d}"
        else:
            value = f"{2019 + k % 2}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        echo = k + 2 if k % 10 in (2, 3) else k
        mentions.append(
            event_mention(
                f"m{k}",
                article_id=f"art{k // 12}",
                sentence_index=k % 12,
                subject=f"Person {echo % 40}",
                people=[f"Person {echo % 40}"],
                keywords=[f"topic{echo % 30}", f"place{echo % 25}"],
                value=None if echo != k else value,
                date_source="publish" if k % 10 == 4 else "own",
            )
        )
    return mentions


@pytest.mark.parametrize("size", [1, 7, 50, 600])
def test_any_cut_of_the_date_line_gives_the_edges_of_the_whole(size: int) -> None:
    mentions = _synthetic()
    scorer, _ = PairScorer.for_bundle(mentions)
    intervals = [merge_interval(m) for m in mentions]
    whole = merge_edges(plan_blocks(scorer, intervals, size=len(mentions)))
    blocks = plan_blocks(scorer, intervals, size=size)
    assert merge_edges(blocks) == whole
    assert whole, "the synthetic bundle must have edges for the test to mean anything"
    if size < len(mentions):
        assert len(blocks) > 1
        # A long date lies in several blocks; every mention lies in one at least.
        assert sum(len(b.members) for b in blocks) > len(mentions)


def test_blocks_and_attach_tasks_give_the_same_events_as_one_task() -> None:
    mentions = _synthetic()
    articles: list[ArticleMeta] = []
    size = len(mentions)
    one, _ = merge_with_actors(mentions, articles, block_size=size, attach_size=size)
    many, _ = merge_with_actors(mentions, articles, block_size=5, attach_size=3)
    assert [e.model_dump() for e in many] == [e.model_dump() for e in one]
    assert any(len(e.mentions) > 1 for e in one)
    joined = [m for e in one for m in e.mentions if m.date_source == "cluster"]
    assert joined, "undated mentions must join events for the test to mean anything"


def test_engine_names_are_checked() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        open_engine("spark")  # type: ignore[arg-type]
    with pytest.raises(EngineError, match="--scheduler needs --engine dask"):
        open_engine("local", scheduler="tcp://127.0.0.1:8786")
    with open_engine("local") as engine:
        assert list(engine.map(str, [1, 2])) == ["1", "2"]


# ------------------------------------------------------------- a real local cluster


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes, restarted by their nannies if killed."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as started:
        yield started


def _json(corpus: Path, **options: Any) -> str:
    return build_timeline(corpus, cache=False, **options).model_dump_json(indent=2)


@pytest.mark.parametrize("corpus", [MANIFEST, NATO], ids=["seeds", "nato"])
def test_dask_workers_give_the_same_timeline(cluster: Any, corpus: Path) -> None:
    local = _json(corpus)
    assert _json(corpus, engine="dask", scheduler=cluster.scheduler_address) == local


def test_block_scoring_on_workers_gives_the_same_events(cluster: Any) -> None:
    articles = load_corpus(EMBASSY).articles
    mentions = [m for e in extract_all(articles, cache=None) for m in e.mentions]
    metas = [a.meta for a in articles]
    here, _ = merge_with_actors(mentions, metas)
    with DaskEngine(scheduler=cluster.scheduler_address) as engine:
        assert engine.workers == 2
        there, _ = merge_with_actors(mentions, metas, run=engine.map, block_size=8, attach_size=5)
    assert [e.model_dump() for e in there] == [e.model_dump() for e in here]
    assert len(plan_blocks(*_bundle(mentions), size=8)) > 1


def _bundle(mentions: list[EventMention]) -> tuple[PairScorer, list[Any]]:
    scorer, _ = PairScorer.for_bundle(mentions)
    return scorer, [merge_interval(m) for m in mentions]


def test_a_worker_killed_mid_run_costs_a_retry_not_the_result(cluster: Any) -> None:
    from distributed import Client

    expected = _json(NATO)
    with Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
        result: dict[str, Any] = {}

        def build() -> None:
            try:
                result["json"] = _json(NATO, engine="dask", scheduler=cluster.scheduler_address)
            except BaseException as exc:  # reported by the assertion below
                result["error"] = exc

        worker = threading.Thread(target=build)
        worker.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(client.processing().values()):
            time.sleep(0.02)
        busy = [address for address, tasks in client.processing().items() if tasks]
        assert busy, "no task ever ran: the test killed nothing"
        os.kill(pids[busy[0]], signal.SIGKILL)
        worker.join(timeout=300)
    assert "error" not in result, result.get("error")
    assert result["json"] == expected


class _Failing:
    """A task that notes each attempt in ``log``, then raises ``error``."""

    def __init__(self, log: Path, error: Exception) -> None:
        self.log, self.error = log, error

    def __call__(self, item: int) -> int:
        with self.log.open("a", encoding="utf-8") as attempts:
            attempts.write(f"{item}\n")
        raise self.error


@pytest.mark.parametrize(
    ("error", "attempts"),
    [(ModelError("cannot load spaCy model 'x'"), 1), (RuntimeError("flaky"), 1 + RETRIES)],
    ids=["bad input: once", "anything else: retried"],
)
def test_only_errors_that_may_pass_next_time_are_retried(
    cluster: Any, tmp_path: Path, error: Exception, attempts: int
) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests
    log = tmp_path / "attempts.txt"
    with (
        DaskEngine(scheduler=cluster.scheduler_address) as engine,
        pytest.raises(type(error), match=str(error).split("'")[0]),
    ):
        list(engine.map(_Failing(log, error), [7]))
    assert log.read_text(encoding="utf-8").splitlines() == ["7"] * attempts


def test_export_json_is_byte_identical_on_both_engines(tmp_path: Path) -> None:
    outputs = {}
    for engine, jobs in (("local", "2"), ("dask", "2"), ("dask", "3")):
        out = tmp_path / f"{engine}-{jobs}.json"
        done = run_cli(
            "export", "--format", "json", "--no-cache", "--engine", engine, "--jobs", jobs,
            "-o", str(out),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs[engine, jobs] = out.read_bytes()
    assert outputs["dask", "2"] == outputs["local", "2"]
    assert outputs["dask", "3"] == outputs["local", "2"]
    assert json.loads(outputs["local", "2"])["events"]


def test_local_cluster_workers_run_untrimmed_and_unprofiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dask

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with DaskEngine(jobs=1) as engine:
        trim = engine.client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        profiled = engine.client.run(dask.config.get, "distributed.worker.profile.enabled")
    assert list(trim.values()) == [None], "Dask's nanny default (65536) costs page faults"
    assert list(profiled.values()) == [False], "the 10 ms profiler costs ~11% of task CPU"


def test_an_unreachable_scheduler_is_one_line() -> None:
    done = run_cli("show", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_local_engine_is_the_default() -> None:
    assert isinstance(open_engine(), Engine)
    assert not isinstance(open_engine(), DaskEngine)


def test_a_model_missing_on_the_workers_is_one_line() -> None:
    done = run_cli(
        "show", "--engine", "dask", "--jobs", "1", "--model", "no_such_model", "--no-cache"
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, "one line: no worker log, no traceback"
    assert "cannot load spaCy model 'no_such_model'" in done.stderr
