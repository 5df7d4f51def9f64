"""Where the pipeline's maps run: here (``local``) or on a Dask cluster (``dask``).

The pipeline is two maps and a reduce (``pipeline.py``): extraction, one task
per chunk of articles; the merge's pair scoring, one task per block of the date
line (``merge/blocks.py``); then the union-find join and the attachment of
undated mentions, on the client. The ``local`` engine runs extraction in this
process or in ``jobs`` worker processes (``spawn``; started at the first task,
so a fully cached run starts none) and scores blocks in this process. The
``dask`` engine sends both maps to Dask workers: a running cluster
(``scheduler``, e.g. ``tcp://10.0.0.5:8786``) or, without one, a
``LocalCluster`` of ``jobs`` single-threaded worker processes started for the
run and shut down after it.

Either way results come back in input order, so the output does not depend on
where, or in which order, tasks ran: ``export --format json`` is byte-identical
on both engines. Tasks carry what they need (a chunk of article texts, or one
block's mentions with the bundle-wide numbers its scores need), never the whole
corpus; each worker process loads the spaCy model once (``nlp.load_model`` is
cached per process). A worker that dies mid-run loses only its running tasks,
which the scheduler gives to another worker; a task that raises is retried
:data:`RETRIES` times before its error reaches the user (bad input or a missing
model, a :class:`~huawei_timeline.errors.TimelineError`, is not retried: it would
fail the same way on every worker). The cache is read and
written by the client only: the workers of a real cluster need not share a
file system with it, and a cached article is never sent anywhere.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Final, Generic, Literal, Protocol, TypeVar

from huawei_timeline.errors import TimelineError

EngineName = Literal["local", "dask"]
ENGINES: Final[tuple[EngineName, ...]] = ("local", "dask")
RETRIES: Final = 2
"""Times a task that raised is run again before the run fails."""
IN_FLIGHT_PER_WORKER: Final = 4
"""Tasks queued per worker: enough to keep every worker busy, few enough that the
client never holds more than a small window of the input at once."""
CONNECT_SECONDS: Final = 10
LOCAL_WORKER_CONFIG: Final = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}
"""Dask settings for the workers of a local cluster, both measured on TE3 silver
(ad hoc runs of 240 and 800 articles, alternated with the
``local`` engine):

* Dask's nannies start workers with glibc's ``MALLOC_TRIM_THRESHOLD_=65536`` so
  that long-lived workers give memory back; spaCy allocates and frees many
  arrays, and with the threshold frees near the top of the heap went back to the
  kernel: 4.6x the minor page faults (1.14M against 0.19M on 240 articles). The
  workers start without it, as the ``local`` engine's processes do; an
  ``MALLOC_TRIM_THRESHOLD_`` set in the environment is still inherited.
* Dask's statistical profiler samples each worker's running task every 10 ms,
  walking spaCy's deep stacks with the GIL held: 11% more CPU time in the tasks
  (800 articles: 98.7 s against 88.8 s with it off). Nobody reads its profiles
  in a batch run; the dashboard's profile page stays empty.

A running cluster (``--scheduler``) keeps its own settings: the README says how
to start its workers the same way."""

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class EngineError(TimelineError):
    """No Dask cluster could be started or reached; the message says what to do."""


class Task(Protocol[R_co]):
    """A submitted call: a ``concurrent.futures`` or ``distributed`` future, or one done here."""

    def done(self) -> bool:
        """Whether the result is ready."""
        ...

    def result(self) -> R_co:
        """The result, waiting for it; raises what the call raised."""
        ...


@dataclass(frozen=True)
class _Done(Generic[R]):
    value: R

    def done(self) -> bool:
        return True

    def result(self) -> R:
        return self.value


class Engine:
    """Runs calls as tasks; ``map`` yields results in input order.

    The base engine runs everything in this process, at once. Used as a context
    manager: leaving it shuts down what it started.
    """

    name: EngineName = "local"
    workers: int = 1

    @property
    def in_flight(self) -> int:
        """Tasks to keep submitted ahead: enough to keep every worker busy."""
        return IN_FLIGHT_PER_WORKER * self.workers

    def submit(self, fn: Callable[[T], R], item: T) -> Task[R]:
        """Start ``fn(item)`` (here: run it now)."""
        return _Done(fn(item))

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` over ``items`` in input order, never more than :attr:`in_flight`
        tasks ahead of the oldest unfinished one: the input is pulled only as
        results come back, so a long (lazy) input is never held whole."""
        window: deque[Task[R]] = deque()
        for item in items:
            window.append(self.submit(fn, item))
            if len(window) >= self.in_flight:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        """Release what the engine started (nothing here)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class LocalEngine(Engine):
    """Maps on ``jobs`` worker processes of this machine (``spawn``: a clean
    interpreter each, the same on every platform; the parent never imports spaCy)."""

    def __init__(self, jobs: int) -> None:
        self.workers = jobs if jobs > 0 else os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[[T], R], item: T) -> Task[R]:
        """Start ``fn(item)`` on a worker process (the processes start with the first task)."""
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool.submit(fn, item)

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class DaskEngine(Engine):
    """Maps on a Dask cluster: the one at ``scheduler``, or a local one of ``jobs`` workers.

    ``client`` is the ``distributed.Client``, for callers that want more of Dask.
    """

    name: EngineName = "dask"

    def __init__(self, jobs: int = 0, scheduler: str | None = None) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise EngineError(
                "--engine dask needs the 'distributed' package; reinstall huawei-timeline "
                "or pass --engine local"
            ) from exc
        self._cluster: Any = None
        if scheduler is not None:
            try:
                self.client: Any = Client(scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError, ValueError) as exc:
                raise EngineError(
                    f"cannot reach a Dask scheduler at {scheduler} ({exc}); start one with "
                    "'dask scheduler' and workers with 'dask worker ADDRESS', or drop --scheduler"
                ) from None
        else:
            workers = jobs if jobs > 0 else os.cpu_count() or 1
            try:
                with dask.config.set(LOCAL_WORKER_CONFIG):
                    self._cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",
                        silence_logs=logging.CRITICAL,
                    )
                self.client = Client(self._cluster)
            except (OSError, RuntimeError, TimeoutError) as exc:
                raise EngineError(
                    f"cannot start a local Dask cluster of {workers} workers ({exc}); "
                    "pass --engine local, or start a cluster and give --scheduler ADDRESS"
                ) from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn: Callable[[T], R], item: T) -> Task[R]:
        """Start ``fn(item)`` on a worker. A task that raises is retried :data:`RETRIES`
        times, unless what it raised is a :class:`~huawei_timeline.errors.TimelineError`
        (bad input, a model missing on the workers): that fails the same way on any
        worker, so it reaches the user at once."""
        future = self.client.submit(_Reporting(fn), item, pure=False, retries=RETRIES)
        return _DaskTask(future)

    def close(self) -> None:
        """Disconnect; shut the local cluster down if this engine started it."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


@dataclass(frozen=True)
class _Refused:
    """What a Dask task returns instead of raising a TimelineError (so Dask does not
    retry it); :meth:`_DaskTask.result` raises it again on the client."""

    error: TimelineError


@dataclass(frozen=True)
class _Reporting(Generic[T, R]):
    """``fn``, with a TimelineError returned as :class:`_Refused` instead of raised."""

    fn: Callable[[T], R]

    def __call__(self, item: T) -> R | _Refused:
        try:
            return self.fn(item)
        except TimelineError as error:
            return _Refused(error)


@dataclass(frozen=True)
class _DaskTask(Generic[R]):
    """A ``distributed`` future of a :class:`_Reporting` call."""

    future: Any

    def done(self) -> bool:
        return bool(self.future.done())

    def result(self) -> R:
        value = self.future.result()
        if isinstance(value, _Refused):
            raise value.error
        return value  # type: ignore[no-any-return]


def open_engine(name: EngineName = "local", jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` with ``jobs`` workers (0: one per core; ``local``
    with 1: this process only); ``scheduler`` (an address) only with ``dask``.

    Raises:
        EngineError: an unknown name, a scheduler without ``dask``, or a cluster
            that cannot be started or reached.
    """
    if name not in ENGINES:
        raise EngineError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    if name == "local":
        if scheduler is not None:
            raise EngineError("--scheduler needs --engine dask; add it or drop --scheduler")
        return Engine() if jobs == 1 else LocalEngine(jobs)
    return DaskEngine(jobs, scheduler)
