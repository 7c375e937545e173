"""A deleted meeting hides its action items everywhere, as a deleted dossier hides its records:
Home's open actions, the dossier's and the list's counts, the dossier PDF and ``show`` skip them;
restoring the meeting brings them back as they were (issue 10). The items are never tombstoned
with the meeting, so the restore loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tutor_app.cli.main import main
from tutor_app.reports import DossierOptions, export_dossier
from tutor_app.reports.dossier import SECTIONS
from tutor_app.services import dashboard, dossiers, home, meetings
from tutor_app.services.workspace import Workspace

# Due within Home's horizon (TODAY is 25/11/2026), so that Home lists them.
OPEN_ITEMS = [{"text": "Inviare la AUA al SUAP", "owner": "ARPA", "due_on": "2026-11-30"},
              {"text": "Convocare il tavolo tecnico", "owner": "Comune", "due_on": "2026-12-02"}]


def _dossier(ws: Workspace) -> tuple[str, str, str]:
    """A dossier with a meeting holding two open items and one done, and a second meeting with one
    open item that stays; (project, the meeting to delete, the one that stays)."""
    ws.create_profile("Mario Rossi", "mario.rossi@example.it")
    investor = dossiers.create_investor(ws, name="Halbleiter GmbH", country="DE", sector="electronics")
    project = dossiers.create_project(ws, investor_id=investor, title="Fab Agrate", kind="expansion",
                                      sector="manufacturing", function="production", with_checklist=False)
    doomed = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                     place="Municipio di Agrate",
                                     actions=[*OPEN_ITEMS, {"text": "Verbale firmato", "done": True}])
    kept = meetings.record_meeting(ws, project, table="political", starts_at="2026-11-21T09:00:00Z",
                                   actions=[{"text": "Scrivere al Ministero", "due_on": "2026-11-29"}])
    return project, doomed, kept


def _items(ws: Workspace) -> dict[str, dict[str, object]]:
    conn = sqlite3.connect(ws.store.path)
    conn.row_factory = sqlite3.Row
    rows = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM action_items")}
    conn.close()
    return rows


def _pdf_text(ws: Workspace, project: str, path: Path) -> str:
    # Every section but the list of changes not yet synced: that one is about the outbox, and the
    # items' creation is truly not on the server yet (it lists it whatever the meeting's state).
    sections = frozenset(SECTIONS) - {"pending"}
    export_dossier(ws, project, path, DossierOptions(sections=sections))
    return " ".join((page.extract_text() or "").replace("\u00a0", " ") for page in PdfReader(path).pages)


def _seen(ws: Workspace, project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """Every place a person meets action items, as plain values."""
    dossier = dossiers.get_dossier(ws, project)
    summary = home.home_summary(ws)
    assert main(["show", project, "--db", str(ws.store.path)]) == 0
    shown = capsys.readouterr().out
    pdf = _pdf_text(ws, project, tmp_path / "dossier.pdf")
    texts = [item["text"] for item in [*OPEN_ITEMS, {"text": "Verbale firmato"}]]
    return {
        "home_open_actions": sorted(a.what for a in summary.open_actions),
        "home_figure": summary.counts.open_actions,
        "list_figure": dashboard.dashboard(ws).open_actions,
        "dossier_open": sum(m.open_actions for m in dossier.meetings),
        "dossier_items": sorted(a.text for m in dossier.meetings for a in m.actions),
        "show": [t for t in texts if t in shown],
        "pdf": [t for t in texts if t in pdf],
    }


def test_a_deleted_meeting_hides_its_action_items_everywhere_and_restoring_it_brings_them_back(
        workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, doomed, _kept = _dossier(workspace)
    before = _seen(workspace, project, tmp_path, capsys)
    assert before["home_figure"] == before["list_figure"] == before["dossier_open"] == 3
    assert len(before["home_open_actions"]) == 3 and len(before["pdf"]) == 3  # type: ignore[arg-type]
    stored = _items(workspace)

    meetings.delete_meeting(workspace, doomed)
    after = _seen(workspace, project, tmp_path, capsys)
    assert after == {"home_open_actions": ["Scrivere al Ministero"], "home_figure": 1, "list_figure": 1,
                     "dossier_open": 1, "dossier_items": ["Scrivere al Ministero"], "show": [], "pdf": []}
    # The items themselves are untouched: not tombstoned, no edit waiting to go up.
    assert _items(workspace) == stored

    meetings.restore_meeting(workspace, doomed)
    assert _seen(workspace, project, tmp_path, capsys) == before
    assert _items(workspace) == stored


def test_the_list_figures_over_filtered_dossiers_skip_the_items_of_a_deleted_meeting(
        workspace: Workspace) -> None:
    """The list's figures over some dossiers (a filter) follow the same rule as over all of them."""
    project, doomed, _kept = _dossier(workspace)
    _dossier_in(workspace)
    meetings.delete_meeting(workspace, doomed)
    rows = [r for r in dossiers.list_dossiers(workspace) if r.id == project]
    assert dashboard.dashboard(workspace, rows).open_actions == 1
    assert dashboard.dashboard(workspace).open_actions == 1 + 2


def _dossier_in(ws: Workspace) -> tuple[str, str]:
    """A second dossier of the same profile, with a meeting holding two open items."""
    investor = dossiers.create_investor(ws, name="Pharma SpA", country="IT", sector="life_sciences")
    project = dossiers.create_project(ws, investor_id=investor, title="Laboratorio Pavia", kind="new_initiative",
                                      sector="life_sciences", function="rnd", with_checklist=False)
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-22T09:00:00Z",
                                      actions=OPEN_ITEMS)
    return project, meeting
