"""The dashboard page on hand-built data: every province with projects is drawn, with its count."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tests.ui.conftest import OpenApp
from tests.ui.test_dashboard_ui import _listed, _open_dashboard
from tutor_app.domain.places import PROVINCES
from tutor_app.domain.scope import Scope
from tutor_app.services import dossiers
from tutor_app.services.scope import remember_scope
from tutor_app.services.workspace import Workspace

PROJECT = {"kind": "new_initiative", "sector": "manufacturing", "function": "production", "status": "active"}


def test_every_province_with_projects_is_a_bar_that_opens_them(qtbot: Any, open_app: OpenApp,
                                                               tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    investor = dossiers.create_investor(ws, name="Beta GmbH", country="DE")
    for n, province in enumerate([p.code for p in PROVINCES] + [None]):
        for k in range(1 + (n % 3)):
            dossiers.create_project(ws, investor_id=investor, title=f"P {province} {k}", province=province,
                                    with_checklist=False, capex_cents=100 * (n + 1), **PROJECT)
    remember_scope(ws, Scope.REGION)
    window = open_app(ws).window
    page = _open_dashboard(qtbot, window)
    with ws.store.read() as conn:
        found = {p: set(ids.split(",")) for p, ids in conn.execute(text(
            "SELECT province, group_concat(id) FROM projects WHERE deleted = 0 GROUP BY province"))}
    chart = page.charts["province"]
    drawn = {row.label: set(row.segments[0].ids) for row in chart.rows}
    assert len(chart.rows) == len(found) == len(PROVINCES) + 1
    assert sorted(map(len, drawn.values())) == sorted(map(len, found.values()))
    assert set(map(frozenset, drawn.values())) == set(map(frozenset, found.values()))
    for r, row in enumerate(chart.rows):
        chart.pick(r)
        assert _listed(window) == set(row.segments[0].ids)
        window.show_dashboard()
