"""Overview tab: the phase stepper, the project's and the investor's fields (each saved as soon as
it is edited, with the validation message under the field), contacts and tutors."""

from __future__ import annotations

from typing import Any

from babel import Locale

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import BusinessFunction, Instrument, ProjectKind, ProjectStatus, Role, Sector, ServiceGiven
from tutor_app.domain.places import PROVINCES, country_name
from tutor_app.services import dossiers, investors
from tutor_app.store.queries import Dossier
from tutor_app.ui.context import AppContext
from tutor_app.ui.dossier.contacts import ContactsBox
from tutor_app.ui.dossier.phase_stepper import PhaseStepper
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.dossier_index import fold
from tutor_app.ui.widgets.fields import (
    CheckField,
    ComboField,
    FieldEditor,
    FormBinder,
    IntField,
    LineField,
    MoneyField,
    MultiCheckField,
    TextField,
    VatField,
)


def _form(group: QGroupBox) -> QFormLayout:
    form = QFormLayout(group)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    # Every field as wide as the column: a word-wrapped label ("Maria Rossi — Project tutor") left
    # at its own size hint wraps into two lines where the form, which reckons its height at the
    # column's width, keeps one, and is cut to half-height text.
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(6)
    return form


def _row(form: QFormLayout, field: FieldEditor) -> None:
    if isinstance(field, ComboField):  # combos as wide as the line edits: a tidy column
        field.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    label = QLabel(field.label)
    label.setBuddy(field.editor)
    form.addRow(label, field.box)


class OverviewTab(QWidget):
    saved = Signal(dict)
    reload_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("overviewTab")
        self.dossier: Dossier | None = None
        self.investor_dossiers = 0
        lang = ctx.lang
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 0)
        self.stepper = PhaseStepper(lang, ctx.ws.today())
        outer.addWidget(self.stepper)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        body = QWidget()
        scroll.setWidget(body)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 6, 6, 6)
        columns.setSpacing(12)

        # -- the project ---------------------------------------------------------------------
        project_box = QGroupBox(self.tr("Project"))
        form = _form(project_box)
        self.project = FormBinder(self._save_project, self)
        p = self.project
        p.extend(
            [
                LineField("title", self.tr("Title"), max_len=300),
                ComboField("kind", self.tr("Kind"), ProjectKind.choices(lang)),
                ComboField("sector", self.tr("Sector"), Sector.choices(lang)),
                ComboField("function", self.tr("Function"), BusinessFunction.choices(lang)),
                ComboField("status", self.tr("Status"), ProjectStatus.choices(lang)),
                MoneyField("capex_cents", self.tr("Estimated capex"), lang),
                IntField("new_hires", self.tr("New hires"), lang),
                LineField("municipality", self.tr("Municipality"), max_len=120),
                ComboField(
                    "province",
                    self.tr("Province"),
                    [(pr.code, f"{pr.code} — {pr.name}") for pr in PROVINCES],
                    allow_empty=True,
                ),
            ]
        )
        for field in p.fields.values():
            _row(form, field)
        flags = QVBoxLayout()  # one above the other: the form stays narrow enough for a small screen
        flags.setSpacing(2)
        flags.addWidget(p.add(CheckField("zis", self.tr("ZIS (simplified investment zone)"))).box)
        flags.addWidget(p.add(CheckField("zls", self.tr("ZLS (simplified logistics zone)"))).box)
        form.addRow(QLabel(self.tr("Zones")), flags)
        _row(form, p.add(TextField("description", self.tr("Description"), min_lines=3)))
        columns.addWidget(project_box, 3)

        right = QVBoxLayout()
        right.setSpacing(10)
        support_box = QGroupBox(self.tr("Instruments and services"))
        support = _form(support_box)
        support.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the boxes under their label: narrower
        _row(support, p.add(MultiCheckField("instruments", self.tr("Instruments"), Instrument.choices(lang))))
        _row(support, p.add(MultiCheckField("services", self.tr("Services given"), ServiceGiven.choices(lang))))

        # -- the investor --------------------------------------------------------------------
        investor_box = QGroupBox(self.tr("Investor"))
        iform = _form(investor_box)
        self.shared_investor = QLabel()  # an investor of several dossiers: an edit here changes them all
        self.shared_investor.setObjectName("muted")
        self.shared_investor.setWordWrap(True)
        self.shared_investor.hide()
        iform.addRow(self.shared_investor)
        self.investor = FormBinder(self._save_investor, self)
        countries = country_choices(lang)
        self.investor.extend(
            [
                LineField("name", self.tr("Company"), max_len=300),
                ComboField("country", self.tr("Country of origin"), countries, editable=True),
                ComboField("sector", self.tr("Sector"), Sector.choices(lang), allow_empty=True),
                LineField("website", self.tr("Website"), max_len=500),
                LineField("parent_group", self.tr("Parent group"), max_len=300),
                VatField("vat_number", self.tr("VAT number / tax code")),
            ]
        )
        for field in self.investor.fields.values():
            _row(iform, field)
        self.contacts = ContactsBox(ctx)
        self.contacts.changed.connect(self.reload_requested)
        iform.addRow(QLabel(self.tr("Contacts")), self.contacts)
        self.tutors = QLabel()
        self.tutors.setWordWrap(True)
        iform.addRow(QLabel(self.tr("Tutors")), self.tutors)
        right.addWidget(investor_box)
        right.addWidget(support_box)
        right.addStretch(1)
        columns.addLayout(right, 2)

        self.project.saved.connect(self.saved)
        self.investor.saved.connect(self.saved)
        self.stepper.advance_requested.connect(self._advance)
        self.stepper.undo_requested.connect(self._undo_phase)

    # -- data -----------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier, same_record: bool) -> None:
        self.dossier = dossier
        self.stepper.set_entries(dossier.phases, dossier.current_phase)
        self.project.load(dossier.project, keep_focused=same_record)
        self.investor.load(dossier.investor, keep_focused=same_record)
        self.investor_dossiers = investors.dossiers_of_investor(self.ctx.ws, str(dossier.investor["id"]))
        self.shared_investor.setText(counted(self.tr("Investor of %n dossier(s) here: what you change in it changes in "
                                             "all of them.", "", self.investor_dossiers), self.investor_dossiers))
        self.shared_investor.setVisible(self.investor_dossiers > 1)
        self.contacts.show_contacts(dossier.id, str(dossier.investor["id"]), dossier.contacts)
        self.tutors.setText(
            "\n".join(f"{name} — {Role(role).label(self.ctx.lang)}" for name, role in dossier.tutors) or "—"
        )

    def flush(self) -> None:
        self.project.flush()
        self.investor.flush()

    def _save_project(self, fields: dict[str, Any]) -> dict[str, Any]:
        assert self.dossier is not None
        return self.ctx.edit(self.dossier.id, dossiers.update_project, self.dossier.id, **fields)

    def _save_investor(self, fields: dict[str, Any]) -> dict[str, Any]:
        assert self.dossier is not None
        investor = self.dossier.investor
        renamed = "name" in fields and str(fields["name"]).strip() != investor["name"]
        if renamed and not self._rename_everywhere(fields["name"]):
            self.investor.fields["name"].set_value(investor["name"])  # taken back: nothing saved
            return {}
        return self.ctx.edit(self.dossier.id, dossiers.update_investor, investor["id"], **fields)

    def _rename_everywhere(self, name: object) -> bool:
        """A rename of an investor of several dossiers says how many it touches, and asks."""
        assert self.dossier is not None
        count = self.investor_dossiers  # read with the dossier, again after every sync
        if count <= 1:
            return True
        answer = QMessageBox.question(
            self, self.tr("Rename the investor"),
            counted(self.tr("%1 is the investor of %n dossier(s) you can see. Rename it to %2 in all of them?", "",
                            count), count)
            .replace("%1", str(self.dossier.investor["name"])).replace("%2", str(name).strip()))
        return answer == QMessageBox.StandardButton.Yes

    def _advance(self, phase: str, entered_on: Any) -> None:
        assert self.dossier is not None
        from tutor_app.domain.errors import TutorError
        from tutor_app.ui.errors import show_known_error

        try:
            self.ctx.edit(self.dossier.id, dossiers.advance_phase, self.dossier.id, phase, entered_on)
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.saved.emit({"phase": phase})

    def _undo_phase(self, entry_id: str) -> None:
        assert self.dossier is not None
        self.ctx.delete(self.dossier.id, "phase_entries", entry_id)  # to the recycle bin: Ctrl+Z brings it back
        self.saved.emit({"phase": None})


def country_choices(lang: str) -> list[tuple[str, str]]:
    """ISO 3166 alpha-2 codes with their names in the user's language, sorted by name."""
    codes = [str(code) for code in Locale("en").territories if len(str(code)) == 2 and str(code).isalpha()]
    return sorted(((code, country_name(code, lang)) for code in codes), key=lambda c: fold(c[1]))
