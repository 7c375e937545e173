"""Known errors get a sentence (``ui/error_messages.py``); bugs get a crash dialog with copyable
details and a log entry.

``install_excepthook`` routes every uncaught exception (including those raised in slots) here.
The log is a rotating file in the user-data folder (``paths.log_dir()``), together with a
``faulthandler`` file for hard crashes.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from types import TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app import __version__, paths
from tutor_app.domain.errors import TutorError
from tutor_app.logfile import open_log_file
from tutor_app.ui.error_messages import known_error_text

log = logging.getLogger("tutor.ui")
_fault_file: IO[str] | None = None


def setup_logging() -> logging.Handler | None:
    """The rotating log file (``tutor_app.logfile``) and a faulthandler dump next to it."""
    global _fault_file  # noqa: PLW0603 (one faulthandler file per process)
    root = logging.getLogger("tutor")
    handler = open_log_file(root)
    root.setLevel(logging.INFO)
    if _fault_file is None:
        try:
            folder = paths.log_dir()
            folder.mkdir(parents=True, exist_ok=True)
            _fault_file = open(folder / "crash-faulthandler.log", "a", encoding="utf-8")  # noqa: SIM115
        except OSError:  # a read-only home must not stop the app from starting
            return handler
        faulthandler.enable(_fault_file)
    return handler


def show_known_error(parent: QWidget | None, exc: TutorError, *, critical: bool = False) -> None:
    """The error's sentence in a message box (``critical``: Tutor cannot go on)."""
    log.info("known error shown: %s", exc)
    box = QMessageBox.critical if critical else QMessageBox.warning
    box(parent, QCoreApplication.translate("Errors", "Tutor"), known_error_text(exc))


def show_error(parent: QWidget | None, exc: BaseException, *, critical: bool = False) -> bool:
    """A known error as a message (True); a bug to the crash dialog and the log (False)."""
    if isinstance(exc, TutorError):
        show_known_error(parent, exc, critical=critical)
        return True
    sys.excepthook(type(exc), exc, exc.__traceback__)
    return False


def details_of(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    import platform  # only when a bug happened: not on the way to the first window

    lines = traceback.format_exception(exc_type, exc, tb)
    header = f"Tutor {__version__} · Python {platform.python_version()} · {platform.system()} {platform.release()}\n\n"
    return header + "".join(lines)


class CrashDialog(QDialog):
    """A bug: say so plainly, give the details to copy into a report, and go on if possible."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setObjectName("crashDialog")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Something went wrong inside Tutor. Your saved data is safe: every change is stored "
                "as soon as you make it.\nPlease copy the details below and send them to support."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def install_excepthook() -> None:
    """Every uncaught exception: known ones as a message, bugs as a crash dialog, all logged."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        app = QApplication.instance()
        parent = QApplication.activeWindow() if app else None
        if isinstance(exc, TutorError):
            if app is not None:
                show_known_error(parent, exc)
            return
        details = details_of(exc_type, exc, tb)
        log.error("unexpected error\n%s", details)
        print(details, file=sys.stderr)
        if app is None or showing:  # no dialog storms: one crash dialog at a time
            return
        showing = True
        try:
            dialog = CrashDialog(details, parent)
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            dialog.exec()
        finally:
            showing = False

    sys.excepthook = hook
