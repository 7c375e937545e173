"""The profile's own facts (``local_state``): what never syncs, each key declared here once with
the type of its value.

A value is stored as its JSON form (a JSON number as a number, by the column's affinity);
the names and forms below are what existing profiles hold, so they never change. Read one with
``KEY.get(conn)`` inside a transaction or ``store.state(KEY)`` outside one, write it with
``KEY.set(conn, value)``. Desktop settings (window geometry, the language) are not here: they
live with the desktop (``ui.settings``).
"""

from __future__ import annotations

import json
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Connection, Table
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tutor_app.store import database
from tutor_app.store.models import LocalState

STATE: Table = LocalState.__table__  # type: ignore[assignment]
T = TypeVar("T")


class StateKey(str, Generic[T]):
    """A key of ``local_state`` whose value is a ``T``. It is the stored name itself (a ``str``),
    so it also goes wherever a key is bound as a parameter."""

    __slots__ = ()

    def get(self, conn: Connection) -> T | None:
        """The value, or None when the profile holds none."""
        return cast("T | None", get_state(conn, self))

    def set(self, conn: Connection, value: T | None) -> None:
        """Store the value (None is stored as JSON null, and read back as None like no value)."""
        set_state(conn, self, value)

    def clear(self, conn: Connection) -> None:
        database.driver_cursor(conn).execute("DELETE FROM local_state WHERE key = ?", (self,))


STATE_SQL = "SELECT value FROM local_state WHERE key = ?"


def decode_state(stored: Any) -> Any:
    """A stored value as it was set: a JSON number is kept as a number (the column's numeric
    affinity); anything else as JSON text."""
    return json.loads(stored) if isinstance(stored, str) else stored


def get_state(conn: Connection, key: str) -> Any:
    found = database.driver_cursor(conn).execute(STATE_SQL, (key,)).fetchone()
    return decode_state(found[0]) if found is not None else None


def set_state(conn: Connection, key: str, value: Any) -> None:
    stmt = sqlite_insert(STATE).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))


# -- the profile (store.local, services.workspace) ------------------------------------------------

DEVICE_ID = StateKey[str]("device_id")  # this device's id, made when the profile is first opened
HLC = StateKey[str]("hlc")  # the device's clock: the last stamp it gave or saw (domain.hlc, encoded)
TUTOR_ID = StateKey[str]("tutor_id")  # the tutor record of the profile's user
DEMO = StateKey[bool]("demo")  # a demo profile (services.demo): it never syncs
# While present, the dossier list's triggers stand aside (store.bulk; local schema 0001 reads it).
BULK_LOAD = StateKey[bool]("bulk_load")
SCOPE = StateKey[str]("scope")  # the scope the user last chose (domain.scope.Scope's value)


def code_counter(year: int, initials: str) -> StateKey[int]:
    """The last number of the project codes minted here for a year and a user's initials."""
    return StateKey[int](f"code_counter:{year}:{initials}")


# -- the sync (sync/*; the reports read LAST_SYNC) -------------------------------------------------

SERVER_URL = StateKey[str]("sync_server_url")  # the server to sync with (services.sync), as given
USER_NAME = StateKey[str]("sync_user_name")  # the user name to sync as, as given
SYNC_SERVER = StateKey[str]("sync_server")  # the id of the server the profile is bound to (sync.identity)
SYNC_USER = StateKey[str]("sync_user")  # the server's login role the profile is bound to
SYNC_ROLE = StateKey[str]("sync_role")  # the role the server gives the user (for the status bar)
SYNC_INITIALS = StateKey[str]("sync_initials")  # the user's initials as the server gave them, once adopted
LAST_SYNC = StateKey[str]("last_sync_at")  # the instant the last sync ended (ISO, UTC)
# The feed position up to which the profile holds every change: [revision, table order, row id]
# (sync.session.Cursor).
CURSOR = StateKey[list[Any]]("sync_cursor")
INITIAL_DONE = StateKey[bool]("sync_initial_done")  # the first full pull has ended
# Revisions after the cursor the profile holds already as the server does (its own pushes, taken
# from their answers: sync.push): [[first, last], ...]; the pull skips them (sync.session.fold_held).
HELD_REVS = StateKey[list[list[int]]]("sync_held_revs")
NEW_PROJECTS = StateKey[list[str]]("sync_new_projects")  # dossiers pushed as new whose code is still to check
# Work left by refused changes (sync.refused): {"refresh": {table: [ids]}, "drop": [[table, id]]}.
REFUSED_UNSETTLED = StateKey[dict[str, Any]]("sync_refused_unsettled")
HASH_SCHEME = StateKey[int]("sync_hash_scheme")  # the form of the stored dossier hashes (store.hashes.SCHEME)
DEVICE_KEY = StateKey[str]("device_signing_key")  # the bundle-signing private key, 32 raw bytes as hex
KEY_REGISTERED = StateKey[str]("device_key_registered")  # the server id the public key is registered with
BUNDLE_EXPORTS = StateKey[list[dict[str, Any]]]("bundle_exports")  # the bundles made here (id, when, changes)
# {device id: tutor id} of the devices that deleted records held here, as the server knows them
# (sync.owners): the recycle bin names who deleted what.
DEVICE_OWNERS = StateKey[dict[str, str]]("sync_device_owners")
# The devices of tombstones pulled that are not named yet, to ask the server about (store.deleters);
# absent until the profile's tombstones were first read whole.
UNNAMED_DEVICES = StateKey[list[str]]("sync_unnamed_devices")

# -- the spreadsheet import (services.importing) ------------------------------------------------------

# The named mapping profiles: {name: {field: the column label it is read from}}.
IMPORT_MAPPINGS = StateKey[dict[str, dict[str, str]]]("import_mappings")

# -- the dossier list (services.saved_views) ------------------------------------------------------

# The saved views of the dossier list, in their order: [ListView.as_stored(), …].
SAVED_VIEWS = StateKey[list[dict[str, Any]]]("saved_views")
