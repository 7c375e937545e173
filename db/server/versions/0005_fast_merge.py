"""a set-based fast path for plain edits in a push

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 03:30:00

The edits of existing, live records of a dossier that no other device wrote after the change's
base revision (the common push) are written with one UPDATE per table, their history rows and
dossier hashes set-based, instead of one ``_merge`` each; every other change goes through
``_merge`` as before, with the same results, history, hashes and records
(``db/server/sql/0005_fast_merge.sql``). The protocol does not move: the change is the server's alone.
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sql_file("0005_fast_merge.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
