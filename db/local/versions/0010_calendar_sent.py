"""the calendar events this profile wrote to a file

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 14:00:00

The calendar export (``services.calendar_export``) cancels in Outlook an event it no longer
makes: a dossier taken from the tutor is purged from the laptop at the next sync, and nothing of
it was left to cancel, so its meetings and deadlines stayed in Outlook for ever. ``calendar_sent``
keeps each event as it was last written (``services.calendar_sent``). A file upgraded starts with
none: what earlier exports wrote is not known.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_sent',
    sa.Column('uid', sa.String(length=120), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('mine', sa.Boolean(), nullable=False),
    sa.Column('event', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('uid', name=op.f('pk_calendar_sent'))
    )


def downgrade() -> None:
    op.drop_table('calendar_sent')
