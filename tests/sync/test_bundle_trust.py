"""Bundles under attack (issue 10), against a real server: the register says on whose word a
signature stands, a tampered bundle that took the genuine change ids leaves conflicts naming it
(nothing lost), and a coordinator reverts a bundle through the push rules."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import psycopg
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


def test_the_server_checks_the_signature_itself_and_the_register_says_what_stands_behind_a_bundle(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, out = _offline_bundle(mario, tmp_path)
    carla.sync()  # her name is on the server
    genuine, forged = read_bundle(out), _tampered(out, project, "Titolo falso")
    carla_login = server.address.login_role("carla")

    # A client that lies: the changed body, the original signature, "verified". The server's own
    # check refuses it, and nothing is written.
    before = _server_state(server)
    with carla.session() as session, pytest.raises(psycopg.errors.InvalidParameterValue,
                                                   match="does not match its content"):
        session.import_bundle(forged.canonical().decode(), forged.signature, True)
    assert _server_state(server) == before

    # The same forged body accepted unverified by the coordinator's decision: registered as such,
    # nobody vouched for it, the importer is named.
    with carla.session() as session:
        answer = session.import_bundle(forged.canonical().decode(), forged.signature, False)
    assert answer["verification"] == "unverified" and answer["vouched_by"] is None
    assert _register(server) == [("unverified", None, carla_login, len(forged.changes))]

    # The genuine file, even sent as "not verified" by the client: the server checks it itself.
    with carla.session() as session:
        assert session.import_bundle(genuine.canonical().decode(), genuine.signature, False)["verification"] == "server"
    assert _register(server)[-1] == ("server", None, carla_login, len(genuine.changes))
    with server.superuser() as su:
        provenance = su.execute("SELECT DISTINCT bundle_verification, bundle_imported_by, bundle_author "
                                "FROM tutor.history_provenance WHERE bundle_id = %s AND table_name = 'meetings'",
                                (forged.bundle_id,)).fetchall()
    assert provenance == [("unverified", carla_login, server.address.login_role("mario"))]

    # `server status` shows both imports, by author, date and number of changes.
    from tutor_app.cli.main import main

    assert main(["server", "status", "--server", str(server.address)]) == 0
    printed = capsys.readouterr().out
    assert "il pacchetto di Mario Rossi del" in printed and "the bundle of Mario Rossi made on" in printed
    assert f"({len(forged.changes)} modifiche): firma verificata dal server" in printed
    assert f"({len(forged.changes)} changes): signature verified by the server" in printed
    assert "NON verificato: importato da Carla Verdi senza una firma verificata" in printed
    assert "UNVERIFIED: imported by Carla Verdi without a checked signature" in printed


def _server_state(server: TestServer) -> tuple[Any, ...]:
    with server.superuser() as su:
        return tuple(su.execute(f"SELECT count(*) FROM tutor.{t}").fetchone()
                     for t in ("history", "applied_changes", "bundles", "projects", "conflicts"))


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


def _at_a_terminal(monkeypatch: pytest.MonkeyPatch, server: TestServer, user: str) -> None:
    """The command line run by ``user`` at a terminal: the password typed (the test's), and kept
    in memory, not in the keyring."""
    from tutor_app.cli import server_commands

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(server_commands.sys, "stdin", Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda _prompt: server.passwords[user])
    monkeypatch.setattr("tutor_app.services.sync.default_credentials", MemoryCredentials)

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

    from tutor_app.cli.main import main

    _at_a_terminal(monkeypatch, server, "carla")
    url = str(server.address)
    assert main(["bundle", "revert", bundle.bundle_id, "--server", url, "--user", "carla", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Reverted the bundle of Mario Rossi made on" in printed and "(2 changes)" in printed
    # Each record by its dossier, as `sync` names a refused one: never by its table and id.
    code = server.dump("projects")[project]["code"]
    assert f"  in conflict        Dossier {code} “Fab”" in printed.splitlines()
    assert f"  applied            Dossier {code} “Fab”, Meeting of 20/11/2026 — Technical table" in printed.splitlines()
    assert project not in printed and meeting not in printed and "meetings" not in printed
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
    with carla.session() as session, pytest.raises(TutorError) as again:
        revert_bundle(session, bundle.bundle_id)
    # By its author, date and changes, and who reverted it by their user name: no id, no login role.
    assert re.fullmatch(r"Il pacchetto di Mario Rossi del \S+ \S+ \(\d+ modifiche\) è già stato annullato da carla "
                        r"il \S+ \S+\.", again.value.text("it")), again.value.text("it")
    assert again.value.text("en").startswith("The bundle of Mario Rossi made on ")


def test_a_coordinator_who_never_synced_is_told_a_first_sync_comes_before_a_revert(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.cli.main import main
    from tutor_app.domain.errors import RevertNeedsSyncError

    mario, carla = clients["mario"], clients["carla"]
    project, _meeting, bundle = _bundle_after_sync(mario, carla, tmp_path)  # Carla imports; she never synced

    _at_a_terminal(monkeypatch, server, "carla")
    url = str(server.address)
    assert main(["bundle", "revert", bundle.bundle_id, "--server", url, "--user", "carla"]) == 2
    not_kept = "Su questo computer non c'è un portachiavi sicuro: la password non viene ricordata e ogni comando " \
               "la chiede di nuovo.\n"  # the password lives in memory here (_at_a_terminal)
    assert capsys.readouterr() == ("", f"{not_kept}tutor-app: L'utente carla non ha ancora sincronizzato con questo "
                                       "server: sincronizza una volta, poi annulla il pacchetto.\n")
    assert main(["bundle", "revert", bundle.bundle_id, "--server", url, "--user", "carla", "--lang", "en"]) == 2
    assert capsys.readouterr() == ("", "There is no safe keyring on this computer: the password is not remembered, "
                                       "and every command asks for it again.\ntutor-app: The user carla has not "
                                       "synced with this server yet: sync once, then revert the bundle.\n")
    with carla.session() as session, pytest.raises(RevertNeedsSyncError):  # the desktop's way, as well
        revert_bundle(session, bundle.bundle_id)
    assert server.dump("projects")[project]["title"] == "Fab 2"
    with server.superuser() as su:
        assert su.execute("SELECT reverted_by FROM tutor.bundles").fetchall() == [(None,)]
    carla.sync()  # once she has synced, the same revert goes through
    assert main(["bundle", "revert", bundle.bundle_id, "--server", url, "--user", "carla"]) == 0
    assert "Annullato il pacchetto di Mario Rossi" in capsys.readouterr().out
    assert server.dump("projects")[project]["title"] == "Fab"


def test_only_a_coordinator_reverts_a_bundle(clients: dict[str, Client], server: TestServer, tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, _meeting, bundle = _bundle_after_sync(mario, carla, tmp_path)
    with pytest.raises(PermissionDeniedError) as refused:
        revert(bundle.bundle_id, server=str(server.address), user="mario", credentials=MemoryCredentials(),
               ask_password=lambda _p: server.passwords["mario"])
    assert refused.value.text("it") == "Solo un coordinatore annulla un pacchetto."
    # Straight to the server function, past the client's check: the server refuses it too.
    with mario.session() as session, pytest.raises(PermissionDeniedError, match="only a coordinator"):
        session.revert_bundle(bundle.bundle_id)
    assert server.dump("projects")[project]["title"] == "Fab 2"
    with server.superuser() as su:
        assert su.execute("SELECT reverted_by FROM tutor.bundles").fetchall() == [(None,)]


RFC8032 = [  # RFC 8032 §7.1, tests 1-3: public key, message, signature
    ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe"
     "24655141438e7a100b"),
    ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302a"
     "eeb00d291612bb0c00"),
    ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed2"
     "8dc027beceea1ec40a"),
]


def test_the_servers_ed25519_check_agrees_with_the_reference(server: TestServer) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    def check(pub: bytes, msg: bytes, sig: bytes) -> bool:
        with server.superuser() as su:
            row = su.execute("SELECT tutor._ed25519_verify(%s, %s, %s)", (pub, msg, sig)).fetchone()
        assert row is not None
        return bool(row[0])

    for pub, msg, sig in RFC8032:
        assert check(bytes.fromhex(pub), bytes.fromhex(msg), bytes.fromhex(sig))
    key = Ed25519PrivateKey.generate()
    pub_raw, msg_raw = key.public_key().public_bytes_raw(), "Verbale del tavolo tecnico, è così".encode()
    sig_raw = key.sign(msg_raw)
    assert check(pub_raw, msg_raw, sig_raw)
    flipped = bytearray(sig_raw)
    flipped[40] ^= 1
    assert not check(pub_raw, msg_raw, bytes(flipped))
    assert not check(pub_raw, msg_raw + b" ", sig_raw)
    assert not check(Ed25519PrivateKey.generate().public_key().public_bytes_raw(), msg_raw, sig_raw)
    assert not check(pub_raw, msg_raw, sig_raw[:63])
    # S + L signs the same (the group has order L): refused as RFC 8032 says, no malleable signatures.
    order = 2**252 + 27742317777372353535851937790883648493
    malleable = sig_raw[:32] + (int.from_bytes(sig_raw[32:], "little") + order).to_bytes(32, "little")
    assert not check(pub_raw, msg_raw, malleable)


def test_bundles_registered_before_the_server_could_check_say_whose_word_they_were(
        pg_superuser: Any, tmp_path: Path) -> None:
    from tests.sync.helpers import server_at
    from tutor_app.sync import admin
    from tutor_app.sync.connection import connect

    with server_at(pg_superuser, "0007") as server:  # "verified" was the client's word then
        mario = Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor")
        carla = Client.make(server, tmp_path, "carla", "Carla Verdi", "coordinator")
        try:
            # The register row that release wrote for a bundle its coordinator's client had checked
            # ("verified": that client's word). This release's client no longer writes to a server
            # before 0009 (it is told to have the server upgraded), so the row is written as it was.
            base = server.address
            bundle_id, changes = str(uuid.uuid4()), [{"id": str(uuid.uuid4())} for _ in range(3)]
            with server.superuser() as su:
                su.execute("INSERT INTO tutor.bundles (bundle_id, author, device, created_at, imported_by, verified, "
                           "signature, body, rev, summary) VALUES (%s, %s, 'a1b2c3d4e5f60718', "
                           "'2026-11-20T09:00:00.000000Z', %s, true, 'c2lnbmF0dXJl', %s, 1, '{}')",
                           (bundle_id, base.login_role("mario"), base.login_role("carla"),
                            json.dumps({"bundle_id": bundle_id, "changes": changes})))
            admin.init_server(lambda: connect(base, base.user, None), base)
            assert _register(server) == [("client", base.login_role("carla"), base.login_role("carla"), len(changes))]
            carla.sync()  # her name is on the server
            with carla.session() as session:
                [label] = session.bundle_imports(bundle_id)
            from tutor_app.sync import bundle_text

            assert bundle_text.vouching(label, "it") == "firma verificata dal programma di Carla Verdi, non dal server"
        finally:
            mario.close()
            carla.close()
