"""One meaning of "overdue" and "due soon" (``domain.deadlines``) on every surface that shows it:
the dossier list (and the desktop's fast start), the home page, the PDF dossier and portfolio,
and the command line, at the four days where the words change: a term that ended yesterday, ends
today, in 14 days and in 15 days."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BOUNDARIES, TODAY, UrgencyTerms
from tests.reports.pdfcheck import read_pdf, squash
from tutor_app.cli import main as cli_main
from tutor_app.cli import report_commands, store_commands
from tutor_app.domain.deadlines import Urgency, urgency_of
from tutor_app.reports import DossierOptions, PortfolioOptions, export_dossier, export_portfolio
from tutor_app.services import home
from tutor_app.services.workspace import Workspace
from tutor_app.store import queries
from tutor_app.store.dossier_list import read_start_list


def _expected(offset: int) -> Urgency:
    urgency = BOUNDARIES[offset]
    assert urgency_of(TODAY + timedelta(days=offset), TODAY) is urgency  # the definition itself
    return urgency


@pytest.mark.parametrize("offset", BOUNDARIES)
def test_the_dossier_list_counts_overdue_and_shows_the_next_term(
        urgency_terms: UrgencyTerms, offset: int) -> None:
    ws, made = urgency_terms
    code, project = made[offset]
    late = _expected(offset) is Urgency.OVERDUE
    with ws.store.read() as conn:
        [row] = queries.dossier_rows(conn, TODAY, [project])
    start = read_start_list(ws.store.path, TODAY)  # the desktop's fast start reads the same file
    assert start is not None
    try:
        [fast] = [r for r in start.rows if r.id == project]
    finally:
        start.close()
    for listed in (row, fast):
        assert (listed.overdue_permits, listed.next_due_on) == (
            (1, None) if late else (0, TODAY + timedelta(days=offset))), code


def test_home_lists_and_counts_overdue_and_due_soon_terms(urgency_terms: UrgencyTerms) -> None:
    ws, made = urgency_terms
    summary = home.home_summary(ws)
    expected = {o: _expected(o) for o in BOUNDARIES}
    listed = {item.code for item in summary.overdue_permits}
    assert listed == {made[o][0] for o, u in expected.items() if u in (Urgency.OVERDUE, Urgency.DUE_SOON)}
    assert summary.counts.overdue_permits == sum(u is Urgency.OVERDUE for u in expected.values())
    assert summary.counts.due_soon_permits == sum(u is Urgency.DUE_SOON for u in expected.values())


# The authority's term, not the permit, has passed or is ending (issue 15's wording).
_MARKS = {Urgency.OVERDUE: "Termine superato da", Urgency.DUE_SOON: "Termine tra", Urgency.OK: None}


@pytest.mark.parametrize("offset", BOUNDARIES)
def test_the_pdf_dossier_marks_the_term(urgency_terms: UrgencyTerms, offset: int,
                                        tmp_path: Path) -> None:
    ws, made = urgency_terms
    urgency = _expected(offset)
    out = tmp_path / "dossier.pdf"
    export_dossier(ws, made[offset][1], out, DossierOptions(sections=frozenset({"permits"})))
    text = squash(read_pdf(out).text)
    late, soon = int(urgency is Urgency.OVERDUE), int(urgency is Urgency.DUE_SOON)
    assert f"{late} con il termine superato, {soon} con il termine in scadenza entro 14 giorni" in text
    for mark in ("Termine superato da", "Termine tra"):
        assert (mark in text) is (mark == _MARKS[urgency]), (mark, text)


def test_the_pdf_portfolio_lists_overdue_and_due_soon_terms(
        urgency_terms: UrgencyTerms, tmp_path: Path) -> None:
    ws, made = urgency_terms
    out = tmp_path / "portfolio.pdf"
    export_portfolio(ws, out, options=PortfolioOptions(sections=frozenset({"kpis", "permits"})))
    text = squash(read_pdf(out).text)
    section = text[text.index("Termini di legge scaduti o in scadenza"):]
    for offset, (code, _project) in made.items():
        mark = _MARKS[_expected(offset)]
        if mark is None:
            assert code not in section, code
        else:
            assert re.search(rf"{mark} \d+ (g|gg|giorn[oi]) {re.escape(code)}", section), (code, section)


def _cli(args: list[str], ws: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command on the module's profile, with "today" pinned as the desktop's is in tests."""
    def pinned(parsed: Any) -> Workspace:
        return Workspace.open(db=parsed.db, today=lambda: TODAY)

    for module in (store_commands, report_commands):
        monkeypatch.setattr(module, "open_workspace", pinned)
    assert cli_main.main([*args, "--db", str(ws.store.path)]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("offset", BOUNDARIES)
def test_the_command_line_says_how_each_term_stands(
        urgency_terms: UrgencyTerms, offset: int,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ws, made = urgency_terms
    code, _project = made[offset]
    urgency = _expected(offset)
    shown = _cli(["show", code], ws, monkeypatch, capsys)
    words = {Urgency.OVERDUE: "scaduto", Urgency.DUE_SOON: "in scadenza", Urgency.OK: "nei termini"}
    due = (TODAY + timedelta(days=offset)).strftime("%d/%m/%Y")
    assert f"Autorizzazione {offset:+d}  scadenza {due} [{words[urgency]}]" in shown
    [line] = [line for line in _cli(["list"], ws, monkeypatch, capsys).splitlines() if line.startswith(code)]
    assert line.endswith("1 scaduto" if urgency is Urgency.OVERDUE else due), line

