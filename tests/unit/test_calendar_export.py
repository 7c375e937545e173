"""My meetings and permit deadlines as an iCalendar file: what it holds, and that a re-export
updates the events already imported (same UIDs, a higher SEQUENCE) instead of adding them twice."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import text

from tests.conftest import TODAY
from tutor_app.cli.main import main
from tutor_app.domain.schema import parse_instant
from tutor_app.services import meetings, permits, recycle_bin
from tutor_app.services.calendar_export import PAST_DAYS, UID_DOMAIN, calendar_projects, export_calendar
from tutor_app.services.home import my_project_ids
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import TUTOR_ID


def _events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_the_calendar_holds_my_meetings_and_open_legal_deadlines_only(demo_workspace: Workspace,
                                                                       tmp_path: Path) -> None:
    ws = demo_workspace
    with ws.store.read() as conn:
        mine = set(my_project_ids(conn, TUTOR_ID.get(conn)))
        every = {pid for (pid,) in conn.execute(text("SELECT id FROM projects WHERE deleted = 0"))}
        since = (datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC)
                 - timedelta(days=PAST_DAYS)).isoformat().replace("+00:00", "Z")
        want_meetings = {mid for mid, pid in conn.execute(text(
            "SELECT id, project_id FROM meetings WHERE deleted = 0 AND starts_at >= :s"), {"s": since})
            if pid in mine}
        want_permits = {iid for iid, pid in conn.execute(text(
            "SELECT id, project_id FROM permit_items WHERE deleted = 0 AND status = 'submitted' "
            "AND legal_due_on IS NOT NULL")) if pid in mine}
    assert mine and mine < every, "the demo's tutor follows some dossiers, not all"
    result = export_calendar(ws, tmp_path / "mine.ics")
    events = {uid: e for uid, e in _events(result.path).items()
              if e.get("status") != "CANCELLED"}  # type: ignore[attr-defined]
    assert (result.meetings, result.deadlines) == (len(want_meetings), len(want_permits))
    assert set(events) == {f"meeting-{m}@tutor.invest-lombardy" for m in want_meetings} | {
        f"permit-deadline-{p}@tutor.invest-lombardy" for p in want_permits}
    assert want_meetings and want_permits
    a_deadline = next(e for uid, e in events.items() if uid.startswith("permit-deadline-"))
    assert str(a_deadline["summary"]).startswith("Scadenza: ")
    assert not isinstance(a_deadline.decoded("dtstart"), datetime)  # an all-day event


def test_a_re_export_updates_the_same_events_and_an_unchanged_one_is_the_same_file(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    ws = demo_workspace
    project = calendar_projects(ws)[0]
    first = export_calendar(ws, tmp_path / "one.ics", project)
    again = export_calendar(ws, tmp_path / "again.ics", project)
    assert first.path.read_bytes() == again.path.read_bytes()
    before = _events(first.path)
    moved_uid = next(uid for uid in before if uid.startswith("meeting-"))
    meeting_id = moved_uid.removeprefix("meeting-").split("@")[0]
    starts = parse_instant(str(before[moved_uid].decoded("dtstart").isoformat())) + timedelta(days=2)  # type: ignore[attr-defined]
    meetings.update_meeting(ws, meeting_id, starts_at=starts)
    after = _events(export_calendar(ws, tmp_path / "after.ics", project).path)
    assert set(after) == set(before)  # updated, not duplicated
    assert after[moved_uid].decoded("dtstart") == starts  # type: ignore[attr-defined]
    assert int(after[moved_uid]["sequence"]) >= int(before[moved_uid]["sequence"])  # type: ignore[index]
    assert after[moved_uid]["last-modified"].dt > before[moved_uid]["last-modified"].dt  # type: ignore[index]


def test_a_meeting_and_a_permit_deleted_after_an_export_are_cancelled_with_the_same_uid(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    ws = demo_workspace
    first = _events(export_calendar(ws, tmp_path / "before.ics").path)
    meeting_uid = next(uid for uid, e in first.items()
                       if uid.startswith("meeting-") and e.get("status") != "CANCELLED")  # type: ignore[attr-defined]
    permit_uid = next(uid for uid, e in first.items()
                      if uid.startswith("permit-deadline-") and e.get("status") != "CANCELLED")  # type: ignore[attr-defined]
    # edited just before the export: the delete falls in the same minute, and must still outrank it
    meetings.update_meeting(ws, meeting_uid.removeprefix("meeting-").split("@")[0], place="Sala B")
    first = _events(export_calendar(ws, tmp_path / "before.ics").path)
    recycle_bin.delete(ws, "meetings", meeting_uid.removeprefix("meeting-").split("@")[0])
    recycle_bin.delete(ws, "permit_items", permit_uid.removeprefix("permit-deadline-").split("@")[0])
    result = export_calendar(ws, tmp_path / "after.ics")
    after = _events(result.path)
    for uid in (meeting_uid, permit_uid):  # Outlook takes it out on the next import
        assert str(after[uid]["status"]) == "CANCELLED"  # type: ignore[index]
        assert int(after[uid]["sequence"]) > int(first[uid]["sequence"])  # type: ignore[index]
        assert first[uid].get("status") != "CANCELLED"  # type: ignore[attr-defined]
    live = [e for e in after.values() if e.get("status") != "CANCELLED"]  # type: ignore[attr-defined]
    assert result.meetings + result.deadlines == len(live)  # the counts say what is in the diary


def test_a_deadline_that_no_longer_runs_is_cancelled_with_the_same_uid(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    """A permit granted, or asked for an integration (the term suspended), after an export: the
    deadline still to come that Outlook was given goes out of its calendar at the next import (one
    past stays: the term did end that day). Back in the running (filed again), it comes back under
    its UID, after the cancellation."""
    ws = demo_workspace
    first = _events(export_calendar(ws, tmp_path / "before.ics").path)
    running = [uid for uid, e in first.items()  # still to come: a past term's end stays in the diary
               if uid.startswith("permit-deadline-") and e.get("status") != "CANCELLED"  # type: ignore[attr-defined]
               and e.decoded("dtstart") >= ws.today()]  # type: ignore[attr-defined]
    overdue = [uid for uid, e in first.items()
               if uid.startswith("permit-deadline-") and e.get("status") != "CANCELLED"  # type: ignore[attr-defined]
               and e.decoded("dtstart") < ws.today()]  # type: ignore[attr-defined]
    assert len(running) >= 2 and overdue
    granted, suspended = (uid.removeprefix("permit-deadline-").split("@")[0] for uid in running[:2])
    permits.update_permit(ws, granted, status="granted", decided_on=ws.today().isoformat())
    permits.update_permit(ws, suspended, status="integration_requested")
    result = export_calendar(ws, tmp_path / "after.ics")
    after = _events(result.path)
    for uid in running[:2]:
        assert str(after[uid]["status"]) == "CANCELLED"  # type: ignore[index]
        assert int(after[uid]["sequence"]) > int(first[uid]["sequence"])  # type: ignore[index]
    assert result.deadlines == len(running) + len(overdue) - 2
    late = overdue[0].removeprefix("permit-deadline-").split("@")[0]
    permits.update_permit(ws, late, status="granted", decided_on=ws.today().isoformat())
    assert overdue[0] not in _events(export_calendar(ws, tmp_path / "late.ics").path)  # the term did end then
    time.sleep(1.05)  # a second later (a SEQUENCE counts seconds)
    permits.update_permit(ws, suspended, status="submitted", submitted_on=ws.today().isoformat())
    again = _events(export_calendar(ws, tmp_path / "again.ics").path)
    assert again[running[1]].get("status") != "CANCELLED"  # type: ignore[attr-defined]
    assert int(again[running[1]]["sequence"]) > int(after[running[1]]["sequence"])  # type: ignore[index]


def test_a_deleted_dossier_cancels_its_events_and_restored_brings_them_back(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    ws = demo_workspace
    first = export_calendar(ws, tmp_path / "before.ics")
    before = _events(first.path)
    with ws.store.read() as conn:
        mine = [pid for pid in calendar_projects(ws) if conn.execute(text(
            "SELECT count(*) FROM meetings WHERE project_id = :p AND deleted = 0 AND starts_at >= '2026-09'"),
            {"p": pid}).scalar()]
        theirs = {f"meeting-{m}@{UID_DOMAIN}" for (m,) in conn.execute(text(
            "SELECT id FROM meetings WHERE project_id = :p AND deleted = 0"), {"p": mine[0]})} & set(before)
    assert theirs
    time.sleep(1.05)  # a second later (a SEQUENCE counts seconds)
    recycle_bin.delete(ws, "projects", mine[0])
    gone = export_calendar(ws, tmp_path / "gone.ics")
    after = _events(gone.path)
    for uid in theirs:  # Outlook takes them out at the next import
        assert str(after[uid]["status"]) == "CANCELLED"  # type: ignore[index]
        assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])  # type: ignore[index]
    assert gone.meetings == first.meetings - len(theirs)
    time.sleep(1.05)
    recycle_bin.restore(ws, "projects", mine[0])
    back = _events(export_calendar(ws, tmp_path / "back.ics").path)
    for uid in theirs:  # and back again, outranking the cancellation
        assert back[uid].get("status") != "CANCELLED"  # type: ignore[attr-defined]
        assert int(back[uid]["sequence"]) > int(after[uid]["sequence"])  # type: ignore[index]


def test_one_dossier_only_and_english_words(demo_workspace: Workspace, tmp_path: Path) -> None:
    ws = demo_workspace
    project = calendar_projects(ws)[0]
    result = export_calendar(ws, tmp_path / "en.ics", project, lang="en")
    with ws.store.read() as conn:
        title = conn.execute(text("SELECT title FROM projects WHERE id = :p"), {"p": project}).scalar_one()
    events = _events(result.path).values()
    assert events and all(str(e["summary"]).endswith(f"— {title}") for e in events)  # type: ignore[index]
    assert all("Dossier:" in str(e["description"]) for e in events)  # type: ignore[index]
    assert not any("Scadenza" in str(e["summary"]) for e in events)  # type: ignore[index]


def test_the_command_writes_the_file_of_the_readme_line(tutor_home: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--projects", "12", "--profile", "demo"]) == 0
    out = tmp_path / "riunioni.ics"
    assert main(["calendar", "--out", str(out), "--profile", "demo"]) == 0
    printed = capsys.readouterr().out
    assert f"Scritto {out} (" in printed and " riunioni, " in printed and "scadenz" in printed
    whole = len(_events(out))
    assert main(["list", "--profile", "demo"]) == 0
    code = re.search(r"\b\d{4}-[A-Z]{3}-\d{4}\b", capsys.readouterr().out)
    assert code is not None
    assert main(["calendar", code.group(0), "--out", str(tmp_path / "one.ics"), "--profile", "demo"]) == 0
    assert 0 < len(_events(tmp_path / "one.ics")) <= whole
    assert main(["calendar", "2099-XXX-0001", "--out", str(tmp_path / "none.ics"), "--profile", "demo"]) == 2
    assert not (tmp_path / "none.ics").exists()



def _sent(ws: Workspace) -> dict[str, tuple[str, int, bool]]:
    with ws.store.read() as conn:
        return {r[0]: (r[1], r[2], bool(r[3])) for r in conn.execute(text(
            "SELECT uid, day, sequence, cancelled FROM calendar_sent"))}


def test_a_deadline_no_longer_filed_is_cancelled_though_the_export_no_longer_makes_it(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    """A permit's filing taken back (no date, no term): the export makes no event of it at all,
    and the one it wrote is cancelled all the same (it stayed in Outlook)."""
    ws = demo_workspace
    first = _events(export_calendar(ws, tmp_path / "before.ics").path)
    uid = next(u for u, e in first.items() if u.startswith("permit-deadline-")
               and e.get("status") != "CANCELLED" and e.decoded("dtstart") >= ws.today())  # type: ignore[attr-defined]
    permits.update_permit(ws, uid.removeprefix("permit-deadline-").split("@")[0], status="to_do",
                          submitted_on=None)
    after = _events(export_calendar(ws, tmp_path / "after.ics").path)
    assert str(after[uid]["status"]) == "CANCELLED"  # type: ignore[index]
    assert int(after[uid]["sequence"]) > int(first[uid]["sequence"])  # type: ignore[index]


def test_an_export_in_the_other_language_outranks_the_last_and_an_unchanged_one_writes_nothing(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    """The same records in English are other events for Outlook: a higher SEQUENCE, or it would
    keep the Italian ones. An export that changes nothing writes nothing to the profile."""
    ws = demo_workspace
    italian = _events(export_calendar(ws, tmp_path / "it.ics").path)
    english = export_calendar(ws, tmp_path / "en.ics", lang="en").path
    for uid, event in _events(english).items():
        assert int(event["sequence"]) > int(italian[uid]["sequence"]), uid  # type: ignore[index]
    reader = sqlite3.connect(ws.store.path)
    before = reader.execute("PRAGMA data_version").fetchone()
    again = export_calendar(ws, tmp_path / "en-again.ics", lang="en").path
    assert again.read_bytes() == english.read_bytes()
    assert reader.execute("PRAGMA data_version").fetchone() == before  # no commit
    reader.close()


def test_meetings_that_leave_the_diarys_window_are_forgotten_not_cancelled(
        demo_workspace: Workspace, tmp_path: Path) -> None:
    ws = demo_workspace
    first = _events(export_calendar(ws, tmp_path / "before.ics").path)
    past = {uid for uid, e in first.items() if uid.startswith("meeting-")
            and e.decoded("dtstart").date() < ws.today()}  # type: ignore[attr-defined]
    assert past and past <= set(_sent(ws))
    later = _events(export_calendar(ws, tmp_path / "later.ics", since=ws.today()).path)
    assert not past & set(later)  # left in Outlook as they happened
    assert not past & set(_sent(ws))
