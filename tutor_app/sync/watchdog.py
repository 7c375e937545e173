"""IT's guard beside the shared database: it ends users' sessions that hold what every sync needs.

Every write takes the commit-order counter's row lock, so one session that keeps a transaction
open after writing (a psql left after ``BEGIN; SELECT tutor.push(...)``, a script that sleeps
inside a transaction) stops everyone's sync. The users' time limits (``admin.ROLE_LIMITS``) end
such a session by default, but a user may ``SET`` them otherwise in a session; this guard may not
be set aside. It runs as the administrator (``tutor-app server watchdog``, a systemd service) and,
every few seconds, ends with ``pg_terminate_backend`` the users' sessions on the database that have
been idle inside a transaction, or have held a writer's lock on a Tutor table (or a lock another
session waits for), for longer than the bound: ``tutor.admin_stuck_sessions`` (db/server/
definitions/95_admin.sql) says which. A session ended this way loses its open transaction, nothing
else: the server never committed it, and a Tutor client sends the same changes again.

Each ended session is logged with its role, why, for how long, its application and address;
never its statement (a user's statement may hold anything, a password included).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from tutor_app.domain.errors import OfflineError, TutorError
from tutor_app.sync.connection import ServerAddress, group_roles, translate_errors

log = logging.getLogger("tutor.sync.watchdog")

# A legitimate transaction of a user is one short statement (a push of a full batch, a bundle
# import of a coordinator take seconds): a minute is far beyond it, and short enough for the syncs
# kept waiting meanwhile (they retry by themselves, services.sync) to go through.
DEFAULT_MAX_HOLD_S = 60.0
DEFAULT_INTERVAL_S = 5.0
# pg_terminate_backend waits this long for the session to be gone (its locks released).
TERMINATE_WAIT_MS = 5_000


@dataclass(frozen=True, slots=True)
class EndedSession:
    """A session the watchdog ended (or tried to: ``ended`` is False when it was still there
    after ``TERMINATE_WAIT_MS``)."""

    pid: int
    role_name: str
    reason: str  # "idle_in_transaction" or "holding_lock"
    held_s: float
    application: str | None
    client: str | None
    ended: bool


def end_stuck_sessions(conn: psycopg.Connection[Any], address: ServerAddress, max_hold_s: float) -> list[EndedSession]:
    """End the users' sessions that hold what others need past ``max_hold_s``, in one statement
    (found and ended at the same instant: a session that has committed meanwhile is not hit)."""
    with translate_errors(address):
        try:
            rows = conn.execute(
                "SELECT s.pid, s.role_name, s.reason, s.held_s, s.application, s.client, "
                "pg_terminate_backend(s.pid, %s) FROM tutor.admin_stuck_sessions(%s) s",
                (TERMINATE_WAIT_MS, max_hold_s)).fetchall()
        except psycopg.errors.UndefinedFunction:
            raise TutorError(f"The server {address} has no watchdog support yet: run `tutor-app server init` "
                             "to upgrade it.") from None
    ended = [EndedSession(int(pid), str(role), str(reason), float(held), app or None, client, bool(done))
             for pid, role, reason, held, app, client, done in rows]
    for session in ended:
        what = "idle in a transaction" if session.reason == "idle_in_transaction" else "holding a lock"
        log.warning("%s session %d of %s (%s for %.0f s; application %s, from %s)",
                    "ended" if session.ended else "could not end", session.pid, session.role_name, what,
                    session.held_s, repr(session.application) if session.application else "not named",
                    session.client or "a local socket")
    return ended


def unwatched_users(conn: psycopg.Connection[Any], address: ServerAddress) -> list[str]:
    """Users whose sessions this administrator can neither see nor end (not yet given by
    ``server init`` or ``server add-user``, e.g. made by hand)."""
    users = group_roles(address.database)["users"]
    with translate_errors(address):
        rows = conn.execute(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "WHERE m.roleid = to_regrole(%s) AND r.rolcanlogin AND NOT pg_has_role(current_user, r.oid, 'USAGE') "
            "ORDER BY 1", ('"' + users.replace('"', '""') + '"',)).fetchall()
    return [str(r[0]) for r in rows]


def watch(connect: Callable[[], psycopg.Connection[Any]], address: ServerAddress, *,
          max_hold_s: float = DEFAULT_MAX_HOLD_S, interval_s: float = DEFAULT_INTERVAL_S, once: bool = False,
          stop: threading.Event | None = None) -> int:
    """Look every ``interval_s`` until ``stop`` is set (or once); the number of sessions ended.

    A lost connection (a server restart) is opened again at the next round; with ``once`` it is
    an error like any other."""
    if max_hold_s <= 0 or interval_s <= 0:
        raise TutorError("The bound and the interval of the watchdog are positive numbers of seconds.")
    stop = stop or threading.Event()
    conn: psycopg.Connection[Any] | None = None
    total = 0
    try:
        while True:
            try:
                if conn is None or conn.closed:
                    conn = connect()
                    conn.autocommit = True  # every round in its own snapshot of the server's sessions
                    for role in unwatched_users(conn, address):
                        log.warning("the sessions of %s cannot be seen or ended by this administrator: run "
                                    "`tutor-app server init` as the administrator", role)
                total += sum(1 for s in end_stuck_sessions(conn, address, max_hold_s) if s.ended)
            except OfflineError as exc:
                if once:
                    raise
                log.warning("watchdog: %s; trying again in %.0f s", exc, interval_s)
                if conn is not None:
                    conn.close()
                conn = None
            if once or stop.wait(interval_s):
                return total
    finally:
        if conn is not None:
            conn.close()
