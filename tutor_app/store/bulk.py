"""Loading many rows at once (a demo region, a first sync's snapshot, an import).

Row by row, the dossier-list triggers would recompute a project's summary once per child row;
inside ``bulk_load`` they stand aside and the summary of every project is rebuilt once at the
end, in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from tutor_app.store.database import driver_cursor
from tutor_app.store.state import BULK_LOAD


@contextmanager
def bulk_load(conn: Connection) -> Iterator[None]:
    """Inside a write transaction: suspend the summary triggers, rebuild the summary afterwards."""
    BULK_LOAD.set(conn, True)
    yield
    rebuild_dossier_index(conn)
    BULK_LOAD.clear(conn)


@contextmanager
def dossier_triggers_aside(conn: Connection) -> Iterator[sqlite3.Cursor]:
    """Inside a write transaction: the dossier list's per-row triggers stand aside while the caller
    writes many rows and then puts the list right itself, for the dossiers it touched (the
    replica after a pull, the outbox after a push)."""
    cur = driver_cursor(conn)
    cur.execute("INSERT INTO local_state (key, value) VALUES (?, 'true')", (BULK_LOAD,))
    yield cur
    cur.execute("DELETE FROM local_state WHERE key = ?", (BULK_LOAD,))


def rebuild_dossier_index(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM dossier_index")
    conn.exec_driver_sql("INSERT INTO dossier_index SELECT * FROM dossier_index_source")
