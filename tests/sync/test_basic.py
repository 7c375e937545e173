"""End to end with a real server: two project tutors and a coordinator, each on their own profile."""

from __future__ import annotations

import pytest

from tests.sync.helpers import Client, TestServer, on_fault
from tutor_app.services import dossiers, meetings

pytestmark = pytest.mark.postgres


def test_a_new_dossier_reaches_the_coordinator_but_not_another_tutor(clients: dict[str, Client]) -> None:
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    project = mario.new_project("Fab Agrate")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                            decisions="Due decisioni", actions=[{"text": "Inviare AUA", "owner": "ARPA"}])
    report = mario.sync()
    assert report.rejected == 0 and report.pushed > 0
    assert not mario.outbox()
    anna.sync()
    carla.sync()
    assert [d.title for d in dossiers.list_dossiers(carla.ws)] == ["Fab Agrate"]
    assert dossiers.list_dossiers(anna.ws) == []
    seen = dossiers.get_dossier(carla.ws, project)
    assert seen.meetings[0].decisions == "Due decisioni"
    assert seen.meetings[0].actions[0].text == "Inviare AUA"
    assert seen.tutors == (("Mario Rossi", "project_tutor"),)


def test_the_server_assigns_a_new_project_to_its_creator(clients: dict[str, Client], server: TestServer) -> None:
    mario = clients["mario"]
    project = mario.new_project()
    mario.sync()
    assignments = [a for a in server.dump("assignments").values() if a["project_id"] == project]
    assert [(a["tutor_id"], a["deleted"]) for a in assignments] == [(mario.tutor_id, False)]


def test_a_new_assignment_arrives_as_a_snapshot_of_the_dossier(clients: dict[str, Client],
                                                               server: TestServer) -> None:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Data centre Settimo")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z")
    mario.sync()
    anna.sync()
    assert dossiers.list_dossiers(anna.ws) == []
    server.assign(project, "anna")
    report = anna.sync()
    assert report.snapshots == 1
    dossier = dossiers.get_dossier(anna.ws, project)
    assert len(dossier.meetings) == 1 and len(dossier.permits) > 0
    assert anna.sync().idle


def test_an_idle_sync_is_one_round_trip(clients: dict[str, Client]) -> None:
    mario = clients["mario"]
    mario.new_project()
    mario.sync()
    report = mario.sync()
    assert report.idle and report.round_trips == 1


def test_edits_of_different_fields_merge_without_a_conflict(clients: dict[str, Client], server: TestServer) -> None:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project()
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    dossiers.update_project(mario.ws, project, capex_cents=5_000_000_00)
    dossiers.update_project(anna.ws, project, new_hires=120)
    mario.sync()
    report = anna.sync()
    assert report.conflicts == 0
    mario.sync()
    for client in (mario, anna):
        project_row = dossiers.get_dossier(client.ws, project).project
        assert (project_row["capex_cents"], project_row["new_hires"]) == (5_000_000_00, 120)


def test_a_dossier_that_differs_is_fetched_again_alone_keeping_pending_edits(
        clients: dict[str, Client], server: TestServer) -> None:
    mario = clients["mario"]
    damaged, intact = mario.new_project("Danneggiato"), mario.new_project("Intatto")
    mario.sync()
    with mario.ws.store.write() as w:  # a copy gone wrong behind the store's back (no outbox entry)
        w.conn.exec_driver_sql("UPDATE projects SET title = 'Guasto' WHERE id = ?", (damaged,))
        w.conn.exec_driver_sql("DELETE FROM phase_entries WHERE project_id = ?", (damaged,))
    with mario.ws.store.write() as w:  # ...and the hash kept by the store says so
        from tutor_app.store import hashes

        hashes.store(w.conn, hashes.compute(w.conn, [damaged]))
    report = mario.sync(refetch_expected=True)
    assert (report.sanity, report.snapshots, report.refetched) == ("repaired", 1, 1)
    assert dossiers.get_dossier(mario.ws, damaged).project["title"] == "Danneggiato"
    assert len(dossiers.get_dossier(mario.ws, damaged).phases) == 1
    assert mario.sync().idle
    assert dossiers.get_dossier(mario.ws, intact).project["title"] == "Intatto"


def test_the_client_computes_the_servers_dossier_hashes(clients: dict[str, Client], server: TestServer) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project = mario.new_project("Con caratteri «speciali» è \"citati\"\n")
    meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                            participants="Ünïcödé\tmit Tab", decisions="€ 1.000")
    mario.sync()
    carla.sync()
    with server.superuser() as su:
        on_server = {str(p): h for p, h in su.execute("SELECT project_id, hash FROM tutor.project_hashes")}
    from tutor_app.store import hashes

    for client in (mario, carla):
        with client.ws.store.read() as conn:
            assert hashes.compute(conn, [project]) == {project: on_server[project]}
            assert hashes.stored(conn)[project] == on_server[project]


def test_pointing_a_project_at_a_new_investor_goes_up_after_the_investor(clients: dict[str, Client],
                                                                        server: TestServer) -> None:
    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    mario.sync()
    dossiers.update_project(mario.ws, project, title="Fab Agrate 2")
    investor = dossiers.create_investor(mario.ws, name="Nuovo Gruppo SA", country="FR", sector="manufacturing")
    dossiers.update_project(mario.ws, project, investor_id=investor)
    report = mario.sync()
    assert report.rejected == 0
    held = server.dump("projects")[project]
    assert held["title"] == "Fab Agrate 2" and held["investor_id"] == investor
    assert mario.outbox() == []


def test_a_write_between_the_last_pull_batch_and_a_new_dossiers_snapshot_needs_no_refetch(
        clients: dict[str, Client], server: TestServer) -> None:
    """The last pull batch carries the scope hash of its moment; a dossier that came into view is
    fetched after it and may hold later writes: the check after the sync then asks the server
    again (and pulls what came meanwhile) instead of finding a difference and fetching again.
    (Found by review: the hash of the batch was used as is.)"""
    mario, anna = clients["mario"], clients["anna"]
    mario.sync()
    arriving, held = anna.new_project("Fab Agrate"), anna.new_project("Lab Pavia")
    anna.sync()
    server.assign(held, "mario")
    mario.sync()
    server.assign(arriving, "mario")

    def meanwhile() -> None:
        dossiers.update_project(anna.ws, arriving, title="Fab Agrate, seconda fase")
        dossiers.update_project(anna.ws, held, title="Lab Pavia, seconda fase")
        anna.sync()

    report = mario.sync(fault=on_fault("pull:fetched", meanwhile))  # fails on any dossier fetched again
    assert (report.sanity, report.snapshots, report.refetched) == ("ok", 1, 0)
    titles = {pid: dossiers.get_dossier(mario.ws, pid).project["title"] for pid in (arriving, held)}
    assert titles == {arriving: "Fab Agrate, seconda fase", held: "Lab Pavia, seconda fase"}



def test_after_a_large_push_the_dossier_list_counts_nothing_waiting(clients: dict[str, Client]) -> None:
    """From 200 entries on, the push removes them with the list's triggers aside and recounts the
    waiting changes once for the batch (store.outbox): the list must still say what the outbox says,
    also when the push was taken as sent and no pull follows to rebuild the list."""
    mario = clients["mario"]
    project = mario.new_project("Molte riunioni")
    made = [meetings.record_meeting(mario.ws, project, table="technical", decisions=f"Riunione {n}",
                                    starts_at=f"2026-10-{n % 28 + 1:02d}T09:00:00Z") for n in range(200)]
    mario.sync()
    for n, meeting in enumerate(made):
        meetings.update_meeting(mario.ws, meeting, decisions=f"Riunione {n}, decisa")

    def listed() -> tuple[int, int]:
        with mario.ws.store.read() as conn:
            index = conn.exec_driver_sql("SELECT pending FROM dossier_index WHERE id = ?", (project,)).scalar_one()
            source = conn.exec_driver_sql("SELECT pending FROM dossier_index_source WHERE id = ?",
                                          (project,)).scalar_one()
        return int(index), int(source)

    assert listed() == (200, 200)
    report = mario.sync()
    assert report.pushed == 200 and report.pulled == 0 and not mario.outbox()
    assert listed() == (0, 0)
