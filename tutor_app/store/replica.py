"""The local replica's apply side (DESIGN §5.4-5.5): rows the server sent (a feed batch, a
snapshot, rows fetched again) applied to the local copy; rows that wait for their parent
(``sync_parked``); a dossier purged once it leaves the user's view; a row the server never took
dropped; a refused change kept as a rejection record the user sees. The sync (``sync.pull``,
``sync.push``, ``sync.refused``, ``sync.sanity``) decides when; this module does it.

Rows come in as plain ``(table, row)`` pairs (``TableRow``): the store knows nothing of the
session that brought them (``sync.session``). Never writes an outbox entry (``store.outbox``):
what comes from the server is already there. Rules:
- a field with a pending local edit keeps the local value (it goes up next; the server decides);
- a pulled tombstone against pending local edits leaves the row alive for now: the edits go up
  and the server records the delete-vs-edit conflict; never a silent delete;
- rows are applied parents first; a row whose parent is not here yet waits (``sync_parked``);
- a row older than the local copy (a snapshot raced the feed) is skipped;
- every stamp seen advances the device's clock.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, delete, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tutor_app.domain.hlc import HybridClock, Stamp
from tutor_app.domain.schema import ENTITIES, ENTITY_BY_TABLE, Entity, Kind
from tutor_app.store import deleters, hashes, outbox
from tutor_app.store.bulk import dossier_triggers_aside
from tutor_app.store.database import IN_LIST, driver_cursor, id_list
from tutor_app.store.models import Base, ParkedRow, Rejection
from tutor_app.store.writer import ALL_FIELDS, field_stamp, permit_due_on

PARKED: Table = ParkedRow.__table__  # type: ignore[assignment]
REJECTIONS: Table = Rejection.__table__  # type: ignore[assignment]
BOOKKEEPING = ("id", "created_at", "updated_at", "deleted", "rev", "stamps")
_CHUNK = 500  # ids bound as variables in one statement
_READ_CHUNK = 5000  # rows of a table read at once when applying (their ids travel as one JSON list)
_MAX_SHAPES = 8  # ways rows of one table change in one application, beyond which they are written whole
_QUIET_FROM = 200  # rows in one application from which the dossier list is rebuilt once, not per row
# The tables the dossier list's summary is made of (its view and triggers, local schema 0001); the
# names of investors and tutors are followed apart (``_projects_naming``). A dossier whose other
# rows (meetings, notes...) changed keeps its summary: nothing to rebuild.
_SUMMARY_TABLES = frozenset({"projects", "phase_entries", "permit_items", "assignments"})

# (table, the row as the server holds it): what the replica applies, from whichever session or
# file brought it (the sync names it ``sync.session.ServerRow``).
TableRow = tuple[str, Mapping[str, Any]]


@dataclass
class Applied:
    """What one application did."""

    written: int = 0  # rows applied: written, or found already as the server holds them
    stale: int = 0
    parked: int = 0
    projects: set[str] = field(default_factory=set)
    summaries: set[str] = field(default_factory=set)  # dossiers whose summary in the list may have moved


def table_of(name: str) -> Table:
    return Base.metadata.tables[name]


def apply_rows(conn: Connection, rows: Sequence[TableRow], clock: HybridClock) -> Applied:
    """Apply server rows (a feed batch, a snapshot, fetched rows) in one transaction."""
    result = Applied()
    by_table: dict[str, dict[str, Mapping[str, Any]]] = {}
    for table, row in rows:
        if table not in ENTITY_BY_TABLE:
            raise ValueError(f"the server sent a row of an unknown table {table!r}")
        mine = by_table.setdefault(table, {})
        previous = mine.get(row["id"])
        if previous is None or previous["rev"] <= row["rev"]:
            mine[row["id"]] = row
    latest = max((s for _t, r in rows for s in r["stamps"].values()), default=None)
    if latest:
        clock.observe(Stamp.decode(latest))
    deltas: dict[str, int] = {}
    with quiet_dossier_index(conn, len(rows) >= _QUIET_FROM) as touched:
        parked = _has_parked(conn)
        for entity in ENTITIES:
            incoming = by_table.get(entity.table)
            if incoming:
                _apply_table(conn, entity, list(incoming.values()), result, deltas, parked)
        if parked or result.parked:
            _retry_parked(conn, result, deltas)
        touched.update(result.summaries, _projects_naming(conn, by_table))
    hashes.shift(conn, deltas)
    deleters.note_unnamed(conn, deleters.tombstone_devices(rows))
    return result


def _apply_table(conn: Connection, entity: Entity, rows: Sequence[Mapping[str, Any]], result: Applied,
                 deltas: dict[str, int], parked: bool) -> None:
    cur = driver_cursor(conn)
    columns = _columns(entity.table)
    inserts: list[dict[str, Any]] = []
    updates: list[tuple[list[Any], tuple[int, ...]]] = []  # the row's values, the columns that change
    applied: list[str] = []
    for start in range(0, len(rows), _READ_CHUNK):  # the reads in chunks (memory); one write
        chunk = rows[start:start + _READ_CHUNK]
        ids = [r["id"] for r in chunk]
        existing, stored = _load(cur, entity, ids)
        pending = outbox.pending_fields(conn, entity.table, ids) if existing else {}
        if entity.table == "projects" and existing:
            _hold_deleted_dossiers(conn, chunk, existing, pending)
        missing = _missing_parents(cur, entity, [r for r in chunk if _parents_changed(entity, r, existing)])
        for row in chunk:
            local = existing.get(row["id"])
            if local is not None and local["rev"] > row["rev"]:
                result.stale += 1
                continue
            if missing and any(row.get(f.name) in missing for f in entity.fields if f.ref):
                _park(conn, entity.table, row)
                result.parked += 1
                continue
            values = local_values(entity, row)
            if local is None:
                inserts.append(values)
            else:
                keep = pending.get(row["id"])
                if keep is not None:
                    _keep_pending(values, local, keep)
                db_values = _db_values(entity, values)
                changed = _changed(db_values, stored[row["id"]])
                if changed:
                    updates.append((db_values, changed))
            applied.append(row["id"])
            _track(entity, local, values, result, deltas)
    # A table never refers to itself (schema), so its rows are written after all of them are read.
    write_staged(cur, entity.table, columns, [_db_values(entity, v) for v in inserts], update=False)
    for written, shaped in _by_changed_columns(columns, updates).items():
        write_staged(cur, entity.table, written, shaped, update=True)
    if parked:
        cur.executemany("DELETE FROM sync_parked WHERE table_name = ? AND row_id = ?",
                        [(entity.table, row_id) for row_id in applied])
    result.written += len(applied)


def _changed(values: Sequence[Any], stored: Sequence[Any]) -> tuple[int, ...]:
    """The positions (``_columns`` order, the id apart) whose stored value would change."""
    return tuple(n for n in range(1, len(values)) if not _same(stored[n], values[n]))


def _by_changed_columns(columns: Sequence[str], updates: Sequence[tuple[list[Any], tuple[int, ...]]]
                        ) -> dict[tuple[str, ...], list[list[Any]]]:
    """Updates grouped by the columns they change, each written with those columns alone: an
    index or a search-index trigger over columns that stay as they are has nothing to do, and the
    commit writes fewer pages (a pulled edit of one field used to rewrite every index of its
    table). Rows changed in many different ways are written whole, in one statement: one
    statement per shape would cost more than it saves (see ``write_staged``)."""
    shapes: dict[tuple[int, ...], list[list[Any]]] = {}
    for values, changed in updates:
        shapes.setdefault(changed, []).append(values)
    if len(shapes) > _MAX_SHAPES:
        return {tuple(columns): [values for values, _changed in updates]}
    return {("id", *(columns[n] for n in changed)): [[values[0], *(values[n] for n in changed)] for values in rows]
            for changed, rows in shapes.items()}


def _same(stored: Any, value: Any) -> bool:
    """Whether writing ``value`` would leave the stored value as it is (booleans are stored as
    integers). Strict on types: 1 and 1.0 or 5 and "5" count as different, and are written."""
    if isinstance(value, bool):
        value = int(value)
    return stored == value and type(stored) is type(value)


def write_staged(cur: sqlite3.Cursor, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *,
                 update: bool) -> None:
    """Insert or update many rows (``columns[0]`` is the id) with one statement, from a staging table.

    One statement, not one per row: a statement that fires triggers runs under a statement
    savepoint, and at every savepoint the full-text index (FTS5) writes out its pending terms as a
    new segment; the search-index triggers would then write the index once per pulled row (about
    three times slower overall). The staging table has no column types, so each value reaches the
    table's own column affinity exactly as if it were bound directly."""
    if not rows:
        return
    if sqlite3.sqlite_version_info < (3, 33, 0):  # UPDATE ... FROM: one row at a time, the same result
        _write_row_by_row(cur, table, columns, rows, update=update)
        return
    names = ", ".join(_q(c) for c in columns)
    # Named after its columns, and dropped after use: rows are written in many shapes (only the
    # columns that change), and a connection lives as long as the app.
    stage = f"sync_stage_{table}_{zlib.crc32(names.encode()):08x}"
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} ({names})")
    cur.execute(f"DELETE FROM temp.{stage}")
    cur.executemany(f"INSERT INTO temp.{stage} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
    if update:
        cur.execute(f"UPDATE main.{table} AS t SET ({', '.join(_q(c) for c in columns[1:])}) = "
                    f"({', '.join(f's.{_q(c)}' for c in columns[1:])}) FROM temp.{stage} AS s WHERE t.id = s.id")
    else:
        cur.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM temp.{stage} ORDER BY rowid")
    cur.execute(f"DROP TABLE temp.{stage}")


def _write_row_by_row(cur: sqlite3.Cursor, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *,
                      update: bool) -> None:
    if update:
        cur.executemany(f"UPDATE {table} SET {', '.join(f'{_q(c)} = ?' for c in columns[1:])} WHERE id = ?",
                        [[*row[1:], row[0]] for row in rows])
    else:
        cur.executemany(f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})", rows)


@cache
def _columns(table: str) -> tuple[str, ...]:
    """Cached by table name: hashing an Entity (a frozen dataclass of Fields) on every row costs."""
    entity = ENTITY_BY_TABLE[table]
    derived = ("legal_due_on",) if entity.table == "permit_items" else ()
    return ("id", *entity.field_names, "created_at", "updated_at", "deleted", "rev", "stamps", *derived)


@cache
def _json_columns(table: str) -> frozenset[str]:
    entity = ENTITY_BY_TABLE[table]
    return frozenset({"stamps"} | {f.name for f in entity.fields if f.kind in (Kind.ENUM_LIST, Kind.PROVINCE_LIST)})


@cache
def _bool_columns(table: str) -> frozenset[str]:
    entity = ENTITY_BY_TABLE[table]
    return frozenset({"deleted"} | {f.name for f in entity.fields if f.kind is Kind.BOOL})


def _q(column: str) -> str:
    return f'"{column}"'


def _db_values(entity: Entity, values: Mapping[str, Any]) -> list[Any]:
    """A row's values in ``_columns`` order, JSON columns as text."""
    encoded = _json_columns(entity.table)
    return [_json(values[c]) if c in encoded and values[c] is not None else values[c]
            for c in _columns(entity.table)]


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # made once: json.dumps with options makes one per call


def _json(value: Any) -> str:
    if isinstance(value, dict) and len(value) == 1 and ALL_FIELDS in value:
        return f'{{"*": "{value[ALL_FIELDS]}"}}'  # a compact stamp: the common case, written directly
    return _ENCODER.encode(value)


def _load(cur: sqlite3.Cursor, entity: Entity,
          ids: Sequence[str]) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[Any, ...]]]:
    """The local rows with these ids, JSON columns and booleans decoded (the stamps stay JSON text
    until a pending edit needs them: ``_keep_pending``); and each row's values as stored, in
    ``_columns`` order."""
    columns = _columns(entity.table)
    cur.execute(f"SELECT {', '.join(_q(c) for c in columns)} FROM {entity.table} "
                f"WHERE id {IN_LIST}", (id_list(ids),))
    decode, booleans = _json_columns(entity.table) - {"stamps"}, _bool_columns(entity.table)
    found = {}
    stored = {}
    for values in cur.fetchall():
        stored[values[0]] = values
        row = dict(zip(columns, values, strict=True))
        for name in decode:
            if isinstance(row[name], str):
                row[name] = json.loads(row[name])
        for name in booleans:
            if row[name] is not None:
                row[name] = bool(row[name])
        found[row["id"]] = row
    return found, stored


def local_values(entity: Entity, row: Mapping[str, Any]) -> dict[str, Any]:
    """The local columns of a server row (values are canonical on both sides)."""
    values = {f.name: row.get(f.name) for f in entity.fields}
    values.update(id=row["id"], created_at=row["created_at"], updated_at=row["updated_at"],
                  deleted=bool(row["deleted"]), rev=int(row["rev"]), stamps=compact_stamps(row["stamps"]))
    if entity.table == "permit_items":
        values["legal_due_on"] = permit_due_on(values)
    return values


def compact_stamps(stamps: Mapping[str, str]) -> dict[str, str]:
    """A row written at once has one stamp for every field: kept as {"*": stamp} (store.writer)."""
    distinct = set(stamps.values())
    return {ALL_FIELDS: distinct.pop()} if len(distinct) == 1 else dict(stamps)


@dataclass(frozen=True, slots=True)
class Taken:
    """A change of this profile's that the server holds as sent (``take_as_sent``): its row, its
    base revision (0: a new row), and the stamps the server stored at its own time in place of the
    change's (those ahead of its clock)."""

    row_id: str
    base: int
    clamped: Mapping[str, str]


def take_as_sent(conn: Connection, taken: Mapping[str, Sequence[Taken]], rev: int, at: str) -> bool:
    """Hold rows of this profile's changes as the server holds them, when it holds them exactly as
    the changes say (the push's answer tells: ``sync.push``): what a pull of them would write,
    without bringing them. Every local row must stand where its change left it (a new row not yet
    on the server, an edited row at the change's base revision); else nothing is written and False
    is returned (the pull brings them).

    The values stay: the local row holds the change's values (the outbox entry was made with them)
    and, on an edit, the rest of the row as the server held it at the base. The revision and the
    time move (a new row's creation time is the server's). The stamps stay too: the local edit
    gave each field of the change the stamp the change carries, and the other fields hold the
    server's (a pull wrote them); only a stamp the server clamped is written, the server's in
    place of the change's, unless a later edit of that field waits to go up (it keeps its local
    stamp, as the pull keeps it: ``_keep_pending``). No value changes, so the dossier hashes, the
    dossier list and the search index have nothing to do."""
    cur = driver_cursor(conn)
    # Every row first, then the writes: all of them are taken, or none.
    writes: list[tuple[str, bool, list[str], list[tuple[str, str]]]] = []
    for table, rows in taken.items():
        if table not in ENTITY_BY_TABLE:  # a table of the schema, never a name from elsewhere
            return False
        ids = [t.row_id for t in rows]
        cur.execute(f"SELECT id, rev, stamps FROM {table} WHERE id {IN_LIST}", (id_list(ids),))
        local = {row_id: (row_rev, stamps) for row_id, row_rev, stamps in cur.fetchall()}
        clamped = [t for t in rows if t.clamped]
        pending = outbox.pending_fields(conn, table, [t.row_id for t in clamped]) if clamped else {}
        for creating in (True, False):
            plain: list[str] = []
            stamped: list[tuple[str, str]] = []
            for t in rows:
                if (t.base == 0) is not creating:
                    continue
                found = local.get(t.row_id)
                if found is None or found[0] != t.base:
                    return False
                if not t.clamped:
                    plain.append(t.row_id)
                    continue
                held = json.loads(found[1])
                waiting = pending.get(t.row_id, set())
                stamps = compact_stamps({**_spelt_out(table, held),
                                         **{k: v for k, v in t.clamped.items() if k not in waiting}})
                stamped.append((_json(stamps), t.row_id))
            writes.append((table, creating, plain, stamped))
    for table, creating, plain, stamped in writes:
        times = "created_at = ?, updated_at = ?" if creating else "updated_at = ?"
        at_times = (at, at) if creating else (at,)
        if plain:
            cur.execute(f"UPDATE {table} SET {times}, rev = ? WHERE id {IN_LIST}", (*at_times, rev, id_list(plain)))
        if stamped:
            cur.executemany(f"UPDATE {table} SET {times}, rev = ?, stamps = ? WHERE id = ?",
                            [(*at_times, rev, stamps, row_id) for stamps, row_id in stamped])
    return True


def _spelt_out(table: str, stamps: Mapping[str, str]) -> dict[str, str]:
    """A row's stamps field by field (the compact ``{"*": stamp}`` stands for every field and the
    tombstone, as the server stores a row written at once)."""
    if ALL_FIELDS not in stamps:
        return dict(stamps)
    return {**dict.fromkeys((*ENTITY_BY_TABLE[table].field_names, "deleted"), stamps[ALL_FIELDS]),
            **{k: v for k, v in stamps.items() if k != ALL_FIELDS}}


def _keep_pending(values: dict[str, Any], local: Mapping[str, Any], keep: set[str]) -> None:
    """Pending local edits win locally until the server has judged them."""
    stamps = dict(values["stamps"])
    local_stamps = local["stamps"]
    if isinstance(local_stamps, str):
        local_stamps = json.loads(local_stamps)
    for name in (*keep, "deleted"):
        if name != "deleted" or ("deleted" not in keep and values["deleted"] and not local["deleted"]):
            # A pending field keeps its value; a tombstone against pending edits leaves the row
            # alive until the server has recorded the delete-vs-edit conflict.
            values[name] = local[name]
            stamp = field_stamp(local_stamps, name)
            if stamp is not None:
                stamps[name] = stamp
    values["stamps"] = stamps
    if "legal_due_on" in values:
        values["legal_due_on"] = permit_due_on(values)


def _hold_deleted_dossiers(conn: Connection, rows: Sequence[Mapping[str, Any]],
                           existing: Mapping[str, Mapping[str, Any]], pending: dict[str, set[str]]) -> None:
    """A pulled dossier tombstone while edits of the dossier's records wait to go up: the dossier
    stays alive here, like a row under the per-row rule (its pending set gains nothing but is
    there, so ``_keep_pending`` keeps ``deleted``). The edits go up next; the server keeps them and
    records the delete-vs-edit conflict on the dossier, and touches the dossier so that it comes
    back in the feed: the tombstone is applied then, with the record beside it. Never a silent
    disappearance of the dossier with its waiting edits."""
    dying = [r["id"] for r in rows if r["deleted"] and (local := existing.get(r["id"])) is not None
             and not local["deleted"]]
    for start in range(0, len(dying), _CHUNK):
        chunk = dying[start:start + _CHUNK]
        for project_id in outbox.dossiers_with_record_edits(conn, chunk):
            pending.setdefault(project_id, set())


def _parents_changed(entity: Entity, row: Mapping[str, Any], existing: Mapping[str, Mapping[str, Any]]) -> bool:
    local = existing.get(row["id"])
    return any(f.ref and (local is None or local[f.name] != row.get(f.name)) for f in entity.fields)


def _missing_parents(cur: sqlite3.Cursor, entity: Entity, rows: Iterable[Mapping[str, Any]]) -> set[str]:
    wanted: dict[str, set[str]] = {}
    for row in rows:
        for f in entity.fields:
            if f.ref and row.get(f.name):
                wanted.setdefault(f.ref, set()).add(row[f.name])
    missing: set[str] = set()
    for parent, ids in wanted.items():
        listed = sorted(ids)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start:start + _CHUNK]
            cur.execute(f"SELECT id FROM {parent} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
            missing.update(set(chunk) - {r[0] for r in cur.fetchall()})
    return missing


def _park(conn: Connection, table: str, row: Mapping[str, Any]) -> None:
    stmt = sqlite_insert(PARKED).values(table_name=table, row_id=row["id"], payload=dict(row))
    conn.execute(stmt.on_conflict_do_update(index_elements=["table_name", "row_id"],
                                            set_={"payload": stmt.excluded.payload},
                                            where=PARKED.c.payload["rev"].as_integer() <= row["rev"]))


def _has_parked(conn: Connection) -> bool:
    return conn.execute(select(PARKED.c.row_id).limit(1)).first() is not None


def _retry_parked(conn: Connection, result: Applied, deltas: dict[str, int]) -> None:
    """Apply waiting rows whose parents have arrived (a parent may itself have been waiting)."""
    while True:
        waiting = [(t, dict(p)) for t, p in conn.execute(select(PARKED.c.table_name, PARKED.c.payload))]
        before = len(waiting)
        if not before:
            return
        conn.execute(delete(PARKED))
        retry = Applied()
        for entity in ENTITIES:
            rows = [p for t, p in waiting if t == entity.table]
            if rows:
                _apply_table(conn, entity, rows, retry, deltas, parked=False)
        result.written += retry.written
        result.projects |= retry.projects
        result.summaries |= retry.summaries
        if retry.parked == before:  # nothing moved: they keep waiting
            return


def _track(entity: Entity, old: Mapping[str, Any] | None, new: Mapping[str, Any], result: Applied,
           deltas: dict[str, int]) -> None:
    pid = hashes.project_of(entity, new)
    if pid is None:
        return
    result.projects.add(pid)
    if entity.table in _SUMMARY_TABLES:
        result.summaries.add(pid)
    delta = hashes.row_hash(entity, new) if old is None else hashes.change_hash(entity, old, new)
    deltas[pid] = deltas.get(pid, 0) ^ delta


@contextmanager
def quiet_dossier_index(conn: Connection, quiet: bool = True) -> Iterator[set[str]]:
    """Many rows at once: the dossier list's per-row triggers stand aside (store.bulk) and the
    summaries of the dossiers the caller names are rebuilt once, in the same transaction."""
    touched: set[str] = set()
    if not quiet:
        yield touched
        return
    with dossier_triggers_aside(conn) as cur:
        yield touched
        if touched:
            cur.execute(f"DELETE FROM dossier_index WHERE id {IN_LIST}", (id_list(touched),))
            cur.execute(f"INSERT INTO dossier_index SELECT * FROM dossier_index_source WHERE id {IN_LIST}",
                        (id_list(touched),))


def _projects_naming(conn: Connection, by_table: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """Dossiers whose summary shows a changed investor or tutor name."""
    found: set[str] = set()
    for table, column in (("investors", "investor_id"), ("tutors", "tutor_id")):
        ids = sorted(by_table.get(table, {}))
        source = "projects" if table == "investors" else "assignments"
        key = "id" if table == "investors" else "project_id"
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ", ".join(f":p{n}" for n in range(len(chunk)))
            found.update(conn.execute(text(f"SELECT {key} FROM {source} WHERE {column} IN ({marks})"),
                                      {f"p{n}": i for n, i in enumerate(chunk)}).scalars())
    return found


def parked_count(conn: Connection) -> int:
    return len(conn.execute(select(PARKED.c.row_id)).all())


def local_ids(conn: Connection, table: str, ids: Iterable[str]) -> set[str]:
    t = table_of(table)
    listed = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(listed), _CHUNK):
        found.update(conn.execute(select(t.c.id).where(t.c.id.in_(listed[start:start + _CHUNK]))).scalars())
    return found


def purge_project(conn: Connection, project_id: str) -> None:
    """Remove a dossier the user no longer sees (after its pending edits were delivered)."""
    for entity in reversed(ENTITIES):
        if entity.project_key is None:
            continue
        table = table_of(entity.table)
        conn.execute(delete(table).where(table.c[entity.project_key] == project_id))
    for table_name, row_id, payload in conn.execute(select(PARKED)).all():
        entity = ENTITY_BY_TABLE[table_name]
        if hashes.project_of(entity, payload) == project_id:
            conn.execute(delete(PARKED).where(PARKED.c.table_name == table_name, PARKED.c.row_id == row_id))
    hashes.forget(conn, project_id)


def drop_row(conn: Connection, table: str, row_id: str) -> bool:
    """Remove a row the server never accepted, when nothing local refers to it any more."""
    for entity in ENTITIES:
        for f in entity.fields:
            if f.ref == table:
                child = table_of(entity.table)
                if conn.execute(select(child.c.id).where(child.c[f.name] == row_id).limit(1)).first():
                    return False
    if table == "projects":
        purge_project(conn, row_id)
    else:  # the dossier's hash loses the row, as the server's never had it
        entity = ENTITY_BY_TABLE[table]
        row = load_rows(conn, table, [row_id]).get(row_id)
        pid = hashes.project_of(entity, row) if row is not None else None
        if row is not None and pid is not None:
            hashes.shift(conn, {pid: hashes.row_hash(entity, row)})
    t = table_of(table)
    conn.execute(delete(t).where(t.c.id == row_id))
    return True


def load_rows(conn: Connection, table: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Local rows by id, their values as a server row carries them (JSON and booleans decoded)."""
    entity = ENTITY_BY_TABLE[table]
    cur = driver_cursor(conn)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        found.update(_load(cur, entity, ids[start:start + _CHUNK])[0])
    return found


def record_rejection(conn: Connection, *, change_id: str, table: str, row_id: str, project_id: str | None,
                     fields: Mapping[str, Any], reason: str, detail: str | None, at: str,
                     known: Mapping[str, Any] | None = None) -> None:
    """Keep the user's refused values where they can see them (the conflicts inbox); ``known``:
    how the record and its dossier were named then (the sync may remove both)."""
    stmt = sqlite_insert(REJECTIONS).values(
        change_id=change_id, table_name=table, row_id=row_id, project_id=project_id, fields=dict(fields),
        reason=reason, detail=detail, rejected_at=at, dismissed=False,
        known=dict(known) if known is not None else None)
    conn.execute(stmt.on_conflict_do_nothing(index_elements=["change_id"]))
