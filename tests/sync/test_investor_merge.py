"""Merging duplicate investors (issue 14) against a real server: the merge reaches everyone, a
dossier made offline on a merged investor is stored with the one kept, an offline edit of a
merged investor is a conflict record, a project tutor's merge is refused, and the merge's change
set goes up whole or not at all."""

from __future__ import annotations

import contextlib
import uuid

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.errors import OfflineError, PermissionDeniedError
from tutor_app.domain.hlc import Stamp, wall_ms
from tutor_app.services import conflicts, dossiers
from tutor_app.services.investor_merge import candidates, merge_investors, undo_merge
from tutor_app.services.record_words import REASONS
from tutor_app.sync.engine import synchronize
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres


def _dossier_on(client: Client, investor: str, title: str) -> str:
    return dossiers.create_project(client.ws, investor_id=investor, title=title, kind="new_initiative",
                                   sector="manufacturing", function="production", province="MB")


def _investor(client: Client, name: str) -> str:
    return dossiers.create_investor(client.ws, name=name, country="DE", sector="manufacturing")


@pytest.fixture
def duplicates(clients: dict[str, Client]) -> tuple[str, str, str, str]:
    """Mario's and Anna's copies of one company, each with a dossier, synced everywhere:
    (Mario's investor, Anna's investor, Mario's dossier, Anna's dossier)."""
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    kept = _investor(mario, "Acme Werke GmbH")
    dossiers.add_contact(mario.ws, kept, name="Hans Meier", email="hans@acme.de")
    other = _investor(anna, "ACME Werke G.m.b.H.")
    dossiers.add_contact(anna.ws, other, name="Jana Vogel", email="jana@acme.de")
    p_mario = _dossier_on(mario, kept, "Stabilimento di Agrate")
    p_anna = _dossier_on(anna, other, "Magazzino di Lodi")
    mario.sync()
    anna.sync()
    carla.sync()
    return kept, other, p_mario, p_anna


def test_a_merge_reaches_everyone(clients: dict[str, Client], server: TestServer,
                                  duplicates: tuple[str, str, str, str]) -> None:
    anna, carla = clients["anna"], clients["carla"]
    kept, other, _, p_anna = duplicates
    shown = {c.id: (c.dossiers, c.contacts) for c in candidates(carla.ws, [kept, other])}
    assert shown == {kept: (1, 1), other: (1, 1)}
    merge_investors(carla.ws, kept, [other])
    carla.sync()
    anna.sync()
    on_server = server.dump("investors")[other]
    assert on_server["deleted"] is True and on_server["merged_into"] == kept
    assert server.dump("projects")[p_anna]["investor_id"] == kept
    local = anna.rows("investors")[other]
    assert local["deleted"] == 1 and local["merged_into"] == kept
    assert anna.rows("projects")[p_anna]["investor_id"] == kept
    live_contacts = {c["name"] for c in server.dump("contacts").values()
                     if c["investor_id"] == kept and not c["deleted"]}
    assert live_contacts == {"Hans Meier", "Jana Vogel"}


def test_a_dossier_made_offline_on_a_merged_investor_is_stored_with_the_one_kept(
        clients: dict[str, Client], server: TestServer, duplicates: tuple[str, str, str, str]) -> None:
    anna, carla, mario = clients["anna"], clients["carla"], clients["mario"]
    kept, other, _, _ = duplicates
    offline = _dossier_on(anna, other, "Nuova linea di Lodi")  # Anna has not heard of the merge
    merge_investors(carla.ws, kept, [other])
    carla.sync()
    anna.sync()  # Client.sync: no dossier differs from the server afterwards
    assert server.dump("projects")[offline]["investor_id"] == kept
    assert anna.rows("projects")[offline]["investor_id"] == kept
    carla.sync()
    assert carla.rows("projects")[offline]["investor_id"] == kept
    mario.sync()


def test_an_offline_rename_of_a_merged_investor_is_a_conflict_not_lost(
        clients: dict[str, Client], server: TestServer, duplicates: tuple[str, str, str, str]) -> None:
    anna, carla = clients["anna"], clients["carla"]
    kept, other, _, _ = duplicates
    dossiers.update_investor(anna.ws, other, name="ACME Werke GmbH (Lodi)")
    merge_investors(carla.ws, kept, [other])
    carla.sync()
    anna.sync()
    records = [c for c in server.dump("conflicts").values() if c["row_id"] == other]
    assert [r["kind"] for r in records] == ["delete_edit"]
    assert "ACME Werke GmbH (Lodi)" in records[0]["lost_value"]
    carla.sync()
    for who in (anna, carla):
        shown = [c for c in conflicts.list_conflicts(who.ws) if c.kind.value == "delete_edit"]
        assert any("ACME" in c.subject for c in shown), (who.user, shown)


def test_a_project_tutor_cannot_merge(clients: dict[str, Client], server: TestServer,
                                      duplicates: tuple[str, str, str, str]) -> None:
    mario = clients["mario"]
    kept, other, _, _ = duplicates
    with pytest.raises(PermissionDeniedError):
        merge_investors(mario.ws, kept, [other])
    # Past the client's own check, straight to the server: refused with its reason, nothing written.
    device = mario.ws.store.device_id
    rev = int(server.dump("investors")[other]["rev"])
    stamp = Stamp(wall_ms(), 0, device).encode()
    change = {"id": str(uuid.uuid4()), "table": "investors", "row": other, "base": rev,
              "fields": {"merged_into": kept, "deleted": True}, "stamps": {"merged_into": stamp, "deleted": stamp}}
    with server.connect_as("mario") as conn:
        row = conn.execute("SELECT tutor.push(%s, %s, %s)", (PROTOCOL, device, Jsonb([change]))).fetchone()
        conn.commit()
    assert row is not None
    [result] = row[0]["results"]
    assert (result["status"], result["reason"]) == ("rejected", "merge_coordinators_only")
    assert server.dump("investors")[other]["merged_into"] is None
    assert "coordinat" in REASONS["merge_coordinators_only"][0]


def _set_revs(server: TestServer, kept: str, other: str, projects: list[str]) -> set[int]:
    with server.superuser() as su:
        revs = {int(r[0]) for r in su.execute("SELECT rev FROM tutor.projects WHERE id = ANY(%s::uuid[])",
                                              (projects,)).fetchall()}
        revs |= {int(r[0]) for r in su.execute("SELECT rev FROM tutor.investors WHERE id = %s", (other,)).fetchall()}
    return revs


def test_the_change_set_goes_up_whole_or_not_at_all(clients: dict[str, Client], server: TestServer,
                                                    duplicates: tuple[str, str, str, str]) -> None:
    anna, carla = clients["anna"], clients["carla"]
    kept, other, _, p_anna = duplicates
    more = [_dossier_on(anna, other, f"Reparto {n}") for n in range(4)]
    anna.sync()
    carla.sync()
    moved = [p_anna, *more]
    merge_investors(carla.ws, kept, [other])
    assert len({e["change_set"] for e in carla.outbox()}) == 1 and len(carla.outbox()) >= 7

    # The connection dies while the set is on its way: the server holds none of it.
    with carla.session() as session:
        pid = session.conn.info.backend_pid

        def kill(step: str) -> None:
            if step == "push:sending":
                with server.superuser() as su:
                    su.execute("SELECT pg_terminate_backend(%s)", (pid,))

        with contextlib.suppress(OfflineError, psycopg.Error):
            synchronize(carla.ws.store, session, fault=kill, push_batch=2)
    assert {p["investor_id"] for k, p in server.dump("projects").items() if k in moved} == {other}
    assert server.dump("investors")[other]["merged_into"] is None

    # Batches of two changes: the set still goes up in one push, one revision.
    carla.reopen()
    carla.sync(push_batch=2)
    assert len(_set_revs(server, kept, other, moved)) == 1
    assert {p["investor_id"] for k, p in server.dump("projects").items() if k in moved} == {kept}


def test_a_merge_is_undone_as_another_change_set(clients: dict[str, Client], server: TestServer,
                                                 duplicates: tuple[str, str, str, str]) -> None:
    anna, carla = clients["anna"], clients["carla"]
    kept, other, _, p_anna = duplicates
    merge = merge_investors(carla.ws, kept, [other])
    undo_merge(carla.ws, merge)  # before a sync: nothing of it need reach the server
    assert carla.rows("projects")[p_anna]["investor_id"] == other
    merge = merge_investors(carla.ws, kept, [other])
    carla.sync()
    undo_merge(carla.ws, merge)  # and after one
    carla.sync()
    anna.sync()
    assert server.dump("investors")[other]["deleted"] is False
    assert server.dump("projects")[p_anna]["investor_id"] == other
    assert anna.rows("projects")[p_anna]["investor_id"] == other
    assert {c.id: (c.dossiers, c.contacts) for c in candidates(anna.ws, [other])} == {other: (1, 1)}
