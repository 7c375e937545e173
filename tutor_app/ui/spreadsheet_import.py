"""File ▸ Import a spreadsheet…: the desktop face of ``services.importing`` (issue 14).

Four steps over the same functions as ``tutor-app import``: the file (its encoding, delimiter or
sheet as the reader found them), the column mapping (``importing.header``, editable, saved as a
named mapping profile), the dry run on a worker with Cancel and a preview of every row, then the
write in one local transaction on a worker. Nothing here decides what a row means: the rules are
the core's, the wizard shows them.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tutor_app.domain.errors import ImportCancelled, TutorError
from tutor_app.domain.formatting import format_int, format_money
from tutor_app.importing.columns import FIELDS, missing_required
from tutor_app.importing.dryrun import Plan, PlanRow
from tutor_app.importing.header import HeaderPreview, read_header
from tutor_app.importing.words import outcome_word
from tutor_app.services.importing import WriteResult
from tutor_app.ui.context import AppContext
from tutor_app.ui.error_messages import known_error_text
from tutor_app.ui.errors import show_error
from tutor_app.ui.i18n import counted
from tutor_app.ui.tasks import Task
from tutor_app.ui.widgets.screen_fit import fit_on_screen

_SUFFIXES = (".csv", ".txt", ".xlsx")
_IndexType = QModelIndex | QPersistentModelIndex


class PlanRowsModel(QAbstractTableModel):
    """Every row's outcome, one line per error of a wrong row; optionally the errors only."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._all: list[tuple[int, str, str, str]] = []  # row, outcome, column, what
        self._shown: list[tuple[int, str, str, str]] = []
        self.errors_only = False

    def set_rows(self, rows: list[PlanRow], path: str) -> None:
        lines: list[tuple[int, str, str, str]] = []
        for row in rows:
            if row.outcome == "error":
                from tutor_app.importing.words import reason_text

                lines += [(row.row, row.outcome, e.column or "", reason_text(e.reason, self.lang, **e.params))
                          for e in row.errors]
            else:  # the dry run's own sentence, less its "Row N: outcome" head shown in the columns
                head = f"{'Row' if self.lang == 'en' else 'Riga'} {row.row}: {outcome_word(row.outcome, self.lang)}"
                lines.append((row.row, row.outcome, "", row.text(path, self.lang)[len(head):].strip()))
        self.beginResetModel()
        self._all = lines
        self._shown = self._filtered()
        self.endResetModel()

    def set_errors_only(self, on: bool) -> None:
        self.beginResetModel()
        self.errors_only = on
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[tuple[int, str, str, str]]:
        return [line for line in self._all if line[1] == "error"] if self.errors_only else list(self._all)

    def rowCount(self, parent: _IndexType = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _IndexType = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: _IndexType, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row, outcome, column, what = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_int(row, self.lang), outcome_word(outcome, self.lang), column, what)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return outcome
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 4:
            return None
        names = (self.tr("Row"), self.tr("Outcome"), self.tr("Column"), self.tr("What the import does"))
        return names[section]


class SpreadsheetImportWizard(QWizard):
    """The four steps; ``imported`` carries the WriteResult once the rows are written."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.setObjectName("spreadsheetImportWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # The write has its own Stop (WritePage), which rolls it back; closing the window stops it too.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        self.header: HeaderPreview | None = None
        self.columns: dict[str, int] = {}
        self.plan: Plan | None = None
        self.task: Task[Any] | None = None
        self.write_result: WriteResult | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.write_page = WritePage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.write_page):
            self.addPage(page)
        self.finished.connect(self._drop_plan)

    def setVisible(self, visible: bool) -> None:
        """Shown no bigger than the screen less its task bar and the title bar (900×600 is taller
        than a 1366×768 laptop at 125 %): the buttons stay on it, the tables scroll."""
        if visible and not self.isVisible():
            fit_on_screen(self)
        super().setVisible(visible)

    def use_file(self, path: Path, mapping: str | None = None) -> bool:
        """Read the file's header (with a saved mapping profile); False, said on the page, when it
        cannot be read."""
        from tutor_app.services import importing

        saved = importing.mappings(self.ctx.ws).get(mapping) if mapping else None
        try:
            self.header = read_header(path, saved)
        except TutorError as exc:
            self.header = None
            self.file_page.show_problem(known_error_text(exc))
            return False
        self.columns = dict(self.header.columns)
        self.file_page.show_header(path, self.header)
        return True

    def overrides(self) -> dict[str, str]:
        assert self.header is not None
        return self.header.overrides(self.columns)

    def run_task(self, fn: Any, on_done: Any, progress: QProgressBar) -> None:
        progress.setRange(0, 0)
        progress.show()

        def report(done: int, total: int) -> None:
            if total:
                progress.setRange(0, 1000)
                progress.setValue(min(1000, done * 1000 // max(total, 1)))

        def failed(exc: BaseException) -> None:
            self.task = None
            progress.hide()
            page = self.currentPage()
            (page if isinstance(page, WritePage) else self.preview_page).stopped(exc)

        self.task = self.ctx.tasks.run_with_progress(fn, on_done, failed, owner=self)
        self.task.progressed.connect(report)

    def reject(self) -> None:
        """Closed while the rows are written: the write stops, rolled back, and the page says so
        (the wizard stays until then: what happened is said, not guessed)."""
        if self.currentPage() is self.write_page and self.write_page.writing:
            self.write_page.stop()
            return
        super().reject()

    def _drop_plan(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.plan is not None:
            folder = self.plan.folder
            self.plan.db.close()
            shutil.rmtree(folder, ignore_errors=True)
            self.plan = None


class FilePage(QWizardPage):
    def __init__(self, wizard: SpreadsheetImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("1. The spreadsheet"))
        self.setSubTitle(self.tr("A CSV file or an Excel workbook of investors and projects; you can also drop it "
                                 "here."))
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        row.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setObjectName("fileInfo")
        layout.addWidget(self.info_label)
        layout.addStretch(1)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a spreadsheet"), str(Path.home()),
                                              self.tr("Spreadsheets (*.csv *.xlsx *.txt)"))
        if path:
            self.w.use_file(Path(path))

    def show_header(self, path: Path, header: HeaderPreview) -> None:
        self.path_edit.setText(str(path))
        columns = len(header.header)
        text = counted(self.tr("Read as: %1. Header at row %2, %n column(s).", "", columns), columns)
        self.info_label.setText(text.replace("%1", header.info.describe(self.w.lang))
                                .replace("%2", format_int(header.row, self.w.lang)))
        self.info_label.setStyleSheet("")
        self.completeChanged.emit()

    def show_problem(self, text: str) -> None:
        self.info_label.setText(text)
        self.info_label.setStyleSheet("color: #b00020;")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.header is not None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].toLocalFile().lower().endswith(_SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.w.use_file(Path(event.mimeData().urls()[0].toLocalFile()))
        event.acceptProposedAction()


class MappingPage(QWizardPage):
    def __init__(self, wizard: SpreadsheetImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("2. The columns"))
        self.setSubTitle(self.tr("Which field each column of the file holds, as found from its name. Change "
                                 "what is wrong; a column set to “not imported” is left out."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Saved mapping:")))
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("mappingProfile")
        self.profile_combo.activated.connect(self._profile_chosen)
        row.addWidget(self.profile_combo, 1)
        self.save_button = QPushButton(self.tr("&Save mapping as…"))
        self.save_button.clicked.connect(self.save_profile)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setObjectName("mappingProblem")
        layout.addWidget(self.problem_label)

    def initializePage(self) -> None:
        from tutor_app.services import importing

        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(automatic, from the column names)"), None)
        for name in sorted(importing.mappings(self.w.ctx.ws)):
            self.profile_combo.addItem(name, name)
        self._fill()

    def _profile_chosen(self, index: int) -> None:
        assert self.w.header is not None
        self.w.use_file(self.w.header.info.path, self.profile_combo.itemData(index))
        self._fill()

    def _fill(self) -> None:
        header = self.w.header
        assert header is not None
        by_column = {index: key for key, index in self.w.columns.items()}
        self.table.setRowCount(len(header.header))
        for row, label in enumerate(header.header):
            self.table.setCellWidget(row, 0, QLabel(label or self.tr("(no name)")))
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), None)
            for f in FIELDS:
                combo.addItem(f.label(self.w.lang) + (" *" if f.required else ""), f.key)
            combo.setCurrentIndex(max(0, combo.findData(by_column.get(row))))
            combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self.set_field(r, c.currentData()))
            self.table.setCellWidget(row, 1, combo)
        self._check()

    def combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def set_field(self, column: int, key: str | None) -> None:
        """Column ``column`` holds ``key`` (None: nothing); a field is in one column only."""
        for other, at in list(self.w.columns.items()):
            if at == column or other == key:
                del self.w.columns[other]
                if at != column:
                    self.combo(at).blockSignals(True)
                    self.combo(at).setCurrentIndex(0)
                    self.combo(at).blockSignals(False)
        if key is not None:
            self.w.columns[key] = column
        self._check()

    def _check(self) -> None:
        missing = missing_required(self.w.columns)
        if missing:
            names = ", ".join(f.label(self.w.lang) for f in missing)
            self.problem_label.setText(self.tr("Required field(s) with no column: %1. Choose the column that holds "
                                               "them.", "", len(missing)).replace("%1", names))
        else:
            self.problem_label.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.header is not None and not missing_required(self.w.columns)

    def save_profile(self) -> None:
        from tutor_app.services import importing

        name, ok = QInputDialog.getText(self, self.tr("Save mapping"), self.tr("Name of the mapping:"))
        if not ok or not name.strip():
            return
        assert self.w.header is not None
        labels = {k: self.w.header.header[i] for k, i in self.w.columns.items()}
        try:
            importing.save_mapping(self.w.ctx.ws, name, labels)
        except TutorError as exc:
            show_error(self, exc)
            return
        self.profile_combo.addItem(name.strip(), name.strip())
        self.profile_combo.setCurrentIndex(self.profile_combo.count() - 1)


class PreviewPage(QWizardPage):
    """The dry run, on a worker, then what the import would do; nothing is written here."""

    def __init__(self, wizard: SpreadsheetImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("3. Dry run"))
        self.setSubTitle(self.tr("What every row would do. Nothing is written until you click Import."))
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        row.addWidget(self.progress, 1)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.stop_button)
        layout.addLayout(row)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setObjectName("importTotals")
        layout.addWidget(self.totals_label)
        options = QHBoxLayout()
        self.errors_only = QCheckBox(self.tr("Show only the &errors"))
        self.model = PlanRowsModel(wizard.lang, self)
        self.errors_only.toggled.connect(self.model.set_errors_only)
        options.addWidget(self.errors_only)
        options.addStretch(1)
        self.save_errors_button = QPushButton(self.tr("Save the errors to E&xcel…"))
        self.save_errors_button.clicked.connect(self.save_errors)
        options.addWidget(self.save_errors_button)
        layout.addLayout(options)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        self.only_valid = QCheckBox(self.tr("Import only the &valid rows"))
        self.only_valid.toggled.connect(self._update_state)
        layout.addWidget(self.only_valid)
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setObjectName("importBlocked")
        layout.addWidget(self.why_label)

    def initializePage(self) -> None:
        from tutor_app.services import importing

        self.w._drop_plan()
        self.model.set_rows([], "")
        self.only_valid.setChecked(False)
        self.totals_label.setText(self.tr("Reading the file…"))
        self.why_label.clear()
        self.stop_button.show()
        assert self.w.header is not None
        path, overrides, ws = self.w.header.info.path, self.w.overrides(), self.w.ctx.ws

        def work(task: Task[Any]) -> tuple[Plan, list[PlanRow]]:
            plan = importing.preview(ws, path, overrides=overrides, progress=task.report,
                                     cancel=lambda: task.cancelled)
            try:
                return plan, list(plan.rows())
            except BaseException:
                plan.close()
                raise

        self.w.run_task(work, self._previewed, self.progress)
        self._update_state()

    def stop(self) -> None:
        if self.w.task is not None:
            self.w.task.cancel()
            self.w.task = None
        self.progress.hide()
        self.stop_button.hide()
        self.totals_label.setText(self.tr("Dry run stopped: nothing was written."))
        self._update_state()

    def stopped(self, exc: BaseException) -> None:
        self.stop_button.hide()
        if isinstance(exc, TutorError):
            self.totals_label.setText(known_error_text(exc))
        else:
            show_error(self, exc)
        self._update_state()

    def _previewed(self, result: tuple[Plan, list[PlanRow]]) -> None:
        plan, rows = result
        self.w.task = None
        self.w.plan = plan
        self.progress.hide()
        self.stop_button.hide()
        self.model.set_rows(rows, plan.path.name)
        self.table.resizeColumnsToContents()
        lang = self.w.lang
        t = plan.totals
        text = self.tr("%1 rows: new investors %2, new dossiers %3, updated %4, unchanged %5, duplicates %6, "
                       "with errors %7.\nEstimated capex %8, new hires %9.")
        for n, value in enumerate((format_int(t.rows, lang), format_int(t.new_investors, lang),
                                   format_int(t.new_projects, lang), format_int(t.updated_projects, lang),
                                   format_int(t.unchanged, lang), format_int(t.duplicates, lang),
                                   format_int(t.errors, lang), format_money(t.capex_cents, lang),
                                   format_int(t.new_hires, lang)), start=1):
            text = text.replace(f"%{n}", value, 1)
        self.totals_label.setText(text)
        self.errors_only.setChecked(bool(t.errors))
        self._update_state()

    def _update_state(self, *_args: object) -> None:
        plan = self.w.plan
        errors = plan.totals.errors if plan is not None else 0
        self.save_errors_button.setEnabled(bool(errors))
        self.only_valid.setEnabled(bool(errors))
        self.errors_only.setEnabled(plan is not None)
        if plan is not None:
            t = plan.totals
            if errors and not self.only_valid.isChecked():
                self.why_label.setText(counted(self.tr(
                    "Import is off: %n row(s) have errors. Correct the file and read it again, or tick "
                    "“Import only the valid rows”.", "", errors), errors))
            elif t.new_projects + t.updated_projects + t.new_investors + t.updated_investors == 0:
                self.why_label.setText(self.tr("Nothing to import: every row is already in your dossiers."))
            else:
                self.why_label.clear()
        self.completeChanged.emit()

    def can_import(self) -> bool:
        plan = self.w.plan
        if plan is None or self.w.task is not None:
            return False
        t = plan.totals
        if t.errors and not self.only_valid.isChecked():
            return False
        return t.new_projects + t.updated_projects + t.new_investors + t.updated_investors > 0

    def isComplete(self) -> bool:
        return self.can_import()

    def save_errors(self, path: str | None = None) -> Path | None:
        from tutor_app.importing.workbook import write_error_workbook

        plan = self.w.plan
        if plan is None:
            return None
        if path is None:
            suffix = "-errors" if self.w.lang == "en" else "-errori"
            suggested = plan.path.with_name(plan.path.stem + suffix + ".xlsx")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the errors"), str(suggested),
                                                  self.tr("Excel workbooks (*.xlsx)"))
            if not path:
                return None
        try:
            return write_error_workbook(plan, Path(path), self.w.lang)
        except (TutorError, OSError) as exc:
            show_error(self, exc if isinstance(exc, TutorError) else RuntimeError(str(exc)))
            return None


class WritePage(QWizardPage):
    """The write: the whole plan in one local transaction, on a worker, with Stop (the transaction
    rolls back: nothing is written); then what was done."""

    def __init__(self, wizard: SpreadsheetImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("4. Import"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        row.addWidget(self.progress, 1)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setToolTip(self.tr("Stop the import: nothing is written"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        row.addWidget(self.stop_button)
        layout.addLayout(row)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("importSummary")
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        # Not the task's own cancel: a Stop that comes after the commit must not hide that the rows
        # were written; the write itself decides, inside its transaction (ImportCancelled).
        self._stop = threading.Event()
        self.writing = False
        self.was_stopped = False

    def initializePage(self) -> None:
        from tutor_app.services import importing

        plan, ws = self.w.plan, self.w.ctx.ws
        assert plan is not None
        only_valid = self.w.preview_page.only_valid.isChecked()
        self.summary_label.setText(self.tr("Writing…"))
        stop = self._stop
        stop.clear()

        def work(task: Task[Any]) -> WriteResult:
            return importing.write(ws, plan, only_valid=only_valid, progress=task.report, cancel=stop.is_set)

        self.writing = True
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.w.run_task(work, self._written, self.progress)

    def stop(self) -> None:
        if not self.writing:
            return
        self._stop.set()
        self.stop_button.setEnabled(False)
        self.summary_label.setText(self.tr("Stopping…"))

    def _ended(self) -> None:
        self.writing = False
        self.stop_button.hide()

    def _written(self, result: WriteResult) -> None:
        self._ended()
        self.w.task = None
        self.w.write_result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = self.tr("Imported: %1 new dossier(s), %2 updated, %3 new investor(s), %4 completed. The changes go "
                       "to the server with the next sync.")
        lang = self.w.lang
        for n, value in enumerate((result.projects_created, result.projects_updated, result.investors_created,
                                   result.investors_updated), start=1):
            text = text.replace(f"%{n}", format_int(value, lang))
        if result.rows_left_out:
            left_out = result.rows_left_out
            text += " " + counted(self.tr("%n row(s) with errors left out.", "", left_out), left_out)
        self.summary_label.setText(text)
        self.w.ctx.events.pending_changed.emit()
        self.w.imported.emit(result)
        self.completeChanged.emit()

    def stopped(self, exc: BaseException) -> None:
        self._ended()
        if isinstance(exc, ImportCancelled):
            self.summary_label.setText(self.tr("Import stopped: nothing was written. Close this window; "
                                               "the file can be imported again whenever you want."))
        elif isinstance(exc, TutorError):
            self.summary_label.setText(known_error_text(exc) + " " + self.tr("Nothing was written."))
        else:  # a bug: the transaction it broke out of rolled back
            self.summary_label.setText(self.tr("Nothing was written."))
            show_error(self, exc)
        self.was_stopped = True  # the window can be closed
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.write_result is not None or self.was_stopped
