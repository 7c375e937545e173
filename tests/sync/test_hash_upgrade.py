"""Dossier hashes changed form with server schema 0006 (field by field, protocol 3): a profile
that kept hashes of the old form computes them again once, so that both sides agree at once (a
dossier fetched again would fail the test: see ``Client.sync``). A server upgraded with its data
keeps hashes a new client agrees with: tests/sync/test_server_layout.py."""

from __future__ import annotations

import pytest

from tests.sync.helpers import Client
from tutor_app.services import dossiers, meetings
from tutor_app.store import hashes
from tutor_app.store.state import HASH_SCHEME

pytestmark = pytest.mark.postgres


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
