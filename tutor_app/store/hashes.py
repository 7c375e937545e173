"""Dossier hashes for the sanity check (DESIGN §5.9): the same numbers on the device and the server.

A row's hash is the XOR of one hash per synced field (its fields and its tombstone): the first 64
bits of md5("<row id>/<field>=<value>"), the value written exactly as PostgreSQL prints a
``jsonb`` value (``tutor._row_hash``, server schema 0006, sync protocol 3). A dossier's hash is the
XOR of its rows' hashes, so a write moves it by the fields it changed alone, on both sides. The
hash of everything the profile holds is the XOR of its dossiers' hashes, kept in one row by
triggers (``held_scope``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tutor_app.domain.schema import ENTITIES, ENTITY_BY_TABLE, Entity, Kind
from tutor_app.store.database import driver_cursor
from tutor_app.store.models import Base

HASHES = Base.metadata.tables["sync_project_hashes"]
PROJECT_ENTITIES: tuple[Entity, ...] = tuple(e for e in ENTITIES if e.project_key is not None)


def jsonb_text(value: Any) -> str:
    """``value::text`` of PostgreSQL's jsonb: keys by length then bytes, ``", "`` and ``": "``."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {jsonb_text(value[k])}" for k in keys) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(jsonb_text(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


SCHEME = 2  # the hash kept in sync_project_hashes: 2 = field by field (1 was the whole row's MD5)
_JSONB_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))  # made once: not per value
_STRING_TEXT = json.encoder.encode_basestring  # what that encoder writes for a string (C when available)


@cache
def _content(table: str) -> tuple[tuple[str, bool], ...]:
    """The hashed fields of a table's rows, and which are booleans (cached by table name: hashing
    the Entity itself on every row would cost more than the row)."""
    entity = ENTITY_BY_TABLE[table]
    booleans = {"deleted"} | {f.name for f in entity.fields if f.kind is Kind.BOOL}
    return tuple((k, k in booleans) for k in (*entity.field_names, "deleted"))


def _value_text(value: Any) -> str:
    """A field's value as jsonb prints it: ``_JSONB_ENCODER``'s text, the common kinds written
    straight away (a first sync hashes a million values; the encoder's general path is the
    slower half of that)."""
    kind = value.__class__
    if kind is str:
        return _STRING_TEXT(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return _JSONB_ENCODER.encode(value)


def _text_hash(text: str) -> int:
    """The first 64 bits of the MD5 of ``"<row id>/<field>=<value>"``, signed (as ``::bigint``)."""
    return int.from_bytes(hashlib.md5(text.encode(), usedforsecurity=False).digest()[:8], "big", signed=True)


def field_hash(row_id: str, name: str, value: Any) -> int:
    """The signed 64-bit hash of one field of one row (a list value as jsonb prints it)."""
    return _text_hash(f"{row_id}/{name}={_value_text(value)}")


def row_hash(entity: Entity, row: Mapping[str, Any] | RowMapping) -> int:
    """The hash of a row's synced content (what ``tutor._row_hash`` computes): ``field_hash`` of
    each field, its text made here with the row's id once (a first sync hashes every field of
    every row it brings)."""
    prefix = f"{row['id']}/"
    total = 0
    for name, boolean in _content(entity.table):
        value = row[name]
        if boolean and value is not None:
            value = bool(value)
        total ^= _text_hash(f"{prefix}{name}={_value_text(value)}")
    return total


def change_hash(entity: Entity, old: Mapping[str, Any] | RowMapping, new: Mapping[str, Any] | RowMapping) -> int:
    """How a row's hash moves from ``old`` to ``new``: only the fields that differ are hashed."""
    row_id = str(new["id"])
    delta = 0
    for name, boolean in _content(entity.table):
        before, after = old[name], new[name]
        if boolean:
            before = bool(before) if before is not None else None
            after = bool(after) if after is not None else None
        if before == after and type(before) is type(after):
            continue
        delta ^= field_hash(row_id, name, before) ^ field_hash(row_id, name, after)
    return delta


def project_of(entity: Entity, row: Mapping[str, Any] | RowMapping) -> str | None:
    if entity.project_key is None:
        return None
    value = row["id"] if entity.project_key == "id" else row[entity.project_key]
    return str(value) if value else None


def compute(conn: Connection, project_ids: Iterable[str]) -> dict[str, int]:
    """Hash the given dossiers from their rows (a dossier with no rows hashes to 0)."""
    wanted = sorted(set(project_ids))
    result = dict.fromkeys(wanted, 0)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for entity in PROJECT_ENTITIES:
            table = Base.metadata.tables[entity.table]
            key = table.c[entity.project_key or "id"]
            for row in conn.execute(select(table).where(key.in_(chunk))).mappings():
                pid = project_of(entity, row)
                if pid is not None:
                    result[pid] ^= row_hash(entity, row)
    return result


def rebuild(conn: Connection) -> None:
    """Every stored dossier hash computed again from the rows (the hash changed form)."""
    conn.execute(delete(HASHES))
    held: set[str] = set()
    for entity in PROJECT_ENTITIES:
        column = Base.metadata.tables[entity.table].c[entity.project_key or "id"]
        held.update(str(pid) for pid in conn.execute(select(column).distinct()).scalars() if pid)
    store(conn, compute(conn, held))


def store(conn: Connection, hashes: Mapping[str, int]) -> None:
    for pid, value in hashes.items():
        stmt = sqlite_insert(HASHES).values(project_id=pid, hash=value)
        conn.execute(stmt.on_conflict_do_update(index_elements=["project_id"], set_={"hash": value}))


def shift(conn: Connection, deltas: Mapping[str, int]) -> None:
    """XOR each delta into the stored hash of its dossier (one row changed: old ^ new)."""
    # SQLite has no XOR operator: (a | b) & ~(a & b) is XOR, without any overflow.
    driver_cursor(conn).executemany(
        "INSERT INTO sync_project_hashes (project_id, hash) VALUES (?1, ?2) ON CONFLICT (project_id) "
        "DO UPDATE SET hash = (hash | ?2) & ~(hash & ?2)", [(pid, delta) for pid, delta in deltas.items() if delta])


def stored(conn: Connection) -> dict[str, int]:
    return {row.project_id: row.hash for row in conn.execute(select(HASHES.c.project_id, HASHES.c.hash))}


def forget(conn: Connection, project_id: str) -> None:
    conn.execute(delete(HASHES).where(HASHES.c.project_id == project_id))


def scope(hashes: Iterable[int]) -> int:
    total = 0
    for value in hashes:
        total ^= value
    return total


HELD_SCOPE_SQL = "SELECT hash FROM sync_scope_hash"  # one row, kept by triggers (local schema 0004)


def held_scope(conn: Connection) -> int:
    """The hash of everything the profile holds: the XOR of the hashes of the dossiers held, kept
    by triggers as hashes and dossiers come and go (local schema 0004), so reading it costs the
    same whatever the size of the region."""
    return int(conn.exec_driver_sql(HELD_SCOPE_SQL).scalar_one())


def set_held_scope(conn: Connection, value: int) -> None:
    conn.exec_driver_sql("UPDATE sync_scope_hash SET hash = ?", (value,))


def held_scope_from_hashes(conn: Connection) -> int:
    """The same number from every stored dossier hash (what ``held_scope`` must equal)."""
    rows = conn.exec_driver_sql("SELECT h.hash FROM sync_project_hashes h JOIN projects p ON p.id = h.project_id")
    return scope(value for (value,) in rows.cursor.fetchall())  # the driver's rows: no per-row wrapping
