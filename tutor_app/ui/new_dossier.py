"""New dossier (File ▸ New dossier…, Ctrl+N): a two-step dialog, investor then project.

Step one finds the investor as its name is typed (normalised name, optionally one country:
``services.investors``), or makes a new one with its contacts; a new investor with the name and
country of one already here is pointed out first (they would be the same company twice). Step
two asks the project: title, kind, sector, function, place, capex, hires, the first phase and
its date. ``Create dossier`` writes it all in one transaction (``services.dossiers.create_dossier``:
the permit checklist from the template for kind and function, me as its tutor); a refused value
is said under its field, on its step. Every control is reached with the keyboard: Down goes from
the search box to the list, Enter takes the highlighted investor and goes on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import BusinessFunction, Phase, ProjectKind, Sector
from tutor_app.domain.errors import TutorError, ValidationError
from tutor_app.domain.places import PROVINCES, country_name
from tutor_app.services import dossiers, investors
from tutor_app.services.dossiers import NewInvestor
from tutor_app.services.investors import InvestorChoice
from tutor_app.ui.context import AppContext
from tutor_app.ui.error_messages import validation_text
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.investors import COL_COUNTRY, COL_DOSSIERS, COL_NAME, InvestorModel
from tutor_app.ui.widgets.fields import (
    ComboField,
    DateField,
    FieldEditor,
    IntField,
    LineField,
    MoneyField,
    place_field,
)

STEP_INVESTOR, STEP_PROJECT = range(2)
FIND, NEW = range(2)  # the two views of the investor step
CONTACT_FIELDS = ("name", "role", "email", "phone")
CONTACT_LIMITS = {"name": 200, "role": 200, "email": 320, "phone": 50}
MAX_CONTACTS = 4


def country_choices(lang: str) -> list[tuple[str, str]]:
    from tutor_app.ui.dossier.overview import country_choices as choices  # the Overview's list

    return choices(lang)


class NewDossierDialog(QDialog):
    """Accepted once the dossier exists: ``created_id`` is its id. With ``investor_only`` it is
    File ▸ New investor…: the new-investor form alone, and ``created_id`` is the investor's."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, investor_only: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.investor_only = investor_only
        self.setObjectName("newInvestorDialog" if investor_only else "newDossierDialog")
        self.setWindowTitle(self.tr("New investor") if investor_only else self.tr("New dossier"))
        self.created_id: str | None = None
        self.choices = investors.investor_choices(ctx.ws)
        self.chosen: InvestorChoice | None = None
        self._duplicate_of: tuple[str, str] | None = None  # the key the user was told exists already
        self._sent_contacts: list[int] = []  # the contact rows sent, by their position in the request
        self.contacts: list[dict[str, LineField]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        self.steps = QLabel()
        self.steps.setObjectName("pageSubtitle")
        layout.addWidget(self.steps)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._investor_step())
        self.pages.addWidget(self._project_step())
        layout.addWidget(self.pages, 1)

        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setObjectName("nextButton")
        self.next_button.clicked.connect(self.go_next)
        self.create_button = QPushButton(self.tr("&Create dossier"))
        self.create_button.setObjectName("createDossier")
        self.create_button.clicked.connect(self.create_dossier)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.create_button):
            buttons.addWidget(button)
        for button in (self.cancel_button, self.back_button, self.next_button, self.create_button):
            button.setAutoDefault(False)
        layout.addLayout(buttons)
        self.setMinimumWidth(760)
        self._search_changed()
        self._show_step(STEP_INVESTOR)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        if investor_only:
            self._investor_only()

    def _investor_only(self) -> None:
        """The new-investor form is the whole dialog: no steps, no search, one button that makes it."""
        self.start_new_investor()
        for widget in (self.steps, self.find_button, self.back_button, self.next_button):
            widget.hide()
        self.create_button.setText(self.tr("&Create investor"))
        self.create_button.show()
        self.create_button.setDefault(True)
        self.create_button.clicked.disconnect()
        self.create_button.clicked.connect(self.create_investor)
        self.use_existing_button.hide()  # nothing to use it for: the investor is there already

    # -- step one: the investor -----------------------------------------------------------------

    def _investor_step(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.investor_views = QStackedWidget()
        column.addWidget(self.investor_views, 1)

        find = QWidget()
        box = QVBoxLayout(find)
        box.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Find the investor among those already here, or make a new one."))
        intro.setWordWrap(True)
        box.addWidget(intro)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("investorSearch")
        self.search.setPlaceholderText(self.tr("Company name, e.g. Siemens AG"))
        self.search.setAccessibleName(self.tr("Search investors"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        countries = sorted({c.country for c in self.choices}, key=lambda code: country_name(code, self.lang))
        self.country_filter = ComboField(
            "country", self.tr("Country"), [(c, country_name(c, self.lang)) for c in countries],
            allow_empty=True, empty_label=self.tr("All countries"))
        self.country_filter.combo.setAccessibleName(self.tr("Country of the investors shown"))
        self.country_filter.combo.currentIndexChanged.connect(self._search_changed)
        find_label = QLabel(self.tr("&Investor"))
        find_label.setBuddy(self.search)
        row.addWidget(find_label)
        row.addWidget(self.search, 3)
        row.addWidget(self.country_filter.box, 2)
        box.addLayout(row)
        self.model = InvestorModel(self.lang, self)
        self.table = QTableView()
        self.table.setObjectName("investorMatches")
        self.table.setAccessibleName(self.tr("Investors found"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COUNTRY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DOSSIERS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(6 * (self.fontMetrics().height() + 8) + 30)
        self.table.doubleClicked.connect(lambda _index: self.go_next())
        box.addWidget(self.table, 1)
        self.found_label = QLabel()
        self.found_label.setObjectName("muted")
        self.found_label.setWordWrap(True)
        box.addWidget(self.found_label)
        new_row = QHBoxLayout()
        self.new_investor_button = QPushButton(self.tr("Ne&w investor…"))
        self.new_investor_button.setObjectName("newInvestor")
        self.new_investor_button.setAutoDefault(False)
        self.new_investor_button.clicked.connect(self.start_new_investor)
        new_row.addWidget(self.new_investor_button)
        new_row.addStretch(1)
        box.addLayout(new_row)
        self.investor_views.addWidget(find)
        self.investor_views.addWidget(self._new_investor_view())
        return page

    def _new_investor_view(self) -> QWidget:
        view = QWidget()
        box = QVBoxLayout(view)
        box.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("New investor"))
        heading.setObjectName("sectionTitle")
        box.addWidget(heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.investor_fields: dict[str, FieldEditor] = {
            "name": LineField("name", self.tr("Company"), max_len=300),
            "country": ComboField("country", self.tr("Country of origin"), country_choices(self.lang),
                                  allow_empty=True, editable=True),
            "sector": ComboField("sector", self.tr("Sector"), Sector.choices(self.lang), allow_empty=True),
            "website": LineField("website", self.tr("Website"), max_len=500),
        }
        for n, field in enumerate(self.investor_fields.values()):
            place_field(grid, n // 2, (n % 2) * 2, field)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        box.addLayout(grid)
        self.duplicate = QFrame()
        self.duplicate.setObjectName("duplicateInvestor")
        strip = QHBoxLayout(self.duplicate)
        strip.setContentsMargins(8, 4, 8, 4)
        self.duplicate_label = QLabel()
        self.duplicate_label.setWordWrap(True)
        self.use_existing_button = QPushButton(self.tr("&Use that one"))
        self.use_existing_button.setAutoDefault(False)
        self.use_existing_button.clicked.connect(self._use_duplicate)
        strip.addWidget(self.duplicate_label, 1)
        strip.addWidget(self.use_existing_button)
        self.duplicate.setStyleSheet("QFrame#duplicateInvestor { background: #fff1c9; border-radius: 4px; }")
        self.duplicate.hide()
        box.addWidget(self.duplicate)
        contacts_title = QLabel(self.tr("Contacts"))
        contacts_title.setObjectName("sectionTitle")
        box.addWidget(contacts_title)
        self.contacts_grid = QGridLayout()
        self.contacts_grid.setHorizontalSpacing(8)
        self.contacts_grid.setVerticalSpacing(2)
        self._contact_labels = {"name": self.tr("Name"), "role": self.tr("Role"), "email": self.tr("E-mail"),
                                "phone": self.tr("Phone")}
        for n, text in enumerate(self._contact_labels.values()):
            heading = QLabel(text)
            heading.setObjectName("muted")
            self.contacts_grid.addWidget(heading, 0, n)
        box.addLayout(self.contacts_grid)
        self.add_contact_row()
        links = QHBoxLayout()
        self.add_contact_button = QPushButton(self.tr("Add &another contact"))
        self.add_contact_button.setAutoDefault(False)
        self.add_contact_button.clicked.connect(self._another_contact)
        self.find_button = QPushButton(self.tr("← &Search the existing investors"))
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find_investor)
        links.addWidget(self.add_contact_button)
        links.addStretch(1)
        links.addWidget(self.find_button)
        box.addLayout(links)
        box.addStretch(1)
        return view

    def add_contact_row(self) -> dict[str, LineField]:
        n = len(self.contacts)
        labels = self._contact_labels
        row: dict[str, LineField] = {}
        for column, name in enumerate(CONTACT_FIELDS):
            field = LineField(name, self.tr("Contact %1: %2").replace("%1", str(n + 1)).replace("%2", labels[name]),
                              max_len=CONTACT_LIMITS[name])
            self.contacts_grid.addWidget(field.box, n + 1, column, Qt.AlignmentFlag.AlignTop)
            row[name] = field
        self.contacts.append(row)
        return row

    def _another_contact(self) -> None:
        row = self.add_contact_row()
        row["name"].line.setFocus()
        self.add_contact_button.setEnabled(len(self.contacts) < MAX_CONTACTS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return False

    def _search_changed(self, *_args: object) -> None:
        found = investors.matching_investors(self.choices, self.search.text(), self.country_filter.value())
        self.model.set_rows(found)
        if len(found) == 1:
            self.table.selectRow(0)
        typed = self.search.text().strip()
        if not self.choices:
            self.found_label.setText(self.tr("No investors here yet: make the first one."))
        elif not found:
            self.found_label.setText(self.tr("No investor with this name: make a new one."))
        else:
            self.found_label.setText(self.tr("Choose one and press Enter, or make a new investor."))
        self.new_investor_button.setText(
            self.tr("Ne&w investor «%1»…").replace("%1", typed) if typed and not found else self.tr("Ne&w investor…"))

    def start_new_investor(self) -> None:
        """The new-investor form, with what was typed in the search box as its name."""
        name = self.investor_fields["name"]
        if self.search.text().strip() and not name.value().strip():
            name.set_value(self.search.text().strip())
        country = self.country_filter.value()
        if country and self.investor_fields["country"].value() is None:
            self.investor_fields["country"].set_value(country)
        self.chosen = None
        self.investor_views.setCurrentIndex(NEW)
        self._show_step(STEP_INVESTOR)
        name.editor.setFocus()

    def find_investor(self) -> None:
        self.investor_views.setCurrentIndex(FIND)
        self._show_step(STEP_INVESTOR)
        self.search.setFocus()

    def _use_duplicate(self) -> None:
        same = self._same_as_typed()
        if same:
            self._choose(same[0])

    def _choose(self, choice: InvestorChoice) -> None:
        self.chosen = choice
        sector = self.project_fields["sector"]
        if choice.sector and not self._project_touched:
            sector.set_value(choice.sector)
        self._show_step(STEP_PROJECT)

    def _new_investor_values(self) -> NewInvestor:
        """What the new-investor form holds (a value that cannot be read raises ValidationError)."""
        values = {name: field.value() for name, field in self.investor_fields.items()}
        contacts = []
        self._sent_contacts = []
        for n, row in enumerate(self.contacts):
            typed = {name: field.value() for name, field in row.items()}
            if any(str(v or "").strip() for v in typed.values()):
                contacts.append(typed)
                self._sent_contacts.append(n)
        return NewInvestor(values, tuple(contacts))

    def _same_as_typed(self) -> list[InvestorChoice]:
        name = str(self.investor_fields["name"].value() or "")
        country = self.investor_fields["country"].value()
        return investors.same_investors(self.choices, name, str(country)) if name.strip() and country else []

    # -- step two: the project ------------------------------------------------------------------

    def _project_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        self.investor_summary = QLabel()
        self.investor_summary.setObjectName("investorSummary")
        self.investor_summary.setWordWrap(True)
        box.addWidget(self.investor_summary)
        lang = self.lang
        self.project_fields: dict[str, FieldEditor] = {
            "title": LineField("title", self.tr("Title"), placeholder=self.tr("e.g. New packaging line in Lodi"),
                               max_len=300),
            "kind": ComboField("kind", self.tr("Kind"), ProjectKind.choices(lang)),
            "sector": ComboField("sector", self.tr("Sector"), Sector.choices(lang)),
            "function": ComboField("function", self.tr("Function"), BusinessFunction.choices(lang)),
            "municipality": LineField("municipality", self.tr("Municipality"), max_len=120),
            "capex_cents": MoneyField("capex_cents", self.tr("Estimated capex"), lang),
            "province": ComboField("province", self.tr("Province"),
                                   [(p.code, f"{p.code} — {p.name}") for p in PROVINCES], allow_empty=True),
            "new_hires": IntField("new_hires", self.tr("New hires"), lang),
            "phase": ComboField("phase", self.tr("First phase"), Phase.choices(lang)),
            "entered_on": DateField("entered_on", self.tr("Phase entered on"), lang, required=True),
        }
        self.project_fields["entered_on"].set_value(self.ctx.today())
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        place_field(grid, 0, 0, self.project_fields["title"], span=3)
        # in the order of the fields (their Tab order), two to a row
        order = ("kind", "sector", "function", "municipality", "capex_cents", "province", "new_hires", None,
                 "phase", "entered_on")
        for n, name in enumerate(order):
            if name is not None:
                place_field(grid, 1 + n // 2, (n % 2) * 2, self.project_fields[name])
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        box.addLayout(grid)
        note = QLabel(self.tr("The permit checklist starts from the template for the kind and function; "
                              "the dossier is assigned to you and goes to the server at the next sync."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        box.addWidget(note)
        box.addStretch(1)
        self._project_touched = False
        self.project_fields["sector"].combo.activated.connect(self._touched)  # type: ignore[attr-defined]
        return page

    def _touched(self, *_args: object) -> None:
        self._project_touched = True

    # -- moving between the steps ---------------------------------------------------------------

    def _show_step(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        first = step == STEP_INVESTOR
        self.steps.setText(
            self.tr("<b>1. Investor</b> › 2. Project") if first else self.tr("1. Investor › <b>2. Project</b>"))
        self.back_button.setVisible(not first)
        self.next_button.setVisible(first)
        self.create_button.setVisible(not first)
        (self.next_button if first else self.create_button).setDefault(True)
        (self.create_button if first else self.next_button).setDefault(False)
        if not first:
            self.investor_summary.setText(self._investor_text())
            self.project_fields["title"].editor.setFocus()

    def _investor_text(self) -> str:
        if self.chosen is not None:
            c = self.chosen
            text = (counted(self.tr("Investor: <b>%1</b> (%2), in %n dossier(s) here", "", c.dossiers), c.dossiers)
                    if c.dossiers
                    else self.tr("Investor: <b>%1</b> (%2), in no dossier here yet"))
            return text.replace("%1", _html(c.name)).replace("%2", country_name(c.country, self.lang))
        name = str(self.investor_fields["name"].value() or "")
        country = self.investor_fields["country"].value()
        return self.tr("New investor: <b>%1</b> (%2)").replace("%1", _html(name)).replace(
            "%2", country_name(str(country), self.lang) if country else "—")

    def go_next(self) -> None:
        if self.pages.currentIndex() != STEP_INVESTOR:
            return
        if self.investor_views.currentIndex() == FIND:
            self._next_from_search()
        else:
            self._next_from_new()

    def _next_from_search(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            self._choose(self.model.row_at(index.row()))
        elif self.model.rowCount() == 1:
            self._choose(self.model.row_at(0))
        elif self.search.text().strip() and not self.model.rowCount():
            self.start_new_investor()
        else:
            self.found_label.setText(self.tr("Choose an investor from the list (Down arrow), or make a new one."))
            self.table.setFocus() if self.model.rowCount() else self.search.setFocus()

    def _next_from_new(self) -> None:
        self._clear_errors()
        try:
            dossiers.check_new_investor(self._new_investor_values())
        except ValidationError as exc:
            self._show_error(exc)
            return
        if self._duplicate_told(lambda first: (
                counted(self.tr("%1 (%2) is here already, in %n dossier(s). Use that one, or press Next again to make "
                        "another.", "", first.dossiers), first.dossiers) if first.dossiers
                else self.tr("%1 (%2) is here already, in no dossier yet. Use that one, or press Next again to "
                             "make another."))):
            self.use_existing_button.setFocus()
            return
        self.chosen = None
        self._show_step(STEP_PROJECT)

    def _duplicate_told(self, sentence: Callable[[InvestorChoice], str]) -> bool:
        """Whether the investor typed is here already (same normalised name and country) and the
        user is told so now: once per investor, so that a second press makes another all the same.
        ``sentence`` says it, with %1 for the name and %2 for the country."""
        same = self._same_as_typed()
        if not same or self._duplicate_of == same[0].key:
            return False
        first = same[0]
        self._duplicate_of = first.key
        self.duplicate_label.setText(
            sentence(first).replace("%1", first.name).replace("%2", country_name(first.country, self.lang)))
        self.duplicate.show()
        return True

    def go_back(self) -> None:
        self._show_step(STEP_INVESTOR)
        if self.investor_views.currentIndex() == FIND:
            self.search.setFocus()
        else:
            self.investor_fields["name"].editor.setFocus()

    # -- creating -------------------------------------------------------------------------------

    def create_investor(self) -> None:
        """File ▸ New investor…: the investor and its contacts, once a duplicate was pointed out."""
        self._clear_errors()
        try:
            investor = self._new_investor_values()
            dossiers.check_new_investor(investor)
        except ValidationError as exc:
            self._show_error(exc)
            return
        if self._duplicate_told(lambda first: counted(self.tr(
                "%1 (%2) is here already, in %n dossier(s). Press Create investor again to make another.", "",
                first.dossiers), first.dossiers)):
            return
        try:
            self.created_id = self.ctx.edit(None, dossiers.create_new_investor, investor)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.accept()

    def create_dossier(self) -> None:
        self._clear_errors()
        try:
            values = {name: field.value() for name, field in self.project_fields.items()}
            investor: str | NewInvestor = self.chosen.id if self.chosen is not None else self._new_investor_values()
            phase, entered_on = values.pop("phase"), values.pop("entered_on")
            project_id = self.ctx.edit(None, dossiers.create_dossier, investor=investor, phase=phase,
                                       entered_on=entered_on, **values)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.created_id = project_id
        self.ctx.events.project_changed.emit(project_id)
        self.accept()

    def cancel(self) -> None:
        """Cancel (the button, Esc, the window's close button): what was typed is not thrown away
        without asking."""
        if self.created_id is None and self._typed_something():
            answer = QMessageBox.question(
                self, self.tr("New dossier"), self.tr("Close without making the dossier? What you typed is lost."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and self.created_id is None and self._typed_something():
            event.ignore()  # the user's close button: asked as Cancel is
            self.cancel()
            return
        super().closeEvent(event)

    def _typed_something(self) -> bool:
        """Text typed into a field of the investor or the project (the date starts filled in)."""
        given = self.project_fields["entered_on"]
        return any(f.line.text().strip() for f in self._all_fields() if isinstance(f, LineField) and f is not given)

    def _clear_errors(self) -> None:
        for field in self._all_fields():
            field.clear_error()

    def _all_fields(self) -> list[FieldEditor]:
        fields = [*self.investor_fields.values(), *self.project_fields.values()]
        for row in self.contacts:
            fields += row.values()
        return fields

    def field_for(self, name: str) -> tuple[FieldEditor, int] | None:
        """The editor a refused field's name points at, and its step."""
        head, _, rest = name.partition(".")
        if head == "investor":
            found = self.investor_fields.get(rest)
            return (found, STEP_INVESTOR) if found is not None else None
        if head == "contacts":
            position, _, field = rest.partition(".")
            if position.isdigit() and int(position) < len(self._sent_contacts):
                row = self.contacts[self._sent_contacts[int(position)]]
                return (row[field], STEP_INVESTOR) if field in row else None
            return None
        found = self.project_fields.get(name)
        return (found, STEP_PROJECT) if found is not None else None

    def _show_error(self, exc: ValidationError) -> None:
        target = self.field_for(exc.field)
        if target is None:
            show_known_error(self, exc)
            return
        field, step = target
        if step == STEP_INVESTOR:
            self.investor_views.setCurrentIndex(NEW)
        self._show_step(step)
        field.show_error(validation_text(exc))
        field.editor.setFocus()


def _html(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


def open_new_dossier(ctx: AppContext, parent: QWidget | None) -> str | None:
    """Show the dialog; the new dossier's id, or None when it was cancelled."""
    dialog = NewDossierDialog(ctx, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.created_id if accepted else None


def open_new_investor(ctx: AppContext, parent: QWidget | None) -> str | None:
    """File ▸ New investor…: the new investor's id, or None when it was cancelled."""
    dialog = NewDossierDialog(ctx, parent, investor_only=True)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.created_id if accepted else None
