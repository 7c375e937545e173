"""What a tutor does, driven through the widgets: find a dossier, record a meeting with action
items, tick a permit, write an aftercare note, switch language, restart and find it all."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.ui.conftest import OpenApp, wait_loaded
from tutor_app.services import demo, dossiers, search
from tutor_app.services.workspace import Workspace
from tutor_app.ui.app import TutorApp
from tutor_app.ui.dossier.page import DossierPage
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.models.dossier_tables import COL_A_DONE
from tutor_app.ui.settings import Settings


def open_first_dossier(qtbot: Any, window: MainWindow, text: str) -> DossierPage:
    """Search for a dossier and open it with Enter, as a tutor would."""
    window.focus_search()
    qtbot.keyClicks(window.list_page.search, text)
    assert window.list_page.model.rowCount() >= 1
    qtbot.keyClick(window.list_page.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.dossier_page
    return window.dossier_page


def test_the_list_filters_as_you_type_and_by_facet(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = window.list_page
    assert page.model.rowCount() == 40
    assert "40 dossier" in page.count_label.text()
    target = page.model.row_at(7)
    qtbot.keyClicks(page.search, target.code)
    assert [page.model.row_at(n).id for n in range(page.model.rowCount())] == [target.id]
    page.search.clear()
    qtbot.keyClicks(page.search, "zzzz nessun progetto")
    assert page.model.rowCount() == 0
    page.clear_filters()
    page.phase_filter.setCurrentIndex(page.phase_filter.findData("permitting"))
    shown = [page.model.row_at(n) for n in range(page.model.rowCount())]
    assert shown and all(r.phase == "permitting" for r in shown)
    page.overdue_filter.setChecked(True)
    assert all(page.model.row_at(n).overdue_permits for n in range(page.model.rowCount()))


def test_full_text_matches_arrive_from_the_index(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = window.list_page
    word = "cronoprogramma"  # in decisions of the demo minutes, never in a title or a company name
    expected = search.matching_project_ids(demo_workspace, word)
    assert expected, "the demo region should mention the word in some minutes"
    qtbot.keyClicks(page.search, word)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(expected), timeout=5_000)
    assert {page.model.row_at(n).id for n in range(page.model.rowCount())} == expected


def test_editing_a_field_saves_it_and_bad_values_are_explained_next_to_the_field(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace
) -> None:
    window = open_app(demo_workspace).window
    first = window.list_page.model.row_at(0)
    page = open_first_dossier(qtbot, window, first.code)
    title = page.overview.project.fields["title"]
    title.editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(title.editor, "Data center di Pero")
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert dossiers.get_dossier(demo_workspace, first.id).project["title"] == "Data center di Pero"

    capex = page.overview.project.fields["capex_cents"]
    capex.editor.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(capex.editor, "tanti soldi")
    qtbot.keyClick(capex.editor, Qt.Key.Key_Return)
    assert capex.has_error
    assert capex.error.text() == "Inserisci un importo in euro, ad es. 1.250.000."
    assert dossiers.get_dossier(demo_workspace, first.id).project["capex_cents"] == first.capex_cents
    capex.editor.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(capex.editor, "12.500.000")
    qtbot.keyClick(capex.editor, Qt.Key.Key_Return)
    assert not capex.has_error
    assert dossiers.get_dossier(demo_workspace, first.id).project["capex_cents"] == 1_250_000_000
    # the list shows the new title and the pending-sync mark
    window.show_list()
    position = window.list_page.model.position_of(first.id)
    assert position is not None
    assert window.list_page.model.row_at(position).title == "Data center di Pero"
    assert window.list_page.model.row_at(position).pending_changes > 0


def test_record_a_meeting_with_decisions_and_action_items(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace
) -> None:
    window = open_app(demo_workspace).window
    target = window.list_page.model.row_at(3)
    page = open_first_dossier(qtbot, window, target.code)
    before = len(dossiers.get_dossier(demo_workspace, target.id).meetings)
    window.new_meeting_action.trigger()  # Ctrl+Shift+M
    assert page.current_tab() == "timeline"
    editor = page.timeline.editor
    assert editor.meeting_id is None  # a draft until something is typed
    place = editor.binder.fields["place"].editor
    qtbot.keyClicks(place, "Agrate Brianza, stabilimento")
    qtbot.keyClick(place, Qt.Key.Key_Return)
    assert editor.meeting_id is not None
    decisions = editor.binder.fields["decisions"].editor
    qtbot.keyClicks(decisions, "Approvato il cronoprogramma")
    qtbot.keyClick(decisions, Qt.Key.Key_Return)
    qtbot.keyClicks(decisions, "AUA da presentare entro dicembre")
    editor.flush()
    for text, owner in (("Inviare la documentazione AUA", "ARPA"), ("Convocare il tavolo tecnico", "Comune")):
        qtbot.keyClicks(editor.new_action_text, text)
        qtbot.keyClicks(editor.new_action_owner, owner)
        qtbot.keyClicks(editor.new_action_due, "15/12/2026")
        qtbot.keyClick(editor.new_action_due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.action_model.rowCount() == 2)
    # tick the first action done, as the check box in the table does
    assert editor.action_model.setData(
        editor.action_model.index(0, COL_A_DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: any(a.done for a in editor.action_model.rows))

    stored = dossiers.get_dossier(demo_workspace, target.id)
    assert len(stored.meetings) == before + 1
    meeting = next(m for m in stored.meetings if m.id == editor.meeting_id)
    assert meeting.place == "Agrate Brianza, stabilimento"
    assert meeting.decisions == "Approvato il cronoprogramma\nAUA da presentare entro dicembre"
    assert sorted((a.text, a.owner, a.due_on, a.done) for a in meeting.actions) == [
        ("Convocare il tavolo tecnico", "Comune", date(2026, 12, 15), False),
        ("Inviare la documentazione AUA", "ARPA", date(2026, 12, 15), True),
    ]
    assert "1 azione aperta" in page.timeline.summary.text() or "azioni aperte" in page.timeline.summary.text()


def test_an_action_due_before_the_meeting_is_refused_with_a_message(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace
) -> None:
    window = open_app(demo_workspace).window
    page = open_first_dossier(qtbot, window, window.list_page.model.row_at(5).code)
    page.new_meeting()
    editor = page.timeline.editor
    qtbot.keyClicks(editor.new_action_text, "Troppo tardi")
    qtbot.keyClicks(editor.new_action_due, "01/01/2020")
    qtbot.keyClick(editor.new_action_due, Qt.Key.Key_Return)
    assert editor.action_error.isVisibleTo(page)
    assert editor.action_error.text() == "La scadenza è precedente alla riunione."


def test_tick_a_permit_as_submitted_starts_its_legal_clock(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace
) -> None:
    window = open_app(demo_workspace).window
    rows = window.list_page.model.index_data.rows
    target = next(r for r in rows if r.phase in ("lead", "assistance"))
    window.open_dossier(target.id, "permits")
    tab = window.dossier_page.permits
    permit = next(p for p in tab.model.rows if p.status == "to_do" and p.time_limit_days)
    tab.view.selectRow(tab.model.row_of(permit.id) or 0)
    assert tab.permit_id == permit.id
    status = tab.binder.fields["status"].editor
    status.setCurrentIndex(status.findData("submitted"))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "Scadenza di legge" in tab.clock_label.text())
    stored = next(p for p in dossiers.get_dossier(demo_workspace, target.id).permits if p.id == permit.id)
    assert stored.status == "submitted" and stored.submitted_on == TODAY
    assert tab.binder.fields["submitted_on"].editor.text() == "25/11/2026"  # type: ignore[attr-defined]


def test_add_a_permit_from_the_catalogue(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    from tutor_app.ui.dossier.permits import AddPermitDialog

    window = open_app(demo_workspace).window
    target = window.list_page.model.row_at(2)
    window.open_dossier(target.id, "permits")
    dialog = AddPermitDialog(window.ctx, target.id, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("PDC"))
    assert dialog.authority.text() == "Comune (SUE/SUAP)"
    dialog._create()
    assert dialog.created_id
    assert any(
        p.id == dialog.created_id and p.permit_code == "PDC"
        for p in dossiers.get_dossier(demo_workspace, target.id).permits
    )
    custom = AddPermitDialog(window.ctx, target.id, window)
    custom.kind.setCurrentIndex(custom.kind.findData("CUSTOM"))
    custom._create()
    assert custom.error.isVisibleTo(custom) and custom.created_id is None  # a custom permit needs a name


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_permit_types_are_listed_by_acronym_and_name_without_the_catalogues_codes(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Any, lang: str
) -> None:
    from tutor_app.domain.permit_catalogue import CUSTOM_CODE, catalogue
    from tutor_app.ui.dossier.permits import AddPermitDialog

    ui_settings.language_choice = lang
    window = open_app(demo_workspace, ui_settings).window
    dialog = AddPermitDialog(window.ctx, window.list_page.model.row_at(0).id, window)
    qtbot.addWidget(dialog)
    texts = [dialog.kind.itemText(n) for n in range(dialog.kind.count())]
    listed = {dialog.kind.itemData(n): dialog.kind.itemText(n) for n in range(dialog.kind.count())}
    assert listed.pop(CUSTOM_CODE) == ("Titolo personalizzato…" if lang == "it" else "Custom permit…")
    assert listed == {code: permit.label(lang) for code, permit in catalogue().items()}
    assert texts[:-1] == sorted(texts[:-1], key=str.casefold)  # in the order read: typing "AUA" finds it
    assert not any("(" + code + ")" in text for code in catalogue() for text in listed.values())
    assert listed["AUA"] == ("AUA — Autorizzazione unica ambientale" if lang == "it"
                             else "AUA — Single environmental permit")
    assert listed["PDC"] == ("PdC — Permesso di costruire" if lang == "it" else "PdC — Building permit")
    # no acronym: the name alone
    assert listed["STRUTT"] == ("Autorizzazione / deposito sismico" if lang == "it" else "Structural/seismic filing")
    # the item keeps the catalogue's name: the acronym is the client's word, never stored
    dialog.kind.setCurrentIndex(dialog.kind.findData("AUA"))
    assert dialog.name.text() == catalogue()["AUA"].name(lang)


def test_write_an_aftercare_note(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    target = window.list_page.model.row_at(1)
    page = open_first_dossier(qtbot, window, target.code)
    window.new_note_action.trigger()  # Ctrl+Shift+N
    tab = page.aftercare
    assert page.current_tab() == "aftercare" and tab.note_id is None
    text = tab.binder.fields["text"].editor
    qtbot.keyClicks(text, "L'azienda valuta un secondo turno: servono 40 tecnici.")
    tab.flush()
    assert tab.note_id is not None
    topic = tab.binder.fields["topic"].editor
    topic.setCurrentIndex(topic.findData("workforce"))  # type: ignore[attr-defined]
    follow = tab.binder.fields["follow_up_on"].editor
    qtbot.keyClicks(follow, "15/01/2027")
    qtbot.keyClick(follow, Qt.Key.Key_Return)
    note = next(n for n in dossiers.get_dossier(demo_workspace, target.id).notes if n.id == tab.note_id)
    assert (note.topic, note.text, note.noted_on, note.follow_up_on) == (
        "workforce",
        "L'azienda valuta un secondo turno: servono 40 tecnici.",
        TODAY,
        date(2027, 1, 15),
    )


def test_status_bar_counts_the_changes_waiting(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    qtbot.waitUntil(lambda: "nessuna modifica in attesa" in window.status.summary())
    page = open_first_dossier(qtbot, window, window.list_page.model.row_at(0).code)
    field = page.overview.project.fields["municipality"]
    field.editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field.editor, "Vimercate")
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    pending = dossiers.pending_change_count(demo_workspace)
    assert pending >= 1
    # a demo never syncs: the bar says so, never "offline"
    qtbot.waitUntil(lambda: f"sincronizzazione non configurata — {pending} modific" in window.status.summary())
    assert "1 modifica del dossier" in page.saved_label.text()


def test_switching_language_rebuilds_the_window_on_the_same_dossier(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace
) -> None:
    app = open_app(demo_workspace)
    window = app.window
    assert window is not None
    assert window.list_page.search.placeholderText().startswith("Cerca")
    target = window.list_page.model.row_at(0)
    window.open_dossier(target.id, "permits")
    app.set_language("en")
    english = app.window
    assert english is not None and english is not window
    wait_loaded(qtbot, english)
    assert english.dossier_page.dossier is not None and english.dossier_page.dossier.id == target.id
    assert english.dossier_page.current_tab() == "permits"
    assert english.list_page.search.placeholderText().startswith("Search")
    assert english.dossier_page.tabs.tabText(2) == "&Permits"
    phase = english.list_page.model.index(0, 5).data()
    assert phase in {p.label("en") for p in __import__("tutor_app.domain.enums", fromlist=["Phase"]).Phase}
    app.set_language("it")
    assert app.window is not None and app.window.dossier_page.tabs.tabText(2) == "&Titoli abilitativi"


def test_restart_finds_everything_still_there(qtbot: Any, tmp_path: Path, ui_settings: Settings) -> None:
    path = tmp_path / "laptop.sqlite3"
    ws = Workspace.open(db=path, today=lambda: TODAY)
    demo.generate(ws, projects=6, seed=3, meetings_per_project=3)
    app = TutorApp(ui_settings)
    window = app.open_workspace(ws)
    wait_loaded(qtbot, window)
    target = window.list_page.model.row_at(0)
    window.open_dossier(target.id)
    page = window.dossier_page
    page.new_meeting()
    qtbot.keyClicks(page.timeline.editor.binder.fields["minutes"].editor, "Sopralluogo con ARPA e Comune.")
    qtbot.keyClicks(page.timeline.editor.new_action_text, "Inviare la planimetria")
    qtbot.keyClick(page.timeline.editor.new_action_text, Qt.Key.Key_Return)
    page.new_note()
    qtbot.keyClicks(page.aftercare.binder.fields["text"].editor, "Batteria scarica sulla via del ritorno.")
    # The offscreen screen is 800×800: a restored geometry is clamped to it, but not below the
    # window's minimum size (960×560, within a 1366×768 screen at 125 %).
    window.resize(960, 700)
    app.tasks.wait_idle()
    app.close()  # the laptop is closed: workspace and window go; pending text was flushed on close

    again = Workspace.open(db=path, today=lambda: TODAY)
    app2 = TutorApp(Settings(tmp_path / "desktop.ini"))  # the same settings file, read afresh
    window2 = app2.open_workspace(again)
    wait_loaded(qtbot, window2)
    assert (window2.width(), window2.height()) == (960, 700)  # geometry remembered
    window2.open_dossier(target.id, "timeline")
    d = window2.dossier_page.dossier
    assert d is not None
    assert any(
        m.minutes == "Sopralluogo con ARPA e Comune." and [a.text for a in m.actions] == ["Inviare la planimetria"]
        for m in d.meetings
    )
    assert any(n.text == "Batteria scarica sulla via del ritorno." for n in d.notes)
    assert window2.dossier_page.timeline.model.rowCount() == len(d.meetings)
    app2.tasks.wait_idle()
    app2.close()


def test_add_change_and_remove_an_investor_contact(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tutor_app.ui.dossier.contacts import ContactDialog

    window = open_app(demo_workspace).window
    first = window.list_page.model.row_at(0)
    page = open_first_dossier(qtbot, window, first.code)
    box = page.overview.contacts
    investor = str(page.dossier.investor["id"])  # type: ignore[union-attr]
    before = len(dossiers.get_dossier(demo_workspace, first.id).contacts)

    dialog = ContactDialog(window.ctx, first.id, investor, None, box)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["name"].line, "Giorgia Sala")
    qtbot.keyClicks(dialog.fields["email"].line, "non-una-mail")
    dialog.save()
    assert dialog.fields["email"].has_error
    assert dialog.fields["email"].error.text() == "Inserisci un indirizzo e-mail valido."
    assert len(dossiers.get_dossier(demo_workspace, first.id).contacts) == before  # nothing half-saved
    dialog.fields["email"].line.setText("g.sala@esempio.it")
    dialog.save()
    contacts = dossiers.get_dossier(demo_workspace, first.id).contacts
    added = next(c for c in contacts if c.name == "Giorgia Sala")
    assert added.email == "g.sala@esempio.it"

    box.changed.emit()  # what the dialog's acceptance does: the page reloads
    qtbot.waitUntil(lambda: "Giorgia Sala" in box.text.text())
    change = ContactDialog(window.ctx, first.id, investor, added, box)
    qtbot.addWidget(change)
    change.fields["role"].line.setText("Responsabile HR")
    change.save()
    assert next(c for c in dossiers.get_dossier(demo_workspace, first.id).contacts
                if c.id == added.id).role == "Responsabile HR"

    box.changed.emit()
    qtbot.waitUntil(lambda: f"remove:{added.id}" in box.text.text())
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    box.text.linkActivated.emit(f"remove:{added.id}")
    assert all(c.id != added.id for c in dossiers.get_dossier(demo_workspace, first.id).contacts)
