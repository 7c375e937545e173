"""The server under a broken or hostile client (issue "Sync under faults and attack"): values are
checked as the local schema checks them, stamps ahead of the server's clock are clamped (never
refused, never winning), pushes are bounded, and a company that live dossiers name stays."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.hlc import Stamp, wall_ms
from tutor_app.services import conflicts, dossiers, meetings
from tutor_app.sync import push as push_module
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres

THREE_HOURS = 3 * 3_600_000


def _state(server: TestServer) -> tuple[Any, ...]:
    with server.superuser() as su:
        digest = "SELECT md5(coalesce(string_agg(to_jsonb(t)::text, '' ORDER BY id), '')) FROM tutor.{} t"
        return tuple(su.execute(digest.format(t)).fetchone()  # type: ignore[call-overload]
                     for t in ("projects", "meetings", "investors", "history", "conflicts"))


def _push(conn: psycopg.Connection[Any], device: str, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    row = conn.execute("SELECT tutor.push(%s, %s, %s)", (PROTOCOL, device, Jsonb(changes))).fetchone()
    conn.commit()
    assert row is not None
    return list(row[0]["results"])


def _change(device: str, table: str, row: str, base: int, /, **fields: Any) -> dict[str, Any]:
    stamp = Stamp(wall_ms(), 0, device).encode()
    return {"id": str(uuid.uuid4()), "table": table, "row": row, "fields": fields,
            "stamps": dict.fromkeys(fields, stamp), "base": base}


@pytest.fixture
def dossier(clients: dict[str, Client]) -> tuple[Client, str, str, int]:
    """Mario's synced dossier with one meeting: (mario, project, meeting, revision)."""
    mario = clients["mario"]
    project = mario.new_project("Stabilimento di Agrate")
    meeting = meetings.record_meeting(mario.ws, project, table="technical",
                                      starts_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    mario.sync()
    return mario, project, meeting, int(mario.rows("meetings")[meeting]["rev"])


# (table, field, value the local schema refuses, what the server says is wrong)
BAD_VALUES = [
    ("meetings", "table", "BOGUS-ENUM", "unknown_code"),
    ("meetings", "table", 7, "unknown_code"),
    ("meetings", "place", 12, "type"),
    ("meetings", "place", "x" * 301, "too_long"),
    ("meetings", "minutes", "m" * 100_001, "too_long"),
    ("meetings", "starts_at", "2026-11-20 09:30", "instant"),
    ("meetings", "starts_at", "2026-02-30T09:30:00.000000Z", "instant"),
    ("meetings", "starts_at", None, "required"),
    ("projects", "capex_cents", -5, "range"),
    ("projects", "capex_cents", 1.5, "type"),
    ("projects", "new_hires", "12", "type"),
    ("projects", "zis", "yes", "type"),
    ("projects", "province", "ZZ", "unknown_code"),
    ("projects", "instruments", ["zis_call", "bogus"], "unknown_code"),
    ("projects", "services", ["tutoring", "aftercare"], "not_canonical"),
    ("projects", "title", "   ", "required"),
    ("investors", "country", "XX", "unknown_code"),
    ("investors", "website", "w" * 501, "too_long"),
    ("action_items", "due_on", "2026-13-01", "date"),
    ("contacts", "email", "not an address", "email"),
    ("projects", "investor_id", "not-a-uuid", "type"),
    ("investors", "vat_number", "00743110158", "check_digit"),  # a partita IVA with a wrong check digit
    ("investors", "vat_number", "00000000000", "check_digit"),
    ("investors", "vat_number", "IT00743110157", "not_canonical"),  # the client stores it without IT
    ("investors", "vat_number", "de 136.695.976", "not_canonical"),
    ("investors", "vat_number", "D" * 31, "too_long"),
    ("investors", "vat_number", 743110157, "type"),
]


@pytest.mark.parametrize(("table", "field", "value", "problem"), BAD_VALUES,
                         ids=[f"{t}.{f}:{p}" for t, f, _v, p in BAD_VALUES])
def test_a_value_the_local_schema_refuses_is_refused_by_the_server_and_changes_nothing(
        dossier: tuple[Client, str, str, int], server: TestServer, table: str, field: str, value: Any,
        problem: str) -> None:
    mario, project, meeting, rev = dossier
    device = mario.ws.store.device_id
    rows = {"meetings": meeting, "projects": project,
            "investors": mario.rows("projects")[project]["investor_id"]}
    if table in rows:  # an edit of a row the server holds (the fast path's ground)
        change = _change(device, table, rows[table], rev, **{field: value})
    else:  # a new row (the per-change path)
        values: dict[str, Any] = {"action_items": {"project_id": project, "meeting_id": meeting, "text": "Inviare"},
                                  "contacts": {"investor_id": rows["investors"], "name": "Hans"}}[table]
        change = _change(device, table, str(uuid.uuid4()), 0, **{**values, field: value})
    before = _state(server)
    with server.connect_as("mario") as conn:
        [result] = _push(conn, device, [change])
    assert result["status"] == "rejected"
    assert result["reason"] == ("too_large" if problem == "too_long" else "invalid")
    assert (result["field"], result["detail"]) == (field, problem)
    assert _state(server) == before


def test_good_values_of_every_kind_pass_the_servers_checks(dossier: tuple[Client, str, str, int],
                                                           server: TestServer) -> None:
    mario, project, _meeting, rev = dossier
    device = mario.ws.store.device_id
    change = _change(device, "projects", project, rev, capex_cents=0, new_hires=12, zis=True, province="MI",
                     instruments=["zis_call"], services=["aftercare", "tutoring"], title="Nuovo titolo",
                     description="d" * 100_000)
    with server.connect_as("mario") as conn:
        [result] = _push(conn, device, [change])
    assert result["status"] == "applied", result
    assert server.dump("projects")[project]["services"] == ["aftercare", "tutoring"]


@pytest.mark.parametrize("vat", ["00743110157", "12345670157", "DE136695976", "98-7654321"])
def test_a_vat_number_the_client_stores_passes_the_servers_checks(dossier: tuple[Client, str, str, int],
                                                                  server: TestServer, vat: str) -> None:
    from tutor_app.domain.vat import canonical_vat

    mario, project, _meeting, rev = dossier
    investor = mario.rows("projects")[project]["investor_id"]
    stored = canonical_vat(vat)
    with server.connect_as("mario") as conn:
        [result] = _push(conn, mario.ws.store.device_id, [_change(mario.ws.store.device_id, "investors", investor,
                                                                   rev, vat_number=stored)])
    assert result["status"] == "applied", result
    assert server.dump("investors")[investor]["vat_number"] == stored


def test_a_push_over_the_servers_bounds_is_refused_before_anything_is_written(
        dossier: tuple[Client, str, str, int], server: TestServer) -> None:
    mario, project, _meeting, rev = dossier
    device = mario.ws.store.device_id
    before = _state(server)
    many = [_change(device, "projects", project, rev, title=f"T{n}") for n in range(2001)]
    large = [_change(device, "projects", project, rev, description="d" * 90_000) for _ in range(50)]
    huge = [_change(device, "projects", project, rev, description="d" * 50_000_000)]
    with server.connect_as("mario") as conn:
        for batch in (many, large, huge):
            with pytest.raises(psycopg.errors.ProgramLimitExceeded):
                _push(conn, device, batch)
            conn.rollback()
    with server.superuser() as su:
        counter = su.execute("SELECT rev FROM tutor.counter").fetchone()
    assert _state(server) == before
    assert counter == (rev,)


def test_a_push_waits_for_the_counter_a_bounded_time(dossier: tuple[Client, str, str, int],
                                                     server: TestServer) -> None:
    """A session that holds the feed's counter (a push left inside an open transaction) makes
    the others' pushes give up after a few seconds, as "busy", instead of queueing for minutes."""
    mario, project, _meeting, rev = dossier
    device = mario.ws.store.device_id
    with server.superuser() as rogue:
        rogue.autocommit = False
        rogue.execute("UPDATE tutor.counter SET rev = rev")
        started = time.monotonic()
        with server.connect_as("mario") as conn, pytest.raises(psycopg.errors.LockNotAvailable):
            conn.execute("SET statement_timeout = '20s'")  # without the server's bound: fail, not hang
            _push(conn, device, [_change(device, "projects", project, rev, title="Atteso")])
        waited = time.monotonic() - started
        rogue.rollback()
    assert 4 <= waited < 15


def test_an_investor_that_live_dossiers_name_cannot_be_deleted(dossier: tuple[Client, str, str, int],
                                                               clients: dict[str, Client],
                                                               server: TestServer) -> None:
    mario, project, _meeting, _rev = dossier
    anna = clients["anna"]
    anna.sync()
    investor = mario.rows("projects")[project]["investor_id"]
    investor_rev = int(server.dump("investors")[investor]["rev"])
    spare = dossiers.create_investor(anna.ws, name="Senza dossier", country="FR", sector="ict")
    anna.sync()
    spare_rev = int(server.dump("investors")[spare]["rev"])
    before = _state(server)
    device = anna.ws.store.device_id
    with server.connect_as("anna") as conn:
        [refused] = _push(conn, device, [_change(device, "investors", investor, investor_rev, deleted=True)])
        assert _state(server) == before
        [allowed] = _push(conn, device, [_change(device, "investors", spare, spare_rev, deleted=True)])
    assert (refused["status"], refused["reason"]) == ("rejected", "investor_in_use")
    assert allowed["status"] == "applied"
    assert server.dump("investors")[investor]["deleted"] is False


def test_a_fast_clock_then_fixed_loses_no_edit_and_the_clock_comes_back(
        server: TestServer, tmp_path: Any, clients: dict[str, Client]) -> None:
    """Edits made while the laptop's clock was 3 h fast, and after it was set right, all reach the
    server: none is refused, none carries a future stamp there, and the device's clock follows
    the server's time again (its hybrid clock alone never goes back)."""
    fast = Client.make(server, tmp_path, "fabio", "Fabio Neri", "project_tutor", skew_ms=THREE_HOURS)
    try:
        project = fast.new_project("Orologio avanti")
        dossiers.update_project(fast.ws, project, municipality="Monza")
        report = fast.sync()
        assert report.rejected == 0
        assert fast.ws.store.state("hlc") < Stamp(wall_ms() + 60_000, 0, "").encode()
        # The clock is set right; the device's own clock must not keep stamping 3 h ahead.
        fast.skew_ms = 0
        fast.reopen()
        dossiers.update_project(fast.ws, project, municipality="Agrate Brianza", title="Orologio giusto")
        pending = fast.outbox()
        assert all(Stamp.decode(s).ms < wall_ms() + 60_000 for e in pending for s in _json(e["stamps"]).values())
        report = fast.sync()
        assert report.rejected == 0 and conflicts.list_rejections(fast.ws) == []
        row = server.dump("projects")[project]
        assert (row["municipality"], row["title"]) == ("Agrate Brianza", "Orologio giusto")
        limit = wall_ms() + 1000
        for table in ("projects", "investors", "tutors", "phase_entries", "permit_items"):
            for stored in server.dump(table).values():
                assert all(Stamp.decode(s).ms <= limit for s in stored["stamps"].values()), (table, stored)
        assert fast.rows("projects")[project]["municipality"] == "Agrate Brianza"
    finally:
        fast.close()


def test_no_client_wins_a_conflict_with_a_future_clock(server: TestServer, tmp_path: Any,
                                                       clients: dict[str, Client]) -> None:
    """A fast laptop's edit is stored at the server's time: an edit made after that on a laptop
    with a right clock, concurrently (without seeing it), wins the conflict."""
    carla = clients["carla"]
    fast = Client.make(server, tmp_path, "fabio", "Fabio Neri", "coordinator", skew_ms=THREE_HOURS)
    try:
        project = carla.new_project("Conteso")
        carla.sync()
        fast.sync()
        dossiers.update_project(fast.ws, project, title="Dal portatile avanti")
        fast.sync()
        time.sleep(0.05)
        dossiers.update_project(carla.ws, project, title="Dopo, con l'ora giusta")
        report = carla.sync()
        assert report.conflicts == 1
        assert server.dump("projects")[project]["title"] == "Dopo, con l'ora giusta"
        fast.sync()
        assert fast.rows("projects")[project]["title"] == "Dopo, con l'ora giusta"
    finally:
        fast.close()


def test_a_client_splits_a_large_outbox_without_separating_a_dossier_made_together(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    mario = clients["mario"]
    monkeypatch.setattr(push_module, "PUSH_BYTES", 20_000)
    projects = [mario.new_project(f"Dossier {n}", description="d" * 6_000) for n in range(4)]
    sent: list[list[dict[str, Any]]] = []
    original = push_module.payload_json

    def spy(entries: Any) -> str:
        sent.append(list(entries))
        return original(entries)

    monkeypatch.setattr(push_module, "payload_json", spy)
    report = mario.sync()
    assert report.rejected == 0 and mario.outbox() == []
    assert len(sent) > 1
    for project in projects:  # a new dossier, its checklist and phase went up in one transaction
        batches = {n for n, batch in enumerate(sent) for e in batch if e["project_id"] == project}
        assert len(batches) == 1
    assert set(projects) <= set(server.dump("projects"))


def _json(text: str) -> dict[str, str]:
    import json

    return dict(json.loads(text))


def test_an_edit_refused_and_kept_as_a_record_then_sent_again_answers_its_first_result(
        dossier: tuple[Client, str, str, int], clients: dict[str, Client], server: TestServer) -> None:
    """An edit made before an unassignment reached the laptop is refused and kept as a record; the
    connection is cut before the answer, so the same change goes up again, alone and twice in one
    batch: each time the first answer, and no second record (the push once failed on the second
    remembering of its id, and so did every sync of that laptop after it)."""
    mario, project, _meeting, rev = dossier
    anna = clients["anna"]
    code = mario.rows("projects")[project]["code"]
    anna.sync()
    server.assign(code, "anna")
    anna.sync()
    server.assign(code, "anna", False)
    device = anna.ws.store.device_id
    change = _change(device, "projects", project, rev, municipality="Monza")
    with server.connect_as("anna") as conn:
        [first] = _push(conn, device, [change])
        records = len(server.dump("conflicts"))
        [again] = _push(conn, device, [change])
        twice = _push(conn, device, [change, change])
    assert (first["status"], first["reason"], first["recorded"]) == ("rejected", "not_assigned", True)
    assert {**again, "status": "rejected"} == {**first, "original": "rejected"}
    assert [r["status"] for r in twice] == ["duplicate", "duplicate"]
    assert len(server.dump("conflicts")) == records == 1
