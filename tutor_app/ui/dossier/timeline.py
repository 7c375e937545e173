"""Timeline tab: the meetings of the working tables, newest first, coloured per table, with the
open action items counted on every line; the selected meeting is edited on the right."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import Phase, WorkingTable
from tutor_app.domain.formatting import format_datetime
from tutor_app.store.queries import Dossier, MeetingView
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext
from tutor_app.ui.dossier.meeting_editor import MeetingEditor
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.dossier_tables import (
    COL_M_ACTIONS,
    COL_M_PLACE,
    COL_M_TABLE,
    COL_M_WHEN,
    ID_ROLE,
    MeetingModel,
)
from tutor_app.ui.widgets.record_table import record_table, select_quietly

WIDEST_WHEN = datetime(2000, 12, 28, 20, 0)  # the widest a meeting's date and time is written


class TimelineTab(QWidget):
    reload_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("timelineTab")
        self.dossier: Dossier | None = None
        self._pending_select: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(self.splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.table_filter = QComboBox()
        self.table_filter.setObjectName("tableFilter")
        self.table_filter.setAccessibleName(self.tr("Show meetings of"))
        self.table_filter.addItem(self.tr("All working tables"), None)
        for code, label in WorkingTable.choices(ctx.lang):
            self.table_filter.addItem(theme.table_swatch(code), label, code)
        self.table_filter.currentIndexChanged.connect(self._refilter)
        bar.addWidget(self.table_filter, 1)
        self.open_only = QCheckBox(self.tr("With open actions"))
        self.open_only.toggled.connect(self._refilter)
        bar.addWidget(self.open_only)
        left_layout.addLayout(bar)
        new_row = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        new_row.addWidget(self.summary, 1)
        self.new_button = QPushButton(self.tr("New meeting"))
        self.new_button.setObjectName("newMeeting")
        self.new_button.setToolTip(self.tr("New meeting (Ctrl+Shift+M)"))
        self.new_button.clicked.connect(self.new_meeting)
        new_row.addWidget(self.new_button)
        left_layout.addLayout(new_row)

        self.model = MeetingModel(ctx.lang, self)
        self.view = record_table(self.model, "meetingTable", self.tr("Meetings"), self.fontMetrics().height() + 10)
        self.view.setShowGrid(False)
        header = self.view.horizontalHeader()
        # The date and time whole, and the word of each phase's table ("Permitting", the colour
        # swatch beside it), in either language; Place takes what is left, about 90 px at 1366×768
        # and 125 % (a long one, or the name of an extra table, is elided: the tooltip says it
        # whole). The table's word was cut to "Tavolo p…", which told nothing.
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        metrics = self.view.fontMetrics()
        header.resizeSection(COL_M_WHEN, metrics.horizontalAdvance(format_datetime(WIDEST_WHEN, ctx.lang)) + 12)
        swatch = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.view)
        header.resizeSection(COL_M_TABLE, swatch + 14 + max(
            metrics.horizontalAdvance(phase.table.short_label(ctx.lang)) for phase in Phase))
        header.setSectionResizeMode(COL_M_PLACE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_M_ACTIONS, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        left_layout.addWidget(self.view, 1)
        self.splitter.addWidget(left)

        self.editor = MeetingEditor(ctx)
        self.editor.changed.connect(self._meeting_changed)
        self.editor.deleted.connect(self.reload_requested)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.editor)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.editor.setEnabled(False)
        state = ctx.settings.state("timeline_splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([490, 670])  # the meeting editor's two columns get the room

    def save_state(self) -> None:
        self.ctx.settings.set_state("timeline_splitter", self.splitter.saveState())

    # -- data -----------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier, same_record: bool) -> None:
        self.dossier = dossier
        keep = self._pending_select or (self.editor.meeting_id if same_record else None)
        self._pending_select = None
        self._refilter(keep=keep, same_record=same_record)
        if not same_record and self.model.rowCount() == 0:
            self.editor.setEnabled(False)

    def _visible(self) -> list[MeetingView]:
        assert self.dossier is not None
        table = self.table_filter.currentData()
        open_only = self.open_only.isChecked()
        return [
            m
            for m in reversed(self.dossier.meetings)  # newest first
            if (table is None or m.table == table) and (not open_only or m.open_actions)
        ]

    def _refilter(self, *_args: object, keep: str | None = None, same_record: bool = True) -> None:
        if self.dossier is None:
            return
        keep = keep or self.editor.meeting_id
        rows = self._visible()
        self.model.set_rows(rows)
        total_open = sum(m.open_actions for m in self.dossier.meetings)
        self.summary.setText(
            counted(self.tr("%n meeting(s)", "", len(self.dossier.meetings)), len(self.dossier.meetings))
            + " · "
            + counted(self.tr("%n open action item(s)", "", total_open), total_open)
        )
        position = self.model.row_of(keep) if keep else None
        if position is None and rows and not (self.editor.isEnabled() and self.editor.meeting_id is None):
            position = 0
        if position is not None:
            self._select_row(position, same_record and keep is not None)

    def _select_row(self, position: int, same_record: bool) -> None:
        index = self.model.index(position, COL_M_WHEN)
        select_quietly(self.view, position)
        self.view.scrollTo(index)
        meeting = self.model.rows[position]
        assert self.dossier is not None
        self.editor.setEnabled(True)
        self.editor.show_meeting(
            self.dossier.id, meeting, same_record=same_record and meeting.id == self.editor.meeting_id
        )

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self.dossier is None:
            return
        self.editor.flush()
        meeting_id = str(indexes[0].data(ID_ROLE))
        position = self.model.row_of(meeting_id)
        if position is not None:
            self.editor.setEnabled(True)
            self.editor.show_meeting(self.dossier.id, self.model.rows[position], same_record=False)

    def _meeting_changed(self, meeting_id: str) -> None:
        self._pending_select = meeting_id
        self.reload_requested.emit()

    def new_meeting(self) -> None:
        if self.dossier is None:
            return
        current = self.dossier.current_phase
        table = current.table.value if current else WorkingTable.POLITICAL.value
        self.view.clearSelection()
        self.editor.setEnabled(True)
        self.editor.start_new(self.dossier.id, table)

    def flush(self) -> None:
        self.editor.flush()

    def select_after_reload(self, meeting_id: str) -> None:
        self._pending_select = meeting_id

    def select_meeting(self, meeting_id: str) -> bool:
        position = self.model.row_of(meeting_id)
        if position is not None:
            self._select_row(position, False)
        return position is not None
