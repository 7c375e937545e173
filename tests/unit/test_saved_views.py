"""Saved views of the dossier list (services.saved_views): kept in the profile across a restart,
replaced by name, renamed without clashing, deleted and put back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY
from tutor_app.domain.errors import ValidationError
from tutor_app.services import saved_views as sv
from tutor_app.services.saved_views import ListView
from tutor_app.services.workspace import Workspace

EXPIRED_MB = ListView("Titoli scaduti in MB", province="MB", overdue_only=True, authority="ARPA Lombardia",
                      sort="deadline", descending=True, scope="region", text="logistica")


def test_a_saved_view_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with Workspace.open(db=db, today=lambda: TODAY) as ws:
        sv.save_view(ws, EXPIRED_MB)
        sv.save_view(ws, ListView("Data centre", sector="ict", phase="permitting"))
    with Workspace.open(db=db, today=lambda: TODAY) as ws:
        assert sv.saved_views(ws) == [EXPIRED_MB, ListView("Data centre", sector="ict", phase="permitting")]
        assert sv.find_view(ws, " titoli  scaduti in mb") == EXPIRED_MB


def test_saving_under_a_taken_name_replaces_that_view_in_place(workspace: Workspace) -> None:
    sv.save_view(workspace, EXPIRED_MB)
    sv.save_view(workspace, ListView("Altro", status="active"))
    sv.save_view(workspace, ListView("  titoli scaduti in MB ", province="MI"))
    assert [(v.name, v.province) for v in sv.saved_views(workspace)] == [("titoli scaduti in MB", "MI"),
                                                                         ("Altro", None)]
    with pytest.raises(ValidationError):
        sv.save_view(workspace, ListView("   "))
    with pytest.raises(ValidationError):
        sv.save_view(workspace, ListView("x" * (sv.MAX_NAME + 1)))


def test_rename_keeps_the_filters_and_refuses_a_name_in_use(workspace: Workspace) -> None:
    sv.save_view(workspace, EXPIRED_MB)
    sv.save_view(workspace, ListView("Altro"))
    renamed = sv.rename_view(workspace, "Titoli scaduti in MB", "Scaduti Monza")
    assert renamed == ListView(**{**EXPIRED_MB.as_stored(), "name": "Scaduti Monza"})
    with pytest.raises(ValidationError):
        sv.rename_view(workspace, "Scaduti Monza", "ALTRO")
    with pytest.raises(ValidationError):
        sv.rename_view(workspace, "Nessuna", "Nuovo")
    sv.rename_view(workspace, "Scaduti Monza", "scaduti monza")  # a change of case is a rename
    assert [v.name for v in sv.saved_views(workspace)] == ["scaduti monza", "Altro"]


def test_a_deleted_view_comes_back_at_its_place(workspace: Workspace) -> None:
    for name in ("A", "B", "C"):
        sv.save_view(workspace, ListView(name, phase="lead"))
    undo = sv.delete_view(workspace, "b")
    assert undo is not None and [v.name for v in sv.saved_views(workspace)] == ["A", "C"]
    assert sv.delete_view(workspace, "b") is None
    sv.restore_view(workspace, *undo)
    assert sv.saved_views(workspace)[1] == ListView("B", phase="lead")
    assert [v.name for v in sv.saved_views(workspace)] == ["A", "B", "C"]


def test_a_view_restored_keeps_the_one_saved_since_under_its_name(workspace: Workspace) -> None:
    sv.save_view(workspace, ListView("Milano", province="MI"))
    undo = sv.delete_view(workspace, "Milano")
    assert undo is not None
    sv.save_view(workspace, ListView("milano", province="MI", status="active"))  # a new one, the same name
    sv.save_view(workspace, ListView("Milano (2)", province="LO"))
    restored = sv.restore_view(workspace, *undo)
    assert restored == ListView("Milano (3)", province="MI")
    assert [(v.name, v.status) for v in sv.saved_views(workspace)][:2] == [("Milano (3)", None), ("milano", "active")]


def test_a_view_from_a_newer_release_is_read_without_its_unknown_keys(workspace: Workspace) -> None:
    from tutor_app.store.state import SAVED_VIEWS

    with workspace.store.write() as w:
        SAVED_VIEWS.set(w.conn, [{"name": "Futuro", "province": "BG", "columns": ["code"]}])
    assert sv.saved_views(workspace) == [ListView("Futuro", province="BG")]
