"""A one-line field keeps what was typed into it when the app is killed before the field is left:
the real window in its own process, keys typed into "Luogo" of a new meeting, "Ente competente"
of a permit or the dossier's title, a pause, then SIGKILL (a battery that dies, a frozen laptop
switched off). The text is in the profile at the next start, with its outbox entry."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.python import PYTHON
from tutor_app.services import dossiers, meetings
from tutor_app.services.workspace import Workspace

TYPIST = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from datetime import date
    from pathlib import Path
    import tutor_app.ui  # noqa: F401
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from tutor_app.services.workspace import Workspace
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.settings import Settings

    db, project, where, typed = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    app = make_application()
    settings = Settings(Path(db).with_name("desktop.ini"))
    settings.language_choice = "it"
    ws = Workspace.open(db=db, today=lambda: date(2026, 11, 25))
    tutor = TutorApp(settings)  # kept: its task manager brings the list back
    window = tutor.open_workspace(ws)
    while not window.list_page.is_loaded:
        QApplication.processEvents()
    page = window.dossier_page
    if where == "place":
        window.open_dossier(project, "timeline")
        page.new_meeting()
        line = page.timeline.editor.binder.fields["place"].editor
    elif where == "authority":
        window.open_dossier(project, "permits")
        line = page.permits.binder.fields["authority"].editor
    else:
        window.open_dossier(project, "overview")
        line = page.overview.project.fields["title"].editor
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, typed)
    print("typed", flush=True)
    app.exec()  # the tutor pauses, the field still being edited, until the process is killed
""")


def _stored(db: Path, where: str, project: str) -> tuple[str | None, list[str]]:
    """The field's value in the profile and the values its outbox entries carry."""
    table, column = {"place": ("meetings", "place"), "authority": ("permit_items", "authority"),
                     "title": ("projects", "title")}[where]
    with Workspace.open(db=db) as ws, ws.store.read() as conn:
        key = "id" if table == "projects" else "project_id"
        values = [r[0] for r in conn.execute(text(
            f"SELECT {column} FROM {table} WHERE {key} = :p AND deleted = 0 ORDER BY created_at"), {"p": project})]
        queued = [json.loads(r[0]).get(column) for r in conn.execute(text(
            "SELECT fields FROM outbox WHERE table_name = :t"), {"t": table})]
    value = next((v for v in values if v and "Agrate" in v), None)
    return value, [q for q in queued if q]


@pytest.mark.parametrize("where", ["place", "authority", "title"])
def test_a_line_typed_into_survives_a_sigkill_before_the_field_is_left(tmp_path: Path, where: str) -> None:
    db = tmp_path / "typist.sqlite3"
    with Workspace.open(db=db) as ws:
        ws.create_profile("Mario Rossi", "mario.rossi@example.it")
        investor = dossiers.create_investor(ws, name="Hartmann Sensors GmbH", country="DE")
        project = dossiers.create_project(ws, investor_id=investor, title="Stabilimento", kind="expansion",
                                          sector="electronics", function="production")
        if where == "place":
            meetings.record_meeting(ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    typed = {"place": "Municipio di Agrate Brianza, sala giunta", "authority": "Comune di Agrate Brianza",
             "title": "Ampliamento di Agrate"}[where]
    proc = subprocess.Popen([*PYTHON, "-c", TYPIST, str(db), project, where, typed], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 60)  # the window up and the keys typed
        assert ready and proc.stdout.readline().strip() == "typed"
        # The pause: the app saves by itself; wait for it to show in the file (at most a few seconds).
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and _stored(db, where, project)[0] != typed:
            time.sleep(0.1)
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # never closed, the field never left
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    value, queued = _stored(db, where, project)
    assert value == typed
    assert typed in queued  # and it goes up at the next sync
