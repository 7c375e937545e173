"""Sync and server administration commands (sync, server ...)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Adds the sync sub-commands (none yet)."""
    del sub
