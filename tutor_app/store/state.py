"""The profile's own facts (``local_state``): what never syncs, read and written by key."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tutor_app.store import database
from tutor_app.store.models import LocalState

STATE: Table = LocalState.__table__  # type: ignore[assignment]


def get_state(conn: Connection, key: str) -> Any:
    found = database.driver_cursor(conn).execute("SELECT value FROM local_state WHERE key = ?", (key,)).fetchone()
    stored = found[0] if found is not None else None
    # A JSON number is kept as a number (the column's numeric affinity); anything else as text.
    return json.loads(stored) if isinstance(stored, str) else stored


def set_state(conn: Connection, key: str, value: Any) -> None:
    stmt = sqlite_insert(STATE).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))
