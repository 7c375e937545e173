"""Use case: sync now (and the policy of when to sync again), Qt-free.

The UI wraps ``sync_now`` in a worker; it takes a progress callback and a cancel flag. The
password lives in the OS keyring behind ``CredentialStore``; a plaintext keyring backend is
refused; with no keyring at all the password is asked once per session and kept in memory only.
It is never written to a file, a log, an exception or the profile.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from tutor_app.domain.errors import (
    AuthError,
    DemoProfileError,
    NoServerError,
    NoUserError,
    OfflineError,
    PasswordNeededError,
    ServerBusyError,
    SyncCancelled,
)
from tutor_app.services.conflicts import inbox
from tutor_app.services.sync_profile import is_demo
from tutor_app.services.sync_sessions import SessionKeeper
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SERVER_URL, USER_NAME
from tutor_app.sync.connection import Secret, ServerAddress, connect
from tutor_app.sync.context import CancelFlag, FaultHook, InterruptingFlag, Progress
from tutor_app.sync.context import SyncReport as SyncReport  # noqa: PLC0414 (re-exported: the desktop imports no sync)
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

log = logging.getLogger("tutor.services.sync")

KEYRING_SERVICE = "tutor-app"
# Backends that keep secrets in a readable file: never a home for the password.
_PLAINTEXT_BACKENDS = ("keyrings.alt.file.PlaintextKeyring", "keyrings.alt.file.EncryptedKeyring")
# "No keyring here": the password is asked once per session and kept in memory.
_NO_BACKENDS = ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring")

# Asks the person for the password of the target's user; the asker words the question
# (``password_prompt``, in its own language).
AskPassword = Callable[["SyncTarget"], str]


class CredentialStore(Protocol):
    """Where a user's password for a server is kept between syncs."""

    def get(self, key: str, user: str) -> Secret | None: ...

    def set(self, key: str, user: str, secret: Secret) -> None: ...

    def delete(self, key: str, user: str) -> None: ...


class MemoryCredentials:
    """Kept in this process only: the test backend, and the fallback with no keyring."""

    def __init__(self) -> None:
        self._secrets: dict[tuple[str, str], Secret] = {}

    def get(self, key: str, user: str) -> Secret | None:
        return self._secrets.get((key, user))

    def set(self, key: str, user: str, secret: Secret) -> None:
        self._secrets[(key, user)] = secret

    def delete(self, key: str, user: str) -> None:
        self._secrets.pop((key, user), None)

    def __repr__(self) -> str:
        return f"MemoryCredentials({len(self._secrets)} kept)"


class KeyringCredentials:
    """The OS keyring (Windows Credential Locker, macOS Keychain, Secret Service)."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend

    def get(self, key: str, user: str) -> Secret | None:
        value = self._backend.get_password(f"{KEYRING_SERVICE}:{key}", user)
        return Secret(value) if value else None

    def set(self, key: str, user: str, secret: Secret) -> None:
        self._backend.set_password(f"{KEYRING_SERVICE}:{key}", user, secret.reveal())

    def delete(self, key: str, user: str) -> None:
        try:
            self._backend.delete_password(f"{KEYRING_SERVICE}:{key}", user)
        except Exception:  # the keyring's own "not found" differs by backend
            log.debug("no stored password to forget for %s", user)


def password_prompt(user: str, address: str, lang: str = "it") -> str:
    """The question of a password: whose, on which server. The desktop's dialog and the command
    line's prompt ask it alike."""
    return f"Password of {user} on {address}" if lang == "en" else f"Password di {user} su {address}"


def remembers_passwords() -> bool:
    """Whether a password that works is kept after this process (a safe OS keyring): without
    one, it lives in this session's memory only, and every new process asks it again."""
    return not isinstance(default_credentials(), MemoryCredentials)


def backend_name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def safe_keyring_backend(backend: Any) -> Any | None:
    """The backend if it may hold a password; None for a plaintext or missing one."""
    backends = list(getattr(backend, "backends", [])) or [backend]  # a chainer: look at what it chains
    for candidate in backends:
        if backend_name(candidate) in _PLAINTEXT_BACKENDS:
            log.warning("keyring backend %s keeps passwords in a file: refused", backend_name(candidate))
            return None
        if backend_name(candidate) in _NO_BACKENDS:
            log.info("no keyring on this computer: the password is asked once per session")
            return None
    return backend


_SESSION = MemoryCredentials()


def default_credentials() -> CredentialStore:
    """The OS keyring when there is a safe one, else this session's memory."""
    try:
        import keyring

        backend = safe_keyring_backend(keyring.get_keyring())
    except Exception:  # a broken keyring install must not stop a sync
        backend = None
    return KeyringCredentials(backend) if backend is not None else _SESSION


@dataclass(frozen=True, slots=True)
class SyncTarget:
    address: ServerAddress
    url: str
    user: str

    @property
    def role(self) -> str:
        return self.address.login_role(self.user)

    @property
    def key(self) -> str:
        return str(self.address)


def target_of(ws: Workspace, server: str | None = None, user: str | None = None) -> SyncTarget:
    """The server and user to sync with: given now, or remembered from the last sync."""
    url = server or ws.store.state(SERVER_URL)
    if not url:
        raise NoServerError()
    address = ServerAddress.parse(str(url))
    name = user or address.user or ws.store.state(USER_NAME)
    if not name:
        raise NoUserError()
    return SyncTarget(address, str(url), str(name))


def reach(target: SyncTarget) -> None:
    """Whether the server answers, before anyone is asked a password for it: a connection made
    without one. A server that asks for the password has answered (so has one that lets the user
    in without it); one that cannot be reached raises ``OfflineError``, a refused address or TLS
    its own error. Nothing is written."""
    try:
        connection = connect(target.address, target.role, None, application="tutor-app reach")
    except AuthError:
        return  # it answered: it wants the password (or does not know the user, said at the sync)
    connection.close()


# A busy server (a lock held by another session, a time limit, no free connection) is asked again
# after these pauses, the user told so meanwhile: a push holds the counter's lock for a moment, and
# IT's watchdog ends a session that holds it for good within a minute or so (sync/watchdog.py).
BUSY_BACKOFF_S = (5.0, 10.0, 20.0)
BUSY_STEP = "busy"  # the progress step of a wait before trying again: (step, attempts made, attempts in all)


def sync_now(ws: Workspace, *, server: str | None = None, user: str | None = None,
             credentials: CredentialStore | None = None, ask_password: AskPassword | None = None,
             progress: Progress | None = None, cancel: CancelFlag | None = None,
             fault: FaultHook | None = None, sessions: SessionKeeper | None = None,
             busy_backoff: Sequence[float] | None = None) -> SyncReport:
    """Sync this profile with the shared server; a known error explains any failure.

    With ``sessions``, the session of the last sync to the same target is used again and this
    one's is kept after it (``services.sync_sessions``). A busy server is tried again after each
    pause of ``busy_backoff`` (default ``BUSY_BACKOFF_S``; ``progress`` hears ``BUSY_STEP`` first;
    a cancel ends the wait): a call that met a busy server wrote nothing, and the outbox entries
    it carried, still in flight, go up again as they were (the server answers "duplicate" for any
    it had committed)."""
    if is_demo(ws):
        raise DemoProfileError()
    target = target_of(ws, server, user)
    pauses = BUSY_BACKOFF_S if busy_backoff is None else tuple(busy_backoff)
    attempts = len(pauses) + 1
    for attempt, pause in enumerate([*pauses, None]):
        try:
            return _sync_once(ws, target, credentials, ask_password, progress, cancel, fault, sessions)
        except ServerBusyError as exc:
            if pause is None or (cancel is not None and cancel.is_set()):
                raise
            log.info("%s: trying again in %.0f s (attempt %d of %d)", exc, pause, attempt + 2, attempts)
            if progress is not None:
                progress(BUSY_STEP, attempt + 1, attempts)
            _pause(pause, cancel)
    raise AssertionError("the last attempt returns or raises")


def _pause(seconds: float, cancel: CancelFlag | None) -> None:
    """Wait, or stop waiting as soon as the sync is cancelled (then ``SyncCancelled``)."""
    woke = threading.Event()
    if isinstance(cancel, InterruptingFlag):
        cancel.when_set(woke.set)
    deadline = time.monotonic() + seconds
    while cancel is None or not cancel.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        woke.wait(min(left, 0.25))  # a plain flag is polled
    raise SyncCancelled()


def _sync_once(ws: Workspace, target: SyncTarget, credentials: CredentialStore | None,
               ask_password: AskPassword | None, progress: Progress | None, cancel: CancelFlag | None,
               fault: FaultHook | None, sessions: SessionKeeper | None) -> SyncReport:
    key = f"{target.key}/{target.role}/{target.address.effective_sslmode}"
    kept = sessions.take(key) if sessions is not None else None
    session = kept or open_session(target, credentials, ask_password, "sync")
    trips = session.round_trips
    try:
        try:
            report = _synchronize(ws, session, progress, cancel, fault)
        except OfflineError:
            if kept is None or session.round_trips != trips or (cancel is not None and cancel.is_set()):
                raise  # something was said to the server, or the user stopped the sync
            # The kept session went away while unused: its first call (the handshake, which writes
            # nothing) failed. The sync runs again on a new connection, once.
            log.info("the kept connection to %s had gone away: connecting again", target.address)
            session.close()
            session = open_session(target, credentials, ask_password, "sync")
            report = _synchronize(ws, session, progress, cancel, fault)
    except BaseException:
        session.close()
        raise
    if sessions is not None and not (cancel is not None and cancel.is_set()):
        sessions.keep(key, session)
    else:
        session.close()  # a stop may have cut its connection after the last call
    with ws.store.write() as w:
        SERVER_URL.set(w.conn, target.url)
        USER_NAME.set(w.conn, target.user)
    return report


def _synchronize(ws: Workspace, session: PgSession, progress: Progress | None, cancel: CancelFlag | None,
                 fault: FaultHook | None) -> SyncReport:
    if isinstance(cancel, InterruptingFlag):
        cancel.when_set(session.interrupt)  # stopping does not wait for a server call to end
    report = synchronize(ws.store, session, progress=progress, cancel=cancel, fault=fault)
    report.to_look_at = inbox(ws)  # what the summary says is left to look at: the inbox's own count
    return report


def open_session(target: SyncTarget, credentials: CredentialStore | None, ask_password: AskPassword | None,
                 purpose: str) -> PgSession:
    """A session on the shared server as the target's user. The password comes from the keyring
    or is asked; one that works is remembered, one the server refuses is forgotten. ``purpose``
    is what the session is for, as ``PasswordNeededError`` says it: "sync", "import", "revert",
    "list"."""
    store = credentials if credentials is not None else default_credentials()
    secret = store.get(target.key, target.role)
    asked = secret is None
    if secret is None:
        if ask_password is None:
            raise PasswordNeededError(target.user, target.key, purpose)
        secret = Secret(ask_password(target))
    try:
        session = PgSession(connect(target.address, target.role, secret), target.address)
    except AuthError:
        store.delete(target.key, target.role)  # a stored password that no longer works is forgotten
        raise
    if asked:
        try:
            store.set(target.key, target.role, secret)
        except BaseException:
            session.close()
            raise
    return session


@contextmanager
def server_session(target: SyncTarget, credentials: CredentialStore | None, ask_password: AskPassword | None,
                   purpose: str) -> Iterator[PgSession]:
    """``open_session`` for one piece of work, closed after it."""
    with open_session(target, credentials, ask_password, purpose) as session:
        yield session


class SyncTimer:
    """When to sync again (DESIGN §5: uploads are retried on a timer and on reconnect, not only
    after a new edit). Pure arithmetic on the caller's clock, so the UI drives it with a QTimer."""

    def __init__(self, interval_s: float = 300.0, first_retry_s: float = 15.0, max_retry_s: float = 900.0) -> None:
        self.interval_s = interval_s
        self.first_retry_s = first_retry_s
        self.max_retry_s = max_retry_s
        self.failures = 0
        self.next_at = 0.0  # due at once at start

    def due(self, now: float) -> bool:
        return now >= self.next_at

    def succeeded(self, now: float) -> None:
        self.failures = 0
        self.next_at = now + self.interval_s

    def failed(self, now: float) -> None:
        """Back off: 15 s, 30 s, 1 min, ... up to 15 min; pending changes are retried all the same."""
        self.failures += 1
        self.next_at = now + min(self.max_retry_s, self.first_retry_s * 2 ** (self.failures - 1))

    def reconnected(self, now: float) -> None:
        """The network came back: sync at once, whatever the backoff said."""
        self.next_at = now

    def edited(self, now: float, soon_s: float = 5.0) -> None:
        """A local edit: go up soon when online (does not shorten a backoff after failures)."""
        if not self.failures:
            self.next_at = min(self.next_at, now + soon_s)
