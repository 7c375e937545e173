"""The server session on a psycopg connection (``sync.session.ServerSession``): the sync
functions of the shared database, as Python calls, one call, one server transaction.

Nothing here decides anything: the server's functions do (db/server/definitions). Each call commits
before it returns, so a result in hand is a result the server has made durable.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from tutor_app.domain.errors import OfflineError, SyncCancelled
from tutor_app.sync.connection import ServerAddress, translate_errors
from tutor_app.sync.session import PROTOCOL, Cursor, Hello, PullBatch, PushAnswer, Revs, ServerRow

log = logging.getLogger("tutor.sync.wire")


def rows_of(tables: dict[str, Any]) -> list[ServerRow]:
    """The server sends each table as column names and rows of values: rows as dicts, parents first."""
    rows: list[ServerRow] = []
    for table, block in tables.items():
        if block and block["rows"]:
            columns = block["columns"]
            rows += [(table, dict(zip(columns, values, strict=True))) for values in block["rows"]]
    return rows


class PgSession:
    """An open connection to the shared database, speaking the sync protocol (it is a
    ``ServerSession``; what each call means is said there)."""

    def __init__(self, conn: psycopg.Connection[Any], address: ServerAddress) -> None:
        self.conn = conn
        self.address = address
        self.round_trips = 0
        self.seconds = 0.0
        self.opened_at = time.time()  # wall clock: how old a kept session is (services.sync_sessions)
        self._lock = threading.Lock()  # close() and interrupt(): never on a socket number reused
        self._closed = False
        self._cut = False  # interrupt() cut the connection: a call that fails since was stopped

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self.conn.close()

    def interrupt(self) -> None:
        """Cut the connection at once, from any thread: a call in progress (a dead network, a server
        that does not answer) fails now instead of at its time-out. Safe at any point of a sync: what
        the server committed stays and a replay writes nothing twice; what it had not is undone.
        The call it cuts, and every call after it, raise ``SyncCancelled``: the sync was stopped,
        the server did not go away."""
        with self._lock:
            if self._closed or self.conn.closed:
                return
            try:
                sock = socket.socket(fileno=self.conn.fileno())
            except (OSError, psycopg.Error):  # the driver has let the socket go already: nothing to cut
                return
            try:
                with contextlib.suppress(OSError):  # not connected any more: nothing to cut
                    sock.shutdown(socket.SHUT_RDWR)
            finally:
                sock.detach()  # the connection keeps its socket; it is closed with the connection
            self._cut = True
            log.info("connection to %s cut: the sync was stopped", self.address)

    def __enter__(self) -> PgSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, query: str, params: Sequence[Any]) -> Any:
        started = time.perf_counter()
        try:
            with translate_errors(self.address):
                try:
                    row = self.conn.execute(query, params).fetchone()
                    self.conn.commit()
                except BaseException:
                    if not self.conn.closed:
                        with contextlib.suppress(psycopg.Error):
                            self.conn.rollback()
                    raise
        except OfflineError as exc:
            if self._cut:
                raise SyncCancelled() from exc  # the user's Stop cut this call (interrupt)
            raise
        self.round_trips += 1
        self.seconds += time.perf_counter() - started
        assert row is not None
        return row[0]

    def hello(self, cursor_rev: int | None = None) -> Hello:
        try:
            data = self._call("SELECT tutor.hello(%s, %s)", (PROTOCOL, cursor_rev))
        except psycopg.errors.UndefinedFunction:
            # A server older than protocol 4: its hello says so, and check_versions tells the user.
            self.round_trips += 1
            data = self._call("SELECT tutor.hello(%s)", (PROTOCOL,))
        user = data["user"]
        scope = data.get("hash")
        return Hello(
            protocol=int(data["protocol"]), min_client_protocol=int(data["min_client_protocol"]),
            schema=str(data["schema"]), server_id=str(data["server_id"]),
            server_ms=int(data["server_ms"]), role_name=user["role_name"],
            role=user["role"], tutor_id=user["tutor_id"], provinces=tuple(user["provinces"] or ()),
            head=int(data["head"]), scope_hash=int(scope) if scope is not None else None,
            initials=user.get("initials"))

    def push(self, device: str, changes: Sequence[dict[str, Any]] | str, *,
             cursor_rev: int | None = None) -> PushAnswer:
        body = Jsonb(changes, dumps=str) if isinstance(changes, str) else Jsonb(list(changes))
        data = self._call("SELECT tutor.push(%s, %s, %s, %s)", (PROTOCOL, device, body, cursor_rev))
        rev, at, scope, written = data.get("rev"), data.get("at"), data.get("hash"), data.get("written")
        return PushAnswer(list(data["results"]), int(rev) if isinstance(rev, int) else None,
                          at if isinstance(at, str) else None, int(scope) if scope is not None else None,
                          rows_of(written) if isinstance(written, dict) else None)

    def pull(self, cursor: Cursor, limit: int, skip: Revs | None = None) -> PullBatch:
        if skip:  # only a server whose push answers say what it stored makes a client hold revisions
            data = self._call("SELECT tutor.pull(%s, %s, %s, %s)", (PROTOCOL, Jsonb(cursor), limit, Jsonb(skip)))
        else:  # the call every server of this protocol knows
            data = self._call("SELECT tutor.pull(%s, %s, %s)", (PROTOCOL, Jsonb(cursor), limit))
        scope = data.get("hash")  # the batch that reached the head (server schema 0006 on)
        return PullBatch(rows_of(data["tables"]), list(data["cursor"]), bool(data["more"]),
                         int(scope) if scope is not None else None)

    def snapshot(self, project_ids: Sequence[str]) -> list[ServerRow]:
        data = self._call("SELECT tutor.snapshot(%s, %s::uuid[])", (PROTOCOL, list(project_ids)))
        return rows_of(data["tables"])

    def fetch(self, table: str, ids: Sequence[str]) -> list[ServerRow]:
        data = self._call("SELECT tutor.fetch_rows(%s, %s, %s::uuid[])", (PROTOCOL, table, list(ids)))
        return rows_of(data["tables"])

    def register_device(self, device: str, public_key: str) -> None:
        self._call("SELECT tutor.register_device(%s, %s, %s)", (PROTOCOL, device, public_key))

    def device_owners(self, devices: Sequence[str]) -> dict[str, str]:
        try:
            data = self._call("SELECT tutor.device_owners(%s, %s::text[])", (PROTOCOL, list(devices)))
        except psycopg.errors.UndefinedFunction:  # a server whose definitions predate the call
            return {}
        return {str(device): str(tutor) for device, tutor in (data or {}).items()}

    def bundle_device(self, device: str) -> dict[str, Any] | None:
        data = self._call("SELECT tutor.bundle_device(%s, %s)", (PROTOCOL, device))
        return dict(data) if data else None

    def import_bundle(self, body: str, signature: str | None, verified: bool) -> dict[str, Any]:
        data = self._call("SELECT tutor.import_bundle(%s, %s, %s, %s)", (PROTOCOL, body, signature, verified))
        return dict(data)

    def bundle_imports(self, bundle_id: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Read straight from the register (coordinators only, by the table's policy)."""
        with translate_errors(self.address):
            try:
                cur = self.conn.execute(
                    "SELECT b.bundle_id::text, b.author, t.name AS author_name, b.created_at, b.changes, "
                    "b.imported_by, ti.name AS imported_by_name, b.verification, b.vouched_by, b.rev, b.reverted_by, "
                    "to_char(b.reverted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS reverted_at "
                    "FROM tutor.bundles b LEFT JOIN tutor.users u ON u.role_name = b.author "
                    "LEFT JOIN tutor.tutors t ON t.id = u.tutor_id "
                    "LEFT JOIN tutor.users ui ON ui.role_name = b.imported_by "
                    "LEFT JOIN tutor.tutors ti ON ti.id = ui.tutor_id "
                    "WHERE %s::uuid IS NULL OR b.bundle_id = %s::uuid ORDER BY b.rev DESC LIMIT %s",
                    (bundle_id, bundle_id, limit))
                columns = [c.name for c in cur.description or ()]
                rows = [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]
            finally:
                self.conn.rollback()
        self.round_trips += 1
        return rows

    def revert_bundle(self, bundle_id: str) -> dict[str, Any]:
        data = self._call("SELECT tutor.revert_bundle(%s, %s::uuid)", (PROTOCOL, bundle_id))
        return dict(data)

    def dossier_hashes(self) -> tuple[int, dict[str, int]]:
        data = self._call("SELECT tutor.dossier_hashes(%s)", (PROTOCOL,))
        return int(data["head"]), {pid: int(h) for pid, h in data["hashes"].items()}
