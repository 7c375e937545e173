"""The dossier list without SQLAlchemy: its row type, its query, and the desktop's fast start.

``store.queries`` runs the same query through SQLAlchemy's driver connection (every caller keeps
using ``queries.dossier_rows`` and ``queries.DossierRow``). ``read_start_list`` runs it with plain
``sqlite3`` on a profile file that is already at the newest schema, so the desktop can show the
list before SQLAlchemy, the ORM models and the services are even imported; anything unusual makes
it return None and the caller takes the normal path (``Workspace.open``, which upgrades, backs
up and creates what is missing). It never writes: the file is opened read-only (its copy of the
list goes to temporary tables in memory).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tutor_app.domain.deadlines import urgency_bounds
from tutor_app.domain.enums import CLOSED_PROJECT_STATUSES
from tutor_app.store.schema_version import LOCAL_SCHEMA_HEAD

log = logging.getLogger("tutor.store")


@dataclass(slots=True)  # not frozen: frozen dataclasses cost 4x to build, and lists build 10,000
class DossierRow:
    """One line of the dossier list."""

    id: str
    code: str
    title: str
    investor: str
    country: str
    sector: str
    function: str
    kind: str
    phase: str | None
    status: str
    capex_cents: int | None
    new_hires: int | None
    municipality: str | None
    province: str | None
    tutors: str
    next_due_on: date | None
    overdue_permits: int
    pending_changes: int


# The closed statuses as an SQL list (``status NOT IN (...)``): a closed dossier's terms raise no alarm.
CLOSED_STATUSES_SQL = ", ".join(f"'{s}'" for s in sorted(CLOSED_PROJECT_STATUSES))
DOSSIER_LIST_SQL = (
    "SELECT id, code, title, investor, country, sector, function, kind, phase, status, capex_cents, "
    "new_hires, municipality, province, tutors, open_dues, pending FROM dossier_index")
# The tutor filter of the list: every tutor who follows a project (``services.home.tutor_names``).
TUTOR_NAMES_SQL = (
    "SELECT DISTINCT t.id, t.name FROM tutors t JOIN assignments a ON a.tutor_id = t.id "
    "WHERE a.deleted = 0 AND a.role = 'project_tutor' AND t.deleted = 0 ORDER BY t.name")


def list_query(project_ids: Sequence[str] | None = None) -> tuple[str, dict[str, Any]]:
    """The list's SQL and its named parameters (all dossiers, or the given ones), by code."""
    sql = DOSSIER_LIST_SQL
    params: dict[str, Any] = {}
    if project_ids is not None:
        keys = [f":p{n}" for n in range(len(project_ids))]
        sql += f" WHERE id IN ({', '.join(keys)})"
        params.update({f"p{n}": pid for n, pid in enumerate(project_ids)})
    return sql + " ORDER BY code", params


def build_rows(records: Iterable[Sequence[Any]], today: date) -> list[DossierRow]:
    """Rows of ``DOSSIER_LIST_SQL`` as ``DossierRow``: the count of open legal deadlines overdue on
    ``today`` and the next one that is not come from ``open_dues`` (sorted ISO dates, comma-separated).
    A closed dossier (``ProjectStatus.is_closed``: completed, abandoned) has neither: its terms
    raise no alarm, in the list, its filters and sort, or the counts made from these rows."""
    cutoff = urgency_bounds(today).overdue_before.isoformat()
    fromiso = date.fromisoformat
    out = []
    for r in records:
        dues = r[15].split(",") if r[15] and r[9] not in CLOSED_PROJECT_STATUSES else ()
        overdue = bisect_left(dues, cutoff)
        upcoming = fromiso(dues[overdue]) if overdue < len(dues) else None
        values: tuple[Any, ...] = (*r[:15], upcoming, overdue, r[16])
        out.append(DossierRow(*values))
    return out


def dossier_rows(conn: sqlite3.Connection, today: date, project_ids: Sequence[str] | None = None) -> list[DossierRow]:
    """The dossier list from the trigger-maintained ``dossier_index``, through a plain connection."""
    if project_ids is not None and not project_ids:
        return []
    sql, params = list_query(project_ids)
    return build_rows(conn.execute(sql, params).fetchall(), today)


# -- the desktop's fast start ---------------------------------------------------------------------


class StartList:
    """The dossier list of a profile read at start-up, and a way to tell whether it is still current.

    The read-only connection stays open (outside any transaction) until ``close``: SQLite's
    ``data_version`` on it tells whether another connection committed since the list was read.
    """

    def __init__(
        self,
        path: Path,
        rows: list[DossierRow],
        tutors: list[tuple[str, str]],
        me: str | None,
        conn: sqlite3.Connection,
        data_version: int,
    ) -> None:
        self.path = path
        self.rows = rows
        self.tutors = tutors
        self.me = me
        self._conn: sqlite3.Connection | None = conn
        self._data_version = data_version
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"StartList({str(self.path)!r}, {len(self.rows)} rows)"

    def changed_since_read(self) -> bool:
        """Whether the file changed since the list was read (True when that can no longer be told)."""
        with self._lock:
            if self._conn is None:
                return True
            try:
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                return True
            return bool(version != self._data_version)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def read_start_list(path: Path, today: date) -> StartList | None:
    """The list of a profile file that needs nothing done before it is read, or None.

    None (take the normal path) when the file does not exist, is not at ``LOCAL_SCHEMA_HEAD``, has
    no profile yet (the welcome dialog creates one), or cannot be read for any reason.
    """
    prepared = prepare_start_list(path)
    return prepared.collect(today) if prepared is not None else None


class PreparedStartList:
    """The first half of ``read_start_list``: the list copied into temporary tables by SQLite.

    Copying runs inside single SQLite steps, which release the GIL: started on a thread, it
    overlaps the Python work of the main thread (importing Qt). ``collect`` then turns the copy
    into rows, on the thread that needs them.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, me: str | None, data_version: int) -> None:
        self.path = path
        self._conn = conn
        self._me = me
        self._data_version = data_version

    def collect(self, today: date) -> StartList | None:
        """The rows (None if the copy cannot be read back: then the normal path says why)."""
        conn = self._conn
        try:
            tutors = [(str(tid), str(name)) for tid, name in conn.execute(
                "SELECT id, name FROM temp.start_tutors ORDER BY rowid")]
            rows = build_rows(conn.execute("SELECT * FROM temp.start_rows ORDER BY rowid").fetchall(), today)
            conn.execute("DROP TABLE temp.start_tutors")
            conn.execute("DROP TABLE temp.start_rows")
        except sqlite3.Error as exc:
            log.info("fast start skipped, cannot read back the list of %s: %s", self.path, exc)
            conn.close()
            return None
        return StartList(self.path, rows, tutors, self._me, conn, self._data_version)

    def close(self) -> None:
        self._conn.close()


def prepare_start_list(path: Path) -> PreparedStartList | None:
    """Check the file and copy its list into temporary tables (see ``read_start_list``), or None."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)  # prepared on one thread, collected on another
    except (sqlite3.Error, ValueError) as exc:
        log.info("fast start skipped, cannot open %s read-only: %s", path, exc)
        return None
    try:
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("BEGIN")  # one snapshot for everything below
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if versions != [(LOCAL_SCHEMA_HEAD,)]:
            log.info("fast start skipped: %s is at schema %s, not %s", path, versions, LOCAL_SCHEMA_HEAD)
            conn.close()
            return None
        # store.state.TUTOR_ID, by its stored name: this module does without SQLAlchemy.
        found = conn.execute("SELECT value FROM local_state WHERE key = 'tutor_id'").fetchone()
        tutor_id = json.loads(found[0]) if found is not None and found[0] is not None else None
        if not tutor_id:
            conn.close()
            return None
        named = conn.execute("SELECT name FROM tutors WHERE id = ?", (tutor_id,)).fetchone()
        me = str(named[0]) if named is not None and named[0] else None
        sql, _params = list_query()
        conn.execute(f"CREATE TEMP TABLE start_rows AS {sql}")
        conn.execute(f"CREATE TEMP TABLE start_tutors AS {TUTOR_NAMES_SQL}")
        data_version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        conn.execute("COMMIT")
    except (sqlite3.Error, ValueError, TypeError) as exc:  # a damaged or unexpected file: the normal path says why
        log.info("fast start skipped, cannot read %s: %s", path, exc)
        conn.close()
        return None
    return PreparedStartList(path, conn, me, data_version)
