"""Convergence, by a hypothesis state machine against the real server.

Two project tutors (a shared dossier and one each) and a coordinator edit, create and delete
offline, with skewed clocks; the administrator assigns and unassigns; syncs are interrupted at
any step (the connection killed, or the client dying after the server committed) and clients
restart. After everyone syncs twice:
- every replica equals a superuser dump of the server filtered by a visibility rule written here,
  independently of the server's policies;
- every value ever typed is still somewhere a user can see: the present value, a value someone
  saw and replaced, or a conflict/rejection record — no value lost without a trace.
A last test plants a merge bug on the server (last writer wins, no record) and shows the state
machine catches it.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from tests.sync.helpers import LAST_WRITER_WINS, Client, TestServer, normal_row, on_fault, plant, visible_rows
from tutor_app.domain.errors import OfflineError
from tutor_app.domain.schema import ENTITIES
from tutor_app.services import dossiers, meetings

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SETTINGS = settings(max_examples=12, stateful_step_count=30, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
STEPS = ["hello", "push:sending", "push:committed", "pull:fetched", "sanity"]
NAMES = {"t1": ("Mario Rossi", "project_tutor"), "t2": ("Anna Bianchi", "project_tutor"),
         "co": ("Carla Verdi", "coordinator")}
TEXT_FIELDS = {"projects": ("description", "municipality"), "meetings": ("minutes", "decisions")}


@dataclass(frozen=True)
class Typed:
    """A value a user typed: where, by whom, and what the field held on their screen before."""

    table: str
    row: str
    field: str
    client: str
    previous: Any


def make_machine(server: TestServer) -> type[RuleBasedStateMachine]:
    class SyncMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.folder = Path(tempfile.mkdtemp(prefix="tutor-conv-"))
            self.clients: dict[str, Client] = {}
            self.typed: dict[str, Typed] = {}
            self.tokens = 0
            self.projects: list[str] = []
            # Rows in the order they were made: picking by index replays the same on every run
            # (ids are random, so sorting by id would not).
            self.made: dict[str, list[str]] = {"projects": [], "meetings": []}

        @initialize(skews=st.tuples(*[st.integers(-90_000, 90_000)] * 3))
        def start(self, skews: tuple[int, int, int]) -> None:
            server.reset()
            for (user, (name, role)), skew in zip(NAMES.items(), skews, strict=True):
                self.clients[user] = Client.make(server, self.folder, user, name, role, skew_ms=skew)
                self.clients[user].sync()
            t1, t2 = self.clients["t1"], self.clients["t2"]
            self.projects = [t1.new_project("Condiviso"), t1.new_project("Di Mario"), t2.new_project("Di Anna")]
            self.made["projects"] = list(self.projects)
            for project in self.projects:
                self.made["meetings"].append(meetings.record_meeting(
                    t1.ws if project != self.projects[2] else t2.ws, project, table="technical",
                    starts_at="2026-11-02T09:00:00Z"))
            t1.sync()
            t2.sync()
            server.assign(self.projects[0], "t2")
            for client in self.clients.values():
                client.sync()

        def teardown(self) -> None:
            try:
                if self.clients:
                    self.check_converged()
            finally:
                for client in self.clients.values():
                    client.close()
                shutil.rmtree(self.folder, ignore_errors=True)

        # -- what people do --------------------------------------------------------------

        def _pick(self, data: st.DataObject, client: Client, table: str) -> str | None:
            held = {k for k, v in client.rows(table).items() if not v["deleted"]}
            row = self.made[table][data.draw(st.integers(0, len(self.made[table]) - 1))]
            return row if row in held else None

        @rule(user=st.sampled_from(list(NAMES)), table=st.sampled_from(sorted(TEXT_FIELDS)), data=st.data())
        def type_a_value(self, user: str, table: str, data: st.DataObject) -> None:
            client = self.clients[user]
            row = self._pick(data, client, table)
            if row is not None:
                self._type(client, table, row, data.draw(st.sampled_from(TEXT_FIELDS[table])))

        @rule(user=st.sampled_from(list(NAMES)), field=st.sampled_from(TEXT_FIELDS["projects"]))
        def type_in_the_shared_dossier(self, user: str, field: str) -> None:
            """Where two tutors and the coordinator meet: the likeliest place for a conflict."""
            client = self.clients[user]
            row = client.rows("projects").get(self.projects[0])
            if row is not None and not row["deleted"]:
                self._type(client, "projects", self.projects[0], field)

        def _type(self, client: Client, table: str, row: str, field: str) -> None:
            user = client.user
            self.tokens += 1
            token = f"{user}-{self.tokens}"
            self.typed[token] = Typed(table, row, field, user, client.rows(table)[row][field])
            if table == "projects":
                dossiers.update_project(client.ws, row, **{field: token})
            else:
                meetings.update_meeting(client.ws, row, **{field: token})

        @rule(user=st.sampled_from(list(NAMES)), data=st.data())
        def record_a_meeting(self, user: str, data: st.DataObject) -> None:
            client = self.clients[user]
            project = self._pick(data, client, "projects")
            if project is not None:
                self.made["meetings"].append(meetings.record_meeting(
                    client.ws, project, table="operational", starts_at="2026-11-20T15:00:00Z"))

        @rule(user=st.sampled_from(list(NAMES)), data=st.data())
        def delete_a_meeting(self, user: str, data: st.DataObject) -> None:
            client = self.clients[user]
            meeting = self._pick(data, client, "meetings")
            if meeting is not None:
                meetings.delete_meeting(client.ws, meeting)

        @rule(user=st.sampled_from(list(NAMES)))
        def sync(self, user: str) -> None:
            self.clients[user].sync()

        @rule(user=st.sampled_from(list(NAMES)), step=st.sampled_from(STEPS), crash=st.booleans())
        def interrupted_sync(self, user: str, step: str, crash: bool) -> None:
            client = self.clients[user]
            with client.session() as session:
                pid = session.conn.info.backend_pid

                def cut() -> None:
                    if crash:
                        raise KeyboardInterrupt  # the client dies (after the server committed, at push:committed)
                    with server.superuser() as su:
                        su.execute("SELECT pg_terminate_backend(%s)", (pid,))

                from tutor_app.sync.engine import synchronize

                with contextlib.suppress(OfflineError, KeyboardInterrupt):
                    synchronize(client.ws.store, session, fault=on_fault(step, cut), push_batch=3, pull_batch=4)
            if crash:
                client.reopen()

        @rule(user=st.sampled_from(list(NAMES)), skew=st.integers(-90_000, 90_000))
        def restart_with_another_clock(self, user: str, skew: int) -> None:
            client = self.clients[user]
            client.skew_ms = skew
            client.reopen()

        @rule(which=st.integers(0, 2), tutor=st.sampled_from(["t1", "t2"]), on=st.booleans())
        def change_assignment(self, which: int, tutor: str, on: bool) -> None:
            server.assign(self.projects[which], tutor, assigned=on)

        # -- the contract ----------------------------------------------------------------

        def check_converged(self) -> None:
            for _round in range(2):
                for client in self.clients.values():
                    client.sync()
            roles = {c.tutor_id: NAMES[u][1] for u, c in self.clients.items()}
            for user, client in self.clients.items():
                assert client.outbox() == [], user
                expected = visible_rows(server, roles[client.tutor_id], client.tutor_id)
                for entity in ENTITIES:
                    local = {k: normal_row(entity.table, v) for k, v in client.rows(entity.table).items()}
                    assert local == expected[entity.table], (user, entity.table)
            self.check_nothing_lost()

        def check_nothing_lost(self) -> None:
            coordinator = self.clients["co"]
            present = {(t, r, f): v[f] for t in TEXT_FIELDS for r, v in server.dump(t).items()
                       for f in TEXT_FIELDS[t]}
            seen_and_replaced = {(t.table, t.row, t.field, t.previous) for t in self.typed.values()}
            recorded: set[str] = set()
            for record in coordinator.rows("conflicts").values():  # the coordinator sees every record
                for raw in (record["kept_value"], record["lost_value"]):
                    value = json.loads(raw) if raw else None
                    recorded |= set(value.values()) if isinstance(value, dict) else {value}
            for client in self.clients.values():
                for rejection in client.rows("sync_rejections", key="change_id").values():
                    recorded |= set(json.loads(rejection["fields"]).values())
            lost = [token for token, t in self.typed.items()
                    if present.get((t.table, t.row, t.field)) != token
                    and (t.table, t.row, t.field, token) not in seen_and_replaced
                    and token not in recorded]
            assert lost == [], f"values overwritten without a trace: {lost}"

    return SyncMachine


def test_replicas_converge_and_no_value_is_lost(server: TestServer) -> None:
    run_state_machine_as_test(make_machine(server), settings=SETTINGS)


def test_the_state_machine_catches_a_merge_that_overwrites_without_a_record(server: TestServer) -> None:
    plant(server, "tutor._merge", LAST_WRITER_WINS)
    with pytest.raises((AssertionError, ExceptionGroup)) as caught:
        run_state_machine_as_test(make_machine(server), settings=settings(SETTINGS, max_examples=30))
    found = [caught.value, *getattr(caught.value, "exceptions", [])]
    assert any("without a trace" in str(e) for e in found), caught.value

