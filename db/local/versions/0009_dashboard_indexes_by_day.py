"""the dashboard's indexes lead with the day, not with a column every dossier read filters on

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 21:10:00

Revision 0008's covering indexes began with ``deleted`` (phase entries) and ``status, deleted``
(permits). With no statistics in the file, SQLite took them for any read of one dossier's live
rows (``project_id = ? AND deleted = 0``) as readily as the dossier's own index, and scanned every
live phase entry (every filed permit) of the region to find that dossier's: the dossier list's
summary of each dossier, rebuilt after a pull, cost a scan of the region, and a first sync of
10,000 dossiers spent half of its time there. Led by the day instead (the dashboard reads ranges
of days), they serve the dashboard as before and offer nothing to a read by dossier.
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


# (phase entries, permits): the columns of the two indexes, led by the day here, as 0008 made them.
_BY_DAY = (['entered_on', 'deleted', 'phase', 'project_id'], ['legal_due_on', 'status', 'deleted', 'project_id', 'authority'])
_AS_0008 = (['deleted', 'entered_on', 'phase', 'project_id'], ['status', 'deleted', 'legal_due_on', 'project_id', 'authority'])


def _make(phase_columns: list[str], permit_columns: list[str]) -> None:
    op.drop_index('ix_permit_items_running', 'permit_items')
    op.drop_index('ix_phase_entries_day', 'phase_entries')
    op.create_index('ix_phase_entries_day', 'phase_entries', phase_columns)
    op.create_index('ix_permit_items_running', 'permit_items', permit_columns)


def upgrade() -> None:
    _make(*_BY_DAY)


def downgrade() -> None:
    _make(*_AS_0008)
