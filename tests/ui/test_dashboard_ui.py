"""The region dashboard through its widgets: every bar opens the list of exactly its projects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import OpenApp
from tutor_app.domain.scope import Scope
from tutor_app.services.workspace import Workspace
from tutor_app.ui.dashboard_page import MAX_BARS, DashboardPage
from tutor_app.ui.main_window import MainWindow


def _open_dashboard(qtbot: Any, window: MainWindow) -> DashboardPage:
    window.show_dashboard()
    page = window.dashboard_page()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    return page


def _listed(window: MainWindow) -> set[str]:
    model = window.list_page.model
    return {model.row_at(n).id for n in range(model.rowCount())}


def test_each_bar_opens_the_list_of_exactly_its_projects(qtbot: Any, open_app: OpenApp,
                                                         demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = _open_dashboard(qtbot, window)
    assert window.stack.currentWidget() is page
    figures = page.figures
    assert figures is not None
    for key in ("phase", "status", "sector", "province", "country", "tutor", "announced_active"):
        bars = figures.breakdown(key).bars
        drawn = [row.segments[0].ids for row in page.charts[key].rows]
        assert drawn[: MAX_BARS - 1] == [b.ids for b in bars][: MAX_BARS - 1], key
        assert frozenset().union(*drawn) == frozenset().union(*(b.ids for b in bars)), key
    checked = 0
    for key, chart in page.charts.items():
        for r, row in enumerate(chart.rows):
            for s, seg in enumerate(row.segments):
                # whatever the list showed before (a search, a facet), the bar's projects replace it
                window.list_page.search.setText(row.label[:3])
                window.list_page.status_filter.setCurrentIndex(1)
                chart.pick(r, s)
                assert window.stack.currentWidget() is window.list_page
                assert _listed(window) == seg.ids, (key, row.label, s)
                assert window.list_page.selection_bar.isVisible() or not window.isVisible()
                checked += 1
                window.show_dashboard()
    assert checked > 40
    # The printed counts of a breakdown are the list's row counts.
    phases = page.charts["phase"]
    for r, row in enumerate(phases.rows):
        phases.pick(r)
        assert int(row.segments[0].text.replace(".", "")) == window.list_page.model.rowCount()
        window.show_dashboard()


def test_a_mouse_click_on_overdue_at_an_authority_lists_the_dossiers_sql_finds(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    window.resize(1366, 768)
    page = _open_dashboard(qtbot, window)
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(Scope.REGION.value))
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.scope is Scope.REGION, timeout=10_000)
    chart = page.charts["authority"]
    assert chart.rows, "the demo region has overdue permits"
    authority = page.figures.authorities[0].authority
    for r, row in enumerate(chart.rows):  # every bar under the mouse opens its own projects
        target = chart.bar_rect(r, 0)
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(target.center().x(), target.center().y()))
        assert window.stack.currentWidget() is window.list_page
        assert _listed(window) == row.segments[0].ids
        window.show_dashboard()
    target = chart.bar_rect(0, 0)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(target.center().x(), target.center().y()))
    with demo_workspace.store.read() as conn:
        expected = {r[0] for r in conn.execute(text(
            "SELECT DISTINCT i.project_id FROM permit_items i JOIN projects p ON p.id = i.project_id "
            "WHERE i.deleted = 0 AND p.deleted = 0 AND i.status = 'submitted' AND i.authority = :a "
            "AND i.legal_due_on < :today"), {"a": authority, "today": demo_workspace.today().isoformat()})}
    assert expected and _listed(window) == expected
    assert authority in window.list_page.selection_label.text()
    assert window.list_page.model.rowCount() == len(expected)
    # "Show every dossier" drops the dashboard's filter.
    qtbot.mouseClick(window.list_page.selection_clear, Qt.MouseButton.LeftButton)
    assert window.list_page.model.rowCount() == 40 and not window.list_page.selection_bar.isVisible()


def test_the_keyboard_reaches_every_bar_and_the_scope_is_remembered(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = _open_dashboard(qtbot, window)
    first = page.figures.scope
    other = next(s for s in page.figures.scopes if s is not first)
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(other.value))
    qtbot.waitUntil(lambda: page.figures.scope is other, timeout=10_000)
    assert page.scope_name(other) in page.scope_label.text()
    chart = page.charts["status"]
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert _listed(window) == chart.rows[1].segments[0].ids
    # Shown again, the page counts the scope last chosen.
    page.figures = None
    window.show_dashboard()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    assert page.figures.scope is other
    # The totals are buttons too.
    qtbot.mouseClick(page.total_buttons["capex"], Qt.MouseButton.LeftButton)
    assert _listed(window) == page.figures.total.ids


def test_overdue_at_an_authority_down_to_its_dossiers_and_out_to_excel(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, tmp_path: Any) -> None:
    from openpyxl import load_workbook

    window = open_app(demo_workspace).window
    page = _open_dashboard(qtbot, window)
    chart = page.charts["authority"]
    seg = chart.segment(0, 0)
    chart.pick(0, 0)
    # the list shows its projects; the export writes exactly those rows, the columns shown
    shown = [window.list_page.model.row_at(n).code for n in range(window.list_page.model.rowCount())]
    assert len(shown) == len(seg.ids) > 0
    written = window.export_table(str(tmp_path / "scaduti.xlsx"))
    assert written is not None
    sheet = load_workbook(written).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Codice" and "Comune" not in rows[0]  # the municipality column is hidden
    assert [r[0] for r in rows[1:]] == shown
    assert "scaduti.xlsx" in window.statusBar().currentMessage()
    # From the dashboard, its tables: one sheet each, the scope in the sheet's name.
    window.show_dashboard()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    written = window.export_table(str(tmp_path / "cruscotto.csv"))
    assert written is not None
    data = (tmp_path / "cruscotto.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and page.scope_name(page.figures.scope) in data.decode("utf-8-sig")


def test_the_bars_follow_the_measure_chosen(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = _open_dashboard(qtbot, window)
    page.measure_combo.setCurrentIndex(page.measure_combo.findData("capex"))
    figures = page.figures
    assert figures is not None
    sectors = {b.label: b for b in figures.breakdown("sector").bars}
    rows = page.charts["sector"].rows
    values = [sectors[r.label].capex_cents for r in rows if r.label in sectors]
    assert values == sorted(values, reverse=True) and len(values) >= 2
    assert all(r.segments[0].value == sectors[r.label].capex_cents for r in rows if r.label in sectors)
    # every province of the region gets its own bar, never an "Other"
    assert len(page.charts["province"].rows) == len(figures.breakdown("province").bars)


def test_the_dashboard_counts_the_rows_the_list_holds_without_reading_them_again(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, monkeypatch: Any) -> None:
    """Once the dossier list has loaded, the dashboard breaks down its very rows (ten thousand read
    again cost more than the figures): a read of the list's rows would fail here."""
    from tutor_app.store import queries

    window = open_app(demo_workspace).window
    qtbot.waitUntil(lambda: window.list_page.is_loaded, timeout=5_000)
    held = window.list_page.loaded_rows()
    assert held is not None and len(held) == window.list_page.model.rowCount()

    def no_second_read(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the dashboard read the dossier rows again")

    monkeypatch.setattr(queries, "dossier_rows", no_second_read)
    page = _open_dashboard(qtbot, window)
    assert page.figures is not None and 0 < page.figures.total.projects <= len(held)
