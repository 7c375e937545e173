"""What a new user sees said about sync, the server setting, the welcome's language, and the
warnings before an edit: each only what is true."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from PySide6.QtWidgets import QMessageBox

from tests.conftest import TODAY
from tests.ui.conftest import OpenApp
from tutor_app.domain import schema
from tutor_app.domain.enums import Role
from tutor_app.services import dossiers
from tutor_app.services.dossiers import NewInvestor
from tutor_app.services.sync import MemoryCredentials, target_of
from tutor_app.services.sync_profile import remember_target
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import LAST_SYNC
from tutor_app.ui.i18n import Translations
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.settings import Settings
from tutor_app.ui.status_bar import Connection

PROJECT = {"title": "Stabilimento", "kind": "expansion", "sector": "electronics", "function": "production"}
FALSE_STATES = ("offline", "online", "tutto sincronizzato", "mai sincronizzato")


@pytest.fixture
def italian() -> Iterator[None]:
    translations = Translations()
    translations.install("it")
    yield
    translations.uninstall()


def sync_and_wait(qtbot: Any, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        window.sync_action.trigger()


def said(window: MainWindow) -> str:
    return window.status.sync_label.text() + " | " + window.status.summary()


def test_with_no_server_sync_now_offers_to_set_one_up_and_opens_the_settings(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_app(tutor_workspace).window
    qtbot.waitUntil(lambda: window.status.connection is Connection.UNCONFIGURED)
    assert "sincronizzazione non configurata" in said(window)
    assert not any(word in said(window) for word in FALSE_STATES)
    action = window.sync_action
    assert action.isEnabled() and action.text() == "Configura il &server…"  # the home page's words
    assert action.toolTip().startswith("Nessun server impostato") and "Impostazioni" in action.toolTip()
    assert window.status.sync_button.text() == "Configura il server"
    opened: list[bool] = []
    monkeypatch.setattr(window, "open_settings", lambda: opened.append(True))
    action.trigger()
    assert opened == [True] and not window.sync.running  # the settings, not a sync that cannot start
    assert window.status.connection is Connection.UNCONFIGURED
    assert not any(word in said(window) for word in FALSE_STATES)


def test_a_server_set_behind_the_windows_back_is_synced_with_not_set_up_again(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_app(tutor_workspace).window
    qtbot.waitUntil(lambda: window.status.connection is Connection.UNCONFIGURED)
    remember_target(tutor_workspace, "postgresql://127.0.0.1:1/tutor", "mrossi")  # e.g. by the command line
    monkeypatch.setattr(window, "open_settings", lambda: pytest.fail("the settings were opened"))
    window.sync.configure(credentials=MemoryCredentials(), ask_password=lambda _prompt: "pw")
    sync_and_wait(qtbot, window)
    assert window.status.connection is Connection.OFFLINE
    assert window.sync_action.text() == "&Sincronizza ora" and window.sync_action.isEnabled()


def test_a_demo_says_it_does_not_sync(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    qtbot.waitUntil(lambda: window.status.connection is Connection.UNCONFIGURED)
    assert "sincronizzazione non configurata" in said(window) and "offline" not in said(window)
    action = window.sync_action  # nothing to sync with, ever: not a button that only says so once pressed
    assert not action.isEnabled() and not window.status.sync_button.isEnabled()
    assert action.toolTip() == window.status.sync_button.toolTip() == (
        "Un profilo dimostrativo non si sincronizza mai: crea un tuo profilo per sincronizzare.")
    window.open_dossier(window.list_page.model.row_at(0).id)  # nothing waiting, but never synced either
    assert window.dossier_page.saved_label.text() == "nessuna modifica da sincronizzare"


def test_a_server_set_but_never_synced_says_never_synced_not_offline(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    remember_target(tutor_workspace, "postgresql://db.regione.lombardia.it:5432/tutor", "mrossi")
    window = open_app(tutor_workspace).window
    window.sync.shutdown()  # no background sync in this test: only what the bar says at the start
    qtbot.waitUntil(lambda: window.status.last_sync_known)
    assert window.status.connection is Connection.IDLE
    assert "mai sincronizzato" in said(window)
    assert not any(word in said(window) for word in ("offline", "online", "non configurata"))


def test_an_unreachable_server_is_said_offline_and_no_password_is_asked(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    remember_target(tutor_workspace, "postgresql://127.0.0.1:1/tutor", "mrossi")  # nobody listens there
    window = open_app(tutor_workspace).window
    asked: list[str] = []
    window.sync.configure(credentials=MemoryCredentials(), ask_password=lambda prompt: asked.append(prompt) or "pw")
    sync_and_wait(qtbot, window)
    assert asked == []  # the server never answered: a password could not help
    assert window.status.connection is Connection.OFFLINE
    assert "non è raggiungibile" in window.status.problem
    assert "offline · mai sincronizzato" in said(window)


def test_the_last_sync_is_said_when_there_was_one(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace) -> None:
    remember_target(tutor_workspace, "postgresql://db.regione.lombardia.it:5432/tutor", "mrossi")
    with tutor_workspace.store.write() as w:
        LAST_SYNC.set(w.conn, "2026-11-20T08:30:00.000000Z")
    window = open_app(tutor_workspace).window
    window.sync.shutdown()
    qtbot.waitUntil(lambda: window.status.last_sync_known)
    assert "ultima sincronizzazione 20/11/2026" in said(window) and "mai" not in said(window)


def test_the_server_setting_takes_a_host_name_and_shows_port_database_and_tls(
    qtbot: Any, ui_settings: Settings, tutor_workspace: Workspace, italian: None
) -> None:
    from tutor_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ui_settings, None, ws=tutor_workspace)
    qtbot.addWidget(dialog)
    assert (dialog.port.line.text(), dialog.database.line.text()) == ("5432", "tutor")
    qtbot.keyClicks(dialog.server_url, "db.regione.lombardia.it")
    assert dialog.address.text() == ("Indirizzo: postgresql://db.regione.lombardia.it:5432/tutor\n"
                                     "Connessione: cifrata, identità del server verificata")
    assert dialog.address.toolTip() == "Modalità TLS, per l'IT: verify-full"
    dialog.accept()
    assert dialog.user.has_error and dialog.user.error.text() == "Campo obbligatorio." and not dialog.result()
    qtbot.keyClicks(dialog.user_name, "mrossi")
    dialog.port.line.setText("65536")
    dialog.accept()
    assert dialog.port.has_error and "65535" in dialog.port.error.text() and not dialog.result()
    dialog.port.line.setText("6432")
    dialog.database.line.setText("tutor_lombardia")
    dialog.accept()
    assert dialog.result() and dialog.server_changed
    target = target_of(tutor_workspace)
    assert (target.url, target.user) == ("postgresql://db.regione.lombardia.it:6432/tutor_lombardia", "mrossi")

    again = SettingsDialog(ui_settings, None, ws=tutor_workspace)  # shown taken apart next time
    qtbot.addWidget(again)
    assert (again.server_url.text(), again.port.line.text(), again.database.line.text(), again.user_name.text()) == (
        "db.regione.lombardia.it", "6432", "tutor_lombardia", "mrossi")
    again.accept()
    assert not again.server_changed  # nothing changed: nothing written, no sync started


def test_a_pasted_address_is_taken_apart(
    qtbot: Any, ui_settings: Settings, tutor_workspace: Workspace, italian: None
) -> None:
    from tutor_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ui_settings, None, ws=tutor_workspace)
    qtbot.addWidget(dialog)
    dialog.server_url.setText("postgresql://lbianchi@db.example:6000/regione")
    dialog.accept()
    assert dialog.result()
    assert (target_of(tutor_workspace).url, target_of(tutor_workspace).user) == (
        "postgresql://db.example:6000/regione", "lbianchi")


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_welcome_speaks_the_language_chosen_on_it(
    qtbot: Any, workspace: Workspace, ui_settings: Settings, lang: str
) -> None:
    from tutor_app.ui.welcome import WelcomeDialog

    translations = Translations()
    translations.install("it" if lang == "en" else "en")

    def choose(code: str) -> None:
        ui_settings.language_choice = code
        translations.install(code)

    try:
        dialog = WelcomeDialog(workspace, language=translations.language, on_language=choose)
        qtbot.addWidget(dialog)
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        expected = {"en": ("Welcome to Tutor", "&Create my profile"),
                    "it": ("Benvenuto in Tutor", "&Crea il mio profilo")}
        assert (dialog.title.text(), dialog.create_button.text()) == expected[lang]
        assert ui_settings.language_choice == lang and translations.language == lang
    finally:
        translations.uninstall()


def _another_tutor(ws: Workspace, project_id: str, name: str) -> None:
    with ws.store.write() as w:  # as a sync brings them: Anna's record and her assignment
        anna = w.create(schema.TUTORS, schema.TUTORS.validate(
            {"name": name, "role": Role.PROJECT_TUTOR, "initials": "ABI"}, creating=True))
        w.create(schema.ASSIGNMENTS, schema.ASSIGNMENTS.validate(
            {"project_id": project_id, "tutor_id": anna, "role": Role.PROJECT_TUTOR}, creating=True),
            row_id=schema.assignment_id(project_id, anna))


def test_a_dossier_followed_by_another_tutor_and_a_stale_copy_are_said_before_an_edit(
    qtbot: Any, open_app: OpenApp, workspace: Workspace
) -> None:
    ws = workspace
    ws.create_profile("Lucia Verdi", "l.verdi@example.it")
    mine = dossiers.create_dossier(ws, investor=NewInvestor({"name": "Acme", "country": "FR"}), **PROJECT)
    with ws.store.write() as w:  # Anna's dossier, which Lucia sees as a regional tutor would
        investor = w.create(schema.INVESTORS, schema.INVESTORS.validate({"name": "Beta", "country": "DE"},
                                                                        creating=True))
    hers = dossiers.create_project(ws, investor_id=investor, **PROJECT)
    with ws.store.write() as w:
        w.delete(schema.ASSIGNMENTS, schema.assignment_id(hers, str(ws.tutor_id)))
    _another_tutor(ws, hers, "Anna Bianchi")
    window = open_app(ws).window
    window.open_dossier(mine)
    assert window.dossier_page.warnings.isHidden()  # mine, and the profile does not sync
    window.open_dossier(hers)
    strip = window.dossier_page.warnings
    assert strip.isVisibleTo(window) and "Dossier seguito da Anna Bianchi" in strip.text.text()

    remember_target(ws, "postgresql://db.regione.lombardia.it:5432/tutor", "lverdi")
    last = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC) - timedelta(days=12)
    with ws.store.write() as w:
        LAST_SYNC.set(w.conn, schema.iso_instant(last))
    window.open_dossier(mine)
    assert strip.isVisibleTo(window) and "Ultimo aggiornamento dal server 12 giorni fa" in strip.text.text()
    assert "seguito da" not in strip.text.text()
    with ws.store.write() as w:
        LAST_SYNC.set(w.conn, schema.iso_instant(last + timedelta(days=8)))  # four days: recent enough
    window.open_dossier(mine)
    assert strip.isHidden()


def test_renaming_an_investor_of_several_dossiers_says_how_many_and_asks(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, monkeypatch: Any
) -> None:
    ws = tutor_workspace
    first = dossiers.create_dossier(ws, investor=NewInvestor({"name": "Rossi S.p.A.", "country": "IT"}), **PROJECT)
    investor = str(dossiers.get_dossier(ws, first).investor["id"])
    for title in ("Magazzino", "Laboratorio"):
        dossiers.create_dossier(ws, investor=investor, **{**PROJECT, "title": title})
    window = open_app(ws).window
    window.open_dossier(first)
    overview = window.dossier_page.overview
    assert overview.shared_investor.isVisibleTo(window) and "3 dossier" in overview.shared_investor.text()
    questions: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def ask(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> QMessageBox.StandardButton:
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(ask))
    name = overview.investor.fields["name"]
    name.line.setText("Rossi Group S.p.A.")  # type: ignore[attr-defined]
    name.line.setModified(True)  # type: ignore[attr-defined]
    name.line.editingFinished.emit()  # type: ignore[attr-defined]
    assert questions == ["Rossi S.p.A. è l'investitore di 3 dossier che vedi. Rinominarlo in Rossi Group S.p.A. "
                         "in tutti?"]
    assert name.value() == "Rossi S.p.A." and dossiers.get_dossier(ws, first).investor["name"] == "Rossi S.p.A."
    answer[0] = QMessageBox.StandardButton.Yes
    name.line.setText("Rossi Group S.p.A.")  # type: ignore[attr-defined]
    name.line.setModified(True)  # type: ignore[attr-defined]
    name.line.editingFinished.emit()  # type: ignore[attr-defined]
    assert dossiers.get_dossier(ws, first).investor["name"] == "Rossi Group S.p.A."
    # a sector changes without a question (the strip said it changes in all of them)
    overview.investor.fields["sector"].combo.setCurrentIndex(1)  # type: ignore[attr-defined]
    assert len(questions) == 2
