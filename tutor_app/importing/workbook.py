"""The error workbook: the wrong rows of an import as they were read, with a reason column, to be
fixed in Excel and imported again. The header is the file's own (so the same columns are found
again); the reason column is one the importer ignores. Written with ``xlsxwriter`` in
constant-memory mode, row by row from the plan's file: a million wrong rows cost no memory.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tutor_app.domain.errors import ExportTargetError
from tutor_app.importing.dryrun import Plan

REASON_HEADER = {"it": "Motivo dell'errore", "en": "Reason for the error"}
ROW_HEADER = {"it": "Riga nel file", "en": "Row in the file"}


def write_error_workbook(plan: Plan, out: Path, lang: str = "it") -> Path:
    """Write the error workbook of a plan to ``out`` (an .xlsx file); returns its path."""
    import xlsxwriter

    out = Path(out)
    if out.is_dir():
        raise ExportTargetError("folder", str(out))
    if not out.parent.exists():
        raise ExportTargetError("no_folder", str(out), folder=str(out.parent))
    partial = out.with_name(out.name + ".part")
    book = xlsxwriter.Workbook(str(partial), {"constant_memory": True, "strings_to_numbers": False,
                                              "strings_to_formulas": False, "strings_to_urls": False})
    try:
        sheet = book.add_worksheet("Errori" if lang != "en" else "Errors")
        bold = book.add_format({"bold": True})
        dates = book.add_format({"num_format": "dd/mm/yyyy"})
        header = list(plan.mapping.header)
        for col, label in enumerate([*header, REASON_HEADER[lang], ROW_HEADER[lang]]):
            sheet.write_string(0, col, label, bold)
        sheet.freeze_panes(1, 0)
        line = 1
        for row, cells, errors in plan.error_rows():
            for col, cell in enumerate(cells[:len(header)] if header else cells):
                _write(sheet, line, col, cell, dates)
            reasons = "\n".join(_short(e, lang) for e in errors)
            sheet.write_string(line, len(header), reasons)
            sheet.write_number(line, len(header) + 1, row)
            line += 1
        sheet.set_column(len(header), len(header), 60)
    finally:
        book.close()
    partial.replace(out)
    return out


def _short(error: Any, lang: str) -> str:
    """A reason as the workbook's column says it: the column and why (the row is its own)."""
    from tutor_app.importing.words import reason_text

    why = reason_text(error.reason, lang, **error.params)
    if not error.column:
        return why
    return f"{error.column}: {why}"


def _write(sheet: Any, line: int, col: int, cell: Any, dates: Any) -> None:
    if cell is None:
        return
    if isinstance(cell, dict) and "date" in cell:
        value = cell["date"]
        try:
            sheet.write_datetime(line, col, date.fromisoformat(value[:10]), dates)
        except ValueError:
            sheet.write_string(line, col, value)
        return
    if isinstance(cell, bool):
        sheet.write_boolean(line, col, cell)
    elif isinstance(cell, (int, float)):
        sheet.write_number(line, col, cell)
    else:
        text = str(cell)
        sheet.write_string(line, col, text[:32767])  # Excel's own limit for one cell
