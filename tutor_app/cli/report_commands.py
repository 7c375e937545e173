"""PDF commands (export-pdf, portfolio-pdf)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Adds the report sub-commands (none yet)."""
    del sub


