"""Who deleted what, for the recycle bin (services.recycle_bin): the device in the stamp of a
tombstone, named by the server as a tutor, once per device.

After a sync that brought rows down, the devices that made tombstones this profile holds and that
it cannot name yet are asked about in one short call; the answer is kept in the profile
(``store.state.DEVICE_OWNERS``), so the bin names people offline too. A device the server does
not know is kept as unknown ("") and not asked about again.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from tutor_app.domain.hlc import Stamp
from tutor_app.store.state import DEVICE_OWNERS
from tutor_app.store.writer import field_stamp
from tutor_app.sync.context import SyncContext

# The records a person deletes and can restore (services.recycle_bin lists them).
BIN_TABLES = ("projects", "meetings", "action_items", "permit_items", "aftercare_notes", "contacts")
SERVER_DEVICE = "server"  # the device of the server's own writes (tutor._server_stamp)
_AT_ONCE = 1000  # the server's bound on one call


def deleted_stamp(stamps: Any) -> Stamp | None:
    """The stamp of a row's ``deleted`` field (its own, or the row's stamp for every field)."""
    decoded = json.loads(stamps) if isinstance(stamps, str) else stamps
    encoded = field_stamp(decoded or {}, "deleted")
    try:
        return Stamp.decode(encoded) if encoded else None
    except ValueError:
        return None


def deleting_devices(conn: Any) -> set[str]:
    """The devices whose deletions this profile holds."""
    devices: set[str] = set()
    for table in BIN_TABLES:
        for (stamps,) in conn.execute(text(f"SELECT stamps FROM {table} WHERE deleted = 1")):
            stamp = deleted_stamp(stamps)
            if stamp is not None:
                devices.add(stamp.device)
    return devices


def learn(ctx: SyncContext) -> None:
    """Ask the server whose are the devices of tombstones not named yet (no call when none). Only
    rows that came down (pulled, or sent back whole in a push's answer: a merged row) can bring a
    device not seen before: a sync that only pushed what it keeps as sent reads nothing."""
    if not (ctx.report.pulled or ctx.report.snapshots or ctx.report.sent_back):
        return
    store = ctx.store
    with store.read() as conn:
        known = DEVICE_OWNERS.get(conn) or {}
        unknown = sorted(deleting_devices(conn) - set(known) - {store.device_id, SERVER_DEVICE})[:_AT_ONCE]
    if not unknown:
        return
    ctx.step("owners")
    answered = ctx.session.device_owners(unknown)
    with store.write() as w:
        owners = DEVICE_OWNERS.get(w.conn) or {}
        owners.update({device: answered.get(device, "") for device in unknown})
        DEVICE_OWNERS.set(w.conn, owners)
