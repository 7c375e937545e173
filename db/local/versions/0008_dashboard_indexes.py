"""covering indexes for the region dashboard

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 17:10:00

Issue 14: a 10,000-project region's dashboard opens in 300 ms. Its entries per quarter and its
filed permits by authority read these indexes alone (a range each, grouped by SQLite) instead of
every row of phase_entries and permit_items: about 100 ms less on the GUI thread.
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_phase_entries_day', 'phase_entries', ['deleted', 'entered_on', 'phase', 'project_id'])
    op.create_index('ix_permit_items_running', 'permit_items',
                    ['status', 'deleted', 'legal_due_on', 'project_id', 'authority'])


def downgrade() -> None:
    op.drop_index('ix_permit_items_running', 'permit_items')
    op.drop_index('ix_phase_entries_day', 'phase_entries')
