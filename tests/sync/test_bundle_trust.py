"""Bundles under attack (issue 10), against a real server: the register says on whose word a
signature stands, a tampered bundle that took the genuine change ids leaves conflicts naming it
(nothing lost), and a coordinator reverts a bundle through the push rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.errors import PermissionDeniedError, TutorError
from tutor_app.services import conflicts, dossiers, meetings
from tutor_app.services.bundles import export_pending, revert
from tutor_app.services.sync import MemoryCredentials
from tutor_app.sync.bundle import Bundle, ImportReport, import_bundle, read_bundle, revert_bundle

pytestmark = pytest.mark.postgres


def _import(carla: Client, bundle: Bundle, accept_unverified: bool = False) -> ImportReport:
    with carla.session() as session:
        return import_bundle(session, bundle, accept_unverified=accept_unverified)


def _tampered(out: Path, project: str, title: str) -> Bundle:
    """The bundle with the project's title changed after signing, the signature left as it was."""
    doc = json.loads(out.read_text(encoding="utf-8"))
    change = next(c for c in doc["body"]["changes"] if c["table"] == "projects" and c["row"] == project)
    change["fields"]["title"] = title
    path = out.with_name("tampered.tutorbundle")
    path.write_text(json.dumps(doc), encoding="utf-8")
    return read_bundle(path)


def _offline_bundle(mario: Client, tmp_path: Path) -> tuple[str, Path]:
    mario.sync()
    project = mario.new_project("Fab Agrate")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                            decisions="Due decisioni")
    out = tmp_path / "mario.tutorbundle"
    export_pending(mario.ws, out)
    return project, out


def _register(server: TestServer) -> list[tuple[Any, ...]]:
    with server.superuser() as su:
        return su.execute("SELECT verification, vouched_by, imported_by, changes FROM tutor.bundles "
                          "ORDER BY rev").fetchall()


def test_a_body_changed_after_signing_and_sent_as_verified_is_registered_as_the_clients_word(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_bundle(mario, tmp_path)
    carla.sync()  # her name is on the server
    forged = _tampered(out, project, "Titolo falso")
    carla_login = server.address.login_role("carla")
    # A client that lies: the changed body, the original signature, "verified".
    with carla.session() as session:
        answer = session.import_bundle(forged.canonical().decode(), forged.signature, True)
    assert answer["verification"] == "client" and answer["vouched_by"] == carla_login
    assert server.dump("projects")[project]["title"] == "Titolo falso"
    # The server could not check it, and says so: the client's word, the coordinator who gave it.
    assert _register(server) == [("client", carla_login, carla_login, len(forged.changes))]
    with server.superuser() as su:
        provenance = su.execute("SELECT DISTINCT bundle_verification, bundle_vouched_by, bundle_author "
                                "FROM tutor.history_provenance WHERE bundle_id = %s AND table_name = 'projects'",
                                (forged.bundle_id,)).fetchall()
    assert provenance == [("client", carla_login, server.address.login_role("mario"))]

    # An unverified bundle accepted by decision: nobody vouched, the importer is named.
    mario.sync()
    dossiers.update_project(mario.ws, project, new_hires=12)
    second = tmp_path / "second.tutorbundle"
    export_pending(mario.ws, second)
    doc = json.loads(second.read_text(encoding="utf-8"))
    del doc["signature"]
    second.write_text(json.dumps(doc), encoding="utf-8")
    report = _import(carla, read_bundle(second), accept_unverified=True)
    assert report.verification == "unverified" and report.vouched_by is None
    assert _register(server)[-1] == ("unverified", None, carla_login, 1)

    # `server status` shows both, by author, date and number of changes, and on whose word.
    from tutor_app.cli.main import main

    assert main(["server", "status", "--server", str(server.address)]) == 0
    printed = capsys.readouterr().out
    assert "il pacchetto di Mario Rossi del" in printed and "the bundle of Mario Rossi made on" in printed
    assert "firma verificata dal programma di Carla Verdi, non dal server" in printed
    assert "signature checked by Carla Verdi's Tutor, not by the server" in printed
    assert "NON verificato: importato da Carla Verdi" in printed and "(1 modifica)" in printed
    assert f"({len(forged.changes)} modifiche)" in printed


def test_a_tampered_bundle_that_took_the_ids_leaves_conflicts_naming_it_and_the_coordinator_resolves_them(
        clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_bundle(mario, tmp_path)
    genuine = read_bundle(out)
    carla.sync()
    taken = _import(carla, _tampered(out, project, "Titolo falso"), accept_unverified=True)
    assert not taken.verified and server.dump("projects")[project]["title"] == "Titolo falso"
    change_id = next(c["id"] for c in genuine.changes if c["table"] == "projects")

    # The genuine bundle: the changed change is a conflict naming the bundle that took its id.
    report = _import(carla, genuine)
    line = next(x for x in report.lines if x["id"] == change_id)
    assert line["status"] == "conflict" and line["conflicts"] == 1
    assert line["taken_by"]["author_name"] == "Mario Rossi" and line["taken_by"]["changes"] == len(genuine.changes)
    assert line["taken_by"]["verification"] == "unverified"
    assert {x["status"] for x in report.lines if x["id"] != change_id} == {"duplicate"}
    with server.superuser() as su:
        records = su.execute("SELECT kind, field, kept_value, lost_value, reason FROM tutor.conflicts "
                             "WHERE change_id = %s", (change_id,)).fetchall()
    assert [(r[0], r[1], json.loads(r[2]), json.loads(r[3])) for r in records] == [
        ("field", "title", "Titolo falso", "Fab Agrate")]
    assert json.loads(records[0][4].removeprefix("reused_id "))["bundle_id"] == genuine.bundle_id

    # The tutor's own sync sends the same ids: a conflict, not a bare rejection; no second record.
    sync = mario.sync()
    assert sync.rejected == 0 and sync.conflicts == 1 and len(sync.taken) == 1
    assert not mario.outbox() and not mario.rows("sync_rejections")
    with server.superuser() as su:
        assert su.execute("SELECT count(*) FROM tutor.conflicts WHERE change_id = %s", (change_id,)).fetchone() == (1,)
    [mine] = [c for c in conflicts.list_conflicts(mario.ws) if c.field == "title"]
    assert "il pacchetto di Mario Rossi del" in mine.headline and f"({len(genuine.changes)} modifiche)" in mine.headline
    assert mine.mine == "Fab Agrate" and mine.theirs == "Titolo falso"

    # The coordinator resolves it with the usual resolution: the real value comes back everywhere.
    carla.sync()
    [record] = [c for c in conflicts.list_conflicts(carla.ws) if c.field == "title"]
    assert record.bundle is not None and record.bundle["author_name"] == "Mario Rossi"
    conflicts.resolve_conflict(carla.ws, record.id, "mine")
    carla.sync()
    assert server.dump("projects")[project]["title"] == "Fab Agrate"
    assert server.dump("conflicts")[record.id]["resolved"] is True
    mario.sync()
    assert dossiers.get_dossier(mario.ws, project).project["title"] == "Fab Agrate"
    assert not conflicts.list_conflicts(mario.ws)


def _bundle_after_sync(mario: Client, carla: Client, tmp_path: Path) -> tuple[str, str, Bundle]:
    """A project synced with its first values; then a bundle that changes two fields and adds a meeting."""
    mario.sync()
    project = mario.new_project("Fab", new_hires=10)
    mario.sync()
    dossiers.update_project(mario.ws, project, title="Fab 2", new_hires=50)
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                      decisions="Decisione")
    out = tmp_path / "b.tutorbundle"
    export_pending(mario.ws, out)
    bundle = read_bundle(out)
    _import(carla, bundle)
    return project, meeting, bundle


def test_a_revert_brings_back_the_values_before_the_bundle_and_a_later_edit_is_a_conflict(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, meeting, bundle = _bundle_after_sync(mario, carla, tmp_path)
    carla.sync()
    dossiers.update_project(carla.ws, project, new_hires=70)  # a later edit of a field the bundle wrote
    carla.sync()

    from tutor_app.cli import server_commands
    from tutor_app.cli.main import main

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(server_commands.sys, "stdin", Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda _prompt: server.passwords["carla"])
    monkeypatch.setattr("tutor_app.services.sync.default_credentials", MemoryCredentials)
    url = str(server.address)
    assert main(["bundle", "revert", bundle.bundle_id, "--server", url, "--user", "carla", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Reverted the bundle of Mario Rossi made on" in printed and "(2 changes)" in printed
    assert "Records also edited after the bundle (the later values are kept as conflicts to resolve): 1." in printed

    row = server.dump("projects")[project]
    assert row["title"] == "Fab" and row["new_hires"] == 10
    assert server.dump("meetings")[meeting]["deleted"] is True  # created by the bundle: a tombstone
    with server.superuser() as su:
        records = su.execute("SELECT field, kept_value, lost_value FROM tutor.conflicts WHERE row_id = %s",
                             (project,)).fetchall()
        reverted = su.execute("SELECT reverted_by, revert_rev FROM tutor.bundles").fetchall()
        history = su.execute("SELECT DISTINCT author, bundle_id FROM tutor.history WHERE rev = %s",
                             (reverted[0][1],)).fetchall()
    assert [(f, json.loads(k), json.loads(lost)) for f, k, lost in records] == [("new_hires", 10, 70)]
    assert reverted[0][0] == server.address.login_role("carla")
    # A change set of the coordinator's, not of the bundle.
    assert history == [(server.address.login_role("carla"), None)]

    # Everybody converges on the reverted values; the later value waits in the conflict record.
    mario.sync()
    assert dossiers.get_dossier(mario.ws, project).project["title"] == "Fab"
    assert [c.field for c in conflicts.list_conflicts(mario.ws)] == ["new_hires"]

    # A second revert is refused, naming the bundle.
    with carla.session() as session, pytest.raises(TutorError, match="già stato annullato"):
        revert_bundle(session, bundle.bundle_id)


def test_only_a_coordinator_reverts_a_bundle(clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, _meeting, bundle = _bundle_after_sync(mario, carla, tmp_path)
    with pytest.raises(PermissionDeniedError, match="coordinatore"):
        revert(bundle.bundle_id, server=str(server.address), user="mario", credentials=MemoryCredentials(),
               ask_password=lambda _p: server.passwords["mario"])
    # Straight to the server function, past the client's check: the server refuses it too.
    with mario.session() as session, pytest.raises(PermissionDeniedError, match="only a coordinator"):
        session.revert_bundle(bundle.bundle_id)
    assert server.dump("projects")[project]["title"] == "Fab 2"
    with server.superuser() as su:
        assert su.execute("SELECT reverted_by FROM tutor.bundles").fetchall() == [(None,)]
