"""Known errors get a sentence; bugs get a crash dialog with copyable details and a log entry.

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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
from tutor_app.domain.errors import StorageError, TutorError, ValidationError
from tutor_app.logfile import open_log_file
from tutor_app.ui.i18n import ui_language

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


def known_error_text(exc: TutorError) -> str:
    """A message for people: Italian first for the errors the desktop meets most."""
    if isinstance(exc, ValidationError):
        return validation_text(exc)
    if isinstance(exc, StorageError):
        text = str(exc)
        if "full" in text:
            return QCoreApplication.translate(
                "Errors", "The disk is full: the last change was not saved. Free some space and try again."
            )
        if "in use" in text:
            return QCoreApplication.translate(
                "Errors", "The data file is in use by another program. Close it and try again."
            )
        return QCoreApplication.translate("Errors", "The local data file cannot be used: %1").replace("%1", text)
    return exc.text(ui_language())


_VALIDATION_PATTERNS: tuple[tuple[str, object], ...] = (  # QT_TRANSLATE_NOOP is typed as object
    ("is required", QT_TRANSLATE_NOOP("Errors", "This field is required.")),
    ("is not a whole number", QT_TRANSLATE_NOOP("Errors", "Enter a whole number.")),
    ("must not be below", QT_TRANSLATE_NOOP("Errors", "The value cannot be negative.")),
    ("is not a date", QT_TRANSLATE_NOOP("Errors", "Enter a date as DD/MM/YYYY.")),
    ("is not an amount", QT_TRANSLATE_NOOP("Errors", "Enter an amount in euro, e.g. 1.250.000.")),
    ("is not an e-mail address", QT_TRANSLATE_NOOP("Errors", "Enter a valid e-mail address.")),
    ("is too long", QT_TRANSLATE_NOOP("Errors", "The text is too long.")),
    ("is not a province of Lombardy", QT_TRANSLATE_NOOP("Errors", "Choose a province of Lombardy.")),
    ("is not an ISO 3166 country code", QT_TRANSLATE_NOOP("Errors", "Choose a country from the list.")),
    ("is before the meeting", QT_TRANSLATE_NOOP("Errors", "The due date is before the meeting.")),
    ("is before the filing", QT_TRANSLATE_NOOP("Errors", "The decision date is before the filing date.")),
    ("is before the note's date", QT_TRANSLATE_NOOP("Errors", "The follow-up is before the date of the note.")),
    ("is before the date of an earlier phase", QT_TRANSLATE_NOOP("Errors", "The date is before the previous phase.")),
    ("already entered", QT_TRANSLATE_NOOP("Errors", "The project has already entered this phase.")),
    ("is already past", QT_TRANSLATE_NOOP("Errors", "The project is already past this phase.")),
)


def validation_text(exc: ValidationError) -> str:
    """The core's validation messages are English; show the common ones in the user's language."""
    for needle, message in _VALIDATION_PATTERNS:
        if needle in exc.message:
            return QCoreApplication.translate("Errors", str(message))
    return exc.message


def show_known_error(parent: QWidget | None, exc: TutorError) -> None:
    log.info("known error shown: %s", exc)
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Tutor"), known_error_text(exc))


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
