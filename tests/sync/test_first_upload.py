"""A laptop's first sync after working offline from its very first day: the profile's own tutor
record, made with the profile, goes up alone, so that every change after it takes the server's
set-based path (75_fast_create.sql leaves a whole batch to the change-by-change path while the
user has no tutor record linked yet)."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.services import meetings

pytestmark = pytest.mark.postgres


def _calls(server: TestServer, function: str) -> int:
    with server.superuser() as su:
        su.execute("SELECT pg_stat_clear_snapshot()")
        found = su.execute("SELECT calls FROM pg_stat_user_functions WHERE schemaname = 'tutor' AND funcname = %s",
                           (function,)).fetchone()
    return int(found[0]) if found else 0


def test_a_profile_made_offline_sends_its_tutor_record_alone_and_the_rest_set_based(
        server: TestServer, pg_superuser: psycopg.Connection[object], tmp_path: Path) -> None:
    # 'all': SQL functions too, those the planner inlines excepted (they are never called)
    pg_superuser.execute(f'ALTER DATABASE "{server.database}" SET track_functions = \'all\'')
    laptop = Client.make(server, tmp_path, "ugo", "Ugo Caricatore", "project_tutor")
    for n in range(3):
        project = laptop.new_project(f"Stabilimento {n}")
        meetings.record_meeting(laptop.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                minutes=f"Primo incontro {n}")
    waiting = len(laptop.outbox())
    sizes: list[int] = []

    def progress(step: str, done: int, _total: int | None) -> None:
        if step == "push:committed":
            sizes.append(done)

    report = laptop.sync(progress=progress)
    assert report.pushed == waiting and report.rejected == 0
    assert not laptop.outbox()
    assert sizes[:2] == [0, 1], sizes  # the first push holds one change: the tutor record
    time.sleep(1.2)  # the server's function statistics reach the shared counters within a second
    for _ in range(20):
        if _calls(server, "_push_batch"):
            break
        time.sleep(0.5)
    # Only the tutor record took the change-by-change path; every dossier row the set-based one.
    assert _calls(server, "_push_one") == 1
    assert _calls(server, "_fast_create") >= 1
    # A new row's stamps and revisions are made inline in the INSERT, not by a call per row.
    assert _calls(server, "_compact_stamps") == _calls(server, "_revs_written") == 0
    other = Client(server, "ugo", laptop.ws.__class__.open(db=tmp_path / "second.sqlite3"))
    other.sync()
    assert len(other.rows("meetings")) == 3 and len(other.rows("projects")) == 3


def test_the_rows_a_first_upload_creates_are_not_sent_back_in_the_answer(
        server: TestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server stores a new row's stamps compact ("*" for the fields written at once, as the
    laptop does), and still knows the row for one it holds as its change says: only the rows it
    wrote otherwise come back (the creator's assignment the server made, the user's tutor record
    with its role and initials), not every row of the upload again."""
    from tutor_app.sync.pg_session import PgSession

    laptop = Client.make(server, tmp_path, "ugo", "Ugo Caricatore", "project_tutor")
    for n in range(3):
        project = laptop.new_project(f"Stabilimento {n}")
        meetings.record_meeting(laptop.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                minutes=f"Primo incontro {n}")
    sent_back: list[str] = []
    push = PgSession.push

    def watched(self: PgSession, *args: object, **kwargs: object) -> object:
        answer = push(self, *args, **kwargs)  # type: ignore[arg-type]
        sent_back.extend(table for table, _row in answer.written or ())
        return answer

    monkeypatch.setattr(PgSession, "push", watched)
    report = laptop.sync()
    assert report.rejected == 0 and report.pulled == 0 and report.sent_back == len(sent_back)
    assert set(sent_back) <= {"tutors", "assignments"}, sent_back
    assert sent_back.count("assignments") == 3, sent_back
    # What the laptop holds is what a full pull gives.
    other = Client(server, "ugo", laptop.ws.__class__.open(db=tmp_path / "second.sqlite3"))
    other.sync()
    for table in ("projects", "meetings", "phase_entries", "investors", "permit_items"):
        assert laptop.rows(table) == other.rows(table), table
