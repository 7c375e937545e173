"""The portfolio report: key figures, charts, permits, meetings, one line per project, contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdfcheck import Pdf, between, ink_share, read_pdf, render_pages, squash

from tutor_app.domain.errors import EmptyReportError, ReportCancelled
from tutor_app.reports import PortfolioFilter, PortfolioOptions, export_portfolio
from tutor_app.services.dossiers import list_dossiers
from tutor_app.services.workspace import Workspace

SECTIONS_IT = ["1. Sintesi per il Consiglio regionale", "2. Indicatori chiave",
               "3. I 10 progetti maggiori per investimento", "4. Investimento e addetti per provincia e settore",
               "5. Composizione del portafoglio", "6. Termini dei titoli superati e in scadenza, per autorità",
               "7. Elenco dei progetti", "8. Definizioni e fonti", "Appendice A. Prossimi tavoli di lavoro"]
SECTIONS_EN = ["1. Summary for the regional council", "2. Key figures", "3. The 10 largest projects by capex",
               "4. Capex and hires by province and sector", "5. Portfolio breakdown",
               "6. Permit terms passed and ending soon, by authority", "7. Project list", "8. Definitions and sources",
               "Appendix A. Upcoming working-table meetings"]
PROJECTS_IT, DEFINITIONS_IT = "7. Elenco dei progetti", "8. Definizioni e fonti"
PERMITS_IT = "6. Termini dei titoli superati e in scadenza, per autorità"


def test_cover_and_key_figures_in_italian(portfolio_it: Pdf, region_ws: Workspace) -> None:
    rows = list_dossiers(region_ws)
    cover = squash(portfolio_it.pages[0])
    assert "RAPPORTO DI PORTAFOGLIO" in cover and "Invest in Lombardy" in cover
    assert f"PROGETTI {len(rows)}" in cover
    capex = sum(r.capex_cents or 0 for r in rows) // 100
    assert f"{capex:,}".replace(",", ".") + " €" in cover  # 1.234.567 € style
    hires = sum(r.new_hires or 0 for r in rows)
    assert f"{hires:,}".replace(",", ".") in cover
    text = portfolio_it.text
    for label in ("Progetti per fase", "Progetti per settore", "Progetti per paese di origine",
                  "Progetti per provincia", "Progetti per stato", "Progetti attivi e annunciati", "Titoli scaduti"):
        assert label in text, label


def test_contents_lists_each_section_with_its_page(portfolio_it: Pdf) -> None:
    contents = squash(portfolio_it.pages[1])
    assert contents.startswith(contents[:0]) and "Indice" in contents
    for title in SECTIONS_IT:
        found = re.search(re.escape(title) + r"\s*(\d+)", contents)
        assert found, title
        page = int(found.group(1))
        assert title in portfolio_it.pages[page - 1], f"{title} is not on page {page}"


def test_english_report_translates_every_label(portfolio_en: Pdf) -> None:
    text = portfolio_en.text
    assert "Contents" in text and "PORTFOLIO REPORT" in text
    for title in SECTIONS_EN:
        assert title in text, title
    for italian in ("Pagina ", "Indicatori chiave", "Progetti per fase", "Prossimi tavoli", "Dati mai",
                    "Tavolo tecnico", "novembre"):
        assert italian not in text, italian
    assert re.search(r"Page 3 of\s+\d+", text)


def test_outline_has_sections_and_phase_groups(portfolio_it: Pdf) -> None:
    outline = portfolio_it.reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Indice", *SECTIONS_IT]
    groups = outline[[getattr(item, "title", None) for item in outline].index(PROJECTS_IT) + 1]
    assert isinstance(groups, list) and groups
    assert all(re.match(r".+ · \d+ progetti$", item.title) for item in groups)


def test_one_line_per_project_and_overdue_permits_listed(portfolio_it: Pdf, region_ws: Workspace) -> None:
    rows = list_dossiers(region_ws)
    projects = between(portfolio_it.text, PROJECTS_IT, DEFINITIONS_IT)
    for row in rows:
        assert projects.count(row.code) == 1, row.code
    overdue = sum(r.overdue_permits for r in rows)
    assert overdue > 0
    permits = between(portfolio_it.text, PERMITS_IT, PROJECTS_IT)
    assert permits.count("Termine superato ") == overdue  # the term passed (issue 15), not "Scaduto"


def test_every_page_numbered_and_no_page_blank(portfolio_it: Pdf, tmp_path: Path) -> None:
    total = len(portfolio_it.pages)
    for number, page in enumerate(portfolio_it.pages[1:], start=2):
        assert re.search(rf"Pagina\s+{number}\s+di\s+{total}\b", page), number
    shares = [ink_share(png) for png in render_pages(portfolio_it.path, tmp_path)]
    assert len(shares) == total and min(shares) > 0.01


def test_filters_select_the_projects(region_ws: Workspace, tmp_path: Path) -> None:
    rows = [r for r in list_dossiers(region_ws) if r.province == "MB"]
    assert rows
    out = tmp_path / "mb.pdf"
    export_portfolio(region_ws, out, PortfolioFilter(province="mb"))
    pdf = read_pdf(out)
    assert "Provincia: Monza e della Brianza" in squash(pdf.pages[0])
    listed = set(re.findall(r"\b20\d\d-[A-Z]{2,4}-\d{4}\b", between(pdf.text, PROJECTS_IT, DEFINITIONS_IT)))
    assert listed == {r.code for r in rows}


def test_tutor_filter_takes_initials(region_ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    first = list_dossiers(region_ws)[0]
    initials = first.code.split("-")[1]
    export_portfolio(region_ws, out, PortfolioFilter(tutor=initials.lower()))
    assert "Tutor: " in squash(read_pdf(out).pages[0])


def test_empty_selection_is_a_known_error_and_writes_nothing(region_ws: Workspace, tmp_path: Path) -> None:
    phases = {r.phase for r in list_dossiers(region_ws) if r.province == "SO"}
    with pytest.raises(EmptyReportError, match="No project matches"):
        export_portfolio(region_ws, tmp_path / "empty.pdf", PortfolioFilter(province="SO", phase="lead")
                         if "lead" not in phases else PortfolioFilter(province="SO", sector="aerospace", phase="lead"))
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end_and_cancel_leaves_no_file(region_ws: Workspace, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_portfolio(region_ws, tmp_path / "ok.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 20  # in the middle of laying out pages

    with pytest.raises(ReportCancelled):
        export_portfolio(region_ws, tmp_path / "cancelled.pdf", cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.pdf"]


def test_only_chosen_sections(region_ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "kpis.pdf"
    export_portfolio(region_ws, out, options=PortfolioOptions(sections=frozenset({"kpis", "projects"})))
    text = read_pdf(out).text
    assert "1. Indicatori chiave" in text and "2. Elenco dei progetti" in text
    assert "Prossimi tavoli di lavoro" not in text
