"""The region dashboard: the figures of ``services.region`` as QPainter bar charts, every one clickable.

The figures are computed on a worker (``region_figures``) and drawn on the GUI thread; a click on a
bar or a number emits the ids of the projects behind it and a description, which the dossier list
shows as its filter. Every figure says which scope it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.formatting import format_date, format_int, format_money_short
from tutor_app.domain.scope import Scope
from tutor_app.services.region import Bar, Breakdown, RegionFigures
from tutor_app.store.dossier_list import DossierRow
from tutor_app.ui.context import AppContext
from tutor_app.ui.i18n import counted
from tutor_app.ui.widgets.bar_chart import BarChart, ChartRow, Segment

MAX_BARS = 10  # the rest of a long breakdown (countries, tutors) goes into one "Other" bar
MEASURES = ("projects", "capex", "hires")


class DashboardPage(QWidget):
    picked = Signal(object, str)  # project ids, what they are (the list's filter)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 list_rows: Callable[[], Sequence[DossierRow] | None] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # The dossier list's rows when it holds them (None: not loaded): the figures count the very
        # rows the list shows, and the open does not read ten thousand of them again.
        self.list_rows = list_rows or (lambda: None)
        self.setObjectName("dashboardPage")
        self.figures: RegionFigures | None = None
        self.charts: dict[str, BarChart] = {}
        self._build()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Dashboard"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Count:")))
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName(self.tr("Which dossiers the figures count"))
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope_combo.currentIndexChanged.connect(self._scope_chosen)
        head.addWidget(self.scope_combo)
        head.addSpacing(12)
        head.addWidget(QLabel(self.tr("Bars show:")))
        self.measure_combo = QComboBox()
        self.measure_combo.setAccessibleName(self.tr("What the bars measure"))
        for key, label in zip(MEASURES, (self.tr("Projects"), self.tr("Capex"), self.tr("New hires")), strict=True):
            self.measure_combo.addItem(label, key)
        self.measure_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.measure_combo.currentIndexChanged.connect(self._redraw)
        head.addWidget(self.measure_combo)
        outer.addLayout(head)

        self.scope_label = QLabel()
        self.scope_label.setObjectName("pageSubtitle")
        outer.addWidget(self.scope_label)

        numbers = QHBoxLayout()
        self.total_buttons: dict[str, QPushButton] = {}
        for key in MEASURES:
            button = QPushButton()
            button.setObjectName("dashNumber")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet("QPushButton { font-size: 15pt; font-weight: 600; color: #0b5394; "
                                 "text-align: left; padding: 2px 10px; border: 1px solid #d8dee6; "
                                 "border-radius: 6px; background: white; }")
            button.clicked.connect(self._pick_total)
            self.total_buttons[key] = button
            numbers.addWidget(button)
        numbers.addStretch(1)
        outer.addLayout(numbers)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 4, 4, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        cards = (
            ("phase", self.tr("By phase"), ()),
            ("status", self.tr("By status"), ()),
            ("announced_active", self.tr("Announced vs active"), ()),
            ("authority", self.tr("Permits by competent authority"),
             (self.tr("overdue"), self.tr("due within 14 days"))),
            ("sector", self.tr("By sector"), ()),
            ("province", self.tr("By province"), ()),
            ("country", self.tr("By country of origin"), ()),
            ("tutor", self.tr("By tutor"), ()),
            ("quarters", self.tr("Per quarter"), (self.tr("new leads"), self.tr("entries into a later phase"))),
        )
        for n, (key, caption, series) in enumerate(cards):
            card = QFrame()
            card.setObjectName("card")
            box = QVBoxLayout(card)
            box.setContentsMargins(10, 8, 10, 8)
            heading = QLabel(caption)
            heading.setObjectName("sectionTitle")
            box.addWidget(heading)
            chart = BarChart(series)
            chart.setObjectName(f"chart_{key}")
            chart.setAccessibleName(caption)
            chart.empty_text = self.tr("Nothing to count.")
            chart.picked.connect(self.picked)
            box.addWidget(chart)
            box.addStretch(1)
            self.charts[key] = chart
            grid.addWidget(card, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(cards) // 2 + 1, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    # -- loading --------------------------------------------------------------------------------

    def load(self, scope: Scope | None = None) -> None:
        """Compute the figures on a worker (the scope last chosen, unless one is given)."""
        ws, lang = self.ctx.ws, self.ctx.lang
        rows = self.list_rows()

        def work() -> RegionFigures:
            from tutor_app.services.region import region_figures

            return region_figures(ws, lang, scope, rows)

        self.ctx.tasks.run(work, self.show_figures, owner=self)

    def show_figures(self, figures: RegionFigures) -> None:
        """Draw precomputed figures (on the GUI thread: no query here)."""
        self.figures = figures
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        for scope in figures.scopes:
            self.scope_combo.addItem(self.scope_name(scope), scope.value)
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(figures.scope.value)))
        self.scope_combo.blockSignals(False)
        self._redraw()
        self.loaded.emit()

    def _scope_chosen(self, _index: int) -> None:
        value = self.scope_combo.currentData()
        if value is None:
            return
        scope = Scope(value)
        from tutor_app.services.scope import remember_scope

        remember_scope(self.ctx.ws, scope)
        self.load(scope)

    def scope_name(self, scope: Scope) -> str:
        return {
            Scope.MINE: self.tr("My dossiers"),
            Scope.AREA: self.tr("My area"),
            Scope.REGION: self.tr("The whole region"),
        }[scope]

    # -- drawing --------------------------------------------------------------------------------

    @property
    def measure(self) -> str:
        return str(self.measure_combo.currentData() or "projects")

    def _redraw(self, *_args: object) -> None:
        f = self.figures
        if f is None:
            return
        lang = self.ctx.lang
        where = self.scope_name(f.scope)
        self.scope_label.setText(
            counted(self.tr("Counting: %1 · %n dossier(s) · on %2", "", f.total.projects), f.total.projects)
            .replace("%1", where).replace("%2", format_date(f.today, lang)))
        total = f.total
        texts = {
            "projects": counted(self.tr("%n dossier(s)", "", total.projects), total.projects),
            "capex": self.tr("%1 capex").replace("%1", format_money_short(total.capex_cents, lang)),
            "hires": self.tr("%1 new hires").replace("%1", format_int(total.new_hires, lang)),
        }
        for key, button in self.total_buttons.items():
            button.setText(texts[key])
            button.setToolTip(counted(self.tr("Open the %n dossier(s) counted (%1)", "", total.projects),
                                      total.projects).replace("%1", where))
        for dimension in ("phase", "status", "sector", "province", "country", "tutor"):
            self.charts[dimension].set_rows(self._bars(f.breakdown(dimension), where))
        self.charts["announced_active"].set_rows(self._bars(f.breakdown("announced_active"), where))
        self.charts["authority"].set_rows(self._authorities(f, where))
        self.charts["quarters"].set_rows(self._quarters(f, where))

    def _value(self, bar: Bar) -> tuple[float, str]:
        lang = self.ctx.lang
        count = format_int(bar.projects, lang)
        if self.measure == "capex":
            return float(bar.capex_cents), f"{format_money_short(bar.capex_cents, lang)} ({count})"
        if self.measure == "hires":
            return float(bar.new_hires), f"{format_int(bar.new_hires, lang)} ({count})"
        return float(bar.projects), count

    def _caption(self, dimension: str) -> str:
        return {
            "phase": self.tr("Phase"), "status": self.tr("Status"), "sector": self.tr("Sector"),
            "province": self.tr("Province"), "country": self.tr("Country"), "tutor": self.tr("Tutor"),
            "announced_active": self.tr("Status"),
        }[dimension]

    def _bars(self, part: Breakdown, where: str) -> list[ChartRow]:
        bars: Sequence[Bar] = part.bars
        if part.dimension not in ("phase", "announced_active"):  # largest first by what the bars show
            bars = sorted(bars, key=lambda b: (b.key is None, -self._value(b)[0]))
        limit = len(bars) if part.dimension == "province" else MAX_BARS  # the region's provinces: all
        if len(bars) > limit:
            rest = bars[limit - 1:]
            ids = frozenset().union(*(b.ids for b in rest))
            other = Bar("", counted(self.tr("Other (%n)", "", len(rest)), len(rest)), ids,
                        sum(b.capex_cents for b in rest), sum(b.new_hires for b in rest))
            bars = [*bars[:limit - 1], other]
        lang = self.ctx.lang
        rows = []
        for bar in bars:
            label = bar.label or self.tr("not set")
            value, shown = self._value(bar)
            what = f"{self._caption(part.dimension)}: {label} · {where}"
            tip = self.tr("%1 — %2 dossier(s), %3 capex, %4 new hires").replace("%1", what).replace(
                "%2", format_int(bar.projects, lang)).replace("%3", format_money_short(bar.capex_cents, lang)).replace(
                "%4", format_int(bar.new_hires, lang))
            rows.append(ChartRow(label, (Segment(value, shown, bar.ids, what, tip),)))
        return rows

    def _authorities(self, f: RegionFigures, where: str) -> list[ChartRow]:
        rows = []
        for line in f.authorities[:MAX_BARS]:
            name = line.authority or self.tr("authority not named")
            late = self.tr("Overdue permits at %1 · %2").replace("%1", name).replace("%2", where)
            soon = self.tr("Permits due within 14 days at %1 · %2").replace("%1", name).replace("%2", where)
            rows.append(ChartRow(name, (
                Segment(line.overdue, self._in(line.overdue, line.overdue_ids), line.overdue_ids, late),
                Segment(line.due_soon, self._in(line.due_soon, line.due_soon_ids), line.due_soon_ids, soon),
            )))
        return rows

    def _quarters(self, f: RegionFigures, where: str) -> list[ChartRow]:
        lang = self.ctx.lang
        rows = []
        for q in f.quarters:
            name = self.tr("Q%1 %2").replace("%1", str(q.quarter)).replace("%2", str(q.year))
            rows.append(ChartRow(name, (
                Segment(q.new_leads, format_int(q.new_leads, lang), q.lead_ids,
                        self.tr("New leads in %1 · %2").replace("%1", name).replace("%2", where)),
                Segment(q.phase_entries, self._in(q.phase_entries, q.entry_ids), q.entry_ids,
                        self.tr("Phase entries in %1 · %2").replace("%1", name).replace("%2", where)),
            )))
        return rows

    def _in(self, count: int, ids: frozenset[str]) -> str:
        """A count of permits or entries, and of the dossiers that hold them when that differs."""
        shown = format_int(count, self.ctx.lang)
        if count == len(ids):
            return shown
        return counted(self.tr("%1 in %n dossier(s)", "", len(ids)), len(ids)).replace("%1", shown)

    def _pick_total(self) -> None:
        if self.figures is not None:
            self.picked.emit(self.figures.total.ids, self.scope_name(self.figures.scope))
