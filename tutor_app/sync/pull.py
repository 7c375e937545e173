"""Pull (DESIGN §5.4-5.5): the change feed after the cursor, in short batches; each batch and the
new cursor are committed locally in one transaction, so a pull killed at any point resumes where
it stopped. A dossier that comes into view (a new assignment, a project moved into a regional
tutor's area) arrives as a snapshot of its present state, without moving the cursor.

Step 5 of a sync (``sync.engine``). The rows are applied by the local replica
(``store.replica``); the last batch returns the head and hash it reached (``Reached``) for the
sanity check (``sync.sanity``).

The next batch is asked for while this one is applied (``_Ahead``): the server reads and sends it
on its own core meanwhile: a first sync of a region takes about a quarter less time. Only the
question is early: the batch is applied, with its cursor, after the one before, as always.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from sqlalchemy import Connection

from tutor_app.store import replica
from tutor_app.store.state import CURSOR, HELD_REVS, INITIAL_DONE
from tutor_app.sync.context import Reached, SyncContext
from tutor_app.sync.session import START, Cursor, PullBatch, Revs, ServerRow, ServerSession, fold_held

log = logging.getLogger("tutor.sync.pull")

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
    with _Ahead(ctx.session) as ahead:
        ctx.step("pull", ctx.report.pulled)
        ahead.ask(cursor, batch_size, held)
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
                ahead.ask(next_cursor, batch_size, next_held)  # read by the server while this one is applied
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


class _Ahead:
    """The next pull batch, asked for on another thread while this one is applied. The session is
    used by one thread at a time: a batch is asked for only once the one before is answered and
    its snapshots fetched. A sync that stops with a batch asked for (an error, Ctrl-C) cuts that
    call and waits for it to end: no call outlives the pull on its connection, and a dead network
    does not hold the stop for a connection's time-out. What such a call brought is not applied."""

    def __init__(self, session: ServerSession) -> None:
        self._session = session
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tutor-pull")
        self._pending: Future[PullBatch] | None = None

    def ask(self, cursor: Cursor, limit: int, skip: Revs) -> None:
        assert self._pending is None, "one question at a time on a session"
        self._pending = self._pool.submit(self._session.pull, cursor, limit, skip)

    def answer(self) -> PullBatch:
        assert self._pending is not None
        while True:  # in short waits: Ctrl-C reaches this thread (not the one in the call) at once
            try:
                batch = self._pending.result(timeout=0.2)
            except TimeoutError:
                continue
            self._pending = None
            return batch

    def __enter__(self) -> _Ahead:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            if not pending.done():
                self._session.interrupt()
            try:
                pending.result()
            except Exception:  # the stop is what is reported; this call's own failure goes to the log
                log.warning("a pull batch asked for ahead failed after the sync had stopped", exc_info=True)
        self._pool.shutdown(wait=True)


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
