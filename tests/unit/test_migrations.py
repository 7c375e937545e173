"""The local schema is made and upgraded by Alembic; an old file is copied before it is upgraded."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
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
TODAY = date(2026, 11, 25)


def test_a_new_file_is_created_at_the_head_revision(tmp_path: Path) -> None:
    with Workspace.open(db=tmp_path / "new.sqlite3") as ws:
        assert database.current_revision(ws.store.engine) == database.head_revision()
        assert ws.store.backup_path is None  # nothing to copy: the file was empty
    conn = sqlite3.connect(tmp_path / "new.sqlite3")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    conn.close()
    assert {"projects", "meetings", "outbox", "local_state", "search_meetings", "dossier_index"} <= tables


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


# What the one full-text table was asked before the revision search_over_rows: services.search then.
_OLD_SEARCH = ("SELECT s.rowid % 4, s.project_id, snippet(search_index, -1, '[', ']', '…', 12) "
               "FROM search_index s JOIN projects p ON p.id = s.project_id "
               "WHERE search_index MATCH :q AND p.deleted = 0 ORDER BY s.rowid DESC LIMIT :limit")
_OLD_MATCHING = "SELECT DISTINCT project_id FROM search_index WHERE search_index MATCH :q"
_KINDS = {"project": 0, "meeting": 1, "note": 2}
_BEFORE = "0005"  # the revision before search_over_rows


def _file_at(path: Path, revision: str, projects: int) -> None:
    """A profile as revision ``revision`` made it, holding a demo region and a few edits of it."""
    from alembic import command

    from tutor_app.services import demo
    from tutor_app.store.bulk import bulk_load

    made = sqlite3.connect(path)  # as the versions before search_over_rows made a file: WAL, no auto_vacuum
    made.execute("PRAGMA journal_mode=WAL")
    made.close()
    engine = database.make_engine(path)
    with engine.begin() as conn:
        command.upgrade(database.alembic_config(conn), revision)
        # The demo's rows name every investor field of today's schema: the one local 0007 adds is
        # there only while they are written.
        conn.exec_driver_sql("ALTER TABLE investors ADD COLUMN merged_into VARCHAR(36)")
        with bulk_load(conn):
            demo.write_rows(conn, demo.build_region(projects, seed=3, today=TODAY, meetings_per_project=6))
        conn.exec_driver_sql("ALTER TABLE investors DROP COLUMN merged_into")
        # A tombstoned meeting and note leave the index; an edited text is found by its new words.
        conn.exec_driver_sql("UPDATE meetings SET deleted = 1 WHERE rowid % 7 = 0")
        conn.exec_driver_sql("UPDATE aftercare_notes SET deleted = 1 WHERE rowid % 3 = 0")
        conn.exec_driver_sql("UPDATE meetings SET minutes = 'Verbale riscritto: qualità garantita' WHERE rowid % 5 = 0")
        conn.exec_driver_sql("UPDATE projects SET deleted = 1 WHERE rowid % 9 = 0")
    engine.dispose()


def _queries(path: Path) -> list[str]:
    """Every fifth term of the old index, a prefix of some, pairs of terms, accented spellings."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_index, row)")
    terms = [t for (t,) in conn.execute("SELECT term FROM temp.terms ORDER BY term")][::5]
    conn.close()
    assert len(terms) > 40
    return [*terms, *(t[:3] for t in terms[::4]), *(f"{a} {b}" for a, b in zip(terms[::7], terms[3::7], strict=False)),
            "città", "citta", "qualità garantita", "verbale riscritto", "perché"]


def test_the_search_index_over_the_rows_finds_what_the_copy_found(tmp_path: Path) -> None:
    """Revision search_over_rows (external-content index) on a profile made before it: every query finds
    the same texts of the same dossiers in the same order, with the same snippets, and the index
    agrees with the rows."""
    path = tmp_path / "tutor.sqlite3"
    _file_at(path, _BEFORE, projects=12)
    queries = _queries(path)
    old = sqlite3.connect(path)
    before = {q: [tuple(r) for r in old.execute(_OLD_SEARCH, {"q": search_service.fts_query(q), "limit": 10_000})]
              for q in queries}
    matching = {q: {r[0] for r in old.execute(_OLD_MATCHING, {"q": search_service.fts_query(q)})} for q in queries}
    old.close()
    assert sum(map(len, before.values())) > 1_000
    with Workspace.open(db=path, today=lambda: TODAY) as ws:
        for q in queries:
            hits = search_service.search(ws, q, limit=10_000)
            assert [(_KINDS[h.source], h.project_id, h.snippet) for h in hits] == before[q], q
            assert [(_KINDS[h.source], h.project_id, h.snippet) for h in search_service.search(ws, q)] \
                == before[q][:50], q
            assert search_service.matching_project_ids(ws, q) == matching[q], q
        with ws.store.read() as conn:
            for index in ("search_projects", "search_meetings", "search_notes"):
                conn.exec_driver_sql(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert not {"search_index", "search_index_content"} & tables  # the copy of every text is gone


def test_the_upgraded_file_is_rewritten_once_to_give_space_back(tmp_path: Path) -> None:
    """A file made before revision search_over_rows cannot return freed pages to the disk: its upgrade
    rewrites it once (VACUUM in ``auto_vacuum=INCREMENTAL``), still in WAL mode, and gives back
    what the upgrade itself freed (the copy of every text)."""
    path = tmp_path / "tutor.sqlite3"
    _file_at(path, _BEFORE, projects=12)
    old = sqlite3.connect(path)
    assert old.execute("PRAGMA auto_vacuum").fetchone() == (0,)
    old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = old.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'search_index_content'").fetchone()[0]
    old.close()
    size = path.stat().st_size
    with Workspace.open(db=path, today=lambda: TODAY) as ws, ws.store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2  # incremental
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        added = conn.exec_driver_sql(  # the later revisions' indexes (0008) take some of it again
            "SELECT sum(pgsize) FROM dbstat WHERE name IN ('ix_phase_entries_day', 'ix_permit_items_running')"
        ).scalar()
    # Closed, the WAL copied back and the file truncated: smaller by about the copy of the texts.
    assert path.stat().st_size < size - copy * 0.8 + added, (path.stat().st_size, size, copy, added)


def test_a_new_file_can_give_space_back(tmp_path: Path) -> None:
    with Workspace.open(db=tmp_path / "new.sqlite3") as ws, ws.store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2


def test_connecting_to_a_profile_writes_nothing_to_it(tmp_path: Path) -> None:
    """A connection's settings change nothing in the file: another reader (the desktop's fast
    start, which keeps the list it read while nothing else committed) sees no commit."""
    path = tmp_path / "tutor.sqlite3"
    Workspace.open(db=path).close()
    reader = sqlite3.connect(path)
    before = reader.execute("PRAGMA data_version").fetchone()
    engine = database.make_engine(path)
    for _ in range(3):
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM projects").scalar()
    engine.dispose()
    assert reader.execute("PRAGMA data_version").fetchone() == before
    reader.close()


def test_the_first_schema_upgrades_to_keep_what_the_calendar_export_wrote(tmp_path: Path) -> None:
    """Revision 0010 (calendar_sent) on the golden file: the table as the model declares it, empty
    (what earlier exports wrote is not known), and kept by the next export."""
    from tutor_app.services.calendar_export import export_calendar
    from tutor_app.store.models import CalendarSent

    copy = tmp_path / "tutor.sqlite3"
    shutil.copyfile(GOLDEN, copy)
    with Workspace.open(db=copy, today=lambda: TODAY) as ws:
        with ws.store.read() as conn:
            columns = {r[1]: (r[2], bool(r[3]), bool(r[5])) for r in conn.exec_driver_sql(
                "PRAGMA table_info(calendar_sent)")}
            assert conn.exec_driver_sql("SELECT count(*) FROM calendar_sent").scalar() == 0
        declared = CalendarSent.__table__.columns
        assert columns == {c.name: (str(c.type.compile()), not c.nullable, c.primary_key) for c in declared}
        first = export_calendar(ws, tmp_path / "one.ics")
        again = export_calendar(ws, tmp_path / "two.ics")
        with ws.store.read() as conn:
            kept = conn.exec_driver_sql("SELECT count(*) FROM calendar_sent").scalar()
    assert first.meetings + first.deadlines and kept == first.path.read_text().count("BEGIN:VEVENT")
    assert first.path.read_bytes() == again.path.read_bytes()
