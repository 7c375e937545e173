"""Fixtures of the desktop client's tests: private settings, the app on a small demo region."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import tutor_app.ui  # noqa: F401  (applies the Qt binding work-arounds before any Qt call)

# The sync tests' PostgreSQL fixtures (a fresh shared database per test, users, client profiles)
# and their rule that a skipped PostgreSQL test fails under CI.
from tests.sync.conftest import (  # noqa: F401
    clients,
    pg_superuser,
    pytest_runtest_makereport,
    server,
)
from tutor_app.services.workspace import Workspace
from tutor_app.ui.app import TutorApp, make_application
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.settings import Settings

OpenApp = Callable[..., TutorApp]


@pytest.fixture
def ui_settings(tmp_path: Path) -> Settings:
    """Settings in a temp file, Italian (the default a tutor gets)."""
    settings = Settings(tmp_path / "desktop.ini")
    settings.language_choice = "it"
    return settings


def wait_loaded(qtbot: pytest.FixtureRequest, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.list_page.is_loaded and window.home.summary is not None,  # type: ignore[attr-defined]
        timeout=10_000,
    )


@pytest.fixture
def open_app(qtbot: pytest.FixtureRequest, ui_settings: Settings) -> Iterator[OpenApp]:
    """Open the app's main window on a workspace; waits until the list and home page are loaded.

    The workspace stays open after the app closes (its fixture closes it)."""
    make_application()
    apps: list[TutorApp] = []

    def opener(ws: Workspace, settings: Settings | None = None) -> TutorApp:
        app = TutorApp(settings or ui_settings)
        apps.append(app)
        window = app.open_workspace(ws)
        wait_loaded(qtbot, window)
        return app

    yield opener
    for app in apps:
        app.tasks.wait_idle()
        app.close(close_workspace=False)


@pytest.fixture
def speaking(qtbot: pytest.FixtureRequest) -> Iterator[Callable[[str], bool]]:
    """``speaking("en")``: a language's catalogue and numbers for widgets made outside the app
    (the app installs its own); the language before comes back after the test."""
    from PySide6.QtCore import QLocale

    from tutor_app.ui.i18n import Translations

    before = QLocale()
    translations = Translations()
    yield translations.install
    translations.uninstall()
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def no_leaked_workers() -> Iterator[None]:
    """A test that leaves a task thread running fails (napari's habit): work must end with its window."""
    import threading
    import time

    yield
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = [t.name for t in threading.enumerate() if t.name.startswith(("tutor-task", "tutor-preload"))]
        if not alive:
            return
        time.sleep(0.02)
    pytest.fail(f"worker threads still running after the test: {alive}")
