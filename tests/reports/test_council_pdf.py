"""The portfolio for the regional council (issue 15): the summary's period comparison, the ten
largest projects, capex and hires by province (the tile map) and sector, permit terms grouped by
authority with project and tutor, definitions, source lines and the appendix, read back from the
PDF and checked against counts made with plain SQL on the profile's file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pdfcheck import TODAY_FIXED, Pdf, between, read_pdf, sql_rows, squash
from reportlab.graphics.shapes import String

from tutor_app.reports import PortfolioOptions, export_portfolio
from tutor_app.reports.charts import province_tiles
from tutor_app.reports.i18n import Words
from tutor_app.reports.layout import FRAME_WIDTH
from tutor_app.reports.theme import theme
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace

ROME = ZoneInfo("Europe/Rome")
SUMMARY, KPIS, TOP = "1. Sintesi per il Consiglio regionale", "2. Indicatori chiave", "3. I 10 progetti maggiori"
TERRITORY, BREAKDOWN = "4. Investimento e addetti per provincia e settore", "5. Composizione del portafoglio"
PERMITS = "6. Termini dei titoli superati e in scadenza, per autorità"
PROJECTS, DEFINITIONS, APPENDIX = "7. Elenco dei progetti", "8. Definizioni e fonti", "Appendice A. Prossimi tavoli"


def _sql(ws: Workspace, query: str, *params: object) -> list[tuple[object, ...]]:
    return sql_rows(ws.store.path, query, *params)


def _utc(day: date) -> str:
    """Local midnight of ``day`` in Milan, as the stored UTC text (computed here, not by the app)."""
    return datetime(day.year, day.month, day.day, tzinfo=ROME).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _mln(cents: int) -> str:
    return f"{cents / 1e8:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _it(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# -- the period boundaries, on projects made at the edges -------------------------------------------

# (code, created_at as stored, [(phase, entered_on)], capex in M€). TODAY_FIXED is 25/11/2026: this
# period is 01/01/2026-25/11/2026, the last one 01/01/2025-25/11/2025, local days in Milan (UTC+1).
EDGES = [
    ("2025-EDG-0001", "2025-12-31T22:30:00.000000Z", [("lead", "2025-12-31")], 1),         # 23:30 on 31/12: neither
    ("2025-EDG-0002", "2025-12-31T23:30:00.000000Z", [("lead", "2025-12-31"), ("decision", "2026-01-01")], 10),
    ("2026-EDG-0003", "2026-11-25T22:59:59.000000Z", [("lead", "2026-11-25")], 2),         # 23:59:59 today: in
    ("2026-EDG-0004", "2026-11-25T23:00:00.000000Z", [("lead", "2026-11-26")], 3),         # local midnight: out
    ("2026-EDG-0005", "2026-11-25T23:30:00.000000Z", [("lead", "2026-11-26")], 4),         # 00:30 tomorrow: out
    ("2025-EDG-0006", "2025-11-25T22:30:00.000000Z", [("lead", "2025-11-25"), ("decision", "2025-11-26")], 6),
    ("2025-EDG-0007", "2025-11-25T23:30:00.000000Z", [("lead", "2025-11-26")], 7),         # 00:30 on 26/11: out
    ("2025-EDG-0008", "2025-01-01T00:30:00.000000Z",
     [("lead", "2025-01-01"), ("realisation", "2025-06-01"), ("operations", "2026-03-01")], 30),
    ("2024-EDG-0009", "2024-12-31T23:15:00.000000Z", [("lead", "2024-12-31"), ("decision", "2025-01-01")], 5),
    ("2024-EDG-0010", "2024-12-31T23:45:00.000000Z", [("lead", "2025-01-01")], 8),         # 00:45 on 1/1/2025: in
]


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Pdf]]:
    ws = Workspace.open(db=tmp_path_factory.mktemp("edges") / "e.sqlite3", today=lambda: TODAY_FIXED)
    ws.create_profile("Mario Rossi", "mario.rossi@example.it", initials="MRS")
    investor = dossiers.create_investor(ws, name="Edge Instruments AG", country="CH", sector="electronics")
    for code, created, phases, capex in EDGES:
        first, *rest = phases
        project = dossiers.create_project(ws, investor_id=investor, code=code, title=f"Progetto {code}",
                                          kind="new_initiative", sector="electronics", function="production",
                                          capex_cents=capex * 100_000_000, new_hires=capex, province="MB",
                                          phase=first[0], entered_on=date.fromisoformat(first[1]),
                                          with_checklist=False)
        for phase, on in rest:
            dossiers.advance_phase(ws, project, phase, date.fromisoformat(on))
        with ws.store.write() as w:  # the creation instant, as a device would have stamped it then
            from sqlalchemy import text

            w.conn.execute(text("UPDATE projects SET created_at = :c WHERE id = :id"), {"c": created, "id": project})
    out = tmp_path_factory.mktemp("pdf") / "edges.pdf"
    export_portfolio(ws, out, options=PortfolioOptions(sections=frozenset({"summary"})))
    yield ws, read_pdf(out)
    ws.close()


def test_the_period_comparison_counts_local_days_both_ends_included(edges: tuple[Workspace, Pdf]) -> None:
    ws, pdf = edges
    text = squash(pdf.text)
    # by hand: leads 2026 = EDG-0002 (00:30 on 1/1), EDG-0003 (23:59:59 today); 2025 = 6, 8, 9, 10
    assert "Nuovi lead (dossier aperti) 4 2 −2" in text
    # and by plain SQL over the local midnights
    this = _sql(ws, "SELECT count(*) FROM projects WHERE deleted = 0 AND created_at >= ? AND created_at < ?",
                _utc(date(2026, 1, 1)), _utc(date(2026, 11, 26)))[0][0]
    last = _sql(ws, "SELECT count(*) FROM projects WHERE deleted = 0 AND created_at >= ? AND created_at < ?",
                _utc(date(2025, 1, 1)), _utc(date(2025, 11, 26)))[0][0]
    assert (last, this) == (4, 2)
    assert "Dal 1 gennaio 2026 al 25 novembre 2026 sono arrivati 2 nuovi lead (4 nello stesso periodo del 2025) " \
           "e 1 progetto ha avviato l'attività (0 nel 2025)." in text
    assert "Progetti entrati in fase «Lead» 3 1 −2" in text  # 25/11/2026 in, 26/11 out; 1/1/2025 and 25/11/2025 in
    assert "Progetti entrati in fase «Decisione» 1 1 0" in text  # 1/1/2025 and 1/1/2026 in, 26/11/2025 out
    assert "Investimento dei progetti entrati in «Decisione» (mln €) 5,00 10,00 +5,00" in text
    assert "Addetti dei progetti entrati in «Decisione» 5 10 +5" in text
    assert "Investimento dei progetti entrati in «Realizzazione investimento» (mln €) 30,00 0,00 −30,00" in text


@pytest.fixture(scope="module")
def region(region_ws: Workspace, portfolio_it: Pdf) -> tuple[Workspace, Pdf]:
    return region_ws, portfolio_it


def test_the_period_table_agrees_with_sql_on_the_demo_region(region: tuple[Workspace, Pdf]) -> None:
    ws, pdf = region
    summary = between(pdf.text, SUMMARY, KPIS)
    bounds = {2026: (date(2026, 1, 1), date(2026, 11, 25)), 2025: (date(2025, 1, 1), date(2025, 11, 25))}
    leads = {y: _sql(ws, "SELECT count(*) FROM projects WHERE deleted = 0 AND created_at >= ? AND created_at < ?",
                     _utc(a), _utc(date.fromordinal(b.toordinal() + 1)))[0][0] for y, (a, b) in bounds.items()}
    assert f"Nuovi lead (dossier aperti) {leads[2025]} {leads[2026]}" in summary
    labels = {"lead": "Lead", "assistance": "Assistenza", "decision": "Decisione",
              "permitting": "Ottenimento titoli abilitativi", "realisation": "Realizzazione investimento",
              "operations": "Avvio attività"}
    entered_sql = ("SELECT count(DISTINCT pe.project_id), coalesce(sum(p.capex_cents), 0), "
                   "coalesce(sum(p.new_hires), 0) FROM phase_entries pe JOIN projects p ON p.id = pe.project_id "
                   "WHERE pe.deleted = 0 AND p.deleted = 0 AND pe.phase = ? AND pe.entered_on BETWEEN ? AND ?")
    for phase, label in labels.items():
        (old, _, _), (new, _, _) = (_sql(ws, entered_sql, phase, a.isoformat(), b.isoformat())[0]
                                    for a, b in (bounds[2025], bounds[2026]))
        assert f"Progetti entrati in fase «{label}» {old} {new}" in summary, phase
    for phase in ("decision", "realisation"):
        (_, c_old, h_old), (_, c_new, h_new) = (_sql(ws, entered_sql, phase, a.isoformat(), b.isoformat())[0]
                                                for a, b in (bounds[2025], bounds[2026]))
        assert f"entrati in «{labels[phase]}» (mln €) {_mln(int(c_old))} {_mln(int(c_new))}" in summary
        assert f"Addetti dei progetti entrati in «{labels[phase]}» {_it(int(h_old))} {_it(int(h_new))}" in summary


def test_the_ten_largest_projects_in_order(region: tuple[Workspace, Pdf]) -> None:
    ws, pdf = region
    expected = [str(c) for c, in _sql(ws, "SELECT code FROM projects WHERE deleted = 0 AND capex_cents > 0 "
                                          "ORDER BY capex_cents DESC, code LIMIT 10")]
    section = between(pdf.text, TOP, TERRITORY)
    listed = re.findall(r"\b(\d+) (20\d\d-[A-Z]{2,4}-\d{4})\b", section)
    assert [code for _, code in listed] == expected
    assert [int(n) for n, _ in listed] == list(range(1, 11))
    for code in expected:
        [(capex,)] = _sql(ws, "SELECT capex_cents FROM projects WHERE code = ?", code)
        assert _mln(int(str(capex))) in section.split(code, 1)[1][:300], code
    assert TOP in squash(next(p for p in pdf.pages if "3. I 10 progetti maggiori per investimento I 10" in squash(p)))
    pages = [n for n, p in enumerate(pdf.pages) if any(code in p for code in expected[:1] + expected[-1:])
             and "I 10 progetti con l'investimento stimato" in squash(p)]
    assert len(pages) == 1, "the ten rows are on one page"


def test_capex_and_hires_by_province_and_sector(region: tuple[Workspace, Pdf]) -> None:
    ws, pdf = region
    section = between(pdf.text, TERRITORY, BREAKDOWN)
    names = {"MI": "Milano", "MB": "Monza e della Brianza", "BG": "Bergamo", "BS": "Brescia", "CO": "Como",
             "CR": "Cremona", "LC": "Lecco", "LO": "Lodi", "MN": "Mantova", "PV": "Pavia", "SO": "Sondrio",
             "VA": "Varese"}
    by_province = _sql(ws, "SELECT province, count(*), coalesce(sum(capex_cents), 0), coalesce(sum(new_hires), 0) "
                           "FROM projects WHERE deleted = 0 GROUP BY province")
    table = section[section.index("Per provincia"):section.index("Per settore")]
    for province, n, capex, hires in by_province:
        assert f"{names[str(province)]} {n} {_mln(int(str(capex)))}" in table, province
        assert re.search(rf"{re.escape(_mln(int(str(capex))))} [\d,]+% {_it(int(str(hires)))}\b", table), province
    [(total_n, total_capex, total_hires)] = _sql(ws, "SELECT count(*), sum(capex_cents), sum(new_hires) FROM projects "
                                                     "WHERE deleted = 0")
    assert f"Totale {total_n} {_mln(int(str(total_capex)))} 100% {_it(int(str(total_hires)))}" in table
    by_sector = _sql(ws, "SELECT count(*), coalesce(sum(capex_cents), 0) FROM projects WHERE deleted = 0 "
                         "GROUP BY sector ORDER BY 2 DESC")
    sectors = section[section.index("Per settore"):]
    amounts = re.findall(r" (\d+) ([\d.]+,\d\d) [\d,]+% ", sectors)
    assert [(int(n), a) for n, a in amounts][:len(by_sector)] == [(int(str(n)), _mln(int(str(c))))
                                                                  for n, c in by_sector]


def test_the_tile_map_prints_every_provinces_figures(region: tuple[Workspace, Pdf]) -> None:
    ws, pdf = region
    words = Words("it")
    values = {str(p): (int(str(n)), int(str(c)), int(str(h))) for p, n, c, h in _sql(
        ws, "SELECT province, count(*), sum(capex_cents), sum(new_hires) FROM projects WHERE deleted = 0 "
            "GROUP BY province")}
    drawing = province_tiles(values, FRAME_WIDTH, words, theme())
    strings = [s.text for s in drawing.contents if isinstance(s, String)]
    for code in ("VA", "CO", "LC", "SO", "MI", "MB", "BG", "BS", "PV", "LO", "CR", "MN"):  # all twelve
        n, capex, hires = values.get(code, (0, 0, 0))
        at = strings.index(code)
        assert strings[at + 2:at + 5] == ([words.money_short(capex), words.count("projects_count", n),
                                           words.count("hires_count", hires)] if n else ["–", "nessun progetto", ""])
    section = between(pdf.text, TERRITORY, BREAKDOWN)
    tiles = section[section.index("Le province della Lombardia"):section.index("Riquadri disposti")]
    for code, (n, capex, _) in values.items():
        money = words.money_short(capex).replace("\u00a0", " ")
        assert re.search(rf"\b{code} .{{0,40}}{re.escape(money)} {n} progett", tiles), code


def test_permit_terms_are_grouped_by_authority_with_project_and_tutor(region: tuple[Workspace, Pdf]) -> None:
    ws, pdf = region
    section = between(pdf.text, PERMITS, PROJECTS)
    rows = _sql(ws, "SELECT pi.authority, pi.legal_due_on < ?, p.code FROM permit_items pi JOIN projects p "
                    "ON p.id = pi.project_id WHERE pi.deleted = 0 AND p.deleted = 0 AND pi.status = 'submitted' "
                    "AND pi.legal_due_on IS NOT NULL AND pi.legal_due_on <= ? "
                    "AND p.status NOT IN ('completed', 'abandoned')",  # a closed dossier's terms: no alarm
                TODAY_FIXED.isoformat(), "2026-12-09")
    groups: dict[str, list[int]] = {}
    for authority, late, _ in rows:
        groups.setdefault(str(authority), [0, 0])[0 if late else 1] += 1
    heads = re.findall(r"([^·]+?) · (\d+) termin[ei] superat[io], (\d+) in scadenza", section)
    found = {name.strip().split("  ")[-1]: (int(a), int(b)) for name, a, b in heads}
    assert len(heads) == len(groups)
    for authority, (late, soon) in groups.items():
        assert any(k.endswith(authority) and v == (late, soon) for k, v in found.items()), authority
    passed_in_order = [int(a) for _, a, _ in heads]
    assert passed_in_order == sorted(passed_in_order, reverse=True), "the authority with most terms passed first"
    tutors = dict(_sql(ws, "SELECT p.code, t.name FROM projects p JOIN assignments a ON a.project_id = p.id "
                           "AND a.deleted = 0 AND a.role = 'project_tutor' JOIN tutors t ON t.id = a.tutor_id"))
    for _, _, code in rows:
        first, _, last = str(tutors[code]).partition(" ")
        assert re.search(rf"{re.escape(str(code))} .{{0,160}}?{first[0]}\. {re.escape(last)}", section), code


def test_upcoming_meetings_are_an_appendix_after_the_definitions(region: tuple[Workspace, Pdf]) -> None:
    _, pdf = region
    pages = [squash(p) for p in pdf.pages]
    start = next(n for n, p in enumerate(pages) if p.find("Appendice A. Prossimi tavoli di lavoro Incontri") >= 0)
    definitions = next(n for n, p in enumerate(pages) if "8. Definizioni e fonti Progetto" in p)
    assert definitions < start
    assert pages[start].index("Appendice A.") < 200, "the appendix starts its own page"
    assert all("Incontri in programma dal" not in p for p in pages[:start])
    assert all(not re.search(r"\d\. (Sintesi|Indicatori|Elenco|Termini)", p) for p in pages[start + 1:])


def test_a_short_appendix_still_starts_its_own_page(region_ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "short.pdf"
    export_portfolio(region_ws, out, options=PortfolioOptions(upcoming_days=4,
                                                              sections=frozenset({"definitions", "upcoming"})))
    pdf = read_pdf(out)
    [page] = [squash(p) for p in pdf.pages if "Appendice A. Prossimi tavoli di lavoro Incontri" in squash(p)]
    assert "Definizioni" not in page and page.count(" Tavolo ") <= 12, "a few meetings, on a page of their own"


def test_every_chart_and_table_of_figures_says_its_source(region: tuple[Workspace, Pdf]) -> None:
    _, pdf = region
    source = "Fonte: Invest in Lombardy, banca dati Tutor (Dati mai sincronizzati con la banca dati regionale); " \
             "40 progetti della selezione «Tutti i progetti della banca dati locale»."
    text = squash(pdf.text)
    for start, end, times in ((SUMMARY, KPIS, 1), (KPIS, TOP, 1), (TOP, TERRITORY, 1), (TERRITORY, BREAKDOWN, 2),
                              (BREAKDOWN, PERMITS, 1), (DEFINITIONS, APPENDIX, 1)):
        assert between(text, start, end).count(source) == times, start
    # under the charts: on the page of each chart, after it
    for chart in ("Progetti per fase", "Progetti per stato", "Le province della Lombardia"):
        page = squash(next(p for p in pdf.pages if chart in p and "Indice" not in p))
        assert page.find("Fonte: ", page.index(chart)) > 0, chart
    assert "Nuovo lead Un dossier aperto nel periodo" in between(text, DEFINITIONS, APPENDIX)


def test_italian_numbers_agree_with_their_nouns(portfolio_it: Pdf, dossier_it: Pdf) -> None:
    for pdf in (portfolio_it, dossier_it):
        wrong = re.findall(r"(?<![\d.,])1 (progetti|titoli|azioni|incontri|termini|addetti|giorni|nuovi|note|"
                           r"autorità [a-z]|lead arrivati|sono|hanno)\b", squash(pdf.text))
        assert not wrong, wrong


def _english_fragments() -> set[str]:
    """Every phrase of the reports' English words that Italian words do not share (placeholders cut out)."""
    from tutor_app.reports.i18n import _WORDS

    allowed = {"Tavolo permitting", "aftercare", "lead"}
    out: set[str] = set()
    for it, en in _WORDS.values():
        for piece in re.split(r"\{[a-z_]+\}|\n", en):
            fragment = piece.strip(" .,:;()“”")
            if len(fragment) >= 10 and " " in fragment and fragment not in it and fragment not in allowed:
                out.add(fragment)
    return out


def test_no_english_in_the_italian_reports(portfolio_it: Pdf, dossier_it: Pdf, tmp_path: Path) -> None:
    fragments = _english_fragments()
    assert len(fragments) > 100
    for pdf in (portfolio_it, dossier_it):
        text = squash(pdf.text)
        leaked = sorted(f for f in fragments if f in text)
        assert not leaked, leaked


# Words the same in both languages: codes, names and the region's own terms, nothing else.
SAME_IN_BOTH = {"email", "tutor", "province", "period_head", "authority_counts", "issue_list", "checklist_h",
                "unprintable_where_dossier"}


def test_every_report_word_has_its_italian() -> None:
    from tutor_app.reports.i18n import _WORDS

    assert {k for k, (it, en) in _WORDS.items() if it == en} == SAME_IN_BOTH


def _italian_fragments() -> set[str]:
    from tutor_app.reports.i18n import _WORDS

    out: set[str] = set()
    for it, en in _WORDS.values():
        for piece in re.split(r"\{[a-z_]+\}|\n", it):
            fragment = piece.strip(" .,:;()«»")
            if len(fragment) >= 12 and " " in fragment and fragment not in en:
                out.add(fragment)
    return out


def _typed(ws: Workspace) -> str:
    """Everything people typed in a profile (agendas, minutes, descriptions...), which stays as typed."""
    parts = [str(v) for table, columns in (
        ("meetings", "agenda, minutes, decisions, place, participants, organisations"),
        ("projects", "title, description"), ("action_items", "text, owner"), ("aftercare_notes", "text"),
        ("permit_items", "name, authority, notes"), ("contacts", "name, role"))
        for row in sql_rows(ws.store.path, f"SELECT {columns} FROM {table}") for v in row if v]
    return squash(" ".join(parts))


def test_no_italian_report_words_in_the_english_reports(
        region_ws: Workspace, portfolio_en: Pdf, big_ws: tuple[Workspace, str], dossier_en: Pdf,
        table_ws: tuple[Workspace, str], table_en: Pdf) -> None:
    """The data stays as typed (Italian places and minutes); the report's own words are all English."""
    fragments = _italian_fragments()
    assert len(fragments) > 100
    for ws, pdf in ((region_ws, portfolio_en), (big_ws[0], dossier_en), (table_ws[0], table_en)):
        text, typed = squash(pdf.text), _typed(ws)
        leaked = sorted(f for f in fragments if f in text and f not in typed)
        assert not leaked, (pdf.path.name, leaked)
