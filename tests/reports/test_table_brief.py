"""The dossier a political table works from (issue 15): its first page, the one list of open action
items, the permit timeline, the contact sheet and the contents page, read back from the PDF and
checked against counts made with plain SQL on the profile's file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pdfcheck import TODAY_FIXED, Pdf, between, read_pdf, sql_rows, squash
from report_fixtures import (
    DELETED_ACTION,
    DONE_ACTION,
    LATE_ACTION,
    NEXT_AGENDA,
    OPEN_ACTION,
    ORPHAN_ACTION,
    REGIONAL_EMAIL,
    make_table_project,
)
from reportlab.graphics.shapes import Circle, Polygon, Rect, String

from tutor_app.reports import export_dossier
from tutor_app.reports.dossier import gantt_row
from tutor_app.reports.gantt import _LABEL_W, _STATE_W, permit_gantt, span_of
from tutor_app.reports.i18n import Words
from tutor_app.reports.layout import FRAME_WIDTH
from tutor_app.reports.theme import theme
from tutor_app.services.dossiers import get_dossier
from tutor_app.services.workspace import Workspace

BRIEF_IT, DETAILS_IT = "1. Sintesi per il tavolo", "2. Scheda del progetto"
ACTIONS_IT, MEETINGS_IT = "4. Azioni aperte", "5. Incontri dei tavoli di lavoro"


def _sql(ws: Workspace, query: str, *params: object) -> list[tuple[object, ...]]:
    return sql_rows(ws.store.path, query, *params)


def _brief_page(pdf: Pdf) -> tuple[int, str]:
    """The page that starts with the brief's heading (the contents page names it too)."""
    found = [n for n, page in enumerate(pdf.pages) if squash(page).find(BRIEF_IT) >= 0
             and "Indice" not in page]
    assert len(found) == 1, found
    return found[0], squash(pdf.pages[found[0]])


def _open_items(ws: Workspace, project: str) -> list[tuple[str, str | None]]:
    return [(str(t), d) for t, d in _sql(  # type: ignore[misc]
        ws, "SELECT a.text, a.due_on FROM action_items a JOIN meetings m ON m.id = a.meeting_id "
            "WHERE a.project_id = ? AND a.done = 0 AND a.deleted = 0 AND m.deleted = 0", project)]


def test_the_first_page_says_where_the_project_stands_in_prose_and_figures(
        table_ws: tuple[Workspace, str], table_it: Pdf) -> None:
    ws, project = table_ws
    number, page = _brief_page(table_it)
    assert number == 2, "cover, contents, then the brief"
    [(entered,)] = _sql(ws, "SELECT max(entered_on) FROM phase_entries WHERE project_id = ? AND deleted = 0 "
                            "AND phase = 'permitting'", project)
    days = (TODAY_FIXED - date.fromisoformat(str(entered))).days
    assert days == 40
    assert f"È nella fase «Ottenimento titoli abilitativi» da {days} giorni, dal 16/10/2026; stato: Attivo." in page
    assert "Investimento stimato: 42.000.000 €; nuovi addetti previsti: 180." in page
    assert "Tutor di progetto: Mario Rossi; tutor regionale: Chiara Bianchi." in page
    [(held,)] = _sql(ws, "SELECT count(*) FROM meetings WHERE project_id = ? AND deleted = 0 AND starts_at <= ?",
                     project, "2026-11-25T23:00:00")
    assert f"Finora {held} incontro dei tavoli di lavoro; l'ultimo il 20/10/2026 (Tavolo tecnico)." in page
    open_items = _open_items(ws, project)
    late = [t for t, due in open_items if due and due < TODAY_FIXED.isoformat()]
    # the four figures, each with its caption
    assert f"{days} Giorni nella fase attuale dal 16/10/2026" in page
    assert f"{len(open_items)} Azioni aperte {len(late)} in ritardo" in page
    [(passed,)] = _sql(ws, "SELECT count(*) FROM permit_items WHERE project_id = ? AND deleted = 0 AND "
                           "status = 'submitted' AND legal_due_on < ?", project, TODAY_FIXED.isoformat())
    assert f"{passed} Termini superati in scadenza entro 14 gg: 1" in page
    assert "09/12/2026 Prossimo incontro Tavolo politico" in page


def test_key_issues_and_what_the_next_table_must_decide(table_it: Pdf) -> None:
    _, page = _brief_page(table_it)
    issues = page[page.index("Questioni chiave"):page.index("Azioni aperte, dalla più urgente")]
    for expected in ("1 titolo con il termine di legge superato: AUA — Autorizzazione unica ambientale presso "
                     "Provincia",
                     "1 azione in ritardo; la prima era da fare entro il 10/11/2026 (Azienda).",
                     "1 titolo in attesa di integrazioni, con il termine sospeso: Autorizzazione allo scarico",
                     "1 titolo con il termine in scadenza entro 14 giorni: SCIA edilizia (01/12/2026).",
                     "1 nota di aftercare da ricontattare: Forza lavoro (20/11/2026).",
                     "Prossimo incontro: Tavolo politico, 09/12/2026 10:00, Palazzo Lombardia, Milano.",
                     "All'ordine del giorno: 1. " + NEXT_AGENDA[0] + "; 2. " + NEXT_AGENDA[1] + ".",
                     "Nuove scadenze o nuovi responsabili: 1 azione in ritardo."):
        assert expected in issues, expected


def test_open_action_items_are_one_list_without_done_deleted_or_orphaned_items(
        table_ws: tuple[Workspace, str], table_it: Pdf) -> None:
    ws, project = table_ws
    open_items = _open_items(ws, project)
    assert sorted(t for t, _ in open_items) == sorted([LATE_ACTION, OPEN_ACTION])
    _, page = _brief_page(table_it)
    section = between(table_it.text, ACTIONS_IT, MEETINGS_IT)
    for text in (page, section):
        for item, _ in open_items:
            assert text.count(item) == 1, item
        for gone in (DONE_ACTION, DELETED_ACTION, ORPHAN_ACTION):
            assert gone not in text, gone
    # late first, each with its owner, due date, state and the meeting it was agreed at
    assert section.index(LATE_ACTION) < section.index(OPEN_ACTION)
    assert f"{LATE_ACTION} Azienda 10/11/2026 In ritardo Tavolo tecnico 20/10/2026" in section
    assert f"{OPEN_ACTION} Comune 10/12/2026 Aperta Tavolo tecnico 20/10/2026" in section
    assert "2 azioni aperte (1 in ritardo)" in section
    # nowhere, not only on the first page (the list of changes not synced names its creation)
    assert ORPHAN_ACTION not in between(table_it.text, BRIEF_IT, "9. Modifiche non ancora sincronizzate")


def test_the_first_page_is_one_page_and_caps_its_lists(tmp_path: Path) -> None:
    with Workspace.open(db=tmp_path / "crowded.sqlite3", today=lambda: TODAY_FIXED) as ws:
        project = make_table_project(ws, extra_actions=30, extra_meetings=6)
        out = tmp_path / "crowded.pdf"
        export_dossier(ws, project, out)
        total = len(_open_items(ws, project))
    pdf = read_pdf(out)
    number, page = _brief_page(pdf)
    assert DETAILS_IT in pdf.pages[number + 1], "the brief fills one page; the details start on the next"
    assert "Prossimi incontri" in page  # the last part of the brief is on its page
    listed = page[page.index("Azioni aperte, dalla più urgente"):page.index("Titoli con il termine di legge")]
    assert len(re.findall(r"\b(Aperta|In ritardo) Tavolo", listed)) == 8
    assert f"… e altre {total - 8} azioni aperte: l'elenco completo è nella sezione «4. Azioni aperte»." in listed
    assert "… e altri 4 incontri in programma." in page
    section = between(pdf.text, ACTIONS_IT, MEETINGS_IT)
    assert len(re.findall(r"\b(Aperta|In ritardo) Tavolo", section)) == total == 32


def test_the_permit_timeline_shows_every_dated_permit_against_its_term(
        table_ws: tuple[Workspace, str], table_it: Pdf) -> None:
    ws, project = table_ws
    dated = [str(n) for n, in _sql(ws, "SELECT name FROM permit_items WHERE project_id = ? AND deleted = 0 AND "
                                       "(submitted_on IS NOT NULL OR decided_on IS NOT NULL OR "
                                       "expected_on IS NOT NULL)", project)]
    undated = [str(n) for n, in _sql(ws, "SELECT name FROM permit_items WHERE project_id = ? AND deleted = 0 AND "
                                         "submitted_on IS NULL AND decided_on IS NULL AND expected_on IS NULL",
                                     project)]
    timeline = between(table_it.text, "Cronoprogramma dei titoli", "Checklist")
    for name in dated:
        assert name in timeline, name
    for name in undated:
        assert name not in timeline, name
    assert "1 titolo senza date (da presentare o non necessario) è solo nella checklist." in timeline
    assert "Termine superato da 57 gg" in timeline  # AUA: filed 01/07, term 29/09
    assert "Rilasciata 01/09/2026" in timeline and "Sospeso Integrazione richiesta" in timeline


def test_timeline_marks_sit_at_their_dates(table_ws: tuple[Workspace, str]) -> None:
    ws, project = table_ws
    words = Words("it")
    permits = [p for p in get_dossier(ws, project).permits if p.submitted_on or p.expected_on]
    rows = [gantt_row(p, TODAY_FIXED, words, theme()) for p in permits]
    [drawing] = permit_gantt(rows, TODAY_FIXED, words, theme(), FRAME_WIDTH)
    lo, hi = span_of(rows, TODAY_FIXED)
    x0, x1 = _LABEL_W, FRAME_WIDTH - _STATE_W - 6

    def x(day: date) -> float:
        return x0 + (x1 - x0) * (day - lo).days / (hi - lo).days

    diamonds = sorted(round(min(pt for pt in s.points[::2]) + 4, 1) for s in drawing.contents
                      if isinstance(s, Polygon) and len(s.points) == 8)
    assert diamonds == sorted(round(x(r.term), 1) for r in rows if r.term is not None)
    rings = [round(s.cx, 1) for s in drawing.contents if isinstance(s, Circle)]
    assert rings == [round(x(date(2027, 2, 15)), 1)]
    # beyond the term, in red: the AUA still running (term to today), the building permit granted late
    danger = theme().palette.danger
    overruns = sorted((round(s.x, 1), round(s.x + s.width, 1)) for s in drawing.contents
                      if isinstance(s, Rect) and s.fillColor == danger)
    aua = next(r for r in rows if r.name == "AUA — Autorizzazione unica ambientale")
    pdc = next(r for r in rows if r.name == "PdC — Permesso di costruire")
    assert aua.term and pdc.term and pdc.end
    assert overruns == sorted([(round(x(aua.term), 1), round(x(TODAY_FIXED), 1)),
                               (round(x(pdc.term), 1), round(x(pdc.end), 1))])
    assert "oggi" in [s.text for s in drawing.contents if isinstance(s, String)]


def test_the_contact_sheet_has_the_regions_referents_and_the_authorities(
        table_ws: tuple[Workspace, str], table_it: Pdf) -> None:
    ws, project = table_ws
    contacts = between(table_it.text, "8. Contatti", "9. Modifiche non ancora sincronizzate")
    assert "Jürgen Müller" in contacts
    referents = contacts[contacts.index("Referenti della Regione"):contacts.index("Autorità competenti")]
    for name, email, role in _sql(ws, "SELECT t.name, t.email, a.role FROM assignments a JOIN tutors t "
                                      "ON t.id = a.tutor_id WHERE a.project_id = ? AND a.deleted = 0", project):
        label = {"project_tutor": "Tutor di progetto", "regional_tutor": "Tutor regionale"}[str(role)]
        assert f"{name} {label} {email} Invest in Lombardy" in referents, name
    assert REGIONAL_EMAIL in referents
    authorities = contacts[contacts.index("Autorità competenti"):]
    for (authority,) in _sql(ws, "SELECT DISTINCT authority FROM permit_items WHERE project_id = ? AND deleted = 0",
                             project):
        assert str(authority) in authorities, authority


def test_the_contents_page_gives_each_section_its_page(table_it: Pdf) -> None:
    contents = squash(table_it.pages[1])
    assert contents.startswith("Invest in Lombardy") and "Indice" in contents and "Come leggere il dossier" in contents
    titles = re.findall(r"(\d\. [^\d.]+?) (\d+)(?= \d\. | Come leggere| Cronoprogramma| Checklist| Halbleiter)",
                        contents)
    assert [t for t, _ in titles][:2] == [BRIEF_IT, DETAILS_IT] and len(titles) == 9
    for title, page in titles:
        assert title in squash(table_it.pages[int(page) - 1]), f"{title} is not on page {page}"
    assert "Termine superato Il termine di legge è passato senza una decisione" in contents


def test_the_english_first_page_is_all_english(table_en: Pdf) -> None:
    page = squash(next(p for p in table_en.pages if "1. Brief for the table" in p and "Contents" not in p))
    for expected in ("It has been in the “Permitting” phase for 40 days, since 16 Oct 2026; status: Active.",
                     "Key issues", "For the next table to decide", "1 action item late",
                     "Open action items, most urgent first", "Permits past their legal term", "Next meetings"):
        assert expected in page, expected
    for italian in ("Questioni chiave", "Da decidere", "in ritardo", "giorni", "Azioni aperte", "Termine superato"):
        assert italian not in page, italian


def test_a_long_checklist_makes_a_timeline_of_several_page_high_charts(table_ws: tuple[Workspace, str]) -> None:
    from tutor_app.reports.layout import FRAME_HEIGHT

    ws, project = table_ws
    words = Words("it")
    permit = next(p for p in get_dossier(ws, project).permits if p.submitted_on)
    rows = [gantt_row(permit, TODAY_FIXED, words, theme())] * 80
    charts = permit_gantt(rows, TODAY_FIXED, words, theme(), FRAME_WIDTH)
    assert len(charts) > 2 and all(c.height < FRAME_HEIGHT - 100 for c in charts)
    first = words.permit_name(permit.permit_code, permit.name)[:12]  # the label may wrap after its first line
    names = [s.text for c in charts for s in c.contents if isinstance(s, String) and s.text.startswith(first)]
    assert len(names) == 80, "every row in one chart or another"
