"""The sanity check after a sync (DESIGN §5.9), which also settles what the user sees.

One hash for everything the user sees, compared with the server's; only when it differs, one hash
per dossier; a dossier that differs is fetched again alone (its pending local edits are kept by
the pull rules), and a dossier the server no longer shows this user is purged once nothing of it
waits to go up. There is no whole-database "full sync" and never a side to pick.

Steps 2 (is there anything to do?) and 6 of a sync (``sync.engine``); the hashes themselves are
kept by the store, edit by edit and row by row (``store.hashes``).
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from tutor_app.store import hashes, outbox, replica
from tutor_app.store.models import Base
from tutor_app.store.state import HASH_SCHEME
from tutor_app.sync import refused
from tutor_app.sync.context import SyncContext
from tutor_app.sync.pull import fetch_snapshots

log = logging.getLogger("tutor.sync.sanity")

PROJECTS = Base.metadata.tables["projects"]


def ensure_hash_scheme(ctx: SyncContext) -> None:
    """Dossier hashes stored by an older Tutor (another form) are computed again, once."""
    if ctx.store.state(HASH_SCHEME) == hashes.SCHEME:
        return
    ctx.step("hashes")
    with ctx.store.write() as w:
        hashes.rebuild(w.conn)
        HASH_SCHEME.set(w.conn, hashes.SCHEME)
    log.info("dossier hashes computed again (form %d)", hashes.SCHEME)


def edits_waiting(ctx: SyncContext) -> bool:
    return ctx.store.glance(outbox.ANYTHING_WAITING_SQL) is not None


def local_scope_hash(ctx: SyncContext) -> int | None:
    """The hash of the local copy, or None while edits wait to go up (it cannot match yet)."""
    # The stored hashes move with every local edit (store.writer) and every pulled row (store.replica),
    # and their total with them (triggers): one row read, however many dossiers the profile holds.
    # Both in one statement: an edit committed between two reads would show a hash with it and no
    # edit waiting.
    found = ctx.store.glance(f"SELECT EXISTS ({outbox.ANYTHING_WAITING_SQL}), ({hashes.HELD_SCOPE_SQL})")
    assert found is not None
    waiting, held = found
    return None if waiting else int(held)


def check(ctx: SyncContext, server_head: int, server_hash: int | None, cursor_rev: int) -> bool | None:
    """Whether the local copy matches what the server says the user sees; None while local
    edits wait to go up (the copies cannot match yet). Without the server's hash (it is only
    computed at the head), not a match."""
    local = local_scope_hash(ctx)
    if local is None:
        return None
    return server_head == cursor_rev and server_hash is not None and local == server_hash


def repair(ctx: SyncContext) -> None:
    """Compare dossier by dossier; fetch again those that differ, purge those no longer seen."""
    ctx.step("sanity")
    _head, server = ctx.session.dossier_hashes()
    with ctx.store.read() as conn:
        held = set(conn.execute(select(PROJECTS.c.id)).scalars())
        local = hashes.stored(conn)
        waiting = outbox.dossiers_waiting(conn)
    differ = sorted(pid for pid, value in server.items() if pid not in held or local.get(pid) != value)
    gone = sorted(held - set(server) - waiting)
    if gone:
        with ctx.store.write() as w:
            # Read again under the write lock: an edit made since the read above keeps its dossier.
            still_waiting = outbox.dossiers_waiting(w.conn)
            gone = [pid for pid in gone if pid not in still_waiting]
            for pid in gone:
                replica.purge_project(w.conn, pid)
        ctx.report.purged += len(gone)
        log.info("purged %d dossiers no longer assigned", len(gone))
    if differ:
        rows = fetch_snapshots(ctx, differ)
        with ctx.store.write() as w:
            replica.apply_rows(w.conn, rows, w.clock)
            # A row only this profile holds, that nothing waiting explains, would keep the dossier
            # differing for ever: it becomes a rejection the user sees, and leaves the dossier.
            refused.resolve_strays(ctx, w.conn, rows, differ)
            # From the rows themselves: a stored hash that had drifted is put right here.
            hashes.store(w.conn, hashes.compute(w.conn, differ))
        ctx.report.refetched += len(differ)
        log.info("re-fetched %d dossiers that differed from the server", len(differ))
    healed = _kept_total_put_right(ctx)
    if gone or differ or healed:
        ctx.report.sanity = "repaired"
    else:  # every dossier agrees, and so does their XOR here: the server's kept parts do not
        log.warning("the server's hash of what this user sees differs from the XOR of its dossiers' hashes")
        ctx.report.sanity = "ok"


def _kept_total_put_right(ctx: SyncContext) -> bool:
    """The profile's kept hash (one row, store.hashes.held_scope) set again from its dossiers'
    hashes when it no longer equals their XOR. Only a bug gets it there (the triggers keep it with
    every write): without this, every sync after it would find the copies differing for ever."""
    with ctx.store.read() as conn:
        if hashes.held_scope(conn) == hashes.held_scope_from_hashes(conn):
            return False
    with ctx.store.write() as w:
        kept, total = hashes.held_scope(w.conn), hashes.held_scope_from_hashes(w.conn)
        if kept == total:
            return False
        hashes.set_held_scope(w.conn, total)
    log.warning("the kept hash of this profile (%d) differed from its dossiers' (%d): put right", kept, total)
    return True
