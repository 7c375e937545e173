"""The demo region from a running window: ``tutor-app --demo`` started as a process of its own.

The demo is made in a throw-away folder by that process and goes when it closes; the user's
profile, window and sync go on untouched (nothing of the demo is ever mixed into them).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QProcess

log = logging.getLogger("tutor.ui")

Starter = Callable[[str, list[str]], object]


def demo_command() -> tuple[str, list[str]]:
    """The program and arguments that open the demo region (the frozen app is its own program)."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "tutor_app", "--demo"]


def _start_detached(program: str, arguments: list[str]) -> object:
    return QProcess.startDetached(program, arguments)


def launch_demo(start: Starter | None = None) -> bool:
    """Start the demo region's own process; False when it could not be started."""
    program, arguments = demo_command()
    result = (start or _start_detached)(program, arguments)
    started = bool(result[0]) if isinstance(result, tuple) else bool(result)
    log.info("demo region %s: %s %s", "started" if started else "could not start", program, " ".join(arguments))
    return started
