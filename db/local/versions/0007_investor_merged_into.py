"""an investor merged into another; the outbox's change sets

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 13:30:00

Issue 14: a coordinator merges duplicate investors (``services.investor_merge``). The duplicate
becomes a tombstone naming the investor kept (``investors.merged_into``, a synced field); the
outbox entries of one merge carry the same ``change_set``, so that the push sends them in one
batch (one server transaction: all or nothing). Existing rows and entries keep their form: no
investor is merged, no entry belongs to a set.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN, never a table copy: the views and triggers on these tables stay.
    op.add_column('investors', sa.Column('merged_into', sa.String(length=36), nullable=True))
    op.add_column('outbox', sa.Column('change_set', sa.String(length=36), nullable=True))


def downgrade() -> None:
    op.drop_column('outbox', 'change_set')
    op.drop_column('investors', 'merged_into')
