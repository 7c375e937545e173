"""What SQLite answers becomes a known error by its result code, under real conditions: a full
disk, a file another program holds, a read-only or missing file, a damaged one. A plain SQL bug
stays a bug even when its message holds the same words, and a message in other words changes
nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tutor_app.domain.errors import (
    DiskFullError,
    StorageError,
    StoreDamagedError,
    StoreInUseError,
    StoreNotWritableError,
)
from tutor_app.services.workspace import Workspace
from tutor_app.store import database
from tutor_app.store.local import LocalStore
from tutor_app.store.state import set_state


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalStore]:
    # A short wait for the write lock: the real ten seconds would only slow the locked case down.
    monkeypatch.setattr(database, "PRAGMAS", tuple(p.replace("busy_timeout=10000", "busy_timeout=50")
                                                   for p in database.PRAGMAS))
    with LocalStore(tmp_path / "profile.sqlite3") as opened:
        yield opened


def test_a_full_disk_is_said_as_such_and_nothing_is_saved(store: LocalStore) -> None:
    with pytest.raises(DiskFullError, match="is full") as caught, store.write() as w:
        pages = w.conn.exec_driver_sql("PRAGMA page_count").scalar_one()
        w.conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")  # the file may not grow: as a full disk
        set_state(w.conn, "filler", "x" * 1_000_000)
    assert caught.value.__cause__ is not None
    assert store.state("filler") is None


def test_a_file_another_program_holds_is_in_use(store: LocalStore) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program's write transaction holds the lock
        with pytest.raises(StoreInUseError, match="in use by another program"), store.write() as w:
            set_state(w.conn, "note", "written while locked")
    finally:
        other.execute("ROLLBACK")
        other.close()
    with store.write() as w:  # the lock gone, writing works again
        set_state(w.conn, "note", "written after")
    assert store.state("note") == "written after"


def test_a_store_that_may_only_be_read_cannot_be_written(store: LocalStore) -> None:
    with pytest.raises(StoreNotWritableError, match="Cannot write to"), store.write() as w:
        w.conn.exec_driver_sql("PRAGMA query_only = 1")
        try:
            set_state(w.conn, "note", "refused")
        finally:
            w.conn.exec_driver_sql("PRAGMA query_only = 0")


def test_a_file_opened_read_only_or_in_a_missing_folder_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    LocalStore(path).close()
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    missing = create_engine(f"sqlite:///{tmp_path / 'gone' / 'profile.sqlite3'}")
    try:
        for engine in (read_only, missing):
            with pytest.raises(StoreNotWritableError), database.translate_sqlite_errors(path), \
                    engine.begin() as conn:
                conn.execute(text("INSERT INTO local_state (key, value) VALUES ('note', 'x')"))
    finally:
        read_only.dispose()
        missing.dispose()


def test_a_file_that_is_not_a_database_or_a_damaged_one_is_damaged(tmp_path: Path) -> None:
    not_one = tmp_path / "not-one.sqlite3"
    not_one.write_bytes(b"this is not a database" * 200)
    with pytest.raises(StoreDamagedError, match="damaged"):
        Workspace.open(db=not_one)
    damaged = tmp_path / "damaged.sqlite3"
    with LocalStore(damaged) as made, made.write() as w:
        set_state(w.conn, "filler", "x" * 200_000)  # overflow pages, to break below
    page = sqlite3.connect(damaged).execute("PRAGMA page_size").fetchone()[0]
    raw = bytearray(damaged.read_bytes())
    raw[page:] = b"\xa5" * (len(raw) - page)  # every page but the first (the schema's root)
    damaged.write_bytes(bytes(raw))
    with pytest.raises(StoreDamagedError, match="damaged"):
        Workspace.open(db=damaged)


def test_a_sql_bug_stays_a_bug_whatever_its_message_says(store: LocalStore) -> None:
    for words in ("database or disk is full", "database is locked", "file is not a database"):
        with pytest.raises(OperationalError, match="no such table") as caught, store.read() as conn:
            conn.execute(text(f'SELECT * FROM "{words}"'))
        assert caught.value.orig.sqlite_errorcode == sqlite3.SQLITE_ERROR  # type: ignore[union-attr]
        assert not isinstance(caught.value, StorageError)


@pytest.mark.parametrize(("code", "name", "known"), [
    (sqlite3.SQLITE_FULL, "SQLITE_FULL", DiskFullError),
    (sqlite3.SQLITE_BUSY, "SQLITE_BUSY", StoreInUseError),
    (517, "SQLITE_BUSY_SNAPSHOT", StoreInUseError),  # an extended code: its primary one counts
    (sqlite3.SQLITE_READONLY, "SQLITE_READONLY", StoreNotWritableError),
    (sqlite3.SQLITE_CORRUPT, "SQLITE_CORRUPT", StoreDamagedError),
])
def test_the_same_answer_in_other_words_is_the_same_known_error(
        tmp_path: Path, code: int, name: str, known: type[StorageError]) -> None:
    answer = sqlite3.OperationalError("risposta di SQLite in altre parole")  # a build that words it otherwise
    answer.sqlite_errorcode, answer.sqlite_errorname = code, name
    with pytest.raises(known), database.translate_sqlite_errors(tmp_path / "x.sqlite3"):
        raise OperationalError("INSERT …", {}, answer)
