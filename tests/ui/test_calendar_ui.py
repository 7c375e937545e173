"""File ▸ Export my calendar… and Dossier ▸ Calendar of this dossier… as a tutor uses them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.ui.conftest import OpenApp
from tutor_app.services.calendar_export import calendar_projects, export_calendar
from tutor_app.services.workspace import Workspace


def _events(path: Path) -> list[Any]:
    """The events in the diary (not those cancelled: deleted, a deadline no longer running)."""
    return [e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT") if e.get("status") != "CANCELLED"]


def test_the_menu_entries_write_my_calendar_and_the_dossiers(qtbot: Any, open_app: OpenApp,
                                                            demo_workspace: Workspace, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    window = open_app(demo_workspace).window
    assert window.calendar_action.text() == "Esporta il mio &calendario…"
    assert not window.dossier_calendar_action.isEnabled()  # no dossier open
    mine = window.export_calendar(None, str(tmp_path / "mine.ics"))
    assert mine and len(_events(Path(mine))) == _total(export_calendar(demo_workspace, tmp_path / "x.ics"))
    assert told[-1].startswith(tuple(f"{n} riunion" for n in range(1, 400)))
    project = calendar_projects(demo_workspace)[1]
    window.open_dossier(project, "overview")
    assert window.dossier_calendar_action.isEnabled()
    one = window.export_calendar(window.open_dossier_id, str(tmp_path / "one.ics"))
    assert one and 0 < len(_events(Path(one))) < len(_events(Path(mine)))
    assert "scritte in" in told[-1] or "scritta in" in told[-1]


def _total(result: Any) -> int:
    return int(result.meetings + result.deadlines)
