"""The only way a local edit reaches the database: the row, its field stamps and its outbox
entry (``store.outbox``), in one transaction.

Every create, update and delete of a synced row goes through ``Writer``; nothing else issues
INSERT or UPDATE on synced tables for a local edit. A delete is a tombstone (``deleted`` set),
never a removal, so it travels like any other field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, RowMapping, Table

from tutor_app.domain.deadlines import legal_due_date
from tutor_app.domain.enums import PermitStatus
from tutor_app.domain.errors import NotFoundError
from tutor_app.domain.hlc import HybridClock
from tutor_app.domain.ids import new_id
from tutor_app.domain.schema import ENTITIES, PROJECTS, Canonical, Entity, Kind
from tutor_app.store import hashes, outbox
from tutor_app.store.database import driver_cursor
from tutor_app.store.models import Base

# A row's ``stamps`` map a field to the HLC of its last write; the key "*" stands for every
# field not listed, so a row written once carries one stamp instead of one per field.
ALL_FIELDS = "*"


def field_stamp(stamps: Mapping[str, str], name: str) -> str | None:
    """The HLC stamp (encoded) of one field's last write."""
    return stamps.get(name, stamps.get(ALL_FIELDS))


def table_of(entity: Entity) -> Table:
    return Base.metadata.tables[entity.table]


class Writer:
    """A write transaction on the local store (opened by ``LocalStore.write``).

    Its own statements go straight to the sqlite3 cursor of the transaction's connection: an
    edit must cost little more than the durable commit itself. ``conn`` is there for callers
    that need SQLAlchemy inside the same transaction.
    """

    def __init__(self, conn: Connection, clock: HybridClock, now: str) -> None:
        self.conn = conn
        self.clock = clock
        self.now = now
        self.changed_projects: set[str] = set()
        self._cursor = driver_cursor(conn)
        self._batch: _Batch | None = None
        self._change_set: str | None = None

    # -- public edit operations ------------------------------------------------------------

    def create(self, entity: Entity, values: Mapping[str, Canonical], row_id: str | None = None) -> str:
        """Insert a row with validated canonical values; returns its new UUID."""
        row_id = row_id or new_id()
        stamp = self.clock.tick().encode()
        fields: dict[str, Any] = dict(values)
        fields["deleted"] = False
        row = {**fields, "id": row_id, "created_at": self.now, "updated_at": self.now, "rev": 0,
               "stamps": {ALL_FIELDS: stamp}}
        row.update(_derived(entity, row))
        columns = tuple(row)
        project_id = _project_of(entity, row_id, row)
        if self._batch is not None:
            self._batch.add(entity, columns, [_db_value(row[c]) for c in columns], row_id, project_id, fields, stamp,
                            hashes.row_hash(entity, row), self.now)
            if project_id:
                self.changed_projects.add(project_id)
            if self._batch.size >= _BATCH_ROWS:
                self._flush()
            return row_id
        self._cursor.execute(_insert_sql(entity.table, columns), [_db_value(row[c]) for c in columns])
        # A row just made has no entry waiting (its id is new): the entry opens without a lookup.
        self._queue(entity, row_id, project_id, fields, dict.fromkeys(fields, stamp), base_rev=0, own_entry=True)
        self._shift_hash(project_id, hashes.row_hash(entity, row))
        return row_id

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Creations inside are written many at once (rows table by table, parents first, then
        their outbox entries in the order they were made, then the dossier hashes): the same rows,
        entries and hashes as one by one, for a fraction of the statements (an import). Any other
        operation inside writes what is pending first, so it sees every row made before it."""
        if self._batch is not None:
            yield
            return
        self._batch = _Batch()
        try:
            yield
            self._flush()
        finally:
            self._batch = None

    @contextmanager
    def change_set(self) -> Iterator[str]:
        """The edits inside form one change set (an investors' merge): their outbox entries are
        their own (never folded into older ones) and go up in one push, one server transaction
        (``store.outbox``). Yields the set's id."""
        self._flush()
        self._change_set = new_id()
        try:
            yield self._change_set
        finally:
            self._change_set = None

    def _flush(self) -> None:
        batch = self._batch
        if batch is None or not batch.size:
            return
        self._batch = _Batch()
        cur = self._cursor
        for entity in ENTITIES:
            for columns, rows in batch.rows.get(entity.table, {}).items():
                cur.executemany(_insert_sql(entity.table, columns), rows)
        cur.executemany("INSERT INTO outbox (change_id, table_name, row_id, project_id, fields, stamps, base_rev, "
                        "created_at, updated_at, in_flight) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 0)", batch.outbox)
        hashes.shift(self.conn, batch.hashes)

    def update(self, entity: Entity, row_id: str, values: Mapping[str, Canonical]) -> dict[str, Canonical]:
        """Change the given fields of a row; returns the fields that really changed."""
        current = self.current(entity, row_id)
        changed = {k: v for k, v in values.items() if current[k] != v}
        if changed:
            self._write_fields(entity, current, changed)
        return changed

    def delete(self, entity: Entity, row_id: str) -> None:
        """Tombstone a row (it stays, marked deleted, and the deletion syncs like an edit)."""
        self._flush()
        current = self.current(entity, row_id)
        if current["deleted"]:
            return
        if entity.project_key == "id":
            # A dossier's deletion is made against everything the user has seen of the dossier,
            # not only its project row: edits of its records that came in before are no conflict.
            # Its own outbox entry, so that base never hides a conflict of an earlier field edit.
            self._write_fields(entity, current, {"deleted": True}, base_rev=self._dossier_rev(row_id), own_entry=True)
        else:
            self._write_fields(entity, current, {"deleted": True})

    def current(self, entity: Entity, row_id: str) -> dict[str, Any]:
        """The row as stored (JSON columns decoded); NotFoundError when there is none."""
        self._flush()
        self._cursor.execute(f"SELECT * FROM {entity.table} WHERE id = ?", (row_id,))
        found = self._cursor.fetchone()
        if found is None:
            raise NotFoundError(f"No {entity.table.replace('_', ' ')} with id {row_id}.")
        names = [d[0] for d in self._cursor.description]
        row = dict(zip(names, found, strict=True))
        for name in _json_columns(entity):
            if row[name] is not None:
                row[name] = json.loads(row[name])
        row["deleted"] = bool(row["deleted"])
        return row

    # -- internals ---------------------------------------------------------------------------

    def _dossier_rev(self, project_id: str) -> int:
        """The newest server revision this replica holds of any row of the dossier."""
        revs = [int(self.current(PROJECTS, project_id)["rev"])]
        for child in ENTITIES:
            if child.project_key == "project_id":
                self._cursor.execute(f"SELECT max(rev) FROM {child.table} WHERE project_id = ?", (project_id,))
                revs.append(int(self._cursor.fetchone()[0] or 0))
        return max(revs)

    def _write_fields(self, entity: Entity, current: dict[str, Any], changed: dict[str, Any],
                      base_rev: int | None = None, own_entry: bool = False) -> None:
        stamp = self.clock.tick().encode()
        stamps = {**current["stamps"], **dict.fromkeys(changed, stamp)}
        row = {**changed, "updated_at": self.now, "stamps": stamps}
        row.update(_derived(entity, {**current, **changed}))
        self._cursor.execute(
            f"UPDATE {entity.table} SET {', '.join(f'{_quoted(c)} = ?' for c in row)} WHERE id = ?",
            [*(_db_value(v) for v in row.values()), current["id"]])
        project_id = _project_of(entity, current["id"], current)
        self._queue(entity, current["id"], project_id, changed, dict.fromkeys(changed, stamp),
                    current["rev"] if base_rev is None else base_rev, own_entry=own_entry,
                    before={name: current.get(name) for name in changed})
        self._shift_hash(project_id, hashes.change_hash(entity, current, {**current, **changed}))

    def _shift_hash(self, project_id: str | None, delta: int) -> None:
        """Keep the dossier's sanity hash equal to its rows' (store.hashes), edit by edit."""
        if project_id and delta:
            self._cursor.execute("INSERT INTO sync_project_hashes (project_id, hash) VALUES (?1, ?2) "
                                 "ON CONFLICT (project_id) DO UPDATE SET hash = (hash | ?2) & ~(hash & ?2)",
                                 (project_id, delta))

    def _queue(self, entity: Entity, row_id: str, project_id: str | None, fields: Mapping[str, Any],
               stamps: Mapping[str, str], base_rev: int, own_entry: bool = False,
               before: Mapping[str, Any] | None = None) -> None:
        if project_id:
            self.changed_projects.add(project_id)
        outbox.queue_change(self._cursor, entity, row_id, project_id, fields, stamps, base_rev, self.now, own_entry,
                            before, self._change_set)


_BATCH_ROWS = 5_000  # creations held by ``Writer.batch`` before they are written


class _Batch:
    """Creations not yet written: rows by table and column list, outbox entries, hash deltas."""

    __slots__ = ("hashes", "outbox", "rows", "size")

    def __init__(self) -> None:
        self.rows: dict[str, dict[tuple[str, ...], list[list[Any]]]] = {}
        self.outbox: list[tuple[Any, ...]] = []
        self.hashes: dict[str, int] = {}
        self.size = 0

    def add(self, entity: Entity, columns: tuple[str, ...], values: list[Any], row_id: str, project_id: str | None,
            fields: Mapping[str, Any], stamp: str, row_hash: int, now: str) -> None:
        self.rows.setdefault(entity.table, {}).setdefault(columns, []).append(values)
        self.outbox.append((new_id(), entity.table, row_id, project_id, _json(fields),
                            _json(dict.fromkeys(fields, stamp)), now, now))
        if project_id and row_hash:
            self.hashes[project_id] = self.hashes.get(project_id, 0) ^ row_hash
        self.size += 1


@cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(_quoted(c) for c in columns)}) VALUES ({', '.join('?' * len(columns))})"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _db_value(value: Any) -> Any:
    return _json(value) if isinstance(value, (dict, list)) else value


def _quoted(column: str) -> str:
    return f'"{column}"'


@cache
def _json_columns(entity: Entity) -> tuple[str, ...]:
    lists = tuple(f.name for f in entity.fields if f.kind in (Kind.ENUM_LIST, Kind.PROVINCE_LIST))
    return ("stamps", *lists)


def _project_of(entity: Entity, row_id: str, row: Mapping[str, Any] | RowMapping) -> str | None:
    if entity.project_key is None:
        return None
    return row_id if entity.project_key == "id" else row[entity.project_key]


def _derived(entity: Entity, row: Mapping[str, Any] | RowMapping) -> dict[str, Any]:
    """Local-only columns computed from a row's synced fields."""
    if entity.table != "permit_items":
        return {}
    return {"legal_due_on": permit_due_on(row)}


def permit_due_on(row: Mapping[str, Any] | RowMapping) -> str | None:
    submitted = row.get("submitted_on")
    due = legal_due_date(PermitStatus(row["status"]), date.fromisoformat(submitted) if submitted else None,
                         row.get("time_limit_days"))
    return due.isoformat() if due else None
