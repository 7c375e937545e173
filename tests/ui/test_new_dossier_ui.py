"""A tutor's first day, driven with the keyboard: an empty profile says what to do next, Ctrl+N
makes a dossier (a new investor, or one found as its name is typed), the dossier opens at once,
and after a restart it is still there."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import TODAY
from tests.sync.helpers import Client, TestServer
from tests.ui.conftest import OpenApp, wait_loaded
from tutor_app.services import dossiers, investors
from tutor_app.services.workspace import Workspace
from tutor_app.ui.app import TutorApp
from tutor_app.ui.new_dossier import FIND, NEW, STEP_INVESTOR, STEP_PROJECT, NewDossierDialog
from tutor_app.ui.settings import Settings


def with_dialog(qtbot: Any, drive: Callable[[NewDossierDialog], None]) -> list[BaseException]:
    """Run ``drive`` on the new-dossier dialog once it is up (it runs modal, as the user sees it)."""
    errors: list[BaseException] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewDossierDialog):
            QTimer.singleShot(10, step)
            return
        try:
            dialog.activateWindow()  # as the window manager does for a new dialog
            qtbot.waitUntil(dialog.isActiveWindow, timeout=2_000)
            drive(dialog)
        except BaseException as exc:  # reported by the test, not lost inside the event loop
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(0, step)
    return errors


def new_investor_dialog(qtbot: Any, window: Any, name: str, country: str) -> NewDossierDialog:
    """The dialog on its new-investor form, with a name typed and a country chosen."""
    dialog = NewDossierDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_new_investor()
    type_into(qtbot, dialog.investor_fields["name"].editor, name)
    dialog.investor_fields["country"].set_value(country)
    return dialog


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def tab(qtbot: Any, times: int = 1) -> QWidget:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_an_empty_profile_says_what_to_do_next_not_a_page_of_zeros(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    window = open_app(tutor_workspace).window
    home = window.home
    assert home.is_empty
    assert home.start.isVisibleTo(window) and not home.dashboard.isVisibleTo(window)
    assert not home.start.demo_button.isHidden() and not home.start.server_button.isHidden()
    assert "server" in home.start.server_button.text().lower()
    window.show_list()
    assert window.list_page.body.currentWidget().objectName() == "emptyList"
    assert QApplication.focusWidget() is window.list_page.empty_new_button


def test_the_demo_from_an_empty_home_is_a_process_of_its_own(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, monkeypatch: Any
) -> None:
    from tutor_app.ui import demo_launch

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(demo_launch, "_start_detached", lambda program, args: started.append((program, args)) or True)
    window = open_app(tutor_workspace).window
    window.home.start.demo_button.click()
    [(program, arguments)] = started
    assert (program, arguments) == (sys.executable, ["-m", "tutor_app", "--demo"])  # no --profile, no --db
    assert window.ctx.ws is tutor_workspace and dossiers.list_dossiers(tutor_workspace) == []  # nothing mixed in


def test_ctrl_n_makes_a_dossier_with_a_new_investor_by_keyboard_and_it_survives_a_restart(
    qtbot: Any, tmp_path: Path, ui_settings: Settings
) -> None:
    path = tmp_path / "laptop.sqlite3"
    ws = Workspace.open(db=path, today=lambda: TODAY)
    ws.create_profile("Maria Rossi", "maria.rossi@example.it")
    app = TutorApp(ui_settings)
    window = app.open_workspace(ws)
    wait_loaded(qtbot, window)
    assert window.new_dossier_action.shortcut().toString() == "Ctrl+N"

    def drive(dialog: NewDossierDialog) -> None:
        assert QApplication.focusWidget() is dialog.search
        type_into(qtbot, dialog.search, "Nordpharma GmbH")
        assert dialog.model.rowCount() == 0
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # nothing found: Enter starts a new investor
        assert dialog.investor_views.currentIndex() == NEW
        name = dialog.investor_fields["name"]
        assert QApplication.focusWidget() is name.editor and name.value() == "Nordpharma GmbH"
        country = tab(qtbot)
        assert country is dialog.investor_fields["country"].editor or country.parent() is \
            dialog.investor_fields["country"].editor
        dialog.investor_fields["country"].combo.setCurrentIndex(  # type: ignore[attr-defined]
            dialog.investor_fields["country"].combo.findData("DE"))  # type: ignore[attr-defined]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Next
        assert dialog.pages.currentIndex() == STEP_PROJECT
        title = dialog.project_fields["title"].editor
        assert QApplication.focusWidget() is title
        type_into(qtbot, title, "Stabilimento di Lodi")
        capex = dialog.project_fields["capex_cents"].editor
        capex.setFocus()
        type_into(qtbot, capex, "12.500.000")
        qtbot.keyClick(capex, Qt.Key.Key_Return)  # Create dossier

    errors = with_dialog(qtbot, drive)
    window.new_dossier_action.trigger()  # Ctrl+N
    assert errors == []
    project_id = window.open_dossier_id
    assert project_id is not None and window.stack.currentWidget() is window.dossier_page  # opened at once
    d = dossiers.get_dossier(ws, project_id)
    assert (d.project["title"], d.project["capex_cents"], d.investor["name"], d.investor["country"]) == (
        "Stabilimento di Lodi", 1_250_000_000, "Nordpharma GmbH", "DE")
    assert d.tutors == (("Maria Rossi", "project_tutor"),) and d.permits  # mine, with its checklist
    assert window.dossier_page.title.full_text() == "Stabilimento di Lodi"
    qtbot.waitUntil(lambda: window.list_page.model.position_of(project_id) is not None, timeout=5_000)
    window.show_home()
    qtbot.waitUntil(lambda: not window.home.is_empty and window.home.dashboard.isVisibleTo(window), timeout=5_000)
    assert window.home.date_label.text() == "Oggi è il 25/11/2026 · 1 dossier seguito"
    app.tasks.wait_idle()
    app.close()

    again = Workspace.open(db=path, today=lambda: TODAY)
    app2 = TutorApp(Settings(tmp_path / "desktop.ini"))
    window2 = app2.open_workspace(again)
    wait_loaded(qtbot, window2)
    try:
        window2.focus_search()
        qtbot.keyClicks(window2.list_page.search, "lodi")
        assert [window2.list_page.model.row_at(n).id for n in range(window2.list_page.model.rowCount())] == [
            project_id]
        qtbot.keyClick(window2.list_page.search, Qt.Key.Key_Return)
        assert window2.open_dossier_id == project_id
    finally:
        app2.tasks.wait_idle()
        app2.close()


def test_an_investor_found_as_its_name_is_typed_is_taken_with_enter(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    ws = tutor_workspace
    for name, country in (("Siemens AG", "DE"), ("Siemens Healthineers", "DE"), ("Bosch", "DE")):
        dossiers.create_investor(ws, name=name, country=country, sector="electronics")
    window = open_app(ws).window

    def drive(dialog: NewDossierDialog) -> None:
        type_into(qtbot, dialog.search, "siemens")
        assert [dialog.model.row_at(n).name for n in range(dialog.model.rowCount())] == [
            "Siemens AG", "Siemens Healthineers"]
        qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # into the list
        assert QApplication.focusWidget() is dialog.table
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Siemens Healthineers
        assert dialog.pages.currentIndex() == STEP_PROJECT
        assert "Siemens Healthineers" in dialog.investor_summary.text()
        assert dialog.project_fields["sector"].value() == "electronics"  # the investor's, to start from
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Create with no title
        assert dialog.project_fields["title"].has_error
        assert dialog.project_fields["title"].error.text() == "Campo obbligatorio."
        assert QApplication.focusWidget() is dialog.project_fields["title"].editor
        type_into(qtbot, dialog.project_fields["title"].editor, "Centro di diagnostica")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    errors = with_dialog(qtbot, drive)
    created = window.new_dossier()
    assert errors == [] and created is not None
    d = dossiers.get_dossier(ws, created)
    assert d.investor["name"] == "Siemens Healthineers" and d.project["sector"] == "electronics"
    assert len({c["id"] for c in [dict(r) for r in dossiers.investors(ws)]}) == 3  # no investor made


def test_a_new_investor_like_one_here_is_pointed_out_and_can_be_used(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    ws = tutor_workspace
    existing = dossiers.create_investor(ws, name="Rossi S.p.A.", country="IT")
    window = open_app(ws).window
    dialog = new_investor_dialog(qtbot, window, "rossi  spa", "IT")
    dialog.go_next()
    assert dialog.pages.currentIndex() == STEP_INVESTOR and dialog.duplicate.isVisibleTo(dialog)
    assert "Rossi S.p.A." in dialog.duplicate_label.text()
    dialog.use_existing_button.click()
    assert dialog.pages.currentIndex() == STEP_PROJECT and dialog.chosen is not None
    assert dialog.chosen.id == existing
    # and one who wants a second record all the same presses Next again
    dialog.go_back()
    dialog.start_new_investor()
    dialog.go_next()
    assert dialog.pages.currentIndex() == STEP_PROJECT and dialog.chosen is None


def test_a_refused_contact_is_said_under_its_field_on_the_investor_step(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    ws = tutor_workspace
    window = open_app(ws).window
    dialog = new_investor_dialog(qtbot, window, "Acme", "FR")
    dialog.add_contact_row()  # an empty first row is skipped; the second is refused
    type_into(qtbot, dialog.contacts[1]["name"].editor, "Ada Martin")
    type_into(qtbot, dialog.contacts[1]["email"].editor, "ada@")
    dialog.go_next()
    assert dialog.pages.currentIndex() == STEP_INVESTOR
    email = dialog.contacts[1]["email"]
    assert email.has_error and email.error.text() == "Inserisci un indirizzo e-mail valido."
    assert not dialog.contacts[0]["email"].has_error
    email.line.setText("ada.martin@acme.example")  # type: ignore[attr-defined]
    dialog.go_next()
    assert dialog.pages.currentIndex() == STEP_PROJECT
    type_into(qtbot, dialog.project_fields["title"].editor, "Hub logistico")
    dialog.create_dossier()
    assert dialog.created_id is not None
    assert [c.name for c in dossiers.get_dossier(ws, dialog.created_id).contacts] == ["Ada Martin"]


def test_the_investor_matches_model_passes_the_model_tester(
    qtbot: Any, qtmodeltester: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    dossiers.create_investor(tutor_workspace, name="Siemens AG", country="DE")
    window = open_app(tutor_workspace).window
    dialog = NewDossierDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    qtmodeltester.check(dialog.model)
    dialog.search.setText("zzz")
    qtmodeltester.check(dialog.model)
    assert dialog.investor_views.currentIndex() == FIND


@pytest.mark.parametrize(("lang", "said"), [
    ("it", "Inserisci un importo in euro, ad es. 1.250.000."),
    ("en", "Enter an amount in euro, e.g. 1,250,000."),
])
def test_a_bad_amount_is_explained_with_an_example_in_the_windows_number_format(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, ui_settings: Settings, lang: str, said: str
) -> None:
    """The English window writes €12,500,000: its example is 1,250,000, not the Italian 1.250.000."""
    ui_settings.language_choice = lang
    window = open_app(tutor_workspace, ui_settings).window
    dialog = new_investor_dialog(qtbot, window, "Nordpharma GmbH", "DE")
    dialog.go_next()
    assert dialog.pages.currentIndex() == STEP_PROJECT
    dialog.project_fields["title"].editor.setText("Stabilimento di Lodi")  # type: ignore[attr-defined]
    dialog.project_fields["capex_cents"].editor.setText("tanti soldi")  # type: ignore[attr-defined]
    dialog.create_dossier()
    capex = dialog.project_fields["capex_cents"]
    assert capex.has_error and capex.error.text() == said
    assert dossiers.list_dossiers(tutor_workspace) == []


@pytest.mark.postgres
def test_a_dossier_made_in_the_dialog_reaches_the_server_with_its_investor_contacts_and_tutor(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    mario = clients["mario"]
    window = open_app(mario.ws).window
    dialog = new_investor_dialog(qtbot, window, "Nordpharma GmbH", "DE")
    type_into(qtbot, dialog.contacts[0]["name"].editor, "Jana Weber")
    dialog.go_next()
    type_into(qtbot, dialog.project_fields["title"].editor, "Stabilimento di Lodi")
    dialog.create_dossier()
    project = dialog.created_id
    assert project is not None
    report = mario.sync()  # as the desktop's sync does: nothing refused, nothing left waiting
    assert not report.rejected and not mario.outbox()
    on_server = server.dump("projects")[project]
    assert on_server["title"] == "Stabilimento di Lodi"
    investor = server.dump("investors")[on_server["investor_id"]]
    assert investor["name"] == "Nordpharma GmbH"
    assert [c["name"] for c in server.dump("contacts").values() if c["investor_id"] == investor["id"]] == ["Jana Weber"]
    [assignment] = [a for a in server.dump("assignments").values() if a["project_id"] == project]
    assert assignment["tutor_id"] == mario.ws.tutor_id and assignment["role"] == "project_tutor"
    assert len([p for p in server.dump("permit_items").values() if p["project_id"] == project]) == len(
        dossiers.get_dossier(mario.ws, project).permits)


def test_closing_the_dialog_with_something_typed_asks_first(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = open_app(tutor_workspace).window
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    empty = NewDossierDialog(window.ctx, window)
    qtbot.addWidget(empty)
    empty.show()
    type_into(qtbot, empty.search, "Nordpharma")  # a search is no typed data
    empty.cancel_button.click()
    assert asked == [] and not empty.isVisible()
    dialog = new_investor_dialog(qtbot, window, "Nordpharma GmbH", "DE")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Chiudere senza creare il dossier? Ciò che hai scritto va perso."]
    assert dialog.isVisible() and dialog.investor_fields["name"].value() == "Nordpharma GmbH"
    answer[0] = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.created_id is None


def test_file_new_investor_makes_an_investor_with_its_contacts_and_new_dossier_finds_it(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    ws = tutor_workspace
    dossiers.create_investor(ws, name="Rossi S.p.A.", country="IT")
    window = open_app(ws).window
    assert window.new_investor_action.text() == "Nuovo in&vestitore…"
    made: list[str | None] = []

    def drive(dialog: NewDossierDialog) -> None:
        assert dialog.investor_only and dialog.windowTitle() == "Nuovo investitore"
        assert dialog.investor_views.currentIndex() == NEW and not dialog.next_button.isVisible()
        assert dialog.create_button.isVisible() and dialog.create_button.text() == "&Crea investitore"
        assert QApplication.focusWidget() is dialog.investor_fields["name"].editor
        type_into(qtbot, dialog.investor_fields["name"].editor, "rossi spa")
        dialog.investor_fields["country"].set_value("IT")
        type_into(qtbot, dialog.contacts[0]["name"].editor, "Ada Rossi")
        dialog.create_button.click()  # the same company twice is pointed out first
        assert dialog.created_id is None and dialog.duplicate.isVisible()
        assert "Rossi S.p.A." in dialog.duplicate_label.text() and not dialog.use_existing_button.isVisible()
        dialog.investor_fields["name"].editor.selectAll()
        type_into(qtbot, dialog.investor_fields["name"].editor, "Bianchi GmbH")
        dialog.investor_fields["country"].set_value("DE")
        dialog.create_button.click()

    errors = with_dialog(qtbot, drive)
    made.append(window.new_investor())
    assert not errors, errors
    [investor_id] = made
    assert investor_id is not None
    [choice] = [c for c in investors.investor_choices(ws) if c.id == investor_id]
    assert (choice.name, choice.country, choice.dossiers) == ("Bianchi GmbH", "DE", 0)
    with ws.store.read() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT name FROM contacts WHERE investor_id = :i AND deleted = 0"),
                            {"i": investor_id}).scalars().all() == ["Ada Rossi"]
    found = NewDossierDialog(window.ctx, window)  # and the next dossier finds it as it is typed
    qtbot.addWidget(found)
    type_into(qtbot, found.search, "bianchi")
    assert found.model.rowCount() == 1 and found.model.row_at(0).id == investor_id
