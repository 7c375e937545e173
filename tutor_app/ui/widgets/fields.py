"""Form fields that save themselves: no Save button, nothing lost.

Each ``FieldEditor`` wraps one Qt editor for one domain field (its ``name`` is the field name
the core's ``ValidationError`` uses) and asks to be committed when the user is done with it:
combo boxes and check boxes at once, texts (one line or long) after a short pause in typing and
when they lose focus, so a laptop that dies in the middle of a word keeps what was typed before
the pause. A number or an amount is saved on a pause only once it reads as one, a date only when
the field is left (``12/03/20`` is a date on its way to ``12/03/2026``). ``FormBinder`` turns a commit into a service
call and shows a validation message right under the field. Qt's own undo (Ctrl+Z) works in
every text editor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from tutor_app.domain.errors import TutorError, ValidationError
from tutor_app.domain.formatting import format_date, format_int, format_money, parse_date, parse_int, parse_money
from tutor_app.ui.error_messages import validation_text
from tutor_app.ui.errors import show_known_error

TEXT_SAVE_DELAY_MS = 700  # a pause in typing long enough to be a pause, short enough to lose nothing


class FieldEditor(QObject):
    """One editor bound to one field; emits ``commit`` when its value should be saved."""

    commit = Signal(object)  # self

    def __init__(self, name: str, widget: QWidget, label: str) -> None:
        super().__init__(widget)
        self.name = name
        self.editor = widget
        self.label = label
        widget.setAccessibleName(label)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.box = QWidget()
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self.error)
        self._loading = False

    # to implement: the typed value (may raise ValidationError), and showing a value
    def value(self) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False
        self.clear_error()

    def request_commit(self) -> None:
        if not self._loading:
            self.commit.emit(self)

    def flush(self) -> None:
        """Commit now if something is waiting (a debounced text)."""

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.editor.setProperty("invalid", True)
        self.editor.setAccessibleDescription(message)
        self._repolish()

    def clear_error(self) -> None:
        if self.error.isVisible() or self.editor.property("invalid"):
            self.error.hide()
            self.editor.setProperty("invalid", False)
            self.editor.setAccessibleDescription("")
            self._repolish()

    @property
    def has_error(self) -> bool:
        return not self.error.isHidden()

    def _repolish(self) -> None:
        style = self.editor.style()
        style.unpolish(self.editor)
        style.polish(self.editor)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setEnabled(not read_only)


class LineField(FieldEditor):
    """A single line of text; saved after a pause in typing, when the user leaves the field and
    on Enter."""

    saves_on_pause = True

    def __init__(self, name: str, label: str, placeholder: str = "", max_len: int = 0) -> None:
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        if max_len:
            self.line.setMaxLength(max_len)
        self.line.setClearButtonEnabled(False)
        super().__init__(name, self.line, label)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TEXT_SAVE_DELAY_MS)
        self._pause.timeout.connect(self._paused)
        self.line.textEdited.connect(self._typed)  # the user's typing only, never set_value
        self.line.editingFinished.connect(self._finished)

    def _typed(self, _text: str) -> None:
        if self.saves_on_pause:
            self._pause.start()

    def _paused(self) -> None:
        # An emptied field is saved when it is left: a pause in retyping a title is no deletion.
        if self.line.isModified() and self.line.text().strip() and self._reads_whole():
            self.line.setModified(False)
            self.request_commit()

    def _finished(self) -> None:
        self._pause.stop()
        if self.line.isModified():
            self.line.setModified(False)
            self.request_commit()

    def flush(self) -> None:
        """Save what was typed and not saved yet, when it reads as a value (a dossier is left, a
        sync brings news); a half-typed value waits for the field to be left."""
        self._pause.stop()
        being_typed = not self.saves_on_pause and self.line.hasFocus()
        if self.line.isModified() and not being_typed and self._reads_whole():
            self.line.setModified(False)
            self.request_commit()

    def _reads_whole(self) -> bool:
        """Whether the text as it stands is a value of the field (always, for plain text)."""
        try:
            self.value()
        except ValidationError:
            return False
        return True

    def value(self) -> Any:
        return self.line.text()

    def _show(self, value: Any) -> None:
        self._pause.stop()
        self.line.setText("" if value is None else str(value))
        self.line.setCursorPosition(0)  # a text longer than the field shows its beginning
        self.line.setModified(False)


class VatField(LineField):
    """An investor's VAT number or tax code, read as the importer reads it (``domain.vat``): an
    Italian partita IVA with a wrong check digit is shown under the field and never saved; an
    emptied field clears the number. Kept as text, so leading zeros stay."""

    def __init__(self, name: str, label: str) -> None:
        from tutor_app.domain.vat import MAX_LEN

        super().__init__(name, label, placeholder="IT 01234567890", max_len=MAX_LEN + 10)  # room for spaces

    def value(self) -> Any:
        from tutor_app.domain.vat import canonical_vat

        return canonical_vat(self.line.text(), self.name)


class IntField(LineField):
    def __init__(self, name: str, label: str, lang: str) -> None:
        super().__init__(name, label)
        self.lang = lang
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> Any:
        return parse_int(self.line.text(), self.name)

    def _show(self, value: Any) -> None:
        super()._show(format_int(value, self.lang) if value is not None else "")


class MoneyField(LineField):
    """Euro typed as ``1.250.000`` or ``1250000,50``; held as cents."""

    def __init__(self, name: str, label: str, lang: str) -> None:
        super().__init__(name, label, placeholder="0 €")
        self.lang = lang
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> Any:
        return parse_money(self.line.text(), self.name)

    def _show(self, value: Any) -> None:
        super()._show(format_money(value, self.lang) if value is not None else "")


class DateField(LineField):
    """A date typed as DD/MM/YYYY or picked from a calendar; may be empty. Saved when the field is
    left or a day is picked, never on a pause (a date half typed often reads as another date)."""

    saves_on_pause = False

    def __init__(self, name: str, label: str, lang: str, required: bool = False) -> None:
        super().__init__(name, label, placeholder=QCoreApplication.translate("Fields", "dd/mm/yyyy"))
        self.lang = lang
        self.required = required
        self.line.setMaximumWidth(150)
        icon = self.line.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.pick = QAction(QIcon(icon), "", self.line)
        self.pick.setToolTip(QCoreApplication.translate("Fields", "Calendar (Alt+Down)"))
        self.pick.triggered.connect(self._open_calendar)
        self.line.addAction(self.pick, QLineEdit.ActionPosition.TrailingPosition)
        self.line.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None  # while the calendar is open

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Alt+Down or F4 opens the calendar, as on a date box or a drop-down list.
        if watched is self.line and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or (event.key() == Qt.Key.Key_F4 and not event.modifiers()):
                self._open_calendar()
                return True
        return False

    def value(self) -> date | None:
        parsed = parse_date(self.line.text(), self.name)
        if parsed is None and self.required:
            raise ValidationError(self.name, "is required")
        return parsed

    def _show(self, value: Any) -> None:
        super()._show(format_date(value, self.lang) if value else "")

    def _open_calendar(self) -> None:
        menu = QMenu(self.line)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        try:
            current = self.value()
        except ValidationError:
            current = None
        if current:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(day: QDate) -> None:
            menu.close()
            self.line.setText(format_date(date(day.year(), day.month(), day.day()), self.lang))
            self.request_commit()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)  # Enter on a day
        menu.aboutToHide.connect(lambda: setattr(self, "calendar", None))
        menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)  # the arrow keys move in the month at once
        self.calendar = calendar


class TextField(FieldEditor):
    """Long text (minutes, notes): saved after a pause in typing and when focus leaves."""

    def __init__(self, name: str, label: str, min_lines: int = 3, placeholder: str = "") -> None:
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(placeholder)
        line = self.text.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(line * min_lines + 12)
        super().__init__(name, self.text, label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._timer.timeout.connect(self._fire)
        self._dirty = False
        self.text.textChanged.connect(self._typed)
        self.text.installEventFilter(self)

    def _typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._timer.start()

    def _fire(self) -> None:
        if self._dirty:
            self._dirty = False
            self.request_commit()

    def flush(self) -> None:
        self._timer.stop()
        self._fire()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def value(self) -> Any:
        return self.text.toPlainText()

    def _show(self, value: Any) -> None:
        self._timer.stop()
        self._dirty = False
        self.text.setPlainText("" if value is None else str(value))


def unknown_text(code: str) -> str:
    """How an editor shows a stored code that is not among its choices."""
    return QCoreApplication.translate("Fields", "unknown (%1)").replace("%1", code)


class ComboField(FieldEditor):
    """A closed list (an enum's codes with their labels); saved as soon as one is chosen."""

    def __init__(
        self,
        name: str,
        label: str,
        choices: Sequence[tuple[str, str]],
        allow_empty: bool = False,
        empty_label: str = "—",
        editable: bool = False,
    ) -> None:
        self.combo = QComboBox()
        # As wide as the form gives it, not as wide as its longest choice (a country, a sector):
        # the form fits a small screen, and the open list shows the choices whole.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        if allow_empty:
            self.combo.addItem(empty_label, None)
        for code, text in choices:
            self.combo.addItem(text, code)
        if editable:  # long lists (countries): type to find
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = self.combo.completer()
            assert completer is not None  # an editable combo box always has one
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        super().__init__(name, self.combo, label)
        self._unknown = -1  # the index of the item standing for a stored code not among the choices
        self.combo.currentIndexChanged.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        if index != self._unknown or index < 0:  # choosing back the unknown code is no edit
            self.request_commit()

    def value(self) -> Any:
        if self.combo.isEditable() and self.combo.currentText() != self.combo.itemText(self.combo.currentIndex()):
            raise ValidationError(self.name, "unknown value")
        return self.combo.currentData()

    def _show(self, value: Any) -> None:
        if self._unknown >= 0:
            self.combo.removeItem(self._unknown)
            self._unknown = -1
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            # A code this version does not know (a newer app's, a damaged record): shown as it is,
            # never as the first choice, so nothing is saved unless the user picks another value.
            self.combo.addItem(unknown_text(str(value)), value)
            index = self._unknown = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


class CheckField(FieldEditor):
    def __init__(self, name: str, label: str) -> None:
        self.check = QCheckBox(label)
        super().__init__(name, self.check, label)
        self.check.toggled.connect(lambda _b: self.request_commit())

    def value(self) -> Any:
        return self.check.isChecked()

    def _show(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class MultiCheckField(FieldEditor):
    """A set of codes (instruments, services) as a grid of check boxes."""

    def __init__(self, name: str, label: str, choices: Sequence[tuple[str, str]], columns: int = 2) -> None:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for n, (code, text) in enumerate(choices):
            box = QCheckBox(text)
            box.setAccessibleName(f"{label}: {text}")
            grid.addWidget(box, n // columns, n % columns)
            self.boxes[code] = box
        super().__init__(name, holder, label)
        for box in self.boxes.values():
            box.toggled.connect(lambda _b: self.request_commit())
        self._grid, self._columns, self._known = grid, columns, len(self.boxes)

    def value(self) -> Any:
        return sorted(code for code, box in self.boxes.items() if box.isChecked())

    def _show(self, value: Any) -> None:
        chosen = set(value or ())
        for code in [c for c in list(self.boxes)[self._known:] if c not in chosen]:
            self.boxes.pop(code).deleteLater()  # an unknown code no longer stored
        for code in sorted(chosen - set(self.boxes)):
            # A code this version does not know: shown ticked, kept unless the user unticks it.
            box = QCheckBox(unknown_text(code))
            box.setAccessibleName(f"{self.label}: {box.text()}")
            n = len(self.boxes)
            self._grid.addWidget(box, n // self._columns, n % self._columns)
            self.boxes[code] = box
            box.toggled.connect(lambda _b: self.request_commit())
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


def place_field(grid: QGridLayout, row: int, column: int, field: FieldEditor, span: int = 1) -> QLabel:
    """A field with its label (its buddy, for the mnemonic) in a grid: the label level with the
    editor, the field's error under the editor; combo boxes as wide as the line edits."""
    label = QLabel(field.label)
    label.setBuddy(field.editor)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumHeight(field.editor.sizeHint().height())
    if isinstance(field, ComboField):
        field.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(field.box, row, column + 1, 1, span, Qt.AlignmentFlag.AlignTop)
    return label


SaveFn = Callable[[dict[str, Any]], Mapping[str, Any] | None]


class FormBinder(QObject):
    """Saves a field when it asks to be; shows the core's validation message under the right field."""

    saved = Signal(dict)  # the fields that really changed
    failed = Signal(str)  # a field name whose value was refused

    def __init__(self, save: SaveFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.fields: dict[str, FieldEditor] = {}

    def add(self, field: FieldEditor) -> FieldEditor:
        self.fields[field.name] = field
        field.commit.connect(self._commit)
        return field

    def extend(self, fields: Iterable[FieldEditor]) -> None:
        for field in fields:
            self.add(field)

    def load(self, values: Mapping[str, Any], keep_focused: bool = False) -> None:
        """Show values; with ``keep_focused`` the field being edited is left alone (no cursor jumps)."""
        focus = QApplication.focusWidget()
        for name, field in self.fields.items():
            if name not in values:
                continue
            if keep_focused and focus is not None and (field.editor is focus or field.editor.isAncestorOf(focus)):
                continue
            field.set_value(values[name])

    def values(self) -> dict[str, Any]:
        """Every field's typed value (raises ValidationError for the first one that cannot be read)."""
        return {name: field.value() for name, field in self.fields.items()}

    def flush(self) -> None:
        for field in self.fields.values():
            field.flush()

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            field.set_read_only(read_only)

    def _commit(self, field: FieldEditor) -> None:
        try:
            value = field.value()
            changed = self._save({field.name: value}) or {}
        except ValidationError as exc:
            target = self.fields.get(exc.field, field)
            target.show_error(validation_text(exc))
            self.failed.emit(target.name)
            return
        except TutorError as exc:
            show_known_error(field.editor.window(), exc)
            return
        field.clear_error()
        if changed:
            self.saved.emit(dict(changed))


class OneStopDateTimeEdit(QDateTimeEdit):
    """A date-time box that is one Tab stop: Tab leaves it (Qt's moves from day to month to year to
    hour to minute, five stops); the arrows and typing still move between its parts, and Alt+Down
    or F4 opens its calendar."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateTimeField(FieldEditor):
    """A meeting's date and time, in the computer's time zone; held as an aware datetime."""

    def __init__(self, name: str, label: str) -> None:
        self.edit = OneStopDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.edit.setMaximumWidth(190)
        super().__init__(name, self.edit, label)
        self._last: datetime | None = None
        self.edit.editingFinished.connect(self._finished)
        self.edit.calendarWidget().clicked.connect(lambda _d: self._finished())

    def _finished(self) -> None:
        if self.value() != self._last:
            self._last = self.value()
            self.request_commit()

    def value(self) -> datetime:
        chosen = self.edit.dateTime().toPython()
        assert isinstance(chosen, datetime)
        return chosen.astimezone()

    def _show(self, value: Any) -> None:
        local = value.astimezone() if value is not None else datetime.now().astimezone()
        self._last = local.replace(second=0, microsecond=0)
        self.edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)))
