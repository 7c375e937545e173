"""a leaner push, a pull that ends with the scope hash, dossier hashes field by field (protocol 3)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 05:00:00

A row's hash is the XOR of one hash per field (the first 64 bits of
md5("<row id>/<field>=<value as jsonb text>")), so a write moves its dossier's hash by the fields
it changed alone, on the server and on every device, instead of hashing the whole row twice; every
dossier hash is computed again, and the protocol moves to 3 (a client of protocol 2 would hash the
old way: it is told to update, DESIGN §5.8). ``_fast_merge`` reads each change and each row once,
only the fields a change names, and answers a batch that took the fast path whole set-based. The
pull batch that reaches the head also carries the scope hash, read in the same snapshot, so the
sanity check after a sync costs no extra round trip (``db/server/sql/0006_lean_push.sql``).
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import sql_file

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sql_file("0006_lean_push.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
