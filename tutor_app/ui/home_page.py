"""Home: my projects by phase and what needs doing soon, each line one click from its dossier."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from tutor_app.ui import theme
from tutor_app.ui.context import AppContext

if TYPE_CHECKING:  # the services load with the workspace, after the window's first paint
    from tutor_app.services.home import AgendaItem, HomeSummary

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_ModelIndex = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    """A short home list: date, dossier, what. Dumb adapter over ``AgendaItem`` rows."""

    COL_WHEN, COL_PROJECT, COL_WHAT = range(3)

    def __init__(self, lang: str, kind: str, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.kind = kind
        self.headers = headers
        self.rows: list[AgendaItem] = []
        self.today: Any = None

    def set_rows(self, rows: tuple[AgendaItem, ...], today: Any) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_WHEN:
                return format_date(item.when, self.lang)
            if column == self.COL_PROJECT:
                return f"{item.code} · {item.title}"
            return self._what(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.code} · {item.title}\n{self._what(item)}"
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_WHAT and self.kind == "meetings":
            return theme.table_colour(item.what)
        if (role == Qt.ItemDataRole.ForegroundRole and column == self.COL_WHEN and self.today
                and is_overdue(item.when, self.today)):
            return QBrush(QColor(theme.URGENCY_TEXT["overdue"]))
        return None

    def _what(self, item: AgendaItem) -> str:
        if self.kind == "meetings":
            label = WorkingTable(item.what).label(self.lang)
            return f"{label} — {item.detail}" if item.detail else label
        if self.kind == "notes":
            return f"{AftercareTopic(item.what).label(self.lang)}: {item.detail}"
        return f"{item.what} — {item.detail}" if item.detail else item.what


class PhaseCard(QFrame):
    """A phase on the home page: how many of my projects are in it; click or Enter shows them."""

    clicked = Signal()

    def __init__(self, phase: Phase, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"phase_{phase.value}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = theme.TABLE_COLOURS[phase.table]
        self.setStyleSheet(
            f"QFrame#phase_{phase.value} {{ background: white; border: 1px solid #d8dee6;"
            f" border-left: 6px solid {colour}; border-radius: 4px; }}"
            f"QFrame#phase_{phase.value}:focus {{ border: 2px solid {theme.ACCENT}; border-left: 6px solid {colour}; }}"
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 8, 6)
        box.setSpacing(0)
        self.count = QLabel("–")
        self.count.setStyleSheet(f"font-size: 17pt; font-weight: 600; color: {colour}; border: none;")
        name = QLabel(phase.label(lang))
        name.setStyleSheet("font-weight: 600; border: none;")
        name.setWordWrap(True)
        table = QLabel(phase.table.label(lang))
        table.setStyleSheet(f"color: {theme.MUTED_TEXT}; border: none;")
        for label in (self.count, name, table):
            box.addWidget(label)
        self.setAccessibleName(f"{phase.label(lang)} — {phase.table.label(lang)}")

    def set_count(self, count: int) -> None:
        self.count.setText(str(count))
        self.setAccessibleDescription(str(count))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


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
    phase_requested = Signal(str)  # show the list filtered to a phase
    overdue_requested = Signal()
    new_dossier_requested = Signal()
    settings_requested = Signal()
    demo_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homePage")
        self.summary: HomeSummary | None = None
        self.is_empty = False  # no dossier at all: the start panel instead of the figures
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(10)

        self.greeting = QLabel(self.tr("Home"))
        self.greeting.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("pageSubtitle")
        head = QGridLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setVerticalSpacing(0)
        head.addWidget(self.greeting, 0, 0)
        head.addWidget(self.date_label, 1, 0)
        self.new_button = QPushButton(self.tr("New dossier…"))
        self.new_button.setObjectName("homeNewDossier")
        self.new_button.setToolTip(self.tr("Make a new dossier (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_dossier_requested)
        head.addWidget(self.new_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.setColumnStretch(0, 1)
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
        for key, label in (
            ("projects", self.tr("My projects")),
            ("capex", self.tr("Capex followed")),
            ("overdue", self.tr("Permits overdue")),
            ("soon", self.tr("Permits due in 14 days")),
            ("actions", self.tr("Open action items")),
            ("follow", self.tr("Follow-ups due")),
        ):
            cards.addWidget(self._card(key, label), 1)
        layout.addLayout(cards)

        phase_title = QLabel(self.tr("My projects by phase"))
        phase_title.setObjectName("sectionTitle")
        layout.addWidget(phase_title)
        phases = QHBoxLayout()
        phases.setSpacing(6)
        self.phase_cards: dict[str, PhaseCard] = {}
        for phase in Phase:
            card = PhaseCard(phase, self.ctx.lang)
            card.clicked.connect(lambda p=phase.value: self.phase_requested.emit(p))
            phases.addWidget(card, 1)
            self.phase_cards[phase.value] = card
        layout.addLayout(phases)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.lists: dict[str, QTableView] = {}
        self.models: dict[str, AgendaModel] = {}
        specs = (
            (
                "meetings",
                self.tr("Meetings in the next 14 days"),
                [self.tr("Date"), self.tr("Dossier"), self.tr("Working table")],
            ),
            (
                "permits",
                self.tr("Permit deadlines: overdue and near"),
                [self.tr("Deadline"), self.tr("Dossier"), self.tr("Permit")],
            ),
            ("actions", self.tr("Open action items"), [self.tr("Due"), self.tr("Dossier"), self.tr("Action")]),
            ("notes", self.tr("Aftercare follow-ups"), [self.tr("Follow-up"), self.tr("Dossier"), self.tr("Note")]),
        )
        for n, (kind, title, headers) in enumerate(specs):
            heading = QLabel(title)
            heading.setObjectName("sectionTitle")
            view, _model = self._agenda(kind, headers, title)
            grid.addWidget(heading, (n // 2) * 2, n % 2)
            grid.addWidget(view, (n // 2) * 2 + 1, n % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)

    def _card(self, key: str, label: str) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        box.setContentsMargins(12, 4, 12, 6)
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
        return card

    def _agenda(self, kind: str, headers: list[str], title: str) -> tuple[QTableView, AgendaModel]:
        model = AgendaModel(self.ctx.lang, kind, headers, self)
        view = QTableView()
        view.setObjectName(f"home_{kind}")
        view.setAccessibleName(title)
        view.setModel(model)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setMinimumHeight(128)
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 92)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        view.activated.connect(self._activated)
        view.doubleClicked.connect(self._activated)
        self.lists[kind] = view
        self.models[kind] = model
        return view, model

    def _activated(self, index: QModelIndex) -> None:
        from tutor_app.services.home import AgendaItem

        item = index.data(ITEM_ROLE)
        if isinstance(item, AgendaItem):
            self.open_requested.emit(item.project_id, item.tab)

    # -- data -----------------------------------------------------------------------------------

    def load(self) -> None:
        from tutor_app.services import home
        from tutor_app.services.sync_profile import remembered_target

        ws = self.ctx.ws
        self.ctx.tasks.run(
            lambda: (home.home_summary(ws), home.my_name(ws), remembered_target(ws)[0]), self._loaded, owner=self
        )

    def _loaded(self, result: tuple[HomeSummary, str | None, str]) -> None:
        summary, me, server = result
        self.summary = summary
        lang = self.ctx.lang
        today = self.ctx.today()
        self.greeting.setText(self.tr("Hello, %1").replace("%1", me.split()[0]) if me else self.tr("Home"))
        c = summary.counts
        empty = self.is_empty = c.projects == 0
        self.start.setVisible(empty)
        self.dashboard.setVisible(not empty)
        self._spacer.setVisible(empty)
        self.new_button.setVisible(not empty)  # the panel has its own
        if empty:
            self.date_label.setText(self.tr("Today is %1").replace("%1", format_date(today, lang)))
            self.start.show_state(server, self.ctx.is_demo)
            return
        self.date_label.setText(  # the form chosen by the count; %2 the count with thousands separators
            self.tr("Today is %1 · %2 dossier(s) followed", "", c.projects)
            .replace("%1", format_date(today, lang))
            .replace("%2", format_int(c.projects, lang))
        )
        values = {
            "projects": format_int(c.projects, lang),
            "capex": format_money_short(c.capex_cents, lang),
            "overdue": format_int(c.overdue_permits, lang),
            "soon": format_int(c.due_soon_permits, lang),
            "actions": format_int(c.open_actions, lang),
            "follow": format_int(c.follow_ups_due, lang),
        }
        for key, text in values.items():
            self.cards[key].setText(text)
        alert = self.cards["overdue"]
        alert.setProperty("alert", c.overdue_permits > 0)
        alert.style().unpolish(alert)
        alert.style().polish(alert)
        for phase in Phase:
            self.phase_cards[phase.value].set_count(c.by_phase.get(phase.value, 0))
        self.models["meetings"].set_rows(summary.upcoming_meetings, today)
        self.models["permits"].set_rows(summary.overdue_permits, today)
        self.models["actions"].set_rows(summary.open_actions, today)
        self.models["notes"].set_rows(summary.follow_ups, today)
