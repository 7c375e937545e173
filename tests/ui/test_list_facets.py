"""The dossier list's Province, Country and Authority facets and its totals row, against SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tests.ui.conftest import OpenApp
from tutor_app.domain.formatting import format_int, format_money_short
from tutor_app.services.workspace import Workspace


def _shown(page: Any) -> set[str]:
    return {page.model.row_at(n).id for n in range(page.model.rowCount())}


def _sql(ws: Workspace, sql: str, **params: object) -> set[str]:
    with ws.store.read() as conn:
        return {r[0] for r in conn.execute(text(sql), params)}


def test_province_country_and_authority_facets_keep_what_sql_finds(qtbot: Any, open_app: OpenApp,
                                                                 demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = window.list_page
    qtbot.waitUntil(lambda: page.authority_filter.count() > 1, timeout=10_000)
    live = "SELECT p.id FROM projects p JOIN investors i ON i.id = p.investor_id WHERE p.deleted = 0"
    page.province_filter.setCurrentIndex(page.province_filter.findData("MI"))
    milan = _sql(demo_workspace, live + " AND p.province = 'MI'")
    assert milan and _shown(page) == milan
    country = page.model.row_at(0).country
    page.country_filter.setCurrentIndex(page.country_filter.findData(country))
    assert _shown(page) == milan & _sql(demo_workspace, live + " AND i.country = :c", c=country)
    assert " — " in page.country_filter.currentText()  # the country's name, once loaded
    page.clear_filters()
    assert page.model.rowCount() == 40
    today = demo_workspace.today().isoformat()
    for n in range(1, page.authority_filter.count()):
        name = page.authority_filter.itemData(n)
        page.authority_filter.setCurrentIndex(n)
        page.overdue_filter.setChecked(False)
        holders = "SELECT i.project_id FROM permit_items i JOIN projects p ON p.id = i.project_id " \
                  "WHERE i.deleted = 0 AND p.deleted = 0 AND trim(i.authority) = :a"
        assert _shown(page) == _sql(demo_workspace, holders, a=name), name
        page.overdue_filter.setChecked(True)
        late = holders + (" AND i.status = 'submitted' AND i.legal_due_on < :t"  # closed dossiers: no alarm
                          " AND p.status NOT IN ('completed', 'abandoned')")
        assert _shown(page) == _sql(demo_workspace, late, a=name, t=today), name


def test_the_totals_row_sums_the_filtered_set(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    page = window.list_page
    page.province_filter.setCurrentIndex(page.province_filter.findData("MI"))
    with demo_workspace.store.read() as conn:
        count, capex, hires = conn.execute(text(
            "SELECT count(*), coalesce(sum(capex_cents), 0), coalesce(sum(new_hires), 0) FROM projects "
            "WHERE deleted = 0 AND province = 'MI'")).one()
    assert page.model.totals() == (count, capex, hires)
    shown = page.totals_label.text()
    assert format_money_short(capex, "it") in shown and format_int(hires, "it") in shown and str(count) in shown
