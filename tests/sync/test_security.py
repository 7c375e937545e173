"""Security (DESIGN §6): with a project tutor's own credentials, plain SQL reads only what the
row-level security lets through and changes nothing; the sync functions' helpers, the history,
the other users and the owner role are out of reach."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.services import meetings
from tutor_app.sync.connection import group_roles
from tutor_app.sync.pg_session import rows_of
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_dossiers(clients: dict[str, Client]) -> tuple[Client, str, str]:
    mario, anna = clients["mario"], clients["anna"]
    mine = mario.new_project("Di Mario")
    theirs = anna.new_project("Di Anna")
    meetings.record_meeting(anna.ws, theirs, table="technical", starts_at="2026-11-20T09:00:00Z", minutes="Riservato")
    mario.sync()
    anna.sync()
    return mario, mine, theirs


def _one(conn: psycopg.Connection[Any], query: str, *params: Any) -> Any:
    row = conn.execute(query, params).fetchone()
    return None if row is None else row[0]


def test_a_tutor_reads_only_their_dossiers_and_their_history(two_dossiers: tuple[Client, str, str],
                                                             server: TestServer) -> None:
    _mario, mine, theirs = two_dossiers
    with server.connect_as("mario") as conn:
        assert {str(r[0]) for r in conn.execute("SELECT id FROM tutor.projects")} == {mine}
        assert _one(conn, "SELECT count(*) FROM tutor.meetings WHERE project_id = %s", theirs) == 0
        assert _one(conn, "SELECT count(*) FROM tutor.permit_items WHERE project_id = %s", theirs) == 0
        assert _one(conn, "SELECT count(*) FROM tutor.history WHERE project_id = %s", theirs) == 0
        assert _one(conn, "SELECT count(*) FROM tutor.history WHERE project_id = %s", mine) > 0
        assert [r[0] for r in conn.execute("SELECT role_name FROM tutor.users")] == [
            server.address.login_role("mario")]
        # The sync functions filter the same way.
        snapshot = _one(conn, "SELECT tutor.snapshot(%s, %s::uuid[])", PROTOCOL, [theirs])
        assert rows_of(snapshot["tables"]) == []
        fetched = _one(conn, "SELECT tutor.fetch_rows(%s, 'projects', %s::uuid[])", PROTOCOL, [theirs])
        assert rows_of(fetched["tables"]) == []


FORBIDDEN = [
    "UPDATE tutor.projects SET title = 'x'",
    "DELETE FROM tutor.projects",
    "INSERT INTO tutor.projects (id) VALUES (gen_random_uuid())",
    "UPDATE tutor.meetings SET minutes = 'x'",
    "DELETE FROM tutor.history",
    "INSERT INTO tutor.history (table_name, row_id, rev, author, applied_by, new_values) "
    "VALUES ('projects', gen_random_uuid(), 1, 'x', 'x', '{}')",
    "UPDATE tutor.users SET role = 'coordinator'",
    "SELECT * FROM tutor.applied_changes",
    "UPDATE tutor.counter SET rev = rev + 1",
    "SELECT * FROM tutor.devices",
    "TRUNCATE tutor.projects",
    "ALTER TABLE tutor.projects DISABLE ROW LEVEL SECURITY",
    "CREATE TABLE tutor.mine (x int)",
]


def test_a_tutor_cannot_change_anything_with_plain_sql(two_dossiers: tuple[Client, str, str],
                                                       server: TestServer) -> None:
    before = server.dump("projects"), server.dump("meetings")
    with server.connect_as("mario") as conn:
        for statement in FORBIDDEN:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
    assert (server.dump("projects"), server.dump("meetings")) == before


def test_a_tutor_cannot_become_the_owner_or_call_the_helpers(two_dossiers: tuple[Client, str, str],
                                                             server: TestServer) -> None:
    _mario, _mine, theirs = two_dossiers
    roles = group_roles(server.database)
    with server.connect_as("mario") as conn:
        for attempt in (f'SET ROLE "{roles["owner"]}"', f'SET ROLE "{roles["admin"]}"',
                        "SET SESSION AUTHORIZATION postgres"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(attempt)
            conn.rollback()
        for call in ("SELECT tutor.admin_assign(%s, 'mario', true)",
                     "SELECT tutor._server_write('projects', %s, '{\"title\": \"x\"}', 1)",
                     "SELECT tutor._assign(%s, gen_random_uuid(), 'project_tutor', true, 1)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(call, (theirs,))
            conn.rollback()
        # A session setting does not open any door: visibility keys on the login identity.
        conn.execute("SELECT set_config('tutor.author', 'someone', false), set_config('tutor.device', 'x', false)")
        assert _one(conn, "SELECT count(*) FROM tutor.projects WHERE id = %s", theirs) == 0


def test_row_level_security_is_enabled_and_forced_everywhere(server: TestServer) -> None:
    with server.superuser() as su:
        loose = su.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE n.nspname = 'tutor' AND c.relkind = 'r' AND NOT (c.relrowsecurity "
                           "AND c.relforcerowsecurity)").fetchall()
        definers = su.execute(
            "SELECT p.proname, pg_get_userbyid(p.proowner), p.proconfig FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'tutor' AND p.prosecdef").fetchall()
        owner_can_login = su.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                                     (group_roles(server.database)["owner"],)).fetchone()
        public_exec = su.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'tutor' AND has_function_privilege('public', p.oid, 'EXECUTE')").fetchall()
    assert loose == []
    assert {d[1] for d in definers} == {group_roles(server.database)["owner"]}
    assert all(any(c.startswith("search_path=") for c in d[2]) for d in definers)
    assert owner_can_login == (False,)
    assert public_exec == []


def test_a_temporary_type_cannot_run_a_users_code_inside_the_sync_functions(
        two_dossiers: tuple[Client, str, str], server: TestServer) -> None:
    """A SECURITY DEFINER function whose search_path omits pg_temp looks up types in the caller's
    temporary schema first: a domain ``pg_temp.text`` with a CHECK calling the user's function
    would run that function as the owner. The functions name pg_temp last (or, inlined into their
    callers, have a body bound when it is made: nothing is looked up when it runs), and PUBLIC may
    not create temporary objects at all."""
    _mario, _mine, theirs = two_dossiers
    with server.connect_as("mario") as conn:
        conn.autocommit = True
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TEMP TABLE probe (x int)")
    with server.superuser() as su:
        leaky = su.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'tutor' AND p.prosqlbody IS NULL AND NOT EXISTS ("
            "SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) c WHERE c LIKE 'search_path=%pg_temp')").fetchall()
        assert leaky == []
        # Even with TEMPORARY granted back, the attack of the review finds no door.
        su.execute(f'GRANT TEMPORARY ON DATABASE "{server.database}" TO PUBLIC')
    with server.connect_as("mario") as conn:
        conn.autocommit = True
        conn.execute("""CREATE FUNCTION pg_temp.evil(x pg_catalog.text) RETURNS boolean LANGUAGE plpgsql AS $$
                        BEGIN UPDATE tutor.users SET role = 'coordinator' WHERE role_name = session_user;
                        RETURN true; END $$""")
        conn.execute("CREATE DOMAIN pg_temp.text AS pg_catalog.text CHECK (pg_temp.evil(VALUE))")
        conn.execute("SELECT tutor.hello(%s)", (PROTOCOL,)).fetchone()
    with server.connect_as("mario") as conn:
        assert _one(conn, "SELECT role FROM tutor.users WHERE role_name = session_user") == "project_tutor"
        assert _one(conn, "SELECT count(*) FROM tutor.projects WHERE id = %s", theirs) == 0
