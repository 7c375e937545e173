"""an investor merged into another (issue 14: a coordinator merges duplicate investors)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 13:30:00

One nullable column on investors, ``merged_into``: the investor a coordinator kept; the row is a
tombstone. The field joins the entities' list, so a change carrying it is well formed; its value
rule (kind ``ref``) is written into ``tutor.field_rules`` by ``server init`` as every field's.
Who may merge, and the re-pointing of dossiers that still name a merged investor, are in the
definitions (60_checks.sql ``_refusal``, 70_merge.sql ``_investor_merged``/``_repoint_project``).
"""

from __future__ import annotations

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

TABLES = """
ALTER TABLE tutor.investors ADD COLUMN IF NOT EXISTS merged_into uuid;
CREATE INDEX IF NOT EXISTS investors_merged_into ON tutor.investors (merged_into) WHERE merged_into IS NOT NULL;
UPDATE tutor.entities SET fields = fields || ARRAY['merged_into']::text[]
 WHERE name = 'investors' AND NOT ('merged_into' = ANY (fields));
"""


def upgrade() -> None:
    op.execute(TABLES)


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
