"""A spreadsheet's header read on its own, before any dry run: what the desktop wizard shows to
let the user check and change the column mapping (the dry run reads the file again, whole).

The header is found and its columns matched by the same functions as the dry run's
(``columns.find_header``, ``columns.resolve_columns``), so what the wizard shows is what the
dry run will use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tutor_app.importing.columns import HEADER_SEARCH_ROWS, find_header, header_cells, resolve_columns
from tutor_app.importing.reading import SourceInfo, open_source


@dataclass(frozen=True, slots=True)
class HeaderPreview:
    info: SourceInfo
    row: int  # the header's row number in the file
    header: tuple[str, ...]
    columns: dict[str, int]  # field -> column (0-based), as the dry run would map them

    def overrides(self, columns: Mapping[str, int]) -> dict[str, str]:
        """The explicit mapping (field -> column label, "" for none) that makes the dry run read
        exactly ``columns``: every field named, so no automatic match is left in between."""
        from tutor_app.importing.columns import FIELDS

        return {f.key: (self.header[columns[f.key]] if f.key in columns else "") for f in FIELDS}


def read_header(path: Path, saved: Mapping[str, str] | None = None) -> HeaderPreview:
    """The header of ``path`` and its columns (with a saved mapping profile, if given);
    ``SpreadsheetError`` when the file cannot be read or has no header."""
    with open_source(Path(path)) as source:
        head = [r for r in islice(source.rows(), HEADER_SEARCH_ROWS) if not r.is_blank()]
        info = source.info
    row = find_header(head, info.path, saved)
    header = header_cells(row)
    columns, _absent, _repeated = resolve_columns(header, saved)
    return HeaderPreview(info, row.number, header, columns)
