"""``tutor-app --self-test``: the whole desktop app, offscreen, on a temporary demo region.

Opens the main window, filters the list, checks that the installation holds everything loaded by
name (ui/install_checks.py), opens a dossier on every tab, records an aftercare note through the
editor and checks it reached the store. Exits 0, or 1 with the failing step.
Packaging runs it as its smoke test, so it uses nothing of the user's (a private data folder).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

SELF_TEST_PROJECTS = 40
STEP_TIMEOUT_S = 60.0


class SelfTestError(Exception):
    pass


def _wait(
    app: object, condition: Callable[[], bool], what: str, errors: list[str], timeout: float = STEP_TIMEOUT_S
) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if errors:
            raise SelfTestError(f"unexpected error:\n{errors[0]}")
        if time.monotonic() > deadline:
            raise SelfTestError(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.01)


def run_self_test() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    home = Path(tempfile.mkdtemp(prefix="tutor-selftest-"))
    os.environ["TUTOR_HOME"] = str(home)  # settings, logs and the demo stay out of the user's folder
    step = "starting"
    saved_hook = sys.excepthook
    try:
        from tutor_app.ui.app import TutorApp, make_application
        from tutor_app.ui.settings import Settings

        app = make_application()
        errors: list[str] = []

        def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

        sys.excepthook = hook  # an exception in a slot fails the self-test at once
        settings = Settings(home / "desktop.ini")
        settings.language_choice = "it"
        tutor = TutorApp(settings)
        windows: list[object] = []
        step = "making the demo region"
        tutor.start_demo(SELF_TEST_PROJECTS, windows.append, show_progress=False)
        _wait(app, lambda: bool(windows), step, errors)
        window = tutor.window
        assert window is not None and tutor.ws is not None
        step = "loading the dossier list"
        _wait(app, lambda: window.list_page.is_loaded and window.list_page.model.rowCount() > 0, step, errors)
        _wait(app, lambda: window.home.summary is not None, "loading the home page", errors)

        step = "filtering the list"
        window.show_list()
        window.list_page.search.setText("a")
        shown = window.list_page.model.rowCount()
        window.list_page.search.clear()
        if shown == 0 or window.list_page.model.rowCount() != SELF_TEST_PROJECTS:
            raise SelfTestError("the search box does not filter the list")

        step = "checking the installation (migrations, fonts, translations, keyring, libpq, QtPdf)"
        project_id = window.list_page.model.row_at(0).id
        from tutor_app.ui.install_checks import check_installation

        problems = check_installation(tutor.ws, project_id)
        if problems:
            raise SelfTestError("; ".join(problems))

        step = "opening a dossier"
        window.open_dossier(project_id)
        page = window.dossier_page
        for tab in ("overview", "timeline", "permits", "aftercare"):
            step = f"showing the {tab} tab"
            page.show_tab(tab)
            app.processEvents()
            if page.grab().isNull():
                raise SelfTestError(f"the {tab} tab did not paint")

        step = "recording an aftercare note"
        page.new_note()
        text = "Self-test: nota di verifica"
        page.aftercare.binder.fields["text"].editor.setPlainText(text)  # type: ignore[attr-defined]
        page.flush()
        from tutor_app.services import dossiers

        stored = dossiers.get_dossier(tutor.ws, project_id)
        if not any(n.text == text for n in stored.notes):
            raise SelfTestError("the note typed in the editor was not saved")

        if errors:
            raise SelfTestError(f"unexpected error:\n{errors[0]}")
        step = "closing"
        tutor.close()
        app.processEvents()
        print("tutor-app self-test: OK")
        return 0
    except Exception as exc:
        print(f"tutor-app self-test FAILED while {step}: {exc}", file=sys.stderr)
        traceback.print_exc()
        return 1
    finally:
        sys.excepthook = saved_hook
        shutil.rmtree(home, ignore_errors=True)
