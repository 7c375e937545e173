"""What the offscreen screenshot scripts share: waiting for the window to settle before a grab."""

from __future__ import annotations

import time
from collections.abc import Callable


def settle(condition: Callable[[], object] | None = None, timeout: float = 20) -> None:
    """Run the event loop until ``condition()`` holds (at most ``timeout`` seconds), then a little
    more, so the pages that load on workers are painted before the picture."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if condition is None or condition():
            break
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()
