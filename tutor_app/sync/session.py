"""The server session as the sync sees it (DESIGN §5): the calls of the protocol and what they
carry, whatever the transport. One call is one server transaction, committed before it returns.

``sync.pg_session.PgSession`` implements it on a psycopg connection to the shared database;
``sync.engine`` (a sync), ``sync.bundle`` (imports and reverts of offline bundles) and the steps
they run call nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the address type lives with the driver's connection; only named here
    from tutor_app.sync.connection import ServerAddress

PROTOCOL = 4  # the sync protocol this client speaks (DESIGN §4: separate from schema revisions)

ServerRow = tuple[str, dict[str, Any]]  # (table, the row as the server holds it)

Cursor = list[Any]  # [revision, table order, row id]: a position in the change feed
START: Cursor = [0, 0, None]
_AFTER_EVERY_TABLE = 1000  # the table order of a cursor past every row of its revision (the server's)


def head_cursor(rev: int) -> Cursor:
    """The cursor past everything up to ``rev`` (what a pull that reached the head leaves)."""
    return [rev, _AFTER_EVERY_TABLE, None]


def complete_rev(cursor: Cursor | None) -> int | None:
    """The revision up to which a cursor has every change, when it stands between two revisions
    (not inside one, as a pull cut in the middle leaves it); else None."""
    if not cursor or list(cursor[1:]) != [_AFTER_EVERY_TABLE, None]:
        return None
    return int(cursor[0])


@dataclass(frozen=True, slots=True)
class Hello:
    protocol: int
    min_client_protocol: int
    schema: str
    server_id: str
    server_ms: int
    role_name: str
    role: str
    tutor_id: str | None
    provinces: tuple[str, ...]
    head: int
    scope_hash: int | None  # only when asked for at the head (an idle sync is possible)
    initials: str | None = None  # the user's initials, unique on the server (project codes)


@dataclass(frozen=True, slots=True)
class PullBatch:
    rows: list[ServerRow]
    cursor: Cursor
    more: bool
    scope_hash: int | None = None  # with the last batch: the hash of what the user sees, at the head


@dataclass(frozen=True, slots=True)
class PushAnswer:
    results: list[dict[str, Any]]
    rev: int | None  # the revision the push wrote at
    at: str | None  # the time written into the rows it changed
    scope_hash: int | None = None  # when asked: the hash of what the user sees once the push is written


class ServerSession(Protocol):
    """An open session on the shared server, speaking the sync protocol."""

    @property
    def address(self) -> ServerAddress: ...

    @property
    def round_trips(self) -> int:
        """Calls made so far (a sync with nothing to do is one)."""
        ...

    def hello(self, cursor_rev: int | None = None) -> Hello:
        """Who the server says we are, its versions, its head; and the hash of what the user sees
        when ``cursor_rev`` is the head (the only case where it can tell a sync is idle)."""
        ...

    def push(self, device: str, changes: Sequence[dict[str, Any]] | str, *,
             cursor_rev: int | None = None) -> PushAnswer:
        """One batch of changes (or their JSON text), one server transaction: a result per change,
        the revision and time the server wrote at, and the hash of what the user sees after it when
        ``cursor_rev`` (the revision up to which the client holds everything) is the one just
        before the push's."""
        ...

    def pull(self, cursor: Cursor, limit: int) -> PullBatch:
        """The change feed after ``cursor``, at most about ``limit`` rows, parents first."""
        ...

    def snapshot(self, project_ids: Sequence[str]) -> list[ServerRow]:
        """The present rows of these dossiers (a dossier that comes into view, or differs)."""
        ...

    def fetch(self, table: str, ids: Sequence[str]) -> list[ServerRow]:
        """These rows of one table as the server holds them (those the user may see)."""
        ...

    def dossier_hashes(self) -> tuple[int, dict[str, int]]:
        """The head and the hash of each dossier the user sees (the sanity repair)."""
        ...

    def register_device(self, device: str, public_key: str) -> None:
        """Register this device's bundle-signing key (DESIGN §5.7) with its user."""
        ...

    def device_owners(self, devices: Sequence[str]) -> dict[str, str]:
        """The tutor id of each of these devices the server knows (whose deletions the recycle bin
        names); a server without the call answers nothing."""
        ...

    def bundle_device(self, device: str) -> dict[str, Any] | None:
        """The user and public key a device is registered with (coordinators only)."""
        ...

    def import_bundle(self, body: str, signature: str | None, verified: bool) -> dict[str, Any]:
        """Apply a bundle's changes as its author's, in one server transaction (coordinators only)."""
        ...

    def bundle_imports(self, bundle_id: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """The register's rows of a bundle (one per import), or the latest imports, newest first
        (coordinators only)."""
        ...

    def revert_bundle(self, bundle_id: str) -> dict[str, Any]:
        """Take an imported bundle back, as a new change set of the coordinator's (coordinators only)."""
        ...
