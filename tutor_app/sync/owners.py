"""Who deleted what, for the recycle bin (services.recycle_bin): the device in the stamp of a
tombstone, named by the server as a tutor, once per device.

After a sync that went past its handshake, the devices that made tombstones this profile holds
and that it cannot name yet (noted as the tombstones came down: ``store.deleters``) are asked
about in one short call; the answer is kept in the profile (``store.state.DEVICE_OWNERS``), so the
bin names people offline too. A device the server does not know is kept as unknown ("") and not
asked about again. A device still unnamed when the call fails is asked about at the next sync
(the sync is not failed for it).
"""

from __future__ import annotations

import logging

from tutor_app.domain.errors import OfflineError, ServerBusyError
from tutor_app.store.deleters import SERVER_DEVICE, every_deleting_device
from tutor_app.store.state import DEVICE_OWNERS, UNNAMED_DEVICES
from tutor_app.sync.context import SyncContext

log = logging.getLogger("tutor.sync.owners")

_AT_ONCE = 1000  # the server's bound on one call


def learn(ctx: SyncContext) -> None:
    """Ask the server whose are the devices of tombstones not named yet (no call when none)."""
    store = ctx.store
    with store.read() as conn:
        noted = UNNAMED_DEVICES.get(conn)
        if noted == []:
            return
        known = DEVICE_OWNERS.get(conn) or {}
        waiting = set(noted) if noted is not None else every_deleting_device(conn)
    unknown = sorted(waiting - set(known) - {store.device_id, SERVER_DEVICE})[:_AT_ONCE]
    answered: dict[str, str] = {}
    if unknown:
        ctx.step("owners")
        try:
            answered = ctx.session.device_owners(unknown)
        except (OfflineError, ServerBusyError):
            # The rest of the sync is done: it is not failed for names, which stay noted for the next.
            log.warning("the server could not name %d devices now; they are asked about at the next sync",
                        len(unknown), exc_info=True)
            return
    with store.write() as w:
        owners = DEVICE_OWNERS.get(w.conn) or {}
        owners.update({device: answered.get(device, "") for device in unknown})
        if unknown:
            DEVICE_OWNERS.set(w.conn, owners)
        # What was noted meanwhile stays (a tombstone pulled by another sync of this profile).
        still = set(UNNAMED_DEVICES.get(w.conn) or ()) | (waiting if noted is None else set())
        UNNAMED_DEVICES.set(w.conn, sorted(still - set(owners) - {store.device_id, SERVER_DEVICE}))
