"""The push sends its next batch while it stores the answer of the one before (``sync.ahead``):
each entry goes up once, in its order; the answers are stored in their order; a next batch that
fails once the one before is answered stops the sync with its error, that batch's answer kept,
and the next sync sends the rest, nothing applied twice; a push of many batches ends at the head;
a stop (a local failure, Ctrl-C) with a batch out cuts it."""

from __future__ import annotations

import json
import signal
import threading
import time
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tests.sync.test_faults import _assert_converged
from tutor_app.domain.errors import OfflineError
from tutor_app.services import meetings
from tutor_app.sync import pull as pull_module
from tutor_app.sync import push as push_module
from tutor_app.sync.ahead import CallAhead
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

pytestmark = pytest.mark.postgres


def _offline(mario: Client, count: int = 14) -> str:
    project = mario.new_project("Sito di Agrate")
    mario.sync()
    for n in range(count):
        meetings.record_meeting(mario.ws, project, table="technical", starts_at=f"2026-11-{n + 1:02d}T09:00:00Z",
                                minutes=f"Verbale {n}")
    return project


def test_each_batch_is_sent_once_while_the_answer_before_it_is_stored(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _offline(mario)
    waiting = [e["change_id"] for e in mario.outbox()]
    sent: list[list[str]] = []
    one_more = threading.Condition()  # a push was sent (recorded)
    overlapped: list[bool] = []
    push, store = PgSession.push, push_module._store_answer

    def watched(self: PgSession, device: str, changes: Any, **kwargs: Any) -> Any:
        with one_more:
            sent.append([c["id"] for c in json.loads(changes)])
            one_more.notify_all()
        return push(self, device, changes, **kwargs)

    def stored_after_the_next_push(ctx: Any, entries: Any, answer: Any) -> Any:
        # The k-th answer is stored once batch k+1 is out (or two seconds on: the last has no next).
        with one_more:
            overlapped.append(one_more.wait_for(lambda: len(sent) > len(overlapped) + 1, timeout=2))
        return store(ctx, entries, answer)

    monkeypatch.setattr(PgSession, "push", watched)
    monkeypatch.setattr(push_module, "_store_answer", stored_after_the_next_push)
    with mario.session() as session:
        report = synchronize(mario.ws.store, session, push_batch=5)
    assert report.pushed == len(waiting) and report.duplicates == 0
    assert [c for batch in sent for c in batch] == waiting  # each once, in the outbox's order
    assert len(sent) >= 3 and overlapped == [True] * (len(sent) - 1) + [False]
    carla.sync()
    _assert_converged(server, mario, carla)


def test_a_next_batch_that_fails_keeps_the_answer_before_it_and_the_next_sync_sends_the_rest(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _offline(mario)
    push = PgSession.push
    calls = 0

    def cut_on_the_second(self: PgSession, device: str, changes: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:  # the network goes while the laptop stores the first answer
            with server.superuser() as su:
                su.execute("SELECT pg_terminate_backend(%s)", (self.conn.info.backend_pid,))
        return push(self, device, changes, **kwargs)

    first = [e["change_id"] for e in mario.outbox()][:5]
    monkeypatch.setattr(PgSession, "push", cut_on_the_second)
    with mario.session() as session, pytest.raises(OfflineError):
        synchronize(mario.ws.store, session, push_batch=5)
    monkeypatch.setattr(PgSession, "push", push)
    left = mario.outbox()
    assert not {e["change_id"] for e in left} & set(first)  # the first answer was stored
    assert [e["in_flight"] for e in left][:5] == [1] * 5  # the batch that was cut: sent again next
    report = mario.sync(push_batch=5)
    assert report.rejected == 0 and report.pushed == len(left)
    carla.sync()
    _assert_converged(server, mario, carla)


def test_a_push_of_many_batches_ends_at_the_head_and_needs_no_pull(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last batch goes with the revision the profile will hold once the answer before it is
    stored: the server sends the hash with its answer, and nobody having written meanwhile, the
    sync ends there."""
    mario = clients["mario"]
    _offline(mario)
    pulls: list[int] = []
    pull_all = pull_module.pull_all
    monkeypatch.setattr(pull_module, "pull_all", lambda *a, **k: pulls.append(1) or pull_all(*a, **k))
    report = mario.sync(push_batch=5)
    assert report.pushed >= 10 and report.sanity == "ok" and pulls == []


def test_a_local_failure_while_an_answer_is_stored_cuts_the_batch_out_and_loses_nothing(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fails while the second answer is stored, the third batch out, the user editing
    meanwhile (the batch just answered, the batch out, one waiting): the call out is cut, no
    thread outlives the sync, and the next sync brings the server every edit, none twice."""
    mario, carla = clients["mario"], clients["carla"]
    _offline(mario)
    ids = [e["row_id"] for e in mario.outbox() if e["table_name"] == "meetings"]
    store = push_module._store_answer
    stored = 0

    def edit_then_store(ctx: Any, entries: Any, answer: Any) -> Any:
        nonlocal stored
        stored += 1
        for row in (entries[0]["row_id"], ids[6], ids[-1]):
            if row in ids:
                meetings.update_meeting(mario.ws, row, minutes=f"Rivisto {stored} {row[:4]}")
        if stored == 2:
            raise RuntimeError("the disk is full")
        return store(ctx, entries, answer)

    monkeypatch.setattr(push_module, "_store_answer", edit_then_store)
    with pytest.raises(RuntimeError, match="the disk is full"):
        mario.sync(push_batch=5)
    assert not any(t.name.startswith("tutor-push") for t in threading.enumerate())
    monkeypatch.setattr(push_module, "_store_answer", store)
    assert mario.sync(push_batch=5).rejected == 0
    carla.sync()
    _assert_converged(server, mario, carla)
    theirs, mine = carla.rows("meetings"), mario.rows("meetings")
    assert {r: theirs[r]["minutes"] for r in ids} == {r: mine[r]["minutes"] for r in ids}


class _StuckPush:
    """A session whose push answers only once its connection is cut (a dead network)."""

    def __init__(self) -> None:
        self.cut = threading.Event()

    def push(self) -> str:
        self.cut.wait(timeout=30)
        return "answer"

    def interrupt(self) -> None:
        self.cut.set()


def test_ctrl_c_while_an_answer_is_awaited_cuts_the_call_out() -> None:
    """The command line has no Stop: Ctrl-C reaches the wait for an answer, and the call out is cut
    (not waited for until a dead network's time-out)."""
    session = _StuckPush()
    threading.Timer(0.3, lambda: signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), CallAhead[str](session, "push") as ahead:  # type: ignore[arg-type]
        ahead.start(session.push)
        ahead.answer()
    assert session.cut.is_set() and time.monotonic() - started < 5
