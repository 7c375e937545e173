"""What a profile remembers about its sync, for the desktop: the server and user it syncs with,
when it last synced, whether it is a demo (which never syncs). Qt-free.

Read without the sync engine or the server driver (``services.sync`` imports both): the window
asks these as it opens, long before a first sync needs the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from tutor_app.domain.errors import BadAddressError, ValidationError
from tutor_app.domain.schema import parse_instant
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import DEMO, LAST_SYNC, SERVER_URL, USER_NAME


def remembered_target(ws: Workspace) -> tuple[str, str]:
    """The server address and user name remembered by this profile ("" when not set)."""
    return str(ws.store.state(SERVER_URL) or ""), str(ws.store.state(USER_NAME) or "")


def remember_target(ws: Workspace, url: str, user: str) -> None:
    """Remember the server and user with the profile, where ``services.sync.target_of`` reads them.

    The address is checked first (a bad one, or one holding a password or asking for weaker TLS,
    is refused with a ``TutorError``); nothing else is stored, never a password."""
    from tutor_app.sync.connection import ServerAddress  # the driver comes with it: only on saving

    url, user = url.strip(), user.strip()
    if url:
        ServerAddress.parse(url)
    with ws.store.write() as w:
        SERVER_URL.set(w.conn, url or None)
        USER_NAME.set(w.conn, user or None)


DEFAULT_PORT = 5432
DEFAULT_DATABASE = "tutor"  # the name ``tutor-app server init`` is shown with; IT may choose another
_HOST_RE = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                      r"[A-Za-z0-9])?)*$|^\[[0-9A-Fa-f:.]+\]$")


@dataclass(frozen=True, slots=True)
class ServerFields:
    """The shared server as the settings show it: a host name, its port and the database IT set
    up, and what a pasted address said besides (its user, a TLS mode, which counts on loopback only)."""

    host: str
    port: int = DEFAULT_PORT
    database: str = DEFAULT_DATABASE
    user: str = ""
    query: str = ""

    @property
    def url(self) -> str:
        """The address the profile keeps and a sync reads (``postgresql://host:port/database``)."""
        return f"postgresql://{self.host}:{self.port}/{self.database}" + (f"?{self.query}" if self.query else "")


def server_fields(host: str, port: str | int = DEFAULT_PORT, database: str = DEFAULT_DATABASE) -> ServerFields:
    """What the settings' fields say: a plain host name (``db.regione.lombardia.it``, or with
    ``:port``) with the port and database beside it, or a whole ``postgresql://`` address pasted as
    the host, whose own port and database count then. A field that cannot be one is a
    ``ValidationError`` naming it (``host``, ``port``, ``database``), a password in a pasted
    address a ``BadAddressError``; the address as a whole is checked when it is remembered
    (``remember_target``)."""
    text = host.strip()
    user = query = ""
    if "://" in text:
        parts = urlsplit(text)
        if parts.password:
            raise BadAddressError("password")
        try:
            given_port = parts.port
        except ValueError:
            raise ValidationError("port", f"{text!r} has a port that is not a port") from None
        text = (f"[{parts.hostname}]" if parts.hostname and ":" in parts.hostname else parts.hostname) or ""
        port = given_port or DEFAULT_PORT
        database = unquote(parts.path.lstrip("/")) or database
        user, query = unquote(parts.username or ""), parts.query
    elif text.count(":") == 1:
        text, _, port = text.partition(":")
    if not text:
        raise ValidationError("host", "is required")
    if not _HOST_RE.match(text):
        raise ValidationError("host", f"{text!r} is not a host name")
    number = _port(port)
    name = str(database).strip()
    if not name:
        raise ValidationError("database", "is required")
    if "/" in name or "?" in name or any(c.isspace() for c in name):
        raise ValidationError("database", f"{name!r} is not a database name")
    return ServerFields(text, number, name, user, query)


def _port(value: str | int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError("port", f"{value!r} is not a port") from None
    if not 0 < number < 65536:
        raise ValidationError("port", f"{value!r} is not a port")
    return number


def tls_mode(url: str) -> str:
    """The TLS mode a sync with this address would use (``verify-full`` but on loopback or where IT
    set another); a ``TutorError`` for an address Tutor refuses."""
    from tutor_app.sync.connection import ServerAddress  # the driver comes with it: only when asked

    return ServerAddress.parse(url).effective_sslmode


def last_sync_at(ws: Workspace) -> datetime | None:
    """When this profile last synced (None: never)."""
    value = ws.store.state(LAST_SYNC)
    return parse_instant(str(value)) if value else None


def is_demo(ws: Workspace) -> bool:
    """A demo region: it never syncs with a real server."""
    return bool(ws.store.state(DEMO))


def syncs_in_background(ws: Workspace) -> bool:
    """Whether this profile syncs on its own: a server is set and it is not a demo."""
    return bool(ws.store.state(SERVER_URL)) and not is_demo(ws)
