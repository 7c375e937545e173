"""A code this version does not know, arriving in a pulled row (a newer client's vocabulary, a
damaged record), never crashes a reader: the CLI, the PDFs, the dossier list, Home and the
dossier show it as "sconosciuto (CODE)" and keep working, and the rest of the record stays
editable (issue 10, point 9).

The bogus values are written straight into the local SQLite file, as the pull would store them:
these tests never depend on a server accepting them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tutor_app.cli.main import main
from tutor_app.domain import schema
from tutor_app.domain.enums import PermitStatus, Phase, WorkingTable
from tutor_app.domain.errors import ValidationError
from tutor_app.reports import DossierOptions, PortfolioOptions, export_dossier, export_portfolio
from tutor_app.services import aftercare, dossiers, home, meetings, permits
from tutor_app.services.workspace import Workspace

BOGUS = "BOGUS-ENUM"

# Every stored column whose values come from a closed vocabulary: (table, column, how it is stored).
ENUM_COLUMNS = (
    ("projects", "kind", BOGUS),
    ("projects", "sector", BOGUS),
    ("projects", "function", BOGUS),
    ("projects", "status", BOGUS),
    ("projects", "province", "QQ"),
    ("projects", "instruments", f'["{BOGUS}", "zls"]'),
    ("projects", "services", f'["{BOGUS}"]'),
    ("investors", "country", "QQ"),
    ("investors", "sector", BOGUS),
    ("phase_entries", "phase", BOGUS),
    ("meetings", "table", BOGUS),
    ("permit_items", "status", BOGUS),
    ("permit_items", "permit_code", BOGUS),
    ("aftercare_notes", "topic", BOGUS),
    ("assignments", "role", BOGUS),
    ("tutors", "role", BOGUS),
)


def _dossier(ws: Workspace) -> dict[str, str]:
    """A dossier with one record of each kind; the ids of the records by table."""
    ws.create_profile("Mario Rossi", "mario.rossi@example.it")
    investor = dossiers.create_investor(ws, name="Halbleiter GmbH", country="DE", sector="electronics")
    project = dossiers.create_project(ws, investor_id=investor, title="Fab Agrate", kind="expansion",
                                      sector="manufacturing", function="production", municipality="Agrate Brianza",
                                      province="MB", instruments=["zis_call"], services=["tutoring"],
                                      with_checklist=False)
    dossiers.advance_phase(ws, project, "assistance", entered_on=ws.today())
    meeting = meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-27T09:00:00Z",
                                      place="Municipio", actions=[{"text": "Inviare la AUA", "due_on": "2026-11-30"}])
    permit = permits.add_permit(ws, project, "AUA", status="submitted", submitted_on="2026-11-02")
    note = aftercare.add_note(ws, project, noted_on="2026-11-21", topic="workforce", text="Servono tecnici",
                              follow_up_on="2026-11-28")
    return {"projects": project, "investors": investor, "meetings": meeting, "permit_items": permit,
            "aftercare_notes": note}


def _plant(ws: Workspace, column: tuple[str, str, str] | None = None) -> None:
    """The bogus value(s) written as a pulled row would leave them (no outbox entry, no check)."""
    conn = sqlite3.connect(ws.store.path)
    with conn:
        for table, name, value in ENUM_COLUMNS if column is None else (column,):
            conn.execute(f'UPDATE {table} SET "{name}" = ?', (value,))
    conn.close()


@pytest.fixture
def bogus_ws(workspace: Workspace) -> tuple[Workspace, dict[str, str]]:
    ids = _dossier(workspace)
    _plant(workspace)
    return workspace, ids


def test_an_unknown_code_reads_as_an_unknown_member_and_is_still_refused_as_input() -> None:
    table = WorkingTable(BOGUS)
    assert not table.is_known and table.value == BOGUS and table not in list(WorkingTable)
    assert (table.label(), table.label("en")) == (f"sconosciuto ({BOGUS})", f"unknown ({BOGUS})")
    assert WorkingTable("technical") is WorkingTable.TECHNICAL and WorkingTable.TECHNICAL.is_known
    assert Phase(BOGUS).order == -1 and not Phase(BOGUS).table.is_known
    assert not PermitStatus(BOGUS).is_closed
    for value in (BOGUS, table):
        with pytest.raises(ValidationError):
            WorkingTable.parse(value, "table")
    with pytest.raises(ValidationError):
        schema.MEETINGS.validate({"table": BOGUS}, creating=False)


# What ``show`` does not print (the dossier PDF does).
_NOT_SHOWN = {c for c in ENUM_COLUMNS if c[1] in ("instruments", "services", "role", "permit_code")
              or c[:2] == ("investors", "sector")}


@pytest.mark.parametrize("column", ENUM_COLUMNS, ids=lambda c: f"{c[0]}.{c[1]}")
def test_show_prints_a_dossier_with_an_unknown_code(workspace: Workspace, column: tuple[str, str, str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    ids = _dossier(workspace)
    _plant(workspace, column)
    for lang, word in (("it", "sconosciuto"), ("en", "unknown")):
        assert main(["show", ids["projects"], "--db", str(workspace.store.path), "--lang", lang]) == 0
        out = capsys.readouterr().out
        if column not in _NOT_SHOWN:
            assert f"{word} ({column[2]})" in out, out


def test_list_and_show_print_every_unknown_code(bogus_ws: tuple[Workspace, dict[str, str]],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    ws, ids = bogus_ws
    assert main(["list", "--db", str(ws.store.path)]) == 0
    listed = capsys.readouterr().out
    assert "sconosciuto (BO" in listed  # a narrow column
    assert main(["show", ids["projects"], "--db", str(ws.store.path)]) == 0
    shown = capsys.readouterr().out
    assert shown.count(f"sconosciuto ({BOGUS})") >= 7, shown  # kind, sector, function, status, phase, table, topic
    assert "sconosciuto (QQ)" in shown  # the investor's country


def test_the_dossier_list_home_and_the_dossier_read_unknown_codes(
        bogus_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = bogus_ws
    [row] = dossiers.list_dossiers(ws)
    assert (row.kind, row.sector, row.status, row.phase) == (BOGUS,) * 4
    summary = home.home_summary(ws)
    assert summary.counts.by_phase == {BOGUS: 1}
    assert [a.what for a in summary.upcoming_meetings] == [BOGUS]
    assert [a.what for a in summary.follow_ups] == [BOGUS]
    dossier = dossiers.get_dossier(ws, ids["projects"])
    assert dossier.current_phase is not None and dossier.current_phase.label("en") == f"unknown ({BOGUS})"
    assert not dossier.permits[0].status.is_known and dossier.permits[0].clock.due_on is None


def test_a_field_edit_elsewhere_in_a_record_with_an_unknown_code_still_works(
        bogus_ws: tuple[Workspace, dict[str, str]]) -> None:
    ws, ids = bogus_ws
    dossiers.update_project(ws, ids["projects"], title="Fab Agrate 2")
    dossiers.update_investor(ws, ids["investors"], name="Halbleiter AG")
    meetings.update_meeting(ws, ids["meetings"], place="Prefettura")
    permits.update_permit(ws, ids["permit_items"], notes="Sollecitata")
    aftercare.update_note(ws, ids["aftercare_notes"], text="Servono tecnici e operai")
    dossier = dossiers.get_dossier(ws, ids["projects"])
    assert (dossier.project["title"], dossier.investor["name"]) == ("Fab Agrate 2", "Halbleiter AG")
    assert (dossier.meetings[0].place, dossier.permits[0].notes) == ("Prefettura", "Sollecitata")
    assert dossier.notes[0].text == "Servono tecnici e operai"
    # The unknown codes stay as they came (never replaced by a guess), and only the edits go up.
    assert (dossier.project["kind"], dossier.meetings[0].table, dossier.permits[0].status) == (BOGUS,) * 3
    # Putting a known value back is an ordinary edit.
    meetings.update_meeting(ws, ids["meetings"], table="technical")
    assert dossiers.get_dossier(ws, ids["projects"]).meetings[0].table == "technical"


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_dossier_and_portfolio_pdfs_show_unknown_codes(bogus_ws: tuple[Workspace, dict[str, str]],
                                                           tmp_path: Path, lang: str) -> None:
    ws, ids = bogus_ws
    word = "sconosciuto" if lang == "it" else "unknown"
    export_dossier(ws, ids["projects"], tmp_path / "dossier.pdf", DossierOptions(lang=lang))
    text = _pdf_text(tmp_path / "dossier.pdf")
    assert f"{word} ({BOGUS})" in text
    export_portfolio(ws, tmp_path / "portfolio.pdf", options=PortfolioOptions(lang=lang))
    assert f"{word} ({BOGUS})" in _pdf_text(tmp_path / "portfolio.pdf")


def _pdf_text(path: Path) -> str:
    return " ".join((page.extract_text() or "").replace("\u00a0", " ") for page in PdfReader(path).pages)
