"""Records of others in the conflicts inbox, on the real server: a change refused because its
dossier was moved to another tutor (DESIGN §5.5), a dossier deleted while another tutor edited
it (§5.3), and what the inbox counts. Each is shown to whoever reads it in their words: who made
the change, on which dossier, field by field, never an internal id or field name; the refused
values can be applied by whoever now holds the dossier; a dossier brought back closes the
records about its deletion; one count, worded once, in the command line, the status bar and the
dialog."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.sync.helpers import Client, TestServer, on_fault
from tests.sync.inbox_scenes import (
    conflicting_edits_and_a_refusal,
    deleted_while_edited,
    reassigned_with_offline_edits,
)
from tutor_app.cli import server_commands
from tutor_app.cli.main import main
from tutor_app.domain.enums import ConflictKind
from tutor_app.domain.inbox import Inbox
from tutor_app.services import conflicts, dossiers, recycle_bin
from tutor_app.services.sync_profile import remember_target

pytestmark = pytest.mark.postgres

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
INTERNAL = ("project_id", "new_hires", "noted_on", "follow_up_on", "_", "{", "}", "null", "true", "false")


def _shown(view: conflicts.ConflictView) -> str:
    return "\n".join(str(part) for part in (view.headline, view.subject, view.mine, view.theirs, view.other_by))


def _plain(text: str) -> None:
    """Words for people: no UUID, no JSON, no field name of the schema."""
    assert not UUID.search(text), text
    for internal in INTERNAL:
        assert internal not in text, (internal, text)


def _by_headline(client: Client, lang: str = "it") -> list[conflicts.ConflictView]:
    return sorted(conflicts.list_conflicts(client.ws, lang=lang), key=lambda v: v.headline)


def test_a_change_refused_after_a_reassignment_reads_for_the_new_tutor_and_the_coordinator(
        clients: dict[str, Client], server: TestServer) -> None:
    scene = reassigned_with_offline_edits(clients, server)
    assert scene.report.rejected == 2 and scene.report.purged == 1
    dossier, note = "«Stabilimento di Brescia»", "Nota aftercare del 25/11/2026"
    for name in ("anna", "carla"):
        note_record, project_record = _by_headline(clients[name])  # "Dossier …, Nota" before "Dossier …: modifica"
        for view in (project_record, note_record):
            assert view.kind is ConflictKind.REJECTED
            assert view.other_by == "Mario Rossi"  # whose change it was
            _plain(_shown(view))
        assert project_record.headline == (f"Dossier {scene.code} {dossier}: modifica di Mario Rossi rifiutata "
                                           "(il progetto non è più assegnato a Mario Rossi)")
        assert (project_record.mine, project_record.theirs) == ("Nuovi addetti: 1.100", "Nuovi addetti: 1.000")
        assert note_record.headline == (f"Dossier {scene.code} {dossier}, {note} — Soddisfazione: modifica di "
                                        "Mario Rossi rifiutata (il progetto non è più assegnato a Mario Rossi)")
        assert note_record.subject == note  # named by its values, though the server never had it
        assert note_record.mine == "Data: 25/11/2026\nArgomento: Soddisfazione\nTesto: Ultima nota di Mario"
        assert note_record.theirs == "Non c'è nel dossier: la modifica non è mai stata applicata."
        assert project_record.appliable and note_record.appliable  # the dossier is theirs to edit
    english = _by_headline(clients["anna"], "en")
    assert [v.headline for v in english] == [
        f"Dossier {scene.code} “Stabilimento di Brescia”, Aftercare note of 25/11/2026 — Satisfaction: change by "
        "Mario Rossi refused (the project is no longer assigned to Mario Rossi)",
        f"Dossier {scene.code} “Stabilimento di Brescia”: change by Mario Rossi refused (the project is no longer "
        "assigned to Mario Rossi)"]
    assert english[0].theirs == "Not in the dossier: the change was never applied."
    for view in english:
        _plain(_shown(view))

    # Mario's own list: his refusals, named by the dossier he no longer holds, field by field.
    mario = clients["mario"]
    assert dossiers.list_dossiers(mario.ws) == []
    refused = sorted(conflicts.list_rejections(mario.ws), key=lambda r: r.subject)
    assert [r.subject for r in refused] == [f"Dossier {scene.code} {dossier}",
                                            f"Dossier {scene.code} {dossier}, {note} — Soddisfazione (non più in "
                                            "questo profilo)"]
    assert [r.reason for r in refused] == ["il progetto non è più assegnato a te"] * 2
    assert [r.values for r in refused] == [
        {"Nuovi addetti": "1.100"},
        {"Data": "25/11/2026", "Argomento": "Soddisfazione", "Testo": "Ultima nota di Mario"}]


def test_the_new_tutor_applies_the_refused_values_as_her_own_edit(
        clients: dict[str, Client], server: TestServer) -> None:
    scene = reassigned_with_offline_edits(clients, server)
    anna, carla = clients["anna"], clients["carla"]
    for view in conflicts.list_conflicts(anna.ws):
        conflicts.apply_refused(anna.ws, view.id)
    assert conflicts.list_conflicts(anna.ws) == []
    anna.sync()
    assert server.dump("projects")[scene.project]["new_hires"] == 1100
    [note] = [n for n in server.dump("aftercare_notes").values() if n["project_id"] == scene.project]
    assert (note["text"], note["topic"], note["deleted"]) == ("Ultima nota di Mario", "satisfaction", False)
    assert all(r["resolved"] for r in server.dump("conflicts").values())
    with server.superuser() as su:
        authors = {r[0] for r in su.execute(
            "SELECT author FROM tutor.history WHERE (row_id = %s AND new_values->>'new_hires' = '1100') "
            "OR row_id = %s", (scene.project, note["id"]))}
    assert authors == {server.address.login_role("anna")}  # an ordinary edit by the dossier's tutor
    carla.sync()
    assert conflicts.list_conflicts(carla.ws) == []
    assert dossiers.get_dossier(carla.ws, scene.project).project["new_hires"] == 1100


def test_a_dossier_deleted_while_edited_reads_field_by_field_and_names_who_deleted_it(
        clients: dict[str, Client], server: TestServer) -> None:
    scene = deleted_while_edited(clients, server)
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    where = f"Dossier {scene.code} «Data center Pavia»: eliminato mentre veniva modificato"
    note_lines = "Data: 25/11/2026\nArgomento: Soddisfazione\nTesto: Nota di Mario offline"
    own, of_note = _by_headline(mario)
    assert (own.headline, of_note.headline) == (where, where + " (Nota aftercare del 25/11/2026)")
    assert (own.mine, of_note.mine) == ("Nuovi addetti: 44", note_lines)
    for view in (own, of_note):
        assert view.theirs is not None and re.fullmatch(
            r"Eliminazione eseguita da Anna Bianchi il \d\d/\d\d/\d{4}", view.theirs), view.theirs
        assert view.other_by == "Anna Bianchi"
        _plain(_shown(view))
    own_anna, note_anna = _by_headline(anna)
    assert re.fullmatch(r"Eliminazione eseguita da te il \d\d/\d\d/\d{4}", own_anna.mine or ""), own_anna.mine
    assert (own_anna.theirs, note_anna.theirs) == ("Nuovi addetti: 44", note_lines)
    english = _by_headline(mario, "en")
    assert english[1].mine == "Date: 25/11/2026\nTopic: Satisfaction\nText: Nota di Mario offline"
    assert re.fullmatch(r"Deleted by Anna Bianchi on \d\d/\d\d/\d{4}", english[0].theirs or "")
    for view in (*english, *_by_headline(carla)):
        _plain(_shown(view))


def test_restoring_a_deleted_dossier_closes_every_record_of_its_deletion(
        clients: dict[str, Client], server: TestServer) -> None:
    scene = deleted_while_edited(clients, server)
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    first, _second = conflicts.list_conflicts(mario.ws)
    conflicts.resolve_deletion(mario.ws, first.id, restore=True)
    assert conflicts.list_conflicts(mario.ws) == []  # the other record was about the same deletion
    mario.sync()
    for client in (anna, carla):
        client.sync()
        assert conflicts.list_conflicts(client.ws) == []
        assert [d.id for d in dossiers.list_dossiers(client.ws)] == [scene.project]
    assert not [r for r in server.dump("conflicts").values() if not r["resolved"]]


def test_a_dossier_restored_from_the_recycle_bin_leaves_records_that_say_so_and_ask_no_choice(
        clients: dict[str, Client], server: TestServer) -> None:
    scene = deleted_while_edited(clients, server)
    mario, anna = clients["mario"], clients["anna"]
    recycle_bin.restore(anna.ws, "projects", scene.project)
    anna.sync()
    mario.sync()
    for client in (anna, mario):
        views = conflicts.list_conflicts(client.ws)
        assert len(views) == 2 and all(v.restored for v in views)
        assert all(v.headline.startswith(f"Dossier {scene.code} «Data center Pavia»: eliminato mentre veniva "
                                         "modificato, poi ripristinato") for v in views)
    [in_english, _] = conflicts.list_conflicts(mario.ws, lang="en")
    assert ", then restored" in in_english.headline


def test_a_dossier_kept_alive_only_for_edits_waiting_to_go_up_is_not_taken_for_restored(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    project = mario.new_project("Data center Pavia", new_hires=40)
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    carla.sync()
    dossiers.update_project(carla.ws, project, new_hires=41)  # offline, before she sees the deletion
    dossiers.delete_project(anna.ws, project)
    anna.sync()
    carla.sync()  # a record: deleted while Carla edited it
    # Mario types while his sync pulls: the tombstone comes down against his waiting edit, and the
    # dossier stays alive here until that edit has gone up (never a silent delete).
    mario.sync(fault=on_fault("pull", lambda: dossiers.update_project(mario.ws, project, new_hires=42)))
    assert [d.id for d in dossiers.list_dossiers(mario.ws)] == [project]
    [view] = conflicts.list_conflicts(mario.ws)
    assert view.kind is ConflictKind.DELETE_EDIT and not view.restored, view.headline
    assert "ripristinato" not in view.headline


def test_the_sync_summary_counts_what_the_inbox_shows(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    conflicting_edits_and_a_refusal(clients, server)
    anna = clients["anna"]
    remember_target(anna.ws, str(server.address), "anna")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(server_commands.sys, "stdin", Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda _prompt: server.passwords["anna"])
    with anna.away():
        assert main(["sync", "--db", str(anna.ws.store.path)]) == 0
    said = capsys.readouterr().out
    assert conflicts.inbox(anna.ws) == Inbox(conflicts=2, refused=1)
    assert len(conflicts.list_conflicts(anna.ws)) == 2 and len(conflicts.list_rejections(anna.ws)) == 1
    assert "; 2 conflitti e 1 modifica rifiutata da vedere." in said.splitlines()[0], said
    with anna.away():
        assert main(["sync", "--db", str(anna.ws.store.path), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Already up to date: nothing to send or receive; 2 conflicts and 1 refused change to look at.")
    # What is seen and dealt with leaves the count as it leaves the lists.
    conflicts.resolve_conflict(anna.ws, conflicts.list_conflicts(anna.ws)[0].id, "mine")
    conflicts.dismiss_rejection(anna.ws, conflicts.list_rejections(anna.ws)[0].change_id)
    assert conflicts.inbox(anna.ws) == Inbox(conflicts=1) == Inbox(
        len(conflicts.list_conflicts(anna.ws)), len(conflicts.list_rejections(anna.ws)))
