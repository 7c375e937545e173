"""The server's set-based fast path decides exactly as its change-by-change path, on random pushes.

Two fresh servers hold the same region (the same profiles synced to each, so the same ids). Each
example pushes the same random batches, as the same users and devices, to both: to one with the
fast path on (as every client pushes), to the other with ``tutor.fast_path = 'off'``, which sends
every change through the per-change merge. Results, rows (with their stamps), history, conflict
records, applied-change ids and dossier hashes must stay equal, example after example: the
servers move in lockstep, so a divergence anywhere shows at once.

The batches mix what a push meets: plain edits on the current base, stale bases that conflict
or merge, deletes, new meetings, a row twice in a batch, replayed and reused change ids, values
the field rules refuse, and edits of a dossier the user does not see. Every stamp is behind the
server's clock (the profiles' clocks run two minutes late), so no stamp is clamped to server time.
"""

from __future__ import annotations

import collections
import itertools
import json
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from psycopg import sql

from tests.sync.helpers import Client, TestServer, _open, drop_database, merge_outcome, plant
from tutor_app.services import meetings
from tutor_app.sync.connection import group_roles
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres

LATE_MS = -120_000  # the profiles' clocks: their seed stamps come before every stamp pushed here
USERS = ("mario", "anna")
CHANGE_IDS = uuid.UUID("0b5e1c52-8a43-4f0e-9c1d-3f2a7d6e5b40")
TEXTS = st.sampled_from(["Verbale", "Verbale rivisto", "Decisione presa", "", "Sala A", "Città àèìòù"])
EDITABLE = {
    "meetings": {"minutes": TEXTS, "agenda": TEXTS, "decisions": TEXTS, "place": TEXTS},
    "projects": {"municipality": TEXTS, "description": TEXTS, "new_hires": st.integers(0, 40),
                 "zis": st.booleans()},
}
# Values the field rules refuse (each with its field): a push names the field in its refusal.
REFUSED = {
    "meetings": [("starts_at", "2026-02-30T09:00:00.000000Z"), ("table", "no_such_table"), ("minutes", 7)],
    "projects": [("new_hires", -1), ("title", ""), ("province", "ZZ")],
}


class Diverged(AssertionError):
    """The two paths left something different: which part, and each path's version of it."""

    def __init__(self, key: str, fast: Any, slow: Any) -> None:
        super().__init__(f"{key} differ:\nfast path: {fast!r}\nchange by change: {slow!r}")
        self.key, self.fast, self.slow = key, fast, slow


@dataclass(frozen=True)
class Region:
    fast: TestServer
    slow: TestServer
    devices: dict[str, str]
    start_ms: int  # stamps pushed here are after the seed's and before the server's clock
    seed_rev: int  # the servers' head once seeded (the same on both)


@dataclass(frozen=True)
class Change:
    """A change as drawn, resolved against the rows the servers hold when it is pushed."""

    kind: str  # edit | delete | create | refused | replay | reuse
    table: str
    pick: int  # which row (by index among the servers' rows of the table)
    fields: tuple[tuple[str, Any], ...]
    base: str  # current | stale | zero
    stamp_ms: int  # after the region's start_ms
    new_id: uuid.UUID


def _seed(folder: Path, servers: tuple[TestServer, TestServer]) -> dict[str, str]:
    """Each user's profile made once and copied, then synced to both servers: the same rows and
    ids on each. Mario has three dossiers with meetings; Anna is assigned the first."""
    devices: dict[str, str] = {}
    first, second = servers
    made: dict[str, Client] = {}
    for user, name in (("mario", "Mario Rossi"), ("anna", "Anna Bianchi")):
        made[user] = Client.make(first, folder / "fast", user, name, "project_tutor", skew_ms=LATE_MS)
    mario = made["mario"]
    projects = [mario.new_project(f"Stabilimento {n}") for n in range(3)]
    for project in projects:
        for n in range(3):
            meetings.record_meeting(mario.ws, project, table="technical", starts_at=f"2026-03-1{n}T09:00:00Z",
                                    minutes=f"Verbale {n}", decisions=f"Decisione {n}")
    (folder / "slow").mkdir()
    for user, client in made.items():
        devices[user] = client.ws.store.device_id
        with client.away():
            shutil.copy(client.ws.store.path, folder / "slow" / client.ws.store.path.name)
        second.add_user(user, "project_tutor")
    twins = {user: Client(second, user, _open(folder / "slow" / f"{user}.sqlite3", LATE_MS), LATE_MS)
             for user in made}
    try:
        for clients, server in ((made, first), (twins, second)):
            clients["mario"].sync()
            clients["anna"].sync()
            code = clients["mario"].rows("projects")[projects[0]]["code"]
            server.assign(code, "anna")
            clients["anna"].sync()
    finally:
        for client in [*made.values(), *twins.values()]:
            client.close()
    return devices


@pytest.fixture(scope="module")
def region(pg_superuser: psycopg.Connection[Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Region]:
    fast, slow = TestServer.create(pg_superuser), TestServer.create(pg_superuser)
    try:
        devices = _seed(tmp_path_factory.mktemp("region"), (fast, slow))
        heads = set()
        for server in (fast, slow):
            with server.superuser() as su:
                heads.add(su.execute("SELECT rev FROM tutor.counter").fetchone()[0])
        assert len(heads) == 1, heads
        yield Region(fast, slow, devices, int(time.time() * 1000) - 60_000, heads.pop())
    finally:
        for server in (fast, slow):
            server.close()
            drop_database(pg_superuser, server.database)


def _changes() -> st.SearchStrategy[Change]:
    def build(kind: str, table: str, pick: int, base: str, stamp: int, new_id: uuid.UUID,
              draw_fields: dict[str, Any], refused: int) -> Change:
        if kind == "create":
            table = "meetings"
        if kind == "refused":
            fields: tuple[tuple[str, Any], ...] = (REFUSED[table][refused % len(REFUSED[table])],)
        elif kind == "delete":
            fields = (("deleted", True),)
        else:
            fields = tuple(sorted(draw_fields.get(table, {}).items())) or (("minutes", "x"),)
        return Change(kind, table, pick, fields, base, stamp, new_id)

    edits = st.fixed_dictionaries({table: st.dictionaries(st.sampled_from(sorted(options)), st.just(None),
                                                          min_size=1, max_size=3)
                                   for table, options in EDITABLE.items()})

    @st.composite
    def values(draw: st.DrawFn) -> dict[str, Any]:
        names = draw(edits)
        return {table: {name: draw(EDITABLE[table][name]) for name in chosen} for table, chosen in names.items()}

    return st.builds(
        build,
        kind=st.sampled_from(["edit"] * 6 + ["delete", "create", "refused", "replay", "reuse"]),
        table=st.sampled_from(["meetings"] * 3 + ["projects"]),
        pick=st.integers(0, 50),
        base=st.sampled_from(["current", "current", "stale", "zero"]),
        stamp=st.integers(0, 30_000),
        new_id=st.uuids(),
        draw_fields=values(),
        refused=st.integers(0, 2),
    )


BATCHES = st.lists(st.tuples(st.sampled_from(USERS), st.lists(_changes(), min_size=1, max_size=8)),
                   min_size=1, max_size=4)


# The rows in an order that does not depend on the seed's random ids: the same draws pick the same
# rows on every run, so a run that passes once passes always.
_ROWS = {
    "projects": "SELECT id, rev, id FROM tutor.projects ORDER BY code",
    "meetings": "SELECT m.id, m.rev, m.project_id FROM tutor.meetings m JOIN tutor.projects p ON p.id = m.project_id"
                " ORDER BY p.code, m.starts_at, m.minutes, m.id",
}


def _rows(su: psycopg.Connection[Any]) -> dict[str, list[tuple[str, int, str]]]:
    return {table: [(str(r[0]), int(r[1]), str(r[2])) for r in su.execute(query)] for table, query in _ROWS.items()}


def _resolve(change: Change, rows: dict[str, list[tuple[str, int, str]]], device: str, stamp_ms: int, n: int,
             pushed: list[dict[str, Any]]) -> dict[str, Any]:
    """The change as a client would send it, against the rows the servers hold now."""
    stamp = f"{stamp_ms:013d}-{n:06d}-{device}"
    if change.kind in ("replay", "reuse") and pushed:
        earlier = dict(pushed[change.pick % len(pushed)])
        if change.kind == "reuse":  # the same id with other values: refused, never applied twice
            earlier["fields"] = {**earlier["fields"], **dict(change.fields)}
            earlier["stamps"] = dict.fromkeys(earlier["fields"], stamp)
        return earlier
    if change.kind == "create":
        project = rows["projects"][change.pick % len(rows["projects"])][0]
        fields: dict[str, Any] = {"project_id": project, "table": "operational",
                                  "starts_at": "2026-04-01T10:00:00.000000Z", "deleted": False, **dict(change.fields)}
        return {"id": str(uuid.uuid5(CHANGE_IDS, str(n))), "table": "meetings", "row": str(change.new_id), "base": 0,
                "fields": fields, "stamps": dict.fromkeys(fields, stamp)}
    row_id, rev, _project = rows[change.table][change.pick % len(rows[change.table])]
    base = {"current": rev, "stale": max(rev - 2, 1), "zero": 0}[change.base]
    fields = dict(change.fields)
    return {"id": str(uuid.uuid5(CHANGE_IDS, str(n))), "table": change.table, "row": row_id, "base": base,
            "fields": fields, "stamps": dict.fromkeys(fields, stamp)}


def _push(su: psycopg.Connection[Any], role: str, device: str, batch: list[dict[str, Any]]) -> Any:
    """One push as ``role`` (its session user, as if it had logged in), in a savepoint: a push
    the server refuses whole leaves the example's transaction usable."""
    su.execute(sql.SQL("SET SESSION AUTHORIZATION {}").format(sql.Identifier(role)))
    try:
        with su.transaction():
            (answer,) = su.execute("SELECT tutor.push(%s, %s, %s::jsonb, NULL)",
                                   (PROTOCOL, device, json.dumps(batch))).fetchone() or (None,)
    except psycopg.Error as exc:
        return {"error": exc.sqlstate}
    finally:
        su.execute("RESET SESSION AUTHORIZATION")
    return {"rev": answer["rev"], "results": answer["results"]}


def _outcome(su: psycopg.Connection[Any], database: str, since: int) -> dict[str, Any]:
    """What the pushes left on a server, its role names without their per-database prefix. History
    and applied changes after ``since``: the seed's own differ (each server's initials were
    adopted at the time of its first sync, with a stamp of that time)."""
    outcome = merge_outcome(su, None, stamps=True)
    for key in ("history", "conflict_history", "applied"):
        outcome[key] = [entry for entry in outcome[key] if json.loads(entry)["rev"] > since]
    outcome["calls"] = dict(su.execute(
        "SELECT funcname, calls FROM pg_stat_xact_user_functions WHERE schemaname = 'tutor'"
        " AND funcname IN ('_merge', '_fast_merge')").fetchall())
    prefix = group_roles(database)["prefix"]
    return {key: json.loads(json.dumps(value).replace(prefix, "@")) for key, value in outcome.items()}


def _example(region: Region, su: psycopg.Connection[Any], server: TestServer, fast_path: bool,
             batches: list[tuple[str, list[Change]]]) -> dict[str, Any]:
    """The batches pushed to one server in a transaction that is then undone: every example
    starts from the seed, so hypothesis can shrink a failure to its smallest batches."""
    pushed: list[dict[str, Any]] = []
    answers: list[Any] = []
    serial = itertools.count(1)
    with su.transaction(force_rollback=True):
        su.execute("SET LOCAL track_functions = 'all'")
        if not fast_path:
            su.execute("SELECT set_config('tutor.fast_path', 'off', true)")
        for user, drawn in batches:
            device = region.devices[user]
            rows = _rows(su)
            batch: list[dict[str, Any]] = []
            for change in drawn:  # a replay takes an earlier change of the example, this batch's too
                batch.append(_resolve(change, rows, device, region.start_ms + change.stamp_ms, next(serial),
                                      pushed + batch))
            answers.append(_push(su, server.address.login_role(user), device, batch))
            pushed.extend(batch)
        return {"answers": answers, **_outcome(su, server.database, region.seed_rev)}


Calls = dict[str, int]  # calls of the per-change merge and of the fast merge, by function name


def _property(region: Region, *, shrink: bool = True) -> tuple[collections.Counter[str], Calls, Calls]:
    """Run the hypothesis property on the region's two servers: what the pushes answered, and
    how many times each server's pushes called the per-change and the fast merge."""
    seen: collections.Counter[str] = collections.Counter()
    calls = {"fast": collections.Counter(), "slow": collections.Counter()}

    @settings(max_examples=40, deadline=None, database=None, derandomize=True,
              phases=list(Phase) if shrink else [Phase.explicit, Phase.reuse, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(batches=BATCHES)
    def same_on_both(batches: list[tuple[str, list[Change]]]) -> None:
        fast = _example(region, conns[0], region.fast, True, batches)
        slow = _example(region, conns[1], region.slow, False, batches)
        calls["fast"].update(fast.pop("calls"))
        calls["slow"].update(slow.pop("calls"))
        for key in fast:
            if fast[key] != slow[key]:
                raise Diverged(key, fast[key], slow[key])
        for user, answer in zip((user for user, _ in batches), fast["answers"], strict=True):
            seen.update([f"{user}:error:{answer['error']}"] if "error" in answer else
                        (f"{user}:{r['status']}:{r.get('reason', '')}" for r in answer["results"]))

    with region.fast.superuser() as a, region.slow.superuser() as b:
        conns = (a, b)
        same_on_both()
    return seen, dict(calls["fast"]), dict(calls["slow"])


def test_the_fast_path_decides_as_change_by_change_on_random_pushes(region: Region) -> None:
    seen, fast, slow = _property(region)
    statuses = {key.split(":")[1] for key in seen}
    # The draws reach every answer a push gives (else the property would compare little).
    assert {"applied", "merged", "conflict", "duplicate", "rejected"} <= statuses, seen
    assert slow.get("_fast_merge", 0) == 0  # the switch did keep that server off the fast path
    assert fast.get("_fast_merge", 0) > 0 and fast.get("_merge", 0) < slow.get("_merge", 0), (fast, slow)


def test_the_property_catches_a_fast_path_that_lets_the_last_writer_win(region: Region) -> None:
    """The same property, with the fast path's conflict test planted away on the fast server:
    it must fail (a property no bug can break proves nothing)."""
    plant(region.fast, "tutor._fast_merge", FAST_LAST_WRITER_WINS)
    with pytest.raises(Diverged) as caught:
        _property(region, shrink=False)  # the failure itself is what counts here, not its smallest form
    # The fast path merged what the per-change path calls a conflict.
    assert caught.value.key == "answers" and '"conflict"' in json.dumps(caught.value.slow), caught.value


# The fast path's own test for a concurrent edit, planted away (_fast_merge in db/server).
FAST_LAST_WRITER_WINS = ("AND tutor._concurrent_write(cur.trevs, cur.tstamps, k.key, cur.base, $5)",
                         "AND false AND tutor._concurrent_write(cur.trevs, cur.tstamps, k.key, cur.base, $5)")
