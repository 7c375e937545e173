"""A closed dossier (``ProjectStatus.is_closed``: completed or abandoned) raises no alarm: its filed
permits are neither overdue nor due soon in the dossier list (and the desktop's fast start), on
the home page, on the dashboard or in the portfolio's list of terms. A dossier on hold still does:
the administrations' terms run whatever the investor does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tutor_app.domain.enums import CLOSED_PROJECT_STATUSES, ProjectStatus
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import dossiers, home, permits, region
from tutor_app.services.workspace import Workspace
from tutor_app.store import queries
from tutor_app.store.dossier_list import read_start_list
from tutor_app.store.report_queries import permit_terms

LIMIT_DAYS = 30
LATE, SOON = TODAY - timedelta(days=3), TODAY + timedelta(days=5)


@pytest.fixture(scope="module")
def one_per_status(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, str]]]:
    """A dossier of each status, each with a term that ended three days ago and one ending in five;
    the id of each, by status."""
    ws = Workspace.open(db=tmp_path_factory.mktemp("closed") / "closed.sqlite3", today=lambda: TODAY)
    ws.create_profile("Mario Rossi", "mario.rossi@example.it")
    made = {}
    for status in ProjectStatus:
        investor = dossiers.create_investor(ws, name=f"Investitore {status.value}", country="DE",
                                            sector="manufacturing")
        project = dossiers.create_project(ws, investor_id=investor, title=f"Progetto {status.value}",
                                          kind="expansion", sector="ict", function="data_centre", province="MB")
        for due in (LATE, SOON):  # neither day is a holiday: each term ends there
            permits.add_permit(ws, project, CUSTOM_CODE, name=f"Autorizzazione {due}", authority="Comune di Agrate",
                               status="submitted", submitted_on=(due - timedelta(days=LIMIT_DAYS)).isoformat(),
                               time_limit_days=LIMIT_DAYS)
        dossiers.update_project(ws, project, status=status.value)
        made[status.value] = project
    yield ws, made
    ws.close()


def test_only_completed_and_abandoned_are_closed() -> None:
    assert {s for s in ProjectStatus if s.is_closed} == {ProjectStatus.COMPLETED, ProjectStatus.ABANDONED}
    assert {"completed", "abandoned"} == CLOSED_PROJECT_STATUSES


def test_the_dossier_list_flags_the_terms_of_open_dossiers_only(
        one_per_status: tuple[Workspace, dict[str, str]]) -> None:
    ws, made = one_per_status
    with ws.store.read() as conn:
        rows = {r.id: r for r in queries.dossier_rows(conn, TODAY)}
    start = read_start_list(ws.store.path, TODAY)  # the desktop's fast start reads the same file
    assert start is not None
    try:
        fast = {r.id: r for r in start.rows}
    finally:
        start.close()
    for status, project in made.items():
        expected = (0, None) if ProjectStatus(status).is_closed else (1, SOON)
        for listed in (rows[project], fast[project]):
            assert (listed.overdue_permits, listed.next_due_on) == expected, status


def test_home_and_dashboard_count_no_term_of_a_closed_dossier(one_per_status: tuple[Workspace, dict[str, str]]) -> None:
    ws, made = one_per_status
    open_ids = {pid for status, pid in made.items() if not ProjectStatus(status).is_closed}
    summary = home.home_summary(ws)
    for figure in ("overdue", "soon"):
        assert {item.project_id for item in summary.lists[figure]} == open_ids, figure
        assert summary.figures[figure] == len(open_ids), figure
    assert summary.counts.overdue_permits == summary.counts.due_soon_permits == len(open_ids)

    figures = region.region_figures(ws, "it")
    [authority] = figures.authorities
    assert authority.overdue_ids == authority.due_soon_ids == open_ids
    assert authority.overdue == authority.due_soon == len(open_ids)
    assert len(figures.total.ids) == len(made)  # a closed dossier still counts as a dossier

    with ws.store.read() as conn:
        terms = permit_terms(conn, TODAY, SOON)
    assert {t.project_id for t in terms} == open_ids and len(terms) == 2 * len(open_ids)
