"""sync protocol 5: a push answers what the server stored, and a pull can stop before a revision

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10 12:00:00

No table changes: the functions of protocol 5 are in ``db/server/definitions`` (80_push.sql: the
push's answer carries the rows it wrote otherwise than its changes say, ``_written_otherwise``;
85_feed.sql: ``pull`` with an upper bound, so that a client skips the revisions it holds as the
server does). The protocol this server speaks moves to 5: a client of protocol 4 is told to
update (it would not know this schema revision either).
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE tutor.meta SET value = '5' WHERE key IN ('protocol', 'min_client_protocol')")


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
