"""The server session of the last sync, kept open for the next one (Qt-free).

The desktop syncs every few minutes and a few seconds after each edit. Opening a connection each
time costs a TCP and TLS handshake, a password exchange and a server process that starts with
nothing in its caches: on a regional VPN, more than the sync itself. The session of a sync that
ended well is kept, for one target (server and user) and for a while; any failure or cancel
closes it. A kept session the network or the server dropped meanwhile fails at its first call
(the handshake, which writes nothing): the sync then simply runs again on a new connection.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the driver is imported by the first sync, not with the window
    from tutor_app.sync.wire import ServerSession

log = logging.getLogger("tutor.services.sync")


class SessionKeeper:
    """At most one open session, for one target, unused for at most ``idle_s`` seconds."""

    def __init__(self, idle_s: float = 600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_s = idle_s
        self._clock = clock
        self._lock = threading.Lock()  # taken by the sync's worker, closed by the window
        self._kept: tuple[str, ServerSession, float] | None = None
        self._shut = False

    def take(self, target: str) -> ServerSession | None:
        """The kept session for ``target``, now the caller's; None (and any other one closed) when
        there is none, or it is for another target, or it was unused for too long."""
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is None:
            return None
        key, session, since = kept
        if key == target and self._clock() - since < self.idle_s and not session.conn.closed:
            return session
        session.close()
        return None

    def keep(self, target: str, session: ServerSession) -> None:
        """A session whose sync ended well, for the next sync to the same target (closed at once
        when the keeper was shut meanwhile)."""
        with self._lock:
            previous, self._kept = self._kept, (None if self._shut else (target, session, self._clock()))
        if previous is not None and previous[1] is not session:
            previous[1].close()
        if self._kept is None:
            session.close()

    def close(self, *, shut: bool = False) -> None:
        """The target changed (``shut``: the window closes, nothing is kept any more): the kept
        session goes."""
        with self._lock:
            kept, self._kept = self._kept, None
            self._shut = self._shut or shut
        if kept is not None:
            kept[1].close()

    @property
    def holding(self) -> bool:
        return self._kept is not None
