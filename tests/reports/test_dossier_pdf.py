"""The project dossier PDF, read back with pypdf and rendered with poppler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdfcheck import TODAY_FIXED, Pdf, between, ink_share, read_pdf, render_pages, squash
from pypdf import PdfReader
from report_fixtures import INVESTOR, PROJECT_TITLE, make_big_project

from tutor_app.domain.deadlines import Urgency
from tutor_app.reports import DossierOptions, export_dossier
from tutor_app.services.dossiers import get_dossier
from tutor_app.services.workspace import Workspace

SECTIONS_IT = ["1. Sintesi per il tavolo", "2. Scheda del progetto", "3. Fasi del progetto", "4. Azioni aperte",
               "5. Incontri dei tavoli di lavoro", "6. Titoli abilitativi", "7. Note di aftercare", "8. Contatti",
               "9. Modifiche non ancora sincronizzate"]
SECTIONS_EN = ["1. Brief for the table", "2. Project details", "3. Project phases", "4. Open action items",
               "5. Working-table meetings", "6. Permits", "7. Aftercare notes", "8. Contacts",
               "9. Changes not yet synced"]
MEETINGS_IT = "5. Incontri dei tavoli di lavoro"
STANDARD_14 = {"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats"}


def test_cover_names_agency_project_investor_tutor_and_date(dossier_it: Pdf) -> None:
    cover = squash(dossier_it.pages[0])
    for expected in ("Invest in Lombardy", "Regione Lombardia", "DOSSIER DI PROGETTO", INVESTOR,
                     "Mario Rossi", "Chiara Bianchi", "25 novembre 2026", "2024-MRS-0042"):
        assert expected in cover, expected
    assert squash(PROJECT_TITLE) in cover


def test_every_section_is_there_in_italian(dossier_it: Pdf) -> None:
    text = dossier_it.text
    positions = [text.find(title) for title in SECTIONS_IT]
    assert -1 not in positions, [t for t, p in zip(SECTIONS_IT, positions, strict=True) if p < 0]
    assert positions == sorted(positions), "sections out of order"
    for label in ("PARTECIPANTI", "ORDINE DEL GIORNO", "VERBALE", "DECISIONI", "Autorità competente",
                  "Tavolo politico", "Tavolo tecnico", "INVESTIMENTO STIMATO", "NUOVI ADDETTI PREVISTI"):
        assert label in text, label


def test_english_dossier_translates_every_label(dossier_en: Pdf) -> None:
    text = dossier_en.text
    for title in SECTIONS_EN:
        assert title in text, title
    for label in ("PARTICIPANTS", "AGENDA", "MINUTES", "DECISIONS", "Competent authority", "Political table",
                  "ESTIMATED CAPEX", "Page 2 of", "Data never synced", "PROJECT DOSSIER", "25 November 2026"):
        assert label in text, label
    # Italian page furniture and labels must not leak into the English PDF (the data stays Italian)
    for italian in ("Pagina ", "Scheda del progetto", "Sintesi per il tavolo", "PARTECIPANTI", "Autorità competente",
                    "Tavolo tecnico", "Dati mai sincronizzati", "novembre"):
        assert italian not in text, italian
    assert "€1,234,567" in text


def test_every_page_but_the_cover_says_page_x_of_y(dossier_it: Pdf) -> None:
    total = len(dossier_it.pages)
    assert total >= 20  # 60 meetings, 40 permits, 30 notes
    assert "Pagina" not in dossier_it.pages[0]
    for number, page in enumerate(dossier_it.pages[1:], start=2):
        assert re.search(rf"Pagina\s+{number}\s+di\s+{total}\b", page), f"page {number}: {page[-200:]!r}"


def _meeting_marks(outline: list[object]) -> list[object]:
    """The outline's entries under the meetings section."""
    titles = [getattr(item, "title", None) for item in outline]
    marks = outline[titles.index(MEETINGS_IT) + 1]
    assert isinstance(marks, list)
    return marks


def test_outline_has_the_sections_and_one_entry_per_meeting(dossier_it: Pdf) -> None:
    outline = dossier_it.reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Indice", *SECTIONS_IT]
    meetings = _meeting_marks(outline)
    assert len(meetings) == 60
    assert re.match(r"\d\d/\d\d/\d{4} · Tavolo ", meetings[0].title)
    # each bookmark opens the page that carries the heading
    for item in outline:
        if not isinstance(item, list):
            page = dossier_it.reader.get_destination_page_number(item)
            assert item.title in dossier_it.pages[page]


def test_every_font_is_embedded_truetype(dossier_it: Pdf, dossier_en: Pdf) -> None:
    for pdf in (dossier_it, dossier_en):
        seen = _fonts(pdf.reader)
        assert seen, "no fonts found"
        for name, font in seen.items():
            base = str(font["/BaseFont"]).lstrip("/")
            assert base.split("+")[-1] not in STANDARD_14 and not base.startswith("Helvetica"), base
            descriptor = font["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{name} {base} is not an embedded TrueType font"
        assert {str(f["/BaseFont"]).split("+")[-1] for f in seen.values()} >= {"NotoSans-Regular", "NotoSans-Bold"}


def _fonts(reader: PdfReader) -> dict[str, object]:
    """Every font of every page, including those of form XObjects (header, page total)."""
    found: dict[str, object] = {}

    def walk(resources: object) -> None:
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        if not resources:
            return
        for key, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            found[f"{key}:{font['/BaseFont']}"] = font
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                walk(xobject["/Resources"])

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def test_euro_accents_and_italian_formats_extract_correctly(dossier_it: Pdf) -> None:
    text = dossier_it.text
    assert "1.234.567 €" in text  # capex, Babel's Italian format
    assert "1.250" in text  # new hires, with the Italian thousands separator
    for word in (INVESTOR, "Jürgen Müller", "Anaïs Lefèvre", "Zoë Brontë", "attività", "città", "È stata",
                 "Perché", "250.000 €"):
        assert word in text, word
    assert re.search(r"\b\d\d/\d\d/20\d\d\b", text)
    assert "25/11/2026" in text or "24/11/2026" in text


def test_permits_carry_status_dates_authority_and_urgency_marks(big_ws: tuple[Workspace, str],
                                                                  dossier_it: Pdf) -> None:
    ws, project = big_ws
    permits = get_dossier(ws, project).permits
    urgencies = [p.clock.urgency for p in permits]
    assert Urgency.OVERDUE in urgencies and Urgency.DUE_SOON in urgencies  # the fixture has both
    section = between(dossier_it.text, "Checklist 40 titoli", "7. Note di aftercare")
    # issue 15: the authority's term has passed ("Termine superato da 1 g"), the permit has not expired
    assert section.count("Termine superato") == urgencies.count(Urgency.OVERDUE)
    assert section.count("Termine tra") == urgencies.count(Urgency.DUE_SOON)
    assert "Scaduto" not in section
    assert section.count("Sospeso") == urgencies.count(Urgency.SUSPENDED)
    assert "Comando provinciale VVF" in section and "Rilasciata" in section and "Presentata" in section
    overdue = next(p for p in permits if p.clock.urgency is Urgency.OVERDUE)
    assert overdue.clock.due_on is not None
    assert overdue.clock.due_on.strftime("%d/%m/%Y") in section


def test_a_split_table_repeats_its_header_on_every_page(dossier_it: Pdf) -> None:
    pages = [squash(p) for p in dossier_it.pages]
    first = next(n for n, p in enumerate(pages) if "Checklist 40 titoli" in p)
    last = next(n for n, p in enumerate(pages) if "7. Note di aftercare" in p and "Indice" not in p)
    if "Termine di legge" not in pages[last]:  # the table ended on the page before the next section
        last -= 1
    assert last > first, "the 40-permit checklist should span two pages"
    for page in pages[first:last + 1]:
        assert "Titolo abilitativo Autorità competente Stato Presentata Termine di legge Decisa" in page


def test_meetings_are_in_date_order_and_marked_by_table(dossier_it: Pdf) -> None:
    meetings = _meeting_marks(dossier_it.reader.outline)
    days = [tuple(reversed(item.title.split(" · ")[0].split("/"))) for item in meetings]
    assert days == sorted(days)
    tables = {item.title.split(" · ")[1] for item in meetings}
    assert {"Tavolo politico", "Tavolo tecnico", "Tavolo permitting", "Tavolo aftercare"} <= tables


def test_never_synced_profile_says_so_and_lists_the_changes(dossier_it: Pdf) -> None:
    assert all("Dati mai sincronizzati" in page for page in dossier_it.pages[1:])
    section = between(dossier_it.text, "9. Modifiche non ancora sincronizzate")
    assert "Nota di aftercare · " in section and "Titolo abilitativo · " in section
    assert "nuovo elemento" in section
    assert re.search(r"… e altre \d+ modifiche", section)  # the list is capped, the rest counted


def test_synced_profile_gives_the_sync_instant_and_only_later_changes(tmp_path: Path) -> None:
    with Workspace.open(db=tmp_path / "s.sqlite3", today=lambda: TODAY_FIXED) as ws:
        project = make_big_project(ws, meetings=4, permits=3, notes=2, synced=True)
        out = tmp_path / "d.pdf"
        export_dossier(ws, project, out)
    pdf = read_pdf(out)
    assert "Dati aggiornati al 24/11/2026 18:02 · 3 modifiche locali non sincronizzate" in pdf.pages[1]
    section = between(pdf.text, "9. Modifiche non ancora sincronizzate")
    assert "Progetto · 2024-MRS-0042" in section and "nuovi addetti" in section
    assert "Incontro · Tavolo" in section and "verbale" in section
    assert "Nota di aftercare · Forza lavoro, 25/11/2026" in section


def test_long_minutes_flow_across_pages(tmp_path: Path) -> None:
    with Workspace.open(db=tmp_path / "l.sqlite3", today=lambda: TODAY_FIXED) as ws:
        project = make_big_project(ws, meetings=5, permits=2, notes=1, long_minutes_words=6000)
        out = tmp_path / "long.pdf"
        result = export_dossier(ws, project, out, DossierOptions(sections=frozenset({"meetings"})))
    pdf = read_pdf(out)
    assert result.pages == len(pdf.pages) >= 8
    with_minutes = [n for n, page in enumerate(pdf.pages) if "cronoprogramma aggiornato" in page]
    assert with_minutes == list(range(with_minutes[0], with_minutes[-1] + 1)) and len(with_minutes) >= 5
    assert "Seconda parte del verbale" in pdf.text


def test_sections_can_be_left_out(big_ws: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, project = big_ws
    out = tmp_path / "part.pdf"
    export_dossier(ws, project, out, DossierOptions(sections=frozenset({"summary", "permits"})))
    text = read_pdf(out).text
    assert "1. Scheda del progetto" in text and "2. Titoli abilitativi" in text and "Checklist" in text
    assert "Indice" not in text, "two sections need no contents page"
    assert "Incontri dei tavoli di lavoro" not in text and "VERBALE" not in text


def test_no_page_is_blank(dossier_it: Pdf, tmp_path: Path) -> None:
    pngs = render_pages(dossier_it.path, tmp_path)
    assert len(pngs) == len(dossier_it.pages)
    shares = [ink_share(png) for png in pngs]
    assert min(shares) > 0.01, [round(s, 4) for s in shares]


def test_unknown_project_id_is_a_known_error(big_ws: tuple[Workspace, str], tmp_path: Path) -> None:
    from tutor_app.domain.errors import NotFoundError

    ws, _ = big_ws
    with pytest.raises(NotFoundError):
        export_dossier(ws, "00000000-0000-4000-8000-000000000000", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []
