"""The fast start: the dossier list read with plain sqlite3 and shown before the workspace opens.

It must show what the services would show, step aside for any file that needs more than reading
(new, older schema, no profile yet, damaged), and let nothing read or edit before the workspace
is open.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY
from tests.python import PYTHON
from tutor_app.domain.errors import StorageError, StoreInUseError
from tutor_app.services import dossiers, home
from tutor_app.services.workspace import Workspace
from tutor_app.store.dossier_list import dossier_rows, read_start_list
from tutor_app.store.schema_version import LOCAL_SCHEMA_HEAD
from tutor_app.ui.app import TutorApp, make_application
from tutor_app.ui.settings import Settings
from tutor_app.ui.startup import Preload, WorkspaceOpening, read_fast_list

GOLDEN = Path(__file__).parent.parent / "golden" / "local-0001.sqlite3"


def test_the_fast_start_lists_exactly_what_the_services_list(demo_workspace: Workspace) -> None:
    first = dossiers.list_dossiers(demo_workspace)[0]
    dossiers.update_project(demo_workspace, first.id, title="Città della Scienza")  # pending, accented
    start = read_start_list(demo_workspace.store.path, TODAY)
    assert start is not None
    try:
        assert start.rows == dossiers.list_dossiers(demo_workspace)
        assert start.tutors == home.tutor_names(demo_workspace)
        assert start.me == home.my_name(demo_workspace) and start.me
        assert any(r.pending_changes for r in start.rows) and any(r.overdue_permits for r in start.rows)
        assert any(r.next_due_on for r in start.rows)
        assert not start.changed_since_read()
    finally:
        start.close()
    plain = sqlite3.connect(demo_workspace.store.path)  # the same query through any DB-API connection
    try:
        assert dossier_rows(plain, TODAY) == dossiers.list_dossiers(demo_workspace)
        assert dossier_rows(plain, TODAY, [first.id]) == [r for r in start.rows if r.id == first.id]
        assert dossier_rows(plain, TODAY, []) == []
    finally:
        plain.close()


def test_the_fast_start_tells_when_the_file_changed_after_its_read(demo_workspace: Workspace) -> None:
    start = read_start_list(demo_workspace.store.path, TODAY)
    assert start is not None
    try:
        first = start.rows[0]
        dossiers.update_project(demo_workspace, first.id, title="Cambiato da un altro programma")
        assert start.changed_since_read()
    finally:
        start.close()
    assert start.changed_since_read()  # closed: it can no longer tell, so it says "changed"


def test_a_new_file_takes_the_normal_path_and_gets_the_welcome(tmp_path: Path) -> None:
    path = tmp_path / "profiles" / "new" / "tutor.sqlite3"
    assert read_start_list(path, TODAY) is None
    preload = Preload(None, path, today=lambda: TODAY)
    assert preload.fast_snapshot() is None
    ws = preload.opened_workspace()
    try:
        assert not ws.has_profile and preload.take_snapshot() is None
    finally:
        ws.close()


def test_a_profile_not_yet_created_takes_the_normal_path(workspace: Workspace) -> None:
    assert read_start_list(workspace.store.path, TODAY) is None


def test_an_older_schema_is_upgraded_with_a_backup_before_it_is_listed(tmp_path: Path) -> None:
    copy = tmp_path / "tutor.sqlite3"
    shutil.copyfile(GOLDEN, copy)
    assert read_start_list(copy, TODAY) is None
    preload = Preload(None, copy, today=lambda: TODAY)
    assert preload.fast_snapshot() is None
    ws = preload.opened_workspace()
    try:
        assert ws.store.backup_path is not None  # the normal path upgraded it, after a copy
        snapshot = preload.take_snapshot()
        assert snapshot is not None and len(snapshot.index) == 6
    finally:
        ws.close()
    assert read_start_list(copy, TODAY) is not None  # now at head: the next start is fast


@pytest.mark.parametrize("revision", ["0001", "9999"])
def test_a_file_at_another_revision_is_not_read_fast(demo_workspace: Workspace, revision: str) -> None:
    assert read_start_list(demo_workspace.store.path, TODAY) is not None
    conn = sqlite3.connect(demo_workspace.store.path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()
    assert revision != LOCAL_SCHEMA_HEAD
    assert read_start_list(demo_workspace.store.path, TODAY) is None


def test_a_damaged_file_is_left_to_the_normal_path_which_says_why(tmp_path: Path) -> None:
    path = tmp_path / "tutor.sqlite3"
    path.write_bytes(b"this is not a database, only some bytes" * 200)
    assert read_start_list(path, TODAY) is None
    preload = Preload(None, path)
    assert preload.fast_snapshot() is None
    with pytest.raises(StorageError):
        preload.opened_workspace()


def test_the_list_is_up_before_the_workspace_and_nothing_reads_or_edits_without_it(
    qtbot: Any, ui_settings: Settings, demo_workspace: Workspace
) -> None:
    make_application()
    snapshot = read_fast_list(demo_workspace.store.path, TODAY)
    assert snapshot is not None
    release = threading.Event()

    def slow_open() -> Workspace:  # opening takes as long as the test says
        assert release.wait(10)
        return demo_workspace

    app = TutorApp(ui_settings)
    window = app.open_fast(WorkspaceOpening(slow_open), snapshot, today=lambda: TODAY)
    page = window.list_page
    # The rows are in the view before the event loop even ran.
    assert page.is_loaded and page.model.rowCount() == 40 and "40 dossier" in page.count_label.text()
    assert [page.model.row_at(n).id for n in range(3)] == [r.id for r in dossiers.list_dossiers(demo_workspace)[:3]]
    assert not window.ctx.is_ready
    assert not window.new_meeting_action.isEnabled() and not window.new_note_action.isEnabled()
    qtbot.waitUntil(lambda: app._opening_started, timeout=5_000)  # once the window painted
    qtbot.wait(50)
    assert window.home.summary is None and window.status.pending is None  # nothing read without it
    qtbot.keyClicks(page.search, "zzzz")  # typing filters the list already; full text waits
    assert page.model.rowCount() == 0
    page.search.clear()

    # Opening a dossier at once waits for the workspace, then shows it.
    target = page.model.row_at(0)
    timer = threading.Timer(0.2, release.set)
    timer.start()
    window.open_dossier(target.id)
    timer.join()
    dossier = window.dossier_page.dossier
    assert dossier is not None and dossier.id == target.id
    assert window.new_meeting_action.isEnabled()
    qtbot.waitUntil(lambda: window.home.summary is not None and window.status.pending is not None, timeout=10_000)
    assert window.ctx.is_ready and app.ws is demo_workspace
    app.tasks.wait_idle()
    app.close(close_workspace=False)


def test_opening_the_workspace_of_an_unchanged_file_does_not_read_the_list_again(
    qtbot: Any, ui_settings: Settings, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutor_app.ui.dossier_list_page import DossierListPage

    make_application()
    snapshot = read_fast_list(demo_workspace.store.path, TODAY)
    assert snapshot is not None and snapshot.start_list is not None
    path = demo_workspace.store.path

    def real_open() -> Workspace:  # a second store on the file, as the app opens it
        return Workspace.open(db=path, today=lambda: TODAY)

    reloads: list[object] = []
    original_load = DossierListPage.load

    def counting_load(page: DossierListPage, preload: Any = None) -> None:
        reloads.append(preload)
        original_load(page, preload)

    monkeypatch.setattr(DossierListPage, "load", counting_load)
    app = TutorApp(ui_settings)
    window = app.open_fast(WorkspaceOpening(real_open), snapshot, today=lambda: TODAY)
    qtbot.waitUntil(lambda: window.ctx.is_ready and window.home.summary is not None, timeout=10_000)
    app.tasks.wait_idle()
    assert reloads == [snapshot]  # only the first, with what the fast start read
    app.close()  # closes the workspace it opened


def test_a_list_changed_while_the_workspace_opened_is_read_again(
    qtbot: Any, ui_settings: Settings, demo_workspace: Workspace
) -> None:
    make_application()
    snapshot = read_fast_list(demo_workspace.store.path, TODAY)
    assert snapshot is not None
    first = snapshot.index.rows[0]
    dossiers.update_project(demo_workspace, first.id, title="Cambiato durante l'apertura")
    app = TutorApp(ui_settings)
    window = app.open_fast(WorkspaceOpening(lambda: demo_workspace), snapshot, today=lambda: TODAY)
    model = window.list_page.model

    def shown_title() -> str:
        position = model.position_of(first.id)
        return model.row_at(position).title if position is not None else ""

    qtbot.waitUntil(lambda: shown_title() == "Cambiato durante l'apertura", timeout=10_000)
    app.tasks.wait_idle()
    app.close(close_workspace=False)


def test_a_workspace_that_cannot_open_is_explained_and_the_app_exits(
    qtbot: Any, ui_settings: Settings, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    make_application()
    snapshot = read_fast_list(demo_workspace.store.path, TODAY)
    assert snapshot is not None
    said: list[str] = []
    exits: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _parent, _title, text: said.append(text)))
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))

    def failing_open() -> Workspace:
        raise StoreInUseError("/x")

    app = TutorApp(ui_settings)
    app.open_fast(WorkspaceOpening(failing_open), snapshot, today=lambda: TODAY)
    qtbot.waitUntil(lambda: bool(exits), timeout=5_000)
    assert exits == [2] and len(said) == 1
    app.tasks.wait_idle()
    app.close(close_workspace=False)


def test_the_path_to_the_first_paint_loads_neither_sqlalchemy_nor_the_services(demo_workspace: Workspace) -> None:
    script = f"""
import os, sys
from datetime import date
from pathlib import Path
from tutor_app.ui.app import TutorApp, make_application
from tutor_app.ui.settings import Settings
from tutor_app.ui.startup import WorkspaceOpening, read_fast_list

app = make_application()
snapshot = read_fast_list(Path({str(demo_workspace.store.path)!r}), date(2026, 11, 25))
tutor = TutorApp(Settings(Path(os.environ["TUTOR_HOME"]) / "desktop.ini"))
window = tutor.open_fast(WorkspaceOpening(lambda: None), snapshot)
window.show_list()
window.list_page.table.viewport().repaint()
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic", "reportlab")
               or m.startswith(("tutor_app.services", "tutor_app.store.models", "tutor_app.store.queries")))
print("ROWS", window.list_page.model.rowCount(), "HEAVY", heavy, flush=True)
os._exit(0)
"""
    out = subprocess.run([*PYTHON, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert "ROWS 40 HEAVY []" in out.stdout, out.stdout + out.stderr


def test_the_list_colours_name_real_urgencies() -> None:
    from tutor_app.domain.deadlines import Urgency
    from tutor_app.ui import theme

    values = {u.value for u in Urgency}
    assert set(theme.URGENCY_TEXT) <= values and set(theme.URGENCY_BACKGROUNDS) <= values
    assert theme.URGENCY_TEXT[Urgency.OVERDUE] == theme.URGENCY_TEXT["overdue"]


def test_closing_while_the_workspace_opens_closes_it_too(
    qtbot: Any, ui_settings: Settings, demo_workspace: Workspace
) -> None:
    make_application()
    snapshot = read_fast_list(demo_workspace.store.path, TODAY)
    assert snapshot is not None
    closed: list[Workspace] = []

    def real_open() -> Workspace:
        ws = Workspace.open(db=demo_workspace.store.path, today=lambda: TODAY)
        original_close = ws.close

        def close() -> None:
            closed.append(ws)
            original_close()

        ws.close = close  # type: ignore[method-assign]
        return ws

    app = TutorApp(ui_settings)
    app.open_fast(WorkspaceOpening(real_open), snapshot, today=lambda: TODAY)
    app._start_opening()  # as right after the first paint
    app.close()  # before the opened workspace was delivered to the window
    assert len(closed) == 1 and app.ws is None


def test_switching_language_right_after_a_fast_start_waits_for_the_workspace(
    qtbot: Any, ui_settings: Settings, demo_workspace: Workspace
) -> None:
    make_application()
    snapshot = read_fast_list(demo_workspace.store.path, TODAY)
    assert snapshot is not None
    app = TutorApp(ui_settings)
    app.open_fast(WorkspaceOpening(lambda: demo_workspace), snapshot, today=lambda: TODAY)
    app.set_language("en")  # before the opening even started
    window = app.window
    assert window is not None and window.ctx.is_ready and app.ws is demo_workspace
    qtbot.waitUntil(lambda: window.list_page.is_loaded and window.home.summary is not None, timeout=10_000)
    assert window.list_page.model.rowCount() == 40 and "Dossiers" in window.nav_list.text()
    app.tasks.wait_idle()
    app.close(close_workspace=False)
    app.translations.uninstall()
