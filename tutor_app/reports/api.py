"""Entry points of the report engine: read the data, compose, lay out, write the file atomically.

Callers (the CLI, the desktop export dialog, tests) give something with ``.store`` and
``.today()`` — a ``services.workspace.Workspace`` fits — plus an optional progress callback
and cancel flag. Nothing here touches Qt; the UI runs these functions on a worker thread.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from tutor_app.domain.errors import NotFoundError
from tutor_app.files import atomic_file, check_target
from tutor_app.reports import glyphs
from tutor_app.reports.dossier import DossierData, DossierOptions, build_dossier
from tutor_app.reports.glyphs import Unprintable
from tutor_app.reports.i18n import Words
from tutor_app.reports.layout import PageSetup, ReportDocument
from tutor_app.reports.portfolio import PortfolioFilter, PortfolioOptions, build_portfolio, load_portfolio
from tutor_app.reports.progress import CancelFn, ProgressFn, Tracker
from tutor_app.reports.theme import theme
from tutor_app.store import queries
from tutor_app.store.local import LocalStore
from tutor_app.store.report_queries import data_freshness, project_referents


class ReportSource(Protocol):
    """What the engine reads from: an open profile and the current day (a Workspace)."""

    @property
    def store(self) -> LocalStore: ...

    def today(self) -> date: ...


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    seconds: float
    unprintable: tuple[Unprintable, ...] = ()  # characters no font has (printed as U+FFFD), by field


PENDING_LISTED = 60  # the dossier lists the newest changes not yet synced, and counts the rest
_STAGES = {"read": 0.08, "compose": 0.07, "layout": 0.85}


def export_dossier(source: ReportSource, project_id: str, out: Path | str,
                   options: DossierOptions | None = None, progress: ProgressFn | None = None,
                   cancel: CancelFn | None = None) -> ReportResult:
    """Write the dossier of one project to ``out`` (NotFoundError for an unknown project id)."""
    started = time.perf_counter()
    options = options or DossierOptions()
    words = Words(options.lang)
    target = check_target(Path(out))  # fail before doing the work, not after
    tracker = Tracker(progress, cancel, _STAGES)
    tracker.stage("read")
    data = load_dossier_data(source, project_id)
    tracker.stage("compose")
    setup, story = build_dossier(data, options, words, theme())
    missing = glyphs.in_dossier(data.dossier, words)
    return _write(target, setup, story, tracker, started, missing)


def load_dossier_data(source: ReportSource, project_id: str) -> DossierData:
    today = source.today()
    with source.store.read() as conn:
        dossier = queries.load_dossier(conn, project_id, today)
        if dossier is None:
            raise NotFoundError(f"No project with id {project_id} in this profile.")
        fresh = data_freshness(conn, project_id, limit=PENDING_LISTED)
        referents = tuple(project_referents(conn, project_id))
    return DossierData(dossier, fresh, today, _now(), referents)


def export_portfolio(source: ReportSource, out: Path | str, filters: PortfolioFilter | None = None,
                     options: PortfolioOptions | None = None, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None) -> ReportResult:
    """Write the portfolio report of the projects matching ``filters`` (EmptyReportError if none)."""
    started = time.perf_counter()
    options = options or PortfolioOptions()
    words = Words(options.lang)
    target = check_target(Path(out))
    tracker = Tracker(progress, cancel, _STAGES)
    tracker.stage("read")
    data = load_portfolio(source.store, source.today(), _now(), filters or PortfolioFilter(), words,
                          options.upcoming_days)
    tracker.stage("compose")
    setup, story = build_portfolio(data, options, words, theme(), tracker)
    missing = (glyphs.in_rows(data.rows, ("title", "investor", "tutors", "municipality"), words)
               + glyphs.in_rows(data.terms, ("name", "authority"), words)
               + glyphs.in_rows(data.upcoming, ("place",), words))
    return _write(target, setup, story, tracker, started, missing)


def _write(target: Path, setup: PageSetup, story: list[Flowable], tracker: Tracker,
           started: float, missing: tuple[Unprintable, ...] = ()) -> ReportResult:
    tracker.stage("layout")
    with atomic_file(target) as temp:
        doc = ReportDocument(str(temp), setup, tracker)
        doc.build_story(story)
        tracker.check()  # a cancel during the last page still leaves no file
    tracker.finish()
    return ReportResult(target, doc.pages, time.perf_counter() - started, missing)


def render_to_bytes(setup: PageSetup, story: list[Flowable], tracker: Tracker | None = None) -> tuple[bytes, int]:
    """Lay out a story in memory (benchmarks; previews that need no file)."""
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, setup, tracker or Tracker())  # type: ignore[arg-type]
    doc.build_story(story)
    return buffer.getvalue(), doc.pages


def _now() -> datetime:
    return datetime.now(UTC)
