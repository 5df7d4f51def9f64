"""A progress bar on stderr for long extractions, shown only once work has taken a while."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, Final

PROGRESS_DELAY: Final = 1.0
"""Seconds of work before a progress bar appears: quick runs print nothing extra."""


class Progress:
    """A rich progress bar on stderr that appears only once work has taken a while."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.started = time.monotonic()
        self.done = 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def advance(self, count: int) -> None:
        """Count ``count`` more articles done, showing the bar if the run is slow."""
        self.done += count
        if not self.enabled:
            return
        if self._bar is None and time.monotonic() - self.started >= PROGRESS_DELAY:
            from rich.console import Console
            from rich.progress import Progress as Bar

            self._bar = Bar(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("extracting", total=self.total, completed=0)
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
