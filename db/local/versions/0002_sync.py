"""sync: conflict records, parked rows, rejections, dossier hashes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 02:00:00

Adds only new tables: pending outbox entries keep their form (fields, stamps, base revision),
so no entry needs rewriting by this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.String(length=27), nullable=False),
        sa.Column('updated_at', sa.String(length=27), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
        sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('stamps', sa.JSON(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table('conflicts',
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('kept_value', sa.Text(), nullable=True),
    sa.Column('lost_value', sa.Text(), nullable=True),
    sa.Column('kept_stamp', sa.String(length=80), nullable=True),
    sa.Column('lost_stamp', sa.String(length=80), nullable=True),
    sa.Column('kept_by', sa.String(length=36), nullable=True),
    sa.Column('lost_by', sa.String(length=36), nullable=True),
    sa.Column('change_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    *_synced_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts'))
    )
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.create_index('ix_conflicts_project', ['project_id', 'resolved'], unique=False)
        batch_op.create_index('ix_conflicts_row', ['table_name', 'row_id'], unique=False)

    op.create_table('sync_parked',
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_parked'))
    )
    op.create_table('sync_rejections',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('reason', sa.String(length=60), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('rejected_at', sa.String(length=27), nullable=False),
    sa.Column('dismissed', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('change_id', name=op.f('pk_sync_rejections'))
    )
    with op.batch_alter_table('sync_rejections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_rejections_project_id'), ['project_id'], unique=False)

    op.create_table('sync_project_hashes',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('hash', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_sync_project_hashes'))
    )


def downgrade() -> None:
    op.drop_table('sync_project_hashes')
    op.drop_table('sync_rejections')
    op.drop_table('sync_parked')
    op.drop_table('conflicts')
