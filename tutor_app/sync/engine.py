"""One sync, start to end (DESIGN §5): handshake, push, pull, sanity.

A sync with nothing to do is the handshake alone: one round trip that also carries the feed
head and the hash of everything the user sees. Every step can be cancelled between batches and
survives a cut connection: what was committed on either side stays, and the next sync goes on.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import delete, select

from tutor_app.domain import schema
from tutor_app.domain.errors import (
    ClientTooOldError,
    OtherServerError,
    OtherUserError,
    SyncSetupError,
    VersionMismatchError,
)
from tutor_app.domain.schema import now_instant, parse_instant
from tutor_app.store import outbox, replica
from tutor_app.store.local import LocalStore
from tutor_app.store.models import Base
from tutor_app.store.state import (
    INITIAL_DONE,
    LAST_SYNC,
    NEW_PROJECTS,
    SYNC_INITIALS,
    SYNC_ROLE,
    SYNC_SERVER,
    SYNC_USER,
    TUTOR_ID,
)
from tutor_app.sync import bundle_keys, pull, push, refused, sanity
from tutor_app.sync.admin import known_server_schemas
from tutor_app.sync.context import CancelFlag, FaultHook, Progress, SyncContext, SyncReport
from tutor_app.sync.session import PROTOCOL, Hello, ServerRow, ServerSession, complete_rev

log = logging.getLogger("tutor.sync")

TUTORS = Base.metadata.tables["tutors"]
PROJECTS = Base.metadata.tables["projects"]
ASSIGNMENTS = Base.metadata.tables["assignments"]


def synchronize(store: LocalStore, session: ServerSession, *, progress: Progress | None = None,
                cancel: CancelFlag | None = None, fault: FaultHook | None = None,
                push_batch: int = push.PUSH_BATCH, pull_batch: int = pull.PULL_BATCH) -> SyncReport:
    """Sync a profile with the server through an open session."""
    started = time.perf_counter()
    ctx = SyncContext(store, session, SyncReport(), progress, cancel, fault)
    trips = session.round_trips
    ctx.step("hello")
    hello = session.hello(_idle_at(ctx))
    check_versions(hello, session)
    sanity.ensure_hash_scheme(ctx)
    ctx.tutor_id = settle_identity(store, hello, str(session.address))
    adopt_initials(store, hello)
    if bundle_keys.needs_registration(store, hello.server_id):
        session.register_device(store.device_id, bundle_keys.public_key_hex(bundle_keys.device_key(store)))
        bundle_keys.mark_registered(store, hello.server_id)
    if _idle(ctx, hello):
        ctx.report.idle = True
        ctx.report.sanity = "ok"
    else:
        note_new_projects(store)
        push.push_all(ctx, push_batch)
        settle_new_codes(ctx)
        if ctx.caught_up is None:  # else the push ended at the head: nothing to pull (push.push_all)
            pull.pull_all(ctx, pull_batch)
        _check_and_repair(ctx)
    _remember(store, hello, ctx.report)
    ctx.report.round_trips = session.round_trips - trips
    ctx.report.seconds = time.perf_counter() - started
    return ctx.report


def _remember(store: LocalStore, hello: Hello, report: SyncReport) -> None:
    """The last sync and the role the server gives, for the status bar. An idle sync writes (and
    waits for the disk) only when the time shown would move: to the half minute is plenty."""
    now = now_instant()
    last = store.state(LAST_SYNC)
    if not report.idle or not last or store.state(SYNC_ROLE) != hello.role or \
            (parse_instant(now) - parse_instant(str(last))).total_seconds() >= 30:
        with store.write() as w:
            LAST_SYNC.set(w.conn, now)
            SYNC_ROLE.set(w.conn, hello.role)


def check_versions(hello: Hello, session: ServerSession) -> None:
    """Client and server speak the same protocol and the client knows the server's schema."""
    if hello.min_client_protocol > PROTOCOL or hello.schema not in known_server_schemas():
        raise ClientTooOldError(
            f"The server {session.address} has been upgraded (schema {hello.schema}, protocol {hello.protocol}): "
            "update Tutor to sync. You can keep working offline; your changes are kept on this computer.")
    if hello.protocol < PROTOCOL:
        raise VersionMismatchError(
            f"The server {session.address} is older than this Tutor (protocol {hello.protocol}): ask IT to "
            "upgrade it with `tutor-app server init`. Your changes are kept on this computer.")


def settle_identity(store: LocalStore, hello: Hello, address: str) -> str | None:
    """Bind the profile to the server's user: one profile, one server, one person."""
    mine = store.state(TUTOR_ID)
    if mine and mine == hello.tutor_id and store.state(SYNC_SERVER) == hello.server_id \
            and store.state(SYNC_USER) == hello.role_name:
        return str(mine)  # bound already: nothing to write
    with store.write() as w:
        conn = w.conn
        bound_server, bound_user = SYNC_SERVER.get(conn), SYNC_USER.get(conn)
        if bound_server and bound_server != hello.server_id:
            raise OtherServerError(
                f"This profile syncs with another server than {address}. Use another profile for that server.")
        if bound_user and bound_user != hello.role_name:
            raise OtherUserError(
                f"This profile belongs to the user {bound_user}; sign in as that user or use another profile.")
        mine = TUTOR_ID.get(conn)
        if hello.tutor_id is None and mine is None:
            raise SyncSetupError("Create your profile (name and e-mail) before the first sync.", "profile")
        if mine and hello.tutor_id and mine != hello.tutor_id:
            synced = conn.execute(select(TUTORS.c.rev).where(TUTORS.c.id == mine)).scalar_one_or_none()
            if synced:
                raise OtherUserError("This profile belongs to another user of the server.")
            _adopt_server_tutor(conn, mine)
            mine = None
        if mine is None and hello.tutor_id is not None:  # always, by the checks above
            mine = hello.tutor_id
            TUTOR_ID.set(conn, mine)
        if bound_server != hello.server_id:
            SYNC_SERVER.set(conn, hello.server_id)
        if bound_user != hello.role_name:
            SYNC_USER.set(conn, hello.role_name)
    return str(mine) if mine else None


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


def note_new_projects(store: LocalStore) -> None:
    """Remember the dossiers about to be created on the server, so their codes are checked after
    the push even if the sync is cut before that (the list survives in the profile)."""
    with store.read() as conn:
        created = outbox.dossiers_to_create(conn)
        known = set(NEW_PROJECTS.get(conn) or [])
    if created - known:
        with store.write() as w:
            NEW_PROJECTS.set(w.conn, sorted(created | known))


def settle_new_codes(ctx: SyncContext) -> None:
    """A new dossier whose code was taken on the server was kept under a fresh code: take that code
    now, before the pull brings the other dossier that holds the old one (a local code is unique)."""
    listed = sorted(ctx.store.state(NEW_PROJECTS) or [])
    if not listed:
        return
    fetched: list[ServerRow] = []
    for start in range(0, len(listed), 500):
        fetched += ctx.session.fetch("projects", listed[start:start + 500])
    with ctx.store.write() as w:
        local = dict(w.conn.execute(select(PROJECTS.c.id, PROJECTS.c.code).where(PROJECTS.c.id.in_(listed))).all())
        moved = [(t, row) for t, row in fetched if row["id"] in local and row["code"] != local[row["id"]]]
        if moved:
            ctx.caught_up = None  # the rows fetched here may be newer than the push: the pull follows
            replica.apply_rows(w.conn, moved, w.clock)
            for _t, row in moved:
                log.warning("the code %s of dossier %s was taken on the server: it is now %s",
                            local[row["id"]], row["id"], row["code"])
        waiting = outbox.dossiers_to_create(w.conn)
        NEW_PROJECTS.set(w.conn, sorted(waiting & set(listed)))


def _adopt_server_tutor(conn: Any, local_tutor: str) -> None:
    """The user already has a tutor record on the server (another computer): the one made here,
    never synced, gives way. Its projects stay; the server assigns them to the user again."""
    local_assignments = list(conn.execute(select(ASSIGNMENTS.c.id).where(ASSIGNMENTS.c.tutor_id == local_tutor))
                             .scalars())
    outbox.forget_rows(conn, [*local_assignments, local_tutor])
    conn.execute(delete(ASSIGNMENTS).where(ASSIGNMENTS.c.tutor_id == local_tutor))
    conn.execute(delete(TUTORS).where(TUTORS.c.id == local_tutor))


def _idle_at(ctx: SyncContext) -> int | None:
    """The revision at which this sync could be idle (the hello then brings the scope hash), or
    None when it cannot: no first full pull yet, a pull stopped inside a revision, edits
    waiting to go up, or refused changes not settled yet (sync/refused.py)."""
    at = complete_rev(pull.cursor_of(ctx))
    return None if at is None or not ctx.store.state(INITIAL_DONE) or sanity.edits_waiting(ctx) \
        or refused.unsettled(ctx) else at


def _idle(ctx: SyncContext, hello: Hello) -> bool:
    """Nothing to push, nothing new on the server, and the copies agree."""
    at = _idle_at(ctx)
    return at is not None and bool(sanity.check(ctx, hello.head, hello.scope_hash, at))


def _check_and_repair(ctx: SyncContext) -> None:
    scope_hash: int | None
    for _ in range(3):
        if ctx.caught_up is not None:  # the push or the last pull batch brought head and hash: no round trip
            (head, scope_hash), ctx.caught_up = ctx.caught_up, None
        else:
            hello = ctx.session.hello(_idle_at(ctx))
            head, scope_hash = hello.head, hello.scope_hash
        at = complete_rev(pull.cursor_of(ctx))
        if at is None or head != at:  # others committed meanwhile (or a pull stopped half way)
            pull.pull_all(ctx)
            continue
        matches = sanity.check(ctx, head, scope_hash, at)
        if matches is None:
            ctx.report.sanity = "skipped: edits waiting"
        elif matches:
            ctx.report.sanity = "ok"
        else:
            sanity.repair(ctx)
        return
