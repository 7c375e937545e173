"""Aftercare tab: dated notes with a topic and an optional follow-up date.

"New note" opens an empty draft; it becomes a record as soon as it has some text, so a note
typed on a site visit is stored while it is being written. "Delete note" sits beside "New note",
away from the note's date fields (a Tab too many after a date never deletes), and the delete can
be undone (the recycle bin).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import AftercareTopic
from tutor_app.services import aftercare
from tutor_app.store.queries import AftercareView, Dossier
from tutor_app.ui.context import AppContext
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.dossier_tables import COL_N_DATE, COL_N_FOLLOW, COL_N_TEXT, COL_N_TOPIC, ID_ROLE, NoteModel
from tutor_app.ui.widgets.fields import ComboField, DateField, FormBinder, TextField
from tutor_app.ui.widgets.record_table import record_table, select_quietly


class AftercareTab(QWidget):
    reload_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("aftercareTab")
        self.dossier: Dossier | None = None
        self.note_id: str | None = None
        self._pending_select: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        bar.addWidget(self.summary, 1)
        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.setObjectName("newNote")
        self.new_button.setToolTip(self.tr("New aftercare note (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.new_note)
        bar.addWidget(self.new_button)
        self.delete_button = QPushButton(self.tr("Delete note"))
        self.delete_button.setObjectName("deleteNote")
        self.delete_button.setToolTip(self.tr("The note goes to the recycle bin: Ctrl+Z brings it back"))
        self.delete_button.clicked.connect(self._delete)
        self.delete_button.setEnabled(False)
        bar.addWidget(self.delete_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)
        self.model = NoteModel(ctx.lang, self)
        self.model.today = ctx.ws.today()
        self.view = record_table(self.model, "noteTable", self.tr("Aftercare notes"), self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.resizeSection(COL_N_DATE, 90)
        header.resizeSection(COL_N_TOPIC, 170)
        header.setSectionResizeMode(COL_N_TEXT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_N_FOLLOW, 90)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        splitter.addWidget(self.view)

        editor = QWidget()
        editor.setObjectName("noteEditor")
        form = QFormLayout(editor)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        form.addRow(self.heading)
        self.binder = FormBinder(self._save, self)
        lang = ctx.lang
        self.binder.extend(
            [
                DateField("noted_on", self.tr("Date"), lang, required=True),
                ComboField("topic", self.tr("Topic"), AftercareTopic.choices(lang)),
                TextField(
                    "text",
                    self.tr("Note"),
                    min_lines=8,
                    placeholder=self.tr("What the company said, what was agreed, what to check…"),
                ),
                DateField("follow_up_on", self.tr("Follow-up on"), lang),
            ]
        )
        for field in self.binder.fields.values():
            label = QLabel(field.label)
            label.setBuddy(field.editor)
            form.addRow(label, field.box)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 480])
        editor.setEnabled(False)
        self.editor = editor

    # -- data -----------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier, same_record: bool) -> None:
        self.dossier = dossier
        keep = self._pending_select or (self.note_id if same_record else None)
        self._pending_select = None
        drafting = same_record and self.editor.isEnabled() and self.note_id is None
        notes = list(reversed(dossier.notes))  # newest first
        self.model.set_rows(notes)
        self.summary.setText(counted(self.tr("%n note(s)", "", len(notes)), len(notes)))
        if drafting:
            return
        position = self.model.row_of(keep) if keep else None
        if position is None and notes:
            position = 0
        if position is not None:
            self._select(position, same_record=keep is not None and keep == self.note_id)
        else:
            self.note_id = None
            self.editor.setEnabled(False)
            self.delete_button.setEnabled(False)
            self.heading.setText(self.tr("No notes yet: “New note” starts one."))

    def _select(self, position: int, same_record: bool) -> None:
        select_quietly(self.view, position)
        self._show_note(self.model.rows[position], same_record)

    def _show_note(self, note: AftercareView, same_record: bool) -> None:
        self.note_id = note.id
        self.editor.setEnabled(True)
        self.delete_button.setEnabled(True)
        self.heading.setText(AftercareTopic(note.topic).label(self.ctx.lang))
        self.binder.load(
            {"noted_on": note.noted_on, "topic": note.topic, "text": note.text, "follow_up_on": note.follow_up_on},
            keep_focused=same_record,
        )

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        self.binder.flush()
        position = self.model.row_of(str(indexes[0].data(ID_ROLE)))
        if position is not None:
            self._show_note(self.model.rows[position], same_record=False)

    def new_note(self) -> None:
        if self.dossier is None:
            return
        self.binder.flush()
        self.view.clearSelection()
        self.note_id = None
        self.editor.setEnabled(True)
        self.delete_button.setEnabled(False)
        self.heading.setText(self.tr("New note (saved as soon as you type)"))
        self.binder.load(
            {"noted_on": self.ctx.ws.today(), "topic": AftercareTopic.OTHER.value, "text": "", "follow_up_on": None}
        )
        self.binder.fields["text"].editor.setFocus()

    def _save(self, fields: dict[str, Any]) -> dict[str, Any]:
        assert self.dossier is not None
        if self.note_id is None:
            values = self.binder.values()
            if not str(values["text"] or "").strip():
                return {}  # a draft with no text yet: nothing worth keeping
            self.note_id = self.ctx.edit(self.dossier.id, aftercare.add_note, self.dossier.id, **values)
            self._pending_select = self.note_id
            self.delete_button.setEnabled(True)
            self.reload_requested.emit()
            return values
        changed = self.ctx.edit(self.dossier.id, aftercare.update_note, self.note_id, **fields)
        if changed:
            self._pending_select = self.note_id
            self.reload_requested.emit()
        return changed

    def flush(self) -> None:
        self.binder.flush()

    def _delete(self) -> None:
        if self.dossier is None or self.note_id is None:
            return
        self.binder.flush()
        self.ctx.delete(self.dossier.id, "aftercare_notes", self.note_id)
        self.note_id = None
        self.editor.setEnabled(False)  # no draft: the reload shows the next note
        self.reload_requested.emit()

    def select_after_reload(self, note_id: str) -> None:
        self._pending_select = note_id
