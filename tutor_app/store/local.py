"""An open profile: the SQLite file, its device identity and clock, read and write transactions."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, overload

from sqlalchemy import Connection

from tutor_app.domain.hlc import HybridClock, Stamp, wall_ms
from tutor_app.domain.schema import now_instant
from tutor_app.store import database, hashes
from tutor_app.store.state import DEVICE_ID, HASH_SCHEME, HLC, STATE_SQL, StateKey, decode_state
from tutor_app.store.writer import Writer

log = logging.getLogger("tutor.store")
T = TypeVar("T")


class LocalStore:
    """One profile's database. Thread-safe: writes are serialised, reads run concurrently (WAL)."""

    def __init__(self, path: Path, *, clock_source: Callable[[], int] = wall_ms) -> None:
        self.path = Path(path)
        database.prepare_directory(self.path)
        with database.translate_sqlite_errors(self.path):
            self.engine = database.make_engine(self.path)
            self.backup_path = database.upgrade(self.engine, self.path)
            self._write_lock = threading.RLock()
            self._writer: Connection | None = None
            self._glance_lock = threading.Lock()
            self._glance: Any = None  # the pool's connection kept for glance(), made at the first one
            self._clock_source = clock_source
            with self.engine.connect().execution_options(tutor_write=True) as conn, conn.begin():
                device = DEVICE_ID.get(conn)
                if device is None:
                    device = uuid.uuid4().hex[:16]  # 64 random bits: unique among a region's devices
                    DEVICE_ID.set(conn, device)
                    if not conn.exec_driver_sql("SELECT 1 FROM sync_project_hashes LIMIT 1").first():
                        # A new profile: every dossier hash it will hold is this release's (its
                        # first sync has none of an older form to compute again).
                        HASH_SCHEME.set(conn, hashes.SCHEME)
        self.device_id: str = device
        self._checkpointer = Checkpointer(self.path)

    def close(self) -> None:
        self._checkpointer.stop()
        with self._write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        with self._glance_lock:
            if self._glance is not None:
                self._glance.close()
                self._glance = None
        self.engine.dispose()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LocalStore({str(self.path)!r})"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for reading (a deferred transaction)."""
        with database.translate_sqlite_errors(self.path), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """A write transaction (``BEGIN IMMEDIATE``): everything inside commits durably, or nothing."""
        with self._write_lock, database.translate_sqlite_errors(self.path):
            conn = self._writer_connection()
            with conn.begin():
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                # The clock by the driver's own calls: an edit costs little more than its commit.
                last = raw.execute("SELECT value FROM local_state WHERE key = ?", (HLC,)).fetchone()
                last_text = json.loads(last[0]) if last else None
                clock = HybridClock(self.device_id, Stamp.decode(last_text) if last_text else None,
                                    self._clock_source)
                writer = Writer(conn, clock, now_instant())
                yield writer
                if clock.last.encode() != last_text:
                    raw.execute("INSERT INTO local_state (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                (HLC, json.dumps(clock.last.encode())))
            self._checkpointer.wrote()

    def _writer_connection(self) -> Connection:
        """The one connection that writes, kept open: a pool round trip per edit costs more than
        the edit's own statements. Used only under the write lock."""
        if self._writer is None or self._writer.closed:
            self._writer = self.engine.connect().execution_options(tutor_write=True)
        return self._writer

    def give_back_space(self, keep: int = database.FREE_PAGES_KEPT, step: int = 2048) -> int:
        """Return the file's free pages to the disk (those of sent outbox entries, of a purged
        dossier) once there are more than ``keep``: ``step`` pages per write transaction, so an
        edit never waits long behind it. The number of pages given back."""
        with self.read() as conn:
            if database.free_pages(database.driver_cursor(conn)) <= keep:
                return 0
        given = 0
        while True:
            with self.write() as w:
                freed = database.give_back_pages(database.driver_cursor(w.conn), step)
            given += freed
            if freed < step:
                return given

    @overload
    def state(self, key: StateKey[T]) -> T | None: ...

    @overload
    def state(self, key: str, default: Any = None) -> Any: ...

    def state(self, key: str, default: Any = None) -> Any:
        """A value of the profile's ``local_state`` (store.state), read outside any transaction."""
        found = self.glance(STATE_SQL, (key,))
        value = decode_state(found[0]) if found is not None else None
        return default if value is None else value

    def glance(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        """The first row of one small SELECT, read outside any transaction (a single statement is
        atomic on its own, and sees the last commit), on a connection kept for these: a sync asks
        a dozen such questions before it knows it is idle (states, whether anything waits), and
        a connection taken from the pool and given back for each cost more than the sync's own
        work. Any thread, one at a time."""
        with self._glance_lock, database.translate_sqlite_errors(self.path):
            if self._glance is None:
                self._glance = self.engine.raw_connection()  # the pool's: the pragmas of every connection
            driver = self._glance.driver_connection
            assert isinstance(driver, sqlite3.Connection) and driver.in_transaction is False
            cursor = driver.execute(sql, params)
            try:
                row = cursor.fetchone()
            finally:
                cursor.close()  # the statement reset: no read snapshot held until the next glance
            return None if row is None else tuple(row)


class Checkpointer:
    """Copies the WAL back into the database file on a thread of its own, when writing pauses.

    With SQLite's automatic checkpoints, every thousandth page written makes one unlucky edit
    wait for the copy and its fsync. Here edits only append to the WAL; this thread copies once
    the store has been quiet for a moment (a tutor stops typing), or sooner when the WAL grows
    past a bound. A PASSIVE checkpoint never blocks a writer or a reader.
    """

    QUIET_SECONDS = 1.0
    MAX_WAL_BYTES = 64 * 1024 * 1024

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wal = path.with_name(path.name + "-wal")
        self._dirty = False
        self._last_write = 0.0
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="tutor-wal-checkpoint", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        self._dirty = True
        self._last_write = time.monotonic()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._stopping = True
            self._wake.set()
            self._thread.join()

    def _due(self) -> bool:
        if not self._dirty:
            return False
        if time.monotonic() - self._last_write >= self.QUIET_SECONDS:
            return True
        try:
            return self._wal.stat().st_size > self.MAX_WAL_BYTES
        except OSError:
            return False

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout=10000")
            while not self._stopping:
                self._wake.wait(self.QUIET_SECONDS / 2)
                if self._due():
                    self._dirty = False
                    self._checkpoint(conn, "PASSIVE")
            self._checkpoint(conn, "TRUNCATE")  # leave a small WAL behind on close
        finally:
            conn.close()

    @staticmethod
    def _checkpoint(conn: sqlite3.Connection, mode: str) -> None:
        try:
            conn.execute(f"PRAGMA wal_checkpoint({mode})")
        except sqlite3.Error:
            # Busy or locked: the next round checkpoints; the WAL keeps every commit meanwhile.
            log.warning("WAL checkpoint (%s) deferred", mode, exc_info=True)
