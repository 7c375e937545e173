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


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder of this test alone: what Tutor writes to "the temp folder" lands here, and
    the leak scan reads only folders the test made (a shared /tmp changes under other processes)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _files_containing(needle: bytes, *folders: Path) -> list[str]:
    """Files under ``folders`` that hold ``needle``. A folder or file removed while the scan runs
    (a server shutting down, a log rotating) is skipped, not an error: os.walk ignores a folder it
    can no longer list, and a file gone before it is read is passed over."""
    hits = []
    for folder in folders:
        for top, _dirs, names in os.walk(folder):
            for name in names:
                path = Path(top, name)
                try:
                    if path.is_file() and needle in path.read_bytes():  # is_file: never open a FIFO or socket
                        hits.append(str(path))
                except OSError:
                    continue
    return hits


def test_the_leak_scan_survives_folders_and_files_removed_while_it_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "scanned"
    for part in ("a", "b/c", "d"):
        (root / part).mkdir(parents=True)
    (root / "a" / "log.txt").write_bytes(b"... needle ...")
    (root / "b" / "c" / "gone.txt").write_bytes(b"needle")
    (root / "d" / "vanishing.txt").write_bytes(b"needle")
    listing = os.scandir

    def scandir_then_remove(path: Any = ".") -> Any:
        if isinstance(path, int):  # shutil.rmtree lists by file descriptor
            return listing(path)
        entries = list(listing(path))  # listed while b and d/vanishing.txt still exist...
        if Path(path) == root:
            shutil.rmtree(root / "b")  # ...then another process removes them
        if Path(path) == root / "d":
            (root / "d" / "vanishing.txt").unlink()
        return _Listing(entries)

    monkeypatch.setattr(os, "scandir", scandir_then_remove)
    assert _files_containing(b"needle", root) == [str(root / "a" / "log.txt")]


class _Listing:
    """What os.scandir gives (an iterator over the entries that is a context manager), for the scan test."""

    def __init__(self, entries: list[Any]) -> None:
        self._entries = iter(entries)

    def __iter__(self) -> _Listing:
        return self

    def __next__(self) -> Any:
        return next(self._entries)

    def __enter__(self) -> _Listing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._entries = iter(())


@pytest.mark.postgres
@pytest.mark.slow
def test_the_right_password_syncs_a_wrong_one_is_refused_and_none_is_left_in_a_file(
        scram_cluster: tuple[Path, int], tmp_path: Path, tutor_home: Path, private_temp: Path) -> None:
    socket_dir, port = scram_cluster
    password = "Agrate-Brianza-2026-pw!"
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
    assert tempfile.gettempdir() == str(private_temp)
    assert _files_containing(password.encode(), tutor_home, tmp_path, private_temp, socket_dir) == []  # ...never it


@pytest.mark.postgres
@pytest.mark.slow
def test_a_password_with_a_character_saslprep_maps_to_nothing_logs_in(scram_cluster: tuple[Path, int]) -> None:
    """SASLprep drops a soft hyphen (U+00AD) when the user logs in: the verifier must be made the
    same way (NFKC alone keeps it, and such a user could never log in)."""
    socket_dir, port = scram_cluster
    password = "Monza\u00adBrianza-2026!"
    with psycopg.connect(host=str(socket_dir), port=port, user="postgres", dbname="postgres", autocommit=True) as su:
        su.execute("CREATE DATABASE region")
    region = ServerAddress(str(socket_dir), port, "region")
    admin.init_server(lambda: connect(region, "postgres", None), region)
    with connect(region, "postgres", None) as conn:
        login = admin.add_user(conn, region, "lucia", "project_tutor", (), Secret(password))
        verifier = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login,)).fetchone()
    assert verifier is not None and str(verifier[0]).startswith("SCRAM-SHA-256$4096:")
    over_tcp = ServerAddress("127.0.0.1", port, "region")
    for typed in (password, "MonzaBrianza-2026!"):  # the same password once SASLprep has run
        with connect(over_tcp, login, Secret(typed)) as conn:
            assert conn.execute("SELECT session_user").fetchone() == (login,)
    with pytest.raises(AuthError):
        connect(over_tcp, login, Secret("Monza-Brianza-2026!"))


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
