"""What a profile remembers about its sync, as the desktop reads and writes it (services only)."""

from __future__ import annotations

import pytest

from tutor_app.domain.errors import BadAddressError, ValidationError
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


def test_a_plain_host_name_makes_the_address_with_the_port_and_database_beside_it() -> None:
    fields = sync_profile.server_fields(" db.regione.lombardia.it ")
    assert fields.url == "postgresql://db.regione.lombardia.it:5432/tutor"
    assert sync_profile.server_fields("db.regione.lombardia.it", "6432", "tutor_lom").url == (
        "postgresql://db.regione.lombardia.it:6432/tutor_lom")
    assert sync_profile.server_fields("db.example:6543", 5432, "t").url == "postgresql://db.example:6543/t"
    pasted = sync_profile.server_fields("postgresql://mrossi@10.0.0.7:6000/regione?sslmode=verify-ca", 5432, "x")
    assert (pasted.host, pasted.port, pasted.database, pasted.user, pasted.query) == (
        "10.0.0.7", 6000, "regione", "mrossi", "sslmode=verify-ca")
    assert sync_profile.server_fields("postgresql://db.example/tutor").url == "postgresql://db.example:5432/tutor"


@pytest.mark.parametrize(
    ("host", "port", "database", "field"),
    [("", 5432, "tutor", "host"), ("db regione", 5432, "tutor", "host"), ("db.example/tutor", 5432, "tutor", "host"),
     ("db.example", "porta", "tutor", "port"), ("db.example", 70000, "tutor", "port"), ("db.example", 0, "t", "port"),
     ("db.example", 5432, " ", "database"), ("db.example", 5432, "a/b", "database"),
     ("postgresql://db.example:99999/tutor", 5432, "tutor", "port")],
)
def test_server_fields_that_cannot_be_one_are_named(host: str, port: object, database: str, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        sync_profile.server_fields(host, port, database)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_tls_mode_is_verify_full_but_on_loopback() -> None:
    assert sync_profile.tls_mode("postgresql://db.regione.lombardia.it:5432/tutor") == "verify-full"
    assert sync_profile.tls_mode("postgresql://127.0.0.1:5432/tutor") == "prefer"


def test_a_pasted_address_with_a_password_is_refused() -> None:
    with pytest.raises(BadAddressError):
        sync_profile.server_fields("postgresql://mario:segreto@db.example/tutor")
