"""What a spreadsheet's columns can hold, and which column holds what (the mapping).

The mapping is found from the header's labels, Italian or English, with case, accents and
spacing ignored ("Ragione sociale", "RAGIONE  SOCIALE", "Company name" are the investor); it can
be given field by field, and saved in the profile as a named mapping profile. A required field
with no column stops the file at the header check, naming it. Columns the importer does not
know (a reason column of an error workbook, derived columns of an export) are ignored, and said.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tutor_app.domain.errors import SpreadsheetError
from tutor_app.importing.reading import Cell, RawRow
from tutor_app.importing.values import as_text, fold

HEADER_SEARCH_ROWS = 30  # a title, notes and blank rows above the header: within the first rows


@dataclass(frozen=True, slots=True)
class ImportField:
    key: str
    it: str  # the label people read (the error workbook's header, the messages)
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def label(self, lang: str = "it") -> str:
        return self.en if lang == "en" else self.it


FIELDS: tuple[ImportField, ...] = (
    ImportField("investor", "Ragione sociale", "Company", True, (
        "ragione sociale", "investitore", "azienda", "societa", "impresa", "nome azienda", "denominazione",
        "company", "company name", "investor", "investor name", "organisation", "organization")),
    ImportField("vat_number", "Partita IVA / codice fiscale", "VAT number / tax code", False, (
        "partita iva", "p iva", "piva", "partita iva codice fiscale", "p iva c f", "codice fiscale", "cf",
        "vat", "vat number", "vat no", "vat id", "tax code", "tax id", "vat number tax code")),
    ImportField("country", "Paese", "Country", True, (
        "paese", "paese di origine", "nazione", "nazionalita", "stato di origine", "country", "country of origin",
        "origin")),
    ImportField("website", "Sito web", "Website", False, ("sito web", "sito", "sito internet", "website", "web")),
    ImportField("parent_group", "Gruppo", "Parent group", False, (
        "gruppo", "gruppo di appartenenza", "capogruppo", "parent group", "group", "parent company")),
    ImportField("code", "Codice", "Code", False, (
        "codice", "codice progetto", "codice dossier", "code", "project code", "dossier code")),
    ImportField("title", "Titolo", "Title", True, (
        "titolo", "titolo progetto", "titolo del progetto", "progetto", "nome progetto", "title", "project",
        "project title", "project name")),
    ImportField("kind", "Tipo", "Kind", True, (
        "tipo", "tipologia", "tipo di investimento", "tipo investimento", "tipo progetto", "kind", "type",
        "investment type", "project type")),
    ImportField("sector", "Settore", "Sector", True, ("settore", "settore di attivita", "sector", "industry")),
    ImportField("function", "Funzione", "Function", True, (
        "funzione", "funzione aziendale", "attivita", "function", "business function", "activity")),
    ImportField("status", "Stato", "Status", False, ("stato", "stato del progetto", "status", "project status")),
    ImportField("phase", "Fase", "Phase", False, ("fase", "fase attuale", "phase", "current phase")),
    ImportField("phase_date", "Data di ingresso nella fase", "Phase entered on", False, (
        "data di ingresso nella fase", "data ingresso fase", "data fase", "in fase dal", "dal",
        "phase date", "phase entered on", "entered on", "since")),
    ImportField("capex", "Investimento stimato", "Estimated capex", False, (
        "investimento stimato", "investimento", "capex", "capex stimato", "investimento eur", "capex eur",
        "importo", "importo investimento", "estimated capex", "capex estimate", "investment", "capex euro",
        "investimento euro", "investimento stimato eur")),
    ImportField("new_hires", "Nuovi addetti", "New hires", False, (
        "nuove assunzioni", "assunzioni", "addetti", "nuovi addetti", "nuovi posti di lavoro", "occupazione",
        "posti di lavoro", "new hires", "hires", "jobs", "new jobs", "employment")),
    ImportField("municipality", "Comune", "Municipality", False, (
        "comune", "localita", "sede", "citta", "municipality", "town", "city", "location")),
    ImportField("province", "Provincia", "Province", False, ("provincia", "prov", "pr", "province")),
    ImportField("zis", "ZIS", "ZIS", False, ("zis", "zona di innovazione e sviluppo")),
    ImportField("zls", "ZLS", "ZLS", False, ("zls", "zona logistica semplificata")),
    ImportField("instruments", "Strumenti", "Instruments", False, ("strumenti", "strumenti utilizzati", "instruments")),
    ImportField("services", "Servizi", "Services", False, ("servizi", "servizi erogati", "services", "services given")),
    ImportField("description", "Descrizione", "Description", False, (
        "descrizione", "note", "descrizione progetto", "description", "notes")),
    ImportField("tutor", "Tutor di progetto", "Project tutor", False, (
        "tutor di progetto", "tutor", "project tutor", "tutor progetto", "referente")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
REQUIRED = tuple(f.key for f in FIELDS if f.required)


@dataclass(frozen=True, slots=True)
class Mapping_:
    """Which column (0-based) holds which field, the header row, and the columns left out."""

    header_row: int
    header: tuple[str, ...]  # the header cells as the file has them
    columns: dict[str, int]
    ignored: tuple[str, ...] = field(default=())

    def column_label(self, key: str) -> str:
        """The column of a field as the file names it (for messages)."""
        index = self.columns.get(key)
        return self.header[index] if index is not None and index < len(self.header) else FIELD_BY_KEY[key].it

    def labels(self) -> dict[str, str]:
        """field -> the file's column label: what a saved mapping profile holds."""
        return {key: self.header[index] for key, index in self.columns.items()}


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """How a header cell was matched: a field, or nothing."""

    label: str
    key: str | None


_ALIASES: dict[str, str] = {}
for _f in FIELDS:
    for _name in (*_f.aliases, _f.it, _f.en, _f.key):
        _ALIASES.setdefault(fold(_name), _f.key)


def field_for_label(label: str) -> str | None:
    """The field a column label names (Italian or English, case/accents/spacing ignored)."""
    key = fold(label)
    if key in _ALIASES:
        return _ALIASES[key]
    # "Capex (€)", "Investimento (EUR)", "Data fase (gg/mm/aaaa)": the words before a bracket
    head = fold(label.split("(", maxsplit=1)[0]) if "(" in label else ""
    return _ALIASES.get(head) if head else None


def header_cells(row: RawRow) -> tuple[str, ...]:
    return tuple(as_text(c).strip() for c in row.cells)


def _auto_columns(header: Sequence[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """(field -> column, repeated fields, ignored labels) from the labels alone."""
    columns: dict[str, int] = {}
    repeated: list[str] = []
    ignored: list[str] = []
    for index, label in enumerate(header):
        if not label:
            continue
        key = field_for_label(label)
        if key is None:
            ignored.append(label)
        elif key in columns:
            repeated.append(f"«{header[columns[key]]}» / «{label}»")
        else:
            columns[key] = index
    return columns, repeated, ignored


def find_header(rows: Sequence[RawRow], path: object, saved: Mapping[str, str] | None = None) -> RawRow:
    """The header among the first rows: with a saved mapping, the first row that holds every column
    it names; else the first whose labels name at least two fields."""
    if saved:
        wanted = {fold(v) for v in saved.values() if v}  # an empty label is "no column"
        for row in rows[:HEADER_SEARCH_ROWS]:
            if wanted <= {fold(x) for x in header_cells(row) if x}:
                return row
    for row in rows[:HEADER_SEARCH_ROWS]:
        if len({field_for_label(x) for x in header_cells(row) if x} - {None}) >= 2:
            return row
    raise SpreadsheetError(path, "no_header", detail=str(HEADER_SEARCH_ROWS))


def resolve_columns(header: Sequence[str], saved: Mapping[str, str] | None = None,
                    overrides: Mapping[str, str] | None = None) -> tuple[dict[str, int], list[str], list[str]]:
    """(field -> column, labels named but absent, repeated fields) of a header's labels: automatic,
    then a saved profile's columns, then explicit ones (field -> column label; an empty label
    takes the field off its automatic column)."""
    columns, repeated, _ignored = _auto_columns(header)
    by_label = {fold(label): index for index, label in reversed(list(enumerate(header))) if label}
    chosen = {**(saved or {}), **(overrides or {})}
    absent = []
    for key, label in chosen.items():
        if key not in FIELD_BY_KEY:
            continue
        if not label:
            columns.pop(key, None)
            # "«A» / «B»": the field is in neither any more
            repeated = [r for r in repeated if field_for_label(r.split("»")[0].lstrip("«")) != key]
            continue
        index = by_label.get(fold(label))
        if index is None:
            absent.append(f"«{label}»")
            continue
        for other, at in list(columns.items()):
            if at == index and other != key:
                del columns[other]
        columns[key] = index
        repeated = [r for r in repeated if f"«{label}»" not in r]
    return columns, absent, repeated


def missing_required(columns: Mapping[str, int]) -> list[ImportField]:
    """The required fields that no column holds."""
    return [FIELD_BY_KEY[k] for k in REQUIRED if k not in columns]


def build_mapping(header_row: RawRow, path: object, saved: Mapping[str, str] | None = None,
                  overrides: Mapping[str, str] | None = None) -> Mapping_:
    """The mapping of a header (``resolve_columns``). A required field left without a column, a
    named column that is not there, or a field in two columns stops the file."""
    header = header_cells(header_row)
    columns, absent, repeated = resolve_columns(header, saved, overrides)
    if absent:
        raise SpreadsheetError(path, "mapped_column_absent", row=header_row.number, detail=", ".join(absent))
    if repeated:
        raise SpreadsheetError(path, "repeated_column", row=header_row.number, detail=", ".join(repeated))
    missing = missing_required(columns)
    if missing:
        raise SpreadsheetError(path, "missing_columns", row=header_row.number,
                               detail=(", ".join(f"«{f.it}»" for f in missing),
                                       ", ".join(f"“{f.en}”" for f in missing)))
    used = set(columns.values())
    ignored = tuple(label for index, label in enumerate(header) if label and index not in used)
    return Mapping_(header_row.number, header, columns, ignored)


def cell_of(cells: Sequence[Cell], index: int | None) -> Cell:
    if index is None or index >= len(cells):
        return None
    return cells[index]
