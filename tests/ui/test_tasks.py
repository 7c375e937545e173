"""Background work: results, failures and progress come back on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from tutor_app.ui.tasks import Task, TaskManager


def test_result_is_delivered_on_the_gui_thread(qtbot: Any) -> None:
    manager = TaskManager()
    seen: list[tuple[int, bool]] = []
    worker_threads: list[bool] = []

    def work() -> int:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        return 42

    manager.run(work, lambda value: seen.append((value, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker_threads == [False]
    manager.shutdown()


def test_failure_goes_to_the_error_callback(qtbot: Any) -> None:
    manager = TaskManager()
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("boom")

    manager.run(fail, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    manager.shutdown()


def test_progress_reports_and_cancel(qtbot: Any) -> None:
    manager = TaskManager()
    reports: list[tuple[int, int]] = []
    release = threading.Event()

    def work(task: Task[str]) -> str:
        task.report(1, 2)
        release.wait(5)
        task.report(2, 2)  # raises TaskCancelled once cancelled
        return "done"

    done: list[str] = []
    task = manager.run_with_progress(work, done.append)
    task.progressed.connect(lambda d, t: reports.append((d, t)))
    qtbot.waitUntil(lambda: bool(reports))
    task.cancel()
    release.set()
    assert manager.wait_idle(5_000)
    assert reports[0] == (1, 2)
    assert done == []
    manager.shutdown()


def test_callbacks_of_a_destroyed_owner_are_skipped(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    manager = TaskManager()
    owner = QWidget()
    gate = threading.Event()
    seen: list[int] = []
    manager.run(lambda: gate.wait(5) and 1, seen.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(20)
    gate.set()
    assert manager.wait_idle(5_000)
    assert seen == []
    manager.shutdown()


@pytest.mark.parametrize("n", [300])
def test_many_signals_do_not_corrupt_the_interpreter(qtbot: Any, n: int) -> None:
    manager = TaskManager()
    seen: list[None] = []
    for _ in range(n):
        manager.run(lambda: None, seen.append)
    assert manager.wait_idle(10_000)
    assert len(seen) == n
    manager.shutdown()


def test_the_qt_binding_keeps_reference_counts_of_none_and_booleans(qtbot: Any) -> None:
    """PySide6 6.12.0's abi3 build returns None/True/False without a reference on Python 3.11
    and aborts the interpreter after a few thousand calls; pyproject.toml keeps it out. This
    catches such a binding if the pin is ever relaxed."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        fired = Signal(int)

    emitter = Emitter()
    emitter.fired.connect(lambda _value: None)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for n in range(200):
        emitter.fired.emit(n)
        emitter.setObjectName("x")
        emitter.blockSignals(False)
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert after[0] >= before[0] - 50 and after[1] >= before[1] - 50 and after[2] >= before[2] - 50
