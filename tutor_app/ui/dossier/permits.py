"""Permits tab: the checklist with each legal term's urgency highlighted, the selected permit
edited below it, and permits added from the catalogue or as custom items."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.deadlines import Urgency
from tutor_app.domain.enums import PermitStatus
from tutor_app.domain.errors import TutorError, ValidationError
from tutor_app.domain.formatting import format_date
from tutor_app.domain.permit_catalogue import CUSTOM_CODE, catalogue, permit_words
from tutor_app.services import permits
from tutor_app.store.queries import Dossier, PermitView
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext
from tutor_app.ui.error_messages import validation_text
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.i18n import counted, number
from tutor_app.ui.models.dossier_tables import (
    COL_P_AUTHORITY,
    COL_P_DECIDED,
    COL_P_DUE,
    COL_P_LIMIT,
    COL_P_NAME,
    COL_P_STATUS,
    COL_P_SUBMITTED,
    ID_ROLE,
    PermitModel,
)
from tutor_app.ui.widgets.fields import ComboField, DateField, FieldEditor, FormBinder, IntField, LineField, TextField
from tutor_app.ui.widgets.record_table import record_table, select_quietly

DUE_WIDTH = 190  # the deadline column at least: a date with "(sospeso)", its header


class PermitsTab(QWidget):
    reload_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("permitsTab")
        self.dossier: Dossier | None = None
        self.permit_id: str | None = None
        self._pending_select: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("permitSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        bar.addWidget(self.summary, 1)
        self.add_button = QPushButton(self.tr("Add permit…"))
        self.add_button.setObjectName("addPermit")
        self.add_button.clicked.connect(self.add_permit)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.model = PermitModel(ctx.lang, self)
        self.model.today = ctx.ws.today()
        self.view = record_table(self.model, "permitTable", self.tr("Permit checklist"),
                                 self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_P_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (  # the permit's name keeps about 180 px on a 1366×768 screen at 125 %
            (COL_P_AUTHORITY, 150),
            (COL_P_STATUS, 132),
            (COL_P_SUBMITTED, 88),
            (COL_P_LIMIT, 84),
            (COL_P_DUE, DUE_WIDTH),
            (COL_P_DECIDED, 88),
        ):
            header.resizeSection(column, width)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        splitter.addWidget(self.view)

        editor = QWidget()
        editor.setObjectName("permitEditor")
        grid = QGridLayout(editor)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        grid.addWidget(self.heading, 0, 0, 1, 4)
        self.binder = FormBinder(self._save, self)
        lang = ctx.lang
        fields: list[tuple[FieldEditor, int, int]] = [
            (LineField("name", self.tr("Permit"), max_len=300), 1, 0),
            (LineField("authority", self.tr("Competent authority"), max_len=300), 2, 0),
            (ComboField("status", self.tr("Status"), PermitStatus.choices(lang)), 3, 0),
            (IntField("time_limit_days", self.tr("Legal limit (days)"), lang), 4, 0),
            (DateField("submitted_on", self.tr("Submitted on"), lang), 1, 2),
            (DateField("expected_on", self.tr("Expected by"), lang), 2, 2),
            (DateField("decided_on", self.tr("Decided on"), lang), 3, 2),
        ]
        for field, row, column in fields:
            self.binder.add(field)
            label = QLabel(field.label)
            label.setBuddy(field.editor)
            grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field.box, row, column + 1)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clockLabel")
        self.clock_label.setWordWrap(True)
        grid.addWidget(self.clock_label, 4, 2, 1, 2)
        notes = self.binder.add(TextField("notes", self.tr("Notes"), min_lines=2))
        notes_label = QLabel(notes.label)
        notes_label.setBuddy(notes.editor)
        grid.addWidget(notes_label, 5, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(notes.box, 5, 1, 1, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.delete_button = QPushButton(self.tr("Remove from checklist"))
        self.delete_button.clicked.connect(self._delete)
        grid.addWidget(self.delete_button, 6, 3, Qt.AlignmentFlag.AlignRight)
        grid.setRowStretch(7, 1)
        self.binder.saved.connect(self._saved)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 250])
        editor.setEnabled(False)
        self.editor = editor

    # -- data -----------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier, same_record: bool) -> None:
        self.dossier = dossier
        keep = self._pending_select or (self.permit_id if same_record else None)
        self._pending_select = None
        self.model.set_rows(dossier.permits)
        self._fit_due_column()
        counts = {u: sum(1 for p in dossier.permits if p.clock.urgency is u) for u in Urgency}
        granted = sum(1 for p in dossier.permits if p.status is PermitStatus.GRANTED)
        permits = len(dossier.permits)
        parts = [counted(self.tr("%n permit(s)", "", permits), permits),
                 self.tr("%1 granted").replace("%1", number(granted))]
        if counts[Urgency.OVERDUE]:
            parts.append(
                f"<span style='color:{theme.URGENCY_TEXT[Urgency.OVERDUE]}; font-weight:600'>"
                + counted(self.tr("%n overdue", "", counts[Urgency.OVERDUE]), counts[Urgency.OVERDUE])
                + "</span>"
            )
        if counts[Urgency.DUE_SOON]:
            parts.append(
                f"<span style='color:{theme.URGENCY_TEXT[Urgency.DUE_SOON]}; font-weight:600'>"
                + counted(self.tr("%n due soon", "", counts[Urgency.DUE_SOON]), counts[Urgency.DUE_SOON])
                + "</span>"
            )
        if counts[Urgency.SUSPENDED]:
            parts.append(counted(self.tr("%n suspended", "", counts[Urgency.SUSPENDED]), counts[Urgency.SUSPENDED]))
        self.summary.setText(" · ".join(parts))
        position = self.model.row_of(keep) if keep else None
        if position is None and dossier.permits:
            position = 0
        if position is not None:
            self._select(position, same_record=keep is not None and keep == self.permit_id)
        else:
            self.permit_id = None
            self.editor.setEnabled(False)

    def _fit_due_column(self) -> None:
        """The deadline column says how late a term is, in bold, whole in either language (the
        Italian "in ritardo di 16 giorni" is the longer): as wide as this dossier's longest, the
        permit's name (whole in its tooltip and in the form below) keeps what is left."""
        bold = QFont(self.view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max((metrics.horizontalAdvance(text) for text in self.model.due_texts()), default=0)
        self.view.horizontalHeader().resizeSection(COL_P_DUE, max(DUE_WIDTH, widest + 16))

    def _select(self, position: int, same_record: bool) -> None:
        select_quietly(self.view, position)
        self.view.scrollTo(self.model.index(position, 0))
        self._show_permit(self.model.rows[position], same_record)

    def _show_permit(self, p: PermitView, same_record: bool) -> None:
        self.permit_id = p.id
        self.editor.setEnabled(True)
        self.heading.setText(permit_words(p.permit_code, p.name, self.ctx.lang).full)
        self.binder.load(
            {
                "name": p.name,
                "authority": p.authority,
                "status": p.status.value,
                "time_limit_days": p.time_limit_days,
                "submitted_on": p.submitted_on,
                "expected_on": p.expected_on,
                "decided_on": p.decided_on,
                "notes": p.notes,
            },
            keep_focused=same_record,
        )
        self.clock_label.setText(self._clock_text(p))

    def _clock_text(self, p: PermitView) -> str:
        if p.clock.due_on is None:
            return self.tr("No legal term running.")
        due = format_date(p.clock.due_on, self.ctx.lang)
        days = p.clock.days_left(self.ctx.ws.today()) or 0
        colour = theme.URGENCY_TEXT.get(p.clock.urgency, "#333")
        if p.clock.urgency is Urgency.SUSPENDED:
            text = self.tr("Term suspended (documents requested); it would end on %1.").replace("%1", due)
        elif days < 0:
            text = counted(self.tr("Legal deadline %1: passed %n day(s) ago.", "", -days), -days).replace("%1", due)
        else:
            text = counted(self.tr("Legal deadline %1: %n day(s) left.", "", days), days).replace("%1", due)
        return f"<span style='color:{colour}; font-weight:600'>{text}</span>"

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        self.binder.flush()
        position = self.model.row_of(str(indexes[0].data(ID_ROLE)))
        if position is not None:
            self._show_permit(self.model.rows[position], same_record=False)

    def _save(self, fields: dict[str, Any]) -> dict[str, Any]:
        assert self.dossier is not None and self.permit_id is not None
        return self.ctx.edit(self.dossier.id, permits.update_permit, self.permit_id, **fields)

    def _saved(self, changed: dict[str, Any]) -> None:
        # Status and dates move the legal clock and the colours: reload (the field being typed in is kept).
        self._pending_select = self.permit_id
        self.reload_requested.emit()

    def flush(self) -> None:
        self.binder.flush()

    def add_permit(self) -> None:
        if self.dossier is None:
            return
        dialog = AddPermitDialog(self.ctx, self.dossier.id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id:
            self._pending_select = dialog.created_id
            self.reload_requested.emit()

    def _delete(self) -> None:
        if self.dossier is None or self.permit_id is None:
            return
        self.binder.flush()
        self.ctx.delete(self.dossier.id, "permit_items", self.permit_id)
        self.permit_id = None
        self.reload_requested.emit()

    def select_after_reload(self, permit_id: str) -> None:
        self._pending_select = permit_id


class AddPermitDialog(QDialog):
    """Pick a permit from the catalogue (name, authority and legal limit come with it) or name your own."""

    def __init__(self, ctx: AppContext, project_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("Add permit"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("permitKind")
        self.kind.setAccessibleName(self.tr("Permit type"))
        # "AUA — Autorizzazione unica ambientale", in the order read: typing "AUA" finds it.
        for label, code in sorted(((p.label(ctx.lang), code) for code, p in catalogue().items()),
                                  key=lambda pair: pair[0].casefold()):
            self.kind.addItem(label, code)
        self.kind.addItem(self.tr("Custom permit…"), CUSTOM_CODE)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Type"), self.kind)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name of the permit"))
        form.addRow(self.tr("Name"), self.name)
        self.authority = QLineEdit()
        self.authority.setAccessibleName(self.tr("Competent authority"))
        form.addRow(self.tr("Authority"), self.authority)
        self.detail = QLabel()
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        form.addRow("", self.detail)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._kind_changed()

    def _kind_changed(self, *_args: object) -> None:
        code = self.kind.currentData()
        custom = code == CUSTOM_CODE
        if custom:
            self.name.clear()
            self.authority.clear()
            self.detail.setText(self.tr("A permit that is not in the catalogue: give it a name."))
            self.name.setFocus()
        else:
            permit = catalogue()[code]
            self.name.setText(permit.name(self.ctx.lang))
            self.authority.setText(permit.authority)
            days = permit.time_limit_days
            limit = counted(self.tr("%n day(s)", "", days), days) if days else "—"
            legal = self.tr("Legal limit")  # outside the f-string: lupdate finds it
            self.detail.setText(f"{permit.basis} · {legal}: {limit}")

    def _create(self) -> None:
        code = self.kind.currentData()
        values: dict[str, Any] = {"name": self.name.text(), "authority": self.authority.text() or None}
        if code == CUSTOM_CODE:
            values["time_limit_days"] = None
        try:
            self.created_id = self.ctx.edit(self.project_id, permits.add_permit, self.project_id, code, **values)
        except ValidationError as exc:
            self.error.setText(validation_text(exc))
            self.error.show()
            return
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.accept()
