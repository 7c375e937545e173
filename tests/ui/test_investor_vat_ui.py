"""The investor's VAT number in the dossier's Overview: read as the importer reads it, a wrong
partita IVA explained under the field and never saved, leading zeros kept, emptied = cleared."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from PySide6.QtCore import Qt

from tests.ui.conftest import OpenApp
from tests.ui.test_flows import open_first_dossier
from tutor_app.services.workspace import Workspace


def _stored(ws: Workspace, investor_id: str) -> Any:
    with ws.store.read() as conn:
        return conn.execute(text("SELECT vat_number FROM investors WHERE id = :i"), {"i": investor_id}).scalar_one()


def test_the_vat_number_is_checked_before_it_is_saved(qtbot: Any, open_app: OpenApp,
                                                      demo_workspace: Workspace) -> None:
    window = open_app(demo_workspace).window
    first = window.list_page.model.row_at(0)
    page = open_first_dossier(qtbot, window, first.code)
    investor_id = str(page.overview.dossier.investor["id"])
    before = _stored(demo_workspace, investor_id)
    vat = page.overview.investor.fields["vat_number"]

    def type_in(typed: str) -> None:
        vat.editor.clear()  # type: ignore[attr-defined]
        qtbot.keyClicks(vat.editor, typed)
        qtbot.keyClick(vat.editor, Qt.Key.Key_Return)

    type_in("00743110158")  # one digit wrong: the check digit does not match
    assert vat.has_error and vat.error.text().startswith("Questa non è una partita IVA valida")
    assert _stored(demo_workspace, investor_id) == before
    vat.flush()  # leaving the dossier does not save it either
    assert _stored(demo_workspace, investor_id) == before

    type_in("IT 00743110157")
    assert not vat.has_error
    assert _stored(demo_workspace, investor_id) == "00743110157"  # text: the leading zeros stay
    type_in("de 136 695 976")  # a foreign number: kept as typed, upper case, no spaces
    assert _stored(demo_workspace, investor_id) == "DE136695976"
    type_in("")
    assert _stored(demo_workspace, investor_id) is None
