"""What a profile remembers about its sync, for the desktop: the server and user it syncs with,
when it last synced, whether it is a demo (which never syncs). Qt-free.

Read without the sync engine or the server driver (``services.sync`` imports both): the window
asks these as it opens, long before a first sync needs the rest.
"""

from __future__ import annotations

from datetime import datetime

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
