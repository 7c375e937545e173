"""Reading what offices produce, row by row, without holding the file in memory.

CSV: the encoding is found by a strict cascade, never guessed silently: a byte-order mark says
UTF-8 or UTF-16 (Excel's "Testo Unicode"); otherwise the whole file must decode as UTF-8, else as
Windows-1252 (Excel's "CSV (delimitato dal separatore di elenco)" on an Italian Windows), else the
file is refused. The one used is reported. The delimiter (``;``, ``,`` or tab) is the one that
splits the first lines into the same number of columns. Quoted fields may hold delimiters, quotes
and line breaks; an unterminated quote is an error naming the row.

XLSX: ``openpyxl`` in read-only mode streams the first worksheet. Read-only mode does not see
merged cells, so their ranges are read from the sheet's XML in a streaming pass of their own: a
value merged over several cells is the value of each of them, as the sheet shows it.

Rows come out as ``RawRow``: the row number as the office sees it (the sheet's row, or the CSV's
record counted from 1) and its cells (text for CSV; text, numbers, dates for XLSX).
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from tutor_app.domain.errors import SpreadsheetError

log = logging.getLogger("tutor.importing")

Cell = str | int | float | date | datetime | time | bool | None

_SAMPLE_BYTES = 64 * 1024
_CHECK_CHUNK = 1024 * 1024
FIELD_LIMIT = 1_000_000  # characters in one CSV cell: a longer one is a damaged file, named by its row
DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "punto e virgola (;)", ",": "virgola (,)", "\t": "tabulazione"}
DELIMITER_NAMES_EN = {";": "semicolon (;)", ",": "comma (,)", "\t": "tab"}


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int
    cells: tuple[Cell, ...]

    def is_blank(self) -> bool:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in self.cells)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What was found out about the file: its kind, and for a CSV its encoding and delimiter."""

    path: Path
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None  # "UTF-8", "UTF-8 (BOM)", "UTF-16 (BOM)", "Windows-1252"
    delimiter: str | None = None
    sheet: str | None = None
    size: int = 0

    def describe(self, lang: str = "it") -> str:
        if self.kind == "xlsx":
            return (f"Excel workbook, sheet “{self.sheet}”" if lang == "en"
                    else f"cartella di lavoro Excel, foglio «{self.sheet}»")
        names = DELIMITER_NAMES_EN if lang == "en" else DELIMITER_NAMES
        delimiter = names.get(self.delimiter or "", self.delimiter or "")
        if lang == "en":
            return f"CSV, encoding {self.encoding}, delimiter {delimiter}"
        return f"CSV, codifica {self.encoding}, separatore {delimiter}"


class Source:
    """An open spreadsheet: ``info`` and its rows in order (``rows()`` may be called once)."""

    def __init__(self, info: SourceInfo, rows: Iterator[RawRow], closer: IO[Any] | Any | None = None) -> None:
        self.info = info
        self._rows = rows
        self._closer = closer

    def rows(self) -> Iterator[RawRow]:
        return self._rows

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_source(path: Path) -> Source:
    """Open a CSV or XLSX file for reading; SpreadsheetError when it is neither, or unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise SpreadsheetError(path, "missing") from None
    except IsADirectoryError:
        raise SpreadsheetError(path, "folder") from None
    except OSError as exc:
        raise SpreadsheetError(path, "os", detail=exc.strerror or str(exc)) from None
    if size == 0:
        raise SpreadsheetError(path, "empty")
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path, size)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(path, "old_excel")
    return _open_csv(path, size)


# -- CSV ---------------------------------------------------------------------------------------

def detect_encoding(path: Path) -> tuple[str, str]:
    """(Python codec, name for people) by the strict cascade of the module doc."""
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            fh.seek(0)
            if _decodes(fh, "utf-16", path, wide=True):
                return "utf-16", "UTF-16 (BOM)"
            raise SpreadsheetError(path, "encoding")
        marked = head.startswith(codecs.BOM_UTF8)
        codec, name = ("utf-8-sig", "UTF-8 (BOM)") if marked else ("utf-8", "UTF-8")
        fh.seek(0)
        if _decodes(fh, codec, path):
            return codec, name
        if marked:  # a UTF-8 mark on bytes that are not UTF-8: a damaged file, not a guess to make
            raise SpreadsheetError(path, "encoding")
        fh.seek(0)
        if _decodes(fh, "cp1252", path):
            return "cp1252", "Windows-1252"
    raise SpreadsheetError(path, "encoding")


def _decodes(fh: IO[bytes], codec: str, path: Path, wide: bool = False) -> bool:
    """Whether the rest of the file decodes strictly (read in chunks: a 200 MB file stays out of memory).
    A NUL byte is binary data, never text: the file is refused at once."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = fh.tell()
    while True:
        chunk = fh.read(_CHECK_CHUNK)
        nul = chunk.find(b"\x00") if not wide else -1
        if nul >= 0:
            raise SpreadsheetError(path, "binary", detail=str(offset + nul))
        offset += len(chunk)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            return False
        if wide and "\x00" in text:
            raise SpreadsheetError(path, "binary", detail=str(offset))
        if not chunk:
            return True


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the sample's lines into one same number (more than one) of columns;
    on a tie ``;`` (Italian Excel), then ``,``, then tab."""
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        sample = "\n".join(lines[:-1])  # the sample may cut its last line
    best, best_score = ";", (-1, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        counts: dict[int, int] = {}
        for r in rows:
            counts[len(r)] = counts.get(len(r), 0) + 1
        width, agreeing = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=(0, 0))
        score = (agreeing if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(path: Path, size: int) -> Source:
    codec, name = detect_encoding(path)
    with path.open("r", encoding=codec, errors="strict", newline="") as sample:
        delimiter = sniff_delimiter(sample.read(_SAMPLE_BYTES))
    fh = path.open("r", encoding=codec, errors="strict", newline="")
    info = SourceInfo(path, "csv", encoding=name, delimiter=delimiter, size=size)
    return Source(info, _csv_rows(fh, delimiter, path), fh)


def _csv_rows(fh: IO[str], delimiter: str, path: Path) -> Iterator[RawRow]:
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(fh, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            reason = "huge_cell" if "field larger" in message else "bad_quotes"
            raise SpreadsheetError(path, reason, row=number + 1) from None
        number += 1
        yield RawRow(number, tuple(cells))


# -- XLSX --------------------------------------------------------------------------------------

_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True, slots=True)
class _Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int


def _merged_ranges(path: Path, sheet_xml: str) -> list[_Merge]:
    """The merged ranges of a sheet, from its XML, streamed (they follow the sheet's data)."""
    merges: list[_Merge] = []
    with zipfile.ZipFile(path) as archive, archive.open(sheet_xml) as fh:
        for _event, element in ElementTree.iterparse(fh, events=("end",)):
            if element.tag == f"{_MAIN_NS}mergeCell":
                ref = element.get("ref", "")
                parts = ref.split(":")
                if len(parts) == 2:
                    a, b = _CELL_REF.match(parts[0]), _CELL_REF.match(parts[1])
                    if a and b:
                        merges.append(_Merge(int(a.group(2)), _column_index(a.group(1)),
                                             int(b.group(2)), _column_index(b.group(1))))
            elif element.tag == f"{_MAIN_NS}row":
                element.clear()  # the rows themselves are openpyxl's to read
    return merges


def _open_xlsx(path: Path, size: int) -> Source:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except InvalidFileException:
        raise SpreadsheetError(path, "bad_xlsx") from None
    except Exception:
        log.info("unreadable workbook %s", path, exc_info=True)
        raise SpreadsheetError(path, "bad_xlsx") from None
    sheet = next((ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"), None)
    if sheet is None:
        book.close()
        raise SpreadsheetError(path, "no_sheet")
    sheet_xml = getattr(sheet, "_worksheet_path", None) or getattr(sheet, "worksheet_path", None)
    try:
        merges = _merged_ranges(path, str(sheet_xml).lstrip("/")) if sheet_xml else []
    except Exception:
        log.info("unreadable sheet in %s", path, exc_info=True)
        book.close()
        raise SpreadsheetError(path, "bad_xlsx") from None
    info = SourceInfo(path, "xlsx", sheet=sheet.title, size=size)
    return Source(info, _xlsx_rows(sheet, merges, path), book)


def _xlsx_rows(sheet: Any, merges: list[_Merge], path: Path) -> Iterator[RawRow]:
    by_start: dict[int, list[_Merge]] = {}
    for m in merges:
        if m.max_row > m.min_row or m.max_col > m.min_col:
            by_start.setdefault(m.min_row, []).append(m)
    open_merges: list[tuple[_Merge, Cell]] = []  # ranges that reach below the rows read so far
    number = 0
    try:
        for values in sheet.iter_rows(values_only=True):
            number += 1
            cells = list(values)
            for m in by_start.pop(number, ()):
                value = cells[m.min_col - 1] if m.min_col - 1 < len(cells) else None
                open_merges.append((m, value))
            if open_merges:
                for m, value in open_merges:
                    if len(cells) < m.max_col:
                        cells.extend([None] * (m.max_col - len(cells)))
                    for col in range(m.min_col, m.max_col + 1):
                        if not (number == m.min_row and col == m.min_col):
                            cells[col - 1] = value
                open_merges = [(m, v) for m, v in open_merges if m.max_row > number]
            yield RawRow(number, tuple(cells))
    except Exception:
        log.info("unreadable row %d in %s", number + 1, path, exc_info=True)
        raise SpreadsheetError(path, "bad_xlsx", row=number + 1) from None
