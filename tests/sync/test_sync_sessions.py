"""The desktop keeps the last sync's connection for the next one (services.sync_sessions): the
next sync to the same server and user runs on it; one the server or the network dropped while
it waited is replaced at once, without a word and without losing or repeating anything; a
failed or cancelled sync, another target, a long pause or a closing window keep nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer, on_fault
from tutor_app.domain.errors import OfflineError, TutorError
from tutor_app.services import dossiers
from tutor_app.services.sync import MemoryCredentials, sync_now
from tutor_app.services.sync_sessions import SessionKeeper

pytestmark = pytest.mark.postgres


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _sync(client: Client, keeper: SessionKeeper, **options: Any) -> Any:
    address = client.server.address
    url = f"postgresql://{client.user}@{address.host}:{address.port}/{address.database}"
    return sync_now(client.ws, server=url, credentials=MemoryCredentials(), sessions=keeper,
                    ask_password=lambda _prompt: client.server.passwords[client.user], **options)


def _backend(keeper: SessionKeeper) -> int | None:
    kept = keeper._kept
    return kept[1].conn.info.backend_pid if kept is not None else None


def test_the_next_sync_runs_on_the_kept_connection(clients: dict[str, Client]) -> None:
    mario = clients["mario"]
    mario.new_project("Fab Agrate")
    keeper = SessionKeeper()
    assert _sync(mario, keeper).pushed > 0
    first = _backend(keeper)
    report = _sync(mario, keeper)
    assert report.idle and report.round_trips == 1 and _backend(keeper) == first is not None
    keeper.close(shut=True)
    assert not keeper.holding


def test_a_kept_connection_the_server_dropped_is_replaced_and_nothing_is_lost(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project = mario.new_project("Fab Agrate")
    keeper = SessionKeeper()
    _sync(mario, keeper)
    dropped = _backend(keeper)
    dossiers.update_project(mario.ws, project, title="Fab Agrate, fase 2")
    with server.superuser() as su:  # an idle connection cut by the server (or a VPN that went down)
        assert su.execute("SELECT pg_terminate_backend(%s)", (dropped,)).fetchone() == (True,)
    report = _sync(mario, keeper)
    assert report.pushed == 1 and report.applied == 1 and not mario.outbox()
    assert _backend(keeper) not in (None, dropped)
    carla.sync()
    assert carla.rows("projects")[project]["title"] == "Fab Agrate, fase 2"


def test_a_sync_stopped_while_the_kept_connection_fails_does_not_connect_again(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor_app.services import sync as service

    mario = clients["mario"]
    mario.new_project()
    keeper = SessionKeeper()
    _sync(mario, keeper)
    with server.superuser() as su:
        su.execute("SELECT pg_terminate_backend(%s)", (_backend(keeper),))
    opened: list[object] = []
    real_open = service.open_session
    monkeypatch.setattr(service, "open_session", lambda *a: opened.append(a) or real_open(*a))

    class StoppedDuringTheHandshake:  # the user presses Stop while the dead connection is tried
        asked = 0

        def is_set(self) -> bool:
            self.asked += 1
            return self.asked > 1

    with pytest.raises(OfflineError):
        _sync(mario, keeper, cancel=StoppedDuringTheHandshake())
    assert opened == [] and not keeper.holding


def test_a_failed_sync_another_user_or_a_long_pause_keep_nothing(clients: dict[str, Client]) -> None:
    mario, anna = clients["mario"], clients["anna"]
    mario.new_project()
    clock, wall = _Clock(), _Clock()
    wall.now = time.time()
    keeper = SessionKeeper(idle_s=600, clock=clock, wall=wall)
    _sync(mario, keeper)
    kept = keeper._kept
    assert kept is not None

    def fail() -> None:
        raise TutorError("the sync stopped half way")

    dossiers.update_project(mario.ws, mario.new_project("Secondo"), title="Secondo, rivisto")
    with pytest.raises(TutorError, match="half way"):
        _sync(mario, keeper, fault=on_fault("push:sending", fail))
    assert not keeper.holding and kept[1].conn.closed  # a failure closes the connection it used
    _sync(mario, keeper)
    first = _backend(keeper)
    clock.now += 601  # unused for longer than the keeper waits
    wall.now += 601
    _sync(mario, keeper)
    assert _backend(keeper) != first
    second = keeper._kept
    assert second is not None
    wall.now += 601  # a laptop asleep: the monotonic clock stood still, the wall clock did not
    _sync(mario, keeper)
    assert second[1].conn.closed
    third = keeper._kept
    assert third is not None
    third[1].opened_at = wall.now  # connected just now, on the test's wall clock
    for minutes in range(5, 70, 5):  # a sync every five minutes: kept, until it is an hour old
        wall.now += 300
        clock.now += 300
        _sync(mario, keeper)
        assert (keeper._kept is not None and keeper._kept[1] is third[1]) == (minutes < 60), minutes
    assert third[1].conn.closed
    second = keeper._kept
    assert second is not None
    _sync(anna, keeper)  # another user: never on Mario's connection
    assert second[1].conn.closed and _backend(keeper) not in (None, first)
    keeper.close(shut=True)
    _sync(mario, keeper)  # after the window closed, nothing is kept any more
    assert not keeper.holding
