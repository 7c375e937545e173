"""Aiuto ▸ Informazioni su Tutor: one version (the package's), the licence, the notices the LGPL asks for."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import pytest

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from tests.ui.conftest import OpenApp
from tutor_app.services.workspace import Workspace
from tutor_app.ui.about_dialog import AboutDialog


def test_about_shows_the_version_the_licence_and_every_notice(qtbot: Any, open_app: OpenApp,
                                                              demo_workspace: Workspace,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_app(demo_workspace).window
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Aiuto").menu()
    about = help_menu.actions()[-1]
    assert about.text() == "Informazioni su Tutor"
    about.trigger()
    [dialog] = shown
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "about_text").text()
    assert f"Versione {version('tutor-app')}" in text
    assert "EUPL-1.2" in text and "LGPL v3" in text and "Licenza Pubblica dell'Unione Europea" in text
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["&Informazioni", "Licenze di &terze parti", "EUPL-1.2", "LGPL-3.0", "GPL-3.0"]
    notices = dialog.findChild(QPlainTextEdit, "notices").toPlainText()
    assert "PySide6" in notices and "GNU Lesser General Public License" in notices
    eupl = dialog.findChild(QPlainTextEdit, "licence_EUPL-1.2").toPlainText()
    assert eupl.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert dialog.findChild(QPlainTextEdit, "licence_LGPL-3.0").toPlainText().startswith(
        "GNU LESSER GENERAL PUBLIC LICENSE")
