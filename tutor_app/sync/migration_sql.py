"""The shared schema's current definitions (``db/server/definitions/*.sql``: every function,
trigger, view, policy and grant), which ``server init`` loads after the Alembic revisions (the
tables), with the per-database role names in place of ``@OWNER@``, ``@USERS@`` and ``@ADMIN@``
(roles are cluster-wide, so each database has its own). Every statement there is safe to run
again: a server at any revision ends with these very definitions."""

from __future__ import annotations

from sqlalchemy import Connection

from tutor_app.assets import server_definition_files


def quoted(name: str) -> str:
    """A role or column name as a PostgreSQL identifier."""
    return '"' + name.replace('"', '""') + '"'


definition_files = server_definition_files  # the one place that lists them: tutor_app.assets


def render(text: str, roles: dict[str, str]) -> str:
    for key in ("owner", "users", "admin"):
        text = text.replace(f"@{key.upper()}@", quoted(roles[key]))
    return text


def load_definitions(conn: Connection, roles: dict[str, str]) -> None:
    """Run every definition file in ``conn``'s transaction (as the owner role: ``server init``
    has set it). Through the driver's own connection: the files are whole scripts, sent as they
    are (no parameter parsing of their ``%`` and ``:``)."""
    driver = conn.connection.driver_connection
    assert driver is not None
    for path in definition_files():
        driver.execute(render(path.read_text(encoding="utf-8"), roles))
