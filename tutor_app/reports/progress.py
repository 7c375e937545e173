"""Progress and cancellation for long report work, in plain Python so any front end can wrap it.

A report is made in stages (read the data, compose, lay out pages, write the file); each
stage gets a share of the bar. The caller passes ``progress(done, total)`` and ``cancel()``;
the UI turns the first into a signal and backs the second with a flag set by its Cancel button.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tutor_app.domain.errors import ReportCancelled

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

STEPS = 1000  # progress is reported in thousandths of the whole job


class Tracker:
    """Maps each stage's own 0..1 fraction onto one monotonic bar, and checks for cancellation.

    Calls are throttled (a few dozen a second at most) so a 10,000-project report does not spend
    its time in callbacks or flood a GUI event queue.
    """

    def __init__(self, progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                 stages: dict[str, float] | None = None) -> None:
        self._progress = progress
        self._cancel = cancel
        weights = stages or {"work": 1.0}
        total = sum(weights.values())
        self._spans: dict[str, tuple[float, float]] = {}
        start = 0.0
        for name, weight in weights.items():
            self._spans[name] = (start, weight / total)
            start += weight / total
        self._stage = next(iter(self._spans))
        self._last_value = -1
        self._last_time = 0.0

    def stage(self, name: str) -> None:
        self.check()
        self._stage = name
        self.fraction(0.0, force=True)

    def fraction(self, value: float, force: bool = False) -> None:
        """Where the current stage is (0..1)."""
        if self._progress is None:
            return
        start, width = self._spans[self._stage]
        done = int(STEPS * (start + width * min(1.0, max(0.0, value))))
        now = time.monotonic()
        if done > self._last_value and (force or now - self._last_time >= 0.03):
            self._last_value, self._last_time = done, now
            self._progress(done, STEPS)

    def finish(self) -> None:
        if self._progress is not None and self._last_value < STEPS:
            self._last_value = STEPS
            self._progress(STEPS, STEPS)

    def check(self) -> None:
        """Raise ReportCancelled if the caller asked to stop."""
        if self._cancel is not None and self._cancel():
            raise ReportCancelled
