"""Reading PDFs back for the report tests: text per page, rendering, ink on a page."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

TODAY_FIXED = date(2026, 11, 25)


@dataclass
class Pdf:
    path: Path
    reader: PdfReader
    pages: list[str]  # extracted text per page, non-breaking spaces as plain spaces

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pdf(path: Path) -> Pdf:
    reader = PdfReader(path)
    pages = [(page.extract_text() or "").replace("\u00a0", " ") for page in reader.pages]
    return Pdf(path, reader, pages)


def squash(text: str) -> str:
    """Whitespace-insensitive text (extraction may break lines anywhere)."""
    return re.sub(r"\s+", " ", text)


def sql_rows(db: Path, query: str, *params: object) -> list[tuple[object, ...]]:
    """Rows straight from a profile's file, with none of the app's read models (independent counts)."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def between(text: str, start: str, end: str | None = None) -> str:
    """The text from the heading ``start`` to the heading ``end`` (or the end), whitespace squashed.

    Headings are found as they stand at a line start, so a contents line or a sentence that
    names a section does not count."""
    flat = squash(text)
    begin = _heading_at(flat, start)
    stop = _heading_at(flat, end, begin + len(start)) if end else len(flat)
    return flat[begin:stop]


def _heading_at(flat: str, heading: str, after: int = 0) -> int:
    """The last place ``heading`` starts in ``flat`` after ``after`` (the body's, past the contents)."""
    found = [m.start() for m in re.finditer(re.escape(heading), flat) if m.start() >= after]
    if not found:
        raise AssertionError(f"heading {heading!r} not found")
    return found[-1]


def render_pages(pdf: Path, folder: Path, dpi: int = 20) -> list[Path]:
    """Every page as a PNG, through poppler (an independent reader of what we wrote)."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to render pages; .ci/run installs it")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def ink_share(png: Path) -> float:
    """The share of pixels that are not (near) white."""
    from PIL import Image

    image = Image.open(png).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)
