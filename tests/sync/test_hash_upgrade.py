"""Dossier hashes changed form with server schema 0006 (field by field, protocol 3): a server
holding data under the old form is upgraded by ``server init`` and every dossier hash is computed
again, and a profile that kept hashes of the old form computes them again once, so that both
sides agree at once (a dossier fetched again would fail the test: see ``Client.sync``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.bench.bench_sync import seed_server
from tests.sync.helpers import Client, TestServer, _open, server_at
from tutor_app.domain.schema import ENTITIES
from tutor_app.services import dossiers, meetings
from tutor_app.store import hashes
from tutor_app.store.state import HASH_SCHEME
from tutor_app.sync import admin
from tutor_app.sync.connection import connect

pytestmark = pytest.mark.postgres


def _server_hashes(server: TestServer) -> dict[str, int]:
    with server.superuser() as su:
        return {str(pid): int(h) for pid, h in su.execute("SELECT project_id, hash FROM tutor.project_hashes")}


def test_a_server_upgraded_from_whole_row_hashes_agrees_with_a_new_client(pg_superuser: Any, tmp_path: Path) -> None:
    with server_at(pg_superuser, "0005") as server:  # the previous form of the hashes
        server.add_user("bench", "project_tutor")
        rows, _me = seed_server(server, 400, "bench")  # written through the 0005 triggers
        old = _server_hashes(server)
        base = server.address
        admin.init_server(lambda: connect(base, base.user, None), base)
        new = _server_hashes(server)
        assert set(new) == set(old) and new != old
        parts = [f"SELECT t.{e.project_key} AS project_id, tutor._row_hash(to_jsonb(t)) AS h FROM tutor.{e.table} t"
                 for e in ENTITIES if e.project_key]
        with server.superuser() as su:  # the stored hashes are the rows' hashes, field by field
            recomputed = dict(su.execute(f"SELECT project_id::text, bit_xor(h) FROM ({' UNION ALL '.join(parts)}) x "
                                         "WHERE project_id IS NOT NULL GROUP BY 1").fetchall())
        assert recomputed == new
        tutor = Client(server, "bench", _open(tmp_path / "bench.sqlite3", 0))
        tutor.ws.create_profile("Bench Tutor", "bench@example.it")
        report = tutor.sync()
        assert report.pulled >= rows * 0.95 and report.sanity == "ok"
        with tutor.ws.store.read() as conn:
            assert hashes.stored(conn) == new
        tutor.close()


def test_a_profile_with_hashes_of_the_old_form_computes_them_again_once(clients: dict[str, Client]) -> None:
    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z", minutes="Verbale")
    mario.sync()
    with mario.ws.store.write() as w:  # what an older Tutor left: another form, another number
        w.conn.exec_driver_sql("UPDATE sync_project_hashes SET hash = hash + 1")
        w.conn.exec_driver_sql("UPDATE local_state SET value = '1' WHERE key = ?", (HASH_SCHEME,))
    report = mario.sync()
    assert report.sanity == "ok" and report.refetched == 0
    with mario.ws.store.read() as conn:
        assert hashes.stored(conn) == hashes.compute(conn, [project])
    assert mario.ws.store.state(HASH_SCHEME) == hashes.SCHEME


def test_lists_booleans_and_tombstones_move_the_hashes_alike_on_both_sides(clients: dict[str, Client]) -> None:
    """The field kinds whose local form differs from the stored one (lists kept as JSON text,
    booleans as integers) and a tombstone: edited on one device, pulled by another, the three
    copies keep the same dossier hashes (``Client.sync`` fails on any dossier fetched again)."""
    mario, carla = clients["mario"], clients["carla"]
    project = mario.new_project("Fab Agrate")
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                      minutes="Verbale", actions=[{"text": "Inviare la AUA"}])
    mario.sync()
    carla.sync()
    dossiers.update_project(mario.ws, project, instruments=["zis_call", "zls"], services=["tutoring"], zis=True)
    action = next(iter(mario.rows("action_items")))
    meetings.update_action(mario.ws, action, done=True)
    mario.sync()
    carla.sync()
    dossiers.update_project(carla.ws, project, instruments=[], zis=False)
    meetings.delete_meeting(carla.ws, meeting)
    carla.sync()
    mario.sync()
    with mario.ws.store.read() as a, carla.ws.store.read() as b:
        assert hashes.stored(a)[project] == hashes.stored(b)[project] == hashes.compute(a, [project])[project]
    assert mario.rows("projects")[project]["instruments"] == "[]"
