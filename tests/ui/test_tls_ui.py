"""The desktop refuses a server address that asks for weaker TLS than allowed, in the user's words."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import OpenApp
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SERVER_URL, USER_NAME, set_state

WEAK = "postgresql://server.regione.it/tutor?sslmode=disable"


def test_the_settings_refuse_an_address_asking_for_weaker_tls_and_say_why(
    qtbot: Any, ui_settings: Any, tutor_workspace: Workspace, speaking: Any
) -> None:
    from tutor_app.ui.settings_dialog import SettingsDialog

    speaking("it")  # the sentence in Italian whatever the machine's locale or the tests before left behind
    dialog = SettingsDialog(ui_settings, None, ws=tutor_workspace)
    qtbot.addWidget(dialog)
    dialog.server_url.setText(WEAK)
    dialog.user_name.setText("mario")
    dialog.accept()
    assert not dialog.server_changed and dialog.server_error.isVisibleTo(dialog)
    assert "sslmode=disable" in dialog.server_error.text() and "più debole" in dialog.server_error.text()
    assert tutor_workspace.store.state(SERVER_URL) is None


def test_sync_with_a_remembered_weak_address_stops_with_the_sentence(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    with tutor_workspace.store.write() as w:  # remembered before Tutor refused such addresses
        set_state(w.conn, SERVER_URL, WEAK)
        set_state(w.conn, USER_NAME, "mario")
    window = open_app(tutor_workspace).window
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        window.sync_action.trigger()
    assert "sslmode=disable" in window.status.problem and "più debole di verify-full" in window.status.problem


def test_the_settings_say_the_tls_mode_in_words_and_keep_the_mode_for_it_in_the_tooltip(
    qtbot: Any, ui_settings: Any, tutor_workspace: Workspace, speaking: Any
) -> None:
    from tutor_app.ui.settings_dialog import SettingsDialog

    speaking("it")
    dialog = SettingsDialog(ui_settings, None, ws=tutor_workspace)
    qtbot.addWidget(dialog)
    dialog.server_url.setText("127.0.0.1")  # loopback: the address's own mode, "prefer" by default
    assert dialog.address.text().splitlines() == ["Indirizzo: postgresql://127.0.0.1:5432/tutor",
                                                  "Connessione: cifrata se il server lo consente"]
    assert dialog.address.toolTip() == "Modalità TLS, per l'IT: prefer"
    dialog.server_url.clear()
    assert dialog.address.text() == "Nessun server: questo profilo non si sincronizza." and not dialog.address.toolTip()


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_tls_mode_has_its_own_words_in_both_languages(speaking: Any, lang: str) -> None:
    from tutor_app.sync.tls import SSLMODES
    from tutor_app.ui.settings_dialog import tls_words

    speaking(lang)
    words = {mode: tls_words(mode) for mode in SSLMODES}
    assert len(set(words.values())) == len(SSLMODES)
    for mode, said in words.items():
        assert not any(raw in said for raw in ("verify", "prefer", "require", "disable", "allow", "TLS")), (mode, said)
        assert ("cifrata" in said) is (lang == "it"), said
