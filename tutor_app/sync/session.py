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


Revs = list[list[int]]  # revision ranges [first, last], ascending, none touching another


def fold_held(cursor: Cursor | None, held: Revs | None) -> tuple[Cursor, Revs]:
    """The cursor and the revisions after it that the profile holds already as the server does
    (its own pushes, taken from their answers: ``sync.push``), put together: ranges merged, those
    the cursor has passed dropped, and the cursor moved past every range that starts right after
    it (a profile that never pulled, at ``START``, holds revision 0: there is none)."""
    cursor = list(cursor) if cursor else list(START)
    ranges: Revs = []
    for first, last in sorted([int(a), int(b)] for a, b in held or []):
        if ranges and first <= ranges[-1][1] + 1:
            ranges[-1][1] = max(ranges[-1][1], last)
        else:
            ranges.append([first, last])
    at = 0 if cursor == START else complete_rev(cursor)
    if at is None:  # inside a revision (a full batch's end): those before it are behind the cursor
        return cursor, [r for r in ranges if r[0] > int(cursor[0])]
    ranges = [r for r in ranges if r[1] > at]
    while ranges and ranges[0][0] <= at + 1:
        at = max(at, ranges.pop(0)[1])
        cursor = head_cursor(at)
    return cursor, ranges


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
    # The rows the push wrote otherwise than its changes say, as the server holds them; None when
    # it wrote one the user does not see, or from a server that does not say (before
    # db/server/definitions/80_push.sql's _written_otherwise).
    written: list[ServerRow] | None = None


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

    def interrupt(self) -> None:
        """Cut the connection at once, from any thread: a call in progress fails now."""
        ...

    def pull(self, cursor: Cursor, limit: int, skip: Revs | None = None) -> PullBatch:
        """The change feed after ``cursor``, at most about ``limit`` rows, parents first, without
        the revisions in ``skip`` (ascending ranges after the cursor, which the client holds)."""
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
