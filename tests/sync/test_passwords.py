"""Passwords (DESIGN §6) on a private PostgreSQL cluster that demands SCRAM passwords over TCP:
the right password syncs, a wrong one is refused, and the password is in no file afterwards —
not in the profile, the home or temp folders, the logs, nor the server's own statement log."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.sync.helpers import TODAY
from tutor_app.domain.errors import AuthError
from tutor_app.services import dossiers
from tutor_app.services.sync import MemoryCredentials, default_credentials, safe_keyring_backend, sync_now
from tutor_app.services.workspace import Workspace
from tutor_app.sync import admin
from tutor_app.sync.connection import Secret, ServerAddress, connect


def _pg_bin(tool: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    return found[-1] if found else shutil.which(tool)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def scram_cluster() -> Iterator[tuple[Path, int]]:
    """initdb in a temp folder (as the postgres user when run as root), SCRAM over TCP."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    base = Path(tempfile.mkdtemp(prefix="tutor-scram-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = base / "data"
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth-local=trust",
                        "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-l", str(base / "server.log"), "-w", "-o",
                        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c log_statement=all -c fsync=off",
                        "start"], check=True, capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start a private PostgreSQL cluster: {exc.stderr.decode(errors='replace')[:300]}")
    try:
        yield base, port
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)


def _files_containing(needle: bytes, since: float, *folders: Path) -> list[str]:
    """Files written since the test started (the temp folder is shared) that hold ``needle``."""
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if path.is_file() and path.stat().st_mtime >= since - 1 and needle in path.read_bytes():
                    hits.append(str(path))
            except OSError:
                continue
    return hits


@pytest.mark.postgres
@pytest.mark.slow
def test_the_right_password_syncs_a_wrong_one_is_refused_and_none_is_left_in_a_file(
        scram_cluster: tuple[Path, int], tmp_path: Path, tutor_home: Path) -> None:
    socket_dir, port = scram_cluster
    password = "Agrate-Brianza-2026-pw!"
    started = time.time()
    with psycopg.connect(host=str(socket_dir), port=port, user="postgres", dbname="postgres", autocommit=True) as su:
        su.execute("CREATE DATABASE region")
    region = ServerAddress(str(socket_dir), port, "region")
    admin.init_server(lambda: connect(region, "postgres", None), region)
    with connect(region, "postgres", None) as conn:
        admin.add_user(conn, region, "mario", "project_tutor", (), Secret(password))

    ws = Workspace.open(db=tutor_home / "profiles" / "mario" / "tutor.sqlite3", today=lambda: TODAY)
    ws.create_profile("Mario Rossi", "mario@example.it")
    investor = dossiers.create_investor(ws, name="Semi Corp", country="US")
    dossiers.create_project(ws, investor_id=investor, title="Fab", kind="expansion", sector="electronics",
                            function="production")
    url = f"postgresql://mario@127.0.0.1:{port}/region"
    credentials = MemoryCredentials()
    with pytest.raises(AuthError):
        sync_now(ws, server=url, credentials=credentials, ask_password=lambda _prompt: "wrong password")
    assert credentials.get(str(ServerAddress.parse(url)), "region_mario") is None
    assert dossiers.pending_change_count(ws) > 0  # nothing lost

    report = sync_now(ws, server=url, credentials=credentials, ask_password=lambda _prompt: password)
    assert report.pushed > 0 and dossiers.pending_change_count(ws) == 0
    again = sync_now(ws, credentials=credentials)  # remembered server, user and (in memory) password
    assert again.idle
    ws.close()

    with pytest.raises(AuthError):  # a stored password that stopped working is forgotten, then asked
        sync_now(Workspace.open(db=tutor_home / "profiles" / "mario" / "tutor.sqlite3"),
                 credentials=MemoryCredentials(), ask_password=lambda _prompt: "still wrong")

    log = (socket_dir / "server.log").read_text(errors="replace")
    assert "SCRAM-SHA-256$" in log  # the server saw the verifier...
    assert _files_containing(password.encode(), started, tutor_home, tmp_path, socket_dir,
                             Path(tempfile.gettempdir())) == []  # ...never the password


class PlaintextKeyring:
    """Stands for keyrings.alt's file backend (which keeps passwords readable on disk)."""

    def get_password(self, service: str, user: str) -> str | None:
        raise AssertionError("must never be asked")


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_a_plaintext_keyring_is_refused_and_the_password_stays_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    assert safe_keyring_backend(PlaintextKeyring()) is None
    monkeypatch.setattr(keyring, "get_keyring", PlaintextKeyring)
    store: Any = default_credentials()
    assert isinstance(store, MemoryCredentials)
    assert "secret" not in repr(Secret("secret")) and "secret" not in str(Secret("secret"))
