"""The status bar: sync state, the changes waiting to go up, the last sync, the inbox.

The sync controller drives it (``set_connection``, ``set_last_sync``, ``set_problem``,
``set_conflicts``); the pending count is also read from the outbox off the GUI thread whenever an
edit announces itself. "N changes waiting" opens the pending-changes view, "N conflicts and N
refused changes to look at" (``domain.inbox``) the conflicts inbox, and the last button syncs now.

It says only what it knows: "sync not set up" with no server (or in a demo), "never synced" before
the first sync, "offline" only after the server could not be reached, "online" only after a sync
went through; a sync that failed for another reason (no password, a refused one) says so, with
the reason beside it. Nothing is said before the profile's last sync has been read.

Where the window is narrow (a 1366×768 screen at 125 %) the messages on the left give way first,
elided and whole in their tooltip; at the window's narrowest the last sync goes to the tooltip too.
"Sync now" is never pushed off the window.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from tutor_app.domain.inbox import Inbox
from tutor_app.ui.context import AppContext
from tutor_app.ui.i18n import counted
from tutor_app.ui.widgets.elided_label import ElidedLabel

REFRESH_DELAY_MS = 150  # coalesce a burst of edits into one count


class Connection(StrEnum):
    IDLE = "idle"  # no sync tried since the window opened: only the last sync is known
    UNCONFIGURED = "unconfigured"  # no server set, or a demo: this profile does not sync
    OFFLINE = "offline"  # the last try could not reach the server
    FAILED = "failed"  # the last try reached no result for another reason (said beside it)
    ONLINE = "online"  # the last sync went through
    SYNCING = "syncing"


_COLOURS = {
    Connection.IDLE: "#5f6b7a",
    Connection.UNCONFIGURED: "#5f6b7a",
    Connection.OFFLINE: "#8a5a00",
    Connection.FAILED: "#a4161a",
    Connection.ONLINE: "#2b6a2b",
    Connection.SYNCING: "#0b5394",
}


class SyncStatusBar(QStatusBar):
    pending_requested = Signal()  # "N changes waiting" clicked
    conflicts_requested = Signal()  # "N conflicts" clicked

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncStatusBar")
        self.connection = Connection.IDLE
        self.pending: int | None = None
        self.conflicts = Inbox()  # what the inbox holds to look at (services.conflicts.inbox)
        self.last_sync: datetime | None = None
        self.last_sync_known = False  # read from the profile once the workspace is open
        self.problem = ""
        self.state_shortened = False  # the sync state without its last sync: the bar had no room for it
        # The two messages on the left give way (elided, whole in their tooltip): the counts, the
        # sync state and "Sync now" on the right keep their room on a 1366×768 screen at 125 %.
        self.demo_label = ElidedLabel(self.tr("Demo region: changes stay on this computer"))
        self.demo_label.setToolTip(self.demo_label.full_text())
        self.demo_label.setObjectName("muted")
        self.demo_label.setVisible(ctx.is_demo)
        self.addWidget(self.demo_label)
        self.problem_label = ElidedLabel()
        self.problem_label.setObjectName("syncProblem")
        self.problem_label.hide()
        self.addWidget(self.problem_label, 1)
        self.conflicts_button = QToolButton()
        self.conflicts_button.setObjectName("conflictsBadge")
        self.conflicts_button.setAutoRaise(True)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.conflicts_button.hide()
        self.addPermanentWidget(self.conflicts_button)
        self.pending_button = QToolButton()
        self.pending_button.setObjectName("pendingButton")
        self.pending_button.setAutoRaise(True)
        self.pending_button.setToolTip(self.tr("Show the changes waiting to be synced"))
        self.pending_button.clicked.connect(self.pending_requested)
        self.pending_button.hide()
        self.addPermanentWidget(self.pending_button)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        self.addPermanentWidget(self.sync_label)
        self.sync_button = QToolButton()
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setAutoRaise(True)
        self.addPermanentWidget(self.sync_button)
        self.sync_button.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_pending)
        ctx.events.pending_changed.connect(self._timer.start)
        self.messageChanged.connect(self._fit_state)  # a passing message hides the messages on the left
        self._render()

    def set_sync_action(self, action: QAction) -> None:
        """The window's "Sync now" action, as a button at the end of the bar."""
        self.sync_button.setDefaultAction(action)
        self.sync_button.show()
        self._fit_state()

    def set_connection(self, state: Connection | str) -> None:
        self.connection = Connection(state)
        if self.connection not in (Connection.OFFLINE, Connection.FAILED, Connection.UNCONFIGURED):
            self.set_problem("")
        self._render()

    def set_last_sync(self, when: datetime | None) -> None:
        self.last_sync = when
        self.last_sync_known = True
        self._render()

    def set_pending(self, count: int) -> None:
        self.pending = count
        self._render()

    def set_conflicts(self, inbox: Inbox) -> None:
        self.conflicts = inbox
        self._render()

    def set_problem(self, message: str, detail: str = "") -> None:
        """Why the last sync failed, in a sentence (empty: no problem); elided to the room the bar
        has, whole in the tooltip with the detail."""
        self.problem = message
        self.problem_label.set_full_text(message)
        self.problem_label.setToolTip(message + (f"\n\n{detail}" if detail and detail != message else ""))
        self.problem_label.setVisible(bool(message))
        self._fit_state()

    def refresh_pending(self) -> None:
        from tutor_app.services import dossiers

        ws = self.ctx.ws
        self.ctx.tasks.run(lambda: dossiers.pending_change_count(ws), self.set_pending, owner=self)

    def waiting_text(self) -> str:
        if self.pending is None:
            return ""
        if not self.pending:
            return self.tr("no changes waiting")
        return counted(self.tr("%n change(s) waiting", "", self.pending), self.pending)

    def _said(self) -> str:
        """What the last try said ("" when none was made since the window opened)."""
        return {
            Connection.IDLE: "",
            Connection.UNCONFIGURED: self.tr("sync not set up"),
            Connection.OFFLINE: self.tr("offline"),
            Connection.FAILED: self.tr("sync failed"),
            Connection.ONLINE: self.tr("online"),
            Connection.SYNCING: self.tr("syncing…"),
        }[self.connection]

    def _when(self) -> str:
        """When the profile last synced ("" before it is known, and where it does not sync)."""
        if self.connection is Connection.UNCONFIGURED and self.last_sync is None:
            return ""
        if self.last_sync is not None:
            from tutor_app.domain.formatting import format_datetime

            return self.tr("last sync %1").replace("%1", format_datetime(self.last_sync, self.ctx.lang))
        return self.tr("never synced") if self.last_sync_known else ""

    def state_text(self) -> str:
        """The sync state in words: what is known, nothing more ("" before anything is)."""
        return " · ".join(part for part in (self._said(), self._when()) if part)

    def summary(self) -> str:
        """The bar as one plain sentence: state — waiting · last sync."""
        text = " — ".join(part for part in (self._said(), self.waiting_text()) if part)
        return " · ".join(part for part in (text, self._when()) if part)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The window's width is the room: the bar itself never gets narrower than its least.
        self.window().installEventFilter(self)
        self._fit_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.window():
            self._fit_state()
        return False

    def _render(self) -> None:
        self.sync_label.setToolTip(self.summary())
        self.pending_button.setText(self.waiting_text())
        self.pending_button.setVisible(self.pending is not None)
        # Worded once, as the command line's sync summary and the inbox's tabs say it.
        self.conflicts_button.setText(self.conflicts.text(self.ctx.lang))
        self.conflicts_button.setVisible(bool(self.conflicts))
        # Laid out now: a count just hidden (the last conflict resolved) gives its room back to the
        # sync state at once, not at the next resize.
        self.layout().activate()
        self._fit_state()

    def _fit_state(self) -> None:
        """The sync state whole where the bar has room for it beside the rest (the messages on the
        left elided to their least); where it has not (the window at its narrowest, every count
        shown), only what the last try said, the last sync left to the tooltip: never a time cut in
        half, never "Sync now" pushed off the window."""
        full, said = self.state_text(), self._said()
        metrics = self.sync_label.fontMetrics()
        saved = metrics.horizontalAdvance(full) - metrics.horizontalAdvance(said) if said else 0
        needed = self.layout().minimumSize().width() + (saved if self.state_shortened else 0)
        self.state_shortened = saved > 0 and self.isVisible() and self.window().width() < needed
        text = said if self.state_shortened else full
        colour = _COLOURS[self.connection]
        markup = f"<span style='color:{colour}'>●</span> {text}" if text else ""
        if markup != self.sync_label.text():
            self.sync_label.setText(markup)
