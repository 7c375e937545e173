"""Forgery (DESIGN §5.0): a client calling the sync functions with what it made up is refused,
and nothing changes — no data row, no history row."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.hlc import Stamp, wall_ms
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres


def _state(server: TestServer) -> tuple[Any, ...]:
    with server.superuser() as su:
        data = su.execute("SELECT md5(string_agg(to_jsonb(p)::text, '' ORDER BY id)) FROM tutor.projects p").fetchone()
        meetings = su.execute("SELECT md5(string_agg(to_jsonb(m)::text, '' ORDER BY id)) FROM tutor.meetings m")
        history = su.execute("SELECT count(*) FROM tutor.history").fetchone()
        records = su.execute("SELECT count(*) FROM tutor.conflicts").fetchone()
        return data, meetings.fetchone(), history, records


def _push(conn: psycopg.Connection[Any], device: str, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    row = conn.execute("SELECT tutor.push(%s, %s, %s)", (PROTOCOL, device, Jsonb(changes))).fetchone()
    conn.commit()
    assert row is not None
    return list(row[0]["results"])


def _edit(project: str, device: str, base: int, title: str, stamp: Stamp | None = None,
          change_id: str | None = None) -> dict[str, Any]:
    stamp = stamp or Stamp(wall_ms(), 0, device)
    return {"id": change_id or str(uuid.uuid4()), "table": "projects", "row": project,
            "fields": {"title": title}, "stamps": {"title": stamp.encode()}, "base": base}


@pytest.fixture
def mario_project(clients: dict[str, Client]) -> tuple[Client, str, int]:
    mario = clients["mario"]
    project = mario.new_project("Originale")
    mario.sync()
    return mario, project, int(mario.rows("projects")[project]["rev"])


def test_a_stamp_from_the_future_is_stored_at_the_servers_time_in_the_devices_order(
        mario_project: tuple[Client, str, int], server: TestServer) -> None:
    """A stamp ahead of the server's clock is never refused (a wrong laptop clock must not cost an
    edit) and never kept (it would win every conflict): the server stores its own time instead,
    keeping the order of the device's stamps, and the answer says what it stored."""
    mario, project, rev = mario_project
    device = mario.ws.store.device_id
    with server.connect_as("mario") as conn:
        ahead = wall_ms() + 3 * 3_600_000
        edits = [_edit(project, device, rev, "Primo", Stamp(ahead, 5, device))]
        edits[0]["fields"]["municipality"] = "Agrate Brianza"
        edits[0]["stamps"]["municipality"] = Stamp(ahead, 4, device).encode()
        before_ms = wall_ms()
        [first] = _push(conn, device, edits)
        [later] = _push(conn, device, [_edit(project, device, first["rev"], "Secondo", Stamp(ahead - 1000, 0, device))])
        after_ms = wall_ms()
    assert first["status"] == "applied" and later["status"] == "applied"
    stored = {k: Stamp.decode(v) for k, v in first["stamps"].items()}
    assert set(stored) == {"title", "municipality"}
    assert all(before_ms - 1000 <= s.ms <= after_ms + 1000 and s.device == device for s in stored.values())
    assert stored["municipality"] < stored["title"]  # the device's own order
    assert Stamp.decode(later["stamps"]["title"]) > stored["title"]  # a later push, later still
    row = server.dump("projects")[project]
    assert row["title"] == "Secondo" and row["stamps"]["title"] == later["stamps"]["title"]
    assert row["stamps"]["municipality"] == first["stamps"]["municipality"]


def test_a_reused_change_id_with_another_payload_is_refused(mario_project: tuple[Client, str, int],
                                                           server: TestServer, clients: dict[str, Client]) -> None:
    mario, project, rev = mario_project
    anna = clients["anna"]
    anna.sync()
    device = mario.ws.store.device_id
    change = str(uuid.uuid4())
    with server.connect_as("mario") as conn:
        [first] = _push(conn, device, [_edit(project, device, rev, "Primo", change_id=change)])
        assert first["status"] == "applied"
        before = _state(server)
        [again] = _push(conn, device, [_edit(project, device, rev, "Secondo", change_id=change)])
    assert (again["status"], again["reason"]) == ("rejected", "reused_id")
    assert _state(server) == before
    with server.connect_as("anna") as conn:  # somebody else's change id, even with the same payload
        [other] = _push(conn, anna.ws.store.device_id, [_edit(project, device, rev, "Primo", change_id=change)])
    assert (other["status"], other["reason"]) == ("rejected", "reused_id")
    assert _state(server) == before


def test_a_replay_is_applied_at_most_once(mario_project: tuple[Client, str, int], server: TestServer) -> None:
    mario, project, rev = mario_project
    device = mario.ws.store.device_id
    change = _edit(project, device, rev, "Una volta")
    with server.connect_as("mario") as conn:
        [first] = _push(conn, device, [change])
        before = _state(server)
        [again] = _push(conn, device, [change])
    assert first["status"] == "applied"
    assert (again["status"], again["original"]) == ("duplicate", "applied")
    assert _state(server) == before


def test_a_project_not_assigned_is_refused(clients: dict[str, Client], server: TestServer) -> None:
    anna, mario = clients["anna"], clients["mario"]
    project = anna.new_project("Di Anna")
    anna.sync()
    mario.sync()
    before = _state(server)
    device = mario.ws.store.device_id
    meeting = {"id": str(uuid.uuid4()), "table": "meetings", "row": str(uuid.uuid4()),
               "fields": {"project_id": project, "table": "technical", "starts_at": "2026-11-20T09:00:00.000000Z",
                          "deleted": False},
               "stamps": dict.fromkeys(("project_id", "table", "starts_at", "deleted"),
                                       Stamp(wall_ms(), 0, device).encode()),
               "base": 0}
    with server.connect_as("mario") as conn:
        results = _push(conn, device, [_edit(project, device, 1, "Rubato"), meeting])
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "not_assigned")] * 2
    assert _state(server) == before


def test_a_made_up_revision_or_cursor_is_refused(mario_project: tuple[Client, str, int], server: TestServer) -> None:
    mario, project, _rev = mario_project
    device = mario.ws.store.device_id
    before = _state(server)
    with server.connect_as("mario") as conn:
        [result] = _push(conn, device, [_edit(project, device, 10**9, "Dal futuro")])
        assert (result["status"], result["reason"]) == ("rejected", "bad_revision")
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("SELECT tutor.pull(%s, %s, 100)", (PROTOCOL, Jsonb([10**9, 0, None])))
    assert _state(server) == before


def test_another_devices_stamps_and_another_users_device_are_refused(
        mario_project: tuple[Client, str, int], server: TestServer, clients: dict[str, Client]) -> None:
    mario, project, rev = mario_project
    anna = clients["anna"]
    anna.sync()
    before = _state(server)
    with server.connect_as("mario") as conn:
        stamp = Stamp(wall_ms(), 0, anna.ws.store.device_id)  # claims to be Anna's edit
        [result] = _push(conn, mario.ws.store.device_id, [_edit(project, mario.ws.store.device_id, rev, "X", stamp)])
        assert (result["status"], result["reason"]) == ("rejected", "forged_stamp")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _push(conn, anna.ws.store.device_id, [_edit(project, anna.ws.store.device_id, rev, "X")])
    assert _state(server) == before


def test_users_cannot_make_conflict_records_or_change_roles(mario_project: tuple[Client, str, int],
                                                            server: TestServer) -> None:
    mario, _project, rev = mario_project
    device = mario.ws.store.device_id
    stamp = Stamp(wall_ms(), 0, device).encode()
    record = {"id": str(uuid.uuid4()), "table": "conflicts", "row": str(uuid.uuid4()),
              "fields": {"table_name": "projects", "row_id": str(uuid.uuid4()), "kind": "field", "resolved": False,
                         "deleted": False}, "stamps": {}, "base": 0}
    record["stamps"] = dict.fromkeys(record["fields"], stamp)
    promote = {"id": str(uuid.uuid4()), "table": "tutors", "row": mario.tutor_id, "fields": {"role": "coordinator"},
               "stamps": {"role": stamp}, "base": rev}
    before = _state(server)
    with server.connect_as("mario") as conn:
        results = _push(conn, device, [record, promote])
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "forbidden")] * 2
    assert _state(server) == before
    assert server.dump("tutors")[mario.tutor_id]["role"] == "project_tutor"
