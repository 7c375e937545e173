"""A dossier deleted against a concurrent edit of its records (DESIGN §5: "a delete against a
concurrent edit is a conflict, never silent"). The tombstone is on the project row and the edits
are on its meetings, notes...: the rule holds across the dossier, both ways round, on the server
(a ``delete_edit`` record on the project) and on the client (a pulled dossier tombstone never
hides edits waiting to go up)."""

from __future__ import annotations

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.enums import ConflictKind
from tutor_app.services import conflicts, dossiers, meetings
from tutor_app.sync.context import SyncContext, SyncReport
from tutor_app.sync.pull import pull_all

pytestmark = pytest.mark.postgres


def _shared(clients: dict[str, Client], server: TestServer) -> tuple[Client, Client, str, str]:
    """Mario's dossier with a meeting, assigned to Anna too; everyone in sync."""
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Fab Agrate")
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                      decisions="Prima stesura")
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    return mario, anna, project, meeting


def _listed(client: Client) -> list[str]:
    return [d.id for d in dossiers.list_dossiers(client.ws)]


def _the_record(client: Client, project: str) -> conflicts.ConflictView:
    [record] = conflicts.list_conflicts(client.ws)
    assert record.kind is ConflictKind.DELETE_EDIT
    assert record.project_id == project
    return record


def test_an_edit_reaching_a_dossier_deleted_meanwhile_is_a_conflict_and_restore_brings_it_back(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    dossiers.delete_project(mario.ws, project)                       # offline, both of them
    meetings.update_meeting(anna.ws, meeting, minutes="Verbale di due ore, scritto offline")
    mario.sync()                                                     # the tombstone first
    assert anna.sync().conflicts == 1
    mario.sync()
    [server_record] = server.dump("conflicts").values()
    assert (server_record["kind"], server_record["table_name"], server_record["row_id"]) == (
        "delete_edit", "projects", project)
    assert server_record["reason"] == f"meetings:{meeting}"
    assert server.dump("projects")[project]["deleted"] is True
    assert server.dump("meetings")[meeting]["minutes"] == "Verbale di due ore, scritto offline"
    for client in (mario, anna):
        record = _the_record(client, project)
        assert record.lost_value == {"minutes": "Verbale di due ore, scritto offline"}
        assert (record.kept_by, record.lost_by) == ("Mario Rossi", "Anna Bianchi")
        assert record.headline == ("Dossier " + record.project_code + " «Fab Agrate»: eliminato mentre "
                                   "veniva modificato (Riunione del 12/03/2026)")
        assert _listed(client) == []                                 # deleted, and the record says so
    conflicts.resolve_deletion(anna.ws, _the_record(anna, project).id, restore=True)
    anna.sync()
    mario.sync()
    for client in (mario, anna):
        assert _listed(client) == [project]
        assert dossiers.get_dossier(client.ws, project).meetings[0].minutes == "Verbale di due ore, scritto offline"
        assert conflicts.list_conflicts(client.ws) == []
    assert server.dump("projects")[project]["deleted"] is False


def test_a_dossier_tombstone_reaching_edits_it_never_saw_is_a_conflict(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    dossiers.delete_project(mario.ws, project)                       # offline: Anna's edit is not seen
    meetings.update_meeting(anna.ws, meeting, minutes="Scritto e sincronizzato")
    assert anna.sync().conflicts == 0                                # the edit first
    assert mario.sync().conflicts == 1                               # then the tombstone
    anna.sync()
    for client in (mario, anna):
        record = _the_record(client, project)
        assert record.lost_value == {"minutes": "Scritto e sincronizzato"}
        assert (record.kept_by, record.lost_by) == ("Mario Rossi", "Anna Bianchi")
        assert _listed(client) == []
    conflicts.resolve_deletion(mario.ws, _the_record(mario, project).id, restore=False)  # confirmed
    mario.sync()
    anna.sync()
    assert conflicts.list_conflicts(anna.ws) == [] and _listed(anna) == []
    assert len(server.dump("conflicts")) == 1                        # resolving makes no new record


def test_a_meeting_recorded_in_a_dossier_deleted_meanwhile_is_a_conflict(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, _meeting = _shared(clients, server)
    dossiers.delete_project(mario.ws, project)
    mario.sync()
    new = meetings.record_meeting(anna.ws, project, table="operational", starts_at="2026-03-20T10:00:00Z",
                                  minutes="Nuova riunione")
    assert anna.sync().conflicts == 1
    assert server.dump("meetings")[new]["minutes"] == "Nuova riunione"
    assert _the_record(anna, project).lost_value["minutes"] == "Nuova riunione"
    mario.sync()
    assert _the_record(mario, project).lost_by == "Anna Bianchi"


def test_a_dossier_tombstone_reaching_a_meeting_it_never_saw_is_a_conflict(
        clients: dict[str, Client], server: TestServer) -> None:
    """The meeting reaches the server first: written at once, it holds one stamp and one revision
    for all its fields ("*"), which the tombstone's check reads as every field written after it."""
    mario, anna, project, _meeting = _shared(clients, server)
    dossiers.delete_project(mario.ws, project)                       # offline: Anna's meeting is not seen
    new = meetings.record_meeting(anna.ws, project, table="operational", starts_at="2026-03-20T10:00:00Z",
                                  minutes="Riunione mai vista")
    assert anna.sync().conflicts == 0
    assert mario.sync().conflicts == 1
    [server_record] = server.dump("conflicts").values()
    assert server_record["reason"] == f"meetings:{new}"
    anna.sync()
    for client in (mario, anna):
        record = _the_record(client, project)
        assert record.lost_value["minutes"] == "Riunione mai vista" and record.lost_by == "Anna Bianchi"


def test_a_pulled_dossier_tombstone_never_hides_edits_waiting_to_go_up(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    dossiers.delete_project(mario.ws, project)
    mario.sync()
    meetings.update_meeting(anna.ws, meeting, minutes="Scritto in treno")
    with anna.session() as session:                                  # pull only: the edit still waits
        pull_all(SyncContext(anna.ws.store, session, SyncReport(), tutor_id=anna.tutor_id))
    assert _listed(anna) == [project]                                # still there, with the edit
    assert anna.rows("projects")[project]["deleted"] in (False, 0)
    assert dossiers.get_dossier(anna.ws, project).meetings[0].minutes == "Scritto in treno"
    report = anna.sync()                                             # the edit goes up: recorded
    assert report.conflicts == 1
    assert not anna.outbox()
    assert _listed(anna) == []                                       # the tombstone now, with the record
    assert _the_record(anna, project).lost_value == {"minutes": "Scritto in treno"}
    assert report.sanity == "ok"


def test_a_dossier_deleted_by_its_own_editor_is_no_conflict(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    meetings.update_meeting(mario.ws, meeting, minutes="Ultima nota")
    mario.sync()
    dossiers.delete_project(mario.ws, project)
    meetings.update_meeting(mario.ws, meeting, decisions="Scritta dopo")  # his own device: he knows
    assert mario.sync().conflicts == 0
    assert anna.sync().conflicts == 0
    assert server.dump("conflicts") == {}
    assert _listed(anna) == [] and _listed(mario) == []


def test_deleting_a_dossier_after_seeing_its_latest_edits_is_no_conflict(
        clients: dict[str, Client], server: TestServer) -> None:
    """The deletion is made against everything the deleting user had of the dossier: an edit of
    one of its records that had already reached them is no concurrent edit."""
    mario, anna, project, meeting = _shared(clients, server)
    meetings.update_meeting(anna.ws, meeting, minutes="Verbale che Mario ha già letto")
    anna.sync()
    mario.sync()                                                     # Mario sees Anna's minutes
    dossiers.delete_project(mario.ws, project)
    assert mario.sync().conflicts == 0
    anna.sync()
    assert server.dump("conflicts") == {}
    assert server.dump("projects")[project]["deleted"] is True
    assert project not in _listed(anna)
