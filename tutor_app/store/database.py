"""Opening a profile's SQLite file: where it may live, how it is configured, how it is upgraded.

Settings that make every write durable: WAL journal, ``synchronous=FULL`` (the WAL is synced
at every commit), foreign keys on, and writers that take the write lock at ``BEGIN IMMEDIATE``
so two writers never deadlock half-way through a transaction.

The file gives space back: it is made with ``auto_vacuum=INCREMENTAL`` (a file made before, once,
by a VACUUM before its upgrade), so the pages freed when sent outbox entries leave can be returned
to the disk (``give_back_pages``, a few thousand per transaction, each as durable as an edit).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from tutor_app.assets import migrations_path
from tutor_app.domain.errors import (
    DiskFullError,
    StorageError,
    StoreDamagedError,
    StoreInUseError,
    StoreNotWritableError,
)
from tutor_app.store.schema_version import LOCAL_SCHEMA_HEAD  # a file at head needs no Alembic

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("tutor.store")

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-32000",
    # Checkpoints run on the store's background thread, never inside an edit's commit.
    "PRAGMA wal_autocheckpoint=0",
)
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "fuse.sshfs", "sshfs",
               "davfs", "fuse.davfs2", "fuse.rclone", "glusterfs", "ceph", "lustre"}
_SYNCED_FOLDERS = ("dropbox", "onedrive", "google drive", "googledrive", "icloud drive", "mobile documents",
                   "nextcloud", "owncloud", "box sync")


def check_location(path: Path) -> None:
    """Refuse a network share or a synced folder: WAL needs a local disk with real locking."""
    resolved = path.resolve()
    lowered = [part.lower() for part in resolved.parts]
    for name in _SYNCED_FOLDERS:
        if any(name == part or part.startswith(name + " ") for part in lowered):
            raise StorageError("synced_folder", resolved, name)
    if sys.platform == "win32" and str(resolved).startswith("\\\\"):
        raise StorageError("network_share", resolved)
    fs_type = _mount_fs_type(resolved)
    if fs_type in _NETWORK_FS:
        raise StorageError("network_fs", resolved, fs_type)


def _mount_fs_type(path: Path) -> str | None:
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return None
    best, best_type = "", None
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = str(path) == mount_point or str(path).startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def make_engine(path: Path) -> Engine:
    # check_same_thread off: the writer connection serves any thread, one at a time (under a lock).
    engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool, pool_size=4, max_overflow=4,
                           connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN is ours (deferred or IMMEDIATE).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # A new file only, before anything is written to it (then it can give space back); on a
        # file that holds a database the pragma is a write, which every connection would make.
        if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
            cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
        for pragma in PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("tutor_write") else "BEGIN"
        conn.exec_driver_sql(mode)

    return engine


def driver_cursor(conn: Connection) -> sqlite3.Cursor:
    """A cursor of the sqlite3 connection under a SQLAlchemy one, in its transaction: for the hot
    paths (edits, sync) where SQLAlchemy's statement building would cost more than the work."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver.cursor()


IN_LIST = "IN (SELECT value FROM json_each(?))"  # "x IN_LIST", its parameter made by ``id_list``


def id_list(values: Iterable[Any]) -> str:
    """A list of values as one JSON parameter, for ``IN_LIST``: one statement whatever the count
    (no limit on bound variables, no statement text per count)."""
    return json.dumps(list(values))


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path("local")))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The head of the migration scripts (reads them: for upgrades and tests, not every start)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The file's schema revision, or None for a file Alembic never touched."""
    with engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").first()
        if exists is None:
            return None
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        return str(version) if version is not None else None


def backup_file(engine: Engine, path: Path, label: str) -> Path:
    """A consistent copy through SQLite's backup API (safe while the file is in WAL mode)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.{label}.{stamp}.bak")
    raw = engine.raw_connection()
    try:
        dst = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dst)  # type: ignore[union-attr]
        finally:
            dst.close()
    finally:
        raw.close()
    log.info("backed up %s to %s before upgrading", path, target)
    return target


def upgrade(engine: Engine, path: Path) -> Path | None:
    """Bring the schema to head; copies the file first when it holds an older schema."""
    current = current_revision(engine)
    if current == LOCAL_SCHEMA_HEAD:
        return None
    from alembic import command

    head = head_revision()
    if current == head:
        return None
    backup = backup_file(engine, path, f"before-{head}") if current is not None else None
    if current is not None:
        _make_space_returnable(engine, path)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
        if current is not None:  # what the upgrade dropped (search_over_rows: the copy of every text)
            give_back_pages(driver_cursor(conn), None)
    return backup


def _make_space_returnable(engine: Engine, path: Path) -> None:
    """Once, for a file made before ``auto_vacuum=INCREMENTAL``: VACUUM, which rewrites it in that
    mode (through the WAL, one durable transaction; a cut leaves the file as it was). Before the
    migrations, so that they build their indexes of rowids on the file as it will stay."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        if driver.execute("PRAGMA auto_vacuum").fetchone()[0] != 0:
            return
        log.info("rewriting %s so that it can give back the space it frees (once)", path)
        driver.execute("PRAGMA auto_vacuum=INCREMENTAL")
        try:
            driver.execute("VACUUM")
        except sqlite3.Error as exc:
            # No room for the copy a VACUUM writes: the file stays as it was, and works; it keeps
            # its free pages until an upgrade finds the room.
            if not isinstance(storage_error(exc, path), DiskFullError):
                raise
            log.warning("no room to rewrite %s: it keeps the space it frees", path)
    finally:
        raw.close()


# Free pages kept rather than given back: SQLite reuses them for the next writes.
FREE_PAGES_KEPT = 256


def free_pages(cur: sqlite3.Cursor) -> int:
    """Pages of the file that hold nothing (in the caller's transaction)."""
    return int(cur.execute("PRAGMA freelist_count").fetchone()[0])


def give_back_pages(cur: sqlite3.Cursor, most: int | None) -> int:
    """Inside a write transaction: truncate up to ``most`` free pages off the file (all of them
    when None); the number given back. The file shrinks on disk at the next checkpoint."""
    if cur.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:  # a file never rewritten (no room)
        return 0
    before = free_pages(cur)
    steps = before if most is None else min(before, most)
    # One page per statement: a driver that stops at the statement's first result row (Python's
    # sqlite3 does, for a pragma without columns) would otherwise free one page per call anyway.
    for _ in range(steps):
        cur.execute("PRAGMA incremental_vacuum(1)")
    return before - free_pages(cur)


@contextmanager
def translate_sqlite_errors(path: Path) -> Iterator[None]:
    """Turn the errors a person can act on into StorageError; everything else stays a bug."""
    from sqlalchemy.exc import DatabaseError

    try:
        yield
    except DatabaseError as exc:
        known = storage_error(exc.orig, path)
        if known is None:
            raise
        raise known from exc


def storage_error(error: BaseException | None, path: Path) -> StorageError | None:
    """The known error for what SQLite answered, read from its result code (never from its words,
    which a build may word otherwise); None for anything else, a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF  # an extended code (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED…) keeps its primary one
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreInUseError(path)
    if primary == sqlite3.SQLITE_FULL:
        return DiskFullError(path)
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
        return StoreNotWritableError(path, str(error))
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreDamagedError(path, str(error))
    return None


def prepare_directory(path: Path) -> None:
    check_location(path.parent if not path.exists() else path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError("no_folder", path.parent, str(exc.strerror or exc)) from exc
    if not os.access(path.parent, os.W_OK):
        raise StorageError("folder_not_writable", path.parent)
