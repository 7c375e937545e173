"""The local schema is made and upgraded by Alembic; an old file is copied before it is upgraded."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from tutor_app.services import dossiers
from tutor_app.services import search as search_service
from tutor_app.services.workspace import Workspace
from tutor_app.store import database

GOLDEN = Path(__file__).parent.parent / "golden" / "local-0001.sqlite3"
# The golden file was written once by the first schema (revision 0001) and must never change:
# upgrading it is what a tutor's laptop does when a new version is installed.
GOLDEN_SHA256 = "7c183e17d7f819e073ec19ecc1a92cab884539a0cfa5b8e1f64d368c0414c1c1"
GOLDEN_PROJECT = "097ce985-363e-44d2-8790-73c5c83b1b40"


def test_a_new_file_is_created_at_the_head_revision(tmp_path: Path) -> None:
    with Workspace.open(db=tmp_path / "new.sqlite3") as ws:
        assert database.current_revision(ws.store.engine) == database.head_revision()
        assert ws.store.backup_path is None  # nothing to copy: the file was empty
    conn = sqlite3.connect(tmp_path / "new.sqlite3")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    conn.close()
    assert {"projects", "meetings", "outbox", "local_state", "search_index", "dossier_index"} <= tables


def test_the_known_head_is_the_head_of_the_migration_scripts() -> None:
    assert database.head_revision() == database.LOCAL_SCHEMA_HEAD


def test_the_golden_file_is_the_one_committed() -> None:
    assert hashlib.sha256(GOLDEN.read_bytes()).hexdigest() == GOLDEN_SHA256


def test_the_first_schema_upgrades_with_its_data_its_outbox_and_a_backup(tmp_path: Path) -> None:
    copy = tmp_path / "tutor.sqlite3"
    shutil.copyfile(GOLDEN, copy)
    with Workspace.open(db=copy) as ws:
        assert database.current_revision(ws.store.engine) == database.head_revision()
        upgraded = database.head_revision() != "0001"
        assert (ws.store.backup_path is not None) == upgraded
        if ws.store.backup_path is not None:
            backup = sqlite3.connect(ws.store.backup_path)
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            backup.close()
        with ws.store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        dossier = dossiers.get_dossier(ws, GOLDEN_PROJECT)
        assert dossier.project["title"] == "Dossier del primo schema"
        assert dossier.project["capex_cents"] == 123_456_789
        assert dossier.notes[-1].text == "Nota del primo schema"
        assert dossier.pending_changes == 4  # the edits made under 0001 are still waiting to go up
        assert [h.project_id for h in search_service.search(ws, "qualita")] == [GOLDEN_PROJECT]
        assert len(dossiers.list_dossiers(ws)) == 6
        # and the upgraded file takes new edits
        dossiers.update_project(ws, GOLDEN_PROJECT, new_hires=12)
        assert dossiers.get_dossier(ws, GOLDEN_PROJECT).project["new_hires"] == 12
