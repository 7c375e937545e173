"""The recycle bin: every kind of record a person deletes is listed with what, where, when and by
whom, and comes back with a restore (its children with it); the undo takes back the latest
delete, never another one."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from tutor_app.domain.errors import RestoreBlockedError
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import aftercare, dossiers, meetings, permits, recycle_bin
from tutor_app.services.recycle_bin import UndoHistory
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import DEVICE_OWNERS


def _dossier(ws: Workspace, title: str = "Fab Agrate") -> tuple[str, str]:
    investor = dossiers.create_investor(ws, name=f"Hartmann {title}", country="DE")
    project = dossiers.create_project(ws, investor_id=investor, title=title, kind="expansion",
                                      sector="electronics", function="production", with_checklist=False)
    return investor, project


def _binned(ws: Workspace, lang: str = "it") -> list[tuple[str, str, str | None, str]]:
    return [(r.table, r.what, r.where, r.who) for r in recycle_bin.list_deleted(ws, lang)]


def test_each_kind_of_record_deleted_is_in_the_bin_in_domain_words_and_comes_back(
        tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    investor, project = _dossier(ws)
    code = dossiers.get_dossier(ws, project).project["code"]
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-03-12T09:00:00Z")
    action = meetings.add_action(ws, meeting, text="Inviare la AUA al SUAP", owner="ARPA")
    permit = permits.add_permit(ws, project, CUSTOM_CODE, name="AUA", authority="Provincia di Monza")
    note = aftercare.add_note(ws, project, noted_on="2026-03-14", topic="satisfaction", text="Tutto bene")
    contact = dossiers.add_contact(ws, investor, name="Jana Hartmann", role="CFO")
    where = f"Dossier {code} «Fab Agrate»"
    expected = [
        ("contacts", "Contatto «Jana Hartmann»", "Investitore «Hartmann Fab Agrate»", "tu"),
        ("aftercare_notes", "Nota aftercare del 14/03/2026 — Soddisfazione", where, "tu"),
        ("permit_items", "Titolo abilitativo: AUA", where, "tu"),
        ("action_items", "Azione «Inviare la AUA al SUAP»", where, "tu"),
        ("meetings", "Riunione del 12/03/2026 — Tavolo tecnico", where, "tu"),
    ]
    for table, row_id in (("meetings", meeting), ("action_items", action), ("permit_items", permit),
                          ("aftercare_notes", note), ("contacts", contact)):
        if table == "meetings":
            continue  # deleted last: its action item would hide through it
        deleted = recycle_bin.delete(ws, table, row_id)
        assert deleted.by_me and deleted.deleted_at is not None
    recycle_bin.delete(ws, "meetings", meeting)
    binned = recycle_bin.list_deleted(ws)
    assert [r.table for r in binned] == ["meetings", "contacts", "aftercare_notes", "permit_items"]  # newest first
    assert set(_binned(ws)) == {expected[i] for i in (0, 1, 2, 4)}
    # the action item, deleted before its meeting, waits inside it: listed again once the meeting is back
    assert recycle_bin.list_deleted(ws, "en")[0].what == "Meeting of 12/03/2026 — Technical table"

    for record in binned:
        recycle_bin.restore(ws, record.table, record.row_id)
    assert [r.table for r in recycle_bin.list_deleted(ws)] == ["action_items"]
    recycle_bin.restore(ws, "action_items", action)
    assert recycle_bin.list_deleted(ws) == []
    dossier = dossiers.get_dossier(ws, project)
    assert [m.id for m in dossier.meetings] == [meeting]
    assert [a.id for a in dossier.meetings[0].actions] == [action]
    assert [p.id for p in dossier.permits] == [permit]
    assert [n.id for n in dossier.notes] == [note]
    assert [c.id for c in dossier.contacts] == [contact]


def test_restoring_a_meeting_brings_its_action_items_back_as_they_were(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    _investor, project = _dossier(ws)
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                      actions=[{"text": "Convocare il tavolo", "due_on": "2026-03-20"},
                                               {"text": "Verbale firmato", "done": True}])
    recycle_bin.delete(ws, "meetings", meeting)
    assert dossiers.get_dossier(ws, project).meetings == ()
    assert [r.table for r in recycle_bin.list_deleted(ws)] == ["meetings"]  # its items come with it
    recycle_bin.restore(ws, "meetings", meeting)
    [back] = dossiers.get_dossier(ws, project).meetings
    assert [(a.text, a.due_on and a.due_on.isoformat(), a.done) for a in back.actions] == [
        ("Convocare il tavolo", "2026-03-20", False), ("Verbale firmato", None, True)]
    assert back.open_actions == 1


def test_a_deleted_dossier_is_one_entry_and_comes_back_with_everything_in_it(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    _investor, project = _dossier(ws)
    kept = aftercare.add_note(ws, project, topic="other", text="Nota rimasta")
    gone = aftercare.add_note(ws, project, topic="other", text="Nota tolta prima")
    recycle_bin.delete(ws, "aftercare_notes", gone)
    record = recycle_bin.delete(ws, "projects", project)
    assert (record.what, record.where) == (f"Dossier {record.what.split()[1]} «Fab Agrate»", None)
    assert [r.table for r in recycle_bin.list_deleted(ws)] == ["projects"]
    assert project not in [d.id for d in dossiers.list_dossiers(ws)]
    recycle_bin.restore(ws, "projects", project)
    assert project in [d.id for d in dossiers.list_dossiers(ws)]
    assert [n.id for n in dossiers.get_dossier(ws, project).notes] == [kept]
    assert [r.row_id for r in recycle_bin.list_deleted(ws)] == [gone]  # deleted on its own: still binned


def test_a_record_of_a_deleted_parent_cannot_come_back_alone(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    _investor, project = _dossier(ws)
    meeting = meetings.record_meeting(ws, project, table="political", starts_at="2026-03-12T09:00:00Z",
                                      actions=[{"text": "Scrivere al Ministero"}])
    [action] = dossiers.get_dossier(ws, project).meetings[0].actions
    recycle_bin.delete(ws, "action_items", action.id)
    recycle_bin.delete(ws, "meetings", meeting)
    with pytest.raises(RestoreBlockedError) as raised:
        recycle_bin.restore(ws, "action_items", action.id)
    assert raised.value.text("it") == ("Azione «Scrivere al Ministero» fa parte di Riunione del 12/03/2026 — "
                                       "Tavolo politico, che è nel cestino: ripristina prima quello.")
    assert raised.value.text("en").startswith("Action “Scrivere al Ministero” belongs to Meeting of 12/03/2026")
    with ws.store.read() as conn:
        assert conn.execute(text("SELECT deleted FROM action_items WHERE id = :i"), {"i": action.id}).scalar() == 1


def test_undo_takes_back_the_latest_delete_and_only_that_one(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    _investor, project = _dossier(ws)
    first = aftercare.add_note(ws, project, topic="other", text="Prima nota")
    second = aftercare.add_note(ws, project, topic="other", text="Seconda nota")
    history = UndoHistory()
    for note in (first, second):
        history.record(recycle_bin.delete(ws, "aftercare_notes", note))
    restored = history.undo(ws)
    assert restored is not None and restored.row_id == second
    assert [n.id for n in dossiers.get_dossier(ws, project).notes] == [second]
    assert [r.row_id for r in recycle_bin.list_deleted(ws)] == [first]
    history.forget("aftercare_notes", first)  # restored from the bin meanwhile: nothing left to undo
    assert history.undo(ws) is None and len(history) == 0


def test_a_step_that_cannot_be_taken_back_leaves_the_undo_to_the_delete_before_it(
        tutor_workspace: Workspace) -> None:
    """A step (a merge) whose undo is refused (the coordinator's role taken away since) says why
    once, and does not stand in front of the older deletes for the rest of the session."""
    from tutor_app.domain.errors import PermissionDeniedError
    from tutor_app.services.recycle_bin import UndoStep

    ws = tutor_workspace
    _investor, project = _dossier(ws)
    note = aftercare.add_note(ws, project, topic="other", text="Nota")
    history = UndoHistory()
    history.record(recycle_bin.delete(ws, "aftercare_notes", note))
    taken: list[str] = []

    def refused(_ws: Workspace) -> None:
        raise PermissionDeniedError("merge")
    history.record(UndoStep(what="l'unione", done="unito", take_back=refused))
    history.record(UndoStep(what="la vista", done="eliminata", take_back=lambda _ws: taken.append("vista")))
    assert history.undo(ws) is not None and taken == ["vista"]
    with pytest.raises(PermissionDeniedError):
        history.undo(ws)
    restored = history.undo(ws)
    assert restored is not None and getattr(restored, "row_id", None) == note and len(history) == 0


def test_who_deleted_is_named_from_the_device_of_the_tombstone(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    _investor, project = _dossier(ws)
    notes = [aftercare.add_note(ws, project, topic="other", text=f"Nota {n}") for n in range(4)]
    for note in notes:
        recycle_bin.delete(ws, "aftercare_notes", note)
    anna = dossiers.create_investor(ws, name="placeholder", country="IT")  # any id will do for a tutor row
    with ws.store.write() as w:
        w.conn.execute(text("INSERT INTO tutors (id, created_at, updated_at, deleted, rev, stamps, name, role, "
                            "initials, provinces) VALUES (:i, '', '', 0, 1, '{}', 'Anna Bianchi', "
                            "'project_tutor', 'AB', '[]')"), {"i": anna})
        DEVICE_OWNERS.set(w.conn, {"aaaabbbbccccdddd": anna, "1111222233334444": str(ws.tutor_id)})
        when = 1_773_300_000_000  # 2026-03-12 07:20 UTC
        for note, device in zip(notes[:3], ("aaaabbbbccccdddd", "server", "9999888877776666"), strict=True):
            w.conn.execute(text("UPDATE aftercare_notes SET stamps = :s WHERE id = :i"),
                           {"s": json.dumps({"*": f"{when:013d}-000000-{device}",
                                             "deleted": f"{when:013d}-000001-{device}"}), "i": note})
        w.conn.execute(text("UPDATE aftercare_notes SET stamps = :s WHERE id = :i"),  # my other laptop
                       {"s": json.dumps({"*": f"{when - 1:013d}-000000-1111222233334444"}), "i": notes[3]})
    by_note = {r.row_id: r for r in recycle_bin.list_deleted(ws)}
    assert [(by_note[n].who, by_note[n].by_me) for n in notes] == [
        ("Anna Bianchi", False), ("il server", False), ("un altro dispositivo", False), ("tu", True)]
    assert by_note[notes[0]].deleted_at == datetime(2026, 3, 12, 7, 20, tzinfo=UTC)
    assert [r.who for r in recycle_bin.list_deleted(ws, "en")][1:3] == ["the server", "another device"]


def test_the_bin_leaves_out_contacts_of_investors_no_dossier_here_works_with(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    investor, _project = _dossier(ws)
    stranger = dossiers.create_investor(ws, name="Altro Gruppo", country="FR")
    mine = dossiers.add_contact(ws, investor, name="Jana Hartmann")
    theirs = dossiers.add_contact(ws, stranger, name="Pierre Martin")
    for contact in (mine, theirs):
        recycle_bin.delete(ws, "contacts", contact)
    assert [r.row_id for r in recycle_bin.list_deleted(ws)] == [mine]
