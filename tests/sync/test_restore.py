"""A delete undone after a sync travels like any edit: deleted on one laptop, synced, restored
(from the recycle bin or with the undo), synced, and a second laptop has it back; the server
takes the restore. The bin names who deleted a record, also on the other laptop: the server says
whose device made the tombstone (tutor.device_owners)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.enums import Phase
from tutor_app.domain.errors import OfflineError
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import aftercare, dossiers, meetings, permits, recycle_bin
from tutor_app.services.recycle_bin import UndoHistory
from tutor_app.store.state import DEVICE_OWNERS, UNNAMED_DEVICES
from tutor_app.sync import owners
from tutor_app.sync.pg_session import PgSession

pytestmark = pytest.mark.postgres

Made = tuple[str, str, Callable[[Client], bool]]  # table, row id, whether a client shows the record


def _shared(clients: dict[str, Client], server: TestServer) -> tuple[Client, Client, str]:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Fab Agrate")
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    return mario, anna, project


def _make(kind: str, mario: Client, project: str) -> Made:
    ws = mario.ws
    if kind == "projects":
        return kind, project, lambda c: project in [d.id for d in dossiers.list_dossiers(c.ws)]
    if kind == "contacts":
        investor = dossiers.get_dossier(ws, project).investor["id"]
        row = dossiers.add_contact(ws, investor, name="Jana Hartmann", role="CFO")
        return kind, row, lambda c: row in [x.id for x in dossiers.get_dossier(c.ws, project).contacts]
    if kind == "meetings":
        row = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                      actions=[{"text": "Inviare la AUA", "due_on": "2026-11-30"},
                                               {"text": "Verbale firmato", "done": True}])

        def shown(c: Client) -> bool:
            found = [m for m in dossiers.get_dossier(c.ws, project).meetings if m.id == row]
            return bool(found) and [a.text for a in found[0].actions] == ["Inviare la AUA", "Verbale firmato"]
        return kind, row, shown
    if kind == "action_items":
        meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
        row = meetings.add_action(ws, meeting, text="Convocare il tavolo")
        return kind, row, lambda c: row in [a.id for m in dossiers.get_dossier(c.ws, project).meetings
                                            for a in m.actions]
    if kind == "permit_items":
        row = permits.add_permit(ws, project, CUSTOM_CODE, name="AUA", authority="Provincia di Monza")
        return kind, row, lambda c: row in [p.id for p in dossiers.get_dossier(c.ws, project).permits]
    if kind == "phase_entries":
        row = dossiers.advance_phase(ws, project, Phase.ASSISTANCE)
        return kind, row, lambda c: row in [e.id for e in dossiers.get_dossier(c.ws, project).phases]
    row = aftercare.add_note(ws, project, topic="satisfaction", text="Soddisfatti del tavolo")
    return kind, row, lambda c: row in [n.id for n in dossiers.get_dossier(c.ws, project).notes]


KINDS = ["aftercare_notes", "permit_items", "action_items", "contacts", "meetings", "projects", "phase_entries"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_delete_restored_after_a_sync_is_back_on_the_other_laptop(
        clients: dict[str, Client], server: TestServer, kind: str) -> None:
    mario, anna, project = _shared(clients, server)
    table, row, shown = _make(kind, mario, project)
    mario.sync()
    anna.sync()
    assert shown(anna)

    history = UndoHistory()
    history.record(recycle_bin.delete(mario.ws, table, row))
    mario.sync()
    anna.sync()
    assert not shown(mario) and not shown(anna)
    assert server.dump(table)[row]["deleted"] is True
    [binned] = [r for r in recycle_bin.list_deleted(anna.ws) if r.row_id == row]
    assert (binned.who, binned.by_me) == ("Mario Rossi", False)  # named on the other laptop
    assert anna.ws.store.state(DEVICE_OWNERS) == {mario.ws.store.device_id: mario.tutor_id}
    assert [r.who for r in recycle_bin.list_deleted(mario.ws) if r.row_id == row] == ["tu"]

    restored = history.undo(mario.ws)                    # Ctrl+Z, after the sync
    assert restored is not None and restored.row_id == row
    report = mario.sync()
    assert report.rejected == 0 and report.conflicts == 0
    anna.sync()
    assert shown(mario) and shown(anna)
    assert server.dump(table)[row]["deleted"] is False
    assert not mario.outbox() and recycle_bin.list_deleted(anna.ws) == []


def test_the_other_laptop_restores_from_the_bin_and_the_first_sees_it_back(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project = _shared(clients, server)
    table, row, shown = _make("meetings", mario, project)
    mario.sync()
    recycle_bin.delete(mario.ws, table, row)
    mario.sync()
    anna.sync()
    [binned] = recycle_bin.list_deleted(anna.ws)
    recycle_bin.restore(anna.ws, binned.table, binned.row_id)
    assert anna.sync().rejected == 0
    mario.sync()
    assert shown(mario) and shown(anna)
    assert recycle_bin.list_deleted(mario.ws) == []


def test_names_of_deleting_devices_are_asked_once(clients: dict[str, Client], server: TestServer) -> None:
    mario, anna, project = _shared(clients, server)
    notes = [aftercare.add_note(mario.ws, project, topic="other", text=f"Nota {n}") for n in range(2)]
    recycle_bin.delete(mario.ws, "aftercare_notes", notes[0])
    mario.sync()
    learned = anna.sync()                                 # pulls the tombstone: one call to name Mario's device
    recycle_bin.delete(mario.ws, "aftercare_notes", notes[1])
    mario.sync()
    again = anna.sync()                                   # another tombstone of a device already named
    assert learned.round_trips == again.round_trips + 1
    assert anna.sync().idle and anna.sync().round_trips == 1


def test_a_sync_asks_only_about_the_devices_of_tombstones_it_brought(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The devices to name are noted as tombstones come down; a sync does not read the profile's
    tombstones to find them (it read every one after each pull: 35 ms of a 1,000-edit pull in a
    region of 10,000 dossiers). Only a profile that never noted them reads them, once."""
    mario, anna, project = _shared(clients, server)
    notes = [aftercare.add_note(mario.ws, project, topic="other", text=f"Nota {n}") for n in range(3)]
    recycle_bin.delete(mario.ws, "aftercare_notes", notes[0])
    mario.sync()
    anna.sync()
    assert anna.ws.store.state(UNNAMED_DEVICES) == []
    read_whole: list[int] = []
    every = owners.every_deleting_device
    monkeypatch.setattr(owners, "every_deleting_device", lambda conn: read_whole.append(1) or every(conn))
    aftercare.update_note(mario.ws, notes[1], text="Rivista")
    recycle_bin.delete(mario.ws, "aftercare_notes", notes[2])
    mario.sync()
    report = anna.sync()
    assert report.pulled >= 2 and read_whole == []
    [binned] = [r for r in recycle_bin.list_deleted(anna.ws) if r.row_id == notes[2]]
    assert binned.who == "Mario Rossi"
    with anna.ws.store.write() as w:  # a profile of an earlier Tutor: nothing noted
        UNNAMED_DEVICES.clear(w.conn)
        DEVICE_OWNERS.clear(w.conn)
    aftercare.update_note(mario.ws, notes[1], text="Rivista ancora")
    mario.sync()
    anna.sync()
    assert read_whole == [1] and anna.ws.store.state(DEVICE_OWNERS) == {mario.ws.store.device_id: mario.tutor_id}


def test_a_device_still_unnamed_when_the_call_fails_is_asked_about_at_the_next_sync(
        clients: dict[str, Client], server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    mario, anna, project = _shared(clients, server)
    note = aftercare.add_note(mario.ws, project, topic="other", text="Nota")
    mario.sync()
    anna.sync()
    recycle_bin.delete(mario.ws, "aftercare_notes", note)
    mario.sync()
    def offline(self: PgSession, devices: object) -> dict[str, str]:
        raise OfflineError("unreachable", detail="the network went away")
    with monkeypatch.context() as patched:
        patched.setattr(PgSession, "device_owners", offline)
        report = anna.sync()  # the rest of the sync is done: it is not failed for names
    assert report.pulled >= 1 and anna.ws.store.state(UNNAMED_DEVICES) == [mario.ws.store.device_id]
    [binned] = recycle_bin.list_deleted(anna.ws)
    assert binned.who == "un altro dispositivo"
    anna.sync()
    [binned] = recycle_bin.list_deleted(anna.ws)
    assert binned.who == "Mario Rossi" and anna.ws.store.state(UNNAMED_DEVICES) == []
