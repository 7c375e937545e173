"""Server administration (IT, with an administrator role that may create roles; not a superuser):
create or upgrade the shared schema, add users, assign and unassign projects, look at the server.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import psycopg
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from psycopg import sql
from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from tutor_app.assets import migrations_path
from tutor_app.domain.codes import initials_for
from tutor_app.domain.enums import Role
from tutor_app.domain.errors import NotFoundError, TutorError, ValidationError
from tutor_app.domain.places import parse_province
from tutor_app.sync import field_rules, migration_sql
from tutor_app.sync.connection import (
    USER_NAME_RE,
    Secret,
    ServerAddress,
    group_roles,
    known_error,
    translate_errors,
)

log = logging.getLogger("tutor.sync.admin")

# Time limits every user's sessions start with (``ALTER ROLE ... SET``, set by ``add_user`` and, for
# the users already there, by ``server init``). A session may ``SET`` them otherwise, so they are
# the default of every session, not a guard: IT's watchdog is the guard (sync/watchdog.py).
ROLE_LIMITS: dict[str, str] = {
    # Tutor never leaves a transaction open between its calls (each is one statement and its
    # commit): a user's session idle inside one is a script or a psql left after
    # `BEGIN; SELECT tutor.push(...)`, holding the counter's lock that every sync needs.
    "idle_in_transaction_session_timeout": "30s",
    # A sync's locks are held for a moment; a wait longer than this is behind a session left
    # holding one, and queueing longer only keeps a connection busy for nothing.
    "lock_timeout": "30s",
    # The longest call a user makes (a coordinator's first pull of the region, a bundle import)
    # ends well within this; the same bound the client sets for itself (sync/connection.py).
    "statement_timeout": "5min",
}


def server_alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path("server")))
    return cfg


@cache
def known_server_schemas() -> tuple[str, ...]:
    """The shared-schema revisions this client knows, oldest first (it ships their scripts)."""
    script = ScriptDirectory.from_config(server_alembic_config())
    return tuple(rev.revision for rev in reversed(list(script.walk_revisions())))


def init_server(connect: Callable[[], psycopg.Connection[Any]], address: ServerAddress) -> str:
    """Create or upgrade everything on the server, in one transaction; safe to run again.

    ``connect`` opens an administrator's connection (Alembic drives it through SQLAlchemy).
    """
    roles = group_roles(address.database)
    owner = _ident(roles["owner"])
    engine = create_engine("postgresql+psycopg://", creator=connect, poolclass=NullPool)
    try:
        with translate_errors(address), engine.begin() as conn:
            for key in ("owner", "users", "admin"):
                found = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": roles[key]})
                if found.first() is None:
                    conn.exec_driver_sql(f"CREATE ROLE {_ident(roles[key])} NOLOGIN")
            # The administrator acts as the owner to build the schema, and may run the admin functions.
            conn.exec_driver_sql(f"GRANT {owner}, {_ident(roles['admin'])} TO CURRENT_USER")
            conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS tutor AUTHORIZATION {owner}")
            conn.exec_driver_sql(f"SET LOCAL ROLE {owner}")
            cfg = server_alembic_config()
            cfg.attributes["connection"] = conn
            cfg.attributes["roles"] = roles
            command.upgrade(cfg, "head")  # the tables (db/server/versions)
            migration_sql.load_definitions(conn, roles)  # everything else, as this release defines it
            field_rules.load(conn)
            conn.exec_driver_sql("RESET ROLE")
            users = conn.exec_driver_sql(
                "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                "WHERE m.roleid = %(g)s::regrole AND r.rolcanlogin ORDER BY 1", {"g": _ident(roles["users"])})
            for (login,) in users.all():
                for statement in user_role_statements(login, roles["admin"]):
                    conn.exec_driver_sql(statement.as_string(conn.connection.driver_connection))
            # Users have no use for temporary objects, and they are a classic lever against
            # SECURITY DEFINER code. Needs the database's owner (IT's administrator) or a
            # superuser; otherwise PostgreSQL only warns, and the functions' search_path (pg_temp
            # last, db/server/definitions/99_security.sql) is the defence that always holds.
            conn.exec_driver_sql(
                "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %%I FROM PUBLIC', current_database()); "
                "END $$")
            head = conn.exec_driver_sql("SELECT version_num FROM tutor.alembic_version").scalar_one()
    except DBAPIError as exc:
        if isinstance(exc.orig, psycopg.Error):
            raise known_error(exc.orig, address) from None
        raise
    finally:
        engine.dispose()
    return str(head)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def user_role_statements(login: str, admin_group: str) -> list[sql.Composed]:
    """What every user's login role gets besides its password and group: the time limits its
    sessions start with (``ROLE_LIMITS``), and the administrators' group as a member, so that
    IT's watchdog sees its sessions and may end them (pg_terminate_backend needs the rights of the
    session's role; pg_signal_backend would reach every role of the cluster)."""
    statements = [sql.SQL("ALTER ROLE {} SET {} = {}").format(sql.Identifier(login), sql.Identifier(name),
                                                               sql.Literal(value))
                  for name, value in ROLE_LIMITS.items()]
    statements.append(sql.SQL("GRANT {} TO {}").format(sql.Identifier(login), sql.Identifier(admin_group)))
    return statements


def add_user(conn: psycopg.Connection[Any], address: ServerAddress, name: str, role: Role | str,
             provinces: Sequence[str], password: Secret, *, full_name: str | None = None,
             initials: str | None = None) -> str:
    """A login role for a person (or a new password and role for an existing one).

    The server gives the user initials no other user has (project codes are year-INITIALS-counter,
    made offline): ``initials`` when given, else derived from ``full_name`` (or, for a new user,
    from the user name), made unique by the server. An existing user keeps theirs unless given.
    """
    if not USER_NAME_RE.match(name):
        raise ValidationError("name", f"{name!r} is not a user name (lower-case letters, digits, '.', '_')")
    role = Role.parse(role, "role")
    areas = sorted({parse_province(p, "provinces") for p in provinces})
    if role is Role.REGIONAL_TUTOR and not areas:
        raise ValidationError("provinces", "a regional tutor needs the provinces of their area")
    wish = _initials_wish(initials, full_name)
    login = address.login_role(name)
    if not password.reveal():
        raise ValidationError("password", "an empty password cannot be used")
    groups = group_roles(address.database)
    with translate_errors(address), conn.transaction():
        verifier = password_verifier(conn, login, password)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(sql.SQL(verb + " ROLE {} WITH LOGIN INHERIT PASSWORD {}").format(
            sql.Identifier(login), sql.Literal(verifier)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups["users"]), sql.Identifier(login)))
        for statement in user_role_statements(login, groups["admin"]):
            conn.execute(statement)
        conn.execute("SELECT tutor.admin_register_user(%s, %s, %s, %s)", (login, role.value, areas, wish))
    return login


def password_verifier(conn: psycopg.Connection[Any], login: str, password: Secret) -> str:
    """The SCRAM-SHA-256 verifier of ``password``, made by libpq on this machine: the server gets
    the verifier, never the password (not in a statement, a server log or pg_stat_activity).

    libpq's own, not ours: it applies SASLprep exactly as the server does when the user logs in
    (including the characters it maps to nothing, such as a soft hyphen), and it uses the
    server's ``scram_iterations`` where the server reports it (PostgreSQL 16 and later)."""
    raw = conn.pgconn.encrypt_password(password.reveal().encode("utf-8"), login.encode("utf-8"), b"scram-sha-256")
    return raw.decode("ascii")


def _initials_wish(initials: str | None, full_name: str | None) -> str | None:
    if initials is not None:
        wish = initials.strip().upper()
        if not re.fullmatch(r"[A-Z]{2,4}", wish):
            raise ValidationError("initials", f"{initials!r} are not initials (two to four letters)")
        return wish
    return initials_for(full_name) if full_name else None


def user_initials(conn: psycopg.Connection[Any], address: ServerAddress, name: str) -> str | None:
    """The initials the server gave a user."""
    with translate_errors(address):
        row = conn.execute("SELECT initials FROM tutor.users WHERE role_name = %s",
                           (address.login_role(name),)).fetchone()
        conn.rollback()
    return str(row[0]) if row and row[0] else None


def set_assignment(conn: psycopg.Connection[Any], address: ServerAddress, project: str, user: str,
                   assigned: bool) -> dict[str, Any]:
    with translate_errors(address), conn.transaction():
        try:
            row = conn.execute("SELECT tutor.admin_assign(%s, %s, %s)", (project, user, assigned)).fetchone()
        except psycopg.errors.NoDataFound as exc:
            raise NotFoundError(str(exc.diag.message_primary or exc)) from None
    assert row is not None
    return dict(row[0])


def status(conn: psycopg.Connection[Any], address: ServerAddress) -> dict[str, Any]:
    with translate_errors(address):
        try:
            row = conn.execute("SELECT tutor.admin_status()").fetchone()
        except psycopg.errors.UndefinedFunction:
            raise TutorError(f"The server {address} has no Tutor schema yet: run `tutor-app server init`.") from None
        finally:
            conn.rollback()
    assert row is not None
    return dict(row[0])


def bundle_register(conn: psycopg.Connection[Any], address: ServerAddress, limit: int = 20) -> list[dict[str, Any]]:
    """The latest imports of bundles, newest first, with on whose word each signature stands
    (``tutor.admin_bundles``; a server before revision 0008 has none to show)."""
    with translate_errors(address):
        try:
            row = conn.execute("SELECT tutor.admin_bundles(%s)", (limit,)).fetchone()
        except psycopg.errors.UndefinedFunction:
            return []
        finally:
            conn.rollback()
    assert row is not None
    return list(row[0])
