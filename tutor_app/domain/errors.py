"""Known errors: each is a problem a person can understand and act on.

Anything that is not a ``TutorError`` is a bug and is reported as one (crash dialog, log entry).
"""

from __future__ import annotations


class TutorError(Exception):
    """Base of every known error; ``str()`` is a message for people."""


class ValidationError(TutorError):
    """A value that breaks a rule of the domain, naming the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(TutorError):
    """A record asked for by code or id that is not in the store."""


class StorageError(TutorError):
    """The local store cannot be used: a bad location, a locked or damaged file, a full disk."""


class OfflineError(TutorError):
    """The shared server cannot be reached."""


class ServerBusyError(TutorError):
    """The shared server is reachable but could not serve the call in time (a lock held by another
    session, a statement time limit, no free connection): nothing of the call was written, and the
    same call can be made again in a moment (``services.sync`` does so by itself)."""


class AuthError(TutorError):
    """The server refused the credentials."""


class PasswordNeededError(AuthError):
    """No password is stored and none can be asked here (a background sync, a script)."""


class PermissionDeniedError(TutorError):
    """The user's role does not allow the operation."""


class DemoProfileError(PermissionDeniedError):
    """A demo profile never syncs with a real server."""


class OtherServerError(PermissionDeniedError):
    """The profile is bound to another shared server: one profile, one server."""


class OtherUserError(PermissionDeniedError):
    """The profile belongs to another user of the server: one profile, one person."""


class SyncSetupError(TutorError):
    """Something to set before a sync can start; ``missing`` says what: "server", "user", "profile"
    or "address" (an address that is not one)."""

    def __init__(self, message: str, missing: str) -> None:
        super().__init__(message)
        self.missing = missing


class NotYetSyncedError(TutorError):
    """The operation needs the profile to have synced once (who the user is, the device's key)."""


class VersionMismatchError(TutorError):
    """Client and server speak different protocol or schema versions."""


class ClientTooOldError(VersionMismatchError):
    """The server, or a file, is newer than this Tutor: the user must update Tutor."""


class BadFileError(TutorError):
    """An input file (bundle, spreadsheet, export target) is damaged, malformed or unusable."""
