"""The desktop names a permit by the acronym offices write: the checklist "AUA — Autorizzazione
unica ambientale" (the acronym first, so a narrow column still shows it; whole in the tooltip and
the form's heading), Home's narrow permit list the acronym alone ("AUA · Provincia"), whole in its
tooltip and in the figure's window. A type without an acronym reads its name alone. (The
add-permit dialog's list: tests/ui/test_flows.py.)"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from tests.ui.conftest import OpenApp
from tutor_app.services import home
from tutor_app.services.workspace import Workspace
from tutor_app.ui.home_page import AgendaModel, FigureDialog
from tutor_app.ui.models.dossier_tables import COL_P_NAME
from tutor_app.ui.settings import Settings

AUA = {"it": "AUA — Autorizzazione unica ambientale", "en": "AUA — Single environmental permit"}
SEVESO = {"it": "Notifica Seveso", "en": "Seveso notification"}  # no acronym
SMALL = (1093, 614)  # 1366×768 at 125 %
_TIP = Qt.ItemDataRole.ToolTipRole


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_checklist_names_a_permit_by_acronym_and_name_and_keeps_the_acronym_in_sight(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str) -> None:
    with demo_workspace.store.read() as conn:
        [project] = conn.execute(text(
            "SELECT project_id FROM permit_items WHERE deleted = 0 AND permit_code = 'AUA' "
            "AND project_id IN (SELECT project_id FROM permit_items WHERE deleted = 0 AND permit_code = 'CANT_99') "
            "ORDER BY project_id LIMIT 1")).one()
    ui_settings.language_choice = lang
    window = open_app(demo_workspace, ui_settings).window
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    window.open_dossier(project, "permits")
    tab = window.dossier_page.permits
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=5_000)
    codes = [p.permit_code for p in tab.model.rows]
    aua, bare = codes.index("AUA"), codes.index("CANT_99")
    shown = tab.model.index(aua, COL_P_NAME)
    assert shown.data() == AUA[lang]
    assert str(shown.data(_TIP)).split("\n")[0] == AUA[lang]
    plain = {"it": "Notifica preliminare di cantiere", "en": "Prior notice of construction site"}[lang]
    assert tab.model.index(bare, COL_P_NAME).data() == plain  # no acronym: no dash, no brackets
    assert str(tab.model.index(bare, COL_P_NAME).data(_TIP)).split("\n")[0] == plain
    # the column is narrow at 125 %: the acronym and its dash are in sight before the "…"
    room = tab.view.horizontalHeader().sectionSize(COL_P_NAME)
    assert QFontMetrics(tab.view.font()).horizontalAdvance("AUA — ") + 12 < room
    tab.view.selectRow(aua)
    qtbot.waitUntil(lambda: tab.permit_id == tab.model.rows[aua].id, timeout=2_000)
    assert tab.heading.text() == AUA[lang]


def _items() -> list[home.AgendaItem]:
    def item(code: str, name: str, authority: str) -> home.AgendaItem:
        return home.AgendaItem("p", "2026-MRO-0001", "Fab", date(2026, 11, 20), name, authority, "permits",
                               "Hartmann", "permit", code, permit_code=code)
    return [item("AUA", "Autorizzazione unica ambientale", "Provincia di Monza e della Brianza"),
            item("SEV_NOT", "Notifica Seveso", "Regione Lombardia"),
            item("CUSTOM", "Parere della Soprintendenza", "")]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_homes_permit_list_shows_the_acronym_and_the_whole_name_where_there_is_room(
        qtbot: Any, lang: str) -> None:
    model = AgendaModel(lang, "permits", ["a", "b", "c", "d"])
    model.set_rows(_items(), None)
    what = [model.index(n, AgendaModel.COL_WHAT) for n in range(3)]
    assert [i.data() for i in what] == ["AUA · Provincia di Monza e della Brianza",
                                        f"{SEVESO[lang]} · Regione Lombardia", "Parere della Soprintendenza"]
    tips = [str(i.data(_TIP)).split("\n")[1] for i in what]
    assert tips == [f"{AUA[lang]} · Provincia di Monza e della Brianza", f"{SEVESO[lang]} · Regione Lombardia",
                    "Parere della Soprintendenza"]
    dialog = FigureDialog("Titoli scaduti", "permits", ["a", "b", "c", "d"], tuple(_items()), lang, None)
    qtbot.addWidget(dialog)
    assert [dialog.model.index(n, AgendaModel.COL_WHAT).data() for n in range(3)] == tips


def test_homes_permit_items_carry_their_catalogue_type(demo_workspace: Workspace) -> None:
    summary = home.home_summary(demo_workspace)
    items = [*summary.lists["overdue"], *summary.lists["soon"]]
    with demo_workspace.store.read() as conn:
        codes = dict(conn.execute(text("SELECT id, permit_code FROM permit_items")).all())
    assert items and all(item.permit_code == codes[item.record_id] for item in items)
