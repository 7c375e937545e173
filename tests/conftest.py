"""Fixtures shared by every test: a private data home, fresh workspaces, a small demo region."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tutor_app.services import demo
from tutor_app.services.workspace import Workspace

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
