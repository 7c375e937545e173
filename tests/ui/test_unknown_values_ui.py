"""The desktop window on a dossier whose pulled rows hold codes this version does not know: the
list, Home and every tab of the dossier show "sconosciuto (CODE)" and keep working; a field edit
elsewhere in the record saves, and the unknown code stays as it came (issue 10, point 9)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import OpenApp
from tests.unit.test_unknown_values import BOGUS, _dossier, _plant
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.ui.widgets.fields import ComboField, MultiCheckField

UNKNOWN = f"sconosciuto ({BOGUS})"


def _shown(model: Any, row: int = 0) -> list[str]:
    return [str(model.index(row, c).data(Qt.ItemDataRole.DisplayRole) or "") for c in range(model.columnCount())]


def test_the_window_shows_unknown_codes_and_a_field_edit_elsewhere_still_saves(
        qtbot: Any, open_app: OpenApp, workspace: Workspace) -> None:
    ids = _dossier(workspace)
    _plant(workspace)
    window = open_app(workspace).window
    assert UNKNOWN in " ".join(_shown(window.list_page.model))
    assert any(UNKNOWN in " ".join(_shown(window.home.models["meetings"], r))
               for r in range(window.home.models["meetings"].rowCount()))

    window.open_dossier(ids["projects"], "overview")
    page = window.dossier_page
    assert UNKNOWN in page.subtitle.text()  # status and phase
    fields = page.overview.project.fields
    for name in ("kind", "sector", "function", "status"):
        editor = fields[name]
        assert isinstance(editor, ComboField) and editor.combo.currentText() == UNKNOWN, name
    assert fields["province"].editor.currentText() == "sconosciuto (QQ)"  # type: ignore[attr-defined]
    assert page.overview.investor.fields["country"].editor.currentText() == "sconosciuto (QQ)"  # type: ignore[attr-defined]
    instruments = fields["instruments"]
    assert isinstance(instruments, MultiCheckField) and instruments.boxes[BOGUS].isChecked()
    assert instruments.boxes[BOGUS].text() == UNKNOWN

    title = fields["title"]
    title.editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(title.editor, "Fab Agrate 2")
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    stored = dossiers.get_dossier(workspace, ids["projects"]).project
    assert stored["title"] == "Fab Agrate 2"
    assert (stored["kind"], stored["sector"], stored["status"], stored["province"]) == (BOGUS, BOGUS, BOGUS, "QQ")
    assert stored["instruments"] == sorted([BOGUS, "zls"])
    assert fields["kind"].editor.currentText() == UNKNOWN  # type: ignore[attr-defined]  # the page reloaded

    # Choosing a known kind is an ordinary edit; the unknown stand-in leaves the list.
    kind = fields["kind"]
    assert isinstance(kind, ComboField)
    kind.combo.setCurrentIndex(kind.combo.findData("reshoring"))
    assert dossiers.get_dossier(workspace, ids["projects"]).project["kind"] == "reshoring"
    qtbot.waitUntil(lambda: kind.combo.findData(BOGUS) < 0)

    window.open_dossier(ids["projects"], "timeline")
    assert UNKNOWN in " ".join(_shown(page.timeline.model))
    window.open_dossier(ids["projects"], "permits")
    permits = page.permits
    assert UNKNOWN in " ".join(_shown(permits.model))
    permits.view.selectRow(0)
    assert permits.binder.fields["status"].editor.currentText() == UNKNOWN  # type: ignore[attr-defined]
    window.open_dossier(ids["projects"], "aftercare")
    assert UNKNOWN in " ".join(_shown(page.aftercare.model))
