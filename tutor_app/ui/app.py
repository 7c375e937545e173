"""The desktop composition root: ``run(args)`` builds the application and wires the pieces.

``TutorApp`` owns the settings, the translations, the task pool, the open workspace and the main
window. It opens the user's profile (or ``--db``), a throw-away demo region (``--demo``, made on
a worker thread with a progress dialog), or, on a first start, the welcome dialog. Changing the
language rebuilds the main window on the same workspace, on the same dossier and tab.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from tutor_app.domain.errors import TutorError
from tutor_app.services import demo
from tutor_app.services.workspace import Workspace
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import install_excepthook, known_error_text, setup_logging
from tutor_app.ui.i18n import Translations
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.settings import Settings
from tutor_app.ui.startup import Preload
from tutor_app.ui.tasks import Task, TaskManager

log = logging.getLogger("tutor.ui")
DEMO_PROJECTS = 300
BENCH_ENV = "TUTOR_BENCH_EXIT_ON_LIST"  # benchmark hook: quit once the dossier list is shown


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one in tests), styled, with our fonts."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Tutor")
    app.setOrganizationName("Tutor")
    app.setApplicationDisplayName("Tutor")
    theme.apply(app)
    return app


class TutorApp(QObject):
    def __init__(self, settings: Settings | None = None, translations: Translations | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.translations = translations or Translations()
        self.tasks = TaskManager(parent=self)
        self.ws: Workspace | None = None
        self.window: MainWindow | None = None
        self.ctx: AppContext | None = None
        self.is_demo = False
        self.label = ""
        self._temp_dirs: list[Path] = []
        self.translations.install(self.settings.language())

    @property
    def lang(self) -> str:
        return self.translations.language

    # -- opening --------------------------------------------------------------------------------

    def open_workspace(
        self, ws: Workspace, is_demo: bool = False, label: str = "", preload: Preload | None = None
    ) -> MainWindow:
        """Show the main window on an open workspace and start loading its pages."""
        self.ws, self.is_demo, self.label = ws, is_demo, label
        self.ctx = AppContext(ws, self.settings, self.lang, self.tasks, is_demo=is_demo)
        self.window = MainWindow(self.ctx, label, preload=preload)
        self.window.language_change_requested.connect(self.set_language)
        self.window.show()
        self.window.start()
        return self.window

    def start_demo(
        self,
        projects: int = DEMO_PROJECTS,
        on_ready: Callable[[MainWindow], None] | None = None,
        show_progress: bool = True,
    ) -> Task[Workspace]:
        """Make a throw-away demo region in a temp folder (on a worker), then show it."""
        folder = Path(tempfile.mkdtemp(prefix="tutor-demo-"))
        self._temp_dirs.append(folder)
        progress: QProgressDialog | None = None
        if show_progress:
            progress = QProgressDialog(self.tr("Preparing the demo region…"), self.tr("Cancel"), 0, 100)
            progress.setWindowTitle("Tutor")
            progress.setWindowModality(Qt.WindowModality.ApplicationModal)
            progress.setMinimumDuration(0)
            progress.setValue(0)

        def work(task: Task[Workspace]) -> Workspace:
            ws = Workspace.open(db=folder / "demo.sqlite3")
            try:
                demo.generate(ws, projects=projects, progress=task.report)
            except BaseException:
                ws.close()
                raise
            return ws

        def ready(ws: Workspace) -> None:
            if progress is not None:
                progress.canceled.disconnect()  # closing a progress dialog also emits "canceled"
                progress.close()
            window = self.open_workspace(ws, is_demo=True, label=self.tr("Demo region"))
            if on_ready is not None:
                on_ready(window)

        def failed(exc: BaseException) -> None:
            if progress is not None:
                progress.canceled.disconnect()  # closing a progress dialog also emits "canceled"
                progress.close()
            if isinstance(exc, TutorError):
                QMessageBox.warning(None, "Tutor", known_error_text(exc))
                QApplication.quit()
                return
            raise exc

        task = self.tasks.run_with_progress(work, ready, failed)
        if progress is not None:
            task.progressed.connect(lambda done, total: progress.setValue(int(100 * done / max(1, total))))
            progress.canceled.connect(task.cancel)
            progress.canceled.connect(QApplication.quit)
        return task

    # -- language -------------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Rebuild the main window in another language, on the same page, dossier and tab."""
        self.translations.install(lang)
        old = self.window
        if old is None or self.ws is None:
            return
        dossier_id = old.open_dossier_id
        page = old.stack.currentIndex()
        tab = old.dossier_page.current_tab() if dossier_id else "overview"
        old.save_state()
        old.hide()
        old.deleteLater()
        window = self.open_workspace(self.ws, self.is_demo, self.tr("Demo region") if self.is_demo else self.label)
        if dossier_id is not None:
            window.open_dossier(dossier_id, tab)
        if page == 1:
            window.show_list()
        elif page == 0:
            window.show_home()

    # -- closing --------------------------------------------------------------------------------

    def close(self, close_workspace: bool = True) -> None:
        if self.window is not None:
            self.window.save_state()
            self.window.close()
            self.window.deleteLater()
            self.window = None
            # Destroy the window now, with its timers: none may fire into a closed workspace.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.tasks.shutdown()
        if self.ws is not None and close_workspace:
            self.ws.close()
        self.ws = None
        for folder in self._temp_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._temp_dirs.clear()
        self.translations.uninstall()


def _profile_label(args: argparse.Namespace) -> str:
    db = getattr(args, "db", None)
    if db:
        return Path(db).name
    profile = getattr(args, "profile", None)
    return profile if profile and profile != "default" else ""


def _bench_hook(window: MainWindow, started: float) -> None:
    """With TUTOR_BENCH_EXIT_ON_LIST set: report when the dossier list is on screen, then quit."""

    def shown(_count: int) -> None:
        window.list_page.table.viewport().repaint()
        import resource

        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"BENCH list_shown_s={time.perf_counter() - started:.4f} rss_mb={rss_mb:.1f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)

    window.show_list()
    window.list_page.loaded.connect(shown)


def run(args: argparse.Namespace, preload: Preload | None = None) -> int:
    """``tutor-app`` with no sub-command: the desktop window (``preload`` started by the CLI)."""
    started = time.perf_counter()
    if getattr(args, "self_test", False):
        from tutor_app.ui.self_test import run_self_test

        return run_self_test()
    setup_logging()
    app = make_application()
    install_excepthook()
    tutor = TutorApp()
    bench = bool(os.environ.get(BENCH_ENV))
    if getattr(args, "demo", False):
        tutor.start_demo(on_ready=(lambda w: _bench_hook(w, started)) if bench else None)
    else:
        try:
            preload = preload or Preload(getattr(args, "profile", None), getattr(args, "db", None))
            ws = preload.opened_workspace()
        except TutorError as exc:
            QMessageBox.critical(None, "Tutor", known_error_text(exc))
            return 2
        if not ws.has_profile:
            from tutor_app.ui.welcome import DEMO, WelcomeDialog

            choice = WelcomeDialog(ws).exec()
            if choice == DEMO:
                ws.close()
                tutor.start_demo()
                return _exec(app, tutor)
            if choice == 0:
                ws.close()
                return 0
        window = tutor.open_workspace(ws, label=_profile_label(args), preload=preload)
        if bench:
            _bench_hook(window, started)
    return _exec(app, tutor)


def _exec(app: QApplication, tutor: TutorApp) -> int:
    app.aboutToQuit.connect(tutor.close)
    code = app.exec()
    log.info("closed with code %s", code)
    return int(code)
