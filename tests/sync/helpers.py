"""Test helpers: a shared database made and dropped per test, and clients that sync with it."""

from __future__ import annotations

import gzip
import json
import os
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from tutor_app.domain.hlc import wall_ms
from tutor_app.domain.schema import ENTITIES, Kind
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.store.local import LocalStore
from tutor_app.store.writer import ALL_FIELDS
from tutor_app.sync import admin
from tutor_app.sync.connection import Secret, ServerAddress, connect, group_roles
from tutor_app.sync.context import SyncReport
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession

PG_URL = os.environ.get("TUTOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TODAY = date(2026, 11, 25)


def _base() -> ServerAddress:
    return ServerAddress.parse(PG_URL)


def drop_database(su: psycopg.Connection[Any], database: str) -> None:
    su.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
               (database,))
    su.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
    prefix = group_roles(database)["prefix"]
    for (role,) in su.execute("SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", (prefix,)).fetchall():
        su.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@dataclass
class TestServer:
    """A fresh shared database on the test cluster, initialised by ``server init``."""

    __test__ = False
    su_cluster: psycopg.Connection[Any]
    database: str
    address: ServerAddress
    admin_conn: psycopg.Connection[Any]
    passwords: dict[str, str] = field(default_factory=dict, repr=False)  # never in failure output

    @classmethod
    def create(cls, su_cluster: psycopg.Connection[Any], prefix: str = "tsync") -> TestServer:
        database = f"{prefix}_{uuid.uuid4().hex[:10]}"
        su_cluster.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        base = _base()
        address = ServerAddress(base.host, base.port, database, base.user, base.sslmode)
        admin.init_server(lambda: connect(address, base.user, None), address)
        return cls(su_cluster, database, address, connect(address, base.user, None))

    def close(self) -> None:
        self.admin_conn.close()

    def add_user(self, name: str, role: str, provinces: tuple[str, ...] = ()) -> str:
        password = secrets.token_urlsafe(12)
        admin.add_user(self.admin_conn, self.address, name, role, provinces, Secret(password))
        self.passwords[name] = password
        return password

    def assign(self, project: str, user: str, assigned: bool = True) -> None:
        admin.set_assignment(self.admin_conn, self.address, project, user, assigned)

    def reset(self) -> None:
        """Empty the shared database (users stay, unlinked): a new example on the same server."""
        tables = ", ".join(f"tutor.{e.table}" for e in ENTITIES)
        with self.superuser() as su:
            su.execute(f"TRUNCATE {tables}, tutor.history, tutor.applied_changes, tutor.project_hashes, "
                       "tutor.devices CASCADE")
            su.execute("UPDATE tutor.users SET tutor_id = NULL")
            su.execute("UPDATE tutor.counter SET rev = 0")

    def superuser(self) -> psycopg.Connection[Any]:
        """A superuser connection to this database (dumps, fault injection)."""
        base = _base()
        return psycopg.connect(host=base.host, port=base.port, dbname=self.database, user=base.user,
                               autocommit=True)

    def connect_as(self, user: str) -> psycopg.Connection[Any]:
        return connect(self.address, self.address.login_role(user), Secret(self.passwords[user]))

    def dump(self, table: str) -> dict[str, dict[str, Any]]:
        with self.superuser() as conn:
            rows = conn.execute(sql.SQL("SELECT to_jsonb(t) - 'revs' FROM tutor.{} t").format(
                sql.Identifier(table))).fetchall()
        return {r[0]["id"]: r[0] for r in rows}


@dataclass
class Client:
    """One person on their own profile (their own SQLite file and device)."""

    server: TestServer
    user: str
    ws: Workspace
    skew_ms: int = 0

    @classmethod
    def make(cls, server: TestServer, folder: Path, user: str, name: str, role: str,
             provinces: tuple[str, ...] = (), skew_ms: int = 0) -> Client:
        server.add_user(user, role, provinces)
        client = cls(server, user, _open(folder / f"{user}.sqlite3", skew_ms), skew_ms)
        client.ws.create_profile(name, f"{user}@example.it")
        return client

    def reopen(self) -> None:
        """Close and open the profile again (an app restart), keeping its clock skew."""
        path = self.ws.store.path
        self.ws.close()
        self.ws = _open(path, self.skew_ms)

    def close(self) -> None:
        self.ws.close()

    @contextmanager
    def away(self) -> Iterator[None]:
        """The profile closed while another process (the real CLI) works on its file, then opened
        again: what this process held in memory is read afresh."""
        path = self.ws.store.path
        self.ws.close()
        try:
            yield
        finally:
            self.ws = _open(path, self.skew_ms)

    @property
    def tutor_id(self) -> str:
        tutor = self.ws.tutor_id
        assert tutor is not None
        return tutor

    def sync(self, *, refetch_expected: bool = False, **options: Any) -> SyncReport:
        """One sync; the dossier hashes kept on both sides must agree (a dossier fetched again
        because its hash differed is a bug, unless the test damaged the copy on purpose)."""
        with PgSession(self.server.connect_as(self.user), self.server.address) as session:
            report = synchronize(self.ws.store, session, **options)
        assert refetch_expected or not report.refetched, \
            f"{self.user}: {report.refetched} dossiers differed from the server after a sync"
        # A repair that fetched and purged nothing put right the profile's kept hash (sync.sanity):
        # only a bug in what keeps it gets there.
        assert report.sanity != "repaired" or report.refetched or report.purged, \
            f"{self.user}: the profile's kept hash had drifted from its dossiers' hashes"
        return report

    def session(self) -> PgSession:
        return PgSession(self.server.connect_as(self.user), self.server.address)

    def new_project(self, title: str = "Nuovo stabilimento", **values: Any) -> str:
        investor = dossiers.create_investor(self.ws, name=f"Investor of {title}", country="DE",
                                            sector="manufacturing")
        values.setdefault("province", "MB")
        return dossiers.create_project(self.ws, investor_id=investor, title=title, kind="new_initiative",
                                       sector="manufacturing", function="production", **values)

    def rows(self, table: str, key: str = "id") -> dict[str, dict[str, Any]]:
        with self.ws.store.read() as conn:
            return {r[key]: dict(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table}").mappings()}

    def outbox(self) -> list[dict[str, Any]]:
        with self.ws.store.read() as conn:
            return [dict(r) for r in conn.exec_driver_sql("SELECT * FROM outbox ORDER BY seq").mappings()]


def _open(path: Path, skew_ms: int) -> Workspace:
    return Workspace(LocalStore(path, clock_source=lambda: wall_ms() + skew_ms), lambda: TODAY)


def synced_tables() -> list[str]:
    return [e.table for e in ENTITIES]


def normal_row(entity_table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A local row in the server's JSON form (booleans, lists and stamps decoded)."""
    entity = next(e for e in ENTITIES if e.table == entity_table)
    stamps = json.loads(row["stamps"]) if isinstance(row["stamps"], str) else row["stamps"]
    if ALL_FIELDS in stamps:  # the store's compact form: one stamp for every field
        stamps = {**dict.fromkeys((*entity.field_names, "deleted"), stamps[ALL_FIELDS]),
                  **{k: v for k, v in stamps.items() if k != ALL_FIELDS}}
    out: dict[str, Any] = {"id": row["id"], "deleted": bool(row["deleted"]), "rev": row["rev"],
                           "created_at": row["created_at"], "updated_at": row["updated_at"], "stamps": stamps}
    for f in entity.fields:
        value = row[f.name]
        if f.kind is Kind.BOOL:
            value = bool(value)
        elif f.kind in (Kind.ENUM_LIST, Kind.PROVINCE_LIST) and isinstance(value, str):
            value = json.loads(value)
        out[f.name] = value
    return out


def visible_rows(server: TestServer, role: str, tutor_id: str,
                 provinces: tuple[str, ...] = ()) -> dict[str, dict[str, dict[str, Any]]]:
    """What a user should hold, computed here from a superuser dump (not from the policies): a
    coordinator everything, a project tutor their assigned projects, a regional tutor those and
    every project in their provinces; with each project its children and conflict records."""
    dump = {e.table: server.dump(e.table) for e in ENTITIES}
    if role == "coordinator":
        projects = set(dump["projects"])
    else:
        projects = {a["project_id"] for a in dump["assignments"].values()
                    if a["tutor_id"] == tutor_id and not a["deleted"]}
        if role == "regional_tutor":
            projects |= {k for k, v in dump["projects"].items() if v["province"] in provinces}
    seen: dict[str, dict[str, dict[str, Any]]] = {}
    for entity in ENTITIES:
        rows = dump[entity.table]
        if entity.project_key == "id":
            rows = {k: v for k, v in rows.items() if k in projects}
        elif entity.table == "conflicts":
            rows = {k: v for k, v in rows.items() if v["project_id"] is None or v["project_id"] in projects}
        elif entity.project_key:
            rows = {k: v for k, v in rows.items() if v["project_id"] in projects}
        seen[entity.table] = rows
    return seen


# Every synced table but the users' own records (their role, area and initials are the server's,
# stamped with its clock when a user first syncs).
MERGED_TABLES = tuple(e.table for e in ENTITIES if e.table != "tutors")


def merge_outcome(su: psycopg.Connection[Any], result: Any, *, stamps: bool = False) -> dict[str, Any]:
    """What pushes left in the database, without what only the clock or a random id tells apart
    (with ``stamps``: the field stamps too, when the test's stamps are all behind the server's clock)."""
    state: dict[str, Any] = {"results": result}
    for table in MERGED_TABLES:
        # Conflict records have a random id; they and assignments have stamps of the server's clock.
        dropped = "id,created_at,updated_at" + (",stamps" if table in ("conflicts", "assignments") or not stamps
                                                else "")
        row_id = "NULL" if table == "conflicts" else "t.id"
        state[table] = su.execute(
            f"SELECT coalesce(jsonb_agg(to_jsonb(t) - '{{{dropped}}}'::text[] || jsonb_build_object('rid', {row_id})"
            f" ORDER BY t.rev, t.id::text), '[]') FROM tutor.{table} t").fetchone()[0]
    # Conflict records compared on everything else, in order.
    state["conflicts"] = sorted(json.dumps(c, sort_keys=True) for c in state["conflicts"])
    state["history"] = sorted(json.dumps(h, sort_keys=True) for (h,) in su.execute(
        "SELECT to_jsonb(h) - '{id,applied_at}'::text[] FROM tutor.history h"
        " WHERE h.table_name <> 'conflicts'").fetchall())
    state["conflict_history"] = sorted(json.dumps(h, sort_keys=True) for (h,) in su.execute(
        "SELECT to_jsonb(h) - '{id,applied_at,row_id,new_values}'::text[]"
        " || jsonb_build_object('new', h.new_values - '{id,kept_stamp,lost_stamp}'::text[])"
        " FROM tutor.history h WHERE h.table_name = 'conflicts'").fetchall())
    # A dossier's hash, less its conflict records (their random ids are in it).
    state["hashes"] = su.execute(
        "SELECT jsonb_object_agg(h.project_id, h.hash # coalesce((SELECT bit_xor(tutor._row_hash(to_jsonb(c)))"
        " FROM tutor.conflicts c WHERE c.project_id = h.project_id), 0)) FROM tutor.project_hashes h").fetchone()[0]
    state["applied"] = sorted(json.dumps(a, sort_keys=True) for (a,) in su.execute(
        "SELECT to_jsonb(a) - 'applied_at' FROM tutor.applied_changes a").fetchall())
    return state


# A merge that lets the last writer win without a conflict record: planted to show a check catches it.
LAST_WRITER_WINS = ("IF tutor._concurrent_write(cur->'revs', cur->'stamps', k, base, p_device) THEN",
                    "IF false THEN")


def plant(server: TestServer, function: str, bug: tuple[str, str]) -> str:
    """Redefine a server function with one piece of its text replaced: a bug a test must catch.
    Returns the function's definition as it was."""
    with server.superuser() as su:
        row = su.execute("SELECT pg_get_functiondef(%s::regproc)", (function,)).fetchone()
        assert row is not None and bug[0] in row[0], f"{function} no longer holds {bug[0]!r}"
        su.execute(row[0].replace(bug[0], bug[1]))
    return str(row[0])


@contextmanager
def planted(server: TestServer, function: str, bug: tuple[str, str]) -> Iterator[None]:
    """``plant`` for the time of a block: a server shared by several tests gets its function back."""
    original = plant(server, function, bug)
    try:
        yield
    finally:
        with server.superuser() as su:
            su.execute(original)


def on_fault(point: str, action: Callable[[], None]) -> Callable[[str], None]:
    """A fault hook that runs ``action`` the first time the sync reaches ``point``."""
    fired = {"done": False}

    def hook(name: str) -> None:
        if name == point and not fired["done"]:
            fired["done"] = True
            action()

    return hook


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def restore_layout(su_cluster: psycopg.Connection[Any], layout: str, prefix: str = "tsync") -> TestServer:
    """A fresh shared database as an earlier release left it: ``tests/fixtures/server_<layout>.sql.gz``.

    Each fixture is ``pg_dump --schema=tutor --inserts --no-comments`` of a new server that
    ``server init`` of commit 57a8d96 (the last with the revision history 0001..0008) made: stopped
    at revision 0007 (the layout test servers had before the faults-and-attack issue) or at 0008.
    The per-database names are templates (``@OWNER@``, ``@USERS@``, ``@ADMIN@``, ``@PREFIX@`` and
    ``@SERVER_ID@``), filled in for this database; a dump restores a whole layout as it was, with
    no code of that release kept here."""
    database = f"{prefix}_{uuid.uuid4().hex[:10]}"
    su_cluster.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    base = _base()
    address = ServerAddress(base.host, base.port, database, base.user, base.sslmode)
    roles = group_roles(database)
    text = gzip.decompress((FIXTURES / f"server_{layout}.sql.gz").read_bytes()).decode("utf-8")
    for key in ("owner", "users", "admin"):
        su_cluster.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(roles[key])))
        text = text.replace(f"@{key.upper()}@", roles[key])
    text = text.replace("@PREFIX@", roles["prefix"]).replace("@SERVER_ID@", str(uuid.uuid4()))
    with psycopg.connect(host=base.host, port=base.port, dbname=database, user=base.user, autocommit=True) as su:
        su.execute(text.encode("utf-8"))
    return TestServer(su_cluster, database, address, connect(address, base.user, None))


@contextmanager
def server_at(su_cluster: psycopg.Connection[Any], layout: str) -> Iterator[TestServer]:
    """A shared database made by an earlier release (``restore_layout``; ``server init`` of this
    release upgrades it). Dropped afterwards."""
    srv = restore_layout(su_cluster, layout)
    try:
        yield srv
    finally:
        srv.close()
        drop_database(su_cluster, srv.database)


def _dossier_hashes_sql() -> str:
    """Every dossier's hash computed from its rows (``d(pid, h)``), not from what the triggers kept."""
    parts = [f"SELECT t.{e.project_key} AS pid, tutor._row_hash(to_jsonb(t)) AS h FROM tutor.{e.table} t"
             for e in ENTITIES if e.project_key]
    return f"SELECT pid, bit_xor(h) AS h FROM ({' UNION ALL '.join(parts)}) r WHERE pid IS NOT NULL GROUP BY pid"


def scope_hash_differences(server: TestServer) -> dict[str, Any]:
    """What the hashes the server keeps say that its rows do not, each recomputed from scratch: the
    dossier hashes, the parts per province and per (tutor, province) (tutor.province_hashes,
    tutor.tutor_hashes) and, for every user, the hash ``hello`` gives (tutor._scope_hash) against
    the XOR of the dossiers the user sees (tutor._visible_projects). Empty when all agree."""
    found: dict[str, Any] = {}
    with server.superuser() as su:
        def compare(name: str, kept: str, scratch: str) -> None:
            a = {str(k): v for k, v in su.execute(kept).fetchall() if v}  # a part of 0 is no part
            b = {str(k): v for k, v in su.execute(scratch).fetchall() if v}
            differ = {k: {"kept": a.get(k), "from_rows": b.get(k)} for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
            if differ:
                found[name] = differ

        d = _dossier_hashes_sql()
        live = "SELECT DISTINCT project_id, tutor_id FROM tutor.assignments WHERE NOT deleted AND tutor_id IS NOT NULL"
        compare("dossiers", "SELECT project_id, hash FROM tutor.project_hashes", d)
        compare("provinces", "SELECT province, hash FROM tutor.province_hashes",
                f"SELECT coalesce(p.province, ''), bit_xor(d.h) FROM ({d}) d JOIN tutor.projects p ON p.id = d.pid "
                "GROUP BY 1")
        compare("tutors", "SELECT tutor_id || '/' || province, hash FROM tutor.tutor_hashes",
                f"SELECT a.tutor_id || '/' || coalesce(p.province, ''), bit_xor(d.h) FROM ({d}) d "
                f"JOIN tutor.projects p ON p.id = d.pid JOIN ({live}) a ON a.project_id = d.pid GROUP BY 1")
        compare("users", "SELECT u.role_name, tutor._scope_hash(u) FROM tutor.users u",
                f"SELECT u.role_name, (SELECT coalesce(bit_xor(d.h), 0) FROM ({d}) d, tutor._visible_projects(u) v "
                "WHERE v IS NULL OR d.pid = ANY(v)) FROM tutor.users u")
    return found


def held_scope_differences(client: Client) -> dict[str, int]:
    """The profile's kept scope hash (one row, kept by triggers) against the same number from its
    stored dossier hashes and from its rows (``store.hashes``). Empty when the three agree."""
    from tutor_app.store import hashes

    with client.ws.store.read() as conn:
        held = conn.exec_driver_sql("SELECT id FROM projects").scalars().all()
        numbers = {"kept": hashes.held_scope(conn), "from_hashes": hashes.held_scope_from_hashes(conn),
                   "from_rows": hashes.scope(hashes.compute(conn, held).values())}
    return {} if len(set(numbers.values())) == 1 else numbers
