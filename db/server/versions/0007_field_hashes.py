"""dossier hashes field by field; the sync protocol moves to 3

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 05:30:00

A row's hash is the XOR of one hash per field (the first 64 bits of
md5("<row id>/<field>=<value as jsonb text>")), so a write moves its dossier's hash by the fields
it changed alone, on the server and on every device, instead of hashing the whole row twice. Every
dossier hash is computed again; the protocol moves to 3 (a client of protocol 2 would hash the old
way and is told to update: DESIGN §5.8) (``db/server/sql/0007_field_hashes.sql``).
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sql_file("0007_field_hashes.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
