"""Pull (DESIGN §5.4-5.5): the change feed after the cursor, in short batches; each batch and the
new cursor are committed locally in one transaction, so a pull killed at any point resumes where
it stopped. A dossier that comes into view (a new assignment, a project moved into a regional
tutor's area) arrives as a snapshot of its present state, without moving the cursor.

Step 5 of a sync (``sync.engine``). The rows are applied by the local replica
(``store.replica``); the last batch returns the head and hash it reached (``Reached``) for the
sanity check (``sync.sanity``).

The next batch is asked for while this one is applied (``sync.ahead``): the server reads and
sends it on its own core meanwhile: a first sync of a region takes about a quarter less time.
Only the question is early: the batch is applied, with its cursor, after the one before, as always.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection

from tutor_app.store import replica
from tutor_app.store.state import CURSOR, HELD_REVS, INITIAL_DONE
from tutor_app.sync.ahead import CallAhead
from tutor_app.sync.context import Reached, SyncContext
from tutor_app.sync.session import START, Cursor, PullBatch, Revs, ServerRow, fold_held

PULL_BATCH = 2000
SNAPSHOT_CHUNK = 50


def cursor_of(ctx: SyncContext) -> Cursor:
    value = ctx.store.state(CURSOR)
    return list(value) if value else list(START)


def pull_all(ctx: SyncContext, batch_size: int = PULL_BATCH) -> Reached | None:
    """Pull up to the server's head, without the revisions the profile holds already (its own
    pushes, taken as the server holds them: ``HELD_REVS``); the revisions of others before, between
    and after them come as always. Returns the head and the hash the last batch brought, when they
    describe the profile as it now stands (no snapshot fetched after that batch was read)."""
    with ctx.store.read() as conn:
        cursor, held = fold_held(CURSOR.get(conn), HELD_REVS.get(conn))
        initial_done = bool(INITIAL_DONE.get(conn))
    session = ctx.session
    with CallAhead[PullBatch](session, "pull") as ahead:
        ctx.step("pull", ctx.report.pulled)
        ahead.start(session.pull, cursor, batch_size, held)
        while True:
            batch = ahead.answer()
            rows, more = batch.rows, batch.more
            ctx.step("pull:fetched", ctx.report.pulled)
            # Before the first full pull every dossier comes through the feed anyway: no snapshots.
            extra = fetch_snapshots(ctx, _new_dossiers(ctx, rows)) if initial_done else []
            next_cursor, next_held = fold_held(batch.cursor, held)  # the cursor and what it passed: one fact
            # At the head (the batch then carries the hash), not at the end of held revisions left
            # for a next call (the server leaves out eight ranges at most at once).
            done = not more and batch.scope_hash is not None
            if not done:
                ctx.step("pull", ctx.report.pulled + len(rows))
                ahead.start(session.pull, next_cursor, batch_size, next_held)  # read while this one is applied
            with ctx.store.write() as w:
                replica.apply_rows(w.conn, [*extra, *_drop_strays(ctx, w.conn, rows, extra)], w.clock)
                cursor, held = next_cursor, next_held
                CURSOR.set(w.conn, cursor)
                set_held(w.conn, held)
                if done:
                    INITIAL_DONE.set(w.conn, True)
            ctx.report.pulled += len(rows)
            if done:
                # The batch's hash describes the server when the batch was read; a snapshot fetched
                # after it may hold later writes: then the check after the sync asks hello again.
                return Reached(int(cursor[0]), batch.scope_hash) if batch.scope_hash is not None and not extra else None
            ctx.step("pull:applied", ctx.report.pulled)  # batch and cursor committed, the next one asked


def set_held(conn: Connection, held: Revs) -> None:
    """Store the held revisions (none: the key goes)."""
    if held:
        HELD_REVS.set(conn, held)
    else:
        HELD_REVS.clear(conn)


def fetch_snapshots(ctx: SyncContext, project_ids: Iterable[str]) -> list[ServerRow]:
    wanted = sorted(set(project_ids))
    rows: list[ServerRow] = []
    for start in range(0, len(wanted), SNAPSHOT_CHUNK):
        rows += ctx.session.snapshot(wanted[start:start + SNAPSHOT_CHUNK])
        ctx.report.snapshots += len(wanted[start:start + SNAPSHOT_CHUNK])
    return rows


def _new_dossiers(ctx: SyncContext, rows: Sequence[ServerRow]) -> set[str]:
    """Projects this batch brings into view whose older rows the feed will not send again."""
    candidates = {r["id"] for t, r in rows if t == "projects"}
    candidates |= {r["project_id"] for t, r in rows
                   if t == "assignments" and r["tutor_id"] == ctx.tutor_id and not r["deleted"]}
    if not candidates:
        return set()
    with ctx.store.read() as conn:
        return candidates - replica.local_ids(conn, "projects", candidates)


def _drop_strays(ctx: SyncContext, conn: Connection, rows: Sequence[ServerRow],
                 extra: Sequence[ServerRow]) -> list[ServerRow]:
    """The end of my assignment to a dossier I no longer hold: nothing to apply it to."""
    ended = {r["project_id"] for t, r in rows if t == "assignments" and r["deleted"]}
    if not ended:
        return list(rows)
    arriving = {r["id"] for t, r in [*rows, *extra] if t == "projects"}
    held = replica.local_ids(conn, "projects", ended) | arriving
    return [(t, r) for t, r in rows
            if not (t == "assignments" and r["deleted"] and r["project_id"] not in held)]
