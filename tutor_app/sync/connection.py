"""Reaching the shared PostgreSQL server: where it is, how to connect safely, what a failure means.

A connection has timeouts and TCP keep-alives, so a dropped VPN ends a sync with a clear message
instead of hanging it; TLS is ``verify-full`` for any host but loopback, weaker only where IT's
machine-wide file says so (``sync/tls.py``), never because a server address asks. The password
is handed to libpq and nowhere else: it is never part of a URL, a message, a log line or an
exception.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import psycopg

from tutor_app.domain.errors import (
    AuthError,
    BadAddressError,
    ClientTooOldError,
    OfflineError,
    PermissionDeniedError,
    ServerBusyError,
    TutorError,
)
from tutor_app.sync import tls

log = logging.getLogger("tutor.sync")

CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_MS = 300_000
# A sync waits for another's lock this long at most, then says the server is busy and tries again
# (services.sync): a push holds the counter's lock for a moment, so a longer wait means a session
# that holds it for good, which IT's watchdog ends (sync/watchdog.py). Shorter than the users'
# own default (sync/admin.py ROLE_LIMITS): the user hears why within seconds, not minutes.
LOCK_TIMEOUT_MS = 15_000
USER_NAME_RE = re.compile(r"^[a-z][a-z0-9_.]{0,40}$")
# SQLSTATE the server raises when the client speaks a protocol it does not (db/server/definitions/10_support.sql).
PROTOCOL_SQLSTATE = "TU001"
# The server could not serve the call in time; it wrote nothing and the same call may be made again:
# lock_not_available (lock_timeout), query_canceled (statement_timeout), too_many_connections,
# cannot_connect_now (starting up or shutting down). Classified by SQLSTATE, never by message text
# (the server speaks the language of its lc_messages). A connection refused at start-up carries no
# SQLSTATE through libpq: it stays "cannot be reached", which the desktop's timer tries again.
BUSY_SQLSTATES = frozenset({"55P03", "57014", "53300", "57P03"})


class Secret:
    """A password in memory: shows as stars in reprs, logs and tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """``postgresql://[user@]host[:port]/database[?sslmode=...]``, without any password."""

    host: str
    port: int
    database: str
    user: str | None = None
    sslmode: str | None = None

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("postgresql", "postgres"):
            raise BadAddressError("not_address", cls._safe(url.strip()))
        if parts.password:
            raise BadAddressError("password")
        database = unquote(parts.path.lstrip("/"))
        if not parts.hostname or not database:
            raise BadAddressError("no_host", cls._safe(url))
        query = parse_qs(parts.query)
        sslmode = query.get("sslmode", [None])[0]
        try:
            port = parts.port or 5432
        except ValueError:
            raise BadAddressError("port", cls._safe(url)) from None
        address = cls(parts.hostname, port, database, unquote(parts.username) if parts.username else None, sslmode)
        address.effective_sslmode  # noqa: B018 (an address asking for less TLS than allowed is refused here)
        return address

    @staticmethod
    def _safe(url: str) -> str:
        return re.sub(r"//[^@/]*@", "//", url)

    def __str__(self) -> str:
        return f"postgresql://{self.host}:{self.port}/{self.database}"

    @property
    def is_loopback(self) -> bool:
        if self.host == "localhost" or self.host.startswith("/"):
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def effective_sslmode(self) -> str:
        """The TLS mode to connect with (a TlsPolicyError when the address asks for less than allowed)."""
        return tls.effective_sslmode(self.host, self.is_loopback, self.sslmode)

    @property
    def role_prefix(self) -> str:
        """Login roles are cluster-wide: a user's role is named after the database it belongs to."""
        return role_prefix(self.database)

    def login_role(self, user: str) -> str:
        name = user.strip().lower()
        if name.startswith(self.role_prefix):
            return name
        return self.role_prefix + name


def role_prefix(database: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", database.lower()) + "_"


def group_roles(database: str) -> dict[str, str]:
    """The roles that cannot log in: owner of every object, the users' group, the admins' group.
    A double underscore keeps them apart from users' names (which cannot start with one)."""
    prefix = role_prefix(database)
    return {"owner": prefix + "_owner", "users": prefix + "_users", "admin": prefix + "_admin", "prefix": prefix}


def connect(address: ServerAddress, role: str | None, password: Secret | None, *,
            application: str = "tutor-app") -> psycopg.Connection[Any]:
    """A connection with timeouts and keep-alives; failures become known errors."""
    options = (f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={LOCK_TIMEOUT_MS} "
               "-c idle_in_transaction_session_timeout=600000")
    params: dict[str, Any] = {
        "host": address.host, "port": address.port, "dbname": address.database,
        "connect_timeout": CONNECT_TIMEOUT_S, "keepalives": 1, "keepalives_idle": 20,
        "keepalives_interval": 5, "keepalives_count": 3, "tcp_user_timeout": 30_000,
        "sslmode": address.effective_sslmode, "application_name": application, "options": options,
    }
    if role:
        params["user"] = role
    if password is not None:
        params["password"] = password.reveal()
    with translate_errors(address, role):
        return psycopg.connect(**params)


@contextmanager
def translate_errors(address: ServerAddress, role: str | None = None) -> Iterator[None]:
    """Server and network failures as the known errors a person can act on."""
    try:
        yield
    except psycopg.Error as exc:
        raise known_error(exc, address, role) from None


def known_error(exc: psycopg.Error, address: ServerAddress, role: str | None = None) -> TutorError | psycopg.Error:
    message = str(exc).lower()
    sqlstate = getattr(exc, "sqlstate", None)
    # A user as people typed it: the login role without the database's prefix (an administrator's
    # role, which has none, stays as it is).
    who = role.removeprefix(address.role_prefix) if role else ""
    where = str(address)
    if sqlstate in BUSY_SQLSTATES:
        return ServerBusyError(where, _first_line(exc))
    if sqlstate == PROTOCOL_SQLSTATE:
        return ClientTooOldError("protocol", where)
    if sqlstate == "42501" or "permission denied" in message:
        return PermissionDeniedError("server", address=where, user=who, detail=_first_line(exc))
    if "password authentication failed" in message or "no password supplied" in message \
            or ("role" in message and "does not exist" in message) or "pg_hba.conf" in message:
        return AuthError(where, who or None)
    if "database" in message and "does not exist" in message:
        return OfflineError("no_database", address=where, host=address.host, port=address.port,
                            database=address.database)
    if "failed to resolve host" in message or "could not translate host name" in message:
        return OfflineError("unknown_host", address=where, host=address.host)
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return OfflineError("unreachable", address=where, detail=_first_line(exc))
    return exc


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
