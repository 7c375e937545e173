"""Fixtures shared by every test: a private data home, fresh workspaces, a small demo region."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent / "reports"))  # pdfa_checks, beside the report tests

# A packager testing an installed Tutor (a wheel, a distribution package) rather than the checkout
# sets TUTOR_TEST_INSTALLED=1 and runs the `pytest` script of that environment (packaging/README.md):
# `python -m pytest` from the checkout would put the checkout's tutor_app/ first on sys.path.
if os.environ.get("TUTOR_TEST_INSTALLED"):
    import tutor_app as _tested

    _checkout = Path(__file__).resolve().parents[1]
    if Path(_tested.__file__).resolve().is_relative_to(_checkout):
        raise pytest.UsageError(f"TUTOR_TEST_INSTALLED is set but tutor_app comes from the checkout "
                                f"({_tested.__file__}): run the installed environment's `pytest` script, "
                                f"not `python -m pytest`")

from tutor_app.domain.deadlines import Urgency
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import demo, dossiers, permits
from tutor_app.services.workspace import Workspace

# Every report the suite writes, read back right after it is written (the UI removes its own):
# checked against PDF/A-2u at the end of the test that made it, or that first used the fixture.
_MADE_PDFS: list[tuple[str, bytes]] = []


@pytest.fixture(scope="session", autouse=True)
def _collect_report_pdfs() -> Iterator[None]:
    from tutor_app.reports import api

    write = api._write

    def writing(*args: object, **kwargs: object) -> api.ReportResult:
        result = write(*args, **kwargs)  # type: ignore[arg-type]
        _MADE_PDFS.append((str(result.path), result.path.read_bytes()))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "_write", writing)
        yield


@pytest.fixture(autouse=True)
def _every_report_is_pdfa(_collect_report_pdfs: None) -> Iterator[None]:
    """ISO 19005-2 (PDF/A-2u) on every PDF made (tests/reports/pdfa_checks.py names the clauses)."""
    yield
    made = _MADE_PDFS[:]
    _MADE_PDFS.clear()
    if made:
        from pdfa_checks import check

        failures = [f"{path}: {failure}" for path, data in made for failure in check(data)]
        assert not failures, "\n".join(failures)


# Tests pin "today" so deadlines, overdue marks and demo data are the same on every run.
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def tutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the real user profile."""
    home = tmp_path / "tutor-home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    # Nor the machine's own settings (a real /etc/tutor/tutor.conf): tests that need one write it.
    monkeypatch.setenv("TUTOR_MACHINE_CONFIG", str(tmp_path / "machine" / "tutor.conf"))
    return home


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(db=tmp_path / "ws.sqlite3", today=lambda: TODAY)
    yield ws
    ws.close()


@pytest.fixture
def tutor_workspace(workspace: Workspace) -> Workspace:
    """A workspace whose profile belongs to a project tutor (Mario Rossi)."""
    workspace.create_profile("Mario Rossi", "mario.rossi@example.it")
    return workspace


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A small demo region (40 projects), the same on every run."""
    ws = Workspace.open(db=tmp_path / "demo.sqlite3", today=lambda: TODAY)
    demo.generate(ws, projects=40, seed=11, meetings_per_project=8)
    yield ws
    ws.close()


# Days from today to the end of a legal term, and what every surface must call such a term.
BOUNDARIES = {-1: Urgency.OVERDUE, 0: Urgency.DUE_SOON, 14: Urgency.DUE_SOON, 15: Urgency.OK}
LIMIT_DAYS = 30
UrgencyTerms = tuple[Workspace, dict[int, tuple[str, str]]]


@pytest.fixture(scope="module")
def urgency_terms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UrgencyTerms]:
    """A profile with one dossier per day of ``BOUNDARIES``, each with one filed permit whose
    legal term ends that day; with the code and id of each dossier, by its offset."""
    path = tmp_path_factory.mktemp("urgency") / "urgency.sqlite3"
    ws = Workspace.open(db=path, today=lambda: TODAY)
    ws.create_profile("Mario Rossi", "mario.rossi@example.it")
    made: dict[int, tuple[str, str]] = {}
    for offset in BOUNDARIES:
        investor = dossiers.create_investor(ws, name=f"Investitore {offset:+d}", country="DE", sector="manufacturing")
        project = dossiers.create_project(ws, investor_id=investor, title=f"Termine {offset:+d}", kind="expansion",
                                          sector="ict", function="data_centre", province="MB")
        due = TODAY + timedelta(days=offset)
        permits.add_permit(ws, project, CUSTOM_CODE, name=f"Autorizzazione {offset:+d}", authority="Comune",
                           status="submitted", submitted_on=(due - timedelta(days=LIMIT_DAYS)).isoformat(),
                           time_limit_days=LIMIT_DAYS)
        dossier = dossiers.get_dossier(ws, project)
        [running] = [p for p in dossier.permits if p.clock.due_on is not None]
        assert running.clock.due_on == due  # none of the four days is a holiday: the term ends there
        made[offset] = (str(dossier.project["code"]), project)
    yield ws, made
    ws.close()
