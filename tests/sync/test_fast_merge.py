"""The server's set-based fast path for plain edits (revision 0005) decides exactly as the
per-change merge: same results, rows, history, hashes, records and applied-change ids."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.sync.helpers import Client, TestServer, merge_outcome
from tutor_app.domain.hlc import Stamp
from tutor_app.services import meetings
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres

def _stamp(device: str, n: int) -> str:
    return f"{int(time.time() * 1000):013d}-{n:06d}-{device}"


def _change(table: str, row: str, base: int, fields: dict[str, Any], device: str, n: int,
            change_id: str | None = None) -> dict[str, Any]:
    return {"id": change_id or str(uuid.uuid4()), "table": table, "row": row, "base": base, "fields": fields,
            "stamps": {k: _stamp(device, n) for k in fields}}


def _history(server: TestServer, row: str) -> list[dict[str, Any]]:
    with server.superuser() as su:
        return [h for (h,) in su.execute("SELECT to_jsonb(h) FROM tutor.history h WHERE h.row_id = %s", (row,))]


def _run(su: psycopg.Connection[Any], role: str, device: str, batches: list[list[dict[str, Any]]],
         guarded: bool) -> tuple[dict[str, Any], int]:
    """The batches applied in one transaction at one revision, then undone: the state and how many
    changes went through the per-change merge."""
    with su.transaction(force_rollback=True):
        su.execute("SET LOCAL track_functions = 'all'")
        rev = su.execute("UPDATE tutor.counter SET rev = rev + 1 RETURNING rev").fetchone()[0]
        now = su.execute("SELECT tutor._now_text()").fetchone()[0]
        results: list[Any] = []
        for batch in batches:
            (out,) = su.execute(
                "SELECT to_jsonb(tutor._push_batch(u, %s, %s, %s::jsonb, NULL, %s, %s)) FROM tutor.users u"
                " WHERE u.role_name = %s", (device, rev, json.dumps(batch), now, guarded, role)).fetchone()
            results.extend(out)
        merged = su.execute("SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions"
                            " WHERE schemaname = 'tutor' AND funcname = '_merge'").fetchone()[0]
        return merge_outcome(su, results), int(merged)


def test_a_batch_of_plain_edits_and_a_conflicting_edit_is_merged_as_change_by_change(
        clients: dict[str, Client], server: TestServer) -> None:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Fab Agrate")
    rows = [meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                    minutes=f"Verbale {n}", decisions=f"Decisione {n}") for n in range(6)]
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    with server.superuser() as su:
        base = su.execute("SELECT rev FROM tutor.counter").fetchone()[0]
    # Anna writes, after Mario's base, the decisions of meeting 1 (a conflict for Mario's edit of
    # them) and the place of meeting 2 (not a field Mario edits: his edit is merged).
    meetings.update_meeting(anna.ws, rows[1], decisions="Versione di Anna")
    meetings.update_meeting(anna.ws, rows[2], place="Sala riunioni")
    anna.sync()
    with server.superuser() as su:
        role = su.execute("SELECT role_name FROM tutor.users WHERE role_name LIKE %s",
                          ("%mario",)).fetchone()[0]
        device = su.execute("SELECT device FROM tutor.devices WHERE role_name = %s", (role,)).fetchone()[0]
        time.sleep(0.005)
        repeated = str(uuid.uuid4())
        batch = [
            _change("meetings", rows[0], base, {"minutes": "Verbale rivisto 0"}, device, 1),     # applied
            _change("meetings", rows[1], base, {"decisions": "Versione di Mario"}, device, 2),  # conflict
            _change("meetings", rows[2], base, {"minutes": "Rivisto 2", "agenda": "Odg"}, device, 3),  # merged
            _change("meetings", rows[3], base, {"minutes": "Verbale 3"}, device, 4),            # unchanged
            _change("meetings", rows[4], base, {"project_id": str(uuid.uuid4())}, device, 5),   # immutable
            _change("meetings", rows[5], base, {"minutes": "Prima"}, device, 6),                # same row twice
            _change("meetings", rows[5], base, {"agenda": "Dopo"}, device, 7),
            {"id": "not-an-id", "table": "meetings", "row": rows[0], "base": base, "fields": {}, "stamps": {}},
            _change("meetings", str(uuid.uuid4()), base,                                        # a new record
                    {"project_id": project, "table": "technical", "starts_at": "2026-03-13T09:00:00.000000Z",
                     "minutes": "Nuova", "deleted": False}, device, 8),
            _change("meetings", rows[0], 10 ** 9, {"minutes": "x"}, device, 9),                 # bad revision
            _change("meetings", rows[3], base, {"agenda": "Una volta"}, device, 10, repeated),
        ]
        fast, fast_merges = _run(su, role, device, [batch], guarded=False)
        slow, slow_merges = _run(su, role, device, [batch], guarded=True)  # 0004's path, change by change
        alone, _ = _run(su, role, device, [[change] for change in batch], guarded=False)
    statuses = [r["status"] for r in fast["results"]]
    assert statuses == ["applied", "conflict", "merged", "applied", "rejected", "applied", "merged",
                        "rejected", "applied", "rejected", "applied"], fast["results"]
    assert fast["results"][3].get("unchanged") is True
    assert fast_merges < slow_merges  # the plain edits did take the fast path
    assert fast == slow
    assert fast == alone
    assert len(fast["conflicts"]) == 1 and fast["history"]


def test_changes_without_an_id_or_a_row_leave_the_others_on_the_fast_path(
        clients: dict[str, Client], server: TestServer) -> None:
    """Two malformed changes (no id, no row) are refused one by one; the plain edits beside them
    still take the fast path (a NULL among the ids to skip once turned it off for the batch)."""
    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    rows = [meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                    minutes=f"Verbale {n}") for n in range(4)]
    mario.sync()
    with server.superuser() as su:
        base = su.execute("SELECT rev FROM tutor.counter").fetchone()[0]
        role = su.execute("SELECT role_name FROM tutor.users WHERE role_name LIKE %s",
                          ("%mario",)).fetchone()[0]
        device = su.execute("SELECT device FROM tutor.devices WHERE role_name = %s", (role,)).fetchone()[0]
        time.sleep(0.005)
        plain = [_change("meetings", row, base, {"minutes": f"Rivisto {n}"}, device, n + 1)
                 for n, row in enumerate(rows[:2])]
        no_ids = [{k: v for k, v in _change("meetings", row, base, {"minutes": "x"}, device, 9).items() if k != "id"}
                  for row in rows[2:]]
        no_rows = [{k: v for k, v in _change("meetings", rows[0], base, {"minutes": "y"}, device, 9).items()
                    if k != "row"} for _ in range(2)]
        state, merged = _run(su, role, device, [plain + no_ids + no_rows], guarded=False)
    assert [r["status"] for r in state["results"]] == ["applied"] * 2 + ["rejected"] * 4
    assert merged == 0  # the plain edits took the fast path; the malformed ones never reach a merge


def test_a_new_record_stamped_ahead_of_the_server_clock_is_stored_clamped_beside_others_taken_at_once(
        clients: dict[str, Client], server: TestServer) -> None:
    """A laptop whose clock is fast creates a meeting: the set-based path for new rows leaves it to
    the per-change merge, which stores the server's time in place of the future stamps (and says
    so), while the new meeting beside it, stamped right, is created set-based."""
    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    mario.sync()
    with server.superuser() as su:
        role = su.execute("SELECT role_name FROM tutor.users WHERE role_name LIKE %s", ("%mario",)).fetchone()[0]
        device = su.execute("SELECT device FROM tutor.devices WHERE role_name = %s", (role,)).fetchone()[0]
        rev = su.execute("SELECT rev FROM tutor.counter").fetchone()[0]
    fields = {"project_id": project, "table": "technical", "starts_at": "2026-03-13T09:00:00.000000Z",
              "minutes": "Nuova", "deleted": False}
    ahead = f"{int(time.time() * 1000) + 3 * 3_600_000:013d}-000001-{device}"
    fast, right = str(uuid.uuid4()), str(uuid.uuid4())
    batch = [{**_change("meetings", fast, 0, fields, device, 1), "stamps": dict.fromkeys(fields, ahead)},
             _change("meetings", right, 0, fields, device, 2)]
    with server.superuser() as su, su.transaction():  # as Mario, as if he had logged in
        su.execute("SET LOCAL track_functions = 'all'")
        su.execute(sql.SQL("SET LOCAL SESSION AUTHORIZATION {}").format(sql.Identifier(role)))
        (answer,) = su.execute("SELECT tutor.push(%s, %s, %s::jsonb, %s)",
                               (PROTOCOL, device, json.dumps(batch), rev)).fetchone()
        merged = su.execute("SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions"
                            " WHERE funcname = '_merge'").fetchone()[0]
    clamped, plain = answer["results"]
    assert (clamped["status"], plain["status"]) == ("applied", "applied"), answer
    assert set(clamped["stamps"]) == set(fields) and "stamps" not in plain  # what the server holds instead
    assert merged == 1  # the meeting stamped right was created set-based
    stored = server.dump("meetings")
    assert stored[fast]["stamps"] == clamped["stamps"] and stored[right]["stamps"] == batch[1]["stamps"]
    assert all(Stamp.decode(s).ms <= int(time.time() * 1000) + 1000 for s in clamped["stamps"].values())
    assert {h["change_id"] for h in _history(server, fast)} == {batch[0]["id"]}
