"""The pull asks for its next batch while it applies the one before (``sync.ahead``): each
batch is asked for once, from the cursor the batch before reached; a batch asked ahead that fails
stops the sync with its error once the batch before is applied, nothing lost; a pull that stops
cuts the batch it asked for rather than wait for it; a Stop that cuts a call is a cancel."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer, visible_rows
from tutor_app.domain.errors import OfflineError, SyncCancelled
from tutor_app.services import meetings
from tutor_app.store import replica
from tutor_app.store.state import CURSOR
from tutor_app.sync.ahead import CallAhead
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession
from tutor_app.sync.session import START, PullBatch

pytestmark = pytest.mark.postgres


def _region(mario: Client, dossiers: int = 4) -> None:
    for n in range(dossiers):
        project = mario.new_project(f"Stabilimento {n}")
        meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                decisions=f"Decisione {n}")
    mario.sync()


TABLES = ("projects", "meetings", "phase_entries")


def _held(client: Client) -> dict[str, set[str]]:
    return {table: set(client.rows(table)) for table in TABLES}


def _on_server(coordinator: Client) -> dict[str, set[str]]:
    rows = visible_rows(coordinator.server, "coordinator", coordinator.tutor_id)
    return {table: set(rows[table]) for table in TABLES}


def test_each_batch_is_asked_for_once_while_the_one_before_is_applied(clients: dict[str, Client],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _region(mario)
    asked: list[tuple[list[Any], Any]] = []  # the cursor asked from, the profile's cursor then
    question = threading.Event()  # a batch was asked for (its moment recorded)
    pull, apply_rows = PgSession.pull, replica.apply_rows

    def watched(self: PgSession, cursor: list[Any], limit: int, skip: Any = None) -> Any:
        asked.append((list(cursor), carla.ws.store.state(CURSOR)))
        question.set()
        return pull(self, cursor, limit, skip)

    def applied_after_the_question(*args: Any) -> Any:
        # A batch is applied only once the next one is asked for (or two seconds on: the last
        # batch asks for none): the moment each question is recorded comes before that apply.
        question.wait(timeout=2)
        question.clear()
        return apply_rows(*args)

    monkeypatch.setattr(PgSession, "pull", watched)
    monkeypatch.setattr(replica, "apply_rows", applied_after_the_question)
    carla.sync(pull_batch=3)
    cursors = [str(c) for c, _profile in asked]
    assert len(asked) > 3 and len(set(cursors)) == len(cursors), asked  # several batches, none twice
    # Asked ahead: every batch after the first while the profile still stood where the one before began.
    assert all(profile != cursor for cursor, profile in asked[1:]), asked
    assert _held(carla) == _on_server(carla)


def test_a_batch_asked_ahead_that_fails_stops_the_sync_after_the_batch_before(clients: dict[str, Client],
                                                                               server: TestServer) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _region(mario)
    with carla.session() as session:
        fetched = 0
        backend = session.conn.info.backend_pid

        def cut_after_the_first_batch(point: str) -> None:
            nonlocal fetched
            if point == "pull:fetched":
                fetched += 1
                if fetched == 1:  # the network goes: the batch asked next goes out on a dead connection
                    with server.superuser() as su:
                        su.execute("SELECT pg_terminate_backend(%s)", (backend,))

        with pytest.raises(OfflineError):
            synchronize(carla.ws.store, session, pull_batch=3, fault=cut_after_the_first_batch)
    # The first batch (Mario's first revision: his tutor record) and its cursor are kept.
    assert carla.ws.store.state(CURSOR) not in (None, list(START))
    assert mario.tutor_id in carla.rows("tutors") and _held(carla) != _on_server(carla)
    carla.sync(pull_batch=3)
    assert _held(carla) == _on_server(carla)


class _StuckServer:
    """A session whose pull never answers until its connection is cut (a dead network)."""

    def __init__(self) -> None:
        self.cut = threading.Event()
        self.calls = 0

    def pull(self, cursor: Any, limit: int, skip: Any = None) -> PullBatch:
        self.calls += 1
        if self.cut.wait(timeout=30):
            raise OfflineError("unreachable", detail="cut")
        return PullBatch([], list(cursor), False, None)

    def interrupt(self) -> None:
        self.cut.set()


def test_a_pull_that_stops_cuts_the_batch_it_asked_for_instead_of_waiting_for_it() -> None:
    """An error while a batch is applied (the disk, a bug) stops the sync at once: the batch asked
    ahead is cut, not waited for until a dead network's time-out, and no call outlives the pull."""
    server = _StuckServer()
    ahead = CallAhead[PullBatch](server, "pull")  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="the disk is full"), ahead:
        ahead.start(server.pull, list(START), 3, [])
        raise RuntimeError("the disk is full")
    assert server.calls == 1 and server.cut.is_set()
    assert not any(t.name.startswith("tutor-pull") for t in threading.enumerate())


def test_a_stop_that_cuts_the_batch_asked_ahead_is_a_cancel(clients: dict[str, Client],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The desktop's Stop cuts the call in progress (``PgSession.interrupt``; the batch asked ahead,
    most often): the sync ends as cancelled, not as a lost connection, and the next one goes on."""
    mario, carla = clients["mario"], clients["carla"]
    _region(mario)
    pull = PgSession.pull
    calls = 0

    def stopped_on_the_second(self: PgSession, cursor: list[Any], limit: int, skip: Any = None) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            self.interrupt()  # the user presses Stop while this call is out
        return pull(self, cursor, limit, skip)

    monkeypatch.setattr(PgSession, "pull", stopped_on_the_second)
    with carla.session() as session, pytest.raises(SyncCancelled):
        synchronize(carla.ws.store, session, pull_batch=3)
    monkeypatch.setattr(PgSession, "pull", pull)
    carla.sync(pull_batch=3)
    assert _held(carla) == _on_server(carla)
