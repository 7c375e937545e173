"""a server that holds under faults and attack: clamped stamps, checked values, bounded locks

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:00:00

Runs every ``db/server/sql/0008_*.sql`` file in name order, one per concern (issue "Sync under
faults and attack"): each file redefines only the functions of its own concern.
"""

from __future__ import annotations

from alembic import op

from tutor_app.assets import migrations_path
from tutor_app.sync.migration_sql import sql_file

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for path in sorted((migrations_path("server") / "sql").glob("0008_*.sql")):
        op.execute(sql_file(path.name))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
