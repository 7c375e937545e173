"""outbox: the value each field had before the first change that waits to go up

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:00:00

The changes-waiting view says "Luogo: Milano → Agrate Brianza". An edit writes the fields' old
values into its outbox entry beside the new ones (``before``); an entry folded with a later edit
keeps the oldest. Entries queued before this upgrade have none (NULL): the view shows their new
value only. A new record's entry has none either (there was nothing before). Nothing else of
an entry changes, and the column never goes up to the server.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('before', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('before')
