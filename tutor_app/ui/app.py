"""The desktop composition root: ``run(args)`` builds the application and wires the pieces.

``TutorApp`` owns the settings, the translations, the task pool, the open workspace and the main
window. It opens the user's profile (or ``--db``), a throw-away demo region (``--demo``, made on
a worker thread with a progress dialog), or, on a first start, the welcome dialog. Changing the
language rebuilds the main window on the same workspace, on the same dossier and tab.

A profile already at the newest schema starts fast (``open_fast``): the window shows the dossier
list read with plain ``sqlite3`` while the start-up was importing Qt, and the workspace (with
SQLAlchemy and the services) opens on a worker once the window has painted. Nothing reads or
edits before it is open: the pages that need it wait for ``workspace_ready``, and anything the
user does that needs it at once (opening a dossier) waits for the opening to finish.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from tutor_app.domain.errors import TutorError
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import install_excepthook, setup_logging, show_error, show_known_error
from tutor_app.ui.i18n import Translations
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.settings import Settings
from tutor_app.ui.startup import ListSnapshot, Preload, WorkspaceOpening
from tutor_app.ui.tasks import Task, TaskManager

if TYPE_CHECKING:
    from tutor_app.services.workspace import Workspace
    from tutor_app.store.dossier_list import StartList

log = logging.getLogger("tutor.ui")
DEMO_PROJECTS = 300
OPEN_AT_LATEST_MS = 1000  # after a fast start, open the workspace by then even if nothing painted
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
        self._opening: WorkspaceOpening | None = None  # a fast start's workspace, until it is open
        self._opening_started = False
        self._open_timer = QTimer(self)  # opens it at the latest after OPEN_AT_LATEST_MS
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_AT_LATEST_MS)
        self._open_timer.timeout.connect(self._start_opening)
        self._start_list: StartList | None = None  # the fast start's read, until checked against the file
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

    def open_fast(
        self, opening: WorkspaceOpening, snapshot: ListSnapshot, label: str = "", today: Callable[[], date] = date.today
    ) -> MainWindow:
        """Show the main window on the list read by the fast start; open the workspace after it painted."""
        self.is_demo, self.label = False, label
        self._opening, self._opening_started = opening, False
        self._start_list = snapshot.start_list
        self.ctx = AppContext(opening, self.settings, self.lang, self.tasks, today=today)
        self.window = MainWindow(self.ctx, label, preload=snapshot)
        self.window.language_change_requested.connect(self.set_language)
        # Opening the workspace imports SQLAlchemy and the services: a fraction of a second of
        # CPU that would slow the first paint, so it starts right after it (or, for a window that
        # is not painted, after OPEN_AT_LATEST_MS).
        self.window.first_painted.connect(lambda: self._open_timer.start(0))
        self._open_timer.start()
        self.window.show()
        self.window.start()
        return self.window

    def _start_opening(self) -> None:
        gc.enable()  # the start is over (the CLI switched the collector off while it ran)
        self._open_timer.stop()
        if self._opening is None or self._opening_started:
            return
        self._opening_started = True
        self.tasks.run(self._opening.get, self._workspace_opened, self._workspace_failed, owner=self)

    def _workspace_opened(self, ws: Workspace) -> None:
        self.ws = ws
        if self.ctx is not None:
            self.ctx.workspace_opened(ws)
        start_list, self._start_list = self._start_list, None
        if start_list is not None:
            # Another program (a sync, a second window) committed since the list was read: read it again.
            if start_list.changed_since_read() and self.window is not None:
                log.info("the profile changed while opening; reloading the dossier list")
                self.window.list_page.load()
            start_list.close()

    def _workspace_failed(self, exc: BaseException) -> None:
        if show_error(self.window, exc, critical=True):
            QApplication.exit(2)

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
            from tutor_app.services import demo
            from tutor_app.services.workspace import Workspace

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
            if show_error(None, exc):
                QApplication.quit()

        task = self.tasks.run_with_progress(work, ready, failed)
        if progress is not None:
            task.progressed.connect(lambda done, total: progress.setValue(int(100 * done / max(1, total))))
            progress.canceled.connect(task.cancel)
            progress.canceled.connect(QApplication.quit)
        return task

    # -- language -------------------------------------------------------------------------------

    def choose_language(self, lang: str) -> None:
        """The language chosen before any window (the welcome): kept in the settings, spoken at once."""
        self.settings.language_choice = lang
        self.translations.install(self.settings.language())

    def set_language(self, lang: str) -> None:
        """Rebuild the main window in another language, on the same page, dossier and tab."""
        self.translations.install(lang)
        old = self.window
        if old is None or self.ctx is None:
            return
        self.ws = self.ctx.ws  # after a fast start, waits for the workspace to open
        dossier_id = old.open_dossier_id
        page = old.stack.currentIndex()
        tab = old.dossier_page.current_tab() if dossier_id else "overview"
        old.sync.shutdown()
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
        self._open_timer.stop()
        self._opening_started = True  # nothing may start an opening now
        self.tasks.shutdown()  # waits for an opening under way
        if self.ws is None and self._opening is not None:
            self.ws = self._opening.take_if_open()  # opened, but the app closed before it was delivered
        self._opening = None
        if self._start_list is not None:
            self._start_list.close()
            self._start_list = None
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
    """With TUTOR_BENCH_EXIT_ON_LIST set: report when the dossier list is on screen, then quit.

    "On screen": the window has painted once, the list page holds its rows, and the table's
    viewport is painted again synchronously with them before the line is printed."""
    reported = False

    def report(*_args: object) -> None:
        nonlocal reported
        if reported:
            return
        reported = True
        page = window.list_page
        page.table.viewport().repaint()
        import resource

        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"BENCH list_shown_s={time.perf_counter() - started:.4f} rows={page.model.rowCount()} rss_mb={rss_mb:.1f}",
            flush=True,
        )
        QTimer.singleShot(0, QApplication.quit)

    def painted() -> None:
        if window.list_page.is_loaded:
            report()
        else:
            window.list_page.loaded.connect(report)

    window.show_list()
    window.first_painted.connect(painted)


def run(args: argparse.Namespace, preload: Preload | None = None) -> int:
    """``tutor-app`` with no sub-command: the desktop window (``preload`` started by the CLI)."""
    started = time.perf_counter()
    if getattr(args, "self_test", False):
        gc.enable()
        from tutor_app.ui.self_test import run_self_test

        return run_self_test()
    setup_logging()
    app = make_application()
    install_excepthook()
    tutor = TutorApp()
    bench = bool(os.environ.get(BENCH_ENV))
    if getattr(args, "demo", False):
        gc.enable()
        tutor.start_demo(on_ready=(lambda w: _bench_hook(w, started)) if bench else None)
        return _exec(app, tutor)
    preload = preload or Preload(getattr(args, "profile", None), getattr(args, "db", None))
    snapshot = preload.fast_snapshot()
    if snapshot is not None:
        window = tutor.open_fast(preload.opening(), snapshot, label=_profile_label(args))
    else:
        gc.enable()
        try:
            ws = preload.opened_workspace()
        except TutorError as exc:
            show_known_error(None, exc, critical=True)
            return 2
        if not ws.has_profile:
            from tutor_app.ui.welcome import DEMO, WelcomeDialog

            choice = WelcomeDialog(ws, language=tutor.lang, on_language=tutor.choose_language).exec()
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
    bundle = getattr(args, "open_bundle", None)
    if bundle:  # a double-clicked .tutorbundle (the installers' file association)
        QTimer.singleShot(0, lambda: window.import_bundle(bundle))
    return _exec(app, tutor)


def _exec(app: QApplication, tutor: TutorApp) -> int:
    app.aboutToQuit.connect(tutor.close)
    code = app.exec()
    log.info("closed with code %s", code)
    return int(code)
