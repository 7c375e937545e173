"""Concurrency (DESIGN §5.4): several clients push at once while others pull in small batches, and a
writer transaction is held open while the others go on. No cursor skips a committed change:
readers that only ever pull (no sanity repair to hide a gap) end with every row."""

from __future__ import annotations

import random
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from psycopg.types.json import Jsonb

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.hlc import Stamp, wall_ms
from tutor_app.services import dossiers, meetings
from tutor_app.sync.context import SyncContext, SyncReport
from tutor_app.sync.pull import pull_all
from tutor_app.sync.push import push_all
from tutor_app.sync.session import PROTOCOL

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _pull_only(client: Client) -> None:
    with client.session() as session:
        pull_all(SyncContext(client.ws.store, session, SyncReport(), tutor_id=client.tutor_id), batch_size=3)


def _push_only(client: Client) -> None:
    with client.session() as session:
        push_all(SyncContext(client.ws.store, session, SyncReport(), tutor_id=client.tutor_id), batch_size=2)


def test_no_cursor_skips_a_change_committed_behind_it(server: TestServer, tmp_path: Path) -> None:
    names = ["Walter Neri", "Giulia Ferri", "Paolo Conti", "Rita Galli", "Sara Monti"]
    writers = [Client.make(server, tmp_path, f"w{n}", names[n], "project_tutor") for n in range(3)]
    readers = [Client.make(server, tmp_path, f"r{n}", names[3 + n], "coordinator") for n in range(2)]
    projects = {}
    for client in [*writers, *readers]:
        client.sync()
    for writer in writers:
        projects[writer.user] = writer.new_project(f"Di {writer.user}")
        writer.sync()
    held = writers[0]
    errors: list[BaseException] = []
    stop = threading.Event()

    def guarded(work: Any) -> Any:
        def run() -> None:
            try:
                work()
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)
        return run

    def hold_a_transaction_open() -> None:
        """A push whose transaction stays open while everything else goes on, then commits."""
        device = held.ws.store.device_id
        stamp = Stamp(wall_ms(), 0, device).encode()
        fields = {"project_id": projects[held.user], "table": "technical", "starts_at": "2026-11-01T09:00:00.000000Z",
                  "minutes": "Scritto in una transazione lenta", "deleted": False}
        change = {"id": str(uuid.uuid4()), "table": "meetings", "row": str(uuid.uuid4()), "fields": fields,
                  "stamps": dict.fromkeys(fields, stamp), "base": 0}
        with server.connect_as(held.user) as conn:
            conn.execute("SELECT tutor.push(%s, %s, %s)", (PROTOCOL, device, Jsonb([change])))
            time.sleep(1.5)
            conn.commit()

    def write(client: Client, seed: int) -> None:
        rng = random.Random(seed)
        for n in range(6):
            meetings.record_meeting(client.ws, projects[client.user], table="technical",
                                    starts_at=f"2026-11-{n + 1:02d}T09:00:00Z", minutes=f"{client.user} {n}")
            if n % 2:
                dossiers.update_project(client.ws, projects[client.user], new_hires=n)
            _push_only(client)
            time.sleep(rng.random() * 0.05)

    def read(client: Client) -> None:
        while not stop.is_set():
            _pull_only(client)
            time.sleep(0.01)

    threads = [threading.Thread(target=guarded(hold_a_transaction_open))]
    threads += [threading.Thread(target=guarded(lambda c=c, s=s: write(c, s))) for s, c in enumerate(writers)]
    pullers = [threading.Thread(target=guarded(lambda c=c: read(c))) for c in readers]
    for thread in [*threads, *pullers]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    stop.set()
    for thread in pullers:
        thread.join(timeout=120)
    assert errors == []
    for reader in readers:
        _pull_only(reader)  # one more pull after the last commit: still no sanity repair
        for table in ("projects", "meetings"):
            local = {k: v["rev"] for k, v in reader.rows(table).items()}
            remote = {k: v["rev"] for k, v in server.dump(table).items()}
            assert local == remote, table
    assert len(server.dump("meetings")) == 3 * 6 + 1
    for client in [*writers, *readers]:
        client.close()
