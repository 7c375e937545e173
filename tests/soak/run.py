"""The random run (issue 10): two project tutors, a regional tutor and a coordinator edit at
random against the real server while syncs are killed (SIGKILL), backends terminated, connections
cut at random bytes, clocks shifted by hours and projects reassigned. At the end everyone syncs
cleanly and ``invariants.check`` says what does not hold.

Each kind of fault has a switch (``FAULTS``), so a run can leave out the ones today's code does
not survive yet; the seed makes the choices of a run (not the timing of kills) repeatable.
"""

from __future__ import annotations

import contextlib
import logging
import random
import shutil
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from tests.soak import invariants, procs
from tests.soak.ops import TEXT_FIELDS, try_perform
from tests.sync.helpers import Client, TestServer, drop_database, on_fault
from tests.sync.proxy import CuttingProxy
from tutor_app.domain.errors import OfflineError
from tutor_app.sync.connection import Secret, ServerAddress, connect
from tutor_app.sync.context import SyncReport
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

# The fault switches: terminate (pg_terminate_backend at a step of a sync, or while a CLI sync
# runs), crash (the client dies at a step, after the server committed at push:committed), cut
# (through a proxy that drops the connection after a random number of bytes), kill (SIGKILL of
# a `tutor-app sync` process after a random delay), fast / slow (a user's clock 3 h ahead or
# behind, edits and syncs in processes under libfaketime), reassign (projects assigned and
# unassigned by the administrator), delete (meetings, notes and action items deleted).
FAULTS = ("terminate", "crash", "cut", "kill", "fast", "slow", "reassign", "delete")
USERS = {"t1": ("Mario Rossi", "project_tutor", ()), "t2": ("Anna Bianchi", "project_tutor", ()),
         "rt": ("Lucia Neri", "regional_tutor", ("MB", "MI")), "co": ("Carla Verdi", "coordinator", ())}
PROVINCES = ("MB", "MI", "BG")
STEPS = ("hello", "push", "push:sending", "push:committed", "push:stored", "pull", "pull:fetched", "pull:applied",
         "sanity")
SHIFT_H = 3
# How often each way of syncing is drawn: a process costs seconds to start on these machines, so
# the real CLI (plain, killed, under a shifted clock) is drawn less than the in-process sync.
MODES = {"clean": 3.0, "cli": 0.4, "terminate": 2.0, "crash": 1.0, "cut": 2.0, "kill": 1.0}


@dataclass
class Options:
    rounds: int = 150
    seed: int = 1
    faults: frozenset[str] = frozenset(FAULTS)
    max_seconds: float = 540.0   # the rounds stop here; the final syncs and checks follow
    keep: bool = False           # keep the database and profiles (to look at a failure)
    prepare: Callable[[TestServer], None] | None = None  # run on the new server first (tests plant bugs)


@dataclass
class Run:
    """The state of one run: the server, the people, what they typed, what happened."""

    options: Options
    server: TestServer
    folder: Path
    rng: random.Random
    clients: dict[str, Client] = field(default_factory=dict)
    offset_h: dict[str, int] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    violations: list[dict[str, Any]] = field(default_factory=list)
    shared: str = ""
    tokens: int = 0
    round: int = 0
    proxy: CuttingProxy | None = None
    su: psycopg.Connection[Any] | None = None

    # -- people -------------------------------------------------------------------------------

    def setup(self) -> None:
        for user, (name, role, provinces) in USERS.items():
            self.clients[user] = Client.make(self.server, self.folder, user, name, role, provinces)
            self.offset_h[user] = 0
        t1, t2 = self.clients["t1"], self.clients["t2"]
        for client, provinces in ((t1, ("MB", "BG")), (t2, ("MI", "BG"))):
            for province in provinces:
                self._edit(client, {"kind": "project", "token": self._token(client.user), "province": province})
        for client in (t1, t2):
            self._sync(client, "clean")
        self.shared = next(iter(t1.rows("projects")))
        self.server.assign(self.shared, "t2")
        for client in self.clients.values():
            self._sync(client, "clean")

    def _token(self, user: str) -> str:
        self.tokens += 1
        return f"{user}-{self.tokens}"

    def _pick_ops(self, client: Client, count: int) -> list[dict[str, Any]]:
        """Operations on what this user holds now (what is on their screen)."""
        alive = {t: [r for r, v in client.rows(t).items() if not v["deleted"]]
                 for t in (*TEXT_FIELDS, "meetings")}
        ops: list[dict[str, Any]] = []
        deletes = "delete" in self.options.faults
        for _ in range(count):
            choices: list[tuple[float, dict[str, Any]]] = []
            projects = alive["projects"]
            if self.shared in projects:  # where people meet: the likeliest place for conflicts
                choices.append((3, {"kind": "type", "table": "projects", "row": self.shared}))
            for table, weight in (("projects", 2), ("meetings", 3), ("action_items", 1.5), ("permit_items", 1.5),
                                  ("aftercare_notes", 1.5)):
                if alive[table]:
                    choices.append((weight, {"kind": "type", "table": table, "row": self.rng.choice(alive[table])}))
            if projects:
                choices.append((2, {"kind": "meeting", "project": self.rng.choice(projects),
                                    "actions": self.rng.randint(0, 2)}))
                choices.append((1, {"kind": "note", "project": self.rng.choice(projects)}))
            if alive["meetings"]:
                choices.append((1, {"kind": "action", "meeting": self.rng.choice(alive["meetings"])}))
            if deletes:
                for table in ("meetings", "aftercare_notes", "action_items"):
                    if alive[table]:
                        choices.append((0.4, {"kind": "delete", "table": table, "row": self.rng.choice(alive[table])}))
            choices.append((0.3, {"kind": "project", "province": self.rng.choice(PROVINCES)}))
            picked = self.rng.choices([op for _w, op in choices], weights=[w for w, _op in choices])[0]
            op = dict(picked, token=self._token(client.user))
            if op["kind"] == "type":
                op["field"] = self.rng.choice(TEXT_FIELDS[op["table"]])
            ops.append(op)
        return ops

    def _edit(self, client: Client, *ops: dict[str, Any]) -> None:
        offset = self.offset_h[client.user]
        if offset and self.rng.random() < 0.3:  # a process under libfaketime: the real clock is off
            with client.away():
                done = procs.edits_in_process(client.ws.store.path, list(ops), offset)["done"]
            self.counts[f"edit processes at {offset:+d} h"] += 1
        else:  # in this process, the profile's clock source off by as much (Client.skew_ms)
            done = [try_perform(client.ws, op) for op in ops]
        for op, result in zip(ops, done, strict=True):
            if "refused" in result:
                self.counts["edits refused locally"] += 1
            for edit in result["edits"]:
                self.edits.append({**edit, "user": client.user, "round": self.round, "op": op["kind"],
                                   "clock_h": offset})
            self.counts["edits"] += len(result["edits"])

    # -- syncs --------------------------------------------------------------------------------

    def _mode(self, client: Client) -> str:
        modes = {m: w for m, w in MODES.items() if m in ("clean", "cli") or m in self.options.faults}
        if self.offset_h[client.user]:  # a shifted clock: the sync runs in a process under libfaketime
            modes = {m: w for m, w in modes.items() if m in ("cli", "cut", "kill", "terminate")}
        return self.rng.choices(list(modes), weights=list(modes.values()))[0]

    def _sync(self, client: Client, mode: str) -> None:
        self.counts[f"syncs {mode}"] += 1
        if mode in ("cli", "kill") or self.offset_h[client.user]:
            self._cli_sync(client, mode)
        else:
            self._sync_in_process(client, mode)

    def _sync_in_process(self, client: Client, mode: str) -> None:
        step = self.rng.choice(STEPS)
        budget = self.rng.randint(40, 40_000)
        batches = {"push_batch": self.rng.choice((2, 3, 5, 1000)), "pull_batch": self.rng.choice((3, 5, 1000))}
        try:
            session = self._session(client, budget if mode == "cut" else None)
        except OfflineError:
            self.counts["cuts while connecting"] += 1
            return
        pid = session.conn.info.backend_pid

        def fault() -> None:
            if mode == "crash":
                raise KeyboardInterrupt  # the laptop closes mid-sync
            self._terminate(pid)

        log = _Captured()
        try:
            with session, log:
                report = synchronize(client.ws.store, session, push_batch=batches["push_batch"],
                                     pull_batch=batches["pull_batch"],
                                     fault=on_fault(step, fault) if mode in ("crash", "terminate") else None)
            self._note_report(client, report, mode, log.lines)
        except OfflineError as exc:
            if mode == "clean":  # nothing cut this one: the server is there
                self.violation("sync_error", user=client.user, mode=mode, error=repr(exc), log=log.lines[-10:])
            self.counts[f"{mode}: sync ended offline"] += 1
        except KeyboardInterrupt:
            self.counts["crash: client died"] += 1
            client.reopen()
        except Exception as exc:  # a bug in the sync: recorded, the run goes on
            self.violation("sync_error", user=client.user, mode=mode, step=step, error=repr(exc),
                           traceback=traceback.format_exc()[-3000:], log=log.lines[-10:])
            client.reopen()
        finally:
            if self.proxy is not None:
                self.proxy.arm(None)

    def _session(self, client: Client, budget: int | None) -> PgSession:
        if budget is None:
            return client.session()
        assert self.proxy is not None
        self.proxy.arm(budget)
        via = ServerAddress("127.0.0.1", self.proxy.port, self.server.database)
        secret = Secret(self.server.passwords[client.user])
        return PgSession(connect(via, via.login_role(client.user), secret), via)

    def _cli_sync(self, client: Client, mode: str) -> None:
        offset = self.offset_h[client.user]
        url = str(self.server.address)
        if mode == "cut":
            assert self.proxy is not None
            self.proxy.arm(self.rng.randint(40, 40_000))
            url = f"postgresql://127.0.0.1:{self.proxy.port}/{self.server.database}"
        kill_after = self.rng.uniform(0.0, 1.2) if mode == "kill" else None
        timer = None
        if mode == "terminate":
            timer = threading.Timer(self.rng.uniform(1.0, 6.0), self._terminate_user, (client.user,))
            timer.start()
        try:
            with client.away():
                done = procs.cli_sync(client.ws.store.path, url, client.user, self.server.passwords[client.user],
                                      offset_h=offset, kill_after=kill_after,
                                      connected=lambda: self._connected(client.user))
        finally:
            if timer is not None:
                timer.cancel()
            if self.proxy is not None:
                self.proxy.arm(None)
        clock = f" at {offset:+d} h" if offset else ""
        if done.hung:
            self.violation("cli_sync_hung", user=client.user, mode=mode, clock_h=offset, seconds=round(done.seconds),
                           via_proxy=url != str(self.server.address), stderr=done.stderr[-6000:])
        elif done.killed:
            self.counts["kill: SIGKILL while connected"] += 1
        elif done.returncode == 0:
            self.counts[f"cli syncs done{clock}"] += 1
            self.counts["cli syncs reporting rejections"] += "rifiutata" in done.stdout
        elif done.returncode == 2:  # a known error, said in a sentence: offline, clock ahead
            self.counts[f"cli syncs refused{clock}: {_first_words(done.stderr)}"] += 1
        else:
            self.violation("cli_sync_crashed", user=client.user, mode=mode, clock_h=offset,
                           returncode=done.returncode, stderr=done.stderr[-3000:])

    def _note_report(self, client: Client, report: SyncReport, mode: str, log: list[str]) -> None:
        self.counts["conflicts"] += report.conflicts
        self.counts["rejected"] += report.rejected
        if report.refetched:  # a dossier whose hash differed: the copies had drifted apart
            self.violation("sanity_refetch", user=client.user, mode=mode, refetched=report.refetched,
                           clock_h=self.offset_h[client.user], log=log[-10:])

    @contextlib.contextmanager
    def _watch(self) -> Iterator[psycopg.Connection[Any]]:
        """One superuser connection kept for watching and terminating (a new one per look costs
        more than the look on a loaded machine)."""
        if self.su is None or self.su.closed:
            self.su = self.server.superuser()
        yield self.su

    def _terminate(self, pid: int) -> None:
        with self._watch() as su:
            su.execute("SELECT pg_terminate_backend(%s)", (pid,))
        self.counts["backends terminated"] += 1

    def _connected(self, user: str) -> bool:
        with self._watch() as su:
            row = su.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND usename = %s",
                             (self.server.database, self.server.address.login_role(user))).fetchone()
        return bool(row and row[0])

    def _terminate_user(self, user: str) -> None:
        role = self.server.address.login_role(user)
        with contextlib.suppress(psycopg.Error), self.server.superuser() as su:
            ended = su.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = %s AND usename = %s", (self.server.database, role)).fetchone()
            self.counts["backends terminated"] += int(ended[0]) if ended else 0

    # -- the world around them ----------------------------------------------------------------

    def _reassign(self) -> None:
        projects = [k for k, v in self.server.dump("projects").items() if not v["deleted"]]
        if not projects:
            return
        project, user = self.rng.choice(sorted(projects)), self.rng.choice(("t1", "t2"))
        tutor = self.clients[user].ws.tutor_id
        held = {(a["project_id"], a["tutor_id"]) for a in self.server.dump("assignments").values()
                if not a["deleted"]}
        assigned = (project, tutor) not in held
        self.server.assign(project, user, assigned=assigned)
        self.counts["assigned" if assigned else "unassigned"] += 1

    def _shift_clock(self) -> None:
        kinds = [h for h, name in ((SHIFT_H, "fast"), (-SHIFT_H, "slow")) if name in self.options.faults]
        if not kinds:
            return
        user = self.rng.choice(sorted(USERS))
        self._set_clock(user, 0 if self.offset_h[user] else self.rng.choice(kinds))

    def _set_clock(self, user: str, offset_h: int) -> None:
        if self.offset_h[user] == offset_h:
            return
        self.offset_h[user] = offset_h
        client = self.clients[user]
        client.skew_ms = offset_h * 3_600_000
        client.reopen()
        self.counts[f"clock of a user set to {offset_h:+d} h"] += 1

    def one_round(self) -> None:
        if "reassign" in self.options.faults and self.rng.random() < 0.12:
            self._reassign()
        for user, offset in sorted(self.offset_h.items()):
            if offset and self.rng.random() < 0.25:  # a clock stays off for a few rounds
                self._set_clock(user, 0)
        if self.rng.random() < 0.08:
            self._shift_clock()
        for user in self.rng.sample(sorted(USERS), self.rng.randint(1, 3)):
            client = self.clients[user]
            self._edit(client, *self._pick_ops(client, self.rng.randint(1, 4)))
        for user in self.rng.sample(sorted(USERS), 1 if self.rng.random() < 0.7 else 2):
            client = self.clients[user]
            self._sync(client, self._mode(client))

    def violation(self, invariant: str, **detail: Any) -> None:
        self.violations.append({"invariant": invariant, "round": self.round, **detail})


class _Captured(logging.Handler):
    """The sync's log lines (INFO and up) while it runs: what a violation shows of how it came."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self._logger = logging.getLogger("tutor")

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")

    def __enter__(self) -> _Captured:
        self._level = self._logger.level
        self._logger.setLevel(logging.INFO)
        self._logger.addHandler(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._logger.removeHandler(self)
        self._logger.setLevel(self._level)


def _first_words(text: str) -> str:
    line = text.strip().splitlines()[-1] if text.strip() else ""
    return line.removeprefix("tutor-app: ")[:70]


def random_run(su_cluster: psycopg.Connection[Any], options: Options) -> dict[str, Any]:
    """One whole run on a fresh database; the JSON-able summary (``violations`` empty when every
    invariant holds)."""
    started = time.monotonic()
    if {"fast", "slow"} & options.faults and procs.faketime_library() is None:
        raise RuntimeError("clock shifts need libfaketime (apt-get install -y faketime), or leave out fast/slow")
    server = TestServer.create(su_cluster, prefix="tsoak")
    folder = Path(tempfile.mkdtemp(prefix="tutor-soak-"))
    run = Run(options, server, folder, random.Random(options.seed))
    run.proxy = CuttingProxy(server.address.host, server.address.port)
    try:
        if options.prepare is not None:
            options.prepare(server)
        run.setup()
        for n in range(1, options.rounds + 1):
            if time.monotonic() - started > options.max_seconds:
                run.counts["rounds left out (time)"] = options.rounds - n + 1
                break
            run.round = n
            run.one_round()
            run.counts["rounds"] += 1
        run.round = options.rounds + 1
        for user in USERS:
            run._set_clock(user, 0)  # every clock right again for the final syncs
        for _pass in range(2):
            for client in run.clients.values():
                run._sync_in_process(client, "clean")
        invariants.check(run)
        return {"seed": options.seed, "rounds": run.counts["rounds"], "faults": sorted(options.faults),
                "seconds": round(time.monotonic() - started, 1), "edits": len(run.edits),
                "counts": dict(sorted(run.counts.items())), "violations": run.violations,
                "kept": str(folder) if options.keep else None, "database": server.database if options.keep else None}
    finally:
        run.proxy.close()
        if run.su is not None:
            run.su.close()
        for client in run.clients.values():
            with contextlib.suppress(Exception):
                client.close()
        server.close()
        if not options.keep:
            drop_database(su_cluster, server.database)
            shutil.rmtree(folder, ignore_errors=True)
