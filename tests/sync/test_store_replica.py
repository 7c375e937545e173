"""The local replica's apply side (store.replica, DESIGN §5.4), without a server: pending fields
win locally, a tombstone never silently deletes pending edits, stale rows are skipped, a child
waits for its parent, and the dossier hashes follow every edit and every pulled row."""

from __future__ import annotations

import shutil
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.conftest import TODAY
from tutor_app.domain import schema
from tutor_app.domain.hlc import Stamp
from tutor_app.services import dossiers, meetings
from tutor_app.services.workspace import Workspace
from tutor_app.store import hashes, replica

SERVER_STAMP = Stamp(1_795_000_000_000, 0, "server").encode()


def _server_row(ws: Workspace, table: str, row_id: str, rev: int, **changes: Any) -> tuple[str, dict[str, Any]]:
    """A row as the server would send it: the local row with some fields changed elsewhere."""
    entity = schema.ENTITY_BY_TABLE[table]
    with ws.store.write() as w:
        current = w.current(entity, row_id)
    row = {f: current[f] for f in entity.field_names}
    row.update(id=row_id, created_at=current["created_at"], updated_at=current["updated_at"],
               deleted=current["deleted"], rev=rev,
               stamps=dict.fromkeys((*entity.field_names, "deleted"), SERVER_STAMP))
    row.update(changes)
    return table, row


def _apply(ws: Workspace, *rows: tuple[str, dict[str, Any]]) -> replica.Applied:
    with ws.store.write() as w:
        return replica.apply_rows(w.conn, list(rows), w.clock)


def _project(ws: Workspace) -> str:
    investor = dossiers.create_investor(ws, name="Semi Corp", country="US")
    return dossiers.create_project(ws, investor_id=investor, title="Fab", kind="expansion", sector="electronics",
                                   function="production")


def _pushed(ws: Workspace) -> None:
    """As if the outbox had gone up (what a push does once the server answered)."""
    with ws.store.write() as w:
        w.conn.exec_driver_sql("DELETE FROM outbox")


def _hashes_match(ws: Workspace) -> bool:
    with ws.store.read() as conn:
        stored = hashes.stored(conn)
        return hashes.compute(conn, stored) == stored


def test_a_pulled_row_keeps_the_fields_waiting_to_go_up(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    project = _project(ws)
    _pushed(ws)
    dossiers.update_project(ws, project, title="Mio titolo")
    _apply(ws, _server_row(ws, "projects", project, 5, title="Titolo del server", new_hires=80))
    dossier = dossiers.get_dossier(ws, project)
    assert (dossier.project["title"], dossier.project["new_hires"]) == ("Mio titolo", 80)
    with ws.store.read() as conn:
        assert conn.exec_driver_sql("SELECT rev FROM projects WHERE id = ?", (project,)).scalar() == 5
    assert dossiers.pending_change_count(ws) > 0  # nothing was taken out of the outbox


def test_a_pulled_tombstone_leaves_a_row_with_pending_edits_alive(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    project = _project(ws)
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    _pushed(ws)
    meetings.update_meeting(ws, meeting, minutes="Scritto offline")
    _apply(ws, _server_row(ws, "meetings", meeting, 7, deleted=True))
    assert [m.minutes for m in dossiers.get_dossier(ws, project).meetings] == ["Scritto offline"]


def test_a_row_older_than_the_local_copy_is_skipped(workspace: Workspace) -> None:
    ws = workspace
    ws.create_profile("Mario Rossi")
    project = _project(ws)
    _pushed(ws)
    _apply(ws, _server_row(ws, "projects", project, 9, title="Nuovo"))
    result = _apply(ws, _server_row(ws, "projects", project, 4, title="Vecchio"))
    assert result.stale == 1
    assert dossiers.get_dossier(ws, project).project["title"] == "Nuovo"


def test_a_child_waits_for_its_parent(tmp_path: Any) -> None:
    source = Workspace.open(db=tmp_path / "source.sqlite3", today=lambda: TODAY)
    source.create_profile("Anna Bianchi")
    project = _project(source)
    meeting = meetings.record_meeting(source, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    rows = {t: _server_row(source, t, i, 3) for t, i in (("meetings", meeting), ("projects", project))}
    investor = dossiers.get_dossier(source, project).investor["id"]
    rows["investors"] = _server_row(source, "investors", investor, 3)
    target = Workspace.open(db=tmp_path / "target.sqlite3", today=lambda: TODAY)
    assert _apply(target, rows["meetings"]).parked == 1  # its project is not here yet
    assert dossiers.list_dossiers(target) == []
    _apply(target, rows["investors"], rows["projects"])
    assert [m.id for m in dossiers.get_dossier(target, project).meetings] == [meeting]
    with target.store.read() as conn:
        assert replica.parked_count(conn) == 0
    assert _hashes_match(target)
    source.close()
    target.close()


def test_the_dossier_hashes_follow_every_edit_and_every_pulled_row(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    project = _project(ws)
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    meetings.update_meeting(ws, meeting, decisions="Una\nDue \"citate\" è")
    meetings.delete_meeting(ws, meeting)
    assert _hashes_match(ws)
    _apply(ws, _server_row(ws, "projects", project, 5, capex_cents=1_000_00, instruments=["zis_call"]))
    assert _hashes_match(ws)
    with ws.store.write() as w:
        replica.purge_project(w.conn, project)
        assert project not in hashes.stored(w.conn)


def test_jsonb_text_is_postgresqls() -> None:
    # What PostgreSQL prints for these jsonb values (keys by length, then bytes).
    text = hashes.jsonb_text({"bb": 1, "a": [True, None], "c": "è\n\"x\""})
    assert text == '{"a": [true, null], "c": "è\\n\\"x\\"", "bb": 1}'


@pytest.mark.postgres
@pytest.mark.parametrize("value", ["Città Alta", "è\n\"x\"\t\\ \u0001 \u2028 🏭", "", 0, -42, 12_345_678_901,
                                   True, False, None, ["MI", "BS"], [], 2.5])
def test_a_field_hashes_as_the_server_hashes_it(pg_superuser: psycopg.Connection[Any], value: Any) -> None:
    """The client writes each kind of value as jsonb prints it, then hashes it as tutor._row_hash does
    (db/server/definitions/40_audit.sql): the same 64 bits, or every dossier would differ."""
    row_id, name = "01a23889-f2ae-7f1d-b692-effc48ce162a", "minutes"
    server = pg_superuser.execute(
        "SELECT ('x' || substr(md5(%s || '/' || %s || '=' || %s::jsonb::text), 1, 16))::bit(64)::bigint",
        (row_id, name, Jsonb(value))).fetchone()
    assert server is not None and hashes.field_hash(row_id, name, value) == server[0]
    row = dict.fromkeys(schema.ENTITY_BY_TABLE["meetings"].field_names, value)
    row.update(id=row_id, deleted=int(value is True))  # as SQLite holds a boolean
    expected = hashes.field_hash(row_id, "deleted", value is True)
    for field in schema.ENTITY_BY_TABLE["meetings"].field_names:
        expected ^= hashes.field_hash(row_id, field, row[field])
    assert hashes.row_hash(schema.ENTITY_BY_TABLE["meetings"], row) == expected


def test_no_table_refers_to_itself() -> None:
    """store.replica writes a table's pulled rows after reading all of them: sound only while no
    row can have a parent in its own table."""
    assert not [(e.table, f.name) for e in schema.ENTITIES for f in e.fields if f.ref == e.table]


def _dump(conn: Any, table: str) -> list[tuple[Any, ...]]:
    """Every value with its storage class (an affinity difference would show)."""
    cur = conn.connection.driver_connection.cursor()
    names = [r[1] for r in cur.execute(f"PRAGMA table_info({table})").fetchall()]
    select = ", ".join(f'"{n}", typeof("{n}")' for n in names)
    return cur.execute(f"SELECT {select} FROM {table} ORDER BY id").fetchall()


def test_a_staged_write_is_a_row_by_row_write(tmp_path: Any) -> None:
    """Pulled rows go in through a staging table in one statement (replica.write_staged): the rows,
    their storage classes and the search index end up as with one statement per row."""
    origin = Workspace.open(db=tmp_path / "origin.sqlite3", today=lambda: TODAY)
    project = _project(origin)
    for n in range(4):
        meetings.record_meeting(origin, project, table="technical", starts_at=f"2026-03-{n + 10}T09:00:00Z",
                                minutes=f"Verbale {n} città", decisions=f"Decisione {n}")
    origin.close()
    columns = replica._columns("meetings")
    results = []
    for write in (replica.write_staged, replica._write_row_by_row):
        path = tmp_path / f"{write.__name__}.sqlite3"
        shutil.copy(tmp_path / "origin.sqlite3", path)
        ws = Workspace.open(db=path, today=lambda: TODAY)
        with ws.store.write() as w:
            cur = w.conn.connection.driver_connection.cursor()
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = [list(r) for r in cur.execute(f"SELECT {quoted} FROM meetings ORDER BY id")]
            for n, row in enumerate(rows):
                row[columns.index("decisions")] = f"Nuova decisione {n} perché"
                row[columns.index("rev")] = "7"  # text bound to an INTEGER column: its affinity decides
                row[columns.index("deleted")] = n == 3
            fresh = [[f"00000000-0000-4000-8000-00000000000{n}", *rows[0][1:]] for n in range(2)]
            write(cur, "meetings", columns, rows, update=True)
            write(cur, "meetings", columns, fresh, update=False)
        with ws.store.read() as conn:
            # What the index finds (the text is read from the rows), and the index agrees with them.
            search = conn.exec_driver_sql("SELECT rowid, title, body, project_id FROM search_meetings "
                                          "WHERE search_meetings MATCH 'verbale' ORDER BY rowid").fetchall()
            conn.exec_driver_sql("INSERT INTO search_meetings (search_meetings, rank) VALUES ('integrity-check', 1)")
            typed = conn.exec_driver_sql("SELECT count(*) FROM meetings WHERE typeof(rev) = 'integer' "
                                         "AND rev = 7").scalar_one()
            results.append((_dump(conn, "meetings"), search, typed))
        ws.close()
    assert results[0] == results[1]
    stored, search, typed = results[0]
    assert len(stored) == 6 and typed == 6  # "7" became the integer 7 in every row
    assert len(search) == 5  # four updated, two new, the tombstone left the index
    assert sum("perché" in body for _r, _t, body, _p in search) == 5  # the new decisions are searchable




def _traced(ws: Workspace, rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Apply pulled rows; the SQL statements SQLite was asked to run."""
    statements: list[str] = []
    with ws.store.write() as w:
        driver = w.conn.connection.driver_connection
        driver.set_trace_callback(statements.append)
        try:
            replica.apply_rows(w.conn, rows, w.clock)
        finally:
            driver.set_trace_callback(None)
    return statements


def test_a_pulled_row_writes_only_the_columns_that_change(tutor_workspace: Workspace) -> None:
    """An edit of one field made elsewhere rewrites that field (and the row's revision, time and
    stamps) alone: the indexes and the search index over the other columns are left alone. A row
    that does not change is not written; rows changed in many ways are written whole. Whatever
    the way, the local rows end up as the server's."""
    ws = tutor_workspace
    project = _project(ws)
    ids = [meetings.record_meeting(ws, project, table="technical", starts_at=f"2026-03-{n + 10}T09:00:00Z",
                                   minutes=f"Verbale {n}", decisions=f"Decisione {n}") for n in range(12)]
    _pushed(ws)
    rows = [_server_row(ws, "meetings", m, 5, decisions=f"Decisione nuova {n}") for n, m in enumerate(ids[:3])]
    statements = _traced(ws, rows)
    updates = sorted({s for s in statements if s.startswith("UPDATE main.meetings")})  # triggers repeat it
    assert len(updates) == 1
    written = updates[0].split("SET (", 1)[1].split(")", 1)[0]
    assert sorted(c.strip('" ') for c in written.split(",")) == ["decisions", "rev", "stamps"]
    assert len({s.split(" (")[0] for s in statements if s.startswith("INSERT INTO temp.sync_stage_meetings")}) == 1
    assert not [s for s in _traced(ws, rows) if "meetings" in s and not s.startswith("SELECT")]  # as they are
    # Twelve rows changed in twelve different ways: one statement, whole rows.
    fields = ["place", "participants", "organisations", "agenda", "minutes", "decisions"]
    rows = [_server_row(ws, "meetings", m, 6, **{fields[n % 6]: f"Valore {n}"},
                        **({"starts_at": "2026-04-01T09:00:00.000000Z"} if n >= 6 else {}))
            for n, m in enumerate(ids)]
    statements = _traced(ws, rows)
    updates = sorted({s for s in statements if s.startswith("UPDATE main.meetings")})
    assert len(updates) == 1 and "minutes" in updates[0] and "table" in updates[0]
    with ws.store.read() as conn:
        found = {n: {r[0] for r in conn.exec_driver_sql(
            "SELECT m.id FROM search_meetings s JOIN meetings m ON m.rowid = s.rowid "
            "WHERE search_meetings MATCH ?", (f'"valore {n}"',))} for n in range(len(rows))}
    for n, (_table, row) in enumerate(rows):
        with ws.store.write() as w:
            current = w.current(schema.MEETINGS, row["id"])
        assert {f: current[f] for f in schema.MEETINGS.field_names} == {f: row[f] for f in schema.MEETINGS.field_names}
        assert current["rev"] == 6
        assert found[n] == {row["id"]}  # the new value is searchable, in whichever text it went
    assert _hashes_match(ws)
