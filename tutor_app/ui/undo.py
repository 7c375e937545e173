"""The app-wide undo of deletes and the recycle bin, wired into the window.

The undo takes back, newest first, the deletes of this session and the other steps a window
records for it (``AppContext.record_step``: an investors' merge, a saved view deleted).

Modifica ▸ Annulla (Ctrl+Z where no text field has the focus: in a field, Ctrl+Z undoes typing
first, as everywhere), an "Annulla" link in a message that stays a few seconds after each
delete, and Modifica ▸ Cestino…, which lists what was deleted, when and by whom, with Ripristina.
Deleting a dossier asks first (Dossier ▸ Elimina dossier…). The work is the core's
(``services.recycle_bin`` through ``AppContext.delete``, ``undo_delete`` and ``restore``): this is
the thin layer of actions and messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QWidget,
)

from tutor_app.domain.errors import TutorError
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_known_error

if TYPE_CHECKING:
    from tutor_app.services.recycle_bin import Undoable
    from tutor_app.ui.recycle_bin_dialog import RecycleBinDialog

MESSAGE_MS = 8000  # how long the message with "Annulla" stays after a delete
RESTORED_MS = 4000  # and the one that says a record is back
_WORDS_SHOWN = 70  # a record's words in a menu entry, at most
# A widget's property: the message after a delete stays above it (a list's totals line), where it
# would otherwise hide what the user reads while deciding whether to undo.
CLEAR_OF_MESSAGES = "clearOfMessages"


def _short(words: str) -> str:
    return words if len(words) <= _WORDS_SHOWN else words[: _WORDS_SHOWN - 1] + "…"


class UndoMessage(QFrame):
    """A transient message at the bottom of the window: what was deleted, and "Annulla"."""

    undo_requested = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("undoMessage")
        self.setStyleSheet(
            "QFrame#undoMessage { background: #243447; border-radius: 6px; }"
            "QFrame#undoMessage QLabel { color: white; }"
            "QPushButton#undoLink { color: #9fd0ff; background: transparent; border: none; font-weight: 600;"
            " text-decoration: underline; padding: 2px 6px; }"
        )
        self.setAccessibleName(self.tr("Message"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 8, 6)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text, 1)
        self.undo_link = QPushButton(self.tr("Undo"))
        self.undo_link.setObjectName("undoLink")
        self.undo_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo_link.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # from the keyboard: Ctrl+Z
        self.undo_link.setToolTip(self.tr("Undo the delete (Ctrl+Z)"))
        self.undo_link.clicked.connect(self.undo_requested)
        layout.addWidget(self.undo_link)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._host = host
        host.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, with_undo: bool, ms: int) -> None:
        self.text.setText(text)
        self.undo_link.setVisible(with_undo)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(ms)

    def follow(self) -> None:
        """Placed again when the page under it changes (a dossier deleted: the list comes)."""
        if self.isVisible():
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        """Bottom left of the pages (beside the navigation bar), where lists end and forms do not,
        above a line shown there that is marked to stay clear (``CLEAR_OF_MESSAGES``)."""
        host = self._host.rect()
        nav = self._host.findChild(QWidget, "navBar")
        left = (nav.width() if nav is not None else 0) + 16
        self.adjustSize()
        width = min(max(self.sizeHint().width(), 360), host.width() - left - 16)
        self.resize(width, self.sizeHint().height())
        bottom = host.bottom() - 12
        for widget in self._host.findChildren(QWidget):
            if widget.property(CLEAR_OF_MESSAGES) and widget.isVisible():
                bottom = min(bottom, widget.mapTo(self._host, QPoint(0, 0)).y() - 4)
        self.move(left, bottom - self.height())


class UndoController(QObject):
    """The Edit menu's undo and recycle bin, the message after a delete, the dossier's delete."""

    dossier_deleted = Signal(str)  # project id
    dossier_restored = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget, host: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._bin: RecycleBinDialog | None = None
        self.undo_action = QAction(self.tr("&Undo"), window)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(self.undo)
        self.bin_action = QAction(self.tr("Recycle &bin…"), window)
        self.bin_action.setObjectName("recycleBinAction")
        self.bin_action.setToolTip(self.tr("What was deleted, when and by whom: restore it from here"))
        self.bin_action.triggered.connect(self.show_bin)
        self.message = UndoMessage(host)
        self.message.undo_requested.connect(self.undo)
        ctx.events.record_deleted.connect(self._deleted)
        ctx.events.record_restored.connect(self._restored)
        self._refresh()

    def add_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("&Edit"))
        menu.addAction(self.undo_action)
        menu.addSeparator()
        menu.addAction(self.bin_action)

    # -- actions ---------------------------------------------------------------------------------

    def undo(self) -> Undoable | None:
        """Take back the latest delete or step (a message says what came back, or why it cannot)."""
        if not self.ctx.is_ready:
            return None
        try:
            return self.ctx.undo_delete()
        except TutorError as exc:
            show_known_error(self.window, exc)
            self._refresh()
            return None

    def show_bin(self) -> RecycleBinDialog:
        from tutor_app.ui.recycle_bin_dialog import RecycleBinDialog

        if self._bin is None:
            self._bin = RecycleBinDialog(self.ctx, self.window)
        else:
            self._bin.reload()
        self._bin.show()
        return self._bin

    def reload_bin(self) -> None:
        """What came down from the server may have changed the bin."""
        if self._bin is not None and self._bin.isVisible():
            self._bin.reload()

    def delete_dossier(self, project_id: str, words: str) -> bool:
        """Delete a dossier, after asking (it takes every record of it along, to the bin)."""
        answer = QMessageBox.question(
            self.window,
            self.tr("Delete dossier"),
            self.tr("Delete %1? The dossier and everything in it go to the recycle bin (Edit ▸ Recycle bin), "
                    "from where it can be restored.").replace("%1", words),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.ctx.delete(project_id, "projects", project_id)
        except TutorError as exc:
            show_known_error(self.window, exc)
            return False
        return True

    # -- announcements ---------------------------------------------------------------------------

    def _deleted(self, record: Undoable) -> None:
        from tutor_app.services.recycle_bin import UndoStep

        if isinstance(record, UndoStep):
            self.message.show_message(record.done, True, MESSAGE_MS)
        else:
            self.message.show_message(self.tr("In the recycle bin: %1").replace("%1", record.what), True, MESSAGE_MS)
            if record.table == "projects":
                self.dossier_deleted.emit(record.row_id)
        self._refresh()
        self.reload_bin()

    def _restored(self, record: Undoable) -> None:
        from tutor_app.services.recycle_bin import UndoStep

        step = isinstance(record, UndoStep)
        words = self.tr("Undone: %1") if step else self.tr("Restored: %1")
        self.message.show_message(words.replace("%1", record.what), False, RESTORED_MS)
        self._refresh()
        if not isinstance(record, UndoStep) and record.table == "projects":
            self.dossier_restored.emit(record.row_id)

    def _refresh(self) -> None:
        last = self.ctx.last_deletion()
        if last is None:
            self.undo_action.setText(self.tr("&Undo"))
            self.undo_action.setEnabled(False)
        else:
            words = self.tr("&Undo delete: %1") if last.table else self.tr("&Undo: %1")  # a record, or a step
            self.undo_action.setText(words.replace("%1", _short(last.what)))
            self.undo_action.setEnabled(True)
