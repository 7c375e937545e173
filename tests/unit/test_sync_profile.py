"""What a profile remembers about its sync, as the desktop reads and writes it (services only)."""

from __future__ import annotations

import pytest

from tutor_app.domain.errors import BadAddressError
from tutor_app.services import sync_profile
from tutor_app.services.sync import target_of
from tutor_app.services.workspace import Workspace
from tutor_app.store import state


def test_the_last_sync_is_read_under_the_key_the_engine_writes(tutor_workspace: Workspace) -> None:
    assert sync_profile.last_sync_at(tutor_workspace) is None
    with tutor_workspace.store.write() as w:
        state.LAST_SYNC.set(w.conn, "2026-03-12T09:00:00Z")  # as sync.engine writes it
    when = sync_profile.last_sync_at(tutor_workspace)
    assert when is not None and when.isoformat() == "2026-03-12T09:00:00+00:00"


def test_a_remembered_target_is_the_one_a_sync_uses_and_a_bad_address_is_not_kept(
        tutor_workspace: Workspace) -> None:
    assert sync_profile.remembered_target(tutor_workspace) == ("", "")
    assert not sync_profile.syncs_in_background(tutor_workspace)
    with pytest.raises(BadAddressError):
        sync_profile.remember_target(tutor_workspace, "postgresql://mario:segreto@server/tutor", "mario")
    assert sync_profile.remembered_target(tutor_workspace) == ("", "")
    sync_profile.remember_target(tutor_workspace, " postgresql://server.regione.it/tutor ", " mario ")
    assert sync_profile.remembered_target(tutor_workspace) == ("postgresql://server.regione.it/tutor", "mario")
    target = target_of(tutor_workspace)
    assert (target.url, target.user) == ("postgresql://server.regione.it/tutor", "mario")
    assert sync_profile.syncs_in_background(tutor_workspace)


def test_a_demo_never_syncs_in_the_background(demo_workspace: Workspace) -> None:
    with demo_workspace.store.write() as w:
        state.SERVER_URL.set(w.conn, "postgresql://server.regione.it/tutor")
    assert sync_profile.is_demo(demo_workspace) and not sync_profile.syncs_in_background(demo_workspace)
