"""The server session of the last sync, kept open for the next one (Qt-free).

The desktop syncs every few minutes and a few seconds after each edit. Opening a connection each
time costs a TCP and TLS handshake, a password exchange and a server process that starts with
nothing in its caches: on a regional VPN, more than the sync itself. The session of a sync that
ended well is kept, for one target (server, user and TLS mode), while it was used recently and is
not too old; any failure or cancel closes it. A kept session the network or the server dropped
meanwhile is not known to be dead until used: its first call (the handshake, which writes
nothing) fails, and the sync simply runs again on a new connection (``services.sync.sync_now``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the driver is imported by the first sync, not with the window
    from tutor_app.sync.pg_session import PgSession

log = logging.getLogger("tutor.services.sync")


class SessionKeeper:
    """At most one open session, for one target, unused for less than ``idle_s`` seconds (by the
    monotonic clock and by the wall clock, which also counts a laptop's sleep) and opened less than
    ``max_age_s`` ago (so that a password reset or a revoked login takes effect within the hour)."""

    def __init__(self, idle_s: float = 600.0, max_age_s: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time) -> None:
        self.idle_s = idle_s
        self.max_age_s = max_age_s
        self._clock = clock
        self._wall = wall
        self._lock = threading.Lock()  # taken by the sync's worker, closed by the window
        self._kept: tuple[str, PgSession, float, float] | None = None  # target, session, when (both clocks)
        self._shut = False

    def take(self, target: str) -> PgSession | None:
        """The kept session for ``target``, now the caller's; None (and any other one closed) when
        there is none, or it is for another target, or it waited or lived too long."""
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is None:
            return None
        key, session, at, at_wall = kept
        waited, waited_wall = self._clock() - at, self._wall() - at_wall
        age = self._wall() - session.opened_at
        if key == target and waited < self.idle_s and 0 <= waited_wall < self.idle_s and age < self.max_age_s \
                and not session.conn.closed:
            return session
        session.close()
        return None

    def keep(self, target: str, session: PgSession) -> None:
        """A session whose sync ended well, for the next sync to the same target (closed at once
        when the keeper was shut meanwhile)."""
        with self._lock:
            previous = self._kept[1] if self._kept is not None else None
            kept = not self._shut
            self._kept = (target, session, self._clock(), self._wall()) if kept else None
        if previous is not None and previous is not session:
            previous.close()
        if not kept:
            session.close()

    def close(self, *, shut: bool = False) -> None:
        """The target changed or the network came back (``shut``: the window closes, nothing is
        kept any more): the kept session goes."""
        with self._lock:
            kept, self._kept = self._kept, None
            self._shut = self._shut or shut
        if kept is not None:
            kept[1].close()

    @property
    def holding(self) -> bool:
        return self._kept is not None
