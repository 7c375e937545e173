"""Editing one meeting of a working table: who, where, agenda, minutes, decisions, action items.

A new meeting starts as a draft and becomes a record at its first saved field, so abandoning
"New meeting" leaves nothing behind. Every field then saves itself as the tutor goes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import WorkingTable
from tutor_app.domain.errors import TutorError, ValidationError
from tutor_app.domain.formatting import parse_date
from tutor_app.services import meetings
from tutor_app.store.queries import MeetingView
from tutor_app.ui.context import AppContext
from tutor_app.ui.error_messages import validation_text
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.models.dossier_tables import COL_A_DONE, COL_A_DUE, COL_A_OWNER, COL_A_TEXT, ActionModel
from tutor_app.ui.widgets.fields import ComboField, DateTimeField, FieldEditor, FormBinder, LineField, TextField
from tutor_app.ui.widgets.record_table import RecordTable


def next_half_hour(now: datetime) -> datetime:
    """The next half hour, or 9:00 when that falls outside office hours (a new meeting's default)."""
    base = now.replace(second=0, microsecond=0)
    slot = base + timedelta(minutes=(30 - base.minute % 30) % 30)
    if slot.hour < 8 or slot.hour >= 19 or slot.date() != base.date():
        slot = base.replace(hour=9, minute=0)
    return slot


class _ActionTable(RecordTable):
    """The action items at the height of five (their least, the header included): the room a
    screen has beyond that goes to the minutes and the other texts, where a tall table of two
    actions left the minutes two lines at 125 %. More than five scroll."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class MeetingEditor(QWidget):
    changed = Signal(str)  # meeting id: reload the timeline
    deleted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("meetingEditor")
        self.project_id: str | None = None
        self.meeting_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        # Two columns of fields, so that a 1366×768 laptop at 125 % shows the whole meeting, its
        # participants and at least five action items without scrolling (tests/ui/test_small_screens.py).
        self.binder = FormBinder(self._save, self)
        self.binder.extend(
            [
                ComboField("table", self.tr("Working table"), WorkingTable.choices(ctx.lang)),
                DateTimeField("starts_at", self.tr("Date and time")),
                LineField("place", self.tr("Place"), max_len=300),
                LineField("organisations", self.tr("Organisations"), max_len=5000),
                TextField(
                    "participants",
                    self.tr("Participants"),
                    min_lines=2,
                    placeholder=self.tr("One per line: name (organisation)"),
                ),
                TextField("agenda", self.tr("Agenda"), min_lines=2),
                TextField("minutes", self.tr("Minutes"), min_lines=2),
                TextField("decisions", self.tr("Decisions"), min_lines=2, placeholder=self.tr("One decision per line")),
            ]
        )
        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(4)
        for n, field in enumerate(self.binder.fields.values()):
            self._cell(form, field, n // 2, (n % 2) * 2)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        form.setRowStretch(2, 1)  # of the room there is, the minutes and decisions take the most
        form.setRowStretch(3, 2)
        layout.addLayout(form, 1)

        actions_title = QLabel(self.tr("Action items"))
        actions_title.setObjectName("sectionTitle")
        self.title_row = QHBoxLayout()
        self.title_row.addWidget(actions_title)
        layout.addLayout(self.title_row)
        self.action_model = ActionModel(ctx.lang, self._edit_action, self)
        self.action_model.today = ctx.ws.today()
        self.action_view = _ActionTable()
        self.action_view.setObjectName("actionTable")
        self.action_view.setAccessibleName(self.tr("Action items"))
        self.action_view.setModel(self.action_model)
        self.action_view.verticalHeader().hide()
        self.action_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = self.fontMetrics().height() + 8
        self.action_view.verticalHeader().setDefaultSectionSize(rows)
        self.action_view.setMinimumHeight(rows * 6 + 6)  # the header and five action items
        self.action_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.action_view.horizontalHeader()
        header.setSectionResizeMode(COL_A_DONE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_A_TEXT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_A_OWNER, 150)
        header.resizeSection(COL_A_DUE, 96)
        layout.addWidget(self.action_view)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.action_view,
            self._delete_action,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        add_row = QHBoxLayout()
        self.new_action_text = QLineEdit()
        self.new_action_text.setObjectName("newActionText")
        self.new_action_text.setPlaceholderText(self.tr("New action item…"))
        self.new_action_text.setAccessibleName(self.tr("New action item"))
        self.new_action_owner = QLineEdit()
        self.new_action_owner.setPlaceholderText(self.tr("Owner"))
        self.new_action_owner.setAccessibleName(self.tr("Owner of the new action item"))
        self.new_action_due = QLineEdit()
        self.new_action_due.setPlaceholderText(self.tr("Due dd/mm/yyyy"))
        self.new_action_due.setAccessibleName(self.tr("Due date of the new action item"))
        self.new_action_due.setMaximumWidth(130)
        self.add_action_button = QPushButton(self.tr("Add action"))
        self.add_action_button.clicked.connect(self.add_action)
        for edit in (self.new_action_text, self.new_action_owner, self.new_action_due):
            edit.returnPressed.connect(self.add_action)
        add_row.addWidget(self.new_action_text, 3)
        add_row.addWidget(self.new_action_owner, 1)
        add_row.addWidget(self.new_action_due)
        add_row.addWidget(self.add_action_button)
        layout.addLayout(add_row)
        self.action_error = QLabel()
        self.action_error.setObjectName("fieldError")
        self.action_error.hide()
        layout.addWidget(self.action_error)
        # Beside the "Action items" title (one row less), but made last: Tab reaches it only after
        # "Add action", never right after a date.
        self.heading = QLabel()  # what the editor holds: a draft says it is saved as soon as one types
        self.heading.setObjectName("muted")
        self.title_row.addWidget(self.heading, 1)
        self.delete_button = QPushButton(self.tr("Delete meeting"))
        self.delete_button.clicked.connect(self._delete)
        self.title_row.addWidget(self.delete_button)

    @staticmethod
    def _cell(grid: QGridLayout, field: FieldEditor, row: int, column: int) -> None:
        label = QLabel(field.label)
        label.setBuddy(field.editor)
        grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(field.box, row, column + 1)

    # -- showing ---------------------------------------------------------------------------------

    def show_meeting(self, project_id: str, meeting: MeetingView, same_record: bool) -> None:
        self.project_id = project_id
        self.meeting_id = meeting.id
        self.binder.load(
            {
                "table": meeting.table,
                "starts_at": meeting.starts_at,
                "place": meeting.place,
                "participants": meeting.participants,
                "organisations": meeting.organisations,
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
                "decisions": meeting.decisions,
            },
            keep_focused=same_record,
        )
        self.action_model.set_rows(meeting.actions)
        self._heading(meeting.table)
        self.delete_button.setEnabled(True)

    def start_new(self, project_id: str, table: str) -> None:
        """A draft: nothing is stored until the first field is saved (or an action is added)."""
        self.flush()
        self.project_id = project_id
        self.meeting_id = None
        # The workspace's "today" (pinned in tests and demos) with the wall clock's time of day.
        now = datetime.now().astimezone()
        starts = next_half_hour(datetime.combine(self.ctx.ws.today(), now.timetz()))
        self.binder.load(
            {
                "table": table,
                "starts_at": starts,
                "place": None,
                "participants": None,
                "organisations": None,
                "agenda": None,
                "minutes": None,
                "decisions": None,
            }
        )
        self.action_model.set_rows(())
        self.heading.setText(self.tr("New meeting (saved as soon as you type)"))
        self.delete_button.setEnabled(False)
        self.binder.fields["table"].editor.setFocus()  # the working table first, then the date (one Tab)

    def _heading(self, table: str) -> None:
        self.heading.setText("")  # the working table is the first field

    def flush(self) -> None:
        self.binder.flush()

    # -- saving ---------------------------------------------------------------------------------

    def _ensure_record(self) -> str:
        """The meeting's id, creating it from the draft's values first if needed."""
        if self.meeting_id is None:
            assert self.project_id is not None
            values = self.binder.values()
            self.meeting_id = self.ctx.edit(self.project_id, meetings.record_meeting, self.project_id, **values)
            self.delete_button.setEnabled(True)
            self._heading(values["table"])
            self.changed.emit(self.meeting_id)
        return self.meeting_id

    def _save(self, fields: dict[str, Any]) -> dict[str, Any]:
        if self.meeting_id is None:
            self._ensure_record()
            return {}
        changed = self.ctx.edit(self.project_id, meetings.update_meeting, self.meeting_id, **fields)
        if changed.keys() & {"table", "starts_at"}:
            if "table" in changed:
                self._heading(str(changed["table"]))
            self.changed.emit(self.meeting_id)
        return changed

    def add_action(self) -> None:
        text = self.new_action_text.text().strip()
        if not text:
            self.new_action_text.setFocus()
            return
        self.action_error.hide()
        try:
            due = parse_date(self.new_action_due.text(), "due_on")
            meeting_id = self._ensure_record()
            self.ctx.edit(
                self.project_id,
                meetings.add_action,
                meeting_id,
                text=text,
                owner=self.new_action_owner.text().strip() or None,
                due_on=due,
            )
        except ValidationError as exc:
            self.action_error.setText(validation_text(exc))
            self.action_error.show()
            return
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.new_action_text.clear()
        self.new_action_owner.clear()
        self.new_action_due.clear()
        self.new_action_text.setFocus()
        self.changed.emit(meeting_id)

    def _edit_action(self, action_id: str, field: str, value: Any) -> bool:
        self.action_error.hide()
        try:
            if field == "due_on":
                value = parse_date(str(value), "due_on")
            self.ctx.edit(self.project_id, meetings.update_action, action_id, **{field: value})
        except ValidationError as exc:
            self.action_error.setText(validation_text(exc))
            self.action_error.show()
            return False
        except TutorError as exc:
            show_known_error(self, exc)
            return False
        assert self.meeting_id is not None
        self.changed.emit(self.meeting_id)
        return True

    def _delete_action(self) -> None:
        index = self.action_view.currentIndex()
        if not index.isValid():
            return
        action = self.action_model.rows[index.row()]
        self.ctx.delete(self.project_id, "action_items", action.id)
        assert self.meeting_id is not None
        self.changed.emit(self.meeting_id)

    def _delete(self) -> None:
        if self.meeting_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete meeting"), self.tr("Delete this meeting and its action items?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.flush()
        self.ctx.delete(self.project_id, "meetings", self.meeting_id)
        self.meeting_id = None
        self.deleted.emit()
