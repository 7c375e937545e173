"""When the next background sync is due: the Qt clock around the Qt-free ``services.sync.SyncTimer``.

The policy (every few minutes while online, soon after an edit, at once after reconnecting,
exponential backoff after a failure) is pure arithmetic on the caller's clock; this object keeps
one single-shot ``QTimer`` that wakes it when the policy says, watches the system's network
state where Qt can tell, and emits ``due`` when a background sync should start. It never starts
one itself: ``SyncController`` does, and tells it how each sync ended.

A sync that is running is never interrupted by the clock: an edit made meanwhile is remembered,
and the next sync comes soon after the running one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from tutor_app.services.sync import SyncTimer

log = logging.getLogger("tutor.ui.sync")

FIRST_SYNC_DELAY_S = 2.0  # after the workspace opened: let the pages load first
EDIT_SOON_S = 5.0
MAX_WAKE_S = 60.0  # wake up at least this often to look at the clock again (a laptop that slept)


class SyncSchedule(QObject):
    """The background sync's clock. ``enabled()``: the profile syncs on its own; ``idle()``: no
    sync is running."""

    due = Signal()  # a background sync should start now
    back_online = Signal()  # the system says the network came back

    def __init__(
        self,
        enabled: Callable[[], bool],
        idle: Callable[[], bool],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        timer: SyncTimer | None = None,
        edit_soon_s: float = EDIT_SOON_S,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._idle = idle
        self._clock = clock
        self._policy = timer
        self._edit_soon_s = edit_soon_s
        self._started = False
        self._closed = False
        self._edited_meanwhile = False
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self.tick)

    def configure(
        self,
        *,
        clock: Callable[[], float] | None = None,
        timer: SyncTimer | None = None,
        edit_soon_s: float | None = None,
    ) -> None:
        """Replace the clock or the policy (tests: a fake clock)."""
        if clock is not None:
            self._clock = clock
        if timer is not None:
            self._policy = timer
        if edit_soon_s is not None:
            self._edit_soon_s = edit_soon_s

    @property
    def policy(self) -> SyncTimer:
        if self._policy is None:  # made with the first use: the window opens without the services
            from tutor_app.services.sync import SyncTimer

            self._policy = SyncTimer()
        return self._policy

    def start(self) -> None:
        """The workspace is open: the first background sync comes shortly, then as the policy says."""
        self._started = True
        if self._enabled():
            self._wake.start(int(FIRST_SYNC_DELAY_S * 1000))
        self._watch_network()

    def shutdown(self) -> None:
        """The window closes: the clock stops for good."""
        self._closed = True
        self._wake.stop()

    # -- what happened ------------------------------------------------------------------------

    def syncing(self) -> None:
        """A sync started: no wake-up while it runs."""
        self._wake.stop()

    def succeeded(self) -> None:
        self.policy.succeeded(self._clock())

    def failed(self) -> None:
        """A sync failed: back off."""
        self.policy.failed(self._clock())

    def could_not_start(self) -> None:
        """A background sync could not even start (no password to use): back off, and wait."""
        self.failed()
        self.schedule()

    def sync_ended(self, *, asked_again: bool) -> None:
        """The running sync ended; ``asked_again``: a sync was asked for while it ran (it runs now)."""
        if asked_again:
            self.policy.reconnected(self._clock())
        if self._edited_meanwhile:
            self._edited_meanwhile = False
            self.policy.edited(self._clock(), self._edit_soon_s)
        self.schedule()

    def reconnected(self) -> None:
        """The network came back or the target changed: a background sync is due at once."""
        if self._started and self._enabled():
            self.policy.reconnected(self._clock())
            self.schedule()

    def edited(self) -> None:
        """A local edit: go up soon (after the running sync, which may have missed it)."""
        if not self._idle():
            self._edited_meanwhile = True
            return
        if self._started and not self._closed and self._enabled():
            self.policy.edited(self._clock(), self._edit_soon_s)
            self.schedule()

    # -- the clock ----------------------------------------------------------------------------

    def schedule(self) -> None:
        """Wake up when the policy says (at the latest in ``MAX_WAKE_S``)."""
        if self._closed or not self._started or not self._idle() or not self._enabled():
            return
        delay = max(0.0, min(MAX_WAKE_S, self.policy.next_at - self._clock()))
        self._wake.start(int(delay * 1000))

    def tick(self) -> None:
        """Look at the clock now (the timer's slot; tests call it with a fake clock)."""
        if self._closed or not self._idle() or not self._enabled():
            return
        if self.policy.due(self._clock()):
            self.due.emit()
        else:
            self.schedule()

    def _watch_network(self) -> None:
        """Sync at once when the system says the network is back (where Qt can tell)."""
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() == "offscreen":  # tests and screenshots: no system network to watch
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                return
            info = QNetworkInformation.instance()
        except Exception:  # no backend on this system: the timer and the backoff still retry
            log.info("no network information here: sync relies on its timer")
            return
        if info is not None:
            info.reachabilityChanged.connect(self.reachability_changed)

    def reachability_changed(self, reachability: object) -> None:
        """The system's network state changed: back online means sync now."""
        from PySide6.QtNetwork import QNetworkInformation

        if reachability in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site):
            self.back_online.emit()
