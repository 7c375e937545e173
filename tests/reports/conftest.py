"""Report fixtures: PDFs are made once per module (they are read many times, never changed)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The helpers beside this file are plain modules, importable from the tests whatever pytest's import mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdfcheck import TODAY_FIXED, Pdf, read_pdf
from report_fixtures import make_big_project, make_mixed_project, make_table_project

from tutor_app.reports import DossierOptions, PortfolioOptions, export_dossier, export_portfolio
from tutor_app.services import demo
from tutor_app.services.workspace import Workspace


def _made(factory: pytest.TempPathFactory, name: str,
          make: Callable[[Workspace], str]) -> Iterator[tuple[Workspace, str]]:
    """A fresh profile on TODAY_FIXED with one project made by ``make``, closed after the module."""
    ws = Workspace.open(db=factory.mktemp(name) / f"{name}.sqlite3", today=lambda: TODAY_FIXED)
    try:
        yield ws, make(ws)
    finally:
        ws.close()


@pytest.fixture(scope="module")
def big_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, str]]:
    """A never-synced profile with one big project (60 meetings, 40 permits, 30 notes)."""
    yield from _made(tmp_path_factory, "big", make_big_project)


def _dossier_pdf(made: tuple[Workspace, str], factory: pytest.TempPathFactory, name: str, lang: str) -> Pdf:
    ws, project = made
    out = factory.mktemp("pdf") / f"{name}-{lang}.pdf"
    export_dossier(ws, project, out, DossierOptions(lang=lang))
    return read_pdf(out)


@pytest.fixture(scope="module")
def dossier_it(big_ws: tuple[Workspace, str], tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return _dossier_pdf(big_ws, tmp_path_factory, "dossier", "it")


@pytest.fixture(scope="module")
def dossier_en(big_ws: tuple[Workspace, str], tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return _dossier_pdf(big_ws, tmp_path_factory, "dossier", "en")


@pytest.fixture(scope="module")
def table_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, str]]:
    """A dossier with one of everything a political table's first page reads (make_table_project)."""
    yield from _made(tmp_path_factory, "table", make_table_project)


@pytest.fixture(scope="module")
def table_it(table_ws: tuple[Workspace, str], tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return _dossier_pdf(table_ws, tmp_path_factory, "table", "it")


@pytest.fixture(scope="module")
def table_en(table_ws: tuple[Workspace, str], tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return _dossier_pdf(table_ws, tmp_path_factory, "table", "en")


@pytest.fixture(scope="module")
def region_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The small demo region (40 projects), shared by the portfolio tests of a module."""
    ws = Workspace.open(db=tmp_path_factory.mktemp("region") / "demo.sqlite3", today=lambda: TODAY_FIXED)
    demo.generate(ws, projects=40, seed=11, meetings_per_project=8)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def portfolio_it(region_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    out = tmp_path_factory.mktemp("pdf") / "portfolio-it.pdf"
    export_portfolio(region_ws, out)
    return read_pdf(out)


@pytest.fixture(scope="module")
def portfolio_en(region_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    out = tmp_path_factory.mktemp("pdf") / "portfolio-en.pdf"
    export_portfolio(region_ws, out, options=PortfolioOptions(lang="en"))
    return read_pdf(out)


@pytest.fixture(scope="module")
def mixed_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, str]]:
    """A small dossier in every script (report_fixtures.make_mixed_project)."""
    yield from _made(tmp_path_factory, "mixed", make_mixed_project)
