"""Home: the dossiers of a scope by phase, its figures and what needs doing soon, each line one
click (or Enter) from the exact record it names.

The scope ("I miei", "La mia area", "Tutta la regione") is shown and chosen at the top and
remembered in the profile; every figure opens the list it counts (``services.home``): the
dossier figures the dossier list on the same dossiers, the record figures the same records in a
list of their own. "Le mie azioni" are ticked done from here (Space or a click on the box).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.deadlines import is_overdue
from tutor_app.domain.enums import AftercareTopic, Phase, WorkingTable
from tutor_app.domain.formatting import format_date, format_int, format_money_short
from tutor_app.domain.permit_catalogue import permit_words
from tutor_app.domain.scope import Scope
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext
from tutor_app.ui.widgets.empty_note import EmptyNote
from tutor_app.ui.widgets.record_table import record_table

if TYPE_CHECKING:  # the services load with the workspace, after the window's first paint
    from tutor_app.services.home import AgendaItem, HomeSummary

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_ModelIndex = QModelIndex | QPersistentModelIndex


def scope_label(scope: Scope | str) -> str:
    """"I miei", "La mia area", "Tutta la regione" in the window's language."""
    from PySide6.QtCore import QCoreApplication

    return {
        Scope.MINE: QCoreApplication.translate("HomePage", "My dossiers"),
        Scope.AREA: QCoreApplication.translate("HomePage", "My area"),
        Scope.REGION: QCoreApplication.translate("HomePage", "The whole region"),
    }[Scope(scope)]


class AgendaModel(QAbstractTableModel):
    """A home list: date, dossier, investor, what. Dumb adapter over ``AgendaItem`` rows; with
    ``tickable`` (the action items) the first column is a box that ticks the item done."""

    COL_WHEN, COL_PROJECT, COL_INVESTOR, COL_WHAT = range(4)

    def __init__(self, lang: str, kind: str, headers: list[str], parent: Any = None, on_tick: Any = None,
                 roomy: bool = False) -> None:
        super().__init__(parent)
        self.lang = lang
        self.kind = kind
        self.roomy = roomy  # a window's list, not half of Home: a permit by its acronym and name
        self.headers = headers
        self.rows: list[AgendaItem] = []
        self.today: Any = None
        self.on_tick = on_tick  # (item, done) -> bool: tick an action item from the list

    def set_rows(self, rows: tuple[AgendaItem, ...] | list[AgendaItem], today: Any) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.on_tick is not None and index.column() == self.COL_WHEN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.CheckStateRole and self.on_tick is not None and column == self.COL_WHEN:
            return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_WHEN:
                return format_date(item.when, self.lang) if item.when else "—"
            if column == self.COL_PROJECT:
                return f"{item.code} · {item.title}"
            if column == self.COL_INVESTOR:
                return item.investor
            return self._what(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.code} · {item.title} — {item.investor}\n{self._what(item, whole=True)}"
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_WHAT and self.kind == "meetings":
            return theme.table_colour(item.what)
        if (role == Qt.ItemDataRole.ForegroundRole and column == self.COL_WHEN and self.today and item.when
                and is_overdue(item.when, self.today)):
            return QBrush(QColor(theme.URGENCY_TEXT["overdue"]))
        return None

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or self.on_tick is None or index.column() != self.COL_WHEN
                or role != Qt.ItemDataRole.CheckStateRole):
            return False
        return bool(self.on_tick(self.rows[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked))

    def _what(self, item: AgendaItem, whole: bool = False) -> str:
        if self.kind == "permits":
            # Half of Home is narrow: "AUA · Provincia di Monza", the name whole in the tooltip and in
            # the figure's window ("AUA — Autorizzazione unica ambientale · Provincia di Monza"; the
            # dash is the acronym's, and an authority has brackets of its own).
            said = permit_words(item.permit_code, item.what, self.lang)
            permit = said.full if whole or self.roomy else said.short
            return f"{permit} · {item.detail}" if item.detail else permit
        if self.kind == "meetings":
            try:
                label = WorkingTable(item.what).label(self.lang)
            except ValueError:
                label = item.what
            return f"{label} — {item.detail}" if item.detail else label
        if self.kind == "notes":
            try:
                topic = AftercareTopic(item.what).label(self.lang)
            except ValueError:
                topic = item.what
            return f"{topic}: {item.detail}"
        return f"{item.what} — {item.detail}" if item.detail else item.what


class ClickableCard(QFrame):
    """A frame that is a button: a click, Enter or Space emits ``clicked``; Tab reaches it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class PhaseCard(ClickableCard):
    """A phase on the home page: how many of the scope's dossiers are in it; click or Enter shows them."""

    def __init__(self, phase: Phase, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"phase_{phase.value}")
        colour = theme.TABLE_COLOURS[phase.table]
        self.setStyleSheet(
            f"QFrame#phase_{phase.value} {{ background: white; border: 1px solid #d8dee6;"
            f" border-left: 6px solid {colour}; border-radius: 4px; }}"
            f"QFrame#phase_{phase.value}:focus {{ border: 2px solid {theme.ACCENT}; border-left: 6px solid {colour}; }}"
        )
        # The count beside the phase's name, its table below: low enough for a small screen.
        box = QGridLayout(self)
        box.setContentsMargins(8, 3, 6, 3)
        box.setHorizontalSpacing(6)
        box.setVerticalSpacing(0)
        self.count = QLabel("–")
        self.count.setStyleSheet(f"font-size: 15pt; font-weight: 600; color: {colour}; border: none;")
        name = QLabel(phase.label(lang))
        name.setStyleSheet("font-weight: 600; border: none;")
        name.setWordWrap(True)
        table = QLabel(phase.table.label(lang))
        table.setStyleSheet(f"color: {theme.MUTED_TEXT}; border: none;")
        table.setWordWrap(True)
        box.addWidget(self.count, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        box.addWidget(name, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        box.addWidget(table, 1, 0, 1, 2)
        box.setColumnStretch(1, 1)
        self.setAccessibleName(f"{phase.label(lang)} — {phase.table.label(lang)}")

    def set_count(self, count: int) -> None:
        self.count.setText(str(count))
        self.setAccessibleDescription(str(count))


class _DossierColumnFit(QObject):
    """The dossier column of a home list takes half of what the date and investor leave, and never
    less than the codes it shows with their separator: the code is what tells a tutor's dossiers
    apart (at 125 % half was narrower than "2023-IBR-0001"), the title after it is elided. Fitted
    to the codes shown, not to the widest one could be (``WIDEST_CODE``, four letters): at 125 %
    that would leave the column after it too little for its title."""

    def __init__(self, view: QTableView, model: AgendaModel) -> None:
        super().__init__(view)
        self.view, self.model = view, model
        view.viewport().installEventFilter(self)
        model.modelReset.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header, metrics = self.view.horizontalHeader(), self.view.fontMetrics()
        # the code and the ellipsis the title after it ends with, whole
        codes = max((metrics.horizontalAdvance(f"{row.code} ·…") for row in self.model.rows), default=0)
        left = (self.view.viewport().width() - header.sectionSize(AgendaModel.COL_WHEN)
                - header.sectionSize(AgendaModel.COL_INVESTOR))
        header.resizeSection(AgendaModel.COL_PROJECT, max(codes + 8, left // 2))


def _agenda_view(model: AgendaModel, name: str, title: str, row_height: int) -> QTableView:
    view = record_table(model, name, title, row_height)
    view.setShowGrid(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(AgendaModel.COL_WHEN, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(AgendaModel.COL_WHEN, 112 if model.on_tick is not None else 92)
    header.setSectionResizeMode(AgendaModel.COL_PROJECT, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(AgendaModel.COL_INVESTOR, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(AgendaModel.COL_INVESTOR, 110)
    header.setSectionResizeMode(AgendaModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
    _DossierColumnFit(view, model)
    return view


class FigureDialog(QDialog):
    """The records a home figure counts, as many as the card says; Enter opens the one chosen."""

    record_requested = Signal(object)  # AgendaItem

    def __init__(self, title: str, kind: str, headers: list[str], items: tuple[AgendaItem, ...], lang: str,
                 today: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureDialog")
        self.setWindowTitle(f"{title} ({len(items)})")
        self.resize(860, 460)
        layout = QVBoxLayout(self)
        self.model = AgendaModel(lang, kind, headers, self, roomy=True)
        self.model.set_rows(items, today)
        self.view = _agenda_view(self.model, "figureTable", title, self.fontMetrics().height() + 8)
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if items:
            self.view.setCurrentIndex(self.model.index(0, AgendaModel.COL_PROJECT))
        self.view.setFocus()

    def _open(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is not None:
            self.accept()
            self.record_requested.emit(item)


class _FittingBody(QWidget):
    """The home page's content: as tall as its parts need at the least, not as tall as they would
    like (a scroll area asks a body with wrapped labels for its preferred height), so that a small
    screen shows all of it, its lists a few rows shorter, without a scroll bar."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.minimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class StartPanel(QFrame):
    """An empty profile's home: what to do next, each step one button away (no page of zeros)."""

    new_dossier_requested = Signal()
    settings_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPanel")
        self.setStyleSheet("QFrame#startPanel { background: white; border: 1px solid #d8dee6; border-radius: 6px; }"
                           "QFrame#startPanel QLabel { border: none; }")
        grid = QGridLayout(self)
        grid.setContentsMargins(18, 14, 18, 16)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        title = QLabel(self.tr("To start"))
        title.setObjectName("sectionTitle")
        grid.addWidget(title, 0, 0, 1, 2)
        self.new_button = QPushButton(self.tr("&New dossier…"))
        self.new_button.setObjectName("startNewDossier")
        self.new_button.clicked.connect(self.new_dossier_requested)
        self.server_button = QPushButton(self.tr("Set up the &server…"))
        self.server_button.setObjectName("startServer")
        self.server_button.clicked.connect(self.settings_requested)
        self.demo_button = QPushButton(self.tr("Explore the demo &region"))
        self.demo_button.setObjectName("startDemo")
        self.demo_button.clicked.connect(self.demo_requested)
        self.server_text = QLabel()
        steps = (
            (self.tr("Make your first dossier"),
             QLabel(self.tr("An investor, the project and its phase: the permit checklist starts from its "
                            "template. Ctrl+N, from anywhere.")), self.new_button),
            (self.tr("Connect to the region's server"), self.server_text, self.server_button),
            (self.tr("Look around first"),
             QLabel(self.tr("The demo region opens in a window of its own, on made-up data that goes when "
                            "it closes: nothing of it enters your profile.")), self.demo_button),
        )
        self.rows: list[list[QWidget]] = []
        for n, (heading, text, button) in enumerate(steps):
            name = QLabel(f"{n + 1}. {heading}")
            name.setStyleSheet("font-weight: 600;")
            text.setWordWrap(True)
            text.setObjectName("muted")
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            grid.addWidget(name, 1 + 2 * n, 0)
            grid.addWidget(text, 2 + 2 * n, 0)
            grid.addWidget(button, 1 + 2 * n, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            self.rows.append([name, text, button])
        grid.setColumnStretch(0, 1)
        self._same_width()

    def _same_width(self) -> None:
        buttons = [row[2] for row in self.rows]
        for button in buttons:
            button.setMinimumWidth(0)
        widest = max(button.sizeHint().width() for button in buttons)
        for button in buttons:
            button.setMinimumWidth(widest)

    def show_state(self, server: str, demo: bool) -> None:
        """Say whether a server is set (then: sync to receive the assigned dossiers); no demo step
        inside the demo."""
        if server:
            self.server_text.setText(self.tr("This profile syncs with %1: Sync now (F5) receives the dossiers "
                                             "assigned to you.").replace("%1", server))
            self.server_button.setText(self.tr("Change the &server…"))
        else:
            self.server_text.setText(self.tr("With the address IT gives you, the dossiers assigned to you "
                                             "arrive here and yours go to the region."))
            self.server_button.setText(self.tr("Set up the &server…"))
        for widget in self.rows[2]:
            widget.setVisible(not demo)
        self._same_width()


class HomePage(QWidget):
    open_requested = Signal(str, str)  # project id, tab
    record_requested = Signal(object)  # AgendaItem: open its dossier on that very record
    dossiers_requested = Signal(object, str, str)  # scope's project ids, the scope's name, phase or ""
    overdue_requested = Signal()
    new_dossier_requested = Signal()
    settings_requested = Signal()
    demo_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homePage")
        self.summary: HomeSummary | None = None
        self._scope: Scope | None = None  # asked for by the user; None: the remembered one
        self.figure_dialog: FigureDialog | None = None
        self.is_empty = False  # no dossier at all: the start panel instead of the figures
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = _FittingBody()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)

        # One line: the greeting, today and the scope (a 1366×768 screen at 125 % has 614 px of height).
        self.greeting = QLabel(self.tr("Home"))
        self.greeting.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("pageSubtitle")
        self.date_label.setWordWrap(True)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(self.greeting)
        head.addWidget(self.date_label, 1, Qt.AlignmentFlag.AlignVCenter)
        scope_caption = self.scope_caption = QLabel(self.tr("Sho&wing:"))
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("homeScope")
        self.scope_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope_box.setAccessibleName(self.tr("Which dossiers Home counts"))
        self.scope_box.setToolTip(self.tr("Which dossiers the figures and lists count; remembered"))
        scope_caption.setBuddy(self.scope_box)  # Alt+W: S is the start panel's "Set up the server"
        self.scope_box.currentIndexChanged.connect(self._scope_chosen)
        head.addWidget(scope_caption)
        head.addWidget(self.scope_box)
        self.new_button = QPushButton(self.tr("New dossier…"))
        self.new_button.setObjectName("homeNewDossier")
        self.new_button.setToolTip(self.tr("Make a new dossier (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_dossier_requested)
        head.addWidget(self.new_button)
        layout.addLayout(head)
        self.start = StartPanel()
        self.start.new_dossier_requested.connect(self.new_dossier_requested)
        self.start.settings_requested.connect(self.settings_requested)
        self.start.demo_requested.connect(self.demo_requested)
        self.start.hide()
        layout.addWidget(self.start)
        self.dashboard = QWidget()  # the figures and lists, hidden while there is no dossier
        page, layout = layout, QVBoxLayout(self.dashboard)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        page.addWidget(self.dashboard, 1)
        self._spacer = QWidget()  # keeps the start panel at the top in the dashboard's place
        self._spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._spacer.hide()
        page.addWidget(self._spacer, 1)

        cards = QHBoxLayout()
        cards.setSpacing(10)
        self.cards: dict[str, QLabel] = {}
        self.card_frames: dict[str, ClickableCard] = {}
        self.card_titles: dict[str, str] = {}
        for key, label in (
            ("projects", self.tr("Dossiers")),
            ("capex", self.tr("Capex followed")),
            ("overdue", self.tr("Permits overdue")),
            ("soon", self.tr("Permits due in 14 days")),
            ("actions", self.tr("Open action items")),
            ("follow", self.tr("Follow-ups due")),
        ):
            cards.addWidget(self._card(key, label), 1)
        layout.addLayout(cards)

        phases = QHBoxLayout()
        phases.setSpacing(6)
        self.phase_cards: dict[str, PhaseCard] = {}
        for phase in Phase:
            card = PhaseCard(phase, self.ctx.lang)
            card.clicked.connect(lambda p=phase.value: self._open_dossiers(p))
            phases.addWidget(card, 1)
            self.phase_cards[phase.value] = card
        layout.addLayout(phases)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.lists: dict[str, QTableView] = {}
        self.empty_notes: dict[str, EmptyNote] = {}
        self.models: dict[str, AgendaModel] = {}
        self.headers = {
            "meetings": [self.tr("Date"), self.tr("Dossier"), self.tr("Investor"), self.tr("Working table")],
            "permits": [self.tr("Deadline"), self.tr("Dossier"), self.tr("Investor"), self.tr("Permit")],
            "actions": [self.tr("Due"), self.tr("Dossier"), self.tr("Investor"), self.tr("Action")],
            "notes": [self.tr("Follow-up"), self.tr("Dossier"), self.tr("Investor"), self.tr("Note")],
        }
        specs = (
            ("meetings", self.tr("Meetings in the next 14 days")),
            ("permits", self.tr("Permit deadlines: overdue and near")),
            ("actions", self.tr("My actions: this week and overdue")),
            ("notes", self.tr("Aftercare follow-ups")),
        )
        nothing = {  # what an empty list says in its place
            "meetings": self.tr("No meeting in the next 14 days."),
            "permits": self.tr("No permit deadline passed or near."),
            "actions": self.tr("No action item due this week or overdue."),
            "notes": self.tr("No aftercare follow-up due."),
        }
        for n, (kind, title) in enumerate(specs):
            heading = QHBoxLayout()
            caption = QLabel(title)
            caption.setObjectName("sectionTitle")
            caption.setWordWrap(True)
            heading.addWidget(caption, 1)
            if kind == "actions":
                self.actions_caption = caption
                self.mine_only = QCheckBox(self.tr("Only mine"))
                self.mine_only.setObjectName("myActionsOwnerOnly")
                self.mine_only.setToolTip(self.tr("The action items whose owner is you, by name"))
                self.mine_only.toggled.connect(self._show_my_actions)
                heading.addWidget(self.mine_only)
            view = self._agenda(kind, self.headers[kind], title)
            self.empty_notes[kind] = EmptyNote(view, nothing[kind])
            grid.addLayout(heading, (n // 2) * 2, n % 2)
            grid.addWidget(view, (n // 2) * 2 + 1, n % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)

    def _card(self, key: str, label: str) -> QFrame:
        card = ClickableCard()
        card.setObjectName("card")
        card.setAccessibleName(label)
        card.setToolTip(self.tr("Show the list it counts (Enter)"))
        box = QVBoxLayout(card)
        box.setContentsMargins(10, 2, 8, 4)
        box.setSpacing(0)
        number = QLabel("–")
        number.setObjectName("cardNumber")
        number.setAccessibleName(label)
        caption = QLabel(label)
        caption.setObjectName("cardLabel")
        caption.setWordWrap(True)
        box.addWidget(number)
        box.addWidget(caption)
        self.cards[key] = number
        self.card_frames[key] = card
        self.card_titles[key] = label
        card.clicked.connect(lambda k=key: self.open_figure(k))
        return card

    def _agenda(self, kind: str, headers: list[str], title: str) -> QTableView:
        tick = self._tick if kind == "actions" else None
        model = AgendaModel(self.ctx.lang, kind, headers, self, on_tick=tick)
        view = _agenda_view(model, f"home_{kind}", title, self.fontMetrics().height() + 8)
        view.setMinimumHeight(self.fontMetrics().height() * 5 + 30)  # the header and four rows
        view.activated.connect(self._activated)
        view.doubleClicked.connect(self._activated)
        if kind == "actions":
            view.installEventFilter(self)
        self.lists[kind] = view
        self.models[kind] = model
        return view

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Space on a row of "Le mie azioni" ticks it, wherever the cursor is in the row.
        from PySide6.QtCore import QEvent

        view = self.lists.get("actions")
        if (watched is view and view is not None and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Space):
            index = view.currentIndex()
            if index.isValid():
                item = index.data(ITEM_ROLE)
                self._tick(item, not item.done)
            return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is not None:
            self.record_requested.emit(item)

    # -- figures --------------------------------------------------------------------------------

    def open_figure(self, key: str) -> QDialog | None:
        """A card's list: the scope's dossiers in the dossier list, or its records in a window."""
        from tutor_app.services.home import DOSSIER_FIGURES

        if self.summary is None:
            return None
        if key in DOSSIER_FIGURES:
            self._open_dossiers("")
            return None
        kind = {"overdue": "permits", "soon": "permits", "actions": "actions", "follow": "notes"}[key]
        dialog = FigureDialog(self.card_titles[key], kind, self.headers[kind], self.summary.lists[key],
                              self.ctx.lang, self.ctx.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.record_requested.connect(self.record_requested)
        dialog.destroyed.connect(lambda: setattr(self, "figure_dialog", None))
        self.figure_dialog = dialog
        dialog.show()
        return dialog

    def _open_dossiers(self, phase: str) -> None:
        if self.summary is None:
            return
        self.dossiers_requested.emit(self.summary.my_project_ids, scope_label(self.summary.scope), phase)

    # -- data -----------------------------------------------------------------------------------

    def load(self) -> None:
        from tutor_app.services import home
        from tutor_app.services.sync_profile import remembered_target

        ws, scope = self.ctx.ws, self._scope
        self.ctx.tasks.run(lambda: (home.home_summary(ws, scope=scope), remembered_target(ws)[0]), self._loaded,
                           owner=self)

    def _scope_chosen(self, index: int) -> None:
        scope = self.scope_box.itemData(index)
        if scope is None or self.summary is None or scope == self.summary.scope.value:
            return
        from tutor_app.services.scope import remember_scope

        self._scope = Scope(scope)
        remember_scope(self.ctx.ws, self._scope)
        self.load()

    def _loaded(self, result: tuple[HomeSummary, str]) -> None:
        summary, server = result
        me = summary.my_name
        self.summary = summary
        lang = self.ctx.lang
        today = self.ctx.today()
        self.greeting.setText(self.tr("Hello, %1").replace("%1", me.split()[0]) if me else self.tr("Home"))
        empty = self.is_empty = summary.all_projects == 0  # no dossier at all, whatever the scope
        self.start.setVisible(empty)
        self.dashboard.setVisible(not empty)
        self._spacer.setVisible(empty)
        self.new_button.setVisible(not empty)  # the panel has its own
        self.scope_box.setVisible(not empty)
        self.scope_caption.setVisible(not empty)
        if empty:
            self.date_label.setText(self.tr("Today is %1").replace("%1", format_date(today, lang)))
            self.start.show_state(server, self.ctx.is_demo)
            return
        shown = summary.figures["projects"]
        counted = {  # what the count is of: the user's own dossiers, their area's, the region's
            Scope.MINE: self.tr("Today is %1 · %2 dossier(s) followed", "", shown),
            Scope.AREA: self.tr("Today is %1 · %2 dossier(s) in my area", "", shown),
            Scope.REGION: self.tr("Today is %1 · %2 dossier(s) in the region", "", shown),
        }[summary.scope]
        self.date_label.setText(  # the form chosen by the count; %2 the count with thousands separators
            counted.replace("%1", format_date(today, lang)).replace("%2", format_int(shown, lang))
        )
        # The action items of the dossiers in scope: the user's own only on their own dossiers
        # (or with "Only mine" ticked), not on a whole region's.
        self.actions_caption.setText(self.tr("My actions: this week and overdue") if summary.scope is Scope.MINE
                                     else self.tr("Actions: this week and overdue"))
        self._fill_scopes(summary)
        f = summary.figures
        values = {
            "projects": format_int(f["projects"], lang),
            "capex": format_money_short(f["capex"], lang),
            **{key: format_int(f[key], lang) for key in ("overdue", "soon", "actions", "follow")},
        }
        for key, text in values.items():
            self.cards[key].setText(text)
            self.card_frames[key].setAccessibleDescription(text)
        alert = self.cards["overdue"]
        alert.setProperty("alert", f["overdue"] > 0)
        alert.style().unpolish(alert)
        alert.style().polish(alert)
        for phase in Phase:
            self.phase_cards[phase.value].set_count(summary.counts.by_phase.get(phase.value, 0))
        self.models["meetings"].set_rows(summary.upcoming_meetings, today)
        self.models["permits"].set_rows(summary.overdue_permits, today)
        self._show_my_actions()
        self.models["notes"].set_rows(summary.follow_ups, today)

    def _fill_scopes(self, summary: HomeSummary) -> None:
        box = self.scope_box
        box.blockSignals(True)
        box.clear()
        offered = summary.viewer.scopes() if summary.viewer is not None else (summary.scope,)
        for scope in offered:
            box.addItem(scope_label(scope), scope.value)
        box.setCurrentIndex(max(0, box.findData(summary.scope.value)))
        box.setEnabled(len(offered) > 1)
        box.blockSignals(False)

    def _show_my_actions(self, *_args: object) -> None:
        if self.summary is None:
            return
        from tutor_app.services.home import owned_by

        items = self.summary.my_actions
        if self.mine_only.isChecked():
            items = tuple(i for i in items if owned_by(i, self.summary.my_name))
        self.models["actions"].set_rows(items, self.ctx.today())

    def _tick(self, item: AgendaItem, done: bool) -> bool:
        """Tick an action item done (or not) from Home: an ordinary synced edit, then Home again."""
        from tutor_app.domain.errors import TutorError
        from tutor_app.services import meetings
        from tutor_app.ui.errors import show_known_error

        try:
            self.ctx.edit(item.project_id, meetings.update_action, item.record_id, done=done)
        except TutorError as exc:
            show_known_error(self, exc)
            return False
        self.load()
        return True
