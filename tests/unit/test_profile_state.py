"""The profile's state keys (store.state): declared once, and stored under the names and in the
JSON forms that existing profiles hold."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.unit.test_migrations import GOLDEN
from tutor_app.services.workspace import Workspace
from tutor_app.store import state
from tutor_app.store.state import StateKey

# What profiles in the field hold: a key renamed here would leave every one of them behind.
STORED_NAMES = {
    "DEVICE_ID": "device_id", "HLC": "hlc", "TUTOR_ID": "tutor_id", "DEMO": "demo", "BULK_LOAD": "bulk_load",
    "SCOPE": "scope",
    "SERVER_URL": "sync_server_url", "USER_NAME": "sync_user_name", "SYNC_SERVER": "sync_server",
    "SYNC_USER": "sync_user", "SYNC_ROLE": "sync_role", "SYNC_INITIALS": "sync_initials",
    "LAST_SYNC": "last_sync_at", "CURSOR": "sync_cursor", "INITIAL_DONE": "sync_initial_done",
    "HELD_REVS": "sync_held_revs", "NEW_PROJECTS": "sync_new_projects", "REFUSED_UNSETTLED": "sync_refused_unsettled",
    "HASH_SCHEME": "sync_hash_scheme", "DEVICE_KEY": "device_signing_key",
    "KEY_REGISTERED": "device_key_registered", "BUNDLE_EXPORTS": "bundle_exports",
    "DEVICE_OWNERS": "sync_device_owners", "UNNAMED_DEVICES": "sync_unnamed_devices",
    "IMPORT_MAPPINGS": "import_mappings",
    "SAVED_VIEWS": "saved_views",
}


def test_every_state_key_keeps_the_name_existing_profiles_hold() -> None:
    declared = {name: str(value) for name, value in vars(state).items() if isinstance(value, StateKey)}
    assert declared == STORED_NAMES
    assert state.code_counter(2026, "MR") == "code_counter:2026:MR"


def test_state_values_keep_their_stored_json_form(workspace: Workspace) -> None:
    with workspace.store.write() as w:
        state.CURSOR.set(w.conn, [41, 1000, None])
        state.INITIAL_DONE.set(w.conn, True)
        state.HASH_SCHEME.set(w.conn, 2)
        state.SYNC_SERVER.set(w.conn, "server-a")
        state.REFUSED_UNSETTLED.set(w.conn, {"refresh": {"projects": ["p"]}, "drop": []})
    with workspace.store.read() as conn:
        stored = dict(conn.exec_driver_sql(
            "SELECT key, value FROM local_state WHERE key IN (?, ?, ?, ?, ?)",
            (state.CURSOR, state.INITIAL_DONE, state.HASH_SCHEME, state.SYNC_SERVER,
             state.REFUSED_UNSETTLED)).all())
        assert state.CURSOR.get(conn) == [41, 1000, None]
    assert stored == {"sync_cursor": "[41, 1000, null]", "sync_initial_done": "true", "sync_hash_scheme": 2,
                      "sync_server": '"server-a"',
                      "sync_refused_unsettled": '{"refresh": {"projects": ["p"]}, "drop": []}'}
    assert workspace.store.state(state.INITIAL_DONE) is True
    assert workspace.store.state(state.SYNC_SERVER) == "server-a"
    with workspace.store.write() as w:
        state.REFUSED_UNSETTLED.clear(w.conn)
    assert workspace.store.state(state.REFUSED_UNSETTLED) is None


def test_a_profile_of_the_first_schema_reads_through_the_declared_keys(tmp_path: Path) -> None:
    copy = tmp_path / "tutor.sqlite3"
    shutil.copyfile(GOLDEN, copy)
    with Workspace.open(db=copy) as ws:
        assert ws.store.device_id == "f7e6bc59e934463b"
        assert ws.store.state(state.TUTOR_ID) == ws.tutor_id == "5aa6e949-83c4-448d-84d6-b88eb208c036"
        assert ws.store.state(state.DEMO) is True
        assert ws.store.state(state.HLC) == "1795570475084-000000-f7e6bc59e934463b"
        # Its dossier hashes were stored by an earlier release: their form is not taken for granted.
        assert ws.store.state(state.HASH_SCHEME) is None


def test_a_new_profile_holds_dossier_hashes_of_this_release(tmp_path: Path) -> None:
    """Every dossier hash a new profile stores is this release's (store.writer): its first sync,
    a first upload of weeks of work, has none to compute again (sync.sanity.ensure_hash_scheme)."""
    from tutor_app.store import hashes

    with Workspace.open(db=tmp_path / "new.sqlite3") as ws:
        assert ws.store.state(state.HASH_SCHEME) == hashes.SCHEME
