"""Reads of one dossier find its rows by the dossier's own index, whatever other index a table has.

A file holds no planner statistics, so SQLite chooses an index by the shape of a query alone: an
index that begins with a column the query also filters on (``deleted``, ``status``) looks as good
as the dossier's, and reading it means reading the region's rows (local 0008 did that: a first
sync of 10,000 dossiers spent half its time rebuilding the dossier list that way). The plans are
read from the statements the store really runs, traced while it runs them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Connection

from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.store import queries
from tutor_app.store.replica import quiet_dossier_index

TODAY = date(2026, 11, 25)
DOSSIER_TABLES = ("phase_entries", "permit_items", "meetings", "aftercare_notes", "assignments")
# A read of one of those tables in a plan line, under its name or its alias in the dossier list's view.
TABLE_READ = re.compile(rf"(SEARCH|SCAN) ({'|'.join(DOSSIER_TABLES)}|pe|a)\b")


@contextmanager
def traced(conn: Connection) -> Iterator[list[str]]:
    """The statements run on ``conn`` meanwhile, as sent (their parameters bound)."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    seen: list[str] = []
    driver.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        driver.set_trace_callback(None)


def table_reads(conn: Connection, statements: list[str]) -> list[str]:
    """Each read of a dossier's table in the plans of ``statements`` (their EXPLAIN QUERY PLAN
    lines, trigger programs apart: those are read by running them)."""
    reads = []
    for statement in statements:
        if not statement.lstrip().upper().startswith(("SELECT", "INSERT", "WITH")):
            continue
        for *_ids, detail in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}"):
            if TABLE_READ.match(detail):
                reads.append(detail)
    return reads


def by_dossier(detail: str) -> bool:
    return "(project_id=?)" in detail


def _project(ws: Workspace) -> str:
    investor = dossiers.create_investor(ws, name="Kessler Precision GmbH", country="DE")
    return dossiers.create_project(ws, investor_id=investor, title="Nuovo stabilimento", kind="new_initiative",
                                   sector="manufacturing", function="production")


def _read_while(ws: Workspace, action: Callable[[Connection], object]) -> list[str]:
    with ws.store.write() as w, traced(w.conn) as seen:
        action(w.conn)
    with ws.store.read() as conn:
        return table_reads(conn, seen)


def test_opening_a_dossier_reads_its_rows_by_its_own_index(workspace: Workspace) -> None:
    pid = _project(workspace)
    reads = _read_while(workspace, lambda conn: queries.load_dossier(conn, pid, TODAY))
    assert any("phase_entries" in r for r in reads), reads  # the trace saw the reads it judges
    assert [r for r in reads if not by_dossier(r)] == [], reads


def test_the_dossier_list_rebuilds_a_summary_from_that_dossiers_rows_alone(workspace: Workspace) -> None:
    pid = _project(workspace)

    def rebuild(conn: Connection) -> None:
        with quiet_dossier_index(conn) as touched:
            touched.add(pid)

    reads = _read_while(workspace, rebuild)
    assert {"pe", "permit_items"} <= {r.split()[1] for r in reads}, reads
    assert [r for r in reads if not by_dossier(r)] == [], reads
