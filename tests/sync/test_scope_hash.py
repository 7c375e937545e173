"""The hash of what a user sees is kept, not recomputed at each hello (issue 12, DESIGN §5.9).

On the server, the dossier hashes are kept in parts per province and per (tutor, province)
(db/server/definitions/40_audit.sql) and a hello combines a handful of them
(tutor._scope_hash); on a device, one row holds the XOR of the hashes of the dossiers held,
kept by triggers (local schema 0004). Both must always equal the same numbers recomputed from the
rows: random runs of what moves them (new dossiers, edits, deletes, meetings, reassignments,
province changes, a user's role and area changed), checked after every step, on the server and
on every profile; and one more sync of everyone is idle (the kept numbers agree across sides).
Then the bugs those checks exist for, planted one at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from tests.sync.helpers import Client, TestServer, held_scope_differences, planted, scope_hash_differences
from tutor_app.services import dossiers, meetings
from tutor_app.store import replica
from tutor_app.store.state import HASH_SCHEME
from tutor_app.sync.context import SyncReport
from tutor_app.sync.engine import synchronize

pytestmark = pytest.mark.postgres

USERS = {"mario": ("Mario Rossi", "project_tutor", ()), "anna": ("Anna Bianchi", "project_tutor", ()),
         "rita": ("Rita Neri", "regional_tutor", ("LC", "MB")), "carla": ("Carla Verdi", "coordinator", ())}
PROVINCES = st.sampled_from(["MB", "LC", "BG", None])
WHO = st.sampled_from(sorted(USERS))
PICK = st.integers(0, 50)

STEPS = st.one_of(
    st.tuples(st.just("create"), WHO, PROVINCES),
    st.tuples(st.just("edit"), WHO, PICK, st.sampled_from(["Linea 2", "Nuovo capannone", "Ampliamento"])),
    st.tuples(st.just("province"), WHO, PICK, PROVINCES),
    st.tuples(st.just("meeting"), WHO, PICK),
    st.tuples(st.just("drop_meeting"), WHO, PICK),
    st.tuples(st.just("delete"), WHO, PICK),
    st.tuples(st.just("assign"), WHO, PICK, st.booleans()),
    st.tuples(st.just("role"), WHO, st.sampled_from(["project_tutor", "regional_tutor", "coordinator"]),
              st.sampled_from([("MB",), ("LC", "BG"), ("MB", "LC", "BG")])),
    st.tuples(st.just("sync"), WHO),
)


@pytest.fixture
def people(server: TestServer, tmp_path: Path) -> Iterator[dict[str, Client]]:
    made = {user: Client.make(server, tmp_path, user, name, role, provinces)
            for user, (name, role, provinces) in USERS.items()}
    yield made
    for client in made.values():
        client.close()


def _held(client: Client, table: str = "projects", **where: Any) -> list[str]:
    rows = client.rows(table)
    return sorted(k for k, r in rows.items() if all(r[c] == v for c, v in where.items()))


def _pick(ids: list[str], n: int) -> str | None:
    return ids[n % len(ids)] if ids else None


def apply_step(server: TestServer, people: dict[str, Client], step: tuple[Any, ...]) -> None:
    """One thing that moves a hash: made on a profile as the user makes it (it reaches the
    server at that user's next sync), or on the server by IT (assignments, roles)."""
    kind, user = step[0], step[1]
    client = people[user]
    if kind == "create":
        client.new_project(f"Dossier {len(_held(client))}", province=step[2])
    elif kind == "sync":
        client.sync(refetch_expected=True)  # a role or an assignment changed: the sanity check catches up
    elif kind == "role":
        role, provinces = step[2], step[3] if step[2] == "regional_tutor" else ()
        server.add_user(user, role, provinces)
    elif kind == "assign":
        with server.superuser() as su:
            projects = sorted(str(p) for (p,) in su.execute("SELECT id FROM tutor.projects").fetchall())
        project = _pick(projects, step[2])
        if project is not None:
            server.assign(project, user, step[3])
    else:
        project = _pick(_held(client, deleted=0), step[2])
        if project is None:
            return
        if kind == "edit":
            dossiers.update_project(client.ws, project, title=step[3])
        elif kind == "province":
            dossiers.update_project(client.ws, project, province=step[3])
        elif kind == "meeting":
            meetings.record_meeting(client.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                    minutes=f"Verbale {step[2]}")
        elif kind == "delete":
            dossiers.delete_project(client.ws, project)
        elif kind == "drop_meeting":
            meeting = _pick(_held(client, "meetings", project_id=project, deleted=0), step[2])
            if meeting is not None:
                meetings.delete_meeting(client.ws, meeting)


def differences(server: TestServer, people: dict[str, Client]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if server_side := scope_hash_differences(server):
        found["server"] = server_side
    for user, client in people.items():
        if mine := held_scope_differences(client):
            found[user] = mine
    return found


def run_steps(server: TestServer, people: dict[str, Client], steps: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The steps, each followed by the checks; then everyone synced until settled, and one more
    sync of each idle. What went wrong first (empty when nothing did)."""
    for n, step in enumerate(steps):
        apply_step(server, people, step)
        if found := differences(server, people):
            return {"step": n, "what": step, **found}
    for _ in range(2):
        for client in people.values():
            client.sync(refetch_expected=True)
    if found := differences(server, people):
        return {"step": "settled", **found}
    not_idle = [user for user, client in people.items() if not client.sync().idle]
    return {"not_idle": not_idle} if not_idle else {}


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(STEPS, min_size=4, max_size=14))
def test_the_kept_scope_hashes_equal_the_ones_recomputed_from_the_rows_after_any_steps(
        server: TestServer, people: dict[str, Client], steps: list[tuple[Any, ...]]) -> None:
    # The server and the profiles carry on from one example to the next: each example starts from
    # whatever the ones before it left, and the numbers must hold in every such state.
    note(f"steps: {steps}")
    assert run_steps(server, people, steps) == {}


# The bugs the checks above exist for, each planted and caught by the same checks.

MOVED_BY_UNASSIGNING = ("(n.project_id, n.tutor_id, n.deleted) IS DISTINCT FROM (o.project_id, o.tutor_id, o.deleted)",
                        "(n.project_id, n.tutor_id) IS DISTINCT FROM (o.project_id, o.tutor_id)")
MOVED_BY_PROVINCE = ("WHERE n.province IS DISTINCT FROM o.province", "WHERE false")
OLD_ROWS_TAKEN_OUT = ("FROM old_rows o\n", "FROM old_rows o WHERE false\n")


def _made_and_synced(people: dict[str, Client]) -> str:
    mario = people["mario"]
    project = mario.new_project("Stabilimento", province="MB")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z", minutes="Verbale")
    mario.sync()
    for user in ("rita", "carla"):
        people[user].sync()
    assert differences(people["mario"].server, people) == {}
    return project


def test_an_unassignment_that_leaves_the_tutors_part_is_caught(server: TestServer, people: dict[str, Client]) -> None:
    project = _made_and_synced(people)
    with planted(server, "tutor._place_hashes", MOVED_BY_UNASSIGNING):
        server.assign(project, "mario", False)
        found = scope_hash_differences(server)
    assert set(found) == {"tutors", "users"}
    assert set(found["users"]) == {server.address.login_role("mario")}  # only Mario's view moved


@pytest.mark.parametrize(("function", "bug", "edit", "wrong_for"), [
    # Rita's area (LC, MB) lost the dossier; Carla's view and Mario's did not change.
    ("tutor._place_hashes", MOVED_BY_PROVINCE, {"province": "BG"}, {"rita"}),
    ("tutor._scope_parts", OLD_ROWS_TAKEN_OUT, {"title": "Nuovo titolo"}, {"mario", "rita", "carla"}),
], ids=["province change leaves the province part", "hash change forgets the old row"])
def test_a_dossier_edit_that_leaves_a_part_behind_is_caught(server: TestServer, people: dict[str, Client],
                                                            function: str, bug: tuple[str, str],
                                                            edit: dict[str, str], wrong_for: set[str]) -> None:
    project = _made_and_synced(people)
    with planted(server, function, bug):
        dossiers.update_project(people["mario"].ws, project, **edit)
        people["mario"].sync(refetch_expected=True)
        found = scope_hash_differences(server)
    assert {"provinces", "tutors", "users"} <= set(found)
    assert set(found["users"]) == {server.address.login_role(user) for user in wrong_for}


def _sync_healing(client: Client) -> SyncReport:
    """A sync that may put the profile's kept hash right (``Client.sync`` fails on that)."""
    with client.session() as session:
        return synchronize(client.ws.store, session)


def test_a_profile_whose_trigger_misses_a_purge_is_caught(server: TestServer, people: dict[str, Client]) -> None:
    """A dossier taken from Mario is purged from his profile (its rows, then its hash): the kept
    total loses the dossier's hash with its project row."""
    project = _made_and_synced(people)
    mario = people["mario"]
    with mario.ws.store.write() as w:
        w.conn.exec_driver_sql("DROP TRIGGER projects_scope_delete")
    server.assign(project, "mario", False)
    with mario.ws.store.write() as w:  # the purge a sync makes, without the sanity check after it
        replica.purge_project(w.conn, project)
    found = held_scope_differences(mario)
    assert found and found["kept"] != found["from_rows"] == found["from_hashes"]
    report = _sync_healing(mario)  # the sanity check puts the kept hash right, and says so
    assert (report.sanity, report.refetched, report.purged) == ("repaired", 0, 0)
    assert held_scope_differences(mario) == {} and mario.sync().idle


def test_a_profile_whose_trigger_misses_a_hash_deleted_is_caught(server: TestServer,
                                                                 people: dict[str, Client]) -> None:
    """The dossier hashes computed again (an older Tutor's form, ``sanity.ensure_hash_scheme``):
    every one deleted and stored again; the kept total must not count them twice."""
    _made_and_synced(people)
    carla = people["carla"]
    with carla.ws.store.write() as w:
        w.conn.exec_driver_sql("DROP TRIGGER sync_project_hashes_scope_delete")
        HASH_SCHEME.set(w.conn, 1)
    report = _sync_healing(carla)
    assert (report.sanity, report.refetched, report.purged) == ("repaired", 0, 0)
    with pytest.raises(AssertionError, match="kept hash had drifted"):
        with carla.ws.store.write() as w:
            HASH_SCHEME.set(w.conn, 1)
        carla.sync()


def test_a_profile_whose_trigger_misses_an_edit_is_caught(server: TestServer, people: dict[str, Client]) -> None:
    project = _made_and_synced(people)
    carla = people["carla"]
    with carla.ws.store.write() as w:
        w.conn.exec_driver_sql("DROP TRIGGER sync_project_hashes_scope_update")
    dossiers.update_project(people["mario"].ws, project, title="Nuovo titolo")
    people["mario"].sync()
    with pytest.raises(AssertionError, match="kept hash had drifted"):
        carla.sync()  # the pulled edit moved the dossier's hash, not the total
    assert held_scope_differences(carla) == {}  # put right by that sync's sanity check
