"""The six phases of an investment as a row of steps: each shows its working table and the date
the project entered it. Clicking a later step advances the project; the current step offers to
undo the last advance. Plain buttons, so keyboard and screen readers work without extra code.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import Phase
from tutor_app.domain.formatting import format_date
from tutor_app.store.queries import PhaseEntryView
from tutor_app.ui import theme


class PhaseStepper(QWidget):
    advance_requested = Signal(str, object)  # phase code, date entered
    undo_requested = Signal(str)  # phase entry id

    def __init__(self, lang: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.today = today
        self.setObjectName("phaseStepper")
        self.setAccessibleName(self.tr("Phases of the project"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: dict[Phase, QPushButton] = {}
        self.entries: dict[Phase, PhaseEntryView] = {}
        self.current: Phase | None = None
        for phase in Phase:
            button = QPushButton()
            button.setObjectName(f"step_{phase.value}")
            button.setMinimumHeight(62)
            button.clicked.connect(lambda _c=False, p=phase: self._clicked(p))
            layout.addWidget(button, 1)
            self.buttons[phase] = button

    def set_entries(self, entries: tuple[PhaseEntryView, ...], current: Phase | None) -> None:
        self.entries = {e.phase: e for e in entries}
        self.current = current
        for phase, button in self.buttons.items():
            entry = self.entries.get(phase)
            colour = theme.TABLE_COLOURS[phase.table]
            when = format_date(entry.entered_on, self.lang) if entry else "—"
            button.setText(f"{phase.order + 1}. {phase.label(self.lang)}\n{phase.table.label(self.lang)}\n{when}")
            if phase is current:
                style = f"background: {colour}; color: white; font-weight: 600; border: 2px solid {colour};"
                state = self.tr("current phase, entered on %1").replace("%1", when)
            elif entry is not None:
                style = (
                    f"background: white; color: #1b2733; border: 1px solid {colour}; border-top: 5px solid {colour};"
                )
                state = self.tr("entered on %1").replace("%1", when)
            else:
                style = "background: #f3f5f8; color: #7a8694; border: 1px dashed #b9c2cc;"
                state = self.tr("not reached yet")
            button.setStyleSheet(
                f"QPushButton {{ {style} border-radius: 4px; padding: 4px 6px; text-align: left; }}"
                "QPushButton:focus { outline: 2px solid #0b5394; }"
            )
            button.setAccessibleName(f"{phase.label(self.lang)} ({phase.table.label(self.lang)}): {state}")
            future = current is None or phase.order > current.order
            button.setToolTip(
                self.tr("Click to record that the project entered this phase")
                if future
                else self.tr("Click to undo this phase")
                if phase is current
                else state
            )

    def _clicked(self, phase: Phase) -> None:
        if self.current is None or phase.order > self.current.order:
            dialog = AdvanceDialog(phase, self.lang, self.today, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.advance_requested.emit(phase.value, dialog.chosen_date())
        elif phase is self.current and len(self.entries) > 1:
            menu = QMenu(self)
            undo = menu.addAction(self.tr("Undo: the project is not in “%1”").replace("%1", phase.label(self.lang)))
            button = self.buttons[phase]
            chosen = menu.exec(button.mapToGlobal(button.rect().bottomLeft()))
            if chosen is undo:
                self.undo_requested.emit(self.entries[phase].id)


class AdvanceDialog(QDialog):
    """Which day the project entered the phase (today unless the tutor says otherwise)."""

    def __init__(self, phase: Phase, lang: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Advance the phase"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("The project entered the phase “%1” (%2) on:")
            .replace("%1", phase.label(lang))
            .replace("%2", phase.table.label(lang))
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self.calendar.setAccessibleName(self.tr("Date the phase was entered"))
        layout.addWidget(self.calendar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_date(self) -> date:
        selected = self.calendar.selectedDate()
        return date(selected.year(), selected.month(), selected.day())
