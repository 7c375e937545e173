"""Offline bundles (DESIGN §5.7) against a real server: a tutor with no network exports the
changes waiting on their computer to a signed file; a coordinator imports it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.errors import BadFileError, PermissionDeniedError, UnverifiedBundleError
from tutor_app.services import dossiers, meetings
from tutor_app.services.bundles import export_pending, import_file, read_file
from tutor_app.services.sync import MemoryCredentials
from tutor_app.sync.bundle import ImportReport, import_bundle, read_bundle

pytestmark = pytest.mark.postgres


def _import(carla: Client, path: Path, accept_unverified: bool = False) -> ImportReport:
    with carla.session() as session:
        return import_bundle(session, read_bundle(path), accept_unverified=accept_unverified)


def _server_state(server: TestServer) -> dict[str, Any]:
    """What an import could write on the server."""
    with server.superuser() as su:
        return {
            "rev": su.execute("SELECT rev FROM tutor.counter").fetchone(),
            "history": su.execute("SELECT count(*) FROM tutor.history").fetchone(),
            "applied": su.execute("SELECT count(*) FROM tutor.applied_changes").fetchone(),
            "bundles": su.execute("SELECT count(*) FROM tutor.bundles").fetchone(),
            "projects": su.execute("SELECT count(*) FROM tutor.projects").fetchone(),
        }


def _offline_work(mario: Client, tmp_path: Path) -> tuple[str, Path]:
    """Mario synced once (his key is registered), then works with no network and exports."""
    mario.sync()
    project = mario.new_project("Fab Agrate")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                            decisions="Due decisioni")
    out = tmp_path / "mario.tutorbundle"
    result = export_pending(mario.ws, out)
    assert result.changes == len(mario.outbox()) > 0
    return project, out


def _rewrite(path: Path, change: Any) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_a_bundle_round_trip_applies_once_and_the_next_sync_hears_duplicates(
        clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_work(mario, tmp_path)
    pending = mario.outbox()
    assert all(e["in_flight"] for e in pending)  # frozen, not removed

    report = _import(carla, out)
    assert report.verified
    assert [line["status"] for line in report.lines] == ["applied"] * len(pending)
    assert server.dump("projects")[project]["title"] == "Fab Agrate"
    # The server assigned the new project to its author, not to the coordinator.
    assignments = [a for a in server.dump("assignments").values() if a["project_id"] == project]
    assert [a["tutor_id"] for a in assignments] == [mario.tutor_id]
    with server.superuser() as su:
        rows = su.execute("SELECT author, applied_by, bundle_id::text, device FROM tutor.history "
                          "WHERE change_id IS NOT NULL AND project_id = %s", (project,)).fetchall()
        applied_before = su.execute("SELECT count(*) FROM tutor.applied_changes").fetchone()
        history_before = su.execute("SELECT count(*) FROM tutor.history").fetchone()
        verified = su.execute("SELECT verification, vouched_by FROM tutor.bundles WHERE bundle_id = %s",
                              (report.bundle.bundle_id,)).fetchone()
    assert rows
    assert {r[0] for r in rows} == {server.address.login_role("mario")}
    assert {r[1] for r in rows} == {server.address.login_role("carla")}
    assert {r[2] for r in rows} == {report.bundle.bundle_id}
    assert {r[3] for r in rows} == {mario.ws.store.device_id, "server"}  # "server": the assignment it made
    assert verified == ("server", None)  # checked by the server itself, nobody's word

    # The tutor's next sync sends the same changes: all duplicates, the outbox empties.
    sync = mario.sync()
    assert sync.duplicates == len(pending) and sync.rejected == 0 and sync.conflicts == 0
    assert not mario.outbox()
    with server.superuser() as su:
        assert su.execute("SELECT count(*) FROM tutor.applied_changes").fetchone() == applied_before
        assert su.execute("SELECT count(*) FROM tutor.history").fetchone() == history_before
    # Importing the same bundle again applies nothing either.
    again = _import(carla, out)
    assert {line["status"] for line in again.lines} == {"duplicate"}
    carla.sync()
    assert dossiers.get_dossier(carla.ws, project).meetings[0].decisions == "Due decisioni"


def test_an_edit_after_the_export_is_a_new_change_not_folded_into_the_bundle(
        clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_work(mario, tmp_path)
    dossiers.update_project(mario.ws, project, title="Fab Agrate 2")
    _import(carla, out)
    report = mario.sync()
    assert report.rejected == 0 and report.duplicates >= 1
    assert server.dump("projects")[project]["title"] == "Fab Agrate 2"
    assert not mario.outbox()


@pytest.mark.parametrize("tamper", ["value", "unsigned", "other_key"])
def test_a_tampered_or_unsigned_bundle_is_refused_and_nothing_is_written(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, tamper: str) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _project, out = _offline_work(mario, tmp_path)

    def change(doc: dict[str, Any]) -> None:
        if tamper == "value":
            first = next(c for c in doc["body"]["changes"] if c["table"] == "projects")
            first["fields"]["title"] = "Something else"
        elif tamper == "unsigned":
            del doc["signature"]
        else:
            doc["signature"]["public_key"] = "ab" * 32

    _rewrite(out, change)
    before = _server_state(server)
    with pytest.raises(UnverifiedBundleError, match="unverified"):
        _import(carla, out)
    assert _server_state(server) == before


def test_a_bundle_from_an_unregistered_device_needs_an_explicit_decision(
        clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_work(mario, tmp_path)
    with server.superuser() as su:
        su.execute("UPDATE tutor.devices SET public_key = NULL")
    before = _server_state(server)
    with pytest.raises(UnverifiedBundleError, match="no key registered") as refused:
        _import(carla, out)
    assert refused.value.text("it") == (
        "Il pacchetto di mario non è verificato (il dispositivo del tutor non ha una chiave registrata sul server): "
        "non è stato importato nulla. Importalo solo se sai da dove viene il file (--accept-unverified).")
    assert _server_state(server) == before

    report = _import(carla, out, accept_unverified=True)
    assert not report.verified and report.counts["applied"] == len(report.lines)
    assert project in server.dump("projects")
    with server.superuser() as su:
        assert su.execute("SELECT verification, vouched_by FROM tutor.bundles").fetchall() == [("unverified", None)]


def test_a_bundle_is_judged_by_the_authors_assignments_not_the_coordinators(
        clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    theirs = anna.new_project("Progetto di Anna")
    anna.sync()
    mario.sync()
    server.assign(theirs, "mario")
    mario.sync()
    server.assign(theirs, "mario", assigned=False)  # while Mario has no network
    dossiers.update_project(mario.ws, theirs, title="Cambiato da Mario")
    out = tmp_path / "b.json"
    export_pending(mario.ws, out)

    report = _import(carla, out)
    assert [(line["status"], line["reason"]) for line in report.lines] == [("rejected", "not_assigned")]
    assert server.dump("projects")[theirs]["title"] == "Progetto di Anna"


def test_a_device_registered_to_another_user_is_refused_even_when_accepted(
        clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _project, out = _offline_work(mario, tmp_path)
    _rewrite(out, lambda doc: doc["body"].update(author=server.address.login_role("anna")))
    before = _server_state(server)
    with pytest.raises(PermissionDeniedError, match="registered to another user"):
        _import(carla, out, accept_unverified=True)
    assert _server_state(server) == before


def test_only_a_coordinator_imports_bundles(clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, anna = clients["mario"], clients["anna"]
    _project, out = _offline_work(mario, tmp_path)
    before = _server_state(server)
    with pytest.raises(PermissionDeniedError):
        _import(anna, out)
    with anna.session() as session, pytest.raises(PermissionDeniedError):
        session.import_bundle(read_bundle(out).canonical().decode(), None, False)
    assert _server_state(server) == before


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "not_a_bundle", "bad_change"])
def test_a_damaged_bundle_file_is_refused_with_a_clear_message(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, damage: str) -> None:
    mario = clients["mario"]
    _project, out = _offline_work(mario, tmp_path)
    data = out.read_bytes()
    if damage == "truncated":
        out.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        out.write_bytes(b"\x00\xff" + data[10:])
    elif damage == "empty":
        out.write_bytes(b"")
    elif damage == "not_a_bundle":
        out.write_text('{"hello": "world"}', encoding="utf-8")
    else:
        _rewrite(out, lambda doc: doc["body"]["changes"][0].pop("stamps"))
    before = _server_state(server)
    credentials = MemoryCredentials()
    with pytest.raises(BadFileError, match="nothing was imported") as refused:
        import_file(out, server=str(server.address), user="carla", credentials=credentials)
    assert refused.value.text("it").endswith("non è stato importato nulla.") or \
        refused.value.text("it").endswith("non è stato importato nulla. Chiedi di nuovo il file.")
    assert _server_state(server) == before


def test_the_import_use_case_signs_in_as_the_coordinator(clients: dict[str, Client], server: TestServer,
                                                         tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_work(mario, tmp_path)
    asked: list[str] = []
    report = import_file(out, server=str(server.address), user=carla.user, credentials=MemoryCredentials(),
                         ask_password=lambda prompt: asked.append(prompt) or server.passwords["carla"])
    assert report.verified and len(asked) == 1
    assert project in server.dump("projects")


def test_export_with_nothing_waiting_or_before_any_sync_is_a_clear_message(
        clients: dict[str, Client], tmp_path: Path) -> None:
    from tutor_app.domain.errors import TutorError

    mario = clients["mario"]
    with pytest.raises(TutorError, match="never synced"):
        export_pending(mario.ws, tmp_path / "x.json")
    mario.sync()
    with pytest.raises(TutorError, match="Nothing is waiting"):
        export_pending(mario.ws, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_a_bundle_exported_onto_a_link_goes_to_its_target_and_onto_a_fifo_is_refused(
        clients: dict[str, Client], tmp_path: Path) -> None:
    import os
    import stat

    from tutor_app.domain.errors import ExportTargetError

    mario = clients["mario"]
    mario.sync()
    mario.new_project("Fab Agrate")
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "mario.tutorbundle").write_text("old")
    link = tmp_path / "mario.tutorbundle"
    link.symlink_to(usb / "mario.tutorbundle")
    export_pending(mario.ws, link)
    assert link.is_symlink() and read_bundle(usb / "mario.tutorbundle").changes
    fifo = tmp_path / "pipe.tutorbundle"
    os.mkfifo(fifo)
    with pytest.raises(ExportTargetError) as caught:
        export_pending(mario.ws, fifo)
    assert str(fifo) in caught.value.text("it") and "FIFO" in caught.value.text("it")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_the_bundle_commands_export_and_import_with_a_per_change_summary(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.cli import server_commands
    from tutor_app.cli.main import main

    class Terminal:
        def isatty(self) -> bool:
            return True

    mario = clients["mario"]
    mario.sync()
    project = mario.new_project("Fab via file")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    code = dossiers.get_dossier(mario.ws, project).project["code"]
    out = tmp_path / "mario.json"
    waiting = len(mario.outbox())
    when = r"\d\d/\d\d/\d{4} \d\d:\d\d"
    assert main(["bundle", "export", "--db", str(mario.ws.store.path), "--out", str(out)]) == 0
    # The bundle by its author and date, as people know them: no id of it or of the device.
    said = capsys.readouterr().out
    assert re.fullmatch(f"Scritto {re.escape(str(out))}: il pacchetto di Mario Rossi del {when} \\({waiting} "
                        "modifiche\\)\\. Restano in attesa su questo computer: .*\n", said), said
    assert main(["bundle", "export", "--db", str(mario.ws.store.path), "--out", str(out), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert re.fullmatch(f"Wrote {re.escape(str(out))}: the bundle of Mario Rossi made on {when} \\({waiting} "
                        "changes\\)\\. They stay waiting here: .*\n", said), said
    made = read_file(out)
    monkeypatch.setattr(server_commands.sys, "stdin", Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda _prompt: server.passwords["carla"])
    monkeypatch.setattr("tutor_app.services.sync.default_credentials", MemoryCredentials)
    url = str(server.address)
    assert main(["bundle", "import", str(out), "--server", url, "--user", "carla"]) == 0
    printed = capsys.readouterr().out
    assert re.fullmatch(f"Importato il pacchetto di Mario Rossi del {when} \\({waiting} modifiche\\): firma "
                        "verificata da questo programma e dal server\\.", printed.splitlines()[0])
    assert printed.splitlines()[-1] == (f"Per annullarlo: tutor-app bundle revert {made.bundle_id} --server {url} "
                                        "--user carla")  # its one use
    assert made.device not in printed and printed.count(made.bundle_id) == 1
    # Each record by its dossier, as `sync` names a refused one: never by its table and id.
    lines = printed.splitlines()[1:-2]
    assert f"  applicate          Dossier {code} «Fab via file»" in lines
    assert f"  applicate          Dossier {code} «Fab via file», Riunione del 20/11/2026 — Tavolo tecnico" in lines
    assert "  applicate          Investitore «Investor of Fab via file»" in lines
    assert project not in printed and "projects" not in printed
    assert main(["bundle", "import", str(out), "--server", url, "--user", "carla", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Imported the bundle of Mario Rossi made on ") and \
        "signature verified by this Tutor and by the server" in printed
    assert printed.splitlines()[-1] == (f"To revert it: tutor-app bundle revert {made.bundle_id} --server {url} "
                                        "--user carla")
    assert f"  already on the server Dossier {code} “Fab via file”  (applied)" in printed.splitlines()
    assert project not in printed
    out.write_text(out.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    assert main(["bundle", "import", str(out), "--server", url, "--user", "carla"]) == 2
    assert capsys.readouterr().err == (f"tutor-app: {out} è danneggiato o non è un pacchetto di Tutor (non è un JSON "
                                       "completo e valido): non è stato importato nulla. Chiedi di nuovo il file.\n")
    assert main(["bundle", "import", str(tmp_path / "nessuno.tutorbundle"), "--server", url, "--user", "carla",
                 "--lang", "en"]) == 2
    assert capsys.readouterr().err == f"tutor-app: The bundle {tmp_path / 'nessuno.tutorbundle'} does not exist.\n"
