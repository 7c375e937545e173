"""The dossier list's saved views and multi-selection, through the widgets."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import text

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from tests.ui.conftest import OpenApp
from tutor_app.domain.formatting import format_int, format_money_short
from tutor_app.services import saved_views
from tutor_app.services.workspace import Workspace
from tutor_app.ui.models.dossier_list import COL_DEADLINE


def _shown(page: Any) -> list[str]:
    return [page.model.row_at(n).id for n in range(page.model.rowCount())]


def test_a_saved_view_is_listed_after_a_restart_and_shows_the_list_as_saved(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    page = open_app(demo_workspace).window.list_page
    qtbot.waitUntil(lambda: page.authority_filter.count() > 1, timeout=10_000)
    page.province_filter.setCurrentIndex(page.province_filter.findData("MI"))
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    page.table.sortByColumn(COL_DEADLINE, Qt.SortOrder.DescendingOrder)
    authority = page.authority_filter.itemData(1)
    page.authority_filter.setCurrentIndex(1)
    expected = _shown(page)
    assert expected
    page.views.save_current("Titoli scaduti in MI")
    assert page.views.combo.currentText() == "Titoli scaduti in MI"
    page.phase_filter.setCurrentIndex(1)  # a change by hand: the list no longer shows the view
    assert page.views.chosen is None and page.views.combo.currentIndex() == 0

    again = open_app(demo_workspace).window.list_page  # a second start on the same profile
    qtbot.waitUntil(lambda: again.authority_filter.count() > 1, timeout=10_000)
    combo = again.views.combo
    assert [combo.itemText(n) for n in range(1, combo.count())] == ["Titoli scaduti in MI"]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert (again.province_filter.currentData(), again.status_filter.currentData(),
            again.authority_filter.currentData(), again.phase_filter.currentData()) == ("MI", "active", authority, None)
    header = again.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (COL_DEADLINE, Qt.SortOrder.DescendingOrder)
    assert _shown(again) == expected

    again.views.rename_chosen("Milano attivi")
    assert [v.name for v in saved_views.saved_views(demo_workspace)] == ["Milano attivi"]
    assert again.views.combo.currentText() == "Milano attivi"
    saved_views.save_view(demo_workspace, saved_views.ListView(name="Tutte"))
    again.views.reload()
    gone = again.views.delete_chosen()
    assert gone is not None and [v.name for v in saved_views.saved_views(demo_workspace)] == ["Tutte"]
    assert again.views.combo.count() == 2
    undo = again.window().undo
    assert undo.undo_action.text() == "&Annulla: la vista salvata \"Milano attivi\""
    undo.undo_action.trigger()  # Modifica ▸ Annulla: the view back in its place
    assert [v.name for v in saved_views.saved_views(demo_workspace)] == ["Milano attivi", "Tutte"]
    combo = again.views.combo
    assert [combo.itemText(n) for n in range(1, combo.count())] == ["Milano attivi", "Tutte"]
    assert not undo.undo_action.isEnabled()


def test_several_selected_rows_are_totalled_and_exported(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                         tmp_path: Path) -> None:
    page = open_app(demo_workspace).window.list_page
    model, chosen = page.model, [1, 4, 7]
    selection = QItemSelection()
    for row in chosen:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    ids = [model.row_at(n).id for n in chosen]
    assert page.selected_ids() == ids
    with demo_workspace.store.read() as conn:
        capex, hires = conn.execute(text(
            f"SELECT coalesce(sum(capex_cents), 0), coalesce(sum(new_hires), 0) FROM projects "
            f"WHERE id IN ({', '.join(repr(i) for i in ids)})")).one()
        codes = [conn.execute(text("SELECT code FROM projects WHERE id = :i"), {"i": i}).scalar_one() for i in ids]
    label = page.totals_label.text()
    assert model.totals(chosen) == (3, capex, hires)
    assert format_money_short(capex, page.ctx.lang) in label and format_int(hires, page.ctx.lang) in label
    assert ("selezionat" if page.ctx.lang == "it" else "selected") in label
    actions = [a.text() for a in page.selection_actions.menu().actions()]
    assert len(actions) == 2 and "3" in actions[1]
    written = page.selection_actions.export_selected(str(tmp_path / "scelti.csv"))
    assert written is not None
    with open(written, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert [r[0] for r in rows[1:]] == codes
    # One row selected: the totals are the list's again.
    page.table.selectionModel().select(model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    assert "selezionat" not in page.totals_label.text() and "selected" not in page.totals_label.text()


def test_a_view_applied_before_the_authorities_are_loaded_gets_its_authority(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    from tutor_app.services.saved_views import ListView

    page = open_app(demo_workspace).window.list_page
    qtbot.waitUntil(lambda: page.authority_filter.count() > 1, timeout=10_000)
    authority = page.authority_filter.itemData(2)
    page.authority_filter.clear()  # as at a fast start: the workspace not yet open, no authorities
    page.authority_filter.addItem("—", None)
    page.apply_view(ListView("ARPA", authority=authority))
    assert page.current_view().authority == authority  # saved again as it is, even before the load
    page._load_authorities()
    qtbot.waitUntil(lambda: page.authority_filter.count() > 2, timeout=10_000)
    assert page.authority_filter.currentData() == authority
    page.overdue_filter.setChecked(False)
    with demo_workspace.store.read() as conn:
        holders = {r[0] for r in conn.execute(text(
            "SELECT i.project_id FROM permit_items i JOIN projects p ON p.id = i.project_id "
            "WHERE i.deleted = 0 AND p.deleted = 0 AND trim(i.authority) = :a"), {"a": authority})}
    assert set(_shown(page)) == holders


def test_a_coordinator_assigns_the_selected_dossiers_to_a_tutor(qtbot: Any, open_app: OpenApp,
                                                                demo_workspace: Workspace) -> None:
    from tutor_app.domain import schema

    ws = demo_workspace
    with ws.store.write() as w:
        w.update(schema.TUTORS, ws.tutor_id or "", {"role": "coordinator"})
    page = open_app(ws).window.list_page
    model = page.model
    selection = QItemSelection()
    for row in (0, 3):
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert len(page.selection_actions.menu().actions()) == 3
    ids = page.selected_ids()
    tutor_id, name = next((t, n) for t, n in page.tutor_choices
                          if not all(n in model.row_at(p).tutors for p in (0, 3)))
    page.selection_actions.assign_selected(tutor_id)
    for project_id in ids:
        position = model.position_of(project_id)
        assert position is not None and name in model.row_at(position).tutors
    with ws.store.read() as conn:
        held = {r[0] for r in conn.execute(text(
            "SELECT project_id FROM assignments WHERE tutor_id = :t AND deleted = 0"), {"t": tutor_id})}
    assert set(ids) <= held
