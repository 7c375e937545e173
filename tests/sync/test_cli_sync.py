"""The command line as IT and a tutor use it: server init / add-user / assign / unassign / status,
then ``tutor-app sync`` from a profile; the password is asked, never an argument."""

from __future__ import annotations

import io
import os
import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.python import PYTHON
from tests.sync.helpers import PG_URL, Client, TestServer, drop_database
from tutor_app.cli import server_commands
from tutor_app.cli.main import main
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import dossiers, meetings, permits
from tutor_app.services.workspace import Workspace
from tutor_app.sync.connection import ServerAddress

pytestmark = pytest.mark.postgres


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def region(pg_superuser: psycopg.Connection[Any]) -> Iterator[str]:
    name = f"tcli_{uuid.uuid4().hex[:10]}"
    pg_superuser.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = ServerAddress.parse(PG_URL)
    yield f"postgresql://{base.user}@{base.host}:{base.port}/{name}"
    drop_database(pg_superuser, name)


def test_it_sets_up_the_server_and_a_tutor_syncs_from_the_command_line(
        region: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    typed: list[str] = []
    monkeypatch.setattr(server_commands.sys, "stdin", _Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda prompt: typed.append(prompt) or "Brianza-2026!")
    assert main(["server", "init", "--server", region]) == 0
    assert main(["server", "init", "--server", region]) == 0  # idempotent
    assert main(["server", "add-user", "mario", "--role", "project_tutor", "--server", region]) == 0
    assert main(["server", "add-user", "lucia", "--role", "regional_tutor", "--provinces", "MB", "BG",
                 "--server", region]) == 0
    assert [p for p in typed if "mario" in p] == ["Password for mario: "]

    db = tmp_path / "mario.sqlite3"
    with Workspace.open(db=db) as ws:
        ws.create_profile("Mario Rossi", "mario@example.it")
        investor = dossiers.create_investor(ws, name="Semi Corp", country="US")
        dossiers.create_project(ws, investor_id=investor, title="Fab", kind="expansion", sector="electronics",
                                function="production", code="2026-MRO-0042")
    address = ServerAddress.parse(region)
    tutor_url = f"postgresql://{address.host}:{address.port}/{address.database}"
    assert main(["sync", "--db", str(db), "--server", tutor_url, "--user", "mario"]) == 0
    assert "modifiche inviate" in capsys.readouterr().out
    assert main(["sync", "--db", str(db)]) == 0  # server and user remembered; the password asked again
    assert "Già aggiornato" in capsys.readouterr().out

    assert main(["server", "assign", "2026-MRO-0042", "lucia", "--server", region]) == 2  # not synced yet
    assert main(["server", "unassign", "2026-MRO-0042", "mario", "--server", region]) == 0
    assert main(["server", "status", "--server", region]) == 0
    out = capsys.readouterr().out
    assert "1 projects" in out and "regional_tutor (BG, MB)  [not synced yet]" in out
    assert main(["sync", "--db", str(db)]) == 0
    with Workspace.open(db=db) as ws:
        assert dossiers.list_dossiers(ws) == []  # no longer assigned: purged
    assert main(["server", "assign", "2026-XXX-9999", "mario", "--server", region]) == 2
    assert "no project" in capsys.readouterr().err


_NOT_KEPT = ("Su questo computer non c'è un portachiavi sicuro: la password non viene ricordata e ogni comando la "
             "chiede di nuovo.\n",
             "There is no safe keyring on this computer: the password is not remembered, and every command asks "
             "for it again.\n")


def _set_up(region: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    """A server with a coordinator (carla) who has never synced, a terminal, and every prompt
    recorded. Returns the address a tutor types and the prompts."""
    typed: list[str] = []
    monkeypatch.setattr(server_commands.sys, "stdin", _Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda prompt: typed.append(prompt) or "Brianza-2026!")
    assert main(["server", "init", "--server", region]) == 0
    assert main(["server", "add-user", "carla", "--role", "coordinator", "--full-name", "Carla Verdi",
                 "--server", region]) == 0
    capsys.readouterr()
    typed.clear()
    address = ServerAddress.parse(region)
    return f"postgresql://{address.host}:{address.port}/{address.database}", typed


def test_a_new_users_first_sync_says_to_make_the_profile_first_in_their_language_and_leaves_nothing(
        region: str, tutor_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.services.sync import MemoryCredentials

    url, typed = _set_up(region, monkeypatch, capsys)
    monkeypatch.setattr("tutor_app.services.sync.default_credentials", MemoryCredentials)  # no keyring here
    assert main(["sync", "--server", url, "--user", "carla"]) == 2
    assert capsys.readouterr() == ("", _NOT_KEPT[0] + (
        "tutor-app: carla non ha mai sincronizzato, quindi il server non può creare questo profilo: crealo prima "
        "con tutor-app profile \"Nome Cognome\" --email nome@esempio.it, poi sincronizza di nuovo.\n"))
    assert typed == [f"Password di carla su {url}: "]  # asked in Italian, once the server answered
    assert not (tutor_home / "profiles").exists()  # the profile the sync opened is gone again
    assert main(["sync", "--profile", "lavoro", "--server", url, "--user", "carla", "--lang", "en"]) == 2
    assert capsys.readouterr() == ("", _NOT_KEPT[1] + (
        "tutor-app: carla has never synced, so the server cannot make this profile: create it first with "
        "tutor-app profile \"First Last\" --email name@example.it --profile lavoro, then sync again.\n"))
    assert typed[-1] == f"Password of carla on {url}: "
    # As the sentence says: the profile, then the sync.
    assert main(["profile", "Carla Verdi", "--email", "carla@example.it", "--profile", "lavoro"]) == 0
    assert main(["sync", "--profile", "lavoro", "--server", url, "--user", "carla"]) == 0
    assert capsys.readouterr().out.endswith("1 modifica inviata; 0 righe ricevute.\n")


def test_at_a_terminal_the_progress_line_ends_before_an_error(
        region: str, tutor_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The error of a sync that had begun is a line of its own, not the end of "Collegamento 0"."""
    from tutor_app.services.sync import MemoryCredentials

    url, _typed = _set_up(region, monkeypatch, capsys)
    terminal = _Terminal()
    monkeypatch.setattr(server_commands.sys, "stderr", terminal)
    monkeypatch.setattr("tutor_app.services.sync.default_credentials", MemoryCredentials)
    assert main(["sync", "--server", url, "--user", "carla"]) == 2
    said = terminal.getvalue()
    assert "\rCollegamento 0   \ntutor-app: carla non ha mai sincronizzato" in said, said


def test_the_readmes_first_steps_at_the_command_line_run_as_written(
        region: str, tutor_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's first steps for a new user (a profile, then the first sync), its example server
    replaced by the test's, in the order it gives them."""
    import shlex

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    steps = readme.split("The first steps go in this order", 1)[1].split("`server status` counts", 1)[0]
    blocks = steps.split("```sh")[1:]
    lines = [line.strip() for block in blocks for line in block.split("```", 1)[0].splitlines()
             if line.strip().startswith("tutor-app ")]
    assert [shlex.split(line)[1] for line in lines] == ["profile", "sync"], lines
    url, _typed = _set_up(region, monkeypatch, capsys)
    assert main(["server", "add-user", "mrossi", "--role", "project_tutor", "--full-name", "Mario Rossi",
                 "--server", region]) == 0
    capsys.readouterr()
    for line in lines:
        assert main(shlex.split(line.replace("postgresql://db.example/tutor", url))[1:]) == 0, line
    assert capsys.readouterr().out.endswith("1 modifica inviata; 0 righe ricevute.\n")


class _Keyring:
    """A safe keyring backend, in memory: what the OS keyring does for the test."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.kept.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.kept[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        self.kept.pop((service, user), None)


def test_with_a_keyring_the_password_is_asked_once_with_no_word_about_keeping_it(
        region: str, tutor_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.services.sync import KeyringCredentials

    url, typed = _set_up(region, monkeypatch, capsys)
    keyring = KeyringCredentials(_Keyring())
    monkeypatch.setattr("tutor_app.services.sync.default_credentials", lambda: keyring)
    assert main(["profile", "Carla Verdi", "--email", "carla@example.it"]) == 0
    assert main(["sync", "--server", url, "--user", "carla"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["sync"]) == 0  # kept by the keyring: not asked again
    assert capsys.readouterr().err == "" and typed == [f"Password di carla su {url}: "]


def test_a_user_the_server_does_not_know_is_refused_in_their_language(
        region: str, tutor_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    url, _typed = _set_up(region, monkeypatch, capsys)
    assert main(["profile", "Mario Rossi", "--email", "m.rossi@example.it"]) == 0
    capsys.readouterr()
    assert main(["sync", "--server", url, "--user", "nessuno"]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"tutor-app: Il server {url} non ha accettato il nome utente o la password (nessuno).\n")
    assert main(["sync", "--server", url, "--user", "nessuno", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"tutor-app: The server {url} did not accept the user name or password (nessuno).\n")


# tutor-app with the password typed at a terminal (tests only: the password comes from the environment).
_CLI_WITH_PASSWORD = """
import os, sys
from tutor_app.cli import server_commands
from tutor_app.cli.main import main

class Terminal:
    def isatty(self):
        return True

server_commands.getpass.getpass = lambda prompt: os.environ["TEST_PASSWORD"]
sys.stdin = Terminal()
sys.exit(main(sys.argv[1:]))
"""


def _keyring_note(lang: str) -> str:
    """All a sync says on stderr, besides its errors: that the password is not kept, where no
    keyring keeps it (as on a test machine); no log line."""
    from tutor_app.cli import words
    from tutor_app.services.sync import remembers_passwords

    return "" if remembers_passwords() else words.say("password_not_kept", lang) + "\n"


def _refused_offline_edit(server: TestServer, mario: Client, title: str, make: Callable[[str], str],
                          change: Callable[[str], object]) -> str:
    """A dossier of Mario's with a record, synced, then no longer his; he edits the record before he
    knows. Returns the dossier's code."""
    project = mario.new_project(title)
    record = make(project)
    mario.sync()
    code = str(dossiers.get_dossier(mario.ws, project).project["code"])
    server.assign(project, "mario", assigned=False)
    change(record)
    return code


def test_sync_names_each_refused_change_by_dossier_and_record_in_the_users_language(
        clients: dict[str, Client], server: TestServer, tutor_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mario = clients["mario"]
    monkeypatch.setattr(server_commands.sys, "stdin", _Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda prompt: server.passwords["mario"])
    db, url = str(mario.ws.store.path), str(server.address)

    code = _refused_offline_edit(
        server, mario, "Fab Agrate",
        lambda p: meetings.record_meeting(mario.ws, p, table="technical", starts_at="2026-03-12T09:00:00Z"),
        lambda m: meetings.update_meeting(mario.ws, m, minutes="Scritto prima di sapere"))
    # A process of its own, as a user runs it: no test harness catching log records on the way.
    done = subprocess.run([*PYTHON, "-c", _CLI_WITH_PASSWORD, "sync", "--db", db, "--server", url,
                           "--user", "mario"], env={**os.environ, "TEST_PASSWORD": server.passwords["mario"]},
                          capture_output=True, text=True, timeout=120, check=False)
    out, err = done.stdout, done.stderr
    assert done.returncode == 0, err
    assert out.splitlines()[1:] == [f"  Rifiutata: Dossier {code} «Fab Agrate», Riunione del 12/03/2026 — "
                                    "Tavolo tecnico — il progetto non è più assegnato a te."]
    assert "1 modifica rifiutata" in out and err == _keyring_note("it")
    assert "refused by the server" in (tutor_home / "logs" / "tutor.log").read_text(encoding="utf-8")

    code = _refused_offline_edit(
        server, mario, "Magazzino Lodi",
        lambda p: permits.add_permit(mario.ws, p, CUSTOM_CODE, name="AUA", authority="Provincia di Lodi"),
        lambda item: permits.update_permit(mario.ws, item, notes="Chiesta integrazione"))
    assert main(["sync", "--db", db, "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    # The first refusal is still in the list of refused changes: the inbox holds two.
    assert out.splitlines()[0].endswith("; 1 dossier no longer assigned removed; 2 refused changes to look at.")
    assert out.splitlines()[1:] == [f"  Refused: Dossier {code} “Magazzino Lodi”, Permit: AUA — the project is "
                                "no longer assigned to you."]
    assert err == _keyring_note("en")
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", out + err) and "permit_items" not in out
