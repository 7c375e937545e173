"""a leaner push fast path, and a pull whose last batch carries the scope hash

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 05:00:00

``_fast_merge`` reads each change and each row once and, when the whole batch took the fast path,
answers it set-based; the pull batch that reaches the head also carries the hash of what the user
sees, read in the same snapshot, so the sanity check after a sync costs no extra round trip
(``db/server/sql/0006_lean_push.sql``). The protocol does not move: a client that does not read
the hash asks ``hello`` as before.
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sql_file("0006_lean_push.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
