"""A dossier: a header (code, title, investor, phase, save state) and four tabs.

The dossier is read in one call (a few queries, a few milliseconds even with 50 meetings) and
handed to each tab. Edits save themselves; changes that alter lists (a new meeting, a permit's
status) ask for a reload, coalesced and run after the current event so a model is never reset
from inside one of its own callbacks.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import ProjectStatus
from tutor_app.domain.places import country_name
from tutor_app.services import dossiers, home
from tutor_app.services.dossier_warnings import dossier_warnings
from tutor_app.services.sync_profile import last_sync_at, syncs_in_background
from tutor_app.store.queries import Dossier
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext
from tutor_app.ui.dossier.aftercare import AftercareTab
from tutor_app.ui.dossier.overview import OverviewTab
from tutor_app.ui.dossier.permits import PermitsTab
from tutor_app.ui.dossier.timeline import TimelineTab
from tutor_app.ui.dossier.warning_strip import WarningStrip
from tutor_app.ui.i18n import counted
from tutor_app.ui.widgets.elided_label import ElidedLabel

TABS = ("overview", "timeline", "permits", "aftercare")


class DossierPage(QWidget):
    back_requested = Signal()
    export_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dossierPage")
        self.dossier: Dossier | None = None
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(6)

        # The title beside the buttons, the code, investor and state below it across the page's
        # width: nothing of it is cut on a 1366×768 screen at 125 %.
        head = QGridLayout()
        head.setHorizontalSpacing(8)
        head.setVerticalSpacing(0)
        self.back_button = QPushButton(self.tr("← Dossiers"))
        self.back_button.setToolTip(self.tr("Back to the dossier list (Alt+Left)"))
        self.back_button.clicked.connect(self.back_requested)
        head.addWidget(self.back_button, 0, 0)
        self.title = ElidedLabel()  # a long title ends with "…" on a small screen, whole in its tooltip
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        # A long investor name never widens the page past a small screen: the line is cut at its end.
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        head.addWidget(self.title, 0, 1)
        head.addWidget(self.subtitle, 1, 0, 1, 4)
        head.setColumnStretch(1, 1)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setAccessibleName(self.tr("Save state"))
        head.addWidget(self.saved_label, 0, 2)
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.clicked.connect(lambda: self.dossier and self.export_requested.emit(self.dossier.id))
        head.addWidget(self.export_button, 0, 3)
        layout.addLayout(head)
        self.warnings = WarningStrip()
        layout.addWidget(self.warnings)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dossierTabs")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(ctx)
        self.timeline = TimelineTab(ctx)
        self.permits = PermitsTab(ctx)
        self.aftercare = AftercareTab(ctx)
        self.tabs.addTab(self.overview, self.tr("&Overview"))
        self.tabs.addTab(self.timeline, self.tr("&Timeline"))
        self.tabs.addTab(self.permits, self.tr("&Permits"))
        self.tabs.addTab(self.aftercare, self.tr("&Aftercare"))
        layout.addWidget(self.tabs, 1)

        self.overview.saved.connect(self._overview_saved)
        for tab in (self.overview, self.timeline, self.permits, self.aftercare):
            tab.reload_requested.connect(self.request_reload)
        ctx.events.project_changed.connect(self._project_changed)
        ctx.events.record_restored.connect(self._restored)

    # -- loading --------------------------------------------------------------------------------

    def open(self, project_id: str, tab: str = "overview") -> None:
        self.flush()
        self.dossier = dossiers.get_dossier(self.ctx.ws, project_id)
        self._show(same_record=False)
        self.show_tab(tab)
        self.saved_label.setText(self._pending_text())

    def focus_content(self) -> None:
        """Put the keyboard on the dossier's content: the tab's list of records, or the Overview's
        first field (not on a button of the header, nor left behind on the hidden list)."""
        tab = self.tabs.currentWidget()
        target: QWidget = self.overview.project.fields["title"].editor
        if isinstance(tab, TimelineTab | AftercareTab):
            target = tab.view if tab.view.model().rowCount() else tab.new_button
        elif isinstance(tab, PermitsTab):
            target = tab.view if tab.view.model().rowCount() else tab.add_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_tab(self, tab: str) -> None:
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))

    def show_record(self, kind: str, record_id: str, meeting_id: str = "") -> bool:
        """Select one record on its tab (a meeting, an action item in its meeting, a permit, a
        note) with the keyboard on it; False when it is not in this dossier."""
        if kind in ("meeting", "action"):
            self.show_tab("timeline")
            timeline = self.timeline
            wanted = meeting_id if kind == "action" else record_id
            if timeline.model.row_of(wanted) is None:  # hidden by the tab's own filters
                timeline.table_filter.setCurrentIndex(0)
                timeline.open_only.setChecked(False)
            found = timeline.select_meeting(wanted)
            if found and kind == "action":
                editor = timeline.editor
                row = editor.action_model.row_of(record_id)
                if row is None:
                    return False
                editor.action_view.selectRow(row)
                editor.action_view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if found:
                timeline.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return found
        tab: PermitsTab | AftercareTab
        if kind == "permit":
            tab = self.permits
        elif kind == "note":
            tab = self.aftercare
        else:
            return False
        self.show_tab("permits" if kind == "permit" else "aftercare")
        position = tab.model.row_of(record_id)
        if position is None:
            return False
        tab._select(position, same_record=False)
        tab.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc goes back to the list, unless the keyboard is in a field (Esc there is the field's:
        a popup, a cell being edited, a completer, close themselves first and never reach here)."""
        plain_escape = event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier
        if plain_escape and not is_editor(QApplication.focusWidget()):
            event.accept()
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def request_reload(self) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        if self.dossier is None:
            return
        self.dossier = dossiers.get_dossier(self.ctx.ws, self.dossier.id)
        self._show(same_record=True)

    def _show(self, same_record: bool) -> None:
        d = self.dossier
        assert d is not None
        lang = self.ctx.lang
        project, investor = d.project, d.investor
        self.title.set_full_text(f"{project['title']}")
        self.title.setToolTip(project["title"])
        phase = d.current_phase
        phase_text = ""
        if phase is not None:  # the stepper below names the phase's table
            colour = theme.table_colour(phase.table).name()
            phase_text = f" · <span style='color:{colour}; font-weight:600'>{escape(phase.label(lang))}</span>"
        country = country_name(investor["country"], lang)
        self.subtitle.setText(
            f"<b>{escape(str(project['code']))}</b> · {escape(str(investor['name']))} ({escape(country)})"
            f" · {escape(ProjectStatus(project['status']).label(lang))}{phase_text}"
        )
        self.subtitle.setToolTip(f"{investor['name']} ({country})")
        self.setWindowTitle(f"{project['code']} — {project['title']}")
        for tab in (self.overview, self.timeline, self.permits, self.aftercare):
            tab.show_dossier(d, same_record)
        self.warnings.show_warnings(dossier_warnings(self.ctx.ws, d.id))

    def _overview_saved(self, changed: dict[str, object]) -> None:
        if changed.keys() & {"phase", "title", "status", "name", "country"}:
            self.request_reload()

    def _restored(self, record: object) -> None:
        """A record came back (undo, the recycle bin): shown where it was, selected."""
        from tutor_app.services.recycle_bin import DeletedRecord

        if not isinstance(record, DeletedRecord):
            return  # a step taken back (a merge, a saved view): no record of a dossier
        if self.dossier is None or (record.project_id != self.dossier.id and record.table != "contacts"):
            return
        tabs: dict[str, TimelineTab | PermitsTab | AftercareTab] = {
            "meetings": self.timeline, "permit_items": self.permits, "aftercare_notes": self.aftercare}
        tab = tabs.get(record.table)
        if tab is not None:
            tab.select_after_reload(record.row_id)
            self.tabs.setCurrentWidget(tab)
        elif record.table == "contacts":
            self.show_tab("overview")
        self.request_reload()

    def forget(self) -> None:
        """The dossier is gone (deleted): nothing is shown or saved for it any more."""
        self._reload_timer.stop()
        self.dossier = None

    def _project_changed(self, project_id: str) -> None:
        if self.dossier is not None and project_id == self.dossier.id:
            self.saved_label.setText(
                self.tr("Saved at %1").replace("%1", datetime.now().strftime("%H:%M:%S")) + " · " + self._pending_text()
            )

    def _pending_text(self) -> str:
        assert self.dossier is not None
        pending = home.pending_for_project(self.ctx.ws, self.dossier.id)
        if pending:
            return counted(self.tr("%n change(s) of this dossier to sync", "", int(pending)), int(pending))
        # "everything synced" only where it is true: a profile that syncs and has synced
        synced = syncs_in_background(self.ctx.ws) and last_sync_at(self.ctx.ws) is not None
        return self.tr("everything synced") if synced else self.tr("nothing waiting to sync")

    # -- lifecycle ------------------------------------------------------------------------------

    def flush(self) -> None:
        """Save what is still being typed (a pending text pause) before leaving the dossier."""
        if self.dossier is None:
            return
        for tab in (self.overview, self.timeline, self.permits, self.aftercare):
            tab.flush()

    def save_state(self) -> None:
        self.timeline.save_state()

    def new_meeting(self) -> None:
        self.show_tab("timeline")
        self.timeline.new_meeting()

    def new_note(self) -> None:
        self.show_tab("aftercare")
        self.aftercare.new_note()


def is_editor(widget: QWidget | None) -> bool:
    """Whether a widget is one a user types in (a line, a text, a date, an editable list, a cell)."""
    if widget is None:
        return False
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
        return not (isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and widget.isReadOnly())
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    view = widget.parentWidget()
    while view is not None:  # a cell editor lives inside its view's viewport
        if isinstance(view, QAbstractItemView):
            return view.state() == QAbstractItemView.State.EditingState
        view = view.parentWidget()
    return False
