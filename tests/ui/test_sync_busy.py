"""The desktop when the server is busy (issue 10 point 8): a sync that meets a session holding the
counter's lock says "Il server è occupato, riprovo tra poco" in the status bar and tries again by
itself; once IT's watchdog ends that session, the same sync goes through."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tests.sync.test_watchdog import rogue_push, two_tutors_with_an_edit_each
from tests.ui.conftest import OpenApp
from tests.ui.test_sync_ui import remembered
from tutor_app.domain.errors import ServerBusyError
from tutor_app.services import sync as sync_service
from tutor_app.sync import connection, watchdog
from tutor_app.sync.connection import connect
from tutor_app.ui.status_bar import Connection
from tutor_app.ui.sync_messages import failure_text


@pytest.mark.postgres
def test_a_sync_behind_a_stuck_session_says_the_server_is_busy_and_goes_through_once_it_is_ended(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "LOCK_TIMEOUT_MS", 700)
    monkeypatch.setattr(sync_service, "BUSY_BACKOFF_S", (0.3,) * 40)
    mario, anna, _marios, annas = two_tutors_with_an_edit_each(clients)
    window = open_app(anna.ws).window
    window.sync.configure(credentials=remembered(anna))
    status = window.status
    with rogue_push(server, mario, sleeping=False):
        with qtbot.waitSignal(window.sync.retrying, timeout=20_000) as said:
            window.sync_action.trigger()
        assert said.args == ["Il server è occupato, riprovo tra poco."]
        assert status.problem == "Il server è occupato, riprovo tra poco."
        assert status.problem_label.isVisibleTo(window) and status.connection is Connection.SYNCING
        assert window.sync.running  # not failed: waiting to try again
        time.sleep(0.6)
        a = server.address
        with qtbot.waitSignal(window.sync.finished, timeout=30_000):
            assert watchdog.watch(lambda: connect(a, a.user, None), a, max_hold_s=0.5, once=True) == 1
    assert status.connection is Connection.ONLINE and status.problem == "" and window.sync.message == ""
    assert server.dump("projects")[annas]["title"] == "Laboratorio di Pavia, ampliamento"
    qtbot.waitUntil(lambda: status.pending == 0)
    # Still busy after its own retries, the sync fails with the same sentence (the timer tries again).
    assert failure_text(ServerBusyError("postgresql://db.example:5432/tutor", "lock timeout")) == \
        "Il server è occupato, riprovo tra poco."
