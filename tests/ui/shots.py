"""What the screenshot scripts share (tests/ui/*screenshots.py): letting the window settle."""

from __future__ import annotations

import time
from collections.abc import Callable


def settle(condition: Callable[[], object] | None = None, timeout: float = 20) -> None:
    """Process events until ``condition`` holds (or ``timeout`` seconds pass), then a few more rounds
    so that what it started is painted too."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if condition is None or condition():
            break
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()
