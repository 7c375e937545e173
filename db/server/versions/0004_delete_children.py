"""a dossier deleted against a concurrent edit of its records is a delete-vs-edit conflict

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 04:00:00

0001 records a delete against a concurrent edit within one row only; a dossier's tombstone is on
its project row while the edits are on its records (meetings, notes, permits...), so a dossier
could be deleted under someone's edits with no record at all. ``_merge`` now checks both ways
round and leaves a ``delete_edit`` record on the project (``db/server/sql/0004_delete_children.sql``,
role names replace ``@OWNER@``, ``@USERS@`` and ``@ADMIN@`` there, as in 0001 and 0002). The
protocol does not move: the change is the server's alone.
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sql_file("0004_delete_children.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
