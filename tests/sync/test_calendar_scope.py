"""The calendar export once a dossier leaves the tutor (services.calendar_sent): a dossier taken from
him is purged from his laptop at the next sync (DESIGN §5.5), nothing of it left to export, and yet
its meetings and deadlines still to come must leave his Outlook (cancelled under their UIDs, with a
higher SEQUENCE), and come back when the dossier does. On a real server: a coordinator reassigns,
the tutor syncs, then exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar, Event

from tests.sync.helpers import Client, TestServer
from tutor_app.domain import schema
from tutor_app.domain.permit_catalogue import CUSTOM_CODE
from tutor_app.services import dossiers, meetings, permits
from tutor_app.services.calendar_export import UID_DOMAIN, export_calendar

pytestmark = pytest.mark.postgres


def _diary(client: Client, title: str) -> tuple[str, dict[str, str]]:
    """A dossier of the client's with a meeting to come, one past (in the diary's window) and a
    filed permit's deadline to come (the tests' today is 2026-11-25); the UIDs of their events."""
    project = client.new_project(title)
    coming = meetings.record_meeting(client.ws, project, table="technical", starts_at="2026-12-10T09:00:00Z")
    past = meetings.record_meeting(client.ws, project, table="technical", starts_at="2026-11-10T09:00:00Z")
    permit = permits.add_permit(client.ws, project, CUSTOM_CODE, name="AUA", authority="Provincia",
                                time_limit_days=90)
    permits.update_permit(client.ws, permit, status="submitted", submitted_on="2026-11-02")
    return project, {"coming": f"meeting-{coming}@{UID_DOMAIN}", "past": f"meeting-{past}@{UID_DOMAIN}",
                     "deadline": f"permit-deadline-{permit}@{UID_DOMAIN}"}


def _export(client: Client, path: Path, project: str | None = None) -> tuple[bytes, dict[str, Event]]:
    export_calendar(client.ws, path, project)
    data = path.read_bytes()
    return data, {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def _cancelled(event: Event) -> bool:
    return str(event.get("status", "")) == "CANCELLED"


def _sequence(event: Event) -> int:
    return int(event.decoded("sequence"))


def _reassign(coordinator: Client, project: str, from_: Client, to: Client) -> None:
    """What a coordinator does on her laptop: the dossier given to one tutor, taken from the other."""
    dossiers.assign_dossiers(coordinator.ws, [project], to.tutor_id)
    with coordinator.ws.store.write() as w:
        w.delete(schema.ASSIGNMENTS, schema.assignment_id(project, from_.tutor_id))
    coordinator.sync()


def test_a_dossier_taken_from_the_tutor_leaves_his_outlook_and_comes_back_with_it(
        clients: dict[str, Client], tmp_path: Path) -> None:
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    taken, uids = _diary(mario, "Fab Agrate")
    _, kept_uids = _diary(mario, "Magazzino Bergamo")
    for client in (mario, anna, carla):
        client.sync()
    first_file, first = _export(mario, tmp_path / "first.ics")
    assert all(not _cancelled(first[uid]) for uid in (*uids.values(), *kept_uids.values()))
    assert _export(mario, tmp_path / "again.ics")[0] == first_file  # unchanged data: the same file

    _reassign(carla, taken, mario, anna)
    assert mario.sync().purged == 1
    assert taken not in mario.rows("projects") and not [
        m for m in mario.rows("meetings").values() if m["project_id"] == taken]  # nothing of it is left
    gone_file, gone = _export(mario, tmp_path / "gone.ics")
    for key in ("coming", "deadline"):  # Outlook takes them out at the next import
        assert _cancelled(gone[uids[key]]), key
        assert _sequence(gone[uids[key]]) > _sequence(first[uids[key]]), key
    assert uids["past"] not in gone  # a meeting held stays in the diary, as it happened
    for uid in kept_uids.values():  # the dossier kept is written as it was
        assert gone[uid].to_ical() == first[uid].to_ical()
    result = export_calendar(mario.ws, tmp_path / "count.ics")
    assert (result.meetings, result.deadlines) == (2, 1)  # the counts say what is in the diary
    assert _export(mario, tmp_path / "gone-again.ics")[0] == gone_file  # the same file again

    _reassign(carla, taken, anna, mario)
    report = mario.sync()
    assert report.snapshots == 1, report
    back_file, back = _export(mario, tmp_path / "back.ics")
    for key in ("coming", "deadline"):  # back, above their cancellation
        assert not _cancelled(back[uids[key]]), key
        assert _sequence(back[uids[key]]) > _sequence(gone[uids[key]]), key
        assert back[uids[key]]["summary"] == first[uids[key]]["summary"]
    assert not _cancelled(back[uids["past"]])
    assert _export(mario, tmp_path / "back-again.ics")[0] == back_file


def test_the_calendar_of_one_dossier_is_cancelled_once_it_is_taken_and_never_cancels_another(
        clients: dict[str, Client], tmp_path: Path) -> None:
    """Dossier ▸ Calendar of this dossier: what it wrote leaves Outlook with the dossier (at the
    next export of my calendar), and the file of another dossier says nothing of it."""
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    taken, uids = _diary(mario, "Fab Agrate")
    kept, kept_uids = _diary(mario, "Magazzino Bergamo")
    for client in (mario, anna, carla):
        client.sync()
    _, alone = _export(mario, tmp_path / "taken.ics", taken)
    assert set(alone) == set(uids.values())
    kept_file, kept_alone = _export(mario, tmp_path / "kept.ics", kept)
    assert set(kept_alone) == set(kept_uids.values())

    _reassign(carla, taken, mario, anna)
    assert mario.sync().purged == 1
    assert _export(mario, tmp_path / "kept-after.ics", kept)[0] == kept_file  # nothing of the dossier taken
    _, mine = _export(mario, tmp_path / "mine.ics")
    for key in ("coming", "deadline"):
        assert _cancelled(mine[uids[key]]) and _sequence(mine[uids[key]]) > _sequence(alone[uids[key]]), key
    assert all(not _cancelled(mine[uid]) for uid in kept_uids.values())


def test_a_regional_tutors_dossier_leaves_her_calendar_when_it_leaves_her_scope_or_her_area(
        server: TestServer, clients: dict[str, Client], tmp_path: Path) -> None:
    """Lucia, regional tutor of Monza e Brianza, follows no dossier: her calendar holds her area's.
    Given one, her calendar is hers alone: the other dossier's events leave it, though her laptop
    still holds it; exported on its own, it is back in Outlook and stays (her calendar never
    takes back what she asked for by name); moved to Bergamo, out of her area, it is purged, and
    her calendar cancels it."""
    mario, carla = clients["mario"], clients["carla"]
    lucia = Client.make(server, tmp_path, "lucia", "Lucia Neri", "regional_tutor", ("MB",))
    followed, followed_uids = _diary(mario, "Fab Agrate")
    other, uids = _diary(mario, "Magazzino Lissone")
    for client in (mario, carla, lucia, carla):
        client.sync()
    _, region = _export(lucia, tmp_path / "region.ics")
    assert {*uids.values(), *followed_uids.values()} <= set(region)

    dossiers.assign_dossiers(carla.ws, [followed], lucia.tutor_id)
    carla.sync()
    assert lucia.sync().purged == 0
    assert other in lucia.rows("projects")  # still in her area
    _, mine = _export(lucia, tmp_path / "mine.ics")
    for key in ("coming", "deadline"):  # no longer in the calendar of hers
        assert _cancelled(mine[uids[key]]) and _sequence(mine[uids[key]]) > _sequence(region[uids[key]]), key
    assert all(not _cancelled(mine[uid]) for uid in followed_uids.values())

    _, alone = _export(lucia, tmp_path / "alone.ics", other)
    for key in ("coming", "deadline"):  # asked for by name: back above its cancellation
        assert not _cancelled(alone[uids[key]]) and _sequence(alone[uids[key]]) > _sequence(mine[uids[key]]), key
    _, mine_again = _export(lucia, tmp_path / "mine-again.ics")
    assert not set(uids.values()) & set(mine_again)  # her calendar leaves it be
    assert all(mine_again[uid].to_ical() == mine[uid].to_ical() for uid in followed_uids.values())

    dossiers.update_project(carla.ws, other, province="BG")
    carla.sync()
    assert lucia.sync().purged == 1
    _, moved = _export(lucia, tmp_path / "moved.ics")
    for key in ("coming", "deadline"):  # out of her area: out of her Outlook
        assert _cancelled(moved[uids[key]]) and _sequence(moved[uids[key]]) > _sequence(alone[uids[key]]), key
