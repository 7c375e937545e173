"""a server that holds under faults and attack: checked values, clamped stamps, an honest bundle register

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:00:00

The tables of issue "Sync under faults and attack" (their functions are in
``db/server/definitions``: 60_checks.sql, 80_push.sql, 90_bundles.sql): the field rules the
server checks values against (written by ``server init`` from the local schema,
tutor_app/sync/field_rules.py), the last stamp the server clamped per device, and the register
of bundles that says on whose word each signature stands, one row per import.
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = """
-- One row per synced field (and tombstone): what the local schema accepts (kind, required,
-- length, minimum, e-mail, codes). Users never read it; they are told what they sent wrong.
CREATE TABLE IF NOT EXISTS tutor.field_rules (
  table_name text NOT NULL,
  field text NOT NULL,
  kind text NOT NULL,
  required boolean NOT NULL,
  max_len integer,
  minimum bigint,
  email boolean NOT NULL DEFAULT false,
  choices text[],
  PRIMARY KEY (table_name, field)
);

-- The last stamp the server gave a device in place of one ahead of its clock: the next clamped
-- stamps of that device come after it, so its edits keep their order.
ALTER TABLE tutor.devices ADD COLUMN IF NOT EXISTS last_clamp text;

-- The register of bundles: on whose word a signature stands ('server': checked by the server;
-- 'unverified': the importing coordinator's decision; 'client': the importing client's word,
-- ``vouched_by``), how many changes, and the revert.
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS verification text;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS vouched_by text;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS changes integer;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS reverted_by text;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS reverted_at timestamptz;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS revert_rev bigint;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS revert_summary jsonb;
-- "verified" meant the client's word (the server could not check): said as it is, then dropped.
UPDATE tutor.bundles SET verification = CASE WHEN verified THEN 'client' ELSE 'unverified' END,
                         vouched_by = CASE WHEN verified THEN imported_by END,
                         changes = jsonb_array_length(body::jsonb->'changes')
 WHERE verification IS NULL;
ALTER TABLE tutor.bundles DROP COLUMN IF EXISTS verified;
ALTER TABLE tutor.bundles ALTER COLUMN verification SET NOT NULL;
ALTER TABLE tutor.bundles ALTER COLUMN changes SET NOT NULL;
ALTER TABLE tutor.bundles DROP CONSTRAINT IF EXISTS bundles_verification;
ALTER TABLE tutor.bundles ADD CONSTRAINT bundles_verification CHECK (
  (verification = 'client' AND vouched_by IS NOT NULL)
  OR (verification IN ('server', 'unverified') AND vouched_by IS NULL));
-- One row per import: the same bundle id with another body is another import.
ALTER TABLE tutor.bundles DROP CONSTRAINT IF EXISTS bundles_pkey;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS import_id bigserial PRIMARY KEY;
CREATE UNIQUE INDEX IF NOT EXISTS bundles_body ON tutor.bundles (bundle_id, md5(body));
CREATE UNIQUE INDEX IF NOT EXISTS bundles_rev ON tutor.bundles (rev);
"""


def upgrade() -> None:
    op.execute(TABLES)


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
