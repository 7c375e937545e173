"""What follows a change the server refused, made safe against a cut or a kill at any point
(part of the push, step 3 of a sync: ``sync.push``, ``sync.engine``).

The push removes a refused change from the outbox and keeps the user's values as a rejection
record; two things remain: the rows it touched are fetched again (the local value returns to the
server's), and a creation the server never took is removed. That work is written down
(``store.state.REFUSED_UNSETTLED``) in the very transaction that removes the outbox entries, and
done at the start of every sync (before the push) and after each push, until it is done: a sync
cut in between leaves the list, never a row that only this profile holds.

A profile that came to such a row otherwise (an older Tutor, a cut before this list existed) is
put right by the sanity repair: a row of a dossier fetched again that the server does not have,
with nothing waiting to go up for it, becomes a rejection the user sees ("not_on_server") and
leaves the dossier (``resolve_strays``), so the next sync is idle.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from tutor_app.domain.schema import ENTITIES, ENTITY_BY_TABLE, now_instant
from tutor_app.store import hashes, outbox, replica
from tutor_app.store.database import driver_cursor
from tutor_app.store.state import REFUSED_UNSETTLED
from tutor_app.sync.context import SyncContext
from tutor_app.sync.session import ServerRow

log = logging.getLogger("tutor.sync.refused")

NOT_ON_SERVER = "not_on_server"
_FETCH_CHUNK = 500
# Parents before children (ENTITIES' order): removals go the other way, children first.
_ORDER = {entity.table: n for n, entity in enumerate(ENTITIES)}
_STRAY_NAMESPACE = uuid.UUID("5d0c8f4e-3b7a-4d59-9a57-6a1f0d2c7e11")


def note(conn: Connection, refresh: Mapping[str, Iterable[str]], drop: Iterable[tuple[str, str]]) -> None:
    """Add to the work left by refused changes, inside the transaction that removes their outbox
    entries (so the one is never committed without the other)."""
    dropping = [[table, row_id] for table, row_id in drop]
    if not dropping and not any(refresh.values()):
        return
    work = _work(REFUSED_UNSETTLED.get(conn))
    for table, ids in refresh.items():
        work["refresh"][table] = sorted(set(work["refresh"].get(table, [])) | set(ids))
    work["drop"] = sorted({tuple(d) for d in [*work["drop"], *dropping]})
    REFUSED_UNSETTLED.set(conn, work)


def unsettled(ctx: SyncContext) -> bool:
    """Whether refused changes still have work left (then no sync can be idle)."""
    return bool(ctx.store.state(REFUSED_UNSETTLED))


def settle(ctx: SyncContext) -> bool:
    """Do the work refused changes left, if any: the rows they touched fetched again, creations the
    server never took removed (unless edits of them wait to go up). Returns whether there was any."""
    work = _work(ctx.store.state(REFUSED_UNSETTLED))
    if not work["refresh"] and not work["drop"]:
        return False
    ctx.step("refused")
    fetched: list[ServerRow] = []
    for table, ids in work["refresh"].items():
        if table not in ENTITY_BY_TABLE:
            continue  # written by this module only; a table the schema lost has nothing to fetch
        for start in range(0, len(ids), _FETCH_CHUNK):
            fetched += ctx.session.fetch(table, ids[start:start + _FETCH_CHUNK])
    ctx.step("refused:fetched")
    present = {(t, r["id"]) for t, r in fetched}
    with ctx.store.write() as w:
        if fetched:
            replica.apply_rows(w.conn, fetched, w.clock)
        # Children first, so a refused dossier goes with the rows the server refused under it.
        for table, row_id in sorted(work["drop"], key=lambda d: -_ORDER.get(d[0], -1)):
            if table in ENTITY_BY_TABLE and (table, row_id) not in present \
                    and not outbox.pending_fields(w.conn, table, [row_id]):
                replica.drop_row(w.conn, table, row_id)
        _forget(w.conn, work)
    log.info("settled refused changes: %d rows fetched again, %d creations looked at",
             sum(len(ids) for ids in work["refresh"].values()), len(work["drop"]))
    return True


def resolve_strays(ctx: SyncContext, conn: Connection, rows: Sequence[ServerRow],
                   project_ids: Iterable[str]) -> int:
    """Rows of dossiers just fetched whole (``rows``, the server's snapshot) that the server does
    not have and nothing explains: kept as a rejection the user sees, and removed, children first.

    Only dossiers whose own row came back are judged (one that left the user's view meanwhile
    comes back empty: its rows are not strays). A row with an outbox entry is explained: it goes
    up next and the server decides. Returns how many rows were removed."""
    wanted = set(project_ids)
    seen = {(t, r["id"]) for t, r in rows}
    judged = sorted(r["id"] for t, r in rows if t == "projects" and r["id"] in wanted)
    if not judged:
        return 0
    removed = 0
    at = now_instant()
    for entity in reversed(hashes.PROJECT_ENTITIES):
        table = replica.table_of(entity.table)
        key = table.c[entity.project_key or "id"]
        local: list[str] = []
        for start in range(0, len(judged), _FETCH_CHUNK):
            local += conn.execute(select(table.c.id).where(key.in_(judged[start:start + _FETCH_CHUNK]))).scalars()
        strays = [row_id for row_id in local if (entity.table, row_id) not in seen]
        if not strays:
            continue
        waiting = outbox.pending_fields(conn, entity.table, strays)
        strays = [row_id for row_id in strays if row_id not in waiting]
        found = replica.load_rows(conn, entity.table, strays)
        for row_id in strays:
            row = found[row_id]
            if not replica.drop_row(conn, entity.table, row_id):
                log.warning("%s %s is not on the server but other rows refer to it: kept", entity.table, row_id)
                continue
            removed += 1
            if not row["deleted"] and not _rejected_before(conn, entity.table, row_id):
                replica.record_rejection(
                    conn, change_id=str(uuid.uuid5(_STRAY_NAMESPACE, f"{entity.table}/{row_id}")),
                    table=entity.table, row_id=row_id, project_id=hashes.project_of(entity, row),
                    fields={name: row[name] for name in entity.field_names}, reason=NOT_ON_SERVER, detail=None, at=at)
                ctx.report.rejected += 1
                ctx.report.rejections.append({"table": entity.table, "row": row_id, "reason": NOT_ON_SERVER})
            log.warning("%s %s was only in this profile (not on the server, nothing waiting): removed",
                        entity.table, row_id)
    return removed


def _rejected_before(conn: Connection, table: str, row_id: str) -> bool:
    """The user was shown already why this row went (its creation was refused)."""
    found = driver_cursor(conn).execute(
        "SELECT 1 FROM sync_rejections WHERE table_name = ? AND row_id = ? LIMIT 1", (table, row_id)).fetchone()
    return found is not None


def _work(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {"refresh": {}, "drop": []}
    return {"refresh": {str(t): list(ids) for t, ids in dict(value.get("refresh") or {}).items()},
            "drop": [tuple(d) for d in value.get("drop") or []]}


def _forget(conn: Connection, done: Mapping[str, Any]) -> None:
    """Take the work done off the list (read again under the write lock: only what was done goes)."""
    left = _work(REFUSED_UNSETTLED.get(conn))
    for table, ids in done["refresh"].items():
        rest = sorted(set(left["refresh"].get(table, [])) - set(ids))
        if rest:
            left["refresh"][table] = rest
        else:
            left["refresh"].pop(table, None)
    left["drop"] = sorted(set(left["drop"]) - set(done["drop"]))
    if left["refresh"] or left["drop"]:
        REFUSED_UNSETTLED.set(conn, left)
    else:
        REFUSED_UNSETTLED.clear(conn)
