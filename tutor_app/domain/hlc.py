"""Hybrid logical clock: a total order of edits that survives a wrong laptop clock.

A stamp is (wall milliseconds, counter, device id). It advances on every local edit and on
every stamp seen from elsewhere, so an edit made after seeing another is always ordered
after it, whatever the local wall clock says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

_MS_WIDTH = 13
_COUNTER_WIDTH = 6
MAX_COUNTER = 10**_COUNTER_WIDTH - 1


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One HLC reading; compares in causal-then-device order."""

    ms: int
    counter: int
    device: str

    def encode(self) -> str:
        """Fixed-width text that sorts like the stamp itself (what the databases hold)."""
        return f"{self.ms:0{_MS_WIDTH}d}-{self.counter:0{_COUNTER_WIDTH}d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        ms, counter, device = text.split("-", 2)
        if len(ms) != _MS_WIDTH or len(counter) != _COUNTER_WIDTH or not device:
            raise ValueError(f"not an HLC stamp: {text!r}")
        return cls(int(ms), int(counter), device)

    def __str__(self) -> str:
        return self.encode()


ZERO = Stamp(0, 0, "")


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """The clock of one device. Not thread-safe: the store's single writer owns it."""

    def __init__(self, device: str, last: Stamp | None = None, now: Callable[[], int] = wall_ms) -> None:
        if "-" in device:
            raise ValueError("a device id must not contain '-'")
        self.device = device
        self.last = last or Stamp(0, 0, device)
        self._now = now

    def tick(self) -> Stamp:
        """A new stamp for a local event, later than every stamp seen so far."""
        now = self._now()
        stamp = Stamp(now, 0, self.device) if now > self.last.ms else self._bump(self.last.ms, self.last.counter)
        self.last = stamp
        return stamp

    def observe(self, remote: Stamp) -> None:
        """Advance past a stamp received from another device."""
        if remote.ms > self.last.ms or (remote.ms == self.last.ms and remote.counter > self.last.counter):
            self.last = Stamp(remote.ms, remote.counter, self.device)

    def rewind(self, stored: Stamp) -> None:
        """Come back to a stamp the server stored in place of one of ours that was ahead of its
        clock (the laptop's clock was wrong): the next edits follow the server's time again, and
        still come after everything the server holds (it clamps every stamp to its own time)."""
        if (stored.ms, stored.counter) < (self.last.ms, self.last.counter):
            self.last = Stamp(stored.ms, stored.counter, self.device)

    def _bump(self, ms: int, counter: int) -> Stamp:
        if counter >= MAX_COUNTER:  # a burst beyond a million edits in one millisecond: borrow the next ms
            return Stamp(ms + 1, 0, self.device)
        return Stamp(ms, counter + 1, self.device)
