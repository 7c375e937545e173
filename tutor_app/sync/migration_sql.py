"""The SQL files the shared schema's migrations run (db/server/sql), with the per-database role
names in place of ``@OWNER@``, ``@USERS@`` and ``@ADMIN@`` (roles are cluster-wide, so each
database has its own). Used by the Alembic revisions in db/server/versions."""

from __future__ import annotations

from alembic import op

from tutor_app.assets import migrations_path


def quoted(name: str) -> str:
    """A role or column name as a PostgreSQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def sql_file(name: str) -> str:
    config = op.get_context().config
    assert config is not None, "run by tutor_app.sync.admin.init_server, which passes the role names"
    roles = config.attributes["roles"]
    text = (migrations_path("server") / "sql" / name).read_text(encoding="utf-8")
    for key in ("owner", "users", "admin"):
        text = text.replace(f"@{key.upper()}@", quoted(roles[key]))
    return text
