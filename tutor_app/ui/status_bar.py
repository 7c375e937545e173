"""The status bar: connection state and the changes waiting to be synced.

Until the sync engine lands it always says "offline — N changes waiting". The sync controller
will call ``set_connection`` (online / offline / syncing) and ``set_last_sync``; the pending
count is read from the outbox off the GUI thread whenever an edit announces itself.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from tutor_app.ui.context import AppContext

REFRESH_DELAY_MS = 150  # coalesce a burst of edits into one count


class Connection(StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"
    SYNCING = "syncing"


class SyncStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncStatusBar")
        self.connection = Connection.OFFLINE
        self.pending: int | None = None
        self.last_sync: datetime | None = None
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        self.addPermanentWidget(self.sync_label)
        self.demo_label = QLabel(self.tr("Demo region: changes stay on this computer"))
        self.demo_label.setObjectName("muted")
        self.demo_label.setVisible(ctx.is_demo)
        self.addWidget(self.demo_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_pending)
        ctx.events.pending_changed.connect(self._timer.start)
        self._render()

    def set_connection(self, state: Connection) -> None:
        self.connection = state
        self._render()

    def set_last_sync(self, when: datetime | None) -> None:
        self.last_sync = when
        self._render()

    def set_pending(self, count: int) -> None:
        self.pending = count
        self._render()

    def refresh_pending(self) -> None:
        from tutor_app.services import dossiers

        ws = self.ctx.ws
        self.ctx.tasks.run(lambda: dossiers.pending_change_count(ws), self.set_pending, owner=self)

    def _render(self) -> None:
        states = {
            Connection.OFFLINE: self.tr("offline"),
            Connection.ONLINE: self.tr("online"),
            Connection.SYNCING: self.tr("syncing…"),
        }
        text = states[self.connection]
        if self.pending is not None:
            waiting = (
                self.tr("%n change(s) waiting", "", self.pending) if self.pending else self.tr("no changes waiting")
            )
            text = f"{text} — {waiting}"
        if self.last_sync is not None:
            from tutor_app.domain.formatting import format_datetime

            text += " · " + self.tr("last sync %1").replace("%1", format_datetime(self.last_sync, self.ctx.lang))
        colour = {"offline": "#8a5a00", "online": "#2b6a2b", "syncing": "#0b5394"}[self.connection]
        self.sync_label.setText(f"<span style='color:{colour}'>●</span> {text}")
