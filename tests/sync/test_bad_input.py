"""Bad input and bad networks: a newer server, an unreachable host, a name that does not resolve,
a server that goes away mid-sync. Each ends with a clear message, and the outbox is intact."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer, on_fault
from tests.sync.proxy import CuttingProxy
from tutor_app.domain.errors import OfflineError, PermissionDeniedError, VersionMismatchError
from tutor_app.services import dossiers
from tutor_app.services.sync import MemoryCredentials, sync_now
from tutor_app.services.workspace import Workspace
from tutor_app.sync.connection import Secret, ServerAddress, connect
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession
from tutor_app.sync.session import PROTOCOL


def _local_state(client: Client) -> dict[str, Any]:
    """Everything in the profile a sync could write."""
    with client.ws.store.read() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(map(tuple, conn.exec_driver_sql(f"SELECT * FROM {t}").fetchall()), key=repr)
                for t in tables if t not in ("search_projects", "search_meetings", "search_notes")}


def _with_pending_work(client: Client) -> None:
    project = client.new_project("Pendente")
    client.sync()
    dossiers.update_project(client.ws, project, capex_cents=1_00)


@pytest.mark.postgres
@pytest.mark.parametrize("change", [
    "UPDATE tutor.alembic_version SET version_num = '0099'",
    f"UPDATE tutor.meta SET value = '{PROTOCOL + 1}' WHERE key IN ('protocol', 'min_client_protocol')",
])
def test_a_newer_server_is_refused_with_a_message_and_nothing_is_written(
        clients: dict[str, Client], server: TestServer, change: str) -> None:
    mario = clients["mario"]
    _with_pending_work(mario)
    before = _local_state(mario)
    with server.superuser() as su:
        su.execute(change)
    with pytest.raises(VersionMismatchError, match="update Tutor"):
        mario.sync()
    assert _local_state(mario) == before


@pytest.mark.parametrize(("url", "message"), [
    ("postgresql://mario@127.0.0.1:1/region", "cannot be reached"),
    ("postgresql://mario@tutor-server.invalid/region", "cannot be found"),
])
def test_an_unreachable_or_unknown_server_is_a_clear_message(tutor_workspace: Workspace, url: str,
                                                             message: str) -> None:
    investor = dossiers.create_investor(tutor_workspace, name="Semi Corp", country="US")
    dossiers.create_project(tutor_workspace, investor_id=investor, title="Fab", kind="expansion",
                            sector="electronics", function="production")
    pending = dossiers.pending_change_count(tutor_workspace)
    with pytest.raises(OfflineError, match=message):
        sync_now(tutor_workspace, server=url, credentials=MemoryCredentials(), ask_password=lambda _p: "pw")
    assert dossiers.pending_change_count(tutor_workspace) == pending


@pytest.mark.postgres
def test_a_server_that_goes_away_mid_sync_leaves_the_outbox_intact(clients: dict[str, Client],
                                                                   server: TestServer) -> None:
    mario = clients["mario"]
    _with_pending_work(mario)
    entries = {e["change_id"]: e["fields"] for e in mario.outbox()}
    proxy = CuttingProxy(server.address.host, server.address.port)
    via = ServerAddress("127.0.0.1", proxy.port, server.database)
    try:
        with pytest.raises(OfflineError, match="went away"), \
                PgSession(connect(via, via.login_role("mario"), Secret(server.passwords["mario"])), via) as s:
            synchronize(mario.ws.store, s, fault=on_fault("push:sending", lambda: proxy.arm(10)))
    finally:
        proxy.close()
    assert {e["change_id"]: e["fields"] for e in mario.outbox()} == entries
    mario.sync()
    assert mario.outbox() == []


def test_a_demo_profile_never_syncs(demo_workspace: Workspace) -> None:
    assert demo_workspace.store.state("demo")
    with pytest.raises(PermissionDeniedError, match="demo"):
        sync_now(demo_workspace, server="postgresql://mario@127.0.0.1/region", credentials=MemoryCredentials())


def test_tls_is_verify_full_except_on_loopback_and_an_address_holds_no_password() -> None:
    assert ServerAddress.parse("postgresql://db.regione.example/region").effective_sslmode == "verify-full"
    assert ServerAddress.parse("postgresql://127.0.0.1/region").effective_sslmode == "prefer"
    with pytest.raises(Exception, match="password"):
        ServerAddress.parse("postgresql://mario:secret@db.example/region")
