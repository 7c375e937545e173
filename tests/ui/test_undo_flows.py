"""Every delete can be undone, driven through the widgets: a note, a permit ("Togli dalla
checklist"), an action item (the Delete key), a contact, a meeting with its action items and a
dossier (which asks first) each come back with Ctrl+Z outside a text field, Modifica ▸ Annulla or
the "Annulla" link of the message; the Cestino lists what was deleted and restores it; also
after a sync, seen on a second laptop."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from tests.sync.helpers import Client
from tests.ui.conftest import OpenApp
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import aftercare, dossiers, meetings, permits, recycle_bin
from tutor_app.services.workspace import Workspace
from tutor_app.ui.dossier.page import DossierPage
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.models.recycle_bin import COL_WHAT, COL_WHO, DeletedModel
from tutor_app.ui.widgets.fields import DateField, DateTimeField


@pytest.fixture
def dossier_ws(tutor_workspace: Workspace) -> tuple[Workspace, dict[str, str]]:
    """One dossier with a meeting (two action items), a permit, two notes and a contact."""
    ws = tutor_workspace
    investor = dossiers.create_investor(ws, name="Hartmann Sensors GmbH", country="DE")
    project = dossiers.create_project(ws, investor_id=investor, title="Fab Agrate", kind="expansion",
                                      sector="electronics", function="production", with_checklist=False)
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                      place="Municipio", actions=[{"text": "Inviare la AUA", "owner": "ARPA"},
                                                                  {"text": "Convocare il tavolo"}])
    ids = {
        "project": project, "investor": investor, "meeting": meeting,
        "permit": permits.add_permit(ws, project, CUSTOM_CODE, name="AUA", authority="Provincia di Monza"),
        "note": aftercare.add_note(ws, project, noted_on="2026-11-10", topic="satisfaction", text="Prima nota"),
        "note2": aftercare.add_note(ws, project, noted_on="2026-11-12", topic="workforce", text="Seconda nota"),
        "contact": dossiers.add_contact(ws, investor, name="Jana Hartmann", role="CFO"),
    }
    return ws, ids


def _open(qtbot: Any, open_app: OpenApp, ws: Workspace, project: str, tab: str) -> tuple[MainWindow, DossierPage]:
    window = open_app(ws).window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_dossier(project, tab)
    return window, window.dossier_page


def _settle(qtbot: Any, page: DossierPage) -> None:
    qtbot.waitUntil(lambda: not page._reload_timer.isActive())
    qtbot.wait(10)


def _ctrl_z(qtbot: Any, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))


def _notes(ws: Workspace, project: str) -> list[str]:
    return [n.text for n in dossiers.get_dossier(ws, project).notes]


def test_a_deleted_note_comes_back_with_ctrl_z_outside_a_text_field(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    window, page = _open(qtbot, open_app, ws, ids["project"], "aftercare")
    tab = page.aftercare
    assert tab.note_id == ids["note2"]  # the newest, selected
    tab.delete_button.click()
    _settle(qtbot, page)
    assert _notes(ws, ids["project"]) == ["Prima nota"]
    message = window.undo.message
    assert message.isVisible() and message.undo_link.isVisible()
    assert message.text.text() == "Nel cestino: Nota aftercare del 12/11/2026 — Forza lavoro"
    assert window.undo.undo_action.text() == "&Annulla l'eliminazione: Nota aftercare del 12/11/2026 — Forza lavoro"
    _ctrl_z(qtbot, tab.view)
    _settle(qtbot, page)
    assert _notes(ws, ids["project"]) == ["Prima nota", "Seconda nota"]
    assert tab.note_id == ids["note2"] and tab.model.rowCount() == 2  # shown again, selected
    assert message.text.text() == "Ripristino eseguito: Nota aftercare del 12/11/2026 — Forza lavoro"
    assert not message.undo_link.isVisible() and not window.undo.undo_action.isEnabled()


def test_undo_takes_back_the_latest_delete_not_another(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    window, page = _open(qtbot, open_app, ws, ids["project"], "aftercare")
    for _ in range(2):
        page.aftercare.delete_button.click()
        _settle(qtbot, page)
    assert _notes(ws, ids["project"]) == []
    window.undo.undo_action.trigger()  # Modifica ▸ Annulla
    _settle(qtbot, page)
    assert _notes(ws, ids["project"]) == ["Prima nota"]  # the one deleted last (the second to go)
    window.undo.undo_action.trigger()
    _settle(qtbot, page)
    assert _notes(ws, ids["project"]) == ["Prima nota", "Seconda nota"]


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_delete(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    window, page = _open(qtbot, open_app, ws, ids["project"], "permits")
    page.permits.delete_button.click()  # "Togli dalla checklist"
    _settle(qtbot, page)
    assert dossiers.get_dossier(ws, ids["project"]).permits == ()
    page.show_tab("overview")
    title = page.overview.project.fields["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    qtbot.keyClicks(title, " nuova")
    _ctrl_z(qtbot, title)
    assert title.text() == "Fab Agrate"                        # the field's own undo
    assert dossiers.get_dossier(ws, ids["project"]).permits == ()  # the delete stays
    window.undo.message.undo_link.click()                      # the message's "Annulla"
    _settle(qtbot, page)
    assert [p.id for p in dossiers.get_dossier(ws, ids["project"]).permits] == [ids["permit"]]
    assert page.current_tab() == "permits" and page.permits.permit_id == ids["permit"]


def test_an_action_item_deleted_with_the_delete_key_comes_back(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    window, page = _open(qtbot, open_app, ws, ids["project"], "timeline")
    view = page.timeline.editor.action_view
    view.setFocus()
    view.setCurrentIndex(page.timeline.editor.action_model.index(1, 1))
    gone = page.timeline.editor.action_model.rows[1].text
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    _settle(qtbot, page)
    texts = [a.text for a in dossiers.get_dossier(ws, ids["project"]).meetings[0].actions]
    assert gone not in texts and len(texts) == 1
    assert window.undo.message.text.text() == f"Nel cestino: Azione «{gone}»"
    _ctrl_z(qtbot, view)
    _settle(qtbot, page)
    assert len(dossiers.get_dossier(ws, ids["project"]).meetings[0].actions) == 2
    assert page.timeline.editor.action_model.rowCount() == 2


def test_a_meeting_and_a_contact_deleted_come_back_the_meeting_with_its_action_items(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ws, ids = dossier_ws
    _yes(monkeypatch)
    window, page = _open(qtbot, open_app, ws, ids["project"], "timeline")
    page.timeline.editor.delete_button.click()
    _settle(qtbot, page)
    assert dossiers.get_dossier(ws, ids["project"]).meetings == ()
    page.show_tab("overview")
    page.overview.contacts.text.linkActivated.emit(f"remove:{ids['contact']}")
    _settle(qtbot, page)
    assert dossiers.get_dossier(ws, ids["project"]).contacts == ()
    _ctrl_z(qtbot, page.overview.stepper.buttons[next(iter(page.overview.stepper.buttons))])
    _settle(qtbot, page)
    assert [c.name for c in dossiers.get_dossier(ws, ids["project"]).contacts] == ["Jana Hartmann"]
    assert "Jana Hartmann" in page.overview.contacts.text.text()
    window.undo.undo_action.trigger()
    _settle(qtbot, page)
    [meeting] = dossiers.get_dossier(ws, ids["project"]).meetings
    assert sorted(a.text for a in meeting.actions) == ["Convocare il tavolo", "Inviare la AUA"]
    assert page.current_tab() == "timeline" and page.timeline.editor.meeting_id == ids["meeting"]
    assert page.timeline.editor.action_model.rowCount() == 2


def test_deleting_a_dossier_asks_and_undo_brings_it_back_to_the_list(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ws, ids = dossier_ws
    window, _page = _open(qtbot, open_app, ws, ids["project"], "overview")
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    window.delete_dossier_action.trigger()  # No
    assert window.open_dossier_id == ids["project"] and len(recycle_bin.list_deleted(ws)) == 0
    code = dossiers.get_dossier(ws, ids["project"]).project["code"]
    assert asked[0].startswith(f"Eliminare Dossier {code} «Fab Agrate»?")
    window.delete_dossier_action.trigger()  # Yes
    qtbot.waitUntil(lambda: window.list_page.is_loaded and window.list_page.model.rowCount() == 0)
    assert window.stack.currentWidget() is window.list_page and not window.nav_dossier.isVisible()
    assert not window.delete_dossier_action.isEnabled()
    _ctrl_z(qtbot, window.list_page.table)
    qtbot.waitUntil(lambda: window.list_page.is_loaded and window.list_page.model.rowCount() == 1)
    assert window.list_page.model.row_at(0).id == ids["project"]
    assert _notes(ws, ids["project"]) == ["Prima nota", "Seconda nota"]  # with everything in it


def test_the_recycle_bin_lists_what_was_deleted_and_restores_it(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ws, ids = dossier_ws
    _yes(monkeypatch)
    window, page = _open(qtbot, open_app, ws, ids["project"], "aftercare")
    page.aftercare.delete_button.click()
    _settle(qtbot, page)
    page.show_tab("timeline")
    page.timeline.editor.delete_button.click()
    _settle(qtbot, page)
    dialog = window.undo.show_bin()
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [(model.index(n, COL_WHAT).data(), model.index(n, COL_WHO).data()) for n in range(model.rowCount())] == [
        ("Riunione del 20/11/2026 — Tavolo tecnico", "tu"),
        ("Nota aftercare del 12/11/2026 — Forza lavoro", "tu")]
    assert dialog.view.hasFocus() or dialog.view.selectionModel().selectedRows()
    dialog.view.selectRow(0)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)  # Enter restores the selected row
    _settle(qtbot, page)
    assert [m.id for m in dossiers.get_dossier(ws, ids["project"]).meetings] == [ids["meeting"]]
    assert model.rowCount() == 1 and dialog.status.text().startswith("Ripristino eseguito: Riunione del 20/11/2026")
    dialog.restore_button.click()
    assert model.rowCount() == 0 and dialog.empty.isVisible()
    assert _notes(ws, ids["project"]) == ["Prima nota", "Seconda nota"]
    assert not window.undo.undo_action.isEnabled()  # restored from the bin: nothing left to undo


def test_the_recycle_bin_model_is_a_sound_qt_model(qtmodeltester: Any,
                                                   dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    for table, key in (("aftercare_notes", "note"), ("permit_items", "permit"), ("contacts", "contact")):
        recycle_bin.delete(ws, table, ids[key])
    model = DeletedModel("it")
    model.set_rows(recycle_bin.list_deleted(ws))
    qtmodeltester.check(model)


def test_no_destructive_button_is_one_tab_after_a_date_field(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    _window, page = _open(qtbot, open_app, ws, ids["project"], "overview")
    dates = {id(f.editor) for tab in (page.aftercare, page.permits) for f in tab.binder.fields.values()
             if isinstance(f, DateField)}
    dates |= {id(f.editor) for f in page.timeline.editor.binder.fields.values() if isinstance(f, DateTimeField)}
    dates.add(id(page.timeline.editor.new_action_due))
    destructive = [page.aftercare.delete_button, page.permits.delete_button, page.timeline.editor.delete_button]
    for button in destructive:
        before = button.previousInFocusChain()
        while not (before.focusPolicy() & Qt.FocusPolicy.TabFocus) or before.isHidden():
            before = before.previousInFocusChain()
        inner = before.parentWidget() if isinstance(before.parentWidget(), QLineEdit) else before
        assert id(inner) not in dates and id(before) not in dates, f"{button.text()} follows a date field"


@pytest.mark.postgres
def test_a_note_deleted_and_synced_is_undone_in_the_window_and_back_on_the_second_laptop(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: Any) -> None:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Fab Agrate")
    note = aftercare.add_note(mario.ws, project, topic="issue_raised", text="Strada di accesso da sistemare")
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    _window, page = _open(qtbot, open_app, mario.ws, project, "aftercare")
    page.aftercare.delete_button.click()
    _settle(qtbot, page)
    mario.sync()
    anna.sync()
    assert dossiers.get_dossier(anna.ws, project).notes == ()
    _ctrl_z(qtbot, page.aftercare.view)
    _settle(qtbot, page)
    assert mario.sync().rejected == 0
    anna.sync()
    assert [n.id for n in dossiers.get_dossier(anna.ws, project).notes] == [note]
    assert QApplication.focusWidget() is not None


def test_a_phase_taken_back_on_the_overview_goes_to_the_bin_and_ctrl_z_brings_it_back(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    dossiers.advance_phase(ws, ids["project"], "assistance", date(2026, 11, 26))
    window, page = _open(qtbot, open_app, ws, ids["project"], "overview")
    [entry] = [e for e in dossiers.get_dossier(ws, ids["project"]).phases if e.phase == "assistance"]
    page.overview.stepper.undo_requested.emit(entry.id)  # the stepper's "Undo: the project is not in …"
    _settle(qtbot, page)
    assert [e.phase for e in dossiers.get_dossier(ws, ids["project"]).phases] == ["lead"]
    assert window.undo.message.text.text().startswith("Nel cestino: Fase")
    assert [r.row_id for r in recycle_bin.list_deleted(ws)] == [entry.id]
    _ctrl_z(qtbot, page.overview.stepper.buttons[next(iter(page.overview.stepper.buttons))])
    _settle(qtbot, page)
    assert {e.phase for e in dossiers.get_dossier(ws, ids["project"]).phases} == {"lead", "assistance"}
    assert recycle_bin.list_deleted(ws) == []


def test_a_phase_entered_again_since_its_delete_does_not_come_back_twice(
        dossier_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = dossier_ws
    first = dossiers.advance_phase(ws, ids["project"], "assistance", date(2026, 11, 26))
    recycle_bin.delete(ws, "phase_entries", first)
    dossiers.advance_phase(ws, ids["project"], "assistance", date(2026, 11, 27))
    with pytest.raises(ValidationError):
        recycle_bin.restore(ws, "phase_entries", first)
    assert [e.phase for e in dossiers.get_dossier(ws, ids["project"]).phases].count("assistance") == 1


def test_the_message_after_a_delete_leaves_the_lists_totals_in_view(
        qtbot: Any, open_app: OpenApp, dossier_ws: tuple[Workspace, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ws, ids = dossier_ws
    dossiers.create_project(ws, investor_id=ids["investor"], title="Magazzino Lodi", kind="new_initiative",
                            sector="logistics", function="logistics", with_checklist=False)
    window, _page = _open(qtbot, open_app, ws, ids["project"], "overview")
    window.resize(1366, 768)
    _yes(monkeypatch)
    window.delete_dossier_action.trigger()  # the list comes, and the message over it
    page = window.list_page
    qtbot.waitUntil(lambda: page.is_loaded and page.model.rowCount() == 1)
    message, totals = window.undo.message, page.totals_label
    qtbot.waitUntil(message.isVisible)
    assert totals.isVisible() and totals.text()
    host = message.parentWidget()
    top_of_totals = totals.mapTo(host, totals.rect().topLeft()).y()
    assert message.geometry().bottom() < top_of_totals, (message.geometry(), top_of_totals)
    window.resize(1200, 700)  # placed again with the window
    qtbot.waitUntil(lambda: message.geometry().bottom() < totals.mapTo(host, totals.rect().topLeft()).y())
