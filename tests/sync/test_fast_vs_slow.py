"""The server's set-based fast path decides exactly as its change-by-change path, on random pushes.

Two fresh servers hold the same region (the same profiles synced to each, so the same ids). Each
example pushes the same random batches, as the same users and devices, to both: to one with the
fast path on (as every client pushes), to the other with ``tutor.fast_path = 'off'``, which sends
every change through the per-change merge. Results, rows (with their stamps), history, conflict
records, applied-change ids and dossier hashes must stay equal, example after example: the
servers move in lockstep, so a divergence anywhere shows at once.

The batches mix what a push meets: plain edits on the current base, stale bases that conflict
or merge, deletes, a row twice in a batch, replayed and reused change ids, values the field rules
refuse, and edits of a dossier the user does not see; and new rows, as a client makes them: new
dossiers (a new investor, the project with a fresh, a taken or a repeated code, its first phase,
the creator's copy of the assignment, a contact, a permit, an aftercare note), new meetings with
their action items, children whose parent comes in the same batch (before them or, out of order,
after them) or in an earlier one, new rows in a dossier the user does not see or that is
deleted, new rows with refused values, and creations replayed. A project tutor, a second one and
a coordinator push. Every stamp is behind the server's clock (the profiles' clocks run two
minutes late), so no stamp is clamped to server time.
"""

from __future__ import annotations

import collections
import itertools
import json
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from psycopg import sql

from tests.sync.helpers import Client, TestServer, _open, drop_database, merge_outcome, planted
from tutor_app.domain.schema import assignment_id
from tutor_app.services import meetings
from tutor_app.sync.connection import group_roles
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres

LATE_MS = -120_000  # the profiles' clocks: their seed stamps come before every stamp pushed here
USERS = {"mario": ("Mario Rossi", "project_tutor"), "anna": ("Anna Bianchi", "project_tutor"),
         "carla": ("Carla Verdi", "coordinator")}
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
    tutors: dict[str, str]  # each user's tutor record (the same ids on both servers)
    start_ms: int  # stamps pushed here are after the seed's and before the server's clock
    seed_rev: int  # the servers' head once seeded (the same on both)


@dataclass(frozen=True)
class Change:
    """A change as drawn, resolved against the rows the servers hold when it is pushed."""

    kind: str  # edit | delete | refused | replay | reuse | create | bad_create | dossier | meeting | child | investor
    table: str
    pick: int  # which row (by index among the servers' rows of the table)
    fields: tuple[tuple[str, Any], ...]
    base: str  # current | stale | zero
    stamp_ms: int  # after the region's start_ms
    new_id: uuid.UUID
    code: str = "fresh"  # a new dossier's code: fresh | taken (a dossier's on the server) | again (the last new one's)
    reverse: bool = False  # a new dossier or meeting sent children first, parents after them
    # A new dossier's other records: contact | permit | aftercare; an investor on the server in place
    # of a new one: known; its creator's copy of the assignment unlike the server's: claim (another
    # role) | stray (another row id); its first phase changed again before the push (a creation in
    # flight when the connection was cut, then edited: one row, two changes): edited.
    extras: tuple[str, ...] = ()
    children: int = 0  # a new meeting's action items


def _seed(folder: Path, servers: tuple[TestServer, TestServer]) -> tuple[dict[str, str], dict[str, str]]:
    """Each user's profile made once and copied, then synced to both servers: the same rows and
    ids on each. Mario has three dossiers with meetings; Anna is assigned the first; Carla, a
    coordinator, sees them all. The users' devices and tutor records."""
    devices: dict[str, str] = {}
    tutors: dict[str, str] = {}
    first, second = servers
    made: dict[str, Client] = {}
    for user, (name, role) in USERS.items():
        made[user] = Client.make(first, folder / "fast", user, name, role, skew_ms=LATE_MS)
    mario = made["mario"]
    projects = [mario.new_project(f"Stabilimento {n}") for n in range(3)]
    for project in projects:
        for n in range(3):
            meetings.record_meeting(mario.ws, project, table="technical", starts_at=f"2026-03-1{n}T09:00:00Z",
                                    minutes=f"Verbale {n}", decisions=f"Decisione {n}")
    (folder / "slow").mkdir()
    for user, client in made.items():
        devices[user] = client.ws.store.device_id
        tutors[user] = client.tutor_id
        with client.away():
            shutil.copy(client.ws.store.path, folder / "slow" / client.ws.store.path.name)
        second.add_user(user, USERS[user][1])
    twins = {user: Client(second, user, _open(folder / "slow" / f"{user}.sqlite3", LATE_MS), LATE_MS)
             for user in made}
    try:
        for clients, server in ((made, first), (twins, second)):
            for user in USERS:
                clients[user].sync()
            code = clients["mario"].rows("projects")[projects[0]]["code"]
            server.assign(code, "anna")
            clients["anna"].sync()
    finally:
        for client in [*made.values(), *twins.values()]:
            client.close()
    return devices, tutors


@pytest.fixture(scope="module")
def region(pg_superuser: psycopg.Connection[Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Region]:
    fast, slow = TestServer.create(pg_superuser), TestServer.create(pg_superuser)
    try:
        devices, tutors = _seed(tmp_path_factory.mktemp("region"), (fast, slow))
        heads = set()
        for server in (fast, slow):
            with server.superuser() as su:
                heads.add(su.execute("SELECT rev FROM tutor.counter").fetchone()[0])
        assert len(heads) == 1, heads
        yield Region(fast, slow, devices, tutors, int(time.time() * 1000) - 60_000, heads.pop())
    finally:
        for server in (fast, slow):
            server.close()
            drop_database(pg_superuser, server.database)


# The children a client adds to a dossier or a meeting, as its services make them.
# A copy of the user's own assignment to a dossier is one too (the server has it, or refuses it).
_CHILD_TABLES = ("action_items", "permit_items", "aftercare_notes", "phase_entries", "assignments")


def _changes() -> st.SearchStrategy[Change]:
    def build(kind: str, table: str, pick: int, base: str, stamp: int, new_id: uuid.UUID,
              draw_fields: dict[str, Any], refused: int, code: str, reverse: bool, extras: frozenset[str],
              children: int) -> Change:
        if kind in ("create", "bad_create", "meeting"):
            table = "meetings"
        if kind == "delete" and refused == 2:
            table = "investors"  # one a dossier may name (refused while a live dossier names it)
        if kind in ("refused", "bad_create"):
            fields: tuple[tuple[str, Any], ...] = (REFUSED[table][refused % len(REFUSED[table])],)
        elif kind == "delete":
            fields = (("deleted", True),)
        else:
            fields = tuple(sorted(draw_fields.get(table, {}).items())) or (("minutes", "x"),)
        return Change(kind, table, pick, fields, base, stamp, new_id, code, reverse, tuple(sorted(extras)), children)

    edits = st.fixed_dictionaries({table: st.dictionaries(st.sampled_from(sorted(options)), st.just(None),
                                                          min_size=1, max_size=3)
                                   for table, options in EDITABLE.items()})

    @st.composite
    def values(draw: st.DrawFn) -> dict[str, Any]:
        names = draw(edits)
        return {table: {name: draw(EDITABLE[table][name]) for name in chosen} for table, chosen in names.items()}

    return st.builds(
        build,
        kind=st.sampled_from(["edit"] * 9 + ["delete", "create", "refused", "replay", "reuse"]
                             + ["dossier"] * 3 + ["meeting"] * 2 + ["child"] * 2 + ["bad_create", "investor"]),
        table=st.sampled_from(["meetings"] * 3 + ["projects"]),
        pick=st.integers(0, 50),
        base=st.sampled_from(["current", "current", "stale", "zero"]),
        stamp=st.integers(0, 30_000),
        new_id=st.uuids(),
        draw_fields=values(),
        refused=st.integers(0, 2),
        code=st.sampled_from(["fresh", "fresh", "taken", "again"]),
        reverse=st.sampled_from([False, False, False, True]),
        extras=st.frozensets(st.sampled_from(["contact", "contact", "permit", "permit", "aftercare", "aftercare",
                                              "known", "claim", "stray", "edited"]), max_size=3),
        children=st.integers(0, 2),
    )


def _drawn(kind: str, new: int = 0, table: str = "meetings", pick: int = 0, stamp_ms: int = 1_000,
           fields: tuple[tuple[str, Any], ...] = (("minutes", "x"),), **more: Any) -> Change:
    return Change(kind, table, pick, fields, "current", stamp_ms, uuid.UUID(int=new), **more)


_DELETE = (("deleted", True),)
# Batches the random draws reach seldom, always tried first: each needs one rule of the fast path
# (70_merge.sql, 75_fast_create.sql), and a planted bug in that rule makes the property fail.
EXPLICIT: list[list[tuple[str, list[Change]]]] = [
    # An edit of a meeting another user wrote after the edit's base: a conflict (_concurrent_write).
    [("mario", [_drawn("edit", fields=(("minutes", "Verbale di Mario"),))]),
     ("carla", [Change("edit", "meetings", 0, (("minutes", "Verbale di Carla"),), "stale", 2_000, uuid.UUID(int=0))])],
    # A new dossier left to the per-change path (sent twice), then one with the same code: the
    # code the second keeps depends on the first being there (a dossier before it left to _merge).
    [("mario", [_drawn("dossier", 1), _drawn("replay", pick=1), _drawn("dossier", 2, code="again")])],
    # A company deleted in the batch that a new dossier names after it (refused while a live dossier
    # names it: the parent of a creation has no change of its own in the batch).
    [("carla", [_drawn("investor", 3, pick=7)]),
     ("carla", [_drawn("delete", table="investors", fields=_DELETE), _drawn("dossier", 4, extras=("known",))])],
    # A meeting created in a dossier another user deleted (a record says so: the dossier alive).
    [("mario", [_drawn("delete", table="projects", fields=_DELETE)]), ("carla", [_drawn("create", 5)])],
    # A record of a new dossier sent twice (left to the per-change path), as the same change or as
    # two: the dossier, created set-based, is the user's by then.
    [("anna", [_drawn("dossier", 7, extras=("permit",)), _drawn("replay", pick=3)])],
    [("anna", [_drawn("dossier", 8, extras=("edited",))])],
    # The creator's copy of the assignment of a new dossier that claims another role than the
    # server's: refused (only the server's own copy is answered "unchanged").
    [("mario", [_drawn("dossier", 9, extras=("claim",))])],
    # The copy of an assignment the server holds already (unchanged, at its own revision: only the
    # server's assignment made with a new dossier in the same batch is answered at the push's).
    [("mario", [_drawn("child", 6, stamp_ms=_CHILD_TABLES.index("assignments"))])],
]


BATCHES = st.lists(st.tuples(st.sampled_from(sorted(USERS)), st.lists(_changes(), min_size=1, max_size=8)),
                   min_size=1, max_size=4)


# The rows in an order that does not depend on the seed's random ids: the same draws pick the same
# rows on every run, so a run that passes once passes always.
_ROWS = {
    "projects": "SELECT id, rev, id FROM tutor.projects ORDER BY code",
    "meetings": "SELECT m.id, m.rev, m.project_id FROM tutor.meetings m JOIN tutor.projects p ON p.id = m.project_id"
                " ORDER BY p.code, m.starts_at, m.minutes, m.id",
    "investors": "SELECT id, rev, id FROM tutor.investors ORDER BY name, id",
}


def _rows(su: psycopg.Connection[Any]) -> dict[str, list[tuple[str, int, str]]]:
    rows = {table: [(str(r[0]), int(r[1]), str(r[2])) for r in su.execute(query)] for table, query in _ROWS.items()}
    rows["codes"] = [(str(code), 0, "") for (code,) in su.execute("SELECT code FROM tutor.projects ORDER BY code")]
    return rows


@dataclass
class Pushing:
    """Who pushes the batch being resolved, and what the example made so far."""

    device: str
    tutor: str
    stamp_ms: int
    serial: Iterator[int]
    pushed: list[dict[str, Any]]  # the example's changes, this batch's too
    codes: list[str]  # the codes of the dossiers the example created, in order


def _child(table: str, project: str, parent: str | None, n: int) -> dict[str, Any]:
    """The fields of a new record of a dossier (``parent``: an action item's meeting, an
    assignment's tutor)."""
    by_table: dict[str, dict[str, Any]] = {
        "assignments": {"tutor_id": parent, "role": "project_tutor"},
        "action_items": {"meeting_id": parent, "text": f"Azione {n}", "owner": None, "due_on": "2026-12-01",
                         "done": False},
        "permit_items": {"permit_code": "P01", "name": "Permesso di costruire", "authority": None,
                         "status": "to_do", "submitted_on": None, "expected_on": None, "decided_on": None,
                         "time_limit_days": 60, "notes": None, "position": n},
        "aftercare_notes": {"noted_on": "2026-11-20", "topic": "workforce", "text": f"Nota {n}",
                            "follow_up_on": None},
        "phase_entries": {"phase": "assistance", "entered_on": "2026-11-20"},
    }
    fields = by_table[table]
    return {"project_id": project, **fields, "deleted": False}


def _investor(n: int) -> dict[str, Any]:
    return {"name": f"Investitore {n}", "country": "DE", "sector": "manufacturing", "website": None,
            "parent_group": None, "deleted": False}


def _resolve(change: Change, rows: dict[str, list[tuple[str, int, str]]], me: Pushing) -> list[dict[str, Any]]:
    """The change as a client would send it, against the rows the servers hold now: one change,
    or the several a client sends for a new dossier or meeting."""
    def make(table: str, row: str, fields: dict[str, Any], base: int = 0) -> dict[str, Any]:
        n = next(me.serial)
        return {"id": str(uuid.uuid5(CHANGE_IDS, str(n))), "table": table, "row": row, "base": base,
                "fields": fields, "stamps": dict.fromkeys(fields, f"{me.stamp_ms:013d}-{n:06d}-{me.device}")}

    def new(name: str) -> str:
        return str(uuid.uuid5(change.new_id, name))

    def picked(table: str) -> tuple[str, int, str]:
        return rows[table][change.pick % len(rows[table])]

    if change.kind in ("replay", "reuse") and me.pushed:
        earlier = dict(me.pushed[change.pick % len(me.pushed)])
        if change.kind == "reuse":  # the same id with other values: refused, never applied twice
            earlier["fields"] = {**earlier["fields"], **dict(change.fields)}
            stamp = f"{me.stamp_ms:013d}-{next(me.serial):06d}-{me.device}"
            earlier["stamps"] = dict.fromkeys(earlier["fields"], stamp)
        return [earlier]
    if change.kind in ("create", "bad_create", "meeting"):
        project = picked("projects")[0]
        meeting = new("meeting")
        group = [make("meetings", meeting, {"project_id": project, "table": "operational",
                                            "starts_at": "2026-04-01T10:00:00.000000Z", "deleted": False,
                                            **dict(change.fields)})]
        if change.kind == "meeting":
            group += [make("action_items", new(f"action {n}"), _child("action_items", project, meeting, n))
                      for n in range(change.children)]
        return group[::-1] if change.reverse else group
    if change.kind == "child":
        table = _CHILD_TABLES[change.stamp_ms % len(_CHILD_TABLES)]
        if table == "action_items":
            parent, _rev, project = picked("meetings")
            return [make(table, new("child"), _child(table, project, parent, change.pick))]
        project = picked("projects")[0]
        if table == "assignments":
            return [make(table, assignment_id(project, me.tutor), _child(table, project, me.tutor, change.pick))]
        return [make(table, new("child"), _child(table, project, None, change.pick))]
    if change.kind == "investor":  # a company added to the directory alone (services.dossiers.create_investor)
        return [make("investors", new("investor"), _investor(change.pick))]
    if change.kind == "dossier":
        investor, project = picked("investors")[0] if "known" in change.extras else new("investor"), new("project")
        code = {"fresh": f"2026-NEW-{change.stamp_ms}", "taken": picked("codes")[0],
                "again": me.codes[-1] if me.codes else "2026-NEW-0"}[change.code]
        me.codes.append(code)
        group = [] if "known" in change.extras else [make("investors", investor, _investor(change.pick))]
        group += [make("projects", project, {
                      "code": code, "investor_id": investor, "title": f"Stabilimento nuovo {change.pick}",
                      "kind": "new_initiative", "sector": "manufacturing", "function": "production",
                      "status": "active", "capex_cents": None, "new_hires": change.pick, "municipality": None,
                      "province": "MB", "zis": False, "zls": False, "instruments": [], "services": [],
                      "description": None, "deleted": False}),
                  make("phase_entries", new("phase"), {"project_id": project, "phase": "lead",
                                                       "entered_on": "2026-11-25", "deleted": False})]
        for extra in change.extras:
            if extra in ("claim", "stray", "known", "edited"):
                continue
            if extra == "contact":
                group.append(make("contacts", new("contact"), {"investor_id": investor, "name": "Hans Müller",
                                                               "role": None, "email": None, "phone": None,
                                                               "deleted": False}))
            else:
                table = {"permit": "permit_items", "aftercare": "aftercare_notes"}[extra]
                group.append(make(table, new(extra), _child(table, project, None, 1)))
        mine = new("stray") if "stray" in change.extras else assignment_id(project, me.tutor)
        role = "regional_tutor" if "claim" in change.extras else "project_tutor"
        group.append(make("assignments", mine, {"project_id": project, "tutor_id": me.tutor, "role": role,
                                                "deleted": False}))
        if "edited" in change.extras:
            group.append(make("phase_entries", new("phase"), {"entered_on": "2026-11-26"}))
        return group[::-1] if change.reverse else group
    row_id, rev, _project = picked(change.table)
    base = {"current": rev, "stale": max(rev - 2, 1), "zero": 0}[change.base]
    return [make(change.table, row_id, dict(change.fields), base)]


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
        " AND funcname IN ('_merge', '_fast_merge', '_fast_create', '_assign')").fetchall())
    prefix = group_roles(database)["prefix"]
    return {key: json.loads(json.dumps(value).replace(prefix, "@")) for key, value in outcome.items()}


def _example(region: Region, su: psycopg.Connection[Any], server: TestServer, fast_path: bool,
             batches: list[tuple[str, list[Change]]]) -> dict[str, Any]:
    """The batches pushed to one server in a transaction that is then undone: every example
    starts from the seed, so hypothesis can shrink a failure to its smallest batches."""
    pushed: list[dict[str, Any]] = []
    answers: list[Any] = []
    sent: list[list[str]] = []  # of each change pushed: its table, and whether it is a new row
    serial = itertools.count(1)
    codes: list[str] = []
    with su.transaction(force_rollback=True):
        su.execute("SET LOCAL track_functions = 'all'")
        if not fast_path:
            su.execute("SELECT set_config('tutor.fast_path', 'off', true)")
        for user, drawn in batches:
            rows = _rows(su)
            batch: list[dict[str, Any]] = []
            for change in drawn:  # a replay takes an earlier change of the example, this batch's too
                batch += _resolve(change, rows, Pushing(region.devices[user], region.tutors[user],
                                                        region.start_ms + change.stamp_ms, serial, pushed + batch,
                                                        codes))
            answers.append(_push(su, server.address.login_role(user), region.devices[user], batch))
            sent.append([f"{c['table']}:{'new' if c['base'] == 0 else 'edit'}" for c in batch])
            pushed.extend(batch)
        return {"answers": answers, "sent": sent, **_outcome(su, server.database, region.seed_rev)}


Calls = dict[str, int]  # calls of the per-change and the fast merges (and _assign), by function name
# Every table a client creates rows in (the users' own records and conflict records aside).
CREATED = ("investors", "contacts", "projects", "phase_entries", "meetings", "action_items", "permit_items",
           "aftercare_notes", "assignments")


@dataclass
class Seen:
    """What the pushes of the property answered: by user and status, and for new rows by table."""

    answers: collections.Counter[str] = field(default_factory=collections.Counter)
    created: collections.Counter[str] = field(default_factory=collections.Counter)
    calls: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: {"fast": collections.Counter(), "slow": collections.Counter()})


def _property(region: Region, *, shrink: bool = True, examples: int = 60) -> Seen:
    """Run the hypothesis property on the region's two servers: what the pushes answered, and
    how many times each server's pushes called the per-change and the fast merges."""
    seen = Seen()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              phases=list(Phase) if shrink else [Phase.explicit, Phase.reuse, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(batches=BATCHES)
    def same_on_both(batches: list[tuple[str, list[Change]]]) -> None:
        fast = _example(region, conns[0], region.fast, True, batches)
        slow = _example(region, conns[1], region.slow, False, batches)
        seen.calls["fast"].update(fast.pop("calls"))
        seen.calls["slow"].update(slow.pop("calls"))
        for key in fast:
            if fast[key] != slow[key]:
                raise Diverged(key, fast[key], slow[key])
        for (user, _), answer, sent in zip(batches, fast["answers"], fast["sent"], strict=True):
            if "error" in answer:
                seen.answers[f"{user}:error:{answer['error']}"] += 1
                continue
            for r, what in zip(answer["results"], sent, strict=True):
                seen.answers[f"{user}:{r['status']}:{r.get('reason', '')}"] += 1
                table, new = what.split(":")
                if new == "new":
                    seen.created[f"{table}:{r['status']}:{r.get('reason', '')}"] += 1

    for batches in EXPLICIT:
        same_on_both = example(batches=batches)(same_on_both)
    with region.fast.superuser() as a, region.slow.superuser() as b:
        conns = (a, b)
        same_on_both()
    return seen


def test_the_fast_path_decides_as_change_by_change_on_random_pushes(region: Region) -> None:
    seen = _property(region)
    fast, slow = seen.calls["fast"], seen.calls["slow"]
    statuses = {key.split(":")[1] for key in seen.answers}
    # The draws reach every answer a push gives (else the property would compare little).
    assert {"applied", "merged", "conflict", "duplicate", "rejected"} <= statuses, seen.answers
    # New rows of every table were applied; others refused (a dossier not seen, a value refused,
    # a child sent before its parent) or replayed.
    assert {f"{table}:applied:" for table in CREATED} <= set(seen.created), seen.created
    assert {"rejected:not_assigned", "rejected:invalid", "rejected:forbidden", "duplicate:"} \
        <= {key.split(":", 1)[1] for key in seen.created}, seen.created
    assert slow["_fast_merge"] == slow["_fast_create"] == 0  # the switch did keep that server off the fast path
    assert fast["_fast_merge"] > 0 and fast["_merge"] < slow["_merge"], (fast, slow)
    # New dossiers took the set-based path, their creator's assignment with them.
    assert fast["_fast_create"] > 0 and fast["_assign"] < slow["_assign"], (fast, slow)


def test_the_property_catches_a_fast_path_that_lets_the_last_writer_win(region: Region) -> None:
    """The same property, with the fast path's conflict test planted away on the fast server:
    it must fail (a property no bug can break proves nothing)."""
    with planted(region.fast, "tutor._fast_merge", FAST_LAST_WRITER_WINS), pytest.raises(Diverged) as caught:
        _property(region, shrink=False)  # the failure itself is what counts here, not its smallest form
    # The fast path merged what the per-change path calls a conflict.
    assert caught.value.key == "answers" and '"conflict"' in json.dumps(caught.value.slow), caught.value


@pytest.mark.parametrize(("bug", "differs"), [
    pytest.param(("w.nv, $11 FROM w ORDER BY w.ord", "w.nv, $11 FROM w WHERE false ORDER BY w.ord"), "history",
                 id="new-rows-without-history"),
    pytest.param(("IF ent.name = 'projects' AND assigning AND part_made <> '{}' THEN", "IF false THEN"),
                 "assignments", id="new-dossier-without-its-creator"),
])
def test_the_property_catches_a_bulk_path_for_new_rows_that_skips_a_write(
        region: Region, bug: tuple[str, str], differs: str) -> None:
    """The same property, with a write of the set-based path for new rows planted away (_fast_create
    in db/server): the new rows' history rows, or the creator's assignment to a new dossier."""
    with planted(region.fast, "tutor._fast_create", bug), pytest.raises(Diverged) as caught:
        _property(region, shrink=False)
    assert caught.value.key == differs, caught.value


# The fast path's own test for a concurrent edit, planted away (_fast_merge in db/server).
FAST_LAST_WRITER_WINS = ("AND tutor._concurrent_write(cur.trevs, cur.tstamps, k.key, cur.base, $5)",
                         "AND false AND tutor._concurrent_write(cur.trevs, cur.tstamps, k.key, cur.base, $5)")
