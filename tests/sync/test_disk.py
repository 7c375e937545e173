"""The profile's file on disk after a sync: the space of the outbox entries sent goes back to the
disk, with a real server and a real file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.sync.helpers import TODAY, Client, TestServer, normal_row
from tutor_app.domain import schema
from tutor_app.services import meetings
from tutor_app.services.workspace import Workspace
from tutor_app.store.database import FREE_PAGES_KEPT

pytestmark = pytest.mark.postgres


def _file(path: Path) -> tuple[int, int, int]:
    """The closed file's size, its free pages and the pages the outbox holds."""
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        outbox = conn.execute("SELECT count(*) FROM dbstat WHERE name = 'outbox' OR name LIKE '%outbox%'").fetchone()[0]
    finally:
        conn.close()
    return path.stat().st_size, free, outbox


def test_a_sync_that_empties_the_outbox_gives_its_space_back_to_the_disk(server: TestServer, tmp_path: Path) -> None:
    """Offline work fills the outbox (each entry a copy of what changed); once the server has it,
    the entries leave and the file shrinks by about their size, not only inside."""
    mario = Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor")
    project = mario.new_project("Stabilimento di prova")
    minutes = "Verbale della riunione tecnica sul cantiere e sulle autorizzazioni. " * 30
    with mario.ws.store.write() as w:
        for n in range(800):
            w.create(schema.MEETINGS, schema.MEETINGS.validate(
                {"project_id": project, "table": "technical", "starts_at": f"2026-11-{1 + n % 28:02d}T09:00:00Z",
                 "minutes": f"{n} {minutes}"}, creating=True))
    path = mario.ws.store.path
    with mario.away():
        before, _free, outbox_pages = _file(path)
    assert outbox_pages * 4096 > 2 * FREE_PAGES_KEPT * 4096  # more than the file keeps free
    report = mario.sync()
    assert report.pushed >= 800 and not mario.outbox()
    with mario.away():
        after, free_after, outbox_after = _file(path)
    assert free_after <= FREE_PAGES_KEPT
    assert before - after >= (outbox_pages - outbox_after) * 4096 * 0.9, (before, after, outbox_pages)
    mario.close()


def test_the_server_keeps_one_stamp_and_revision_for_the_fields_written_together(
        server: TestServer, tmp_path: Path) -> None:
    """A row written at once is stored with one stamp and one revision for all its fields ("*"),
    whichever path wrote it (the set-based creation, the per-change merge, the server's own
    assignment); an edit adds the fields it wrote. A second laptop reads each field's stamp as
    the server holds it."""
    mario = Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor")
    project = mario.new_project("Stabilimento compatto")
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                      minutes="Prima stesura")
    mario.sync()  # the first push (it links the tutor record): change by change
    later = mario.new_project("Stabilimento compatto due")
    later_meeting = meetings.record_meeting(mario.ws, later, table="technical", starts_at="2026-11-21T09:00:00Z",
                                            minutes="Creata dopo")
    mario.sync()  # new rows, set-based
    written = [("projects", project), ("meetings", meeting), ("projects", later), ("meetings", later_meeting)]
    with server.superuser() as su:
        written += [("assignments", a) for (a,) in su.execute(
            "SELECT id FROM tutor.assignments WHERE project_id IN (%s, %s)", (project, later)).fetchall()]
    assert len(written) == 6
    for table, row in written:
        stamps, revs = server_row(server, table, row)
        assert list(stamps) == ["*"] and list(revs) == ["*"], (table, stamps, revs)
    meetings.update_meeting(mario.ws, meeting, minutes="Seconda stesura")
    mario.sync()
    stamps, revs = server_row(server, "meetings", meeting)
    assert sorted(stamps) == ["*", "minutes"] and sorted(revs) == ["*", "minutes"]
    assert revs["minutes"] > revs["*"] and stamps["minutes"] > stamps["*"]
    other = Client(server, "mario", Workspace.open(db=tmp_path / "other.sqlite3", today=lambda: TODAY))
    other.sync()
    pulled = other.rows("meetings")[meeting]
    assert normal_row("meetings", pulled)["stamps"] == server.dump("meetings")[meeting]["stamps"]
    other.close()
    mario.close()


def server_row(server: TestServer, table: str, row: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with server.superuser() as su:
        found = su.execute(f"SELECT stamps, revs FROM tutor.{table} WHERE id = %s", (row,)).fetchone()
    assert found is not None
    return found[0], found[1]
