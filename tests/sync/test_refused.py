"""A refused new record never stays behind on one replica (issue 10, divergence 1).

The server refuses a new meeting and a new permit item (a rule of its own, here a CHECK the
client does not know). A cut connection or a killed client at any point between the push result
and the end of the settlement leaves the work written down: the next sync finishes it, the rows
leave the dossier, the user sees the rejections, and the sync after is idle. A profile that is
already broken (a row only it holds, nothing waiting) is put right by the sanity repair.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.python import PYTHON
from tests.sync.helpers import Client, TestServer, on_fault
from tutor_app.domain.errors import OfflineError
from tutor_app.services import conflicts, dossiers, meetings, permits
from tutor_app.services.record_words import reason_text
from tutor_app.store.state import REFUSED_UNSETTLED
from tutor_app.sync.engine import synchronize
from tutor_app.sync.refused import NOT_ON_SERVER, note

pytestmark = pytest.mark.postgres

REFUSED = "Rifiutato"
# Every point from the push result to the end of the settlement of its refusals.
STEPS = ["push:committed", "refused", "refused:fetched"]


def _refuse_on_server(server: TestServer) -> None:
    """A rule of the server the client does not know: such rows come back "invalid"."""
    with server.superuser() as su:
        su.execute(f"ALTER TABLE tutor.meetings ADD CONSTRAINT test_refused CHECK (place <> '{REFUSED}')")
        su.execute(f"ALTER TABLE tutor.permit_items ADD CONSTRAINT test_refused CHECK (authority <> '{REFUSED}')")


def _synced_project(mario: Client) -> str:
    project = mario.new_project("Sito di Agrate")
    mario.sync()
    return project


def _refused_work(mario: Client, project: str) -> tuple[str, str, str]:
    """A meeting and a permit item the server refuses, and a meeting it takes."""
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                      place=REFUSED, minutes="Verbale da tenere")
    permit = permits.add_permit(mario.ws, project, "PAES", authority=REFUSED)
    accepted = meetings.record_meeting(mario.ws, project, table="operational", starts_at="2026-03-13T09:00:00Z",
                                       place="Agrate Brianza")
    return meeting, permit, accepted


def _record_part(subject: str) -> str:
    """"Dossier 2026-MRO-0001 «…», Riunione del …" → the record's own name."""
    return subject.split("», ", 1)[-1]


def _assert_settled(mario: Client, server: TestServer, refused: tuple[str, ...], accepted: str) -> None:
    assert mario.outbox() == []
    local = {**mario.rows("meetings"), **mario.rows("permit_items")}
    assert not set(refused) & set(local)
    assert accepted in local and accepted in server.dump("meetings")
    seen = {_record_part(r.subject).split(" ")[0]: r for r in conflicts.list_rejections(mario.ws)}
    assert set(seen) == {"Riunione", "Titolo"}, seen
    assert seen["Riunione"].values["Verbale"] == "Verbale da tenere"  # the user's values, kept
    for view in seen.values():  # in people's words: no internal id, no catalogue code
        assert not any(len(v) == 36 and v.count("-") == 4 for v in view.values.values()), view.values
        assert not {"project id", "meeting id", "permit code"} & set(view.values), view.values
    record = _record_part(seen["Riunione"].subject)
    assert record.startswith("Riunione del 12/03/2026") and record.endswith("(non più in questo profilo)")
    assert mario.ws.store.state(REFUSED_UNSETTLED) is None


def _cut(server: TestServer, pid: int) -> Callable[[], None]:
    def cut() -> None:
        with server.superuser() as su:
            su.execute("SELECT pg_terminate_backend(%s)", (pid,))
    return cut


def _die() -> None:
    raise KeyboardInterrupt  # the laptop closes: nothing after this point runs


@pytest.mark.parametrize("how", ["cut", "kill"])
@pytest.mark.parametrize("step", STEPS)
def test_a_refusal_is_settled_whatever_point_the_sync_is_cut_at(clients: dict[str, Client], server: TestServer,
                                                                step: str, how: str) -> None:
    mario = clients["mario"]
    project = _synced_project(mario)
    _refuse_on_server(server)
    *refused, accepted = _refused_work(mario, project)

    fired: list[str] = []
    with mario.session() as session:
        action = _cut(server, session.conn.info.backend_pid) if how == "cut" else _die
        with contextlib.suppress(OfflineError, KeyboardInterrupt):
            synchronize(mario.ws.store, session, fault=on_fault(step, lambda: (fired.append(step), action())))
    assert fired == [step]
    if how == "kill":
        mario.reopen()

    second = mario.sync()  # no dossier fetched again: the settlement, not the repair, put it right
    assert second.sanity == "ok"
    _assert_settled(mario, server, tuple(refused), accepted)
    assert mario.sync().idle


_KILLED_CLIENT = """
import os, sys
from tutor_app.services.workspace import Workspace
from tutor_app.sync.connection import Secret, ServerAddress, connect
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

db, host, port, database, role, point = sys.argv[1:7]
address = ServerAddress(host, int(port), database)

def fault(name):
    if name == point:
        os.kill(os.getpid(), 9)  # no cleanup, no flush: the process is gone

ws = Workspace.open(db=db)
with PgSession(connect(address, role, Secret(os.environ["TUTOR_TEST_SECRET"])), address) as session:
    synchronize(ws.store, session, fault=fault)
"""


def test_a_client_killed_right_after_hearing_the_refusal_settles_it_at_the_next_sync(
        clients: dict[str, Client], server: TestServer) -> None:
    mario = clients["mario"]
    project = _synced_project(mario)
    _refuse_on_server(server)
    *refused, accepted = _refused_work(mario, project)
    mario.close()
    env = {**os.environ, "TUTOR_TEST_SECRET": server.passwords["mario"]}
    address = server.address
    done = subprocess.run([*PYTHON, "-c", _KILLED_CLIENT, str(mario.ws.store.path), address.host,
                           str(address.port), server.database, address.login_role("mario"), "refused"],
                          env=env, capture_output=True, check=False, cwd=Path(__file__).parents[2], timeout=120)
    assert done.returncode == -9, done.stderr.decode()
    mario.reopen()
    assert mario.outbox() == [] and mario.ws.store.state(REFUSED_UNSETTLED)  # heard, not yet settled
    mario.sync()
    _assert_settled(mario, server, tuple(refused), accepted)
    assert mario.sync().idle


def _strand(mario: Client, row_id: str) -> None:
    """The broken state of an older Tutor: the row is here, its outbox entry is gone, nothing else."""
    with mario.ws.store.write() as w:
        w.conn.exec_driver_sql("DELETE FROM outbox WHERE row_id = ?", (row_id,))


def test_a_profile_holding_a_row_the_server_never_had_converges_in_one_sync(clients: dict[str, Client],
                                                                             server: TestServer) -> None:
    mario = clients["mario"]
    project = _synced_project(mario)
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                      minutes="Solo qui", actions=[{"text": "Chiamare ARPA"}])
    permit = permits.add_permit(mario.ws, project, "PAES")
    kept = meetings.record_meeting(mario.ws, project, table="operational", starts_at="2026-03-13T09:00:00Z")
    action = next(iter(mario.rows("action_items")))
    for row_id in (meeting, action, permit):
        _strand(mario, row_id)

    report = mario.sync(refetch_expected=True)
    assert report.sanity == "repaired" and report.refetched == 1
    assert not {meeting, action, permit} & {*mario.rows("meetings"), *mario.rows("action_items"),
                                             *mario.rows("permit_items")}
    assert kept in mario.rows("meetings") and kept in server.dump("meetings")
    assert mario.outbox() == []
    shown = {_record_part(r.subject).split(" ")[0]: r for r in conflicts.list_rejections(mario.ws)}
    assert set(shown) == {"Riunione", "Azione", "Titolo"}
    assert {r.reason for r in shown.values()} == {reason_text(NOT_ON_SERVER)}
    assert shown["Riunione"].values["Verbale"] == "Solo qui"
    assert _record_part(shown["Azione"].subject) == "Azione «Chiamare ARPA» (non più in questo profilo)"
    assert mario.sync().idle


def test_a_row_whose_refusal_was_already_shown_is_not_shown_twice(clients: dict[str, Client],
                                                                   server: TestServer) -> None:
    """The issue's broken state exactly: the rejection recorded, then the cut, on an older Tutor."""
    mario = clients["mario"]
    project = _synced_project(mario)
    _refuse_on_server(server)
    meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                      place=REFUSED)
    with mario.session() as session, pytest.raises(KeyboardInterrupt):
        synchronize(mario.ws.store, session, fault=on_fault("refused", _die))
    with mario.ws.store.write() as w:  # what an older Tutor left: no list of work to settle
        w.conn.exec_driver_sql("DELETE FROM local_state WHERE key = ?", (REFUSED_UNSETTLED,))
    mario.reopen()
    assert meeting in mario.rows("meetings") and mario.outbox() == []

    mario.sync(refetch_expected=True)
    assert meeting not in mario.rows("meetings")
    assert [r.reason for r in conflicts.list_rejections(mario.ws)] == [reason_text("invalid")]
    assert mario.sync().idle


def test_the_repair_keeps_a_row_with_an_edit_waiting_and_every_row_the_server_has(
        clients: dict[str, Client], server: TestServer) -> None:
    mario = clients["mario"]
    project = _synced_project(mario)
    stranded = permits.add_permit(mario.ws, project, "PAES")
    _strand(mario, stranded)
    made: dict[str, Any] = {}

    def edit_meanwhile(name: str) -> None:  # the user saves a new meeting while the sync repairs
        if name == "sanity" and not made:
            made["id"] = meetings.record_meeting(mario.ws, project, table="technical",
                                                 starts_at="2026-03-14T09:00:00Z", minutes="Appena scritto")

    server_rows = set(server.dump("permit_items")) | set(server.dump("meetings"))
    mario.sync(refetch_expected=True, fault=edit_meanwhile)
    assert made["id"] in mario.rows("meetings") and [e["row_id"] for e in mario.outbox()] == [made["id"]]
    assert stranded not in mario.rows("permit_items")
    assert server_rows <= {*mario.rows("permit_items"), *mario.rows("meetings")}
    mario.sync()
    assert made["id"] in server.dump("meetings")
    assert mario.sync().idle


def test_a_dossier_that_leaves_the_users_view_during_the_repair_loses_no_row(
        clients: dict[str, Client], server: TestServer) -> None:
    """The snapshot of a dossier no longer seen comes back empty: that is not "the server has none
    of its rows". Its rows stay until the purge of dossiers no longer assigned takes them."""
    mario = clients["mario"]
    project = _synced_project(mario)
    held = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z")
    mario.sync()
    stranded = permits.add_permit(mario.ws, project, "PAES")
    _strand(mario, stranded)
    with mario.session() as session:
        listed = session.dossier_hashes

        def hashes_then_unassigned() -> tuple[int, dict[str, int]]:
            answer = listed()
            server.assign(project, "mario", assigned=False)  # a coordinator, at that very moment
            return answer

        session.dossier_hashes = hashes_then_unassigned  # type: ignore[method-assign]
        synchronize(mario.ws.store, session)
    assert held in mario.rows("meetings") and stranded in mario.rows("permit_items")
    assert conflicts.list_rejections(mario.ws) == []


def test_a_refused_record_outside_any_dossier_is_settled_too(clients: dict[str, Client], server: TestServer) -> None:
    """An investor is in no dossier's hash: only the list of work left keeps the sync from being
    idle (and from never settling it)."""
    mario = clients["mario"]
    _synced_project(mario)
    with server.superuser() as su:
        su.execute(f"ALTER TABLE tutor.investors ADD CONSTRAINT test_refused CHECK (name <> '{REFUSED}')")
    investor = dossiers.create_investor(mario.ws, name=REFUSED, country="DE", sector="manufacturing")
    with mario.session() as session, contextlib.suppress(OfflineError):
        synchronize(mario.ws.store, session, fault=on_fault("refused", _cut(server, session.conn.info.backend_pid)))
    assert investor in mario.rows("investors") and mario.outbox() == []

    assert not mario.sync().idle
    assert investor not in mario.rows("investors")
    [shown] = conflicts.list_rejections(mario.ws)
    assert shown.subject == "Investitore «Rifiutato» (non più in questo profilo)"
    assert mario.sync().idle


def test_work_left_by_a_refusal_keeps_even_a_sync_at_the_head_from_being_idle(clients: dict[str, Client]) -> None:
    """Built directly: the copy at the head, nothing waiting, the hashes equal (an investor is in
    none), and the list of work still there: the sync does it instead of reporting idle."""
    mario = clients["mario"]
    _synced_project(mario)
    investor = dossiers.create_investor(mario.ws, name=REFUSED, country="DE", sector="manufacturing")
    _strand(mario, investor)
    with mario.ws.store.write() as w:
        note(w.conn, {"investors": [investor]}, [("investors", investor)])

    assert not mario.sync().idle
    assert investor not in mario.rows("investors") and mario.ws.store.state(REFUSED_UNSETTLED) is None
    assert mario.sync().idle
