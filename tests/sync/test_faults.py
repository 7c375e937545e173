"""Faults: the connection cut at every step of a push and of a pull (including after the server
committed and before the client heard), the network dropping at any byte, the client process
killed in the middle of a pull. Re-syncing applies nothing twice and loses nothing."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.python import PYTHON
from tests.sync.helpers import Client, TestServer, on_fault
from tests.sync.proxy import CuttingProxy
from tutor_app.domain.errors import OfflineError
from tutor_app.services import dossiers, meetings
from tutor_app.sync.connection import Secret, ServerAddress, connect
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

pytestmark = pytest.mark.postgres

STEPS = ["hello", "push", "push:sending", "push:committed", "push:stored", "pull", "pull:fetched", "pull:applied",
         "sanity"]


def _offline_work(mario: Client, carla: Client, meetings_count: int = 12) -> str:
    project = mario.new_project("Sito di Agrate")
    for n in range(meetings_count):
        meetings.record_meeting(mario.ws, project, table="technical", starts_at=f"2026-11-{n + 1:02d}T09:00:00Z",
                                minutes=f"Verbale {n}")
    return project


def _assert_converged(server: TestServer, *clients: Client) -> None:
    """Nothing lost, nothing twice: every replica holds the server's rows; no change applied twice."""
    for client in clients:
        assert client.outbox() == []
        for table in ("projects", "meetings", "permit_items", "phase_entries"):
            local = {k: (v["rev"], v["deleted"]) for k, v in client.rows(table).items()}
            remote = {k: (v["rev"], v["deleted"]) for k, v in server.dump(table).items()
                      if table != "projects" or k in local}
            if client.user != "carla":
                remote = {k: v for k, v in remote.items() if k in local}
            assert local == remote, table
    with server.superuser() as su:
        twice = su.execute("SELECT change_id, table_name, row_id FROM tutor.history WHERE change_id IS NOT NULL "
                           "AND author NOT LIKE '%admin%' GROUP BY 1, 2, 3 HAVING count(*) > 1").fetchall()
    assert twice == []


@pytest.mark.parametrize("step", STEPS)
def test_a_connection_killed_at_any_step_loses_nothing(clients: dict[str, Client], server: TestServer,
                                                       step: str) -> None:
    mario, carla = clients["mario"], clients["carla"]
    carla.sync()
    project = _offline_work(mario, carla)
    written = len(mario.outbox())

    with mario.session() as session:
        pid = session.conn.info.backend_pid

        def kill() -> None:
            with server.superuser() as su:
                su.execute("SELECT pg_terminate_backend(%s)", (pid,))

        with contextlib.suppress(OfflineError):  # the steps that end the session end the sync
            synchronize(mario.ws.store, session, fault=on_fault(step, kill), push_batch=5, pull_batch=7)
    mario.sync()
    carla.sync()
    _assert_converged(server, mario, carla)
    assert len(dossiers.get_dossier(carla.ws, project).meetings) == 12
    assert written > 15


def test_the_client_dying_after_the_server_committed_resends_and_nothing_is_applied_twice(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _offline_work(mario, carla)

    def die() -> None:
        raise KeyboardInterrupt  # the laptop closes: the server committed, the client never heard

    with mario.session() as session, pytest.raises(KeyboardInterrupt):
        synchronize(mario.ws.store, session, fault=on_fault("push:committed", die), push_batch=5)
    in_flight = [e for e in mario.outbox() if e["in_flight"]]
    assert 0 < len(in_flight) <= 5  # the first batch (never cut inside a dossier made together)
    mario.reopen()
    report = mario.sync(push_batch=5)
    assert report.duplicates == len(in_flight)
    carla.sync()
    _assert_converged(server, mario, carla)


def test_the_network_dropping_at_any_byte_loses_nothing(clients: dict[str, Client], server: TestServer) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project = _offline_work(mario, carla, meetings_count=4)
    mario.sync()
    carla.sync()
    proxy = CuttingProxy(server.address.host, server.address.port)
    via = ServerAddress("127.0.0.1", proxy.port, server.database)
    secret = Secret(server.passwords["mario"])
    cuts = 0
    try:
        for n, limit in enumerate([60, 150, 400, 700, 1100, 1600, 2300, 3200, 4500, 6000, 8000, 11000, 15000,
                                   20000, 28000, 40000]):
            meetings.record_meeting(mario.ws, project, table="operational", starts_at="2026-10-01T09:00:00Z",
                                    minutes=f"Dopo il taglio {n}")
            dossiers.update_project(carla.ws, project, new_hires=n)
            carla.sync()
            proxy.arm(limit)
            try:
                with PgSession(connect(via, via.login_role("mario"), secret), via) as session:
                    synchronize(mario.ws.store, session, push_batch=3, pull_batch=5)
            except OfflineError:
                cuts += 1
            proxy.arm(None)
    finally:
        proxy.close()
    assert cuts >= 10
    mario.sync()
    carla.sync()
    mario.sync()
    _assert_converged(server, mario, carla)
    assert len(dossiers.get_dossier(mario.ws, project).meetings) == 4 + 16


_KILLED_CLIENT = """
import os, sys
from tutor_app.services.workspace import Workspace
from tutor_app.sync.connection import Secret, ServerAddress, connect
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

db, host, port, database, role, batches = sys.argv[1:7]
address = ServerAddress(host, int(port), database)
seen = {"n": 0}

def fault(point):
    if point == "pull:fetched":
        seen["n"] += 1
        if seen["n"] == int(batches):
            os.kill(os.getpid(), 9)  # no cleanup, no flush: the process is gone

ws = Workspace.open(db=db)
with PgSession(connect(address, role, Secret(os.environ["TUTOR_TEST_SECRET"])), address) as session:
    synchronize(ws.store, session, fault=fault, pull_batch=5)
"""


def test_a_client_killed_mid_pull_resumes_where_it_stopped(clients: dict[str, Client], server: TestServer,
                                                           tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _offline_work(mario, carla)
    mario.sync()
    carla.close()
    db = carla.ws.store.path
    address = server.address
    env = {**os.environ, "TUTOR_TEST_SECRET": server.passwords["carla"]}
    done = subprocess.run([*PYTHON, "-c", _KILLED_CLIENT, str(db), address.host, str(address.port),
                           server.database, address.login_role("carla"), "4"],
                          env=env, capture_output=True, check=False, cwd=Path(__file__).parents[2], timeout=120)
    assert done.returncode == -9, done.stderr.decode()
    carla.reopen()
    with carla.ws.store.read() as conn:
        cursor: Any = conn.exec_driver_sql("SELECT value FROM local_state WHERE key = 'sync_cursor'").scalar_one()
    assert json.loads(cursor)[0] > 0  # three batches made it, each with its cursor
    report = carla.sync()
    assert report.pulled > 0
    _assert_converged(server, mario, carla)
