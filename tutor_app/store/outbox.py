"""The outbox (DESIGN §5.2): the local edits waiting to go up, and the only module that reads or
writes its table (``store.models.OutboxEntry``).

An edit queues its change here in the edit's own transaction (``store.writer``); unsent entries
of one row are combined (the newest value per field, the oldest base revision). The push takes
entries in batches and marks them in flight in the transaction that reads them, so that no edit
folds into an entry on its way (``take_batch``); an entry leaves only once the server has
answered for it (``remove_answered``, by ``sync.push``). An export to a bundle freezes every
entry the same way (``freeze_all``). The pull keeps the local value of a field that waits here
(``pending_fields``); the rest are the counts and lists that the screens and the sync show.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, select, text, update

from tutor_app.domain.ids import new_id
from tutor_app.domain.schema import Entity, Kind
from tutor_app.store.bulk import dossier_triggers_aside
from tutor_app.store.database import IN_LIST, driver_cursor, id_list
from tutor_app.store.models import OutboxEntry

OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]

# Entries removed at once from which the dossier list's waiting counts are recomputed once for the
# batch, not once per entry by the list's triggers.
_QUIET_FROM = 200
_FREEZE_CHUNK = 500
# Entries of a dossier that are not edits of its records: marking a conflict record resolved, an
# assignment (the coordinator's). The server ignores them too (its 0004 revision).
_NOT_DOSSIER_EDITS = ("projects", "conflicts", "assignments")

# -- queueing (store.writer) ---------------------------------------------------------------------


def queue_change(cur: sqlite3.Cursor, entity: Entity, row_id: str, project_id: str | None,
                 fields: Mapping[str, Any], stamps: Mapping[str, str], base_rev: int, now: str,
                 own_entry: bool = False, before: Mapping[str, Any] | None = None,
                 change_set: str | None = None) -> None:
    """Write the outbox entry of an edit, folding it into the row's unsent entry when there is one.

    ``cur`` is the edit's own transaction (the sqlite3 cursor: an edit must cost little more than
    its durable commit); ``own_entry`` opens a new entry whatever is pending; ``before`` holds the
    changed fields' old values (None for a new record), kept for the changes-waiting view only:
    a folded entry keeps the oldest value of each field. ``change_set`` names the set the entry
    belongs to (an investors' merge): its own entry, never folded into an older one, and sent in
    one push with the rest of its set (``_cut``)."""
    pending = None
    if not own_entry and change_set is None:
        cur.execute("SELECT seq, fields, stamps, before, base_rev FROM outbox WHERE table_name = ? AND row_id = ? "
                    "AND in_flight = 0 ORDER BY seq DESC LIMIT 1", (entity.table, row_id))
        pending = cur.fetchone()
    # A new reference may point at a row created after the pending entry: folded into that
    # older entry it would reach the server before its parent, so it opens an entry of its own.
    if pending is not None and any(entity.by_name[f].kind is Kind.REF for f in fields if f in entity.by_name):
        pending = None
    if pending is None:
        cur.execute("INSERT INTO outbox (change_id, table_name, row_id, project_id, fields, stamps, base_rev, "
                    "created_at, updated_at, in_flight, before, change_set) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                    (new_id(), entity.table, row_id, project_id, _json(fields), _json(stamps),
                     base_rev, now, now, None if before is None else _json(before), change_set))
        return
    # The newest value per field, the oldest base revision (the pending entry's own), the oldest
    # value before: none for a new record (its entry has none); an entry queued before the local
    # schema 0005 knew none, and learns those of the fields changed from now on.
    seq, old_fields, old_stamps, old_before, old_base = pending
    created = old_before is None and int(old_base) == 0
    kept = None if created else _json({**(before or {}), **json.loads(old_before or "{}")})
    cur.execute("UPDATE outbox SET fields = ?, stamps = ?, updated_at = ?, before = ? WHERE seq = ?",
                (_json({**json.loads(old_fields), **fields}), _json({**json.loads(old_stamps), **stamps}),
                 now, kept, seq))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# -- taking and settling (sync.push, sync.bundle) --------------------------------------------------

_ENTRY_COLUMNS = ("seq", "change_id", "table_name", "row_id", "project_id", "fields", "stamps", "base_rev",
                  "in_flight", "change_set")


def take_batch(conn: Connection, batch_size: int, max_bytes: int, after: int = 0) -> list[dict[str, Any]]:
    """The next entries after ``after`` (the last entry of a batch sent and not yet answered for),
    marked in flight; their fields and stamps stay JSON text as stored (they go up as they are:
    ``sync.push.payload_json``). At most ``batch_size`` entries and about ``max_bytes``, never cut
    between the creations of one dossier's rows (see ``_cut``)."""
    cur = driver_cursor(conn)
    columns = f"{', '.join(_ENTRY_COLUMNS)}, length(CAST(fields AS BLOB)) + length(CAST(stamps AS BLOB))"
    cur.execute(f"SELECT {columns} FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (after, batch_size + 1))
    fetched = cur.fetchall()
    # A change set that the batch's end would cut: the rest of it is read too (``_cut`` keeps it whole).
    last_set = fetched[-1][_ENTRY_COLUMNS.index("change_set")] if len(fetched) > batch_size else None
    if last_set is not None:
        cur.execute(f"SELECT {columns} FROM outbox WHERE change_set = ? AND seq > ? ORDER BY seq",
                    (last_set, fetched[-1][0]))
        fetched += cur.fetchall()
    rows = [dict(zip(_ENTRY_COLUMNS, values, strict=False)) for values in fetched]
    rows = rows[:_cut(rows, [v[-1] for v in fetched], batch_size, max_bytes)]
    fresh = [r["seq"] for r in rows if not r["in_flight"]]
    if fresh:
        cur.execute(f"UPDATE outbox SET in_flight = 1 WHERE seq {IN_LIST}", (id_list(fresh),))
    return rows


def _cut(rows: Sequence[Mapping[str, Any]], sizes: Sequence[int], batch_size: int, max_bytes: int) -> int:
    """Where a batch ends. Rows created together in one dossier (a new dossier with its checklist,
    a meeting with its action items) and the entries of one change set (an investors' merge) go up
    in one server transaction: a cut that would fall between two of them moves back to the start
    of their run, or, when the run starts the batch, forward to its end."""
    end, total = 0, 0
    while end < len(rows) and end < batch_size and (end == 0 or total + sizes[end] <= max_bytes):
        total += sizes[end]
        end += 1
    if end >= len(rows) or not _together(rows[end - 1], rows[end]):
        return end
    start = end - 1
    while start > 0 and _together(rows[start - 1], rows[start]):
        start -= 1
    if start > 0:
        return start
    while end < len(rows) and _together(rows[end - 1], rows[end]):
        end += 1
    return end


def _together(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a.get("change_set") is not None and a.get("change_set") == b.get("change_set"):
        return True
    return int(a["base_rev"]) == 0 and int(b["base_rev"]) == 0 and a["project_id"] is not None \
        and a["project_id"] == b["project_id"]


def remove_answered(conn: Connection, entries: Sequence[Mapping[str, Any]]) -> None:
    """Take out the entries the server has answered for (committed, and the client heard so)."""
    gone = [e["seq"] for e in entries]
    if len(gone) < _QUIET_FROM:
        driver_cursor(conn).execute(f"DELETE FROM outbox WHERE seq {IN_LIST}", (id_list(gone),))
        return
    # The dossier list counts waiting changes: recounted once for the batch, not once per entry.
    # Only that count can move (``pending`` of ``dossier_index_source``), not the rest of a summary.
    touched = {e["project_id"] for e in entries if e["project_id"]}
    with dossier_triggers_aside(conn) as cur:
        cur.execute(f"DELETE FROM outbox WHERE seq {IN_LIST}", (id_list(gone),))
        cur.execute("UPDATE dossier_index SET pending = (SELECT count(*) FROM outbox o "
                    f"WHERE o.project_id = dossier_index.id) WHERE id {IN_LIST}", (id_list(touched),))


def freeze_all(conn: Connection) -> list[dict[str, Any]]:
    """Every entry, oldest first (fields and stamps decoded), marked in flight: a later edit opens
    a new entry, so each of these goes up with the very payload read here (an offline bundle)."""
    entries = entries_waiting(conn)
    fresh = [e["seq"] for e in entries if not e["in_flight"]]
    for start in range(0, len(fresh), _FREEZE_CHUNK):
        conn.execute(update(OUTBOX).where(OUTBOX.c.seq.in_(fresh[start:start + _FREEZE_CHUNK])).values(in_flight=True))
    return entries


def forget_rows(conn: Connection, row_ids: Iterable[str]) -> None:
    """Drop what waits to go up for these rows (rows that give way to the server's and never go up)."""
    for row_id in row_ids:
        conn.execute(delete(OUTBOX).where(OUTBOX.c.row_id == row_id))


# -- what waits (the pull, the sync's checks, the screens) ----------------------------------------


def pending_fields(conn: Connection, table: str, row_ids: Sequence[str]) -> dict[str, set[str]]:
    """The fields of each row that have an edit waiting to go up (one statement, by the outbox's
    index on table and row)."""
    found: dict[str, set[str]] = {}
    cur = driver_cursor(conn)
    cur.execute(f"SELECT row_id, fields FROM outbox WHERE table_name = ? AND row_id {IN_LIST}",
                (table, id_list(row_ids)))
    for row_id, fields in cur.fetchall():
        found.setdefault(row_id, set()).update(json.loads(fields))
    return found


def dossiers_with_record_edits(conn: Connection, project_ids: Sequence[str]) -> list[str]:
    """Those of the dossiers with an edit of one of their records waiting (not of the dossier's own
    row, an assignment or a conflict record)."""
    return list(conn.execute(select(OUTBOX.c.project_id).distinct().where(
        OUTBOX.c.project_id.in_(project_ids), OUTBOX.c.table_name.not_in(_NOT_DOSSIER_EDITS))).scalars())


def dossiers_waiting(conn: Connection) -> set[str]:
    """The dossiers with anything waiting to go up."""
    return set(conn.execute(select(OUTBOX.c.project_id).where(OUTBOX.c.project_id.is_not(None))).scalars())


def dossiers_to_create(conn: Connection) -> set[str]:
    """The dossiers made here that wait to be created on the server."""
    return set(conn.execute(select(OUTBOX.c.row_id).where(
        OUTBOX.c.table_name == "projects", OUTBOX.c.base_rev == 0)).scalars())


def first_waiting(conn: Connection) -> tuple[str, int] | None:
    """The table and base revision of the entry that goes up next (None: nothing waits)."""
    found = driver_cursor(conn).execute("SELECT table_name, base_rev FROM outbox ORDER BY seq LIMIT 1").fetchone()
    return None if found is None else (str(found[0]), int(found[1]))


ANYTHING_WAITING_SQL = "SELECT 1 FROM outbox LIMIT 1"  # a row when an entry waits to go up


def anything_waiting(conn: Connection) -> bool:
    return conn.exec_driver_sql(ANYTHING_WAITING_SQL).first() is not None


def waiting_count(conn: Connection, project_id: str | None = None) -> int:
    """How many changes wait to go up: of one dossier, or of the whole profile."""
    if not project_id:
        return int(conn.execute(text("SELECT count(*) FROM outbox")).scalar_one())
    return int(conn.execute(text("SELECT count(*) FROM outbox WHERE project_id = :p"), {"p": project_id}).scalar_one())


def entries_waiting(conn: Connection) -> list[dict[str, Any]]:
    """Every entry, oldest first, fields and stamps decoded."""
    return [dict(r) for r in conn.execute(select(OUTBOX).order_by(OUTBOX.c.seq)).mappings()]


def latest_waiting(conn: Connection, project_id: str | None, limit: int) -> list[tuple[Any, ...]]:
    """The newest ``limit`` entries (of one dossier, or of all): table, row, dossier, fields (JSON
    text), last edit, base revision."""
    where, params = ("WHERE project_id = :p", {"p": project_id}) if project_id else ("", {})
    return [tuple(r) for r in conn.execute(text(
        f"SELECT table_name, row_id, project_id, fields, updated_at, base_rev FROM outbox {where} "
        "ORDER BY updated_at DESC, seq DESC LIMIT :limit"), {**params, "limit": limit}).all()]
