"""The profile's file on disk after a sync: the space of the outbox entries sent goes back to the
disk, with a real server and a real file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.domain import schema
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
