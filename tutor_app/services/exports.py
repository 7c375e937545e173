"""Tables for Excel: the dossier list (its filters and columns) and the dashboard's tables, as CSV or XLSX.

- CSV as Italian Excel opens it with a double click: UTF-8 with a BOM, ``;`` between fields,
  decimal commas, day-first dates. A text cell that Excel would run as a formula (it starts with
  ``=``, ``+``, ``-`` or ``@``) gets a leading apostrophe, which Excel shows as text.
- XLSX with typed cells: numbers (capex in euros, hires, counts), dates as dates, text as text (a
  VAT number keeps its leading zeros). The dossier sheet's headers are the importer's labels
  (``importing.columns``), so the file imports back; the derived columns (next deadline, overdue
  permits, changes waiting) have names the importer ignores.

Files are written through ``tutor_app.files`` (whole or not at all). No Qt here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from tutor_app.domain.deadlines import urgency_bounds
from tutor_app.domain.enums import BusinessFunction, LabelledEnum, Phase, ProjectKind, ProjectStatus, Sector
from tutor_app.domain.errors import UnknownChoiceError
from tutor_app.domain.scope import Scope, Viewer
from tutor_app.files import atomic_file, write_atomically
from tutor_app.importing.columns import FIELD_BY_KEY
from tutor_app.services.region import RegionFigures
from tutor_app.services.scope import rows_in_scope
from tutor_app.store.dossier_list import DossierRow

TEXT, INT, MONEY, DATE = "text", "int", "money", "date"
FORMATS = ("csv", "xlsx")
# The dossier list's columns (ui.models.dossier_list.COLUMN_KEYS) in the order they are exported.
LIST_COLUMNS = ("code", "title", "investor", "country", "sector", "phase", "status", "capex", "hires", "place",
                "tutor", "deadline", "pending")
_DERIVED = {
    "next_due": ("Prossima scadenza legale", "Next legal deadline"),
    "overdue": ("Titoli scaduti", "Overdue permits"),
    "pending": ("Modifiche da sincronizzare", "Changes waiting to be synced"),
    "tutors": ("Tutor che seguono il dossier", "Tutors following the dossier"),
}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    kind: str = TEXT


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # the sheet's name (at most 31 characters in Excel)
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]


# -- the dossier list ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DossierFilter:
    """The list's filters as the command line gives them (the window passes the rows it shows)."""

    scope: Scope = Scope.REGION
    phase: str | None = None
    sector: str | None = None
    status: str | None = None
    province: str | None = None
    country: str | None = None
    tutor: str | None = None  # a tutor's name
    authority: str | None = None  # projects holding a permit at this competent authority
    overdue_only: bool = False  # with an overdue permit (at ``authority``, when given)
    ids: frozenset[str] | None = field(default=None)

    def validated(self, conn: Connection, today: date) -> DossierFilter:
        """The same filter with every value checked, as the portfolio's are (``PortfolioFilter``):
        a code that is none, or an authority this profile does not know, is an UnknownChoiceError
        naming the option and the values there are (a tutor, an UnknownTutorError), never an empty list."""
        from dataclasses import replace

        from tutor_app.domain.places import parse_country, parse_province
        from tutor_app.store.report_queries import find_tutor

        authority = None
        if self.authority is not None:
            known = [a.name for a in authority_projects(conn, today)]
            authority = next((a for a in known if a.casefold() == self.authority.strip().casefold()), None)
            if authority is None:
                raise UnknownChoiceError("--authority", self.authority, tuple(known), kind="authority")
        return replace(
            self,
            phase=Phase.parse(self.phase, "--phase").value if self.phase is not None else None,
            sector=Sector.parse(self.sector, "--sector").value if self.sector is not None else None,
            status=ProjectStatus.parse(self.status, "--status").value if self.status is not None else None,
            province=parse_province(self.province, "--province") if self.province is not None else None,
            country=parse_country(self.country, "--country") if self.country is not None else None,
            tutor=find_tutor(conn, self.tutor).name if self.tutor is not None else None,
            authority=authority)


def authority_holders(conn: Connection, authority: str, today: date, overdue_only: bool) -> set[str]:
    """The projects with a permit at ``authority`` (case and spacing ignored); overdue ones only if asked."""
    sql = ("SELECT DISTINCT project_id FROM permit_items WHERE deleted = 0 "
           "AND lower(trim(coalesce(authority, ''))) = lower(trim(:a))")
    params: dict[str, Any] = {"a": authority}
    if overdue_only:
        sql += " AND status = 'submitted' AND legal_due_on IS NOT NULL AND legal_due_on < :cut"
        params["cut"] = urgency_bounds(today).overdue_before.isoformat()
    return {r[0] for r in conn.execute(text(sql), params)}


@dataclass(frozen=True, slots=True)
class AuthorityProjects:
    """For the list's Authority facet: the projects holding a permit at it, and those with one overdue."""

    name: str
    holders: frozenset[str]
    overdue: frozenset[str]


def authority_projects(conn: Connection, today: date) -> list[AuthorityProjects]:
    """Every competent authority named on a live permit, by name, with its projects."""
    cut = urgency_bounds(today).overdue_before.isoformat()
    found = conn.execute(text(
        "SELECT trim(i.authority), i.project_id, i.status = 'submitted' AND i.legal_due_on IS NOT NULL "
        "AND i.legal_due_on < :cut FROM permit_items i JOIN projects p ON p.id = i.project_id "
        "WHERE i.deleted = 0 AND p.deleted = 0 AND trim(coalesce(i.authority, '')) <> ''"), {"cut": cut})
    holders: dict[str, set[str]] = {}
    late: dict[str, set[str]] = {}
    for name, pid, overdue in found:
        holders.setdefault(name, set()).add(pid)
        if overdue:
            late.setdefault(name, set()).add(pid)
    return [AuthorityProjects(n, frozenset(holders[n]), frozenset(late.get(n, ()))) for n in sorted(holders)]


def select_rows(conn: Connection, rows: Sequence[DossierRow], who: Viewer, f: DossierFilter,
                today: date) -> list[DossierRow]:
    """The rows the filter keeps, in their order."""
    kept = rows_in_scope(rows, who, f.scope)
    holders = authority_holders(conn, f.authority, today, f.overdue_only) if f.authority else None
    out = []
    for r in kept:
        if f.ids is not None and r.id not in f.ids:
            continue
        if f.phase is not None and r.phase != f.phase:
            continue
        if f.sector is not None and r.sector != f.sector:
            continue
        if f.status is not None and r.status != f.status:
            continue
        if f.province is not None and (r.province or "").upper() != f.province.upper():
            continue
        if f.country is not None and r.country.upper() != f.country.upper():
            continue
        if f.tutor is not None and f.tutor not in {t.strip() for t in r.tutors.split(",")}:
            continue
        if holders is not None and r.id not in holders:
            continue
        if f.overdue_only and not r.overdue_permits:
            continue
        out.append(r)
    return out


def _label(kind: type[LabelledEnum], value: str | None, lang: str) -> str:
    return kind(value).label(lang) if value else ""


def investor_vats(conn: Connection) -> dict[str, str]:
    """The VAT number / tax code of each live project's investor, by project id (those that have one)."""
    found = conn.execute(text(
        "SELECT p.id, i.vat_number FROM projects p JOIN investors i ON i.id = p.investor_id "
        "WHERE p.deleted = 0 AND i.vat_number IS NOT NULL AND i.vat_number <> ''"))
    return {str(pid): str(vat) for pid, vat in found}


def dossier_table(rows: Iterable[DossierRow], lang: str, columns: Sequence[str] = LIST_COLUMNS,
                  vats: Mapping[str, str] | None = None) -> Table:
    """The dossier rows with the list's columns (its keys, in this module's order), importable headers
    (with ``vats``, the investor's VAT number / tax code follows the investor).

    Kind and function are always there (the importer needs them); "place" is municipality and
    province; "deadline" is the next legal deadline and the count of overdue permits."""
    def imported(key: str) -> str:
        return FIELD_BY_KEY[key].label(lang)

    def derived(key: str) -> str:
        it, en = _DERIVED[key]
        return en if lang == "en" else it

    wanted = [c for c in LIST_COLUMNS if c in set(columns)]
    cols: list[Column] = []
    getters: list[Any] = []

    def add(column: Column, getter: Any) -> None:
        cols.append(column)
        getters.append(getter)

    for key in wanted:
        if key == "code":
            add(Column("code", imported("code")), lambda r: r.code)
        elif key == "title":
            add(Column("title", imported("title")), lambda r: r.title)
            add(Column("kind", imported("kind")), lambda r: _label(ProjectKind, r.kind, lang))
            add(Column("function", imported("function")), lambda r: _label(BusinessFunction, r.function, lang))
        elif key == "investor":
            add(Column("investor", imported("investor")), lambda r: r.investor)
            if vats is not None:  # text: leading zeros kept; the importer tells investors apart by it
                add(Column("vat_number", imported("vat_number")), lambda r: vats.get(r.id, ""))
        elif key == "country":
            add(Column("country", imported("country")), lambda r: r.country)
        elif key == "sector":
            add(Column("sector", imported("sector")), lambda r: _label(Sector, r.sector, lang))
        elif key == "phase":
            add(Column("phase", imported("phase")), lambda r: _label(Phase, r.phase, lang))
        elif key == "status":
            add(Column("status", imported("status")), lambda r: _label(ProjectStatus, r.status, lang))
        elif key == "capex":
            add(Column("capex", imported("capex"), MONEY), lambda r: r.capex_cents)
        elif key == "hires":
            add(Column("new_hires", imported("new_hires"), INT), lambda r: r.new_hires)
        elif key == "place":
            add(Column("municipality", imported("municipality")), lambda r: r.municipality or "")
            add(Column("province", imported("province")), lambda r: r.province or "")
        elif key == "tutor":
            # every tutor who follows it, under a name the importer ignores: its "Tutor di progetto"
            # assigns one tutor, and a re-imported export must change nothing
            add(Column("tutors", derived("tutors")), lambda r: r.tutors)
        elif key == "deadline":
            add(Column("next_due", derived("next_due"), DATE), lambda r: r.next_due_on)
            add(Column("overdue", derived("overdue"), INT), lambda r: r.overdue_permits)
        elif key == "pending":
            add(Column("pending", derived("pending"), INT), lambda r: r.pending_changes)
    name = "Dossiers" if lang == "en" else "Dossier"
    return Table(name, tuple(cols), [tuple(g(r) for g in getters) for r in rows])


# -- the dashboard ----------------------------------------------------------------------------------

_DIMENSION_WORDS = {
    "phase": ("Fase", "Phase"), "sector": ("Settore", "Sector"), "country": ("Paese", "Country"),
    "province": ("Provincia", "Province"), "status": ("Stato", "Status"), "tutor": ("Tutor", "Tutor"),
    "announced_active": ("Annunciati e attivi", "Announced vs active"),
}
_WORDS = {
    "projects": ("Dossier", "Dossiers"), "capex": ("Investimento stimato", "Estimated capex"),
    "hires": ("Nuovi addetti", "New hires"), "not_set": ("non indicato", "not set"),
    "authority": ("Ente competente", "Competent authority"),
    "overdue": ("Titoli scaduti", "Overdue permits"), "overdue_in": ("Dossier con titoli scaduti",
                                                                      "Dossiers with overdue permits"),
    "soon": ("Titoli in scadenza entro 14 giorni", "Permits due within 14 days"),
    "soon_in": ("Dossier con titoli in scadenza", "Dossiers with permits due soon"),
    "authorities": ("Titoli per ente", "Permits by authority"), "quarters": ("Per trimestre", "Per quarter"),
    "quarter": ("Trimestre", "Quarter"), "starts": ("Dal", "From"), "leads": ("Nuovi lead", "New leads"),
    "entries": ("Ingressi in fase", "Phase entries"), "scope": ("Conteggio", "Counting"),
    "mine": ("I miei", "My dossiers"), "area": ("La mia area", "My area"), "region": ("Tutta la regione",
                                                                                      "The whole region"),
}
DASHBOARD_TABLES = ("phase", "sector", "country", "province", "status", "tutor", "announced_active",
                    "authorities", "quarters")


def _w(key: str, lang: str) -> str:
    it, en = _WORDS[key]
    return en if lang == "en" else it


def dashboard_tables(figures: RegionFigures, lang: str, only: Sequence[str] | None = None) -> list[Table]:
    """The dashboard's tables (all, or those named in ``only``: ``DASHBOARD_TABLES``); each sheet
    name says the scope it counts."""
    scope = _w(figures.scope.value, lang)
    wanted = [t for t in DASHBOARD_TABLES if only is None or t in only]
    tables = []
    cols: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    for name in wanted:
        if name == "authorities":
            cols = (Column("authority", _w("authority", lang)), Column("overdue", _w("overdue", lang), INT),
                    Column("overdue_in", _w("overdue_in", lang), INT), Column("soon", _w("soon", lang), INT),
                    Column("soon_in", _w("soon_in", lang), INT))
            rows = [(a.authority or _w("not_set", lang), a.overdue, len(a.overdue_ids), a.due_soon,
                     len(a.due_soon_ids)) for a in figures.authorities]
            title = _w("authorities", lang)
        elif name == "quarters":
            cols = (Column("quarter", _w("quarter", lang)), Column("from", _w("starts", lang), DATE),
                    Column("leads", _w("leads", lang), INT), Column("entries", _w("entries", lang), INT))
            rows = [(f"{'Q' if lang == 'en' else 'T'}{q.quarter} {q.year}", q.first_day, q.new_leads, q.phase_entries)
                    for q in figures.quarters]
            title = _w("quarters", lang)
        else:
            it, en = _DIMENSION_WORDS[name]
            title = en if lang == "en" else it
            cols = (Column("value", title), Column("projects", _w("projects", lang), INT),
                    Column("capex", _w("capex", lang), MONEY), Column("hires", _w("hires", lang), INT))
            rows = [(b.label or _w("not_set", lang), b.projects, b.capex_cents, b.new_hires)
                    for b in figures.breakdown(name).bars]
        tables.append(Table(f"{title} · {scope}"[:31], cols, rows))
    return tables


# -- writing ----------------------------------------------------------------------------------------


def format_of(path: Path | str, given: str | None = None) -> str:
    """"csv" or "xlsx": as given, else from the file's suffix."""
    chosen = (given or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise UnknownChoiceError("--format", given, FORMATS) if given else \
            UnknownChoiceError("format", str(path), FORMATS, kind="format")
    return chosen


def _csv_value(value: Any, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == MONEY:
        return f"{value / 100:.2f}".replace(".", ",")
    if kind == INT:
        return str(int(value))
    if kind == DATE:
        return str(value.strftime("%d/%m/%Y"))
    shown = str(value)
    return "'" + shown if shown[:1] in ("=", "+", "-", "@") else shown


def csv_bytes(tables: Sequence[Table]) -> bytes:
    """One table, or several one after the other (each under its name, a blank line between)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for n, table in enumerate(tables):
        if len(tables) > 1:
            if n:
                writer.writerow([])
            writer.writerow([table.name])
        writer.writerow([c.title for c in table.columns])
        kinds = [c.kind for c in table.columns]
        for row in table.rows:
            writer.writerow([_csv_value(v, k) for v, k in zip(row, kinds, strict=True)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _write_xlsx(path: Path, tables: Sequence[Table]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                           "strings_to_formulas": False, "strings_to_urls": False})
    try:
        bold = book.add_format({"bold": True, "bottom": 1})
        money = book.add_format({"num_format": "#,##0.00 [$€-410]"})
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        used: set[str] = set()
        for table in tables:
            name = _sheet_name(table.name, used)
            sheet = book.add_worksheet(name)
            for c, column in enumerate(table.columns):
                width = 14 if column.kind != TEXT else 24
                sheet.set_column(c, c, max(width, min(len(column.title) + 2, 40)))
            for c, column in enumerate(table.columns):
                sheet.write_string(0, c, column.title, bold)
            for r, row in enumerate(table.rows, start=1):
                for c, (value, column) in enumerate(zip(row, table.columns, strict=True)):
                    if value is None or value == "":
                        continue
                    if column.kind == MONEY:
                        sheet.write_number(r, c, value / 100, money)
                    elif column.kind == INT:
                        sheet.write_number(r, c, int(value))
                    elif column.kind == DATE:
                        sheet.write_datetime(r, c, value, day)
                    else:
                        sheet.write_string(r, c, str(value))
            sheet.freeze_panes(1, 0)
    finally:
        book.close()


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def write_tables(path: Path | str, tables: Sequence[Table], fmt: str | None = None) -> Path:
    """Write the tables to ``path`` as CSV or XLSX (whole, or nothing); returns the path written."""
    chosen = format_of(path, fmt)
    target = Path(path)
    if chosen == "csv":
        write_atomically(target, csv_bytes(tables))
    else:
        with atomic_file(target) as temp:
            _write_xlsx(temp, tables)
    return target
