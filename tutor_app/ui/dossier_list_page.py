"""The dossier list: every project, a search box that filters as you type, and facet filters.

The list is loaded on a worker thread (rows and their search index), or comes ready from the
fast start; each keystroke filters in memory on the GUI thread (about a millisecond for 10,000
dossiers); the full-text index (minutes, notes) is asked on a worker a moment later and its
matches are added when they arrive (after a fast start, once the workspace is open).
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.codes import WIDEST_CODE
from tutor_app.domain.enums import Phase, ProjectStatus, Sector
from tutor_app.domain.places import PROVINCES
from tutor_app.ui.context import AppContext
from tutor_app.ui.i18n import counted, number
from tutor_app.ui.list_selection import SelectionActions
from tutor_app.ui.models.dossier_index import Criteria
from tutor_app.ui.models.dossier_list import (
    COL_CAPEX,
    COL_CODE,
    COL_COUNTRY,
    COL_DEADLINE,
    COL_HIRES,
    COL_INVESTOR,
    COL_PENDING,
    COL_PHASE,
    COL_PLACE,
    COL_SECTOR,
    COL_STATUS,
    COL_TITLE,
    COL_TUTOR,
    COLUMN_KEYS,
    ID_ROLE,
    DossierListModel,
)
from tutor_app.ui.saved_views_bar import SavedViewsBar
from tutor_app.ui.startup import ListSnapshot, Preload, load_list
from tutor_app.ui.undo import CLEAR_OF_MESSAGES
from tutor_app.ui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from tutor_app.services.saved_views import ListView
    from tutor_app.store.dossier_list import DossierRow

FTS_DELAY_MS = 180  # ask the full-text index once typing pauses, not on every key
# Sized for a 1366×768 laptop at 125 % (about 850 px for the table): the title stretches into what
# is left, and a longer text is elided (its whole value is the cell's tooltip).
COLUMN_WIDTHS = {
    COL_TITLE: 200,
    COL_INVESTOR: 130,
    COL_COUNTRY: 40,
    COL_SECTOR: 90,
    COL_PHASE: 110,
    COL_STATUS: 64,
    COL_CAPEX: 80,
    COL_HIRES: 48,
    COL_PLACE: 150,
    COL_TUTOR: 120,
    COL_DEADLINE: 84,
    COL_PENDING: 26,
}
# The columns whose title must show whole (a short title: "Paese"); the others elide theirs.
WHOLE_TITLES = (COL_COUNTRY, COL_PENDING)
# Shown through the header's context menu; the title column takes whatever width is left.
HIDDEN_BY_DEFAULT = (COL_PLACE, COL_TUTOR)
# A title needs this much to be read; when the list is narrower (a 1366×768 laptop at 125 %), these
# columns step aside, in this order, until it has it. One the user shows or hides from the header's
# menu stays as chosen.
TITLE_ROOM = 200
NARROW_DROPS = (COL_SECTOR, COL_STATUS, COL_COUNTRY)
# Read whole or not at all: figures sized for the largest a region holds ("999.999.999 €"), the
# project code with the widest initials (its number is what tells a tutor's dossiers apart).
FIGURE_SAMPLES = {COL_CAPEX: "999.999.999 €", COL_HIRES: "99.999", COL_CODE: WIDEST_CODE}


class DossierListPage(QWidget):
    open_requested = Signal(str)  # project id
    new_dossier_requested = Signal()  # "New dossier…" clicked
    loaded = Signal(int)  # number of dossiers, once a load completed
    filtered = Signal(int, int)  # shown, total

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dossierListPage")
        self.model = DossierListModel(ctx.lang, self)
        self._fts_timer = QTimer(self)
        self._fts_timer.setSingleShot(True)
        self._fts_timer.setInterval(FTS_DELAY_MS)
        self._fts_timer.timeout.connect(self._ask_full_text)
        self._fts_text = ""
        self._fts_ids: frozenset[str] = frozenset()
        self.last_filter_ms = 0.0
        self.is_loaded = False
        self._only: tuple[frozenset[str], str] | None = None  # a dashboard figure's projects
        self._pending_authority: str | None = None  # a saved view's, until the authorities are loaded
        self._showing_view = False  # a saved view being applied: not a change by hand
        self.tutor_choices: list[tuple[str, str]] = []  # (tutor id, name), for "Assign to a tutor"
        self._build()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.ctx.lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Dossiers"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        head.addWidget(self.count_label)
        self.new_button = QPushButton(self.tr("New dossier…"))
        self.new_button.setObjectName("newDossierButton")
        self.new_button.setToolTip(self.tr("Make a new dossier (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_dossier_requested)
        head.addWidget(self.new_button)
        layout.addLayout(head)

        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setPlaceholderText(self.tr("Search title, investor, municipality, minutes and notes…  (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search dossiers"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._open_first)
        layout.addWidget(self.search)

        facets = QHBoxLayout()
        self.phase_filter = self._facet(self.tr("All phases"), Phase.choices(lang), self.tr("Phase"))
        self.sector_filter = self._facet(self.tr("All sectors"), Sector.choices(lang), self.tr("Sector"))
        self.status_filter = self._facet(self.tr("All statuses"), ProjectStatus.choices(lang), self.tr("Status"))
        self.tutor_filter = self._facet(self.tr("All tutors"), [], self.tr("Tutor"))
        self.overdue_filter = QCheckBox(self.tr("Overdue permits only"))
        self.overdue_filter.toggled.connect(self._facets_changed)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.province_filter = self._facet(
            self.tr("All provinces"), [(p.code, f"{p.code} — {p.name}") for p in PROVINCES], self.tr("Province"))
        self.country_filter = self._facet(self.tr("All countries"), [], self.tr("Country of origin"))
        self.authority_filter = self._facet(self.tr("All authorities"), [], self.tr("Competent authority"))
        self.authority_filter.setToolTip(self.tr("Competent authority: the dossiers with a permit there "
                                                 "(with \"Overdue permits only\": an overdue one there)"))
        self._authorities: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for widget in (self.phase_filter, self.sector_filter, self.status_filter, self.tutor_filter):
            facets.addWidget(widget, 1)
        layout.addLayout(facets)
        more = QHBoxLayout()
        for widget in (self.province_filter, self.country_filter, self.authority_filter):
            more.addWidget(widget, 1)
        more.addWidget(self.overdue_filter)
        more.addWidget(self.clear_button)
        layout.addLayout(more)
        self.views = SavedViewsBar(self.ctx, self.current_view, self.apply_view)
        self.selection_actions = SelectionActions(self)
        head.insertWidget(2, self.views)

        self.selection_bar = QWidget()
        self.selection_bar.setObjectName("selectionBar")
        selection = QHBoxLayout(self.selection_bar)
        selection.setContentsMargins(0, 0, 0, 0)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("selectionLabel")
        self.selection_label.setWordWrap(True)
        selection.addWidget(self.selection_label, 1)
        self.selection_clear = QPushButton(self.tr("Show every dossier"))
        self.selection_clear.clicked.connect(self.clear_filters)
        selection.addWidget(self.selection_clear)
        self.selection_bar.hide()
        layout.addWidget(self.selection_bar)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)

        self.table = RecordTable()
        self.table.setObjectName("dossierTable")
        self.table.setAccessibleName(self.tr("Dossier list"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Ctrl/Shift-click picks several rows: exported, opened or assigned together; totals for them.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring on 10k rows
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 7)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, max(width, header.sectionSizeHint(column)) if column in WHOLE_TITLES
                                 else width)
        for column, sample in FIGURE_SAMPLES.items():
            header.resizeSection(column, max(self.table.fontMetrics().horizontalAdvance(sample) + 14,
                                             header.sectionSizeHint(column)))
        for column in HIDDEN_BY_DEFAULT:
            header.setSectionHidden(column, True)
        self._chosen_columns: set[int] = set()  # shown or hidden by the user: never fitted
        self.table.viewport().installEventFilter(self)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().selectionChanged.connect(self._show_totals)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self._empty_panel())
        layout.addWidget(self.body, 1)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("listTotals")
        self.totals_label.setAccessibleName(self.tr("Totals of the dossiers shown"))
        self.totals_label.setProperty(CLEAR_OF_MESSAGES, True)  # read while deciding to undo a delete
        layout.addWidget(self.totals_label)
        state = self.ctx.settings.state("dossier_list_header")
        if state is not None:
            header.restoreState(state)

        # Enter opens; Down from the search box goes to the list.
        QShortcut(
            QKeySequence(Qt.Key.Key_Down), self.search, self._focus_table, context=Qt.ShortcutContext.WidgetShortcut
        )
        self.setTabOrder(self.search, self.phase_filter)
        self.ctx.events.workspace_ready.connect(self._load_authorities)
        self.ctx.events.workspace_ready.connect(self.views.reload)

    def _empty_panel(self) -> QWidget:
        """What an empty profile shows instead of an empty table: how to make the first dossier."""
        panel = QWidget()
        panel.setObjectName("emptyList")
        box = QVBoxLayout(panel)
        box.addStretch(1)
        text = QLabel(self.tr("No dossiers yet. Make the first one, or sync with the server to receive those "
                              "assigned to you."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(text)
        self.empty_new_button = QPushButton(self.tr("Make the first dossier…"))
        self.empty_new_button.setObjectName("emptyNewDossier")
        self.empty_new_button.clicked.connect(self.new_dossier_requested)
        box.addWidget(self.empty_new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        return panel

    def _facet(self, all_label: str, choices: list[tuple[str, str]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.addItem(all_label, None)
        for code, label in choices:
            combo.addItem(label, code)
        combo.setMinimumContentsLength(10)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self._facets_changed)
        return combo

    def save_state(self) -> None:
        self.ctx.settings.set_state("dossier_list_header", self.table.horizontalHeader().saveState())

    # -- loading --------------------------------------------------------------------------------

    def load(self, preload: Preload | ListSnapshot | None = None) -> None:
        """Load (or reload) every dossier off the GUI thread, or show what start-up already read."""
        if isinstance(preload, ListSnapshot):
            self._loaded(preload)
            return
        self.progress.show()
        ctx = self.ctx

        def work() -> ListSnapshot:
            snapshot = preload.take_snapshot() if preload is not None else None
            return snapshot or load_list(ctx.ws)

        self.ctx.tasks.run(work, self._loaded, owner=self)

    def _loaded(self, snapshot: ListSnapshot) -> None:
        index, tutors, me = snapshot.index, snapshot.tutors, snapshot.me
        self.progress.hide()
        self._fill_tutors(tutors, me)
        self._fill_countries([r.country for r in index.rows])
        selected = self.current_id()
        self.model.set_index(index, self.ctx.today())
        if self.ctx.is_ready:
            self._load_authorities()  # after set_index: it reads the new rows' countries
        self.body.setCurrentIndex(0 if len(index) else 1)
        self._apply()
        if selected:
            self.select(selected)
        self.is_loaded = True
        self.loaded.emit(len(index))

    def _fill_tutors(self, tutors: list[tuple[str, str]], me: str | None) -> None:
        self.tutor_choices = list(tutors)
        combo = self.tutor_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All tutors"), None)
        if me:
            combo.addItem(self.tr("My projects (%1)").replace("%1", me), me)
        for _tid, name in tutors:
            if name != me:
                combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _fill_countries(self, codes: list[str], names: dict[str, str] | None = None) -> None:
        """The countries of the list's investors (codes first; their names once loaded off the GUI
        thread: Babel's locale data costs the start-up a few hundred milliseconds)."""
        names = names or {}
        combo = self.country_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All countries"), None)
        for code in sorted({c for c in codes if c}):
            combo.addItem(f"{code} — {names[code]}" if code in names else code, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _load_authorities(self) -> None:
        """The Authority facet's choices and the countries' names, on a worker once the workspace is open."""
        ws, lang = self.ctx.ws, self.ctx.lang
        codes = sorted({r.country for r in self.model.index_data.rows if r.country})

        def work() -> tuple[list[tuple[str, frozenset[str], frozenset[str]]], list[str], dict[str, str]]:
            from tutor_app.domain.places import country_name
            from tutor_app.services.exports import authority_projects

            with ws.store.read() as conn:
                found = [(a.name, a.holders, a.overdue) for a in authority_projects(conn, ws.today())]
            return found, codes, {c: country_name(c, lang) for c in codes}

        self.ctx.tasks.run(work, self._authorities_loaded, owner=self)

    def _authorities_loaded(
        self, result: tuple[list[tuple[str, frozenset[str], frozenset[str]]], list[str], dict[str, str]]
    ) -> None:
        found, codes, names = result
        self._fill_countries(codes, names)
        self._authorities = {name: (holders, late) for name, holders, late in found}
        combo = self.authority_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All authorities"), None)
        for name, _holders, _late in found:
            combo.addItem(name, name)
        if self._pending_authority is not None:
            current, self._pending_authority = self._pending_authority, None
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        if current is not None:
            self._apply()

    def _authority_ids(self) -> frozenset[str] | None:
        name = self.authority_filter.currentData()
        if name is None:
            return None
        holders, late = self._authorities.get(name, (frozenset(), frozenset()))
        return late if self.overdue_filter.isChecked() else holders

    def refresh_row(self, project_id: str) -> None:
        """One dossier changed: re-read its line (one small query) and repaint it."""
        from tutor_app.store import queries

        with self.ctx.ws.store.read() as conn:
            rows = queries.dossier_rows(conn, self.ctx.today(), [project_id])
        if rows:
            self.model.update_row(rows[0])

    # -- filtering ------------------------------------------------------------------------------

    def criteria(self) -> Criteria:
        text = self.search.text()
        return Criteria(
            text=text,
            phase=self.phase_filter.currentData(),
            sector=self.sector_filter.currentData(),
            status=self.status_filter.currentData(),
            tutor=self.tutor_filter.currentData(),
            overdue_only=self.overdue_filter.isChecked(),
            fts_ids=self._fts_ids if text.strip() == self._fts_text else frozenset(),
            ids=self._only[0] if self._only is not None else None,
            province=self.province_filter.currentData(),
            country=self.country_filter.currentData(),
            authority_ids=self._authority_ids(),
        )

    def _text_changed(self, text: str) -> None:
        self._by_hand()
        self._apply()
        if text.strip():
            self._fts_timer.start()
        else:
            self._fts_timer.stop()

    def _facets_changed(self, *_args: object) -> None:
        self._by_hand()
        self._apply()

    def _sort_changed(self, *_args: object) -> None:
        self._by_hand()

    def _by_hand(self) -> None:
        if not self._showing_view:
            self.views.forget_choice()

    def _apply(self) -> None:
        started = time.perf_counter()
        self.model.set_criteria(self.criteria())
        self.last_filter_ms = (time.perf_counter() - started) * 1000
        shown, total = self.model.rowCount(), self.model.total_count
        if shown == total:
            self.count_label.setText(counted(self.tr("%n dossier(s)", "", total), total))
        else:
            self.count_label.setText(self.tr("%1 of %2 dossiers").replace("%1", number(shown))
                                     .replace("%2", number(total)))
        self._show_totals()
        self.filtered.emit(shown, total)

    def _show_totals(self) -> None:
        from tutor_app.domain.formatting import format_int, format_money_short

        lang = self.ctx.lang
        chosen = self.selected_positions()
        if len(chosen) > 1:
            count, capex, hires = self.model.totals(chosen)
            self.totals_label.setText(
                counted(self.tr("Total of the %n selected dossier(s): %1 capex · %2 new hires", "", count), count)
                .replace("%1", format_money_short(capex, lang)).replace("%2", format_int(hires, lang)))
            return
        count, capex, hires = self.model.totals()
        self.totals_label.setText(
            counted(self.tr("Total of the %n dossier(s) shown: %1 capex · %2 new hires", "", count), count)
            .replace("%1", format_money_short(capex, lang)).replace("%2", format_int(hires, lang)))

    def workspace_ready(self) -> None:
        """After a fast start: what was typed before the workspace opened gets its full-text matches."""
        if self.search.text().strip() and not self._fts_timer.isActive():
            self._ask_full_text()

    def _ask_full_text(self) -> None:
        text = self.search.text().strip()
        if not text or not self.ctx.is_ready:  # not yet open: asked again by workspace_ready()
            return
        ws = self.ctx.ws

        def work() -> tuple[str, frozenset[str]]:
            from tutor_app.services import search

            return text, frozenset(search.matching_project_ids(ws, text))

        self.ctx.tasks.run(work, self._full_text_arrived, owner=self)

    def _full_text_arrived(self, result: tuple[str, frozenset[str]]) -> None:
        text, ids = result
        if text != self.search.text().strip():
            return  # the user typed on; a newer request is on its way
        self._fts_text, self._fts_ids = text, ids
        self._apply()

    # -- saved views ----------------------------------------------------------------------------

    def current_view(self) -> ListView:
        """What the list shows, as a view to save (its name is given by the caller)."""
        from tutor_app.services.saved_views import ListView  # not on the path to the first paint
        from tutor_app.services.scope import current_scope

        header = self.table.horizontalHeader()
        scope = current_scope(self.ctx.ws)[1].value if self.ctx.is_ready else None
        return ListView(
            name="", text=self.search.text().strip(), phase=self.phase_filter.currentData(),
            sector=self.sector_filter.currentData(), status=self.status_filter.currentData(),
            tutor=self.tutor_filter.currentData(), province=self.province_filter.currentData(),
            country=self.country_filter.currentData(),
            authority=self.authority_filter.currentData() or self._pending_authority,
            overdue_only=self.overdue_filter.isChecked(), sort=COLUMN_KEYS[header.sortIndicatorSection()],
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder, scope=scope)

    def apply_view(self, view: ListView) -> None:
        """Show the list as ``view`` was saved: its search, facets, sort and scope."""
        from tutor_app.domain.scope import Scope
        from tutor_app.services.scope import remember_scope

        self._showing_view = True
        try:
            self.clear_filters()
            for combo, value in ((self.phase_filter, view.phase), (self.sector_filter, view.sector),
                                 (self.status_filter, view.status), (self.tutor_filter, view.tutor),
                                 (self.province_filter, view.province), (self.country_filter, view.country)):
                self._choose(combo, value)
            found = self.authority_filter.findData(view.authority) if view.authority else 0
            self._pending_authority = view.authority if found < 0 else None
            self._choose(self.authority_filter, view.authority if found >= 0 else None)
            self.overdue_filter.blockSignals(True)
            self.overdue_filter.setChecked(view.overdue_only)
            self.overdue_filter.blockSignals(False)
            if view.sort in COLUMN_KEYS:
                order = Qt.SortOrder.DescendingOrder if view.descending else Qt.SortOrder.AscendingOrder
                self.table.sortByColumn(COLUMN_KEYS.index(view.sort), order)
            if view.scope in {s.value for s in Scope} and self.ctx.is_ready:
                remember_scope(self.ctx.ws, Scope(view.scope))
            self.search.setText(view.text)
            self._apply()
        finally:
            self._showing_view = False

    @staticmethod
    def _choose(combo: QComboBox, value: str | None) -> None:
        """Pick ``value`` (a facet's value that is no longer offered is added, so the view means
        what it meant when saved: a tutor's name, a country no dossier has at the moment)."""
        combo.blockSignals(True)
        if value is not None and combo.findData(value) < 0:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        combo.blockSignals(False)

    def clear_filters(self) -> None:
        self._by_hand()
        self._pending_authority = None
        for combo in (self.phase_filter, self.sector_filter, self.status_filter, self.tutor_filter,
                      self.province_filter, self.country_filter, self.authority_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.overdue_filter.blockSignals(True)
        self.overdue_filter.setChecked(False)
        self.overdue_filter.blockSignals(False)
        self.search.clear()
        self._only = None
        self.selection_bar.hide()
        self._apply()

    def show_selection(self, ids: frozenset[str], description: str) -> None:
        """From the dashboard: exactly the projects behind a figure, the other filters cleared."""
        self.clear_filters()
        self._only = (frozenset(ids), description)
        self.selection_label.setText(self.tr("From the dashboard: %1").replace("%1", description))
        self.selection_bar.show()
        self._apply()

    @property
    def selection(self) -> tuple[frozenset[str], str] | None:
        return self._only

    def show_overdue(self) -> None:
        """From the home page: the dossiers with overdue permits."""
        self.clear_filters()
        self.overdue_filter.setChecked(True)

    # -- selection and opening ------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        """The focus on the list, or on "Make the first dossier" when there is none."""
        (self.table if self.body.currentIndex() == 0 else self.empty_new_button).setFocus()

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, COL_TITLE))

    def selected_positions(self) -> list[int]:
        """The positions of the selected rows, in the list's order."""
        model = self.table.selectionModel()
        return sorted(i.row() for i in model.selectedRows()) if model is not None else []

    def selected_ids(self) -> list[str]:
        """The selected dossiers, in the list's order (the current one when nothing is selected)."""
        ids = [self.model.row_at(p).id for p in self.selected_positions()]
        current = self.current_id()
        return ids or ([current] if current else [])

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None

    def select(self, project_id: str) -> None:
        position = self.model.position_of(project_id)
        if position is None:
            return
        index = self.model.index(position, COL_TITLE)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.data(ID_ROLE)))

    def _open_first(self) -> None:
        if self.model.rowCount():
            self.open_requested.emit(self.model.row_at(0).id)

    def _row_menu(self, pos: QPoint) -> None:
        menu = self.selection_actions.menu()
        if menu.actions():
            menu.exec(self.table.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self._choose_column(c, on))
        menu.exec(header.mapToGlobal(pos))

    def loaded_rows(self) -> list[DossierRow] | None:
        """Every row the list holds (kept current with each edit), or None before it loaded."""
        return list(self.model.index_data.rows) if self.is_loaded else None

    def _choose_column(self, column: int, shown: bool) -> None:
        self._chosen_columns.add(column)
        self.table.horizontalHeader().setSectionHidden(column, not shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """The title keeps TITLE_ROOM: the columns of NARROW_DROPS step aside while it would not."""
        header = self.table.horizontalHeader()
        fitted = [c for c in NARROW_DROPS if c not in self._chosen_columns]
        for column in fitted:
            header.setSectionHidden(column, False)
        room = self.table.viewport().width()
        for column in fitted:
            others = sum(header.sectionSize(c) for c in range(header.count())
                         if c != COL_TITLE and not header.isSectionHidden(c))
            if room - others >= TITLE_ROOM:
                break
            header.setSectionHidden(column, True)

    @property
    def today(self) -> date:
        return self.ctx.today()
