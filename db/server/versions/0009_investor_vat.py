"""the investor's VAT number / tax code

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 10:00:00

One nullable text column on investors (issue 14: the spreadsheet import tells investors apart by
it) and the field in the entities' list, so a change carrying it is well formed. Its value rule
(kind ``vat``: text in canonical form, an Italian partita IVA's check digit verified) is in
``tutor._bad_values`` (definitions/60_checks.sql); its row in ``tutor.field_rules`` is written by
``server init`` from the local schema, as every field's.
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

TABLES = """
ALTER TABLE tutor.investors ADD COLUMN IF NOT EXISTS vat_number text;
CREATE INDEX IF NOT EXISTS investors_vat_number ON tutor.investors (vat_number) WHERE vat_number IS NOT NULL;
UPDATE tutor.entities SET fields = fields || ARRAY['vat_number']::text[]
 WHERE name = 'investors' AND NOT ('vat_number' = ANY (fields));
"""


def upgrade() -> None:
    op.execute(TABLES)


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
