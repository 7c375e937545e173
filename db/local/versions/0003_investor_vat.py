"""investor VAT number / tax code

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 10:00:00

One new nullable column on investors (issue 14: the spreadsheet import finds an investor by it),
indexed. Existing rows and pending outbox entries keep their form: an entry without the field
changes nothing of it on the server.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN, never a table copy: the dossier list's view and triggers on
    # investors stay as they are.
    op.add_column('investors', sa.Column('vat_number', sa.String(length=30), nullable=True))
    op.create_index(op.f('ix_investors_vat_number'), 'investors', ['vat_number'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_investors_vat_number'), table_name='investors')
    op.drop_column('investors', 'vat_number')
