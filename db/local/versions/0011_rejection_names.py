"""a refused change keeps how its record and dossier were named

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 15:00:00

A change the server refuses because its dossier was moved to another tutor is kept as a rejection
(``sync_rejections``) while the dossier itself leaves the profile: the list of refused changes then
had nothing to name them by but the values the change sent ("Progetto (non più in questo
profilo)"). ``known`` holds the record's values and the dossier's code and title as the profile
held them when the server refused the change (``sync.push``). Rejections kept before have none and
read as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN, never a table copy.
    op.add_column('sync_rejections', sa.Column('known', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_rejections') as batch_op:
        batch_op.drop_column('known')
