"""The password of a sync (or of an import, a revert), found or asked on the GUI thread.

The password is never asked from the worker: before the work starts, the credential store (the
OS keyring, ``services.sync.default_credentials``) is looked in here and, for something the user
asked for, the password dialog is shown (for a sync, only once the server has answered: see
``SyncController``); the worker gets the password in a closure and the
service keeps it in the keyring only once the server accepted it. A background sync never opens a
dialog: without a password it says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from tutor_app.domain.errors import PasswordNeededError
from tutor_app.ui.sync_messages import password_prompt

if TYPE_CHECKING:
    from tutor_app.services.sync import CredentialStore, SyncTarget
    from tutor_app.services.workspace import Workspace

AskPassword = Callable[[str], "str | None"]


class PasswordFlow:
    """Where a password comes from. ``owner``'s parent window holds the dialog."""

    def __init__(self, owner: QObject, *, credentials: CredentialStore | None = None,
                 ask_password: AskPassword | None = None) -> None:
        self._owner = owner
        self._credentials = credentials
        self._ask_password = ask_password

    def configure(self, *, credentials: CredentialStore | None = None, ask_password: AskPassword | None = None) -> None:
        """Replace the store or the question (tests: a memory keyring, a scripted password)."""
        if credentials is not None:
            self._credentials = credentials
        if ask_password is not None:
            self._ask_password = ask_password

    @property
    def credentials(self) -> CredentialStore:
        if self._credentials is None:  # the keyring is looked for at the first sync, not with the window
            from tutor_app.services.sync import default_credentials

            self._credentials = default_credentials()
        return self._credentials

    def before(self, ws: Workspace, *, manual: bool, demo: bool) -> str | None:
        """The password to give the worker: None when stored (or a demo, which the service
        refuses), the typed one, or "" when the user cancelled. Raises a TutorError with no
        server set, and when a background sync has no password to use."""
        target = self.missing(ws, manual=manual, demo=demo)
        return None if target is None else self.ask(target)

    def missing(self, ws: Workspace, *, manual: bool, demo: bool) -> SyncTarget | None:
        """The target whose password must be asked (None: stored, or a demo, which the service
        refuses). Raises a TutorError with no server set, and when a background sync has none."""
        from tutor_app.services.sync_profile import is_demo

        if is_demo(ws) or demo:
            return None  # the service says why a demo never syncs
        from tutor_app.services import sync as service

        target = service.target_of(ws)
        if self.credentials.get(target.key, target.role) is not None:
            return None
        if not manual:
            raise PasswordNeededError(target.user, target.key, "sync")
        return target

    def ask(self, target: SyncTarget) -> str:
        """The password typed for ``target``, or "" when the user cancelled."""
        ask = self._ask_password or self._dialog
        return ask(password_prompt(target.user, str(target.address))) or ""

    def _dialog(self, prompt: str) -> str | None:
        from PySide6.QtWidgets import QWidget

        from tutor_app.ui.sync_dialogs import PasswordDialog

        parent = self._owner.parent()
        return PasswordDialog.ask(prompt, parent if isinstance(parent, QWidget) else None)
