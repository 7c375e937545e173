"""Long work off the GUI thread, results back on it.

The pattern of Anki's ``taskman`` and Picard's ``thread`` helpers: a plain function of the core
runs on a pool thread; its result, its failure or its progress reports travel back as queued
signals to a ``Task`` that lives on the GUI thread, which calls the callbacks there. Widgets are
never touched from a pool thread. A callback whose ``owner`` widget has gone is skipped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot

log = logging.getLogger("tutor.ui.tasks")
T = TypeVar("T")


class TaskCancelled(Exception):
    """Raised inside a task's function when it sees that it was cancelled."""


class Task(QObject, Generic[T]):
    """One unit of background work. Its signals are emitted on the GUI thread."""

    _result = Signal(object)
    _error = Signal(object)
    _progress = Signal(int, int)
    progressed = Signal(int, int)  # done, total (on the GUI thread)
    finished = Signal()

    def __init__(
        self,
        fn: Callable[[Task[T]], T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
        owner: QObject | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._owner = owner
        self._cancel = threading.Event()
        self._when_cancelled: list[Callable[[], None]] = []
        self._callbacks_lock = threading.Lock()
        self.is_finished = False
        # Queued: the emit happens on a pool thread, the slots run on this object's (GUI) thread.
        self._result.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)

    # -- called from the pool thread ------------------------------------------------------------

    def report(self, done: int, total: int) -> None:
        """Progress from inside the work (any thread); raises TaskCancelled once cancelled."""
        if self._cancel.is_set():
            raise TaskCancelled()
        self._progress.emit(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def execute(self) -> None:
        try:
            result = self._fn(self)
        except BaseException as exc:  # delivered to the GUI thread, which decides what it means
            self._error.emit(exc)
        else:
            self._result.emit(result)

    # -- GUI thread --------------------------------------------------------------------------

    def cancel(self) -> None:
        with self._callbacks_lock:
            self._cancel.set()
            callbacks, self._when_cancelled = self._when_cancelled, []
        for callback in callbacks:
            callback()

    def when_cancelled(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the task is cancelled (at once if it is already): from the pool
        thread, to cut work that would not see the flag soon (a server call in progress)."""
        with self._callbacks_lock:
            if not self._cancel.is_set():
                self._when_cancelled.append(callback)
                return
        callback()

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self.is_finished = True
        try:
            if self._on_done is not None and self._owner_alive() and not self._cancel.is_set():
                self._on_done(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self.is_finished = True
        try:
            if isinstance(exc, TaskCancelled) or self._cancel.is_set():
                return
            if self._on_error is not None and self._owner_alive():
                self._on_error(exc)
            else:
                raise exc
        finally:
            self.finished.emit()


class TaskManager(QObject):
    """Runs tasks on a small pool; keeps them alive until their result is delivered."""

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Plain Python threads: the work is plain Python, and ``shutdown`` can cancel what has not started.
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="tutor-task")
        self._futures: set[Future[None]] = set()
        self._running: set[Task[Any]] = set()
        self._closed = False

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Task[T]:
        """Run ``fn()`` on the pool; ``on_done(result)`` / ``on_error(exc)`` run on the GUI thread.

        Without ``on_error``, a failure is re-raised on the GUI thread (it reaches the crash dialog).
        """
        return self.run_with_progress(lambda _task: fn(), on_done, on_error, owner)

    def run_with_progress(
        self,
        fn: Callable[[Task[T]], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Task[T]:
        """Like ``run``, but ``fn`` gets the task to call ``task.report(done, total)`` on."""
        # Parented to the manager and released with deleteLater: a Task is never destroyed from
        # inside one of its own slots, whatever Python does with its last reference.
        task: Task[T] = Task(fn, on_done, on_error, owner, parent=self)
        if self._closed:  # the app is closing: late requests (a timer's refresh) are dropped
            task.cancel()
            return task
        self._running.add(task)
        task.finished.connect(self._task_finished)
        future = self._pool.submit(task.execute)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return task

    @Slot()
    def _task_finished(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._running.discard(task)
            task.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until every task finished and its callbacks ran (tests, shutdown)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while (self._running or self._futures) and time.monotonic() < deadline:
            wait(list(self._futures), timeout=0.01)
            QCoreApplication.processEvents()
        return not self._running

    def shutdown(self) -> None:
        self._closed = True
        for task in list(self._running):
            task.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        # Work that finished meanwhile left its result as a queued event: deliver it now (the
        # callbacks are skipped, the tasks being cancelled) and delete the finished tasks, rather
        # than leave both for an event loop that may come after this manager is gone.
        for task in list(self._running):
            QCoreApplication.sendPostedEvents(task)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
