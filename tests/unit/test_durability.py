"""An edit that returned survives the process being killed: the row and its outbox entry."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.python import PYTHON
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace

WRITER = textwrap.dedent("""
    import json, sys
    from tutor_app.services import aftercare, dossiers
    from tutor_app.services.workspace import Workspace

    ws = Workspace.open(db=sys.argv[1])
    with ws.store.read() as conn:
        pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("journal_mode", "synchronous", "foreign_keys")}
    print(json.dumps(pragmas), flush=True)
    investor = dossiers.create_investor(ws, name="Hartmann Sensors GmbH", country="DE")
    project = dossiers.create_project(ws, investor_id=investor, title="start", kind="expansion",
                                      sector="electronics", function="production")
    print(project, flush=True)
    i = 0
    while True:
        i += 1
        aftercare.add_note(ws, project, topic="other", text=f"nota {i}")
        dossiers.update_project(ws, project, title=f"titolo {i}")
        print(i, flush=True)  # both edits returned
""")


@pytest.mark.parametrize("kill_after", [25, 120])
def test_edits_that_returned_survive_sigkill(tmp_path: Path, kill_after: int) -> None:
    db = tmp_path / "kill.sqlite3"
    proc = subprocess.Popen([*PYTHON, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    pragmas = json.loads(proc.stdout.readline())
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}
    project = proc.stdout.readline().strip()
    acknowledged = 0
    deadline = time.monotonic() + 60
    while acknowledged < kill_after and time.monotonic() < deadline:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)  # in the middle of the next edits
    proc.wait()
    assert acknowledged == kill_after

    with Workspace.open(db=db) as ws:
        with ws.store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            notes = {r[0] for r in conn.execute(text(
                "SELECT text FROM aftercare_notes WHERE project_id = :p"), {"p": project})}
            queued = {json.loads(r[0])["text"] for r in conn.execute(text(
                "SELECT fields FROM outbox WHERE table_name = 'aftercare_notes'"))}
            title_entry = json.loads(conn.execute(text(
                "SELECT fields FROM outbox WHERE row_id = :p"), {"p": project}).scalar_one())
        for i in range(1, acknowledged + 1):
            assert f"nota {i}" in notes and f"nota {i}" in queued
        title = dossiers.get_dossier(ws, project).project["title"]
        assert int(title.split()[1]) >= acknowledged
        assert title_entry["title"] == title  # the combined outbox entry holds the newest value
