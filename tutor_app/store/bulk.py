"""Loading many rows at once (a demo region, a first sync's snapshot, an import).

Row by row, the dossier-list triggers would recompute a project's summary once per child row;
inside ``bulk_load`` they stand aside and the summary of every project is rebuilt once at the
end, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from tutor_app.store.local import set_state

BULK_KEY = "bulk_load"


@contextmanager
def bulk_load(conn: Connection) -> Iterator[None]:
    """Inside a write transaction: suspend the summary triggers, rebuild the summary afterwards."""
    set_state(conn, BULK_KEY, True)
    yield
    rebuild_dossier_index(conn)
    conn.exec_driver_sql("DELETE FROM local_state WHERE key = ?", (BULK_KEY,))


def rebuild_dossier_index(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM dossier_index")
    conn.exec_driver_sql("INSERT INTO dossier_index SELECT * FROM dossier_index_source")
