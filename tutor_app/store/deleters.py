"""Who deleted a record: the device in the stamp of its tombstone's ``deleted`` field, which the
server names as a tutor (``sync.owners``) and the recycle bin shows (``services.recycle_bin``).

The devices to name are noted as tombstones come down from the server (``store.replica``), in the
transaction that stores them (``UNNAMED_DEVICES``): a sync asks about those alone, where it read
every tombstone of the profile after each pull (a third of an edit's pull in a region of 10,000
dossiers). A profile that never noted them reads its tombstones once (``every_deleting_device``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, text

from tutor_app.domain.hlc import Stamp
from tutor_app.store.state import DEVICE_OWNERS, UNNAMED_DEVICES
from tutor_app.store.writer import field_stamp

# The records a person deletes and can restore (services.recycle_bin lists them).
BIN_TABLES = ("projects", "meetings", "action_items", "permit_items", "aftercare_notes", "contacts",
              "phase_entries")
SERVER_DEVICE = "server"  # the device of the server's own writes (tutor._server_stamp)


def deleted_stamp(stamps: Any) -> Stamp | None:
    """The stamp of a row's ``deleted`` field (its own, or the row's stamp for every field)."""
    decoded = json.loads(stamps) if isinstance(stamps, str) else stamps
    encoded = field_stamp(decoded or {}, "deleted")
    try:
        return Stamp.decode(encoded) if encoded else None
    except ValueError:
        return None


def every_deleting_device(conn: Connection) -> set[str]:
    """The devices of every tombstone this profile holds."""
    return _devices(stamps for table in BIN_TABLES
                    for (stamps,) in conn.execute(text(f"SELECT stamps FROM {table} WHERE deleted = 1")))


def tombstone_devices(rows: Iterable[tuple[str, Mapping[str, Any]]]) -> set[str]:
    """The devices of the tombstones among server rows (table, row)."""
    return _devices(row["stamps"] for table, row in rows if row.get("deleted") and table in BIN_TABLES)


def _devices(tombstones_stamps: Iterable[Any]) -> set[str]:
    return {stamp.device for stamps in tombstones_stamps if (stamp := deleted_stamp(stamps)) is not None}


def note_unnamed(conn: Connection, devices: set[str]) -> None:
    """Keep the devices the profile cannot name yet to be asked about at the next chance."""
    if not devices:
        return
    named = DEVICE_OWNERS.get(conn) or {}
    noted = UNNAMED_DEVICES.get(conn)
    waiting = set(noted or ())
    new = devices - set(named) - waiting - {SERVER_DEVICE}
    if new and noted is not None:  # not noted yet: the first ask reads every tombstone anyway
        UNNAMED_DEVICES.set(conn, sorted(waiting | new))
