"""The PDF export dialog: choose sections and language, generate off the GUI thread with a
progress bar (and Cancel), look at the result in a PDF viewer, then "Save…" it where you want.

One project's dossier when opened with a ``project_id``, otherwise a portfolio report (with
phase, sector and province filters); either with its document-control fields (protocol, version,
classification, distribution list, signatory). Characters no font can print are listed after
the run, by dossier and field. Self-contained: the main window only opens it. The
report engine (``tutor_app.reports``) is plain Python; this dialog runs it on a worker thread
and turns its progress callback into a queued signal, and its Cancel button into the flag the
engine polls.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QPointF, Qt, Signal, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import Phase, Sector
from tutor_app.domain.errors import TutorError, ValidationError
from tutor_app.domain.places import PROVINCES
from tutor_app.files import atomic_file
from tutor_app.reports import (
    DOSSIER_SECTIONS,
    PORTFOLIO_SECTIONS,
    DossierOptions,
    PortfolioFilter,
    PortfolioOptions,
    ReportResult,
    export_dossier,
    export_portfolio,
)
from tutor_app.reports.branding import branding
from tutor_app.reports.control import DocumentControl
from tutor_app.reports.dossier import section_title as dossier_section_title
from tutor_app.reports.glyphs import describe
from tutor_app.reports.i18n import Words
from tutor_app.reports.portfolio import section_title as portfolio_section_title
from tutor_app.services.workspace import Workspace
from tutor_app.ui.error_messages import known_error_text
from tutor_app.ui.i18n import counted, ui_language
from tutor_app.ui.widgets.empty_note import ViewportNote

log = logging.getLogger("tutor.ui.export")


class _Bridge(QObject):
    """Carries the worker thread's news to the GUI thread (queued signals)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class ExportDialog(QDialog):
    """Export a dossier (``project_id`` given) or a portfolio report to PDF, with a preview."""

    def __init__(self, workspace: Workspace, project_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.project_id = project_id
        self.report: ReportResult | None = None
        self.saved_to: Path | None = None
        self.warnings: list[str] = []  # fields with characters no font can print, after a run
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._folder = Path(tempfile.mkdtemp(prefix="tutor-export-"))
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._bridge.succeeded.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.document = QPdfDocument(self)
        self.setWindowTitle(self.tr("Export dossier to PDF") if project_id else self.tr("Export portfolio to PDF"))
        # A 1366×768 laptop at 125 % has about 1093×614, less the task bar and the title bar.
        self.setMinimumSize(860, 500)
        self.resize(960, 540)
        self._build()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        panel = QWidget()
        panel.setFixedWidth(310)
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(0, 0, 0, 0)
        root.addWidget(panel, 0)
        # The choices scroll on a short screen; the buttons below them are always in view.
        options_panel = QWidget()
        side = QVBoxLayout(options_panel)
        side.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setObjectName("exportChoices")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(options_panel)
        outer.addWidget(scroll, 1)
        self.heading = QLabel(self._subject())
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600; font-size: 14px;")
        side.addWidget(self.heading)

        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("Italiano", "it")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if QLocale().language() != QLocale.Language.English else 1)
        form.addRow(self.tr("Language"), self.language)
        self.filters: dict[str, QComboBox] = {}
        lang = ui_language()  # the window's language (the PDF's own is chosen above)
        if self.project_id is None:
            # "All" in the words of the list's filters: Italian agrees it with each noun (Tutte le fasi).
            for key, label, every, choices in (
                ("phase", self.tr("Phase"), self.tr("All phases"), [(p.value, p.label(lang)) for p in Phase]),
                ("sector", self.tr("Sector"), self.tr("All sectors"),
                 [(s.value, s.short_label(lang)) for s in Sector]),
                ("province", self.tr("Province"), self.tr("All provinces"), [(p.code, p.name) for p in PROVINCES]),
            ):
                combo = QComboBox()
                combo.addItem(every, None)
                for code, name in choices:
                    combo.addItem(name, code)
                self.filters[key] = combo
                form.addRow(label, combo)
        side.addLayout(form)

        box = QGroupBox(self.tr("Sections"))
        sections = QGridLayout(box)
        sections.setVerticalSpacing(2)
        self.sections: dict[str, QCheckBox] = {}
        words = Words(lang)  # the window's language; the report's is chosen above
        keys = DOSSIER_SECTIONS if self.project_id else PORTFOLIO_SECTIONS
        titles: Callable[..., str] = dossier_section_title if self.project_id else portfolio_section_title
        for n, key in enumerate(keys):
            check = QCheckBox(titles(key, words, short=True))
            check.setChecked(True)
            check.toggled.connect(self._update_buttons)
            self.sections[key] = check
            sections.addWidget(check, n, 0)
        side.addWidget(box)
        side.addWidget(self._control_box())
        side.addStretch(1)
        side = outer

        self.generate_button = QPushButton(self.tr("Generate preview"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        side.addWidget(self.generate_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        self.progress.hide()
        side.addWidget(self.progress)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        side.addWidget(self.cancel_button)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        side.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        side.addLayout(buttons)

        # The choices fit the panel: a combo gives way to its width (a long choice, "Predefinita
        # della regione (Riservato)", pushed the panel past its scroll area, cutting the title
        # and hiding the combos' arrows), its list still shows every choice whole.
        for combo in options_panel.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setMinimumWidth(560)
        root.addWidget(self.view, 1)
        self.preview_note = ViewportNote(self.view, self.tr(
            "The PDF appears here: choose what it holds, then Generate preview."))

    def _control_box(self) -> QGroupBox:
        """Protocol, version, classification, distribution list and signatory of this document."""
        box = QGroupBox(self.tr("Document control"))
        form = QFormLayout(box)
        self.protocol = QLineEdit()
        form.addRow(self.tr("Protocol no."), self.protocol)
        self.version = QLineEdit()
        form.addRow(self.tr("Version"), self.version)
        self._control_labels = {"protocol": self.tr("Protocol no."), "version": self.tr("Version"),
                                "signatory": self.tr("Signed by"), "signatory_role": self.tr("Role")}
        self.classification = QComboBox()
        names = {"riservato": self.tr("Confidential"), "uso_interno": self.tr("Internal use"),
                 "pubblico": self.tr("Public")}
        default = names.get(branding().classification, branding().classification)
        self.classification.addItem(self.tr("Region default (%1)").replace("%1", default), None)
        for code, name in names.items():
            self.classification.addItem(name, code)
        form.addRow(self.tr("Classification"), self.classification)
        self.distribution = QPlainTextEdit()
        self.distribution.setPlaceholderText(self.tr("One recipient per line"))
        self.distribution.setFixedHeight(54)
        form.addRow(self.tr("Distribution"), self.distribution)
        self.signatory = QLineEdit()
        form.addRow(self.tr("Signed by"), self.signatory)
        self.signatory_role = QLineEdit()
        form.addRow(self.tr("Role"), self.signatory_role)
        return box

    def document_control(self) -> DocumentControl:
        """The control fields as typed (ValidationError for a bad one)."""
        return DocumentControl(
            protocol=self.protocol.text(), version=self.version.text(),
            distribution=tuple(self.distribution.toPlainText().splitlines()),
            classification=self.classification.currentData(), signatory=self.signatory.text(),
            signatory_role=self.signatory_role.text()).validated()

    def _subject(self) -> str:
        if self.project_id is None:
            return self.tr("Portfolio report")
        with self.workspace.store.read() as conn:
            row = conn.exec_driver_sql("SELECT code, title FROM projects WHERE id = ?", (self.project_id,)).first()
        return f"{row[0]} · {row[1]}" if row else self.project_id

    # -- generating ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def chosen_sections(self) -> frozenset[str]:
        return frozenset(key for key, check in self.sections.items() if check.isChecked())

    @Slot()
    def _update_buttons(self) -> None:
        self.generate_button.setEnabled(not self.running and bool(self.chosen_sections()))

    @Slot()
    def generate(self) -> None:
        """Start making the PDF on a worker thread (into this dialog's temp folder)."""
        if self.running or not self.chosen_sections():
            return
        self._close_document()
        self._cancel = threading.Event()
        out = self._folder / ("dossier.pdf" if self.project_id else "portfolio.pdf")
        try:
            job = self._job(out, self._cancel)
        except ValidationError as exc:  # a control field too long: said here, nothing started
            label = self._control_labels.get(exc.field)
            self.status.setText(f"{label}: {known_error_text(exc)}" if label else known_error_text(exc))
            return
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Generating the PDF…"))
        bridge = self._bridge
        cancel = self._cancel

        def work() -> None:  # on the worker thread: no widget is touched here
            try:
                result = job(bridge.progressed.emit, cancel.is_set)
            except BaseException as exc:  # delivered to the GUI thread, which decides what it means
                bridge.failed.emit(exc)
            else:
                bridge.succeeded.emit(result)

        self._thread = threading.Thread(target=work, name="tutor-export", daemon=True)
        self._thread.start()
        self._update_buttons()

    def _job(
        self, out: Path, cancel: threading.Event
    ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], ReportResult]:
        lang = str(self.language.currentData())
        sections = self.chosen_sections()
        control = self.document_control()
        ws, project_id = self.workspace, self.project_id
        if project_id is not None:
            options = DossierOptions(lang=lang, sections=sections, control=control)
            return lambda progress, stop: export_dossier(ws, project_id, out, options, progress, stop)
        filters = PortfolioFilter(**{key: combo.currentData() for key, combo in self.filters.items()})
        portfolio = PortfolioOptions(lang=lang, sections=sections, control=control)
        return lambda progress, stop: export_portfolio(ws, out, filters, portfolio, progress, stop)

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()
        self.status.setText(self.tr("Cancelling…"))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    @Slot(object)
    def _on_done(self, result: ReportResult) -> None:
        self._finish_run()
        self.report = result
        self.document.load(str(result.path))
        self.preview_note.hide()
        self.view.pageNavigator().jump(0, QPointF(), 0)
        status = counted(self.tr("%n page(s), ready to save.", "", result.pages), result.pages)
        self.warnings = describe(result.unprintable, Words(ui_language()))  # said to the user, in their language
        if self.warnings:
            status += "\n\n" + counted(self.tr("%n field(s) hold characters no font can print; the PDF shows � "
                                         "in their place:", "", len(self.warnings)), len(self.warnings))
            status += "\n" + "\n".join(f"• {line}" for line in self.warnings)
        self.status.setText(status)
        self.save_button.setEnabled(True)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._finish_run()
        if isinstance(exc, TutorError):  # a cancel too: "no PDF was made"
            self.status.setText(known_error_text(exc))
        else:
            self.status.setText(self.tr("The PDF could not be made."))
            raise exc  # a bug: the app's crash handler reports it

    def _finish_run(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    # -- saving ----------------------------------------------------------------------------------

    def suggested_name(self) -> str:
        if self.project_id is None:
            return "portafoglio.pdf" if self.language.currentData() == "it" else "portfolio.pdf"
        code = self.heading.text().split(" · ")[0]
        return f"dossier-{code}.pdf"

    @Slot()
    def save(self) -> None:
        """Ask where, then copy the previewed PDF there (all at once: no half-written file)."""
        if self.report is None:
            return
        start = str(Path.home() / self.suggested_name())
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), start, self.tr("PDF files (*.pdf)"))
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
        try:
            with atomic_file(target) as temp:
                shutil.copyfile(self.report.path, temp)
        except TutorError as exc:
            QMessageBox.warning(self, self.tr("Save PDF"), known_error_text(exc))
            return
        self.saved_to = target
        self.status.setText(self.tr("Saved to %1").replace("%1", str(target)))
        self.accept()

    # -- closing ---------------------------------------------------------------------------------

    def _close_document(self) -> None:
        self.document.close()
        self.report = None

    def done(self, code: int) -> None:
        """Closing stops a running export and removes the temporary files."""
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._close_document()
        with contextlib.suppress(OSError):
            shutil.rmtree(self._folder)
        super().done(code)

    def __repr__(self) -> str:
        return f"ExportDialog(project_id={self.project_id!r})"


def open_export_dialog(workspace: Workspace, project_id: str | None = None, parent: QWidget | None = None) -> Any:
    """Convenience for the menu actions: show the dialog modally; returns where it saved, or None."""
    dialog = ExportDialog(workspace, project_id, parent)
    dialog.exec()
    return dialog.saved_to
