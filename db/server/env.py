"""Alembic environment of the shared (PostgreSQL) schema; run by tutor_app.sync.admin.init_server.

The caller connects as the administrator, creates the schema and the group roles, and runs the
migrations as the owner role (``SET ROLE``), so every object belongs to the role that cannot log
in. Role names are per database (roles are cluster-wide): they arrive in ``config.attributes``.
"""

from __future__ import annotations

from alembic import context

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise SystemExit("run the shared schema migrations with `tutor-app server init --server URL`")
    # All revisions in the caller's transaction: the schema moves as a whole, or not at all.
    context.configure(connection=connection, target_metadata=None, version_table_schema="tutor",
                      transaction_per_migration=False)
    context.run_migrations()


run()
