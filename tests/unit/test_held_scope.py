"""A profile's kept scope hash (local schema 0004): one row that triggers keep equal to the XOR of
the hashes of the dossiers held, whatever order hashes and dossiers come and go in (DESIGN §5.9;
an idle sync reads that row alone, store.hashes.held_scope)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from tutor_app.domain import schema
from tutor_app.services import dossiers, meetings
from tutor_app.services.workspace import Workspace
from tutor_app.store import database, hashes, replica

IDS = [str(uuid.UUID(int=n + 1, version=4)) for n in range(4)]  # dossiers that come and go
PICK = st.integers(0, len(IDS) - 1)
DELTA = st.integers(-(2**63), 2**63 - 1)
STEPS = st.lists(st.one_of(
    st.tuples(st.just("create"), PICK),  # a dossier made here (the writer: row, outbox, hash)
    st.tuples(st.just("edit"), PICK),  # one of its fields changed
    st.tuples(st.just("meeting"), PICK),  # a record added to it
    st.tuples(st.just("shift"), PICK, DELTA),  # its hash moved by a pulled row (held or not yet)
    st.tuples(st.just("forget"), PICK),  # its hash dropped
    st.tuples(st.just("purge"), PICK),  # the dossier purged (it left the user's view)
    st.tuples(st.just("drop"), PICK),  # a dossier the server never took dropped
    st.tuples(st.just("rebuild"),),  # every hash computed again (another form)
), max_size=25)


def _held(ws: Workspace, project: str) -> bool:
    with ws.store.read() as conn:
        return conn.exec_driver_sql("SELECT 1 FROM projects WHERE id = ?", (project,)).first() is not None


def _apply(ws: Workspace, investor: str, step: tuple[object, ...]) -> None:
    kind = step[0]
    project = IDS[int(step[1])] if len(step) > 1 else ""  # type: ignore[call-overload]
    if kind == "create" and not _held(ws, project):
        with ws.store.write() as w:
            w.create(schema.PROJECTS, schema.PROJECTS.validate({
                "code": ws.next_project_code(w.conn), "investor_id": investor, "title": "Stabilimento",
                "kind": "new_initiative", "sector": "manufacturing", "function": "production", "status": "active"},
                creating=True), row_id=project)
    elif kind == "edit" and _held(ws, project):
        dossiers.update_project(ws, project, title=f"Stabilimento {uuid.uuid4().hex[:6]}")
    elif kind == "meeting" and _held(ws, project):
        meetings.record_meeting(ws, project, table="technical", starts_at="2026-03-12T09:00:00Z", minutes="Verbale")
    elif kind in ("shift", "forget", "purge", "drop", "rebuild"):
        with ws.store.write() as w:
            if kind == "shift":
                hashes.shift(w.conn, {project: int(step[2])})  # type: ignore[call-overload]
            elif kind == "forget":
                hashes.forget(w.conn, project)
            elif kind == "purge":
                replica.purge_project(w.conn, project)
            elif kind == "drop":
                replica.drop_row(w.conn, "projects", project)
            else:
                hashes.rebuild(w.conn)


def _kept_and_recomputed(ws: Workspace) -> tuple[int, int]:
    with ws.store.read() as conn:
        return hashes.held_scope(conn), hashes.held_scope_from_hashes(conn)


@pytest.fixture(scope="module")
def empty_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new profile with one investor, copied for each example (made once: migrations take time)."""
    path = tmp_path_factory.mktemp("held-scope") / "empty.sqlite3"
    with Workspace.open(db=path) as ws:
        dossiers.create_investor(ws, name="Kessler Precision GmbH", country="DE")
    return path


@settings(max_examples=80, deadline=None)
@given(steps=STEPS)
@example(steps=[("shift", 0, 77), ("create", 0)])  # a hash before its dossier (a child pulled first)
def test_the_kept_hash_is_the_xor_of_the_held_dossiers_hashes_after_any_steps(
        empty_profile: Path, steps: list[tuple[object, ...]]) -> None:
    note(f"steps: {steps}")
    with tempfile.TemporaryDirectory(prefix="tutor-held-scope-") as folder:
        path = Path(folder) / "tutor.sqlite3"
        shutil.copyfile(empty_profile, path)
        with Workspace.open(db=path) as ws:
            with ws.store.read() as conn:
                investor = str(conn.exec_driver_sql("SELECT id FROM investors").scalar_one())
            for n, step in enumerate(steps):
                _apply(ws, investor, step)
                kept, recomputed = _kept_and_recomputed(ws)
                assert kept == recomputed, f"after step {n} {step}"


def test_a_profile_of_schema_0003_upgrades_with_its_kept_hash_computed(tmp_path: Path) -> None:
    path = tmp_path / "tutor.sqlite3"
    with Workspace.open(db=path) as ws:
        investor = dossiers.create_investor(ws, name="Kessler Precision GmbH", country="DE")
        for n in range(3):
            project = dossiers.create_project(ws, investor_id=investor, title=f"Stabilimento {n}", kind="expansion",
                                              sector="electronics", function="production")
            meetings.record_meeting(ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                    minutes=f"Verbale {n}")
        with ws.store.write() as w:
            hashes.shift(w.conn, {IDS[0]: 12345})  # the hash of a dossier not held: it does not count
        expected = _kept_and_recomputed(ws)[1]
    assert expected != 0
    raw = sqlite3.connect(path)  # what Tutor of local schema 0003 left: no kept hash, no triggers
    for (trigger,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%scope%'"):
        raw.execute(f"DROP TRIGGER {trigger}")
    raw.execute("DROP TABLE sync_scope_hash")
    raw.execute("ALTER TABLE outbox DROP COLUMN before")  # nor the outbox's values before (local 0005)
    raw.execute("ALTER TABLE outbox DROP COLUMN change_set")  # nor change sets, merged investors (local 0007)
    raw.execute("ALTER TABLE investors DROP COLUMN merged_into")
    raw.execute("DROP INDEX ix_phase_entries_day")  # nor the dashboard's indexes (local 0008)
    raw.execute("DROP INDEX ix_permit_items_running")
    raw.execute("DROP TABLE calendar_sent")  # nor the events the calendar export wrote (local 0010)
    raw.execute("ALTER TABLE sync_rejections DROP COLUMN known")  # nor the names of refusals (local 0011)
    raw.execute("UPDATE alembic_version SET version_num = '0003'")
    raw.commit()
    raw.close()
    with Workspace.open(db=path) as ws:
        assert database.current_revision(ws.store.engine) == database.head_revision()
        assert _kept_and_recomputed(ws) == (expected, expected)
        dossiers.update_project(ws, dossiers.list_dossiers(ws)[0].id, title="Dopo l'aggiornamento")
        kept, recomputed = _kept_and_recomputed(ws)
        assert kept == recomputed != expected
