"""The changes-waiting view speaks the domain: by dossier, then record ("Riunione del 12/03/2026 —
Tavolo tecnico"), then field with its old and new value; never an internal id, a UUID or a
reference field such as "project id"."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex

from tests.ui.conftest import OpenApp
from tutor_app.domain.formatting import format_date
from tutor_app.services import aftercare, dossiers, meetings, permits
from tutor_app.services.pending import CHANGED, DELETED, NEW, pending_view
from tutor_app.services.workspace import Workspace
from tutor_app.ui.models.sync_tables import PendingTreeModel

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
INTERNAL_WORDS = re.compile(r"\b(project|meeting|investor|tutor)[ _]id\b|permit_code|\bposition\b", re.I)


def _a_day_of_edits(ws: Workspace) -> dict[str, Any]:
    """A tutor's edits in one dossier: a meeting's place twice, a permit's status, a new meeting
    with an action item, a note deleted, and the project's title."""
    project, dossier = next(
        (row, d) for row in dossiers.list_dossiers(ws) for d in [dossiers.get_dossier(ws, row.id)]
        if d.notes and d.permits and any(m.place for m in d.meetings))
    meeting = next(m for m in dossier.meetings if m.place)
    permit = dossier.permits[0]
    note = dossier.notes[0]
    meetings.update_meeting(ws, meeting.id, place="Sede ARPA, Monza")
    meetings.update_meeting(ws, meeting.id, place="Municipio di Agrate Brianza")
    permits.update_permit(ws, permit.id, authority="Provincia di Monza e Brianza, settore ambiente")
    new = meetings.record_meeting(ws, project.id, table="technical", starts_at="2026-12-03T09:00:00Z",
                                  place="Agrate", actions=[{"text": "Inviare la planimetria", "owner": "Comune"}])
    aftercare.delete_note(ws, note.id)
    dossiers.update_project(ws, project.id, title="Fab di Agrate, seconda linea")
    return {"project": project, "meeting": meeting, "permit": permit, "note": note, "new": new}


def _all_texts(model: PendingTreeModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            texts += [str(index.data() or ""), str(index.data(3) or "")]  # display and tooltip
        texts += _all_texts(model, model.index(row, 0, parent))
    return texts


def test_the_view_is_grouped_by_dossier_then_record_then_field_with_old_and_new_values(
        demo_workspace: Workspace) -> None:
    made = _a_day_of_edits(demo_workspace)
    groups = pending_view(demo_workspace)
    assert [g.name for g in groups] == [f"Dossier {made['project'].code} «Fab di Agrate, seconda linea»"]
    records = {r.subject: r for r in groups[0].records}
    when = format_date(made["meeting"].starts_at.date(), "it")
    place = records[f"Riunione del {when} — Tavolo {_table(made['meeting'].table)}"]
    assert place.action == CHANGED
    assert [(f.label, f.before, f.after) for f in place.fields] == [
        ("Luogo", made["meeting"].place, "Municipio di Agrate Brianza")]  # the oldest before, the newest now
    permit = records[f"Titolo abilitativo: {made['permit'].name}"]
    assert [(f.label, f.before, f.after) for f in permit.fields] == [
        ("Ente competente", made["permit"].authority, "Provincia di Monza e Brianza, settore ambiente")]
    new = records["Riunione del 03/12/2026 — Tavolo tecnico"]
    assert new.action == NEW and {f.label for f in new.fields} >= {"Tavolo", "Luogo", "Data e ora"}
    assert all(f.before is None for f in new.fields)
    action = records["Azione «Inviare la planimetria»"]
    assert action.action == NEW and {f.label for f in action.fields} == {"Testo", "Responsabile", "Fatto"}
    deleted = next(r for r in groups[0].records if r.table == "aftercare_notes")
    assert deleted.action == DELETED and deleted.subject.startswith("Nota aftercare del ")
    project = records["Dati del progetto"]
    assert [(f.label, f.after) for f in project.fields] == [("Titolo", "Fab di Agrate, seconda linea")]
    every = " ".join(f"{g.name} {r.subject} {f.label} {f.before} {f.after}"
                     for g in groups for r in g.records for f in r.fields)
    assert not UUID.search(every) and not INTERNAL_WORDS.search(every)


def _table(code: str) -> str:
    from tutor_app.domain.enums import WorkingTable

    return WorkingTable(code).label("it").removeprefix("Tavolo ")


def test_the_view_in_english(demo_workspace: Workspace) -> None:
    made = _a_day_of_edits(demo_workspace)
    groups = pending_view(demo_workspace, "en")
    records = {r.subject: r for r in groups[0].records}
    assert "Project details" in records and "Meeting of 03/12/2026 — Technical table" in records
    assert [(f.label, f.after) for f in records["Project details"].fields] == [
        ("Title", "Fab di Agrate, seconda linea")]
    assert groups[0].name == f"Dossier {made['project'].code} “Fab di Agrate, seconda linea”"


def test_the_dialog_shows_the_tree_and_never_an_internal_id(qtbot: Any, open_app: OpenApp,
                                                            demo_workspace: Workspace, qtmodeltester: Any) -> None:
    made = _a_day_of_edits(demo_workspace)
    window = open_app(demo_workspace).window
    dialog = window.show_pending()
    model = dialog.model  # type: ignore[attr-defined]
    assert isinstance(model, PendingTreeModel)
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    dossier = model.index(0, 0)
    assert made["project"].code in dossier.data()
    assert model.rowCount(dossier) == 6  # meeting, permit, new meeting, its action, note, project
    texts = _all_texts(model)
    assert "Municipio di Agrate Brianza" in texts and made["meeting"].place in texts
    assert not any(UUID.search(t) or INTERNAL_WORDS.search(t) for t in texts)
    assert dialog.tree.isExpanded(dossier)  # type: ignore[attr-defined]
    assert "in attesa di essere inviate al server: 1 dossier." in dialog.intro.text()  # type: ignore[attr-defined]
    dialog.close()


def test_the_tree_model_passes_the_model_tester_empty_and_full(qtmodeltester: Any, demo_workspace: Workspace) -> None:
    model = PendingTreeModel()
    qtmodeltester.check(model)
    made = _a_day_of_edits(demo_workspace)
    other = next(r for r in dossiers.list_dossiers(demo_workspace) if r.id != made["project"].id)
    dossiers.update_project(demo_workspace, other.id, new_hires=12, municipality="Vimercate")
    model.set_groups(pending_view(demo_workspace))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    second = model.index(1, 0)
    record = model.index(0, 0, second)
    assert record.parent() == second and model.index(0, 0, record).parent() == record


def test_entries_queued_before_the_upgrade_show_their_new_value_only(tmp_path: Any) -> None:
    import shutil
    from pathlib import Path

    golden = Path(__file__).parent.parent / "golden" / "local-0001.sqlite3"
    copy = tmp_path / "old-laptop.sqlite3"
    shutil.copy(golden, copy)
    with Workspace.open(db=copy) as ws:
        groups = pending_view(ws)
        fields = [f for g in groups for r in g.records for f in r.fields]
        assert fields and all(f.before is None and f.after is not None for f in fields)
        rows = [r for g in groups for r in g.records]
        first = next(r for r in rows if r.table == "projects" and r.action == "changed")
        was = dossiers.get_dossier(ws, first.row_id).project["municipality"]
        dossiers.update_project(ws, first.row_id, municipality="Lodi")
        changed = next(r for g in pending_view(ws) for r in g.records if r.row_id == first.row_id)
        # Folded into the old entry: the field changed now knows its value before; the old ones
        # stay unknown (never a wrong value).
        shown = {f.label: (f.before, f.after) for f in changed.fields}
        assert shown["Comune"] == (was, "Lodi") and was
        assert all(before is None for label, (before, _a) in shown.items() if label != "Comune")
