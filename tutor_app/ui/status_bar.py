"""The status bar: connection state, the changes waiting to go up, the last sync, the inbox.

The sync controller drives it (``set_connection`` online / offline / syncing, ``set_last_sync``,
``set_problem``, ``set_conflicts``); the pending count is also read from the outbox off the GUI
thread whenever an edit announces itself. "N changes waiting" opens the pending-changes view,
"N conflicts" the conflicts inbox, and the last button syncs now.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from tutor_app.ui.context import AppContext

REFRESH_DELAY_MS = 150  # coalesce a burst of edits into one count
PROBLEM_CHARS = 100  # a longer message is elided; the tooltip has it all


class Connection(StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"
    SYNCING = "syncing"


class SyncStatusBar(QStatusBar):
    pending_requested = Signal()  # "N changes waiting" clicked
    conflicts_requested = Signal()  # "N conflicts" clicked

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncStatusBar")
        self.connection = Connection.OFFLINE
        self.pending: int | None = None
        self.conflicts = 0
        self.last_sync: datetime | None = None
        self.problem = ""
        self.demo_label = QLabel(self.tr("Demo region: changes stay on this computer"))
        self.demo_label.setObjectName("muted")
        self.demo_label.setVisible(ctx.is_demo)
        self.addWidget(self.demo_label)
        self.problem_label = QLabel()
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
        self._render()

    def set_sync_action(self, action: QAction) -> None:
        """The window's "Sync now" action, as a button at the end of the bar."""
        self.sync_button.setDefaultAction(action)
        self.sync_button.show()

    def set_connection(self, state: Connection | str) -> None:
        self.connection = Connection(state)
        if self.connection is not Connection.OFFLINE:
            self.set_problem("")
        self._render()

    def set_last_sync(self, when: datetime | None) -> None:
        self.last_sync = when
        self._render()

    def set_pending(self, count: int) -> None:
        self.pending = count
        self._render()

    def set_conflicts(self, count: int) -> None:
        self.conflicts = count
        self._render()

    def set_problem(self, message: str, detail: str = "") -> None:
        """Why the last sync failed, in a sentence (empty: no problem)."""
        self.problem = message
        shown = message if len(message) <= PROBLEM_CHARS else message[: PROBLEM_CHARS - 1].rstrip() + "…"
        self.problem_label.setText(shown)
        self.problem_label.setToolTip(message + (f"\n\n{detail}" if detail and detail != message else ""))
        self.problem_label.setVisible(bool(message))

    def refresh_pending(self) -> None:
        from tutor_app.services import dossiers

        ws = self.ctx.ws
        self.ctx.tasks.run(lambda: dossiers.pending_change_count(ws), self.set_pending, owner=self)

    def waiting_text(self) -> str:
        if self.pending is None:
            return ""
        return self.tr("%n change(s) waiting", "", self.pending) if self.pending else self.tr("no changes waiting")

    def summary(self) -> str:
        """The bar as one plain sentence: state — waiting · last sync."""
        states = {
            Connection.OFFLINE: self.tr("offline"),
            Connection.ONLINE: self.tr("online"),
            Connection.SYNCING: self.tr("syncing…"),
        }
        text = states[self.connection]
        if self.pending is not None:
            text = f"{text} — {self.waiting_text()}"
        if self.last_sync is not None:
            from tutor_app.domain.formatting import format_datetime

            text += " · " + self.tr("last sync %1").replace("%1", format_datetime(self.last_sync, self.ctx.lang))
        return text

    def _render(self) -> None:
        states = {
            Connection.OFFLINE: self.tr("offline"),
            Connection.ONLINE: self.tr("online"),
            Connection.SYNCING: self.tr("syncing…"),
        }
        text = states[self.connection]
        if self.last_sync is not None:
            from tutor_app.domain.formatting import format_datetime

            text += " · " + self.tr("last sync %1").replace("%1", format_datetime(self.last_sync, self.ctx.lang))
        colour = {"offline": "#8a5a00", "online": "#2b6a2b", "syncing": "#0b5394"}[self.connection]
        self.sync_label.setText(f"<span style='color:{colour}'>●</span> {text}")
        self.sync_label.setToolTip(self.summary())
        self.pending_button.setText(self.waiting_text())
        self.pending_button.setVisible(self.pending is not None)
        self.conflicts_button.setText(self.tr("%n conflict(s) to look at", "", self.conflicts))
        self.conflicts_button.setVisible(self.conflicts > 0)
