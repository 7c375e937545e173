"""The spreadsheet import (issue 14): files as offices make them (tests/data, made by
tests/data/make_sheets.py), the dry run's outcomes, de-duplication, the one-transaction write as
ordinary edits, updates, the Tutor column, mapping profiles, cancel, and the error workbook."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor_app.domain import schema
from tutor_app.domain.errors import ImportCancelled, ImportRowsError, SpreadsheetError
from tutor_app.domain.vat import canonical_vat
from tutor_app.importing import values as v
from tutor_app.importing.reading import open_source, sniff_delimiter
from tutor_app.services import dossiers, importing
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox

DATA = Path(__file__).resolve().parents[1] / "data"
SAME_SHEET = ["fiera_2026_excel_cp1252.csv", "fiera_2026_excel_utf8.csv", "fiera_2026_comma.csv",
              "fiera_2026_unicode.txt", "fiera_2026_formattato.xlsx"]


def snapshot(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row and outbox entry of the profile (to prove nothing was written)."""
    with ws.store.read() as conn:
        tables = [e.table for e in schema.ENTITIES] + ["outbox", "dossier_index"]
        return {t: sorted(map(tuple, conn.exec_driver_sql(f"SELECT * FROM {t}").all()), key=repr) for t in tables}


def rows_of(ws: Workspace, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with ws.store.read() as conn:
        from sqlalchemy import text

        return [tuple(r) for r in conn.execute(text(sql), params).all()]


def imported(ws: Workspace, path: Path, **kwargs: Any) -> importing.WriteResult:
    with importing.preview(ws, path) as plan:
        return importing.write(ws, plan, **kwargs)


def make_coordinator(ws: Workspace, name: str = "Carla Verdi") -> str:
    me = ws.create_profile(name, "carla.verdi@example.it")
    with ws.store.write() as w:
        w.update(schema.TUTORS, me, {"role": "coordinator"})
    return me


# -- reading what offices produce -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "encoding", "delimiter"), [
    ("fiera_2026_excel_cp1252.csv", "Windows-1252", ";"), ("fiera_2026_excel_utf8.csv", "UTF-8 (BOM)", ";"),
    ("fiera_2026_comma.csv", "UTF-8", ","), ("fiera_2026_unicode.txt", "UTF-16 (BOM)", "\t")])
def test_the_encoding_and_delimiter_are_found_and_said(name: str, encoding: str, delimiter: str) -> None:
    with open_source(DATA / name) as source:
        assert (source.info.encoding, source.info.delimiter) == (encoding, delimiter)
        cells = [r.cells for r in source.rows()]
    assert any("Müller Präzision GmbH" in c for c in cells)  # the accents read right, whatever the encoding
    assert any('Incontro allo stand; chiede "aree ZIS"' in c for c in cells)  # quotes and delimiters inside


def test_a_file_that_is_neither_utf8_nor_windows_1252_is_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "mac.csv"
    bad.write_bytes("Ragione sociale;Paese\r\nSociet\xe0;IT\r\n".encode("latin-1") + b"\x81\x8d\r\n")
    with pytest.raises(SpreadsheetError, match="neither UTF-8 nor Windows-1252") as caught:
        open_source(bad)
    assert str(bad) in caught.value.text("it")


def test_the_delimiter_is_the_one_that_splits_lines_evenly() -> None:
    assert sniff_delimiter('a;b;c\n"1,5";"x";y\n') == ";"
    assert sniff_delimiter("a,b,c\n1;5,x,y\n") == ","
    assert sniff_delimiter("a\tb\n1,2\t3\n") == "\t"


def test_every_office_format_of_the_same_sheet_reads_the_same_rows(tmp_path: Path) -> None:
    seen = []
    for name in SAME_SHEET:
        ws = Workspace.open(db=tmp_path / f"{name}.sqlite3")
        with importing.preview(ws, DATA / name) as plan:
            assert plan.totals.errors == 0, [r.text(name) for r in plan.rows(("error",))]
            importing.write(ws, plan)
        seen.append(sorted(rows_of(ws, "SELECT i.name, i.vat_number, i.country, p.title, p.kind, p.sector, "
                                       "p.function, p.capex_cents, p.new_hires, p.province, ph.phase, ph.entered_on "
                                       "FROM projects p JOIN investors i ON i.id = p.investor_id "
                                       "JOIN phase_entries ph ON ph.project_id = p.id")))
        ws.close()
    assert all(s == seen[0] for s in seen), "an office format read differently"
    assert ("Müller Präzision GmbH", "DE136695976", "DE", "Stabilimento di Brescia", "new_initiative",
            "manufacturing", "production", 1_250_000_000, 1050, "BS", "lead", "2023-09-05") in seen[0]
    assert ("Sakura Denki K.K.", None, "JP", "Laboratorio di Varese", "new_initiative", "electronics", "rnd",
            275_000_050, None, "VA", "lead", "2025-10-01") in seen[0]


def test_a_workbook_title_blank_rows_merged_cells_totals_and_empty_rows_are_read_as_the_sheet_shows(
        workspace: Workspace) -> None:
    with importing.preview(workspace, DATA / "fiera_2026_formattato.xlsx") as plan:
        assert plan.mapping.header_row == 4  # below the merged title, the note and a blank row
        outcomes = [(r.row, r.outcome) for r in plan.rows()]
        assert outcomes == [(5, "new"), (6, "new"), (7, "new"), (8, "new"), (9, "new"), (10, "skipped")]
        assert plan.totals.rows == 5 and plan.totals.skipped == 1  # the 39 formatted empty rows are no rows
        importing.write(workspace, plan)
    # Sakura Denki typed once, merged over its two projects' rows: one investor with both
    assert rows_of(workspace, "SELECT i.name, count(*) FROM projects p JOIN investors i ON i.id = p.investor_id "
                              "WHERE i.country = 'JP' GROUP BY i.id") == [("Sakura Denki K.K.", 2)]


# -- values: read as typed, or refused, never fixed -------------------------------------------------

@pytest.mark.parametrize(("typed", "cents"), [
    ("1.234.567,50", 123_456_750), ("€ 850.000", 85_000_000), ("32.000.000,00 €", 3_200_000_000),
    ("850000", 85_000_000), ("1234,5", 123_450), ("EUR 1.000", 100_000), (850000, 85_000_000), (2750000.5, 275_000_050),
])
def test_italian_amounts_are_read_to_the_cent(typed: Any, cents: int) -> None:
    assert v.money_cents(typed) == cents


@pytest.mark.parametrize(("typed", "reason"), [
    ("-250.000", "negative"), ("1,5 mln", "amount"), ("12.5", "amount"), ("1,234,567.50", "amount"),
    ("100.000,123", "amount_decimals"), ("12.34.567", "amount"), ("circa 100.000", "amount"),
    (0.001, "amount_decimals"),
])
def test_an_amount_that_cannot_be_read_is_refused_not_fixed(typed: Any, reason: str) -> None:
    with pytest.raises(v.CellProblem) as caught:
        v.money_cents(typed)
    assert caught.value.reason == reason


def test_hires_dates_and_labels_read_in_italian_and_english() -> None:
    assert v.whole_number("1.050") == 1050 and v.whole_number(12.0) == 12
    for bad in ("10,5", "-3", "dieci", "1.05"):
        with pytest.raises(v.CellProblem):
            v.whole_number(bad)
    assert v.iso_date("05/09/2023") == "2023-09-05" == v.iso_date("2023-09-05") == v.iso_date("5.9.2023")
    for bad, reason in (("31/02/2025", "no_such_date"), ("09/2023", "date"), ("5/9/23", "date")):
        with pytest.raises(v.CellProblem) as caught:
            v.iso_date(bad)
        assert caught.value.reason == reason
    from tutor_app.domain.enums import BusinessFunction, ProjectKind, Sector

    assert v.enum_code("  nuova INIZIATIVA ", ProjectKind) == "new_initiative" == v.enum_code("New initiative",
                                                                                             ProjectKind)
    assert v.enum_code("Manifattura", Sector) == "manufacturing" == v.enum_code("ICT and data centres", Sector) \
        .replace("ict", "manufacturing")
    assert v.enum_code("R&D", BusinessFunction) == "rnd"
    assert v.country_code("Germania") == v.country_code("germany") == v.country_code("DE") == "DE"
    assert v.country_code("Stati Uniti") == "US" and v.country_code("Côte d’Ivoire") == "CI"
    assert v.province_code("Monza e della Brianza") == v.province_code("mb") == "MB"


def test_a_vat_number_keeps_its_zeros_and_an_italian_one_its_check_digit() -> None:
    assert canonical_vat("IT 00743110157") == canonical_vat("00743110157") == "00743110157"
    assert canonical_vat("de 136.695.976") == "DE136695976"
    with pytest.raises(v.ValidationError, match="check digit"):
        canonical_vat("00743110158")
    assert v.vat_number("00743110157") == "00743110157"
    with pytest.raises(v.CellProblem) as caught:  # a number cell has lost its leading zeros
        v.vat_number(743110157)
    assert caught.value.reason == "vat_number_cell"


# -- the dry run lists every error and writes nothing ---------------------------------------------

def test_a_damaged_sheet_lists_every_error_with_file_row_and_column_and_writes_nothing(
        demo_workspace: Workspace) -> None:
    before = snapshot(demo_workspace)
    path = DATA / "fiera_2026_errori.csv"
    with importing.preview(demo_workspace, path) as plan:
        errors = {(e.row, e.column, e.reason) for r in plan.rows(("error",)) for e in r.errors}
        assert errors == {
            (6, "Data fase", "no_such_date"), (7, "Investimento (€)", "amount"),
            (8, "Investimento (€)", "negative"), (8, "Nuove assunzioni", "negative"), (8, "Provincia", "province"),
            (9, "Ragione sociale", "required"), (10, "Partita IVA", "vat_check"), (10, "Tipo", "choice"),
            (10, "Investimento (€)", "amount_decimals"), (11, "Nuove assunzioni", "count"), (12, "Paese", "country")}
        [first] = next(plan.rows(("error",))).errors
        assert first.text(str(path)) == f"{path}, riga 6, colonna «Data fase»: «31/02/2025» non è una data esistente"
        assert plan.totals.errors == 7 and plan.totals.new_projects == 2
        with pytest.raises(ImportRowsError, match="7 rows have errors"):
            importing.write(demo_workspace, plan)
        assert snapshot(demo_workspace) == before
        result = importing.write(demo_workspace, plan, only_valid=True)  # the separate, explicit choice
    assert (result.projects_created, result.rows_left_out) == (2, 7)


def test_a_missing_required_column_stops_the_file_at_the_header_naming_it(tmp_path: Path,
                                                                         workspace: Workspace) -> None:
    path = tmp_path / "senza_settore.csv"
    path.write_text("Ragione sociale;Paese;Titolo;Tipo;Funzione\nAlfa;IT;Fab;Espansione;Produzione\n",
                    encoding="utf-8")
    with pytest.raises(SpreadsheetError) as caught:
        importing.preview(workspace, path)
    assert "«Settore»" in caught.value.text("it") and "“Sector”" in caught.value.text("en")
    assert caught.value.row == 1


# -- de-duplication ---------------------------------------------------------------------------------

def _sheet(tmp_path: Path, *rows: str, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    header = "Ragione sociale;Partita IVA;Paese;Titolo;Tipo;Settore;Funzione;Tutor di progetto"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_same_vat_is_one_investor_different_vats_never_merge_and_names_match_without_vat(
        tmp_path: Path, workspace: Workspace) -> None:
    path = _sheet(tmp_path,
                  "Alfa S.p.A.;00743110157;IT;Uno;Espansione;ICT;Servizi;",
                  "Tutt'altro nome;IT00743110157;IT;Due;Espansione;ICT;Servizi;",  # same VAT: same investor
                  "Alfa SpA;12345670157;IT;Tre;Espansione;ICT;Servizi;",  # another VAT: another investor
                  "Beta GmbH;;DE;Quattro;Espansione;ICT;Servizi;",
                  "BETA  G.m.b.H.;;Germania;Cinque;Espansione;ICT;Servizi;",  # same name and country
                  "Beta GmbH;;AT;Sei;Espansione;ICT;Servizi;")  # same name, another country
    imported(workspace, path)
    grouped = rows_of(workspace, "SELECT i.name, i.vat_number, i.country, group_concat(p.title, ',') FROM projects p "
                                 "JOIN investors i ON i.id = p.investor_id GROUP BY i.id ORDER BY min(p.rowid)")
    assert grouped == [("Alfa S.p.A.", "00743110157", "IT", "Uno,Due"), ("Alfa SpA", "12345670157", "IT", "Tre"),
                       ("Beta GmbH", None, "DE", "Quattro,Cinque"), ("Beta GmbH", None, "AT", "Sei")]


def test_the_profile_s_investors_and_projects_are_found_again(tmp_path: Path, workspace: Workspace) -> None:
    alfa = dossiers.create_investor(workspace, name="Alfa S.p.A.", country="IT")
    numbered = dossiers.create_investor(workspace, name="Gamma AG", country="CH", vat_number="CHE123")
    project = dossiers.create_project(workspace, investor_id=alfa, title="Centro  R&D", kind="expansion",
                                      sector="ict", function="rnd", capex_cents=100)
    path = _sheet(tmp_path,
                  "ALFA SPA;00743110157;Italia;centro r&d;Espansione;ICT;Ricerca e sviluppo;",  # update, VAT filled
                  "Gamma Holding;CHE123;CH;Nuovo;Espansione;ICT;Servizi;")  # the VAT names Gamma AG
    with importing.preview(workspace, path) as plan:
        [update, new] = list(plan.rows())
        assert (update.outcome, update.detail["investor_fill"], new.outcome) == ("update", ["vat_number"], "new")
        assert plan.totals.new_investors == 0 and plan.totals.updated_investors == 1
        importing.write(workspace, plan)
    assert rows_of(workspace, "SELECT vat_number FROM investors WHERE id = :i", i=alfa) == [("00743110157",)]
    assert rows_of(workspace, "SELECT investor_id FROM projects WHERE title = 'Nuovo'") == [(numbered,)]
    assert rows_of(workspace, "SELECT count(*) FROM projects WHERE investor_id = :i", i=alfa) == [(1,)]
    assert rows_of(workspace, "SELECT function FROM projects WHERE id = :p", p=project) == [("rnd",)]


def test_a_vat_number_given_to_a_company_of_the_profile_is_not_given_to_another(tmp_path: Path,
                                                                               workspace: Workspace) -> None:
    alfa = dossiers.create_investor(workspace, name="Alfa", country="IT")
    dossiers.create_investor(workspace, name="Alfa Holding", country="IT")
    path = _sheet(tmp_path, "Alfa;00743110157;IT;Uno;Espansione;ICT;Servizi;",
                  "Alfa Holding;00743110157;IT;Due;Espansione;ICT;Servizi;")  # the number is Alfa's now
    imported(workspace, path)
    assert rows_of(workspace, "SELECT name, vat_number FROM investors ORDER BY name") == [
        ("Alfa", "00743110157"), ("Alfa Holding", None)]
    assert rows_of(workspace, "SELECT DISTINCT investor_id FROM projects") == [(alfa,)]


def test_a_row_repeated_in_the_file_is_a_duplicate_and_one_with_other_values_an_error(
        tmp_path: Path, workspace: Workspace) -> None:
    path = _sheet(tmp_path, "Alfa;;IT;Uno;Espansione;ICT;Servizi;", "alfa;;it;Uno;espansione;ict;servizi;",
                  "Alfa;;IT;Uno;Espansione;Chimica;Servizi;")
    with importing.preview(workspace, path) as plan:
        rows = list(plan.rows())
    assert [r.outcome for r in rows] == ["new", "duplicate", "error"]
    assert rows[1].detail["of_row"] == 2
    assert rows[2].errors[0].reason == "repeats_row" and "Settore" in rows[2].errors[0].params["fields"]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(tmp_path: Path, workspace: Workspace) -> None:
    workspace.create_profile("Mario Rossi")
    imported(workspace, DATA / "fiera_2026_excel_cp1252.csv")
    before = snapshot(workspace)
    with importing.preview(workspace, DATA / "fiera_2026_formattato.xlsx") as plan:
        assert {r.outcome for r in plan.rows()} == {"unchanged", "skipped"}
        importing.write(workspace, plan)
    assert snapshot(workspace) == before


def test_an_update_changes_only_what_differs_and_advances_the_phase(tmp_path: Path, workspace: Workspace) -> None:
    workspace.create_profile("Mario Rossi")
    imported(workspace, _sheet(tmp_path, "Alfa;;IT;Uno;Espansione;ICT;Servizi;"))
    project = rows_of(workspace, "SELECT id FROM projects")[0][0]
    waiting = outbox.waiting_count
    with workspace.store.read() as conn:
        entries = waiting(conn)
    path = tmp_path / "avanti.csv"
    # an update leaves blank cells as they are (the columns are there: every file has them)
    path.write_text("Ragione sociale;Paese;Titolo;Tipo;Settore;Funzione;Fase;Investimento\n"
                    "Alfa;IT;Uno;;;;Decisione;€ 5.000\n", encoding="utf-8")
    with importing.preview(workspace, path) as plan:
        [row] = list(plan.rows())
        assert (row.outcome, row.detail["changed"]) == ("update", ["capex_cents", "phase"])
        importing.write(workspace, plan)
    dossier = dossiers.get_dossier(workspace, project)
    assert dossier.project["capex_cents"] == 500_000 and dossier.current_phase is not None
    assert dossier.current_phase.value == "decision" and dossier.project["kind"] == "expansion"
    with workspace.store.read() as conn:
        assert waiting(conn) > entries  # ordinary edits, waiting to sync
    path.write_text("Ragione sociale;Paese;Titolo;Tipo;Settore;Funzione;Fase\nAlfa;IT;Uno;;;;Lead\n", encoding="utf-8")
    with importing.preview(workspace, path) as plan:
        assert next(plan.rows()).errors[0].reason == "phase_past"


# -- what is written: ordinary dossiers, ordinary edits --------------------------------------------

def test_imported_dossiers_are_ordinary_dossiers_with_outbox_entries_and_right_hashes(workspace: Workspace) -> None:
    from tutor_app.store import hashes

    me = workspace.create_profile("Mario Rossi")
    result = imported(workspace, DATA / "fiera_2026_excel_cp1252.csv")
    assert (result.projects_created, result.investors_created) == (5, 3)
    made = dossiers.list_dossiers(workspace)
    assert [d.code for d in made] == [f"2026-MRO-{n:04d}" for n in range(1, 6)] or len(made) == 5
    with workspace.store.read() as conn:
        for d in made:
            full = dossiers.get_dossier(workspace, d.id)
            assert full.permits and full.phases and full.tutors == (("Mario Rossi", "project_tutor"),)
        # every created row has its outbox entry (they sync like any edit)
        for table in ("investors", "projects", "phase_entries", "permit_items", "assignments"):
            count = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            queued = conn.exec_driver_sql(f"SELECT count(*) FROM outbox WHERE table_name = '{table}' "
                                          "AND base_rev = 0").scalar()
            assert count == queued, table
        assert hashes.stored(conn) == hashes.compute(conn, [d.id for d in made])
        assert conn.exec_driver_sql("SELECT tutor_id FROM assignments").scalars().all() == [me] * 5


def test_the_tutor_column_assigns_the_project_and_only_a_coordinator_names_another_tutor(
        tmp_path: Path, workspace: Workspace) -> None:
    me = make_coordinator(workspace)
    with workspace.store.write() as w:
        mario = w.create(schema.TUTORS, schema.TUTORS.validate(
            {"name": "Mario Rossi", "email": "m.rossi@example.it", "role": "project_tutor", "initials": "MRO"},
            creating=True))
    path = _sheet(tmp_path, "Alfa;;IT;Uno;Espansione;ICT;Servizi;mario rossi",
                  "Beta;;IT;Due;Espansione;ICT;Servizi;", "Gamma;;IT;Tre;Espansione;ICT;Servizi;Luigi Bianchi")
    with importing.preview(workspace, path) as plan:
        assert [r.outcome for r in plan.rows()] == ["new", "new", "error"]
        assert next(plan.rows(("error",))).errors[0].reason == "no_tutor"
        importing.write(workspace, plan, only_valid=True)
    assert sorted(rows_of(workspace, "SELECT p.title, a.tutor_id FROM assignments a JOIN projects p "
                                     "ON p.id = a.project_id")) == [("Due", me), ("Uno", mario)]
    with workspace.store.write() as w:  # the same sheet imported by a project tutor
        w.update(schema.TUTORS, me, {"role": "project_tutor"})
    again = _sheet(tmp_path, "Delta;;IT;Quattro;Espansione;ICT;Servizi;Mario Rossi", name="b.csv")
    with importing.preview(workspace, again) as plan:
        assert next(plan.rows()).errors[0].reason == "assign_forbidden"


# -- cancel, progress, mapping profiles, the error workbook --------------------------------------

def test_cancel_in_the_dry_run_or_the_write_writes_nothing(tmp_path: Path, workspace: Workspace) -> None:
    from tests.bench.import_data import write_csv

    workspace.create_profile("Mario Rossi")
    leads = write_csv(tmp_path / "fiera.csv", 1200)
    before = snapshot(workspace)
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        importing.preview(workspace, leads, progress=lambda d, t: seen.append((d, t)), cancel=lambda: bool(seen))
    with importing.preview(workspace, leads) as plan:
        calls: list[int] = []
        with pytest.raises(ImportCancelled):
            importing.write(workspace, plan, progress=lambda d, t: calls.append(d), cancel=lambda: len(calls) >= 2)
        assert calls  # it had written rows before the cancel: they are rolled back
    assert snapshot(workspace) == before
    assert not list(tmp_path.glob("tutor-import-*"))


def test_a_saved_mapping_reads_columns_with_other_names(tmp_path: Path, workspace: Workspace) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("Cliente,Nazione,Iniziativa,Categoria,Comparto,Ambito\nAlfa,DE,Fab,Espansione,ICT,Servizi\n",
                    encoding="utf-8")
    mapping = {"investor": "Cliente", "title": "Iniziativa", "kind": "Categoria", "sector": "Comparto",
               "function": "Ambito"}
    with pytest.raises(SpreadsheetError):
        importing.preview(workspace, path)
    importing.save_mapping(workspace, "CRM", mapping)
    with importing.preview(workspace, path, mapping="CRM") as plan:
        assert plan.totals.new_projects == 1 and plan.mapping.labels()["investor"] == "Cliente"
    with importing.preview(workspace, path, overrides=mapping) as plan:
        assert plan.totals.new_projects == 1
    with pytest.raises(SpreadsheetError, match="no mapping named"):
        importing.preview(workspace, path, mapping="Altro")


def test_the_error_workbook_holds_the_wrong_rows_and_their_reasons_and_imports_once_fixed(
        tmp_path: Path, workspace: Workspace) -> None:
    import openpyxl

    from tutor_app.importing.workbook import write_error_workbook

    with importing.preview(workspace, DATA / "fiera_2026_errori.csv") as plan:
        out = write_error_workbook(plan, tmp_path / "errori.xlsx")
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Motivo dell'errore", "Riga nel file") and len(rows) == 8
    assert rows[1][0] == "Beta Ltd" and rows[1][-2] == "Data fase: «31/02/2025» non è una data esistente"
    assert rows[1][-1] == 6
    for line in range(2, len(rows) + 1):  # fix every row as a person would
        for col, fixed in ((9, "01/02/2025"), (10, "1.000"), (11, "3"), (13, "MI"), (1, "Riparata S.r.l."),
                           (2, ""), (5, "Espansione"), (3, "Francia")):
            cell = sheet.cell(line, col)
            if rows[line - 1][-2] and (sheet.cell(1, col).value or "") in rows[line - 1][-2]:
                cell.value = fixed or None
    fixed_path = tmp_path / "corretto.xlsx"
    sheet.parent.save(fixed_path)
    with importing.preview(workspace, fixed_path) as plan:
        assert plan.totals.errors == 0, [r.text("x") for r in plan.rows(("error",))]
        assert plan.totals.new_projects == 7 and "Motivo dell'errore" in plan.mapping.ignored


@pytest.fixture
def plan_folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


def test_the_dry_run_state_lives_on_disk_and_goes_with_the_plan(tmp_path: Path, workspace: Workspace) -> None:
    plan = importing.preview(workspace, DATA / "fiera_2026_excel_cp1252.csv", temp_dir=tmp_path)
    [folder] = list(tmp_path.glob("tutor-import-*"))
    db = sqlite3.connect(folder / "plan.sqlite3")
    assert db.execute("SELECT count(*) FROM plan").fetchone() == (6,)
    db.close()
    plan.close()
    assert not folder.exists()


def test_a_value_not_allowed_lists_the_allowed_ones_in_the_language_of_the_listing() -> None:
    """The choices a cell may take are named in the listing's language (the English listing named
    them in Italian: "Nuova iniziativa, Espansione…"); either language's names are read."""
    from tutor_app.domain.enums import ProjectKind
    from tutor_app.importing.words import reason_text

    with pytest.raises(v.CellProblem) as refused:
        v.enum_code("Franchising", ProjectKind)
    english = reason_text(refused.value.reason, "en", **refused.value.params)
    italian = reason_text(refused.value.reason, "it", **refused.value.params)
    assert all(k.short_label("en") in english for k in ProjectKind), english
    assert ProjectKind.EXPANSION.short_label("it") not in english
    assert all(k.short_label("it") in italian for k in ProjectKind), italian
    assert v.enum_code(ProjectKind.EXPANSION.short_label("en"), ProjectKind) == ProjectKind.EXPANSION.value
    # The same once the listing went through JSON (the desktop's dry run, the saved listing).
    through_json = json.loads(json.dumps(refused.value.params))
    assert reason_text(refused.value.reason, "en", **through_json) == english
