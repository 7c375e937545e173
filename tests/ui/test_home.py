"""Home as a tutor uses it: every figure opens the list it counts, over the scope shown and chosen
(remembered); each line opens its exact record; the investor stands beside the dossier; "Le mie
azioni" are mine, due this week or overdue, soonest first, and ticked done from there."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.ui.conftest import OpenApp, wait_loaded
from tests.ui.test_keyboard import shown
from tutor_app.domain.deadlines import urgency_bounds
from tutor_app.domain.scope import Scope
from tutor_app.services import dossiers, meetings
from tutor_app.services.home import AgendaItem, end_of_week, my_project_ids
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import TUTOR_ID
from tutor_app.ui.home_page import AgendaModel, FigureDialog, HomePage
from tutor_app.ui.main_window import MainWindow


def _give_the_tutor_an_area(ws: Workspace, provinces: list[str]) -> None:
    """The demo's tutor as a regional tutor with provinces: "La mia area" is offered too."""
    with ws.store.write() as w:
        w.conn.execute(text("UPDATE tutors SET role = 'regional_tutor', provinces = :p WHERE id = :t"),
                       {"p": __import__("json").dumps(provinces), "t": TUTOR_ID.get(w.conn)})


def _expected_ids(ws: Workspace, scope: Scope, provinces: set[str]) -> set[str]:
    """The scope's dossiers, computed here from the tables (not through the scope model)."""
    with ws.store.read() as conn:
        mine = my_project_ids(conn, TUTOR_ID.get(conn))
        rows = conn.execute(text("SELECT id, province FROM projects WHERE deleted = 0")).all()
    if scope is Scope.REGION:
        return {r[0] for r in rows}
    return {r[0] for r in rows if r[0] in mine or (scope is Scope.AREA and r[1] in provinces)}


def _expected_records(ws: Workspace, key: str, ids: set[str]) -> set[str]:
    """What a record figure must count, from the tables (not through services.home)."""
    bounds = urgency_bounds(TODAY)
    running = "AND project_id NOT IN (SELECT id FROM projects WHERE status IN ('completed', 'abandoned'))"
    sql = {  # a closed dossier's terms are neither overdue nor due soon
        "overdue": "SELECT id, project_id FROM permit_items WHERE deleted = 0 AND status = 'submitted' "
                   f"AND legal_due_on < :late {running}",
        "soon": "SELECT id, project_id FROM permit_items WHERE deleted = 0 AND status = 'submitted' "
                f"AND legal_due_on >= :late AND legal_due_on <= :soon {running}",
        "actions": "SELECT a.id, a.project_id FROM action_items a JOIN meetings m ON m.id = a.meeting_id "
                   "WHERE a.deleted = 0 AND m.deleted = 0 AND a.done = 0",
        "follow": "SELECT id, project_id FROM aftercare_notes WHERE deleted = 0 AND follow_up_on <= :soon",
    }[key]
    with ws.store.read() as conn:
        rows = conn.execute(text(sql), {"late": bounds.overdue_before.isoformat(),
                                        "soon": bounds.soon_until.isoformat()}).all()
    return {rid for rid, pid in rows if pid in ids}


def _choose(qtbot: Any, home: HomePage, scope: Scope) -> None:
    box = home.scope_box
    index = box.findData(scope.value)
    assert index >= 0, scope
    if box.currentIndex() == index:
        return
    summary = home.summary
    box.setCurrentIndex(index)
    qtbot.waitUntil(lambda: home.summary is not summary and home.summary is not None
                    and home.summary.scope is scope, timeout=10_000)


def _shown(window: MainWindow) -> list[Any]:
    model = window.list_page.model
    return [model.row_at(n) for n in range(model.rowCount())]


def _number(home: HomePage, key: str) -> int:
    return int(home.cards[key].text().replace(".", ""))


def test_every_home_figure_opens_a_list_of_exactly_what_it_counts_in_each_scope(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    _give_the_tutor_an_area(demo_workspace, ["MI", "MB"])
    window = shown(qtbot, open_app, demo_workspace)
    home = window.home
    offered = [home.scope_box.itemData(n) for n in range(home.scope_box.count())]
    assert offered == ["mine", "area", "region"]
    assert [home.scope_box.itemText(n) for n in range(3)] == ["I miei", "La mia area", "Tutta la regione"]
    sizes = []
    for scope in (Scope.MINE, Scope.AREA, Scope.REGION):
        window.show_home()
        _choose(qtbot, home, scope)
        expected = _expected_ids(demo_workspace, scope, {"MI", "MB"})
        sizes.append(len(expected))
        # The dossier figures: the dossier list on the same dossiers (count and capex).
        qtbot.keyClick(home.card_frames["projects"], Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.list_page
        rows = _shown(window)
        assert {r.id for r in rows} == expected
        assert len(rows) == _number(home, "projects")
        assert sum(r.capex_cents or 0 for r in rows) == home.summary.figures["capex"]  # type: ignore[union-attr]
        bar = window.list_page.selection_bar  # the list says which figure's dossiers it shows
        assert bar.isVisible() and home.scope_box.currentText() in window.list_page.selection_label.text()
        for phase, card in home.phase_cards.items():
            window.show_home()
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
            rows = _shown(window)
            assert len(rows) == int(card.count.text()), phase
            assert all(r.phase == phase and r.id in expected for r in rows)
        # The record figures: a list of the very records counted, each of a dossier of the scope.
        window.show_home()
        for key in ("overdue", "soon", "actions", "follow"):
            qtbot.keyClick(home.card_frames[key], Qt.Key.Key_Space)
            dialog = home.figure_dialog
            assert isinstance(dialog, FigureDialog)
            items = dialog.model.rows
            assert len(items) == _number(home, key) == dialog.model.rowCount(), (scope, key)
            assert f"({len(items)})" in dialog.windowTitle()
            assert {i.record_id for i in items} == _expected_records(demo_workspace, key, expected), (scope, key)
            assert len({i.record_id for i in items}) == len(items)
            dialog.close()
            qtbot.waitUntil(lambda: home.figure_dialog is None, timeout=2_000)
    assert sizes[0] < sizes[1] < sizes[2]


def test_the_scope_chosen_is_shown_and_remembered(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    app = open_app(demo_workspace)
    home = app.window.home
    assert home.scope_box.currentData() == "mine"  # a tutor who follows dossiers sees theirs first
    assert home.date_label.text().endswith("dossier seguiti")
    assert home.actions_caption.text() == "Le mie azioni: questa settimana e scadute"
    _choose(qtbot, home, Scope.REGION)
    # The count and the action items are the region's, not the user's own (they said "seguiti", "Le mie").
    assert home.date_label.text().endswith("40 dossier nella regione")
    assert home.actions_caption.text() == "Azioni: questa settimana e scadute"
    app.close(close_workspace=False)
    again = open_app(demo_workspace).window
    assert again.home.scope_box.currentData() == "region"
    assert again.home.summary is not None and again.home.summary.figures["projects"] == 40


def _first(model: AgendaModel) -> AgendaItem:
    assert model.rowCount(), model.kind
    return model.rows[0]


def test_each_home_line_opens_its_exact_record_and_shows_the_investor(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    home = window.home
    _choose(qtbot, home, Scope.REGION)
    for kind in ("meetings", "permits", "actions", "notes"):
        model = home.models[kind]
        item = _first(model) if model.rowCount() < 2 else model.rows[1]  # not simply the tab's first row
        dossier = dossiers.get_dossier(demo_workspace, item.project_id)
        row = model.rows.index(item)
        assert model.index(row, AgendaModel.COL_INVESTOR).data() == dossier.investor["name"]
        assert model.headerData(AgendaModel.COL_INVESTOR, Qt.Orientation.Horizontal) == "Investitore"
        window.show_home()
        view = home.lists[kind]
        view.setFocus()
        view.setCurrentIndex(model.index(row, AgendaModel.COL_PROJECT))
        qtbot.keyClick(view, Qt.Key.Key_Return)
        page = window.dossier_page
        assert window.stack.currentWidget() is page and page.dossier is not None
        assert page.dossier.id == item.project_id
        if kind == "meetings":
            assert page.current_tab() == "timeline" and page.timeline.editor.meeting_id == item.record_id
        elif kind == "permits":
            assert page.current_tab() == "permits" and page.permits.permit_id == item.record_id
        elif kind == "notes":
            assert page.current_tab() == "aftercare" and page.aftercare.note_id == item.record_id
        else:
            editor = page.timeline.editor
            assert editor.meeting_id == item.meeting_id
            current = editor.action_view.currentIndex()
            assert editor.action_model.rows[current.row()].id == item.record_id
            assert editor.action_view.hasFocus()


def test_my_actions_are_mine_due_this_week_or_overdue_soonest_first_and_tick_from_home(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    ws = demo_workspace
    window = shown(qtbot, open_app, ws)
    home = window.home
    _choose(qtbot, home, Scope.REGION)  # "Le mie azioni" are mine whatever Home counts
    with ws.store.read() as conn:
        mine = my_project_ids(conn, TUTOR_ID.get(conn))
        every_open = [(aid, pid, due) for aid, pid, due in conn.execute(text(
            "SELECT a.id, a.project_id, a.due_on FROM action_items a JOIN meetings m ON m.id = a.meeting_id "
            "JOIN projects p ON p.id = a.project_id "
            "WHERE a.deleted = 0 AND m.deleted = 0 AND p.deleted = 0 AND a.done = 0"))]
    sunday = end_of_week(TODAY).isoformat()
    expected = {aid for aid, pid, due in every_open if pid in mine and due is not None and due <= sunday}
    model = home.models["actions"]
    assert {i.record_id for i in model.rows} == expected and expected
    dues = [i.when for i in model.rows]
    assert dues == sorted(dues)  # type: ignore[type-var]
    assert any(pid not in mine for _a, pid, _d in every_open)  # others' exist, and are not listed
    # "Only those I own": the owner is me by name (spelled with other case and spaces).
    me = home.summary.my_name  # type: ignore[union-attr]
    assert me
    target = model.rows[-1]
    meetings.update_action(ws, target.record_id, owner=f"  {me.upper()} ")
    home.load()
    qtbot.waitUntil(lambda: any(i.detail.strip() == me.upper() for i in home.models["actions"].rows), timeout=5_000)
    home.mine_only.setChecked(True)
    assert [i.record_id for i in model.rows] == [target.record_id]
    home.mine_only.setChecked(False)
    # Ticked from Home with the keyboard: done in the dossier, gone from the list.
    view = home.lists["actions"]
    first = model.rows[0]
    view.setFocus()
    view.setCurrentIndex(model.index(0, AgendaModel.COL_PROJECT))
    summary = home.summary
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: home.summary is not summary, timeout=5_000)
    done = {a.id: a.done for m in dossiers.get_dossier(ws, first.project_id).meetings for a in m.actions}
    assert done[first.record_id] is True
    assert first.record_id not in {i.record_id for i in model.rows}
    assert _number(home, "actions") == len(home.summary.lists["actions"])  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", ["meetings", "actions"])
def test_home_list_models(qtmodeltester: Any, demo_workspace: Workspace, kind: str) -> None:
    from tutor_app.services import home

    summary = home.home_summary(demo_workspace, scope=Scope.REGION)
    ticks: list[tuple[str, bool]] = []
    model = AgendaModel("it", kind, ["a", "b", "c", "d"],
                        on_tick=(lambda item, done: ticks.append((item.record_id, done)) or True)
                        if kind == "actions" else None)
    rows = summary.upcoming_meetings if kind == "meetings" else summary.my_actions
    model.set_rows(rows, demo_workspace.today())
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows) > 0
    if kind == "actions":
        assert model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        assert ticks == [(rows[0].record_id, True)]


def test_home_reloads_the_window_on_the_chosen_scope_after_a_restart(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    app = open_app(demo_workspace)
    _choose(qtbot, app.window.home, Scope.REGION)
    app.set_language("en")
    english = app.window
    wait_loaded(qtbot, english)
    assert english.home.scope_box.currentText() == "The whole region"


def test_an_empty_home_list_says_what_it_would_hold(qtbot: Any, open_app: OpenApp,
                                                     tutor_workspace: Workspace) -> None:
    """A first dossier with no meeting, deadline, action or follow-up yet: each Home list says so
    in a sentence (four blank boxes looked broken); a list with rows shows them, not the sentence."""
    from tutor_app.services.dossiers import NewInvestor

    project = dossiers.create_dossier(tutor_workspace, investor=NewInvestor({"name": "Acme", "country": "FR"}),
                                      title="Stabilimento", kind="expansion", sector="electronics",
                                      function="production")
    window = open_app(tutor_workspace).window
    window.show()
    home = window.home
    qtbot.waitUntil(lambda: home.summary is not None, timeout=5_000)
    notes = dict(home.empty_notes)
    assert set(notes) == {"meetings", "permits", "actions", "notes"}
    for kind, note in notes.items():
        assert home.models[kind].rowCount() == 0, kind
        assert note.isVisible() and note.text(), kind
    assert notes["meetings"].text() == "Nessuna riunione nei prossimi 14 giorni."
    from tutor_app.services import meetings

    meetings.record_meeting(tutor_workspace, project, table="political", starts_at="2026-11-27T09:00:00Z",
                            place="Palazzo Lombardia")
    summary = home.summary
    home.load()
    qtbot.waitUntil(lambda: home.summary is not summary, timeout=5_000)
    assert home.models["meetings"].rowCount() == 1
    assert not notes["meetings"].isVisible() and notes["permits"].isVisible()
