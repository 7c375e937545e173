"""fewer round trips: a hello that hashes only when idle is possible, a push that ends with the hash (protocol 4)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 07:00:00

``hello(protocol, cursor_rev)`` computes the hash of everything the user sees only when the
client's cursor stands at the head (an idle sync is possible); ``push(protocol, device, changes,
cursor_rev)`` ends with that hash, read in the push's own transaction, when the client saw every
revision before the push's own, so that a client which takes its own changes as the server holds
them is caught up without a pull. Protocol 3 is no longer spoken: the one-argument hello stays,
so that an older Tutor is told to update (``db/server/sql/0007_lean_round_trips.sql``).
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sql_file("0007_lean_round_trips.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
