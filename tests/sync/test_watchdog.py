"""One session must not stop everyone's sync (issue 10 point 8): the users' time limits, IT's
watchdog that ends a session left holding the counter's lock, and the client that says the server
is busy and tries again by itself. Against the real PostgreSQL server, with a rogue user's session
doing what a psql user may: ``BEGIN; SELECT tutor.push(...)`` and then waiting."""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.python import PYTHON
from tests.sync.helpers import PG_URL, Client, TestServer, drop_database
from tutor_app.domain.errors import ServerBusyError, SyncCancelled
from tutor_app.services import dossiers
from tutor_app.services.sync import BUSY_STEP, MemoryCredentials, sync_now, target_of
from tutor_app.sync import admin, connection, watchdog
from tutor_app.sync.connection import Secret, ServerAddress, connect, group_roles
from tutor_app.sync.push import payload_json
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres

ADMIN_LOG = "tutor.sync.watchdog"


def _plain_login(server: TestServer, user: str) -> psycopg.Connection[Any]:
    """A user's own session as psql opens it: none of the Tutor client's settings, the role's only."""
    a = server.address
    return psycopg.connect(host=a.host, port=a.port, dbname=a.database, user=a.login_role(user),
                           password=server.passwords[user], autocommit=True)


@contextmanager
def rogue_push(server: TestServer, client: Client, *, sleeping: bool) -> Iterator[dict[str, Any]]:
    """The client's waiting edit sent by hand from the user's own login inside an open transaction,
    the session's time limits switched off (a user may): then idle in the transaction, or (sleeping)
    busy with a long statement in it. Yields its pid and change id; closed at the end."""
    entries = client.outbox()
    assert len(entries) == 1
    conn = _plain_login(server, client.user)
    conn.execute("SET idle_in_transaction_session_timeout = 0")
    conn.execute("SET statement_timeout = 0")
    conn.autocommit = False
    conn.execute("SELECT tutor.push(%s, %s, %s::jsonb, NULL)", (PROTOCOL, client.ws.store.device_id,
                                                                payload_json(entries)))
    sleeper: threading.Thread | None = None
    ended: list[BaseException] = []
    if sleeping:
        def sleep() -> None:
            try:
                conn.execute("SELECT pg_sleep(120)")
            except psycopg.Error as exc:
                ended.append(exc)
        sleeper = threading.Thread(target=sleep, daemon=True)
        sleeper.start()
    try:
        yield {"pid": conn.info.backend_pid, "change": entries[0]["change_id"], "conn": conn, "ended": ended}
    finally:
        if sleeper is not None:
            sleeper.join(10)
        conn.close()


def _credentials(client: Client) -> MemoryCredentials:
    """The client's password in a memory keyring, as the desktop keeps it."""
    credentials = MemoryCredentials()
    target = target_of(client.ws, str(client.server.address), client.user)
    credentials.set(target.key, target.role, Secret(client.server.passwords[client.user]))
    return credentials


class BackgroundSync:
    """``sync_now`` of a profile on a thread, as the desktop runs it, recording what it says."""

    def __init__(self, client: Client, backoff: tuple[float, ...], cancel: threading.Event | None = None) -> None:
        self.steps: list[tuple[str, int, int | None]] = []
        self.busy = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        credentials = _credentials(client)

        def progress(step: str, done: int, total: int | None) -> None:
            self.steps.append((step, done, total))
            if step == BUSY_STEP:
                self.busy.set()

        def run() -> None:
            try:
                self.result = sync_now(client.ws, server=str(client.server.address), user=client.user,
                                       credentials=credentials, progress=progress, busy_backoff=backoff,
                                       cancel=cancel)
            except BaseException as exc:  # handed to the test thread
                self.error = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self, timeout: float = 60) -> Any:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the sync did not end"
        if self.error is not None:
            raise self.error
        return self.result


def _watch_once(server: TestServer, max_hold_s: float, admin_user: str | None = None) -> int:
    a = server.address
    return watchdog.watch(lambda: connect(a, admin_user or a.user, None), a, max_hold_s=max_hold_s, once=True)


def _server_title(server: TestServer, project: str) -> str:
    return str(server.dump("projects")[project]["title"])


def _applied(server: TestServer, change_id: str) -> int:
    with server.superuser() as su:
        row = su.execute("SELECT count(*) FROM tutor.history WHERE change_id = %s", (change_id,)).fetchone()
    assert row is not None
    return int(row[0])


def two_tutors_with_an_edit_each(clients: dict[str, Client]) -> tuple[Client, Client, str, str]:
    """Mario and Anna, each with a synced dossier and an edit of its title waiting to go up."""
    mario, anna = clients["mario"], clients["anna"]
    marios, annas = mario.new_project("Sito di Agrate"), anna.new_project("Laboratorio di Pavia")
    mario.sync()
    anna.sync()
    dossiers.update_project(mario.ws, marios, title="Sito di Agrate (seconda fase)")
    dossiers.update_project(anna.ws, annas, title="Laboratorio di Pavia, ampliamento")
    return mario, anna, marios, annas


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client waits for a lock 0.7 s instead of its 15 s (the same code path, sooner)."""
    monkeypatch.setattr(connection, "LOCK_TIMEOUT_MS", 700)


@pytest.mark.parametrize("sleeping", [False, True], ids=["idle_in_transaction", "busy_in_transaction"])
def test_a_rogue_session_holding_the_counter_is_ended_and_another_users_sync_retries_and_succeeds(
        clients: dict[str, Client], server: TestServer, short_lock_wait: None, sleeping: bool,
        caplog: pytest.LogCaptureFixture) -> None:
    mario, anna, marios, annas = two_tutors_with_an_edit_each(clients)

    with rogue_push(server, mario, sleeping=sleeping) as rogue:
        time.sleep(0.3)
        sync = BackgroundSync(anna, backoff=(0.3,) * 30)
        assert sync.busy.wait(30), f"the sync never met the busy server: {sync.steps}"
        # The push that met the lock wrote nothing and left Anna's edit in flight, to go up again.
        assert [e["in_flight"] for e in anna.outbox()] == [1]
        assert sync.thread.is_alive()  # waiting to try again, not failed
        with caplog.at_level(logging.WARNING, logger=ADMIN_LOG):
            assert _watch_once(server, max_hold_s=0.5) == 1
        report = sync.join()
        with pytest.raises(psycopg.OperationalError):  # the rogue's session is gone
            rogue["conn"].execute("SELECT 1")
        if sleeping:
            assert rogue["ended"], "the rogue's long statement was not ended"

    assert report.applied == 1 and anna.outbox() == []
    assert _server_title(server, annas) == "Laboratorio di Pavia, ampliamento"
    # The rogue's change is not half applied: its transaction is undone as a whole.
    assert _server_title(server, marios) == "Sito di Agrate"
    assert _applied(server, rogue["change"]) == 0
    ended = [r for r in caplog.records if r.name == ADMIN_LOG]
    assert len(ended) == 1
    line = ended[0].getMessage()
    reason = "holding a lock" if sleeping else "idle in a transaction"
    assert f"ended session {rogue['pid']} of {server.address.login_role('mario')} ({reason}" in line
    assert "tutor.push" not in line and "pg_sleep" not in line  # never the statement
    # Mario's own client sends the same change again, once.
    assert mario.sync().applied == 1
    assert _server_title(server, marios) == "Sito di Agrate (seconda fase)"
    assert _applied(server, rogue["change"]) == 1


def test_a_sync_that_stays_busy_fails_with_a_busy_error_after_its_retries_and_keeps_the_change(
        clients: dict[str, Client], server: TestServer, short_lock_wait: None) -> None:
    mario, anna, _marios, annas = two_tutors_with_an_edit_each(clients)
    with rogue_push(server, mario, sleeping=False):
        sync = BackgroundSync(anna, backoff=(0.1, 0.1))
        with pytest.raises(ServerBusyError, match="busy"):
            sync.join()
    assert [s for s in sync.steps if s[0] == BUSY_STEP] == [(BUSY_STEP, 1, 3), (BUSY_STEP, 2, 3)]
    assert len(anna.outbox()) == 1 and _server_title(server, annas) == "Laboratorio di Pavia"
    assert anna.sync().applied == 1  # once the lock is free


def test_the_watchdog_leaves_alone_what_holds_nothing_for_long_and_sessions_that_are_not_users(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Sito di Agrate")
    mario.sync()
    anna.sync()
    dossiers.update_project(mario.ws, project, title="Sito di Agrate (seconda fase)")
    with server.superuser() as other, _plain_login(server, "anna") as reader:
        other.execute("BEGIN")
        other.execute("LOCK TABLE tutor.devices IN ROW EXCLUSIVE MODE")  # not a user's session: IT's own
        reader.execute("SELECT count(*) FROM tutor.projects")  # a user's finished reading, no transaction
        with rogue_push(server, mario, sleeping=False) as rogue:
            time.sleep(0.6)
            assert _watch_once(server, max_hold_s=30) == 0  # under the bound
            assert _watch_once(server, max_hold_s=0.5) == 1  # the rogue only
            with pytest.raises(psycopg.OperationalError):
                rogue["conn"].execute("SELECT 1")
        assert reader.execute("SELECT 1").fetchone() == (1,)
        other.execute("ROLLBACK")  # still there


def test_a_users_session_idle_in_a_transaction_that_holds_only_reading_locks_is_ended_too(
        clients: dict[str, Client], server: TestServer) -> None:
    clients["anna"].sync()
    with _plain_login(server, "anna") as reader:
        reader.execute("SET idle_in_transaction_session_timeout = 0")
        reader.autocommit = False
        reader.execute("SELECT count(*) FROM tutor.projects")  # holds AccessShare: stops server init's DDL
        time.sleep(0.6)
        assert _watch_once(server, max_hold_s=0.5) == 1
        with pytest.raises(psycopg.OperationalError):
            reader.execute("SELECT 1")


def _settings(su: psycopg.Connection[Any], login: str) -> dict[str, str]:
    row = su.execute("SELECT setconfig FROM pg_db_role_setting WHERE setrole = %s::regrole AND setdatabase = 0",
                     (sql.Identifier(login).as_string(su),)).fetchone()
    return dict(item.split("=", 1) for item in row[0]) if row else {}


def test_every_user_starts_with_the_time_limits_given_when_made_and_by_server_init(
        clients: dict[str, Client], server: TestServer) -> None:
    login = server.address.login_role("mario")
    with server.superuser() as su:
        assert _settings(su, login) == admin.ROLE_LIMITS
        su.execute(sql.SQL("ALTER ROLE {} RESET ALL").format(sql.Identifier(login)))  # a user from before
        assert _settings(su, login) == {}
    a = server.address
    admin.init_server(lambda: connect(a, a.user, None), a)
    with server.superuser() as su:
        assert _settings(su, login) == admin.ROLE_LIMITS
    with _plain_login(server, "mario") as own:  # what a session of the user starts with
        assert own.execute("SHOW lock_timeout").fetchone() == ("30s",)
        assert own.execute("SHOW idle_in_transaction_session_timeout").fetchone() == ("30s",)
        assert own.execute("SHOW statement_timeout").fetchone() == ("5min",)
        own.execute("SET lock_timeout = 0")  # a default, not a guard: the watchdog is the guard
        assert own.execute("SHOW lock_timeout").fetchone() == ("0",)


def test_a_non_superuser_administrator_can_run_the_watchdog_on_the_users_it_made(
        pg_superuser: psycopg.Connection[Any], tmp_path: Any) -> None:
    database = f"twatch_{uuid.uuid4().hex[:10]}"
    it_admin = group_roles(database)["prefix"] + "_it"  # dropped with the database's roles
    su = pg_superuser
    su.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(it_admin)))
    su.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(database), sql.Identifier(it_admin)))
    base = ServerAddress.parse(PG_URL)
    try:
        address = ServerAddress(base.host, base.port, database, it_admin, base.sslmode)
        admin.init_server(lambda: connect(address, it_admin, None), address)
        server = TestServer(su, database, address, connect(address, it_admin, None))
        try:
            mario = Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor")
            project = mario.new_project("Sito di Agrate")
            mario.sync()
            dossiers.update_project(mario.ws, project, title="Sito di Agrate (seconda fase)")
            with rogue_push(server, mario, sleeping=False) as rogue:
                time.sleep(0.6)
                assert watchdog.unwatched_users(server.admin_conn, address) == []
                assert _watch_once(server, max_hold_s=0.5, admin_user=it_admin) == 1
                with pytest.raises(psycopg.OperationalError):
                    rogue["conn"].execute("SELECT 1")
            mario.close()
        finally:
            server.close()
    finally:
        drop_database(su, database)


def test_the_watchdog_command_ends_a_stuck_session_once_and_stops_cleanly_on_sigterm(
        clients: dict[str, Client], server: TestServer, caplog: pytest.LogCaptureFixture) -> None:
    from tutor_app.cli.main import main

    mario = clients["mario"]
    project = mario.new_project("Sito di Agrate")
    mario.sync()
    dossiers.update_project(mario.ws, project, title="Sito di Agrate (seconda fase)")
    a = server.address
    url = f"postgresql://{a.user}@{a.host}:{a.port}/{a.database}"
    with rogue_push(server, mario, sleeping=False) as rogue:
        time.sleep(0.6)
        assert main(["server", "watchdog", "--server", url, "--once", "--max-hold", "0.5"]) == 0
        with pytest.raises(psycopg.OperationalError):
            rogue["conn"].execute("SELECT 1")
    err = caplog.text
    assert f"ended session {rogue['pid']} of {a.login_role('mario')} (idle in a transaction" in err
    assert "0 session(s) ended" not in err and "1 session(s) ended" in err

    # As a service: it keeps looking until SIGTERM, then closes its connection and exits 0.
    service = subprocess.Popen([*PYTHON, "-m", "tutor_app", "server", "watchdog", "--server", url,
                                "--interval", "0.2"], stderr=subprocess.PIPE, text=True)
    try:
        assert service.stderr is not None
        assert "watching" in service.stderr.readline()
        time.sleep(0.5)
        assert service.poll() is None
        service.send_signal(signal.SIGTERM)
        assert service.wait(15) == 0
        assert "watchdog stopped: 0 session(s) ended" in service.stderr.read()
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
    with server.superuser() as su:
        row = su.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tutor-app watchdog'"
                         ).fetchone()
    assert row == (0,)


def test_tutor_app_sync_says_the_server_is_busy_and_retries_by_itself(
        clients: dict[str, Client], server: TestServer, short_lock_wait: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.cli.main import main
    from tutor_app.services import sync as service

    mario, anna, _marios, annas = two_tutors_with_an_edit_each(clients)
    monkeypatch.setattr(service, "default_credentials", lambda: _credentials(anna))  # the keyring
    monkeypatch.setattr(service, "BUSY_BACKOFF_S", (0.3,) * 40)
    path = anna.ws.store.path
    anna.close()  # the command opens the profile itself
    said: list[str] = []
    result: list[int] = []
    with rogue_push(server, mario, sleeping=False):
        command = threading.Thread(target=lambda: result.append(main(
            ["sync", "--db", str(path), "--server", str(server.address), "--user", "anna"])), daemon=True)
        command.start()
        deadline = time.monotonic() + 30
        while not any("occupato" in s for s in said) and time.monotonic() < deadline:
            time.sleep(0.1)
            said.append(capsys.readouterr().err)
        assert any("Il server è occupato, riprovo tra poco (tentativo 2 di 41)." in s for s in said), said
        a = server.address
        assert watchdog.watch(lambda: connect(a, a.user, None), a, max_hold_s=0.5, once=True) == 1
        command.join(30)
    assert result == [0]
    assert "1 modifica inviata" in capsys.readouterr().out
    assert _server_title(server, annas) == "Laboratorio di Pavia, ampliamento"
    anna.reopen()


def test_stopping_a_sync_that_waits_to_try_again_ends_it_at_once_and_keeps_the_change(
        clients: dict[str, Client], server: TestServer, short_lock_wait: None) -> None:
    mario, anna, _marios, _annas = two_tutors_with_an_edit_each(clients)
    stop = threading.Event()
    with rogue_push(server, mario, sleeping=False):
        sync = BackgroundSync(anna, backoff=(600.0,), cancel=stop)
        assert sync.busy.wait(30)
        stopped = time.monotonic()
        stop.set()
        with pytest.raises(SyncCancelled):
            sync.join(10)
        assert time.monotonic() - stopped < 2  # not after the ten minutes' pause
    assert len(anna.outbox()) == 1
    assert anna.sync().applied == 1


def test_a_statement_time_limit_is_a_busy_server_by_its_sqlstate(clients: dict[str, Client],
                                                                  server: TestServer) -> None:
    with server.connect_as("anna") as conn:
        conn.execute("SET statement_timeout = 100")
        with pytest.raises(ServerBusyError), connection.translate_errors(server.address):
            conn.execute("SELECT pg_sleep(2)")
