"""The main window: a navigation bar, the pages (home, dossier list, one dossier) and the status bar.

Window geometry and the list's column layout are remembered between runs. Shortcuts:
Ctrl+N new dossier, Ctrl+F search, Ctrl+1 home, Ctrl+2 dossiers, Ctrl+Shift+M new meeting, Ctrl+Shift+N new note,
Alt+Left (or Esc, from a dossier) back to the list, F5 sync now, F1 the list of shortcuts, Ctrl+Z undo
the last delete (outside a text field).

Deletes are undone through ``UndoController`` (``ui/undo.py``): Edit ▸ Undo, the message after a
delete, Edit ▸ Recycle bin.

Sync runs through ``SyncController`` (``ui/sync_controller.py``), which drives the status bar; the
conflicts inbox and the pending-changes view open from the menu and from the status bar.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import TutorError
from tutor_app.ui.context import AppContext
from tutor_app.ui.dossier_list_page import DossierListPage
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.home_page import HomePage
from tutor_app.ui.i18n import counted
from tutor_app.ui.startup import ListSnapshot, Preload
from tutor_app.ui.status_bar import Connection, SyncStatusBar
from tutor_app.ui.sync_controller import SyncController
from tutor_app.ui.undo import UndoController

if TYPE_CHECKING:
    from tutor_app.domain.inbox import Inbox
    from tutor_app.ui.bundle_import import BundleImport
    from tutor_app.ui.bundle_revert import BundleRevert
    from tutor_app.ui.dashboard_page import DashboardPage
    from tutor_app.ui.dossier.page import DossierPage

log = logging.getLogger("tutor.ui")
PAGE_HOME, PAGE_LIST = range(2)


EXPORT_MODULE = "tutor_app.ui.export_dialog"


def export_available() -> bool:
    """Whether this build has the PDF export dialog (found without importing the PDF engine)."""
    try:
        return importlib.util.find_spec(EXPORT_MODULE) is not None
    except ImportError:
        return False


def export_dialog_class() -> Any | None:
    """The PDF export dialog class, imported on first use (the PDF engine is slow to import)."""
    if not export_available():
        return None
    return getattr(importlib.import_module(EXPORT_MODULE), "ExportDialog", None)


def _bring_up(dialog: QDialog) -> None:
    """Show a window, or bring it to the front when it is open already."""
    dialog.show()
    if QGuiApplication.platformName() != "offscreen":  # the offscreen platform warns on raise()
        dialog.raise_()
        dialog.activateWindow()


class MainWindow(QMainWindow):
    language_change_requested = Signal(str)
    first_painted = Signal()  # once, when the window's first paint is done

    def __init__(
        self, ctx: AppContext, profile_label: str = "", preload: Preload | ListSnapshot | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self._painted = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Tutor — investment dossiers") + (f" · {profile_label}" if profile_label else ""))
        self.setMinimumSize(960, 560)  # within a 1366×768 screen at 125 % (1093×614 logical)
        self._home_stale = False  # start() loads the home page the first time

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._nav(profile_label))
        self.stack = QStackedWidget()
        self.list_page = DossierListPage(ctx)
        self.list_page.load(preload)  # first: the list read at start-up, or a query on a worker
        self.home = HomePage(ctx)
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.list_page)
        self._dossier_page: DossierPage | None = None  # built when the first dossier opens
        self._dashboard_page: DashboardPage | None = None  # built when first shown
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = SyncStatusBar(ctx)
        self.setStatusBar(self.status)
        self.sync = SyncController(ctx, self)
        self.undo = UndoController(ctx, self, central)
        self.stack.currentChanged.connect(self.undo.message.follow)
        self.undo.dossier_deleted.connect(self._dossier_deleted)
        self.undo.dossier_restored.connect(self._dossier_restored)
        self._conflicts_dialog: QDialog | None = None
        self._pending_dialog: QDialog | None = None
        self._menus()
        self._wire_sync()

        self.home.open_requested.connect(self.open_dossier)
        self.home.record_requested.connect(self.open_record)
        self.home.dossiers_requested.connect(self._show_dossiers)
        self.home.new_dossier_requested.connect(self.new_dossier)
        self.home.settings_requested.connect(self.open_settings)
        self.home.demo_requested.connect(self.explore_demo)
        self.list_page.new_dossier_requested.connect(self.new_dossier)
        self.list_page.open_requested.connect(lambda pid: self.open_dossier(pid, "overview"))
        ctx.events.project_changed.connect(self._project_changed)
        ctx.events.open_dossier.connect(self.open_dossier)

        geometry = ctx.settings.state("main_window_geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 768)
        self.show_home()

    # -- building -------------------------------------------------------------------------------

    def _nav(self, profile_label: str) -> QWidget:
        nav = QWidget()
        nav.setObjectName("navBar")
        nav.setFixedWidth(158)
        nav.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(nav)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(2)
        title = QLabel("Tutor")
        title.setObjectName("navTitle")
        layout.addWidget(title)
        subtitle = QLabel(profile_label or self.tr("Invest in Lombardy"))
        subtitle.setObjectName("navSubtitle")
        subtitle.setWordWrap(True)
        layout.addWidget(subtitle)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_home = self._nav_button(self.tr("Home"), self.show_home)
        self.nav_list = self._nav_button(self.tr("Dossiers"), self.show_list)
        self.nav_dashboard = self._nav_button(self.tr("Dashboard"), self.show_dashboard)
        self.nav_dossier = self._nav_button("", self.show_dossier_page)
        self.nav_dossier.hide()
        for button in (self.nav_home, self.nav_list, self.nav_dashboard, self.nav_dossier):
            layout.addWidget(button)
        layout.addStretch(1)
        self.nav_settings = QToolButton()
        self.nav_settings.setObjectName("navButton")
        self.nav_settings.setText(self.tr("Settings"))
        self.nav_settings.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.nav_settings.clicked.connect(self.open_settings)
        self.nav_settings.setSizePolicy(self.nav_home.sizePolicy())
        layout.addWidget(self.nav_settings)
        return nav

    def _nav_button(self, text: str, slot: Any) -> QToolButton:
        button = QToolButton()
        button.setObjectName("navButton")
        button.setText(text)
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(button.sizePolicy().Policy.Expanding, button.sizePolicy().Policy.Fixed)
        button.clicked.connect(slot)
        self.nav_group.addButton(button)
        return button

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_dossier_action = file_menu.addAction(self.tr("&New dossier…"), self.new_dossier)
        self.new_dossier_action.setObjectName("newDossierAction")
        self.new_dossier_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_investor_action = file_menu.addAction(self.tr("New in&vestor…"), self.new_investor)
        self.new_investor_action.setObjectName("newInvestorAction")
        file_menu.addSeparator()
        self.export_action = QAction(self.tr("Export &PDF…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+P"))
        self.export_action.triggered.connect(lambda: self.export_pdf(None))
        if not export_available():
            self.export_action.setEnabled(False)
            self.export_action.setToolTip(self.tr("PDF export is not part of this build yet"))
        file_menu.addAction(self.export_action)
        self.calendar_action = file_menu.addAction(self.tr("Export my &calendar…"), lambda: self.export_calendar(None))
        self.calendar_action.setObjectName("calendarAction")
        self.calendar_action.setToolTip(self.tr("My meetings and permit deadlines, as a file for Outlook"))
        self.import_sheet_action = file_menu.addAction(self.tr("Import a spreads&heet…"), self.import_spreadsheet)
        self.import_sheet_action.setObjectName("importSpreadsheetAction")
        self.import_sheet_action.setToolTip(self.tr("Investors and projects from a CSV file or an Excel workbook"))
        self.export_table_action = file_menu.addAction(self.tr("Export t&able…"), self.export_table)
        self.export_table_action.setObjectName("exportTableAction")
        self.export_table_action.setToolTip(self.tr("The dossier list as shown, or the dashboard, to Excel or CSV"))
        file_menu.addSeparator()
        self.sync_action = QAction(self.tr("&Sync now"), self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.setToolTip(self.tr("Send your changes to the server and receive the others' (F5)"))
        self.sync_action.triggered.connect(self._sync_requested)
        file_menu.addAction(self.sync_action)
        self.conflicts_action = file_menu.addAction(self.tr("C&onflicts…"), self.show_conflicts)
        self.conflicts_action.setObjectName("conflictsAction")
        self.pending_action = file_menu.addAction(self.tr("Changes &waiting…"), self.show_pending)
        self.pending_action.setObjectName("pendingAction")
        self.bundle_action = file_menu.addAction(self.tr("Export changes to a &file…"), self.export_bundle)
        self.bundle_action.setObjectName("bundleAction")
        self.bundle_action.setToolTip(self.tr("With no network at all: a signed file a coordinator imports"))
        self.import_bundle_action = file_menu.addAction(self.tr("&Import a bundle…"), self.import_bundle)
        self.import_bundle_action.setObjectName("importBundleAction")
        self.import_bundle_action.setToolTip(self.tr("Coordinators: apply a tutor's bundle file to the server"))
        self.revert_bundle_action = file_menu.addAction(self.tr("&Revert an imported bundle…"), self.revert_bundle)
        self.revert_bundle_action.setObjectName("revertBundleAction")
        self.revert_bundle_action.setToolTip(self.tr("Coordinators: take a bundle back; later edits become conflicts"))
        self.merge_investors_action = file_menu.addAction(self.tr("&Merge investors…"), self.merge_investors)
        self.merge_investors_action.setObjectName("mergeInvestorsAction")
        self.merge_investors_action.setToolTip(self.tr("Coordinators: one company entered twice becomes one record"))
        file_menu.addSeparator()
        settings = file_menu.addAction(self.tr("Se&ttings…"), self.open_settings)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        self.undo.add_menu(bar)

        go = bar.addMenu(self.tr("&Go"))
        go.addAction(self.tr("&Home"), QKeySequence("Ctrl+1"), self.show_home)
        go.addAction(self.tr("&Dossiers"), QKeySequence("Ctrl+2"), self.show_list)
        go.addAction(self.tr("D&ashboard"), QKeySequence("Ctrl+3"), self.show_dashboard)
        search = go.addAction(self.tr("&Search dossiers"), QKeySequence.StandardKey.Find, self.focus_search)
        search.setObjectName("searchAction")
        back = go.addAction(self.tr("&Back to the list"), QKeySequence("Alt+Left"), self.show_list)
        back.setObjectName("backAction")

        dossier = bar.addMenu(self.tr("&Dossier"))
        self.new_meeting_action = dossier.addAction(
            self.tr("New &meeting"), QKeySequence("Ctrl+Shift+M"), self.new_meeting
        )
        self.new_note_action = dossier.addAction(
            self.tr("New aftercare &note"), QKeySequence("Ctrl+Shift+N"), self.new_note
        )
        dossier.addSeparator()
        for n, (label, tab) in enumerate(
            (
                (self.tr("&Overview"), "overview"),
                (self.tr("&Timeline"), "timeline"),
                (self.tr("&Permits"), "permits"),
                (self.tr("&Aftercare"), "aftercare"),
            ),
            start=1,
        ):
            dossier.addAction(label, QKeySequence(f"Alt+{n}"), partial(self._dossier_tab, tab))
        dossier.addSeparator()
        self.dossier_calendar_action = dossier.addAction(
            self.tr("&Calendar of this dossier…"), lambda: self.export_calendar(self.open_dossier_id)
        )
        self.dossier_calendar_action.setObjectName("dossierCalendarAction")
        self.delete_dossier_action = dossier.addAction(self.tr("&Delete dossier…"), self.delete_dossier)
        self.delete_dossier_action.setObjectName("deleteDossierAction")
        self._dossier_actions_enabled(False)

        help_menu = bar.addMenu(self.tr("&Help"))
        shortcuts = help_menu.addAction(self.tr("&Keyboard shortcuts"), QKeySequence.StandardKey.HelpContents,
                                        self.show_shortcuts)
        shortcuts.setObjectName("shortcutsAction")
        help_menu.addAction(self.tr("&About Tutor"), self.about)

    def _wire_sync(self) -> None:
        status, sync = self.status, self.sync
        status.set_sync_action(self.sync_action)
        sync.state_changed.connect(self._sync_state)
        sync.pending_counted.connect(status.set_pending)
        sync.conflicts_counted.connect(self._conflicts_counted)
        sync.last_sync_changed.connect(status.set_last_sync)
        sync.failed.connect(status.set_problem)
        sync.retrying.connect(status.set_problem)
        sync.succeeded.connect(self._synced)
        status.pending_requested.connect(self.show_pending)
        status.conflicts_requested.connect(self.show_conflicts)
        self._show_sync_action(sync.state)

    def _sync_state(self, state: str) -> None:
        self.status.set_connection(state)
        self._show_sync_action(Connection(state))

    def _show_sync_action(self, state: Connection) -> None:
        """Sync now says what it can do: nothing on a demo (disabled, the tooltip says why), set
        up a server when none is set (it opens the settings), sync otherwise."""
        action = self.sync_action
        if self.ctx.is_demo or (state is Connection.UNCONFIGURED and self.sync.is_demo()):
            action.setEnabled(False)
            action.setText(self.tr("&Sync now"))
            action.setToolTip(self.tr("A demo profile never syncs: create your own profile to sync."))
        elif state is Connection.UNCONFIGURED:
            action.setEnabled(True)
            action.setText(self.tr("Set up the &server…"))  # as the home page's first steps say
            action.setToolTip(self.tr("No server is set yet: enter its address in Settings to sync (F5)"))
        else:
            action.setEnabled(state is not Connection.SYNCING)
            action.setText(self.tr("&Sync now"))
            action.setToolTip(self.tr("Send your changes to the server and receive the others' (F5)"))

    def _sync_requested(self) -> None:
        """Sync now, or, with no server set (looked at again: it may have been set meanwhile), the
        settings where one is entered."""
        if self.sync.state is Connection.UNCONFIGURED and self.ctx.is_ready and not self.sync.background_enabled():
            self.open_settings()
            return
        self.sync.sync_now(manual=True)

    def _conflicts_counted(self, inbox: Inbox) -> None:
        self.status.set_conflicts(inbox)
        # The menu says what the status bar says (domain.inbox), not a count of its own.
        self.conflicts_action.setStatusTip(inbox.text(self.ctx.lang))

    def _synced(self, report: Any) -> None:
        """What came down from the server is shown: the list, the home page, the open dossier."""
        if not (report.pulled or report.snapshots or report.purged or report.conflicts or report.rejected):
            return
        self._home_stale = True
        if self.stack.currentIndex() == PAGE_HOME:
            self.show_home()
        if self.list_page.is_loaded:
            self.list_page.load()
        if self._dossier_page is not None and self._dossier_page.dossier is not None and self._on_dossier():
            try:
                self._dossier_page.flush()  # what is being typed is saved first, then shown with the rest
                self._dossier_page.reload()
            except TutorError as exc:  # the dossier left this profile (unassigned)
                show_known_error(self, exc)
                self.show_list()
        if self._conflicts_dialog is not None and self._conflicts_dialog.isVisible():
            self._conflicts_dialog.reload()  # type: ignore[attr-defined]
        if self._pending_dialog is not None and self._pending_dialog.isVisible():
            self._pending_dialog.reload()  # type: ignore[attr-defined]
        self.undo.reload_bin()

    def show_conflicts(self) -> QDialog:
        """The conflicts inbox (one window, brought to the front when open already)."""
        from tutor_app.ui.sync_dialogs import ConflictsDialog

        if self._conflicts_dialog is None:
            self._conflicts_dialog = ConflictsDialog(self.ctx, self.sync, self)
        else:
            self._conflicts_dialog.reload()  # type: ignore[attr-defined]
        _bring_up(self._conflicts_dialog)
        return self._conflicts_dialog

    def export_bundle(self, path: str | None = None) -> str | None:
        """The changes waiting, in a signed file for a coordinator to import (no network at all).
        They stay waiting: the next sync sends them again and the server knows them already."""
        from datetime import date
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from tutor_app.domain.errors import NotYetSyncedError, TutorError
        from tutor_app.services import bundles
        from tutor_app.ui.error_messages import known_error_text
        from tutor_app.ui.errors import show_known_error

        if path is None:
            suggested = str(Path.home() / f"tutor-modifiche-{date.today():%Y%m%d}.tutorbundle")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export changes to a file"), suggested,
                                                  self.tr("Tutor bundles (*.tutorbundle)"))
            if not path:
                return None
        try:
            result = bundles.export_pending(self.ctx.ws, Path(path))
        except NotYetSyncedError as exc:
            QMessageBox.warning(self, self.tr("Export changes to a file"), known_error_text(exc))
            return None
        except TutorError as exc:
            show_known_error(self, exc)
            return None
        QMessageBox.information(self, self.tr("Export changes to a file"), counted(self.tr(
            "%n change(s) written to %1. Give the file to a coordinator; the changes stay here and go up "
            "again at the next sync.", "", result.changes), result.changes).replace("%1", str(result.path)))
        return str(result.path)

    def export_table(self, path: str | None = None) -> str | None:
        """File ▸ Export table…: the dashboard's tables when it is shown, else the dossier list as shown."""
        from tutor_app.ui import table_export

        lang = self.ctx.lang
        on_dashboard = self._dashboard_page is not None and self.stack.currentWidget() is self._dashboard_page
        if on_dashboard and self._dashboard_page is not None:
            tables, name = table_export.dashboard_tables(self._dashboard_page, lang), self.tr("dashboard")
        else:
            tables, name = table_export.list_tables(self.list_page, lang), self.tr("dossiers")
        written = table_export.export_tables(self, tables, lang, name, path)
        if written is not None:
            self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(written)), 8000)
        return str(written) if written is not None else None

    def import_bundle(self, path: str | None = None) -> BundleImport | None:
        """A coordinator applies a tutor's bundle file to the server (ui.bundle_import); None when
        nothing was started."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from tutor_app.ui.bundle_import import BundleImport

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a bundle"), str(Path.home()),
                                                  self.tr("Tutor bundles (*.tutorbundle)"))
            if not path:
                return None
        job = BundleImport(self.ctx, self.sync, self)
        if not job.start(Path(path)):
            job.deleteLater()
            return None
        job.finished.connect(job.deleteLater)  # after the receivers of the report (queued)
        return job

    def import_spreadsheet(self) -> QDialog:
        """The spreadsheet import wizard (ui.spreadsheet_import); the dossier list reloads after a write."""
        from tutor_app.ui.spreadsheet_import import SpreadsheetImportWizard

        wizard = SpreadsheetImportWizard(self.ctx, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _result: (self.list_page.load(), self.show_list()))
        wizard.resize(900, 600)
        wizard.show()
        return wizard

    def revert_bundle(self) -> BundleRevert | None:
        """A coordinator takes an imported bundle back (ui.bundle_revert); None when nothing was started."""
        from tutor_app.ui.bundle_revert import BundleRevert

        job = BundleRevert(self.ctx, self.sync, self)
        if not job.start():
            job.deleteLater()
            return None
        job.finished.connect(job.deleteLater)  # after the receivers of the report (queued)
        return job

    def merge_investors(self) -> QDialog | None:
        """A coordinator merges duplicate investors (ui.investor_merge_dialog); others are told why not."""
        from tutor_app.services.investor_merge import may_merge
        from tutor_app.ui.investor_merge_dialog import InvestorMergeDialog

        if not may_merge(self.ctx.ws):
            QMessageBox.information(self, self.tr("Merge investors"),
                                    self.tr("Only a coordinator can merge investors."))
            return None
        dialog = InvestorMergeDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_pending(self) -> QDialog:
        """What waits to go up, field by field."""
        from tutor_app.ui.sync_dialogs import PendingChangesDialog

        if self._pending_dialog is None:
            self._pending_dialog = PendingChangesDialog(self.ctx, self)
        else:
            self._pending_dialog.reload()  # type: ignore[attr-defined]
        _bring_up(self._pending_dialog)
        return self._pending_dialog

    # -- navigation -----------------------------------------------------------------------------

    @property
    def dossier_page(self) -> DossierPage:
        if self._dossier_page is None:
            from tutor_app.ui.dossier.page import DossierPage  # imported when first needed: faster start

            page = DossierPage(self.ctx)
            page.back_requested.connect(self.show_list)
            page.export_requested.connect(self.export_pdf)
            self.stack.addWidget(page)
            self._dossier_page = page
        return self._dossier_page

    def dashboard_page(self) -> DashboardPage:
        if self._dashboard_page is None:
            from tutor_app.ui.dashboard_page import DashboardPage  # imported when first needed

            page = DashboardPage(self.ctx, list_rows=self.list_page.loaded_rows)
            page.picked.connect(self.show_selection)
            self.stack.addWidget(page)
            self._dashboard_page = page
        return self._dashboard_page

    def show_dashboard(self) -> None:
        """The region's figures, counted again each time the page is shown (on a worker)."""
        page = self.dashboard_page()
        self.stack.setCurrentWidget(page)
        self.nav_dashboard.setChecked(True)
        self._dossier_actions_enabled(False)
        if self.ctx.is_ready:
            page.load()
        else:  # a fast start: counted once the workspace is open
            self.ctx.events.workspace_ready.connect(page.load, Qt.ConnectionType.SingleShotConnection)

    def show_selection(self, ids: frozenset[str], description: str) -> None:
        """A dashboard figure clicked: the list of exactly its projects."""
        self.list_page.show_selection(ids, description)
        self.show_list()

    @property
    def open_dossier_id(self) -> str | None:
        page = self._dossier_page
        return page.dossier.id if page is not None and page.dossier is not None else None

    def start(self) -> None:
        """Load the data of the pages (off the GUI thread; the list started in the constructor),
        after a fast start once the workspace is open."""
        if self.ctx.is_ready:
            self._workspace_ready()
        else:
            self.ctx.events.workspace_ready.connect(self._workspace_ready)

    def _workspace_ready(self) -> None:
        self._home_stale = False
        self.home.load()
        self.status.refresh_pending()
        self.list_page.workspace_ready()
        self.sync.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)  # after the children painted too

    def show_home(self) -> None:
        self.stack.setCurrentIndex(PAGE_HOME)
        self.nav_home.setChecked(True)
        if self._home_stale and self.ctx.is_ready:
            self._home_stale = False
            self.home.load()
        self._dossier_actions_enabled(False)

    def show_list(self) -> None:
        if self._dossier_page is not None:
            self._dossier_page.flush()
        self.stack.setCurrentIndex(PAGE_LIST)
        self.nav_list.setChecked(True)
        self._dossier_actions_enabled(False)
        if self.open_dossier_id is not None:
            self.list_page.select(self.open_dossier_id)
        self.list_page.focus_list()

    def show_dossier_page(self) -> None:
        if self.open_dossier_id is None:
            self.show_list()
            return
        self.stack.setCurrentWidget(self.dossier_page)
        self.nav_dossier.setChecked(True)
        self._dossier_actions_enabled(True)

    def _show_dossiers(self, project_ids: frozenset[str], scope_label: str, phase: str) -> None:
        """A Home figure's dossiers: the scope it counted (and its phase) in the dossier list."""
        self.list_page.show_selection(project_ids, scope_label)
        if phase:
            self.list_page.phase_filter.setCurrentIndex(self.list_page.phase_filter.findData(phase))
        self.show_list()

    def open_record(self, item: Any) -> None:
        """A Home line (an ``AgendaItem``): its dossier, on the tab and the very record it names."""
        self.open_dossier(item.project_id, item.tab)
        if self._on_dossier() and self.open_dossier_id == item.project_id:
            self.dossier_page.show_record(item.kind, item.record_id, item.meeting_id)

    def open_dossier(self, project_id: str, tab: str = "overview") -> None:
        try:
            self.dossier_page.open(project_id, tab)
        except TutorError as exc:
            show_known_error(self, exc)
            return
        dossier = self.dossier_page.dossier
        assert dossier is not None
        self.nav_dossier.setText(str(dossier.project["code"]))
        self.nav_dossier.setToolTip(str(dossier.project["title"]))
        self.nav_dossier.show()
        self.show_dossier_page()
        self.dossier_page.focus_content()

    def _on_dossier(self) -> bool:
        return self._dossier_page is not None and self.stack.currentWidget() is self._dossier_page

    def _dossier_tab(self, tab: str) -> None:
        if self._on_dossier():
            self.dossier_page.show_tab(tab)

    def _dossier_actions_enabled(self, enabled: bool) -> None:
        self.new_meeting_action.setEnabled(enabled)
        self.new_note_action.setEnabled(enabled)
        self.dossier_calendar_action.setEnabled(enabled)
        self.delete_dossier_action.setEnabled(enabled)

    def focus_search(self) -> None:
        if self.stack.currentIndex() != PAGE_LIST:
            self.show_list()
        self.list_page.focus_search()

    def new_meeting(self) -> None:
        if self._on_dossier():
            self.dossier_page.new_meeting()

    def new_note(self) -> None:
        if self._on_dossier():
            self.dossier_page.new_note()

    def delete_dossier(self) -> bool:
        """Delete the open dossier, after asking (Edit ▸ Undo and the recycle bin bring it back)."""
        if not self._on_dossier() or self._dossier_page is None or self._dossier_page.dossier is None:
            return False
        from tutor_app.services.record_words import dossier_of

        self._dossier_page.flush()
        dossier = self._dossier_page.dossier
        words = dossier_of(dossier.project, self.ctx.lang) or str(dossier.project["code"])
        return self.undo.delete_dossier(dossier.id, words)

    def _dossier_deleted(self, project_id: str) -> None:
        if self.open_dossier_id == project_id:
            assert self._dossier_page is not None
            self._dossier_page.forget()
            self.nav_dossier.hide()
            self.show_list()
        self._dossiers_moved()

    def _dossier_restored(self, _project_id: str) -> None:
        self._dossiers_moved()

    def _dossiers_moved(self) -> None:
        """A dossier left the list or came back: the list and Home count it again."""
        self._home_stale = True
        if self.list_page.is_loaded:
            self.list_page.load()
        if self.stack.currentIndex() == PAGE_HOME:
            self.show_home()

    def _project_changed(self, project_id: str) -> None:
        self._home_stale = True
        if self.list_page.is_loaded:
            self.list_page.refresh_row(project_id)

    # -- dialogs --------------------------------------------------------------------------------

    def new_dossier(self) -> str | None:
        """The new-dossier dialog; the dossier made opens at once (its id, or None if cancelled)."""
        from tutor_app.ui.new_dossier import open_new_dossier

        if self._dossier_page is not None:
            self._dossier_page.flush()
        project_id = open_new_dossier(self.ctx, self)
        if project_id is None:
            return None
        self.list_page.load()  # a new row: the list is read again (on a worker)
        self.open_dossier(project_id, "overview")
        return project_id

    def new_investor(self) -> str | None:
        """File ▸ New investor…: an investor with its contacts, found then by every new dossier."""
        from tutor_app.ui.new_dossier import open_new_investor

        investor_id = open_new_investor(self.ctx, self)
        if investor_id is not None:
            self.statusBar().showMessage(self.tr("Investor created: New dossier (Ctrl+N) finds it."), 8000)
        return investor_id

    def export_pdf(self, project_id: str | None = None) -> None:
        dialog_class = export_dialog_class()
        if dialog_class is None:
            QMessageBox.information(self, self.tr("Export PDF"), self.tr("PDF export is not part of this build yet."))
            return
        if project_id is None and self._on_dossier():
            project_id = self.open_dossier_id
        if self._dossier_page is not None:
            self._dossier_page.flush()
        dialog = dialog_class(self.ctx.ws, project_id, self)
        dialog.exec()

    def open_settings(self) -> None:
        from tutor_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self, ws=self.ctx.ws if self.ctx.is_ready else None)
        if not dialog.exec():
            return
        if dialog.server_changed:
            self.sync.target_changed()
            self._home_stale = True  # the home page says whether a server is set
            if self.stack.currentIndex() == PAGE_HOME:
                self.show_home()
        if dialog.language_changed:
            self.language_change_requested.emit(self.ctx.settings.language())

    def show_shortcuts(self) -> QDialog:
        """Help ▸ Keyboard shortcuts (F1)."""
        from tutor_app.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.menuBar(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _bring_up(dialog)
        return dialog

    def export_calendar(self, project_id: str | None, path: str | None = None) -> str | None:
        """My meetings and permit deadlines (of one dossier, or of every dossier of mine) as an
        iCalendar file for Outlook; the path written, or None."""
        from tutor_app.ui.calendar_export import export_calendar

        if self._dossier_page is not None:
            self._dossier_page.flush()
        return export_calendar(self.ctx, self, project_id, path)

    def explore_demo(self) -> bool:
        """The demo region in a process and window of its own (``tutor-app --demo``)."""
        from tutor_app.ui.demo_launch import launch_demo

        started = launch_demo()
        if not started:
            QMessageBox.warning(self, self.tr("Demo region"), self.tr("The demo region could not be started."))
        return started

    def about(self) -> None:
        from tutor_app.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    # -- closing --------------------------------------------------------------------------------

    def save_state(self) -> None:
        if self._dossier_page is not None:
            self._dossier_page.flush()
            self._dossier_page.save_state()
        settings = self.ctx.settings
        settings.set_state("main_window_geometry", self.saveGeometry())
        self.list_page.save_state()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync.shutdown()
        self.save_state()
        super().closeEvent(event)
