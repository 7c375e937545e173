"""The reports' own words, one module per report (``reports.i18n.Words`` reads them).

A key lives in one module: the tables are joined here, and a key in two of them is an error at
import, not a silent override.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from tutor_app.reports.words import common, dossier, portfolio
from tutor_app.reports.words.records import FIELDS, RECORDS


def joined(*tables: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The tables as one; a key in two of them raises."""
    out: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = out.keys() & table.keys()
        if twice:
            raise RuntimeError(f"report words defined twice: {sorted(twice)}")
        out.update(table)
    return out


WORDS: Final[Mapping[str, tuple[str, str]]] = joined(common.WORDS, dossier.WORDS, portfolio.WORDS)

__all__ = ["FIELDS", "RECORDS", "WORDS", "joined"]
