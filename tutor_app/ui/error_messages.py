"""The one table from a known error's code (``domain/errors.py``) to the sentence the desktop says.

A row is found by the error's code, else by the code of the nearest class above it that has a row
(a refusal with no row of its own reads as "forbidden"); an error with no row at all says its own
text in the user's language (``TutorError.text``: the TLS refusals and the export targets carry
their Italian and English sentences, a script shows the same). A row ``own`` says the error's own
text where the window and the command line say the same thing (a full disk, another profile's
server): one sentence, in the core, for both. A row marked ``after_sync`` is
said only when the error ended a sync: the status bar's sentences point at Sync now (F5), and
elsewhere (an import, a revert) the core's own words say more.

The sentences keep their translation contexts ("Errors", "SyncController", ...) so that the
``.ts`` entries stay as they are; ``%1`` in a sentence takes the error's own text, in the window's
language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from tutor_app.domain.errors import (
    AuthError,
    BadAddressError,
    ClientTooOldError,
    DemoProfileError,
    NoProfileError,
    NoServerError,
    NotYetSyncedError,
    NoUserError,
    OfflineError,
    OtherServerError,
    OtherUserError,
    PasswordNeededError,
    PermissionDeniedError,
    ReportCancelled,
    ServerBusyError,
    StorageError,
    SyncCancelled,
    TutorError,
    ValidationError,
    VersionMismatchError,
)
from tutor_app.domain.formatting import format_int
from tutor_app.ui.i18n import ui_language


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence for people, translated in ``context``; ``%1`` takes the error's own text."""

    context: str
    source: object  # what QT_TRANSLATE_NOOP returns (typed as object): the English source text
    after_sync: bool = False  # said only when the error ended a sync

    def text(self, exc: TutorError) -> str:
        return QCoreApplication.translate(self.context, str(self.source)).replace("%1", exc.text(ui_language()))


def _after_sync(source: object) -> Sentence:
    return Sentence("SyncController", source, after_sync=True)


_VALIDATION_PATTERNS: tuple[tuple[str, object], ...] = (  # QT_TRANSLATE_NOOP is typed as object
    ("is required", QT_TRANSLATE_NOOP("Errors", "This field is required.")),
    ("is not a whole number", QT_TRANSLATE_NOOP("Errors", "Enter a whole number.")),
    ("must not be below", QT_TRANSLATE_NOOP("Errors", "The value cannot be negative.")),
    ("is not a date", QT_TRANSLATE_NOOP("Errors", "Enter a date as DD/MM/YYYY.")),
    ("is not an amount", QT_TRANSLATE_NOOP("Errors", "Enter an amount in euro, e.g. %1.")),
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
    ("is not a valid partita IVA", QT_TRANSLATE_NOOP(
        "Errors", "This is not a valid partita IVA: the check digit does not match. Check the eleven digits.")),
    ("only a coordinator assigns", QT_TRANSLATE_NOOP("Errors", "Only a coordinator assigns dossiers to tutors.")),
    ("pick at least two investors", QT_TRANSLATE_NOOP("Errors", "Choose at least two investors to merge.")),
    ("is already deleted or merged", QT_TRANSLATE_NOOP(
        "Errors", "One of the investors was deleted or merged meanwhile (perhaps by a sync): choose again.")),
    ("to keep is deleted", QT_TRANSLATE_NOOP(
        "Errors", "The investor to keep was deleted meanwhile (perhaps by a sync): choose again.")),
    ("is not a VAT number or tax code", QT_TRANSLATE_NOOP(
        "Errors", "A VAT number or tax code has letters and digits only.")),
)


EXAMPLE_AMOUNT_EUR = 1_250_000  # "%1" in a validation sentence: written as the window writes numbers


def validation_text(exc: ValidationError) -> str:
    """The core's validation messages are English; show the common ones in the user's language
    (an example amount in its number format: 1.250.000 in Italian, 1,250,000 in English), and any
    other in the words of its class in the user's language where it has them (``reason``)."""
    for needle, message in _VALIDATION_PATTERNS:
        if needle in exc.message:
            return QCoreApplication.translate("Errors", str(message)).replace(
                "%1", format_int(EXAMPLE_AMOUNT_EUR, ui_language()))
    return exc.reason(ui_language())


def _validation(exc: TutorError) -> str:
    assert isinstance(exc, ValidationError)  # the row of its code
    return validation_text(exc)


def own(exc: TutorError) -> str:
    """The error's own sentence in the window's language: the one the command line says too."""
    return exc.text(ui_language())


Row = Sentence | Callable[[TutorError], str]

MESSAGES: dict[str, Row] = {
    ValidationError.code: _validation,
    StorageError.code: own,  # each kind, a full disk and a file in use among them, names the file
    ReportCancelled.code: Sentence("ExportDialog", QT_TRANSLATE_NOOP("ExportDialog", "Cancelled: no PDF was made.")),
    NotYetSyncedError.code: Sentence("MainWindow", QT_TRANSLATE_NOOP(
        "MainWindow", "This profile has never synced: sync once with the server first, then files can be "
        "exported when there is no network.")),
    SyncCancelled.code: own,
    OfflineError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController",
        "The server cannot be reached: your changes stay on this computer and go up as soon as it can.")),
    # After the sync's own retries: the timer tries again.
    ServerBusyError.code: _after_sync(QT_TRANSLATE_NOOP("SyncController", "The server is busy; retrying shortly.")),
    PasswordNeededError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController", "The password is needed: press Sync now (F5) to enter it.")),
    AuthError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController",
        "The server did not accept the user name or password: press Sync now (F5) to enter it again.")),
    ClientTooOldError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController",
        "The server has been upgraded: update Tutor to sync. You can keep working; your changes stay on this "
        "computer.")),
    VersionMismatchError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController",
        "The server is older than this Tutor: ask IT to upgrade it. Your changes stay on this computer.")),
    DemoProfileError.code: own,
    OtherServerError.code: own,  # names the server
    OtherUserError.code: own,  # names whom the profile belongs to
    PermissionDeniedError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController", "The server does not allow this to your user.")),
    NoServerError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController", "No server set yet: enter its address and your user name in Settings.")),
    NoUserError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController", "Enter the user name the server knows you by in Settings.")),
    NoProfileError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController", "Create your profile (name and e-mail) before the first sync.")),
    BadAddressError.code: _after_sync(QT_TRANSLATE_NOOP(
        "SyncController", "The server address in Settings is not valid (postgresql://host:port/database).")),
}


def message_code(exc: TutorError, *, after_sync: bool = False) -> str | None:
    """The code of the row that explains ``exc`` (None: the error's own text)."""
    for cls in type(exc).__mro__:
        code = cls.__dict__.get("code")
        row = MESSAGES.get(code) if isinstance(code, str) else None
        if row is not None and (after_sync or not (isinstance(row, Sentence) and row.after_sync)):
            return code
    return None


def known_error_text(exc: TutorError, *, after_sync: bool = False) -> str:
    """The sentence for a known error in the user's language (``after_sync``: it ended a sync)."""
    code = message_code(exc, after_sync=after_sync)
    if code is None:
        return exc.text(ui_language())
    row = MESSAGES[code]
    return row.text(exc) if isinstance(row, Sentence) else row(exc)
