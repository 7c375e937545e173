"""An open profile: the SQLite file, its device identity and clock, read and write transactions."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tutor_app.domain.hlc import HybridClock, Stamp, wall_ms
from tutor_app.domain.schema import now_instant
from tutor_app.store import database
from tutor_app.store.models import LocalState
from tutor_app.store.writer import Writer

log = logging.getLogger("tutor.store")
STATE: Table = LocalState.__table__  # type: ignore[assignment]


class LocalStore:
    """One profile's database. Thread-safe: writes are serialised, reads run concurrently (WAL)."""

    def __init__(self, path: Path, *, clock_source: Callable[[], int] = wall_ms) -> None:
        self.path = Path(path)
        database.prepare_directory(self.path)
        with database.translate_sqlite_errors(self.path):
            self.engine = database.make_engine(self.path)
            self.backup_path = database.upgrade(self.engine, self.path)
            self._write_lock = threading.Lock()
            self._clock_source = clock_source
            with self.engine.connect().execution_options(tutor_write=True) as conn, conn.begin():
                device = get_state(conn, "device_id")
                if device is None:
                    device = uuid.uuid4().hex[:16]  # 64 random bits: unique among a region's devices
                    set_state(conn, "device_id", device)
        self.device_id: str = device

    def close(self) -> None:
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
        with (self._write_lock, database.translate_sqlite_errors(self.path),
              self.engine.connect().execution_options(tutor_write=True) as conn, conn.begin()):
            last = get_state(conn, "hlc")
            clock = HybridClock(self.device_id, Stamp.decode(last) if last else None, self._clock_source)
            writer = Writer(conn, clock, now_instant())
            yield writer
            if clock.last.encode() != last:
                set_state(conn, "hlc", clock.last.encode())

    def state(self, key: str, default: Any = None) -> Any:
        with self.read() as conn:
            value = get_state(conn, key)
        return default if value is None else value


def get_state(conn: Connection, key: str) -> Any:
    return conn.execute(select(STATE.c.value).where(STATE.c.key == key)).scalar_one_or_none()


def set_state(conn: Connection, key: str, value: Any) -> None:
    stmt = sqlite_insert(STATE).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))
