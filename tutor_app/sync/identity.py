"""Who the profile is on the server (DESIGN §5, before anything is pushed): one profile, one
server, one person.

At the handshake the profile is bound to the server and the user the server says it is
(``settle_identity``; a local tutor record never synced gives way to the user's record on the
server), and takes the initials the server gave the user (``adopt_initials``), with which it
mints dossier codes. Around the push, the dossiers made here are remembered as each batch goes up
(``note_new_projects``, by ``sync.push``) and, once pushed, take the fresh code the server gave
any whose code was taken meanwhile (``settle_new_codes``). The engine (``sync.engine``) and the
push run each at its step.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, delete, select

from tutor_app.domain import schema
from tutor_app.domain.errors import NoProfileError, OtherServerError, OtherUserError
from tutor_app.store import outbox, replica
from tutor_app.store.local import LocalStore
from tutor_app.store.models import Base
from tutor_app.store.state import NEW_PROJECTS, SYNC_INITIALS, SYNC_SERVER, SYNC_USER, TUTOR_ID
from tutor_app.sync.context import SyncContext
from tutor_app.sync.session import Hello, ServerRow

log = logging.getLogger("tutor.sync")

TUTORS = Base.metadata.tables["tutors"]
PROJECTS = Base.metadata.tables["projects"]
ASSIGNMENTS = Base.metadata.tables["assignments"]


def settle_identity(store: LocalStore, hello: Hello, address: str, prefix: str = "") -> str | None:
    """Bind the profile to the server's user: one profile, one server, one person. ``prefix`` is
    the server's prefix of login roles, taken off the user names a refusal says."""
    mine = store.state(TUTOR_ID)
    if mine and mine == hello.tutor_id and store.state(SYNC_SERVER) == hello.server_id \
            and store.state(SYNC_USER) == hello.role_name:
        return str(mine)  # bound already: nothing to write
    with store.write() as w:
        conn = w.conn
        bound_server, bound_user = SYNC_SERVER.get(conn), SYNC_USER.get(conn)
        if bound_server and bound_server != hello.server_id:
            raise OtherServerError(address)
        mine = TUTOR_ID.get(conn)
        if bound_user and bound_user != hello.role_name:
            raise OtherUserError(_owner(conn, mine, str(bound_user).removeprefix(prefix)))
        if hello.tutor_id is None and mine is None:
            raise NoProfileError(hello.role_name.removeprefix(prefix))
        if mine and hello.tutor_id and mine != hello.tutor_id:
            synced = conn.execute(select(TUTORS.c.rev).where(TUTORS.c.id == mine)).scalar_one_or_none()
            if synced:
                raise OtherUserError(_owner(conn, mine, None))
            _adopt_server_tutor(conn, mine)
            mine = None
        if mine is None:
            mine = hello.tutor_id
            TUTOR_ID.set(conn, mine)
        if bound_server != hello.server_id:
            SYNC_SERVER.set(conn, hello.server_id)
        if bound_user != hello.role_name:
            SYNC_USER.set(conn, hello.role_name)
    return str(mine) if mine else None


def _owner(conn: Connection, tutor_id: object, user: str | None) -> str:
    """Whom the profile belongs to, as people know them: "Mario Rossi (mrossi)", the name or the
    user name alone when only one is known."""
    name = conn.execute(select(TUTORS.c.name).where(TUTORS.c.id == tutor_id)).scalar_one_or_none() \
        if tutor_id else None
    if name and user:
        return f"{name} ({user})"
    return str(name or user or "?")


def adopt_initials(store: LocalStore, hello: Hello) -> None:
    """The initials the server gave the user (unique among its users) become the profile's before
    anything is pushed: its tutor record, and so the codes it mints from now on. Codes minted
    before keep their value; one that collides gets a fresh code from the server (see
    ``settle_new_codes``), so no dossier is lost."""
    wanted = hello.initials
    if not wanted or store.state(SYNC_INITIALS) == wanted:
        return  # adopted already: nothing to read or write
    with store.write() as w:
        tutor_id = TUTOR_ID.get(w.conn)
        mine = w.conn.execute(select(TUTORS.c.initials, TUTORS.c.rev).where(TUTORS.c.id == tutor_id)).first() \
            if tutor_id else None
        if mine is not None and mine.initials != wanted and not mine.rev:
            w.update(schema.TUTORS, str(tutor_id), {"initials": wanted})  # a synced record: the pull brings it
        SYNC_INITIALS.set(w.conn, wanted)
    log.info("initials %s adopted from the server", wanted)


def note_new_projects(conn: Connection, entries: Iterable[Mapping[str, Any]]) -> None:
    """Remember the dossiers a batch about to go up creates on the server, in the transaction that
    marks the batch in flight, so their codes are checked after the push even if the sync is cut
    before that (the list survives in the profile). A batch the push keeps as the server stored it
    takes them off again (``sync.push``): the list stays as short as one batch's."""
    created = {e["row_id"] for e in entries if e["table_name"] == "projects" and int(e["base_rev"]) == 0}
    known = set(NEW_PROJECTS.get(conn) or [])
    if created - known:
        NEW_PROJECTS.set(conn, sorted(created | known))


def settle_new_codes(ctx: SyncContext) -> bool:
    """A new dossier whose code was taken on the server was kept under a fresh code: take that code
    now, before the pull brings the other dossier that holds the old one (a local code is unique).
    Returns whether rows were taken from the server here (they may be newer than the push)."""
    listed = sorted(ctx.store.state(NEW_PROJECTS) or [])
    if not listed:
        return False
    fetched: list[ServerRow] = []
    for start in range(0, len(listed), 500):
        fetched += ctx.session.fetch("projects", listed[start:start + 500])
    with ctx.store.write() as w:
        local = dict(w.conn.execute(select(PROJECTS.c.id, PROJECTS.c.code).where(PROJECTS.c.id.in_(listed))).all())
        moved = [(t, row) for t, row in fetched if row["id"] in local and row["code"] != local[row["id"]]]
        if moved:
            replica.apply_rows(w.conn, moved, w.clock)
            for _t, row in moved:
                log.warning("the code %s of dossier %s was taken on the server: it is now %s",
                            local[row["id"]], row["id"], row["code"])
        waiting = outbox.dossiers_to_create(w.conn)
        NEW_PROJECTS.set(w.conn, sorted(waiting & set(listed)))
    return bool(moved)


def _adopt_server_tutor(conn: Any, local_tutor: str) -> None:
    """The user already has a tutor record on the server (another computer): the one made here,
    never synced, gives way. Its projects stay; the server assigns them to the user again."""
    local_assignments = list(conn.execute(select(ASSIGNMENTS.c.id).where(ASSIGNMENTS.c.tutor_id == local_tutor))
                             .scalars())
    outbox.forget_rows(conn, [*local_assignments, local_tutor])
    conn.execute(delete(ASSIGNMENTS).where(ASSIGNMENTS.c.tutor_id == local_tutor))
    conn.execute(delete(TUTORS).where(TUTORS.c.id == local_tutor))
