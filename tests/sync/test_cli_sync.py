"""The command line as IT and a tutor use it: server init / add-user / assign / unassign / status,
then ``tutor-app sync`` from a profile; the password is asked, never an argument."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.sync.helpers import PG_URL, drop_database
from tutor_app.cli import server_commands
from tutor_app.cli.main import main
from tutor_app.services import dossiers
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
