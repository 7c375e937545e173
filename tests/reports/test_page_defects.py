"""Defects a reviewer saw on the rendered pages (issue 15), each read back from the PDF, the
drawings or the data the report computes."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from pdfcheck import TODAY_FIXED, Pdf, between, read_pdf, squash
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from tutor_app.domain.enums import PermitStatus, Phase
from tutor_app.reports import PortfolioFilter, export_portfolio
from tutor_app.reports.blocks import chunked_tables
from tutor_app.reports.charts import phase_timeline
from tutor_app.reports.dossier import decision_text
from tutor_app.reports.i18n import Words, local_zone
from tutor_app.reports.layout import FRAME_WIDTH, section_break
from tutor_app.reports.portfolio import load_portfolio
from tutor_app.reports.theme import theme
from tutor_app.services.workspace import Workspace
from tutor_app.store.report_queries import upcoming_meetings

IT, EN = Words("it"), Words("en")
BAR_Y, BAR_H = 14.0, 18.0  # charts._time_bar's place in the timeline


def _timeline(entered: dict[Phase, date], current: Phase, planned: dict[Phase, date] | None = None) -> Drawing:
    return phase_timeline(entered, current, TODAY_FIXED, IT, theme(), FRAME_WIDTH, planned)


def _strings(drawing: Drawing) -> list[str]:
    return [s.text for s in drawing.contents if isinstance(s, String)]


def test_year_ticks_stay_under_the_bar_and_its_duration_labels() -> None:
    drawing = _timeline({Phase.LEAD: date(2024, 3, 1), Phase.ASSISTANCE: date(2025, 6, 1)}, Phase.ASSISTANCE)
    ticks = [s for s in drawing.contents if isinstance(s, Line)]
    assert ticks, "a span over two year ends draws year ticks"
    for tick in ticks:
        assert max(tick.y1, tick.y2) <= BAR_Y + 0.01, "a year tick runs through the bar's labels"


def test_a_phase_entered_today_draws_no_empty_bar() -> None:
    drawing = _timeline({Phase.LEAD: TODAY_FIXED}, Phase.LEAD)
    bars = [s for s in drawing.contents if isinstance(s, Rect) and s.y == BAR_Y]
    assert len(bars) <= 1, "only the grey track, or nothing: no bar from a date to the same date"
    assert any("nessuna durata" in t for t in _strings(drawing))


def test_phases_ahead_show_a_planned_date_or_say_there_is_none() -> None:
    drawing = _timeline({Phase.LEAD: date(2025, 1, 1)}, Phase.LEAD, {Phase.REALISATION: date(2027, 1, 20)})
    texts = _strings(drawing)
    assert "prevista 20/01/2027" in texts
    assert texts.count("data prevista n.d.") == 4  # assistance, decision, permitting, operations


def test_working_table_labels_wrap_instead_of_being_cut() -> None:
    drawing = _timeline({Phase.LEAD: date(2025, 1, 1)}, Phase.LEAD)
    assert not [t for t in _strings(drawing) if "…" in t]


def test_dossier_pages_cut_no_key_word(dossier_it: Pdf, dossier_en: Pdf) -> None:
    for pdf in (dossier_it, dossier_en):
        text = squash(pdf.text)
        for cut in ("comunicazio…", "in pro…", "sched…", "Realizzazione i…", "Tavolo comunicazio"
                    if "Tavolo comunicazione" not in text and pdf is dossier_it else "\0"):
            assert cut not in text, cut
    assert "Tavolo comunicazione" in squash(dossier_it.text)


def test_the_permit_term_column_has_a_header(dossier_it: Pdf, dossier_en: Pdf) -> None:
    assert "Decisa Termine" in squash(dossier_it.text)
    assert "Decided Term" in squash(dossier_en.text)


def test_typed_bullets_are_not_doubled() -> None:
    assert decision_text("• Il Comune avvierà la verifica") == "Il Comune avvierà la verifica"
    assert decision_text("- si convoca il tavolo") == "si convoca il tavolo"
    assert decision_text("  ") == ""


def test_headings_keep_with_what_follows() -> None:
    assert theme().h1.keepWithNext and theme().h2.keepWithNext


def _page_texts(story: list[object]) -> list[str]:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return [(p.extract_text() or "") for p in PdfReader(io.BytesIO(out.getvalue())).pages]


def test_a_long_table_repeats_its_header_only_at_a_page_top() -> None:
    rows = [[f"row {n}", "x"] for n in range(150)]
    pages = _page_texts([Spacer(1, 300), *chunked_tables(["HEADCOL", "B"], rows, [200, 100], theme(), chunk=60)])
    assert len(pages) >= 3
    for n, page in enumerate(pages):
        assert page.count("HEADCOL") == 1, f"page {n + 1}: header {page.count('HEADCOL')} times"
    assert all(f"row {n}" in "\n".join(pages) for n in range(150))


def test_a_short_section_does_not_move_alone_to_a_new_page() -> None:
    section = [Paragraph("7. Modifiche", theme().h1), Paragraph("Nessuna modifica.", theme().body)]
    assert section_break(section, 170).height < 80  # what the two lines take, not the 170 asked


def test_a_portfolio_of_one_province_charts_its_municipalities(region_ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "mb.pdf"
    export_portfolio(region_ws, out, PortfolioFilter(province="MB"))
    text = squash(read_pdf(out).text)
    assert "Progetti per comune" in text and "Progetti per provincia" not in text


def test_the_project_list_cuts_nothing_and_has_one_unit(portfolio_it: Pdf) -> None:
    section = between(portfolio_it.text, "7. Elenco dei progetti", "8. Definizioni e fonti")
    assert "…" not in section
    assert "Invest. (mln €)" in section
    assert " Mln €" not in section and " mila €" not in section


def test_the_cover_says_active_and_announced_in_words(portfolio_it: Pdf) -> None:
    cover = squash(portfolio_it.pages[0])
    assert "attivi" in cover and " / " not in cover.split("PROGETTI ATTIVI E ANNUNCIATI")[1][:30]


def test_wording_agrees_and_says_what_happened() -> None:
    assert IT.count("passed", 1) == "1 con il termine superato"
    assert IT.count("passed", 2) == "2 con il termine superato"
    assert IT.count("active", 1) == "1 attivo" and IT.count("active", 3) == "3 attivi"
    assert IT.term_mark(-1) == "Termine superato\nda 1 g"
    assert IT.term_mark(-3) == "Termine superato\nda 3 gg"
    assert EN.term_mark(-1) == "Term passed\n1 day ago"
    assert IT.permit_status("SCIA_ED", PermitStatus.GRANTED) == "Efficace"
    assert IT.permit_status("PDC", PermitStatus.GRANTED) == PermitStatus.GRANTED.label("it")
    assert IT.status_mix(21, 0) == "21 attivi, 0 annunciati"
    assert IT.money_short(702_300_000_000) == "7,02\u00a0Mld\u00a0€"
    assert EN.day(date(2026, 9, 11)) == "11 Sep 2026" and EN.day(date(2026, 11, 23)) == "23 Nov 2026"


def test_upcoming_meetings_leave_out_those_already_held(region_ws: Workspace) -> None:
    with region_ws.store.read() as conn:
        start = datetime.combine(TODAY_FIXED, datetime.min.time(), tzinfo=local_zone())
        held = upcoming_meetings(conn, start, start + timedelta(days=30), None)[0]
    day = held.starts_at.astimezone(local_zone()).date()
    later = held.starts_at + timedelta(minutes=1)
    data = load_portfolio(region_ws.store, day, later, PortfolioFilter(), IT)
    assert all(m.starts_at > held.starts_at or m.project_id != held.project_id for m in data.upcoming)
    assert all(m.starts_at >= later for m in data.upcoming)


def _outline(pdf: Pdf) -> list[object]:
    out: list[object] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item)

    walk(pdf.reader.outline)
    return out


def test_every_bookmark_opens_the_page_of_its_heading_and_no_heading_ends_a_page(
        dossier_it: Pdf, portfolio_it: Pdf, portfolio_en: Pdf) -> None:
    """Headings, phase and authority groups, meetings: each outline entry opens the page that
    shows it, and none sits at a page foot with nothing of its own under it."""
    from tutor_app.reports.layout import BOTTOM_MARGIN

    for pdf in (dossier_it, portfolio_it, portfolio_en):
        for item in _outline(pdf):
            title = str(item.title)  # type: ignore[attr-defined]
            page = squash(pdf.pages[pdf.reader.get_destination_page_number(item)])  # type: ignore[arg-type]
            for part in title.split(" · "):  # a meeting's mark: its day and its table, in its band
                assert squash(part.split(" · ")[0]) in page, (pdf.path.name, title)
            top = float(item.get("/Top"))  # type: ignore[attr-defined]
            assert top > BOTTOM_MARGIN + 50, (pdf.path.name, title, top)


def test_no_text_of_the_portfolio_is_cut(portfolio_it: Pdf, portfolio_en: Pdf) -> None:
    """Every cell wraps (places of upcoming meetings, investors, authorities): nothing ends in "…"
    but the few capped lists that say how many more there are."""
    for pdf in (portfolio_it, portfolio_en):
        cut = re.findall(r"\S+…", squash(pdf.text))
        assert not cut, cut[:5]
