"""The server's layout has one definition (db/server): ``server init`` of a new server and of a
server an earlier release made end with the very same functions, triggers, views, policies,
grants and tables, and loading the definitions again changes nothing.

The earlier releases are ``pg_dump`` fixtures (tests/fixtures/server_<revision>.sql.gz, see
``tests.sync.helpers.restore_layout``): 0007, the layout test servers had before the revisions were
collapsed into a baseline, and 0008, the last layout made by the old revision history. A dump is
small, holds the layout exactly as that release made it (its functions' text included) and
needs no code of that release. Role names differ from database to database: they are compared
as ``@OWNER@``, ``@USERS@`` and ``@ADMIN@``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.bench.bench_sync import seed_server
from tests.sync.helpers import Client, TestServer, _open, scope_hash_differences, server_at, spelt_out
from tutor_app.domain.errors import VersionMismatchError
from tutor_app.domain.schema import ENTITIES
from tutor_app.services import meetings
from tutor_app.sync import admin
from tutor_app.sync.connection import connect, group_roles

pytestmark = pytest.mark.postgres

LAYOUTS = ("0007", "0008")
SYNCED = {e.table for e in ENTITIES}  # every revision a test server may be at (the fixtures)

_QUERIES = {
    "functions": "SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p "
                 "WHERE p.pronamespace = 'tutor'::regnamespace ORDER BY 1",
    "function_privileges": "SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner), p.proacl::text "
                           "FROM pg_proc p WHERE p.pronamespace = 'tutor'::regnamespace ORDER BY 1",
    "policies": "SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check FROM pg_policies "
                "WHERE schemaname = 'tutor' ORDER BY 1, 2",
    "triggers": "SELECT tgrelid::regclass::text, tgname, tgenabled::text, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE NOT tgisinternal AND tgrelid IN "
                "(SELECT oid FROM pg_class WHERE relnamespace = 'tutor'::regnamespace) ORDER BY 1, 2",
    "relations": "SELECT relname, relkind::text, pg_get_userbyid(relowner), relacl::text, relrowsecurity, "
                 "relforcerowsecurity FROM pg_class WHERE relnamespace = 'tutor'::regnamespace ORDER BY 1",
    "columns": "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
               "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
               "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
               "WHERE c.relnamespace = 'tutor'::regnamespace AND c.relkind IN ('r', 'v') AND a.attnum > 0 "
               "AND NOT a.attisdropped ORDER BY 1, a.attnum",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE connamespace = 'tutor'::regnamespace ORDER BY 1, 2",
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'tutor' ORDER BY 1",
    "views": "SELECT viewname, definition FROM pg_views WHERE schemaname = 'tutor' ORDER BY 1",
    "schema": "SELECT pg_get_userbyid(nspowner), nspacl::text FROM pg_namespace WHERE nspname = 'tutor'",
    "meta": "SELECT key, value FROM tutor.meta WHERE key <> 'server_id' ORDER BY 1",
    "entities": "SELECT to_jsonb(e) FROM tutor.entities e ORDER BY ord",
    "schema_revision": "SELECT version_num FROM tutor.alembic_version",
}


def layout(server: TestServer) -> dict[str, Any]:
    """Everything ``server init`` defines, as text, with the per-database names as templates."""
    roles = group_roles(server.database)
    with server.superuser() as su:
        found = {name: [list(row) for row in su.execute(query).fetchall()] for name, query in _QUERIES.items()}
    text = json.dumps(found, default=str)
    for key in ("owner", "users", "admin"):
        text = text.replace(roles[key], f"@{key.upper()}@")
    result: dict[str, Any] = json.loads(text.replace(roles["prefix"], "@PREFIX@"))
    return result


def _init(server: TestServer) -> str:
    base = server.address
    return admin.init_server(lambda: connect(base, base.user, None), base)


def _differences(one: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """What differs, item by item (a function's whole definition, a policy...): a readable failure."""
    found: dict[str, Any] = {}
    for name, items in one.items():
        a = {json.dumps(item) for item in items}
        b = {json.dumps(item) for item in other[name]}
        if a != b:
            found[name] = {"only_in_one": sorted(a - b), "only_in_other": sorted(b - a)}
    return found


@pytest.fixture
def fresh(server: TestServer) -> dict[str, Any]:
    return layout(server)


@pytest.mark.parametrize("revision", LAYOUTS)
def test_a_server_of_an_earlier_release_upgrades_to_the_layout_of_a_new_one(
        pg_superuser: psycopg.Connection[Any], fresh: dict[str, Any], revision: str) -> None:
    with server_at(pg_superuser, revision) as old:
        before = layout(old)
        assert before["schema_revision"] == [[revision]]
        assert _init(old) == admin.known_server_schemas()[-1]
        assert _differences(layout(old), fresh) == {}


def test_loading_the_definitions_again_changes_nothing(server: TestServer, fresh: dict[str, Any]) -> None:
    for _ in range(2):
        _init(server)
        assert _differences(layout(server), fresh) == {}


def _rows(server: TestServer) -> dict[str, list[Any]]:
    """Every row of every table but the server's own rules, without the columns an upgrade adds;
    stamps and revisions field by field, in whichever form they are kept (compact_stamps made them compact)."""
    tables = [e.table for e in ENTITIES] + ["users", "devices", "applied_changes", "history", "project_hashes",
                                             "counter", "meta", "entities"]
    found: dict[str, list[Any]] = {}
    with server.superuser() as su:
        for t in tables:
            row = _WITHOUT_ADDED.get(t, "to_jsonb(x)")
            rows = [r[0] for r in su.execute(f"SELECT {row} FROM tutor.{t} x").fetchall()]
            if t in SYNCED:
                rows = [{**r, "stamps": spelt_out(t, r["stamps"]), "revs": spelt_out(t, r["revs"])} for r in rows]
            found[t] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return found


# What later revisions add to rows an earlier release made: the last clamped stamp of a device
# (0008), the investor's VAT number (0009) and the investor a merged one points to (0012) and their
# places in the investors' list of fields, where each dossier's hash is counted (0010).
_WITHOUT_ADDED = {
    "devices": "to_jsonb(x) - 'last_clamp'",
    "investors": "to_jsonb(x) - '{vat_number,merged_into}'::text[]",
    "entities": "to_jsonb(x) || jsonb_build_object('fields', array_remove(array_remove(x.fields, 'vat_number'), "
                "'merged_into'))",
    "project_hashes": "to_jsonb(x) - '{province,tutors}'::text[]",
}


@pytest.mark.parametrize("revision", LAYOUTS)
def test_a_server_with_data_upgrades_in_place_and_its_clients_agree_with_it(
        pg_superuser: psycopg.Connection[Any], tmp_path: Path, revision: str) -> None:
    with server_at(pg_superuser, revision) as server:
        mario = Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor")
        server.add_user("bench", "project_tutor")
        rows, _me = seed_server(server, 400, "bench")  # written through that release's triggers
        project = mario.new_project("Fab Agrate")
        meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                minutes="Verbale")
        waiting = mario.outbox()
        # This release's fields (the investor's VAT number, 0009) are not on that server yet: the
        # client is told to have it upgraded, and sends nothing.
        with pytest.raises(VersionMismatchError, match="older than this Tutor"):
            mario.sync()
        assert mario.outbox() == waiting
        before = _rows(server)
        assert _init(server) == admin.known_server_schemas()[-1]
        assert _rows(server) == before  # nothing lost, nothing moved: the dossier hashes included
        with server.superuser() as su:  # and the rows' stamps and revisions kept compact (compact_stamps): all but
            # those that do not name every field (investors made before the VAT number, 0009)
            spelt = {t: su.execute(f"SELECT count(*) FILTER (WHERE stamps ?& f AND NOT stamps ? '*'), "
                                   f"count(*) FILTER (WHERE revs ?& f AND NOT revs ? '*'), "
                                   f"count(*) FILTER (WHERE NOT (stamps ? '*' AND revs ? '*')) FROM tutor.{t}, "
                                   f"(SELECT fields || 'deleted'::text AS f FROM tutor.entities WHERE name = %s) e",
                                   (t,)).fetchone() for t in sorted(SYNCED)}
        assert all(r[0] == 0 and r[1] == 0 for r in spelt.values()), spelt
        assert spelt["meetings"][2] == 0 and spelt["projects"][2] == 0
        mario.sync()
        parts = [f"SELECT t.{e.project_key} AS project_id, tutor._row_hash(to_jsonb(t)) AS h FROM tutor.{e.table} t"
                 for e in ENTITIES if e.project_key]
        with server.superuser() as su:  # the stored hashes are the rows' hashes, field by field
            recomputed = dict(su.execute(f"SELECT project_id::text, bit_xor(h)::text FROM ({' UNION ALL '.join(parts)})"
                                         " x WHERE project_id IS NOT NULL GROUP BY 1").fetchall())
            stored = dict(su.execute("SELECT project_id::text, hash::text FROM tutor.project_hashes").fetchall())
        assert recomputed == stored
        assert scope_hash_differences(server) == {}  # the parts of each user's hash filled in (0010)
        assert mario.sync().sanity == "ok"
        meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-19T09:00:00Z",
                                minutes="Dopo l'aggiornamento")
        assert mario.sync().sanity == "ok"
        tutor = Client(server, "bench", _open(tmp_path / "bench.sqlite3", 0))
        tutor.ws.create_profile("Bench Tutor", "bench@example.it")
        report = tutor.sync()
        assert report.pulled >= rows * 0.95 and report.sanity == "ok"
        tutor.close()
        mario.close()
