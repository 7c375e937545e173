"""Protocol 4 (server schema 0007): the hello hashes what the user sees only when the sync could be
idle, and a push taken as sent ends at the head with that hash, so the sync needs no pull. A Tutor
of protocol 3 is told to update and cannot write; a server of protocol 3 is asked to upgrade."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.sync.helpers import Client, TestServer, server_at
from tutor_app.domain.errors import VersionMismatchError
from tutor_app.domain.hlc import wall_ms
from tutor_app.services import dossiers, meetings
from tutor_app.sync import admin
from tutor_app.sync.connection import PROTOCOL_SQLSTATE
from tutor_app.sync.push import change_payload
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres


def _calls(server: TestServer, user: str, query: str, *params: Any) -> Any:
    with server.connect_as(user) as conn:
        return conn.execute(query, params).fetchone()[0]


def test_a_push_taken_as_sent_ends_the_sync_without_a_pull(clients: dict[str, Client]) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project = mario.new_project("Fab Agrate")
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    mario.sync()
    carla.sync()  # her first sync sends her own tutor record
    mario.sync()  # up to date
    meetings.update_meeting(mario.ws, meeting, decisions="Firmato il protocollo")
    report = mario.sync()
    # hello, push: the push's answer brings the head and the hash, which match.
    assert (report.round_trips, report.pulled, report.sanity) == (2, 0, "ok")
    assert mario.sync().idle
    # Someone else wrote before the next push: the push is not at the head; the pull brings what
    # they wrote, not the push's own revision. The meeting both edited comes back whole in the
    # push's answer (merged: the server's row is not the change alone).
    meetings.update_meeting(carla.ws, meeting, minutes="Verbale della coordinatrice")
    dossiers.update_project(carla.ws, project, description="Visto dalla coordinatrice")
    carla.sync()
    meetings.update_meeting(mario.ws, meeting, agenda="Punti aperti")
    report = mario.sync()
    assert (report.round_trips, report.pulled, report.sanity) == (3, 1, "ok")
    seen = dossiers.get_dossier(mario.ws, project)
    assert (seen.meetings[0].minutes, seen.meetings[0].agenda, seen.meetings[0].decisions) == (
        "Verbale della coordinatrice", "Punti aperti", "Firmato il protocollo")
    assert seen.project["description"] == "Visto dalla coordinatrice"
    assert carla.sync().pulled >= 1 and carla.rows("meetings")[meeting]["agenda"] == "Punti aperti"


def test_the_hello_hashes_only_at_the_head(clients: dict[str, Client], server: TestServer) -> None:
    mario = clients["mario"]
    mario.new_project()
    mario.sync()
    old = _calls(server, "mario", "SELECT tutor.hello(3)")  # protocol 3: always the hash
    head = old["head"]
    at_head = _calls(server, "mario", "SELECT tutor.hello(%s, %s)", PROTOCOL, head)
    assert at_head["hash"] is not None and at_head["hash"] == old["hash"] and at_head["head"] == head
    for behind in (head - 1, None):
        assert _calls(server, "mario", "SELECT tutor.hello(%s, %s)", PROTOCOL, behind)["hash"] is None


def test_a_tutor_of_protocol_3_is_told_to_update_and_writes_nothing(clients: dict[str, Client],
                                                                     server: TestServer) -> None:
    mario = clients["mario"]
    project = mario.new_project("Vecchio Tutor")
    mario.sync()
    hello = _calls(server, "mario", "SELECT tutor.hello(3)")  # what an older Tutor asks first
    assert hello["min_client_protocol"] == PROTOCOL > 3 and hello["schema"] == admin.known_server_schemas()[-1]
    row = mario.rows("projects")[project]
    change = change_payload({"change_id": str(uuid.uuid4()), "table_name": "projects", "row_id": project,
                             "fields": {"title": "Scritto dal Tutor di prima"},
                             "stamps": {"title": f"{wall_ms():013d}-000000-{mario.ws.store.device_id}"},
                             "base_rev": row["rev"]})
    with pytest.raises(psycopg.DatabaseError, match="sync protocol 3 is not spoken") as refused:
        _calls(server, "mario", "SELECT tutor.push(3, %s, %s)", mario.ws.store.device_id, Jsonb([change]))
    assert refused.value.sqlstate == PROTOCOL_SQLSTATE  # the client's "update Tutor" message
    assert server.dump("projects")[project]["title"] == "Vecchio Tutor"


def _as_a_server_of_protocol_3(server: TestServer) -> None:
    """What a server of protocol 3 answers (no such release can be made any more, the revisions
    before 0007 being collapsed): its versions say 3, and it has only the one-argument hello."""
    with server.superuser() as su:
        su.execute("UPDATE tutor.meta SET value = '3' WHERE key IN ('protocol', 'min_client_protocol')")
        su.execute("ALTER FUNCTION tutor.hello(integer, bigint) RENAME TO hello_of_protocol_4")
        su.execute("CREATE OR REPLACE FUNCTION tutor.hello(p_protocol integer) RETURNS jsonb LANGUAGE sql STABLE "
                   "SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp AS $$ "
                   "SELECT tutor.hello_of_protocol_4(p_protocol, (SELECT rev FROM tutor.counter)) $$")


def test_a_server_of_protocol_3_is_asked_to_upgrade_and_nothing_is_written(pg_superuser: Any, tmp_path: Path) -> None:
    with server_at(pg_superuser, "0007") as server:  # a server of an earlier release
        _as_a_server_of_protocol_3(server)
        mario = Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor")
        mario.new_project("In attesa")
        waiting = mario.outbox()
        with pytest.raises(VersionMismatchError, match="older than this Tutor"):
            mario.sync()
        assert mario.outbox() == waiting
        assert server.dump("projects") == {}
        mario.close()
