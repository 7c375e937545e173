"""Start-up, first run, errors, settings and the packaged self-test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtGui import QGuiApplication

from tutor_app.domain.errors import DiskFullError, ValidationError
from tutor_app.services.workspace import Workspace
from tutor_app.ui.error_messages import known_error_text
from tutor_app.ui.errors import CrashDialog, setup_logging
from tutor_app.ui.i18n import Translations
from tutor_app.ui.settings import Settings
from tutor_app.ui.welcome import CREATED, WelcomeDialog


def test_first_start_creates_the_profile_and_explains_bad_input(qtbot: Any, workspace: Workspace) -> None:
    translations = Translations()
    translations.install("it")
    try:
        dialog = WelcomeDialog(workspace)
        qtbot.addWidget(dialog)
        dialog.create_button.click()
        assert dialog.name_error.isVisibleTo(dialog)
        assert dialog.name_error.text() == "Campo obbligatorio."
        qtbot.keyClicks(dialog.name, "Maria Rossi")
        qtbot.keyClicks(dialog.email, "non-una-mail")
        dialog.create_button.click()
        assert dialog.email_error.isVisibleTo(dialog) and not workspace.has_profile
        dialog.email.clear()
        qtbot.keyClicks(dialog.email, "maria.rossi@example.it")
        dialog.create_button.click()
        assert dialog.result() == CREATED
        assert workspace.has_profile
    finally:
        translations.uninstall()


def test_the_self_test_passes(qtbot: Any) -> None:
    from tutor_app.ui.self_test import run_self_test

    assert run_self_test() == 0


def test_known_errors_read_as_sentences(qtbot: Any) -> None:
    translations = Translations()
    translations.install("it")
    try:
        assert known_error_text(DiskFullError("/x")).startswith(
            "Il disco che contiene /x è pieno"
        )
        assert known_error_text(ValidationError("title", "is required")) == "Campo obbligatorio."
    finally:
        translations.uninstall()


def test_a_bug_gets_a_dialog_with_copyable_details(qtbot: Any) -> None:
    dialog = CrashDialog("Traceback: KeyError('x')")
    qtbot.addWidget(dialog)
    dialog.copy_details()
    assert QGuiApplication.clipboard().text() == "Traceback: KeyError('x')"
    assert dialog.details.isReadOnly()


def test_bugs_are_logged_to_a_rotating_file_in_the_user_data_folder(tutor_home: Path) -> None:
    import logging

    handler = setup_logging()
    assert handler is not None
    try:
        logging.getLogger("tutor.ui").error("something broke")
        handler.flush()
        log_file = tutor_home / "logs" / "tutor.log"
        assert "something broke" in log_file.read_text(encoding="utf-8")
    finally:
        logging.getLogger("tutor").removeHandler(handler)
        handler.close()


@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [
        ("system", "it_IT", "it"),
        ("system", "en_US", "en"),
        ("system", "de_DE", "it"),
        ("en", "it_IT", "en"),
    ],
)
def test_language_follows_the_setting_then_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choice: str, system: str, expected: str
) -> None:
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(system)))
    settings = Settings(tmp_path / "s.ini")
    settings.language_choice = choice
    assert settings.language() == expected


def test_the_catalogues_are_complete_and_compiled() -> None:
    import xml.etree.ElementTree as ET

    from tutor_app.assets import resource_path

    tree = ET.parse(resource_path("i18n", "tutor_it.ts"))
    unfinished = [
        m.findtext("source")
        for m in tree.getroot().iter("message")
        if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")
    ]
    assert unfinished == []
    for lang in ("it", "en"):
        qm = resource_path("i18n", f"tutor_{lang}.qm")
        assert (
            qm.stat().st_size > 100
            and qm.stat().st_mtime >= resource_path("i18n", f"tutor_{lang}.ts").stat().st_mtime - 5
        )


def test_the_demo_region_is_made_off_the_gui_thread_and_opens(
    qtbot: Any, ui_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from tutor_app.ui.app import TutorApp
    from tutor_app.ui.main_window import MainWindow

    quits: list[int] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(1)))
    app = TutorApp(ui_settings)
    windows: list[MainWindow] = []
    app.start_demo(projects=5, on_ready=windows.append, show_progress=True)
    qtbot.waitUntil(lambda: bool(windows), timeout=20_000)
    qtbot.waitUntil(lambda: windows[0].list_page.is_loaded, timeout=10_000)
    assert windows[0].list_page.model.rowCount() == 5
    assert "Regione demo" in windows[0].status.demo_label.text() and not windows[0].status.demo_label.isHidden()
    assert quits == []  # closing the progress dialog must not read as "Cancel"
    app.tasks.wait_idle()
    app.close()
