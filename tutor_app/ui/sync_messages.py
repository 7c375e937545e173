"""The sentences of the desktop's sync: why a sync failed, that it is retrying, the password's
question. The sentences of known errors are rows of the one table (``ui/error_messages.py``),
said here as after a sync; the one sentence that is no error's, the password's question, is the
core's (``services.sync.password_prompt``), which the command line asks too.
"""

from __future__ import annotations

from tutor_app.domain.errors import ServerBusyError, TutorError
from tutor_app.ui.error_messages import known_error_text, message_code
from tutor_app.ui.i18n import ui_language


def failure_key(exc: TutorError) -> str | None:
    """The code of the sentence that explains a known error of a sync (None: the error's own text)."""
    return message_code(exc, after_sync=True)


def failure_text(exc: TutorError) -> str:
    """A sentence in the user's language for a sync that failed with a known error."""
    return known_error_text(exc, after_sync=True)


def retrying_text() -> str:
    """The running sync met a busy server and tries again shortly: a busy server's sentence."""
    return failure_text(ServerBusyError())


def password_prompt(user: str, address: str) -> str:
    """The password dialog's question: whose password, on which server, in the window's language."""
    from tutor_app.services.sync import password_prompt as question  # the services load with the first sync

    return question(user, address, ui_language())
