"""Conflicts, tombstones, rejections and unassignment (DESIGN §5.3-5.5): never silent, nothing lost."""

from __future__ import annotations

import json
import time

import pytest

from tests.sync.helpers import Client, TestServer, on_fault
from tutor_app.domain.enums import ConflictKind
from tutor_app.services import conflicts, dossiers, meetings

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


def test_the_same_field_edited_twice_offline_is_a_conflict_shown_to_both(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    meetings.update_meeting(mario.ws, meeting, decisions="Versione di Mario")
    time.sleep(0.005)  # a later wall clock: Anna's stamp is the later one, whatever the device ids
    meetings.update_meeting(anna.ws, meeting, decisions="Versione di Anna")  # later HLC: wins
    assert mario.sync().conflicts == 0
    assert anna.sync().conflicts == 1
    mario.sync()
    clients["carla"].sync()
    for client in (mario, anna):
        assert dossiers.get_dossier(client.ws, project).meetings[0].decisions == "Versione di Anna"
    [seen_by_mario] = conflicts.list_conflicts(mario.ws)
    assert seen_by_mario.kind is ConflictKind.FIELD
    assert seen_by_mario.headline == "Riunione del 12/03/2026, campo Decisioni: la tua versione / l'altra versione"
    [in_english] = conflicts.list_conflicts(mario.ws, lang="en")  # the inbox speaks the viewer's language
    assert in_english.headline == "Meeting of 12/03/2026, field Decisions: your version / the other version"
    assert (seen_by_mario.mine, seen_by_mario.theirs, seen_by_mario.mine_kept) == (
        "Versione di Mario", "Versione di Anna", False)
    [seen_by_anna] = conflicts.list_conflicts(anna.ws)
    assert (seen_by_anna.mine, seen_by_anna.theirs, seen_by_anna.mine_kept) == (
        "Versione di Anna", "Versione di Mario", True)
    assert len(conflicts.list_conflicts(clients["carla"].ws)) == 1


def test_resolving_a_conflict_is_a_synced_edit(clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    meetings.update_meeting(mario.ws, meeting, decisions="Versione di Mario")
    meetings.update_meeting(anna.ws, meeting, decisions="Versione di Anna")
    mario.sync()
    anna.sync()
    mario.sync()
    [conflict] = conflicts.list_conflicts(mario.ws)
    conflicts.resolve_conflict(mario.ws, conflict.id, "merged", merged="Versione di Mario e di Anna")
    assert conflicts.list_conflicts(mario.ws) == []
    assert mario.sync().conflicts == 0
    anna.sync()
    assert conflicts.list_conflicts(anna.ws) == []
    assert dossiers.get_dossier(anna.ws, project).meetings[0].decisions == "Versione di Mario e di Anna"


def test_a_delete_against_a_concurrent_edit_is_a_conflict_and_keeps_the_edit(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    meetings.delete_meeting(mario.ws, meeting)
    meetings.update_meeting(anna.ws, meeting, minutes="Verbale scritto offline")
    mario.sync()
    assert anna.sync().conflicts == 1
    mario.sync()
    [record] = conflicts.list_conflicts(mario.ws)
    assert record.kind is ConflictKind.DELETE_EDIT
    row = server.dump("meetings")[meeting]
    assert row["deleted"] is True and row["minutes"] == "Verbale scritto offline"
    conflicts.resolve_deletion(mario.ws, record.id, restore=True)
    mario.sync()
    anna.sync()
    assert dossiers.get_dossier(anna.ws, project).meetings[0].minutes == "Verbale scritto offline"


def test_a_pulled_tombstone_never_silently_deletes_pending_edits(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    meetings.delete_meeting(mario.ws, meeting)
    mario.sync()
    meetings.update_meeting(anna.ws, meeting, minutes="Scritto in treno")
    # Pull only (the edit stays waiting): the meeting is still there with the edit.
    with anna.session() as session:
        from tutor_app.sync.context import SyncContext, SyncReport
        from tutor_app.sync.pull import pull_all

        ctx = SyncContext(anna.ws.store, session, SyncReport(), tutor_id=anna.tutor_id)
        pull_all(ctx)
    assert dossiers.get_dossier(anna.ws, project).meetings[0].minutes == "Scritto in treno"
    report = anna.sync()
    assert report.conflicts == 1
    assert dossiers.get_dossier(anna.ws, project).meetings == ()  # deleted now, and the record says so
    [record] = conflicts.list_conflicts(anna.ws)
    assert record.kind is ConflictKind.DELETE_EDIT


def test_an_edit_folded_into_one_made_before_a_pull_keeps_the_older_base_and_is_a_conflict(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, _meeting = _shared(clients, server)
    dossiers.update_project(anna.ws, project, capex_cents=90_000_000_00)
    anna.sync()
    # A background sync runs while Mario types: his first edit lands after the push, before the
    # pull; the pull brings Anna's capex (his pending value stays) and moves the row's revision.
    typed = on_fault("pull", lambda: dossiers.update_project(mario.ws, project, capex_cents=120_000_000_00))
    mario.sync(fault=typed)
    [waiting] = mario.outbox()
    assert mario.rows("projects")[project]["rev"] > waiting["base_rev"]  # the pull moved the row past it
    time.sleep(0.005)
    dossiers.update_project(mario.ws, project, capex_cents=125_000_000_00)  # folded into the same entry
    [folded] = mario.outbox()
    assert (folded["change_id"], folded["base_rev"]) == (waiting["change_id"], waiting["base_rev"])
    assert json.loads(folded["fields"]) == {"capex_cents": 125_000_000_00}
    # Anna wrote capex after the edit's base: a conflict, never a silent overwrite of her value.
    assert mario.sync().conflicts == 1
    anna.sync()
    assert server.dump("projects")[project]["capex_cents"] == 125_000_000_00
    [record] = server.dump("conflicts").values()
    assert (record["table_name"], record["field"]) == ("projects", "capex_cents")
    for client, mine, theirs in ((mario, "125.000.000\u00a0€", "90.000.000\u00a0€"),
                                 (anna, "90.000.000\u00a0€", "125.000.000\u00a0€")):
        [seen] = conflicts.list_conflicts(client.ws)
        assert seen.kind is ConflictKind.FIELD and "campo Investimento stimato" in seen.headline
        assert (seen.mine, seen.theirs) == (mine, theirs), seen


def test_edits_made_after_an_unassignment_are_kept_for_the_coordinator_and_the_copy_is_purged(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project, meeting = _shared(clients, server)
    carla = clients["carla"]
    carla.sync()
    server.assign(project, "anna", assigned=False)
    meetings.update_meeting(anna.ws, meeting, minutes="Scritto prima di sapere")
    report = anna.sync()
    assert report.rejected == 1 and report.purged == 1
    assert dossiers.list_dossiers(anna.ws) == []
    assert not anna.outbox()
    assert [r.reason for r in conflicts.list_rejections(anna.ws)] == ["il progetto non è più assegnato a te"]
    assert [r.reason for r in conflicts.list_rejections(anna.ws, "en")] == ["the project is no longer assigned to you"]
    assert server.dump("meetings")[meeting]["minutes"] is None  # not applied
    carla.sync()
    [record] = conflicts.list_conflicts(carla.ws)
    assert record.kind is ConflictKind.REJECTED and record.lost_value["minutes"] == "Scritto prima di sapere"
    mario.sync()
    [seen] = conflicts.list_conflicts(mario.ws)
    assert seen.kind is ConflictKind.REJECTED
    # Said to Mario, whose change it was not ("ad" before a vowel, as Italian writes it).
    assert seen.headline.endswith(": modifica di Anna Bianchi rifiutata (il progetto non è più assegnato ad "
                                  "Anna Bianchi)"), seen.headline
    assert seen.mine == "Verbale: Scritto prima di sapere"


def test_every_applied_change_is_in_the_history(clients: dict[str, Client], server: TestServer) -> None:
    mario = clients["mario"]
    project = mario.new_project()
    dossiers.update_project(mario.ws, project, capex_cents=1_000_00)
    changes = {e["change_id"] for e in mario.outbox()}
    mario.sync()
    with server.superuser() as su:
        logged = {str(r[0]) for r in su.execute("SELECT change_id FROM tutor.history WHERE change_id IS NOT NULL")}
        authors = {r[0] for r in su.execute("SELECT DISTINCT author FROM tutor.history WHERE change_id IS NOT NULL")}
        # Mario's own copy of his assignment: the server had made the same row when the project came.
        unchanged = {str(r[0]) for r in su.execute(
            "SELECT change_id FROM tutor.applied_changes WHERE (result->>'unchanged')::boolean")}
    assert len(unchanged) == 1
    assert changes - unchanged <= logged
    assert authors == {server.address.login_role("mario")}


def test_pending_changes_are_listed_field_by_field(clients: dict[str, Client]) -> None:
    mario = clients["mario"]
    project = mario.new_project()
    mario.sync()
    dossiers.update_project(mario.ws, project, capex_cents=250_000_000_00, new_hires=40)
    pending = conflicts.pending_changes(mario.ws)
    assert {(p.subject.split(" ")[0], p.field_label, p.value) for p in pending} == {
        ("Dossier", "Investimento stimato", "250.000.000\u00a0€"), ("Dossier", "Nuovi addetti", "40")}
