"""offline bundles (device keys, import by a coordinator) and unique initials per user

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 02:00:00

The functions, tables and triggers are in ``db/server/sql/0002_*.sql`` (role names replace
``@OWNER@``, ``@USERS@`` and ``@ADMIN@`` there, as in 0001). The sync protocol moves to 2:
clients call ``register_device`` and read the user's initials from ``hello``.
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name in ("0002_bundles.sql", "0002_initials.sql"):
        op.execute(sql_file(name))
    op.execute("UPDATE tutor.meta SET value = '2' WHERE key IN ('protocol', 'min_client_protocol')")


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
