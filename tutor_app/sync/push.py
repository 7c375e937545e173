"""Push (DESIGN §5.2-5.3): the outbox goes up in batches, one server transaction each.

An entry is marked in flight in the same local transaction that reads it (so no edit folds into
it afterwards), sent as it is, and removed only after the server committed it and the client
heard the result. A connection lost at any point leaves it in flight: the next sync sends the
very same payload, and the server answers the first result again (a replay writes nothing).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from tutor_app.domain.schema import ENTITY_BY_TABLE, now_instant
from tutor_app.store import remote
from tutor_app.store.database import IN_LIST, driver_cursor, id_list
from tutor_app.store.local import get_state, set_state
from tutor_app.store.writer import OUTBOX
from tutor_app.sync.context import CURSOR, INITIAL_DONE, SyncContext
from tutor_app.sync.wire import complete_rev, head_cursor

log = logging.getLogger("tutor.sync.push")

PUSH_BATCH = 1000
# Rejections after which the local value goes back to the server's and the row is fetched again.
_REFRESH_REASONS = frozenset({"forbidden", "immutable", "invalid", "malformed", "future_stamp", "forged_stamp",
                              "bad_revision", "reused_id"})
# Tables whose rows the server may write otherwise than the change says (a user's record takes the
# server's role, area and initials; assignments and conflict records are the server's own).
_SERVER_SHAPED = frozenset({"tutors", "assignments", "conflicts"})


def settled_status(result: Mapping[str, Any]) -> str:
    """What a result means for the change: its status, except for a change id an import of a bundle
    took with another payload (server 0008). The server keeps this change's values as conflict
    records against the bundle's (``conflicts`` of them; they come down with the pull): a conflict
    to resolve, or, when the values were the same, a change already on the server."""
    status = str(result.get("status"))
    if status == "rejected" and result.get("reason") == "reused_id" and isinstance(result.get("taken_by"), Mapping):
        return "conflict" if result.get("conflicts") else "duplicate"
    return status


def change_payload(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The wire form of an outbox entry: the same bytes every time it is sent."""
    return {"id": entry["change_id"], "table": entry["table_name"], "row": entry["row_id"],
            "fields": dict(entry["fields"]), "stamps": dict(entry["stamps"]), "base": int(entry["base_rev"])}


def payload_json(entries: Sequence[Mapping[str, Any]]) -> str:
    """The wire form of outbox entries as read by ``_take_batch`` (fields and stamps as the JSON
    text they are stored as): ``change_payload`` of each, without decoding and encoding again."""
    return "[" + ",".join(
        f'{{"id":{json.dumps(e["change_id"])},"table":{json.dumps(e["table_name"])},"row":{json.dumps(e["row_id"])},'
        f'"fields":{e["fields"]},"stamps":{e["stamps"]},"base":{int(e["base_rev"])}}}' for e in entries) + "]"


def push_all(ctx: SyncContext, batch_size: int = PUSH_BATCH) -> None:
    """Push the outbox. When the last batch's changes were taken as the server holds them, the
    profile is at the head with the hash the push ended with: ``ctx.caught_up`` says so, and the
    sync needs no pull (nobody else wrote between the revision before the push and its own)."""
    total = _count(ctx)
    done = 0
    refresh: dict[str, set[str]] = {}
    drop: list[tuple[str, str]] = []
    while True:
        ctx.step("push", done, total)
        with ctx.store.write() as w:
            entries = _take_batch(w.conn, batch_size)
            # The hash is asked for only with the batch that may end the push and be taken whole.
            cursor_rev = _cursor_at_head(w.conn) if done + len(entries) >= total and _takeable(entries) else None
        if not entries:
            break
        ctx.caught_up = None
        ctx.step("push:sending", done, total)
        answer = ctx.session.push(ctx.store.device_id, payload_json(entries), cursor_rev=cursor_rev)
        ctx.step("push:committed", done, total)
        with ctx.store.write() as w:
            _settle(ctx, w.conn, entries, answer.results, refresh, drop)
            taken = _take_own_writes(w.conn, entries, answer.results, answer.rev, answer.at)
        if taken and answer.rev is not None and answer.scope_hash is not None:
            ctx.caught_up = (answer.rev, answer.scope_hash)
        done += len(entries)
    if refresh or drop:
        ctx.caught_up = None  # rows fetched again below may be newer than the push
        _restore_rejected(ctx, refresh, drop)


def _take_own_writes(conn: Connection, entries: Sequence[Mapping[str, Any]], results: Sequence[Mapping[str, Any]],
                     rev: int | None, at: str | None) -> bool:
    """The pusher's own changes, as the server now holds them, without pulling them back.

    Only when nothing can be skipped or differ: the local cursor stood exactly at the revision
    before this push (everything up to it delivered, nothing committed by anyone in between, so
    every row at this push's revision was written by it), and every change was applied as sent: an
    edit of a row the server held at the change's base (not merged, no conflict, no record, no
    assignment, not a creation, not a row the server shapes itself), the local row still at that
    base. The server's row is then the local one (pending later edits aside, which a pull keeps
    anyway) with the push's revision and time: those are written, and the cursor moves past the
    push in the same transaction. Anything else: nothing is done here, and the pull brings the rows.
    """
    if rev is None or at is None or not _takeable(entries) or _cursor_at_head(conn) != rev - 1:
        return False
    by_id = {r.get("id"): r for r in results}
    for entry in entries:
        result = by_id.get(entry["change_id"])
        if result is None or set(result) != {"id", "status", "rev"} or result["status"] != "applied" \
                or result["rev"] != rev:
            return False
    cur = driver_cursor(conn)
    by_table: dict[str, list[str]] = {}
    for entry in entries:
        by_table.setdefault(entry["table_name"], []).append(entry["row_id"])
    # Every row first, then the writes: all of them are taken, or none (the pull brings them).
    # Table names come from ENTITY_BY_TABLE (checked above), never from the server.
    base = {(e["table_name"], e["row_id"]): int(e["base_rev"]) for e in entries}
    for table, ids in by_table.items():
        cur.execute(f"SELECT id, rev FROM {table} WHERE id {IN_LIST}", (id_list(ids),))
        found = dict(cur.fetchall())
        if any(found.get(row_id) != base[table, row_id] for row_id in ids):
            return False
    for table, ids in by_table.items():
        cur.execute(f"UPDATE {table} SET rev = ?, updated_at = ? WHERE id {IN_LIST}",
                    (rev, at, id_list(ids)))
    set_state(conn, CURSOR, head_cursor(rev))
    return True


def _takeable(entries: Sequence[Mapping[str, Any]]) -> bool:
    """Changes the pusher could take as the server will hold them, if applied as sent: edits (not
    creations) of rows the server does not shape itself, each row once."""
    rows = {(e["table_name"], e["row_id"]) for e in entries}
    return bool(entries) and len(rows) == len(entries) and all(
        e["table_name"] in ENTITY_BY_TABLE and e["table_name"] not in _SERVER_SHAPED and int(e["base_rev"]) > 0
        for e in entries)


def _cursor_at_head(conn: Connection) -> int | None:
    """The revision up to which the profile holds every change, when its cursor stands at a head
    (between two revisions, not inside one) after a first full pull; else None."""
    return complete_rev(get_state(conn, CURSOR)) if get_state(conn, INITIAL_DONE) else None


def _count(ctx: SyncContext) -> int:
    with ctx.store.read() as conn:
        return len(conn.execute(select(OUTBOX.c.seq)).all())


_ENTRY_COLUMNS = ("seq", "change_id", "table_name", "row_id", "project_id", "fields", "stamps", "base_rev",
                  "in_flight")


def _take_batch(conn: Connection, batch_size: int) -> list[dict[str, Any]]:
    """The next entries, marked in flight; their fields and stamps stay JSON text as stored (they
    go up as they are: ``payload_json``)."""
    cur = driver_cursor(conn)
    cur.execute(f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM outbox ORDER BY seq LIMIT ?", (batch_size,))
    rows = [dict(zip(_ENTRY_COLUMNS, values, strict=True)) for values in cur.fetchall()]
    fresh = [r["seq"] for r in rows if not r["in_flight"]]
    if fresh:
        cur.execute(f"UPDATE outbox SET in_flight = 1 WHERE seq {IN_LIST}", (id_list(fresh),))
    return rows


def _settle(ctx: SyncContext, conn: Connection, entries: Sequence[Mapping[str, Any]],
            results: Sequence[Mapping[str, Any]], refresh: dict[str, set[str]], drop: list[tuple[str, str]]) -> None:
    """Apply the server's verdicts: every entry it answered leaves the outbox."""
    by_id = {r.get("id"): r for r in results}
    report = ctx.report
    gone: list[int] = []
    for entry in entries:
        result = by_id.get(entry["change_id"])
        if result is None:
            raise RuntimeError(f"the server gave no result for change {entry['change_id']}")
        status = result["status"]
        if status == "duplicate":
            report.duplicates += 1
            status = result.get("original", "applied")
        report.pushed += 1
        gone.append(entry["seq"])
        if result["status"] == "rejected" and settled_status(result) != "rejected":
            # A bundle took this change's id: no bare rejection, the values are conflict records on
            # the server; the local row goes back to the server's, the pull brings the records.
            report.taken.append({"table": entry["table_name"], "row": entry["row_id"], "result": dict(result)})
            if settled_status(result) == "conflict":
                report.conflicts += 1
            else:
                report.duplicates += 1
            refresh.setdefault(entry["table_name"], set()).add(entry["row_id"])
            if entry["base_rev"] == 0 and json.loads(entry["fields"]).get("deleted", True) is False:
                drop.append((entry["table_name"], entry["row_id"]))  # kept only if the server has the row
            log.warning("change %s to %s %s: its id was taken by bundle %s", entry["change_id"],
                        entry["table_name"], entry["row_id"], result["taken_by"].get("bundle_id"))
            continue
        if status == "rejected":
            fields = json.loads(entry["fields"])
            reason = str(result.get("reason", "rejected"))
            report.rejected += 1
            report.rejections.append({"table": entry["table_name"], "row": entry["row_id"], "reason": reason})
            remote.record_rejection(conn, change_id=entry["change_id"], table=entry["table_name"],
                                    row_id=entry["row_id"], project_id=entry["project_id"], fields=fields,
                                    reason=reason, detail=result.get("detail"), at=now_instant())
            log.warning("change %s to %s %s refused by the server: %s", entry["change_id"], entry["table_name"],
                        entry["row_id"], reason)
            if reason in _REFRESH_REASONS:
                refresh.setdefault(entry["table_name"], set()).add(entry["row_id"])
            if reason in _REFRESH_REASONS and entry["base_rev"] == 0 and fields.get("deleted", True) is False:
                drop.append((entry["table_name"], entry["row_id"]))  # a creation the server never took
        elif status == "conflict":
            report.conflicts += 1
        else:
            report.applied += 1
    # The dossier list counts waiting changes: rebuilt once for the batch, not once per entry.
    with remote.quiet_dossier_index(conn, len(gone) >= 200, outbox_only=True) as touched:
        driver_cursor(conn).execute(f"DELETE FROM outbox WHERE seq {IN_LIST}",
                                    (id_list(gone),))
        touched.update(e["project_id"] for e in entries if e["project_id"])


def _restore_rejected(ctx: SyncContext, refresh: Mapping[str, set[str]], drop: Sequence[tuple[str, str]]) -> None:
    """A refused change: the local value returns to the server's (the user's stays in the record)."""
    fetched: list[remote.ServerRow] = []
    for table, ids in refresh.items():
        listed = sorted(ids)
        for start in range(0, len(listed), 500):
            fetched += ctx.session.fetch(table, listed[start:start + 500])
    present = {(t, r["id"]) for t, r in fetched}
    with ctx.store.write() as w:
        if fetched:
            remote.apply_rows(w.conn, fetched, w.clock)
        # Children first, so a refused dossier goes with the rows the server refused under it.
        order = {name: n for n, name in enumerate(ENTITY_BY_TABLE)}
        for table, row_id in sorted(drop, key=lambda d: -order[d[0]]):
            if (table, row_id) not in present and not remote.pending_fields(w.conn, table, [row_id]):
                remote.drop_row(w.conn, table, row_id)
