"""the hash of what a user sees kept in parts, per province and per tutor and province

Revision ID: 0010
Revises: 0009
Create Date: 2027-01-10 10:00:00

The idle sync's hash (DESIGN §5.9) read at every hello without reading every dossier: each
dossier's hash (``tutor.project_hashes``) also says where it is counted (the province of its
project, the tutors assigned to it), and the XOR of the dossier hashes is kept per province and
per (tutor, province). A hello combines a handful of those parts (10_support.sql,
``tutor._scope_hash``); the triggers of 40_audit.sql keep them, and a write locks only the parts
of the dossiers it touches, never one row every push shares. Filled here from the rows already
held: the very numbers the triggers would have kept.
"""

from __future__ import annotations

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

TABLES = """
-- Where each dossier's hash is counted: the province of its project ('' for none) and the tutors
-- with a live assignment to it (sorted, no repeats). Kept equal to the rows by the triggers.
ALTER TABLE tutor.project_hashes ADD COLUMN IF NOT EXISTS province text NOT NULL DEFAULT '';
ALTER TABLE tutor.project_hashes ADD COLUMN IF NOT EXISTS tutors uuid[] NOT NULL DEFAULT '{}';

-- The XOR of the hashes of the dossiers counted in each province: a coordinator's hash is the XOR
-- of them all, a regional tutor's takes those of their provinces.
CREATE TABLE IF NOT EXISTS tutor.province_hashes (
  province text PRIMARY KEY,
  hash bigint NOT NULL
);

-- The XOR of the hashes of the dossiers assigned to a tutor, province by province: a project
-- tutor's hash is the XOR of theirs, a regional tutor's takes those outside their provinces.
CREATE TABLE IF NOT EXISTS tutor.tutor_hashes (
  tutor_id uuid NOT NULL,
  province text NOT NULL,
  hash bigint NOT NULL,
  PRIMARY KEY (tutor_id, province)
);

UPDATE tutor.project_hashes h SET province = coalesce(p.province, '')
  FROM tutor.projects p WHERE p.id = h.project_id AND h.province IS DISTINCT FROM coalesce(p.province, '');
UPDATE tutor.project_hashes h SET tutors = a.tutors
  FROM (SELECT project_id, array_agg(DISTINCT tutor_id ORDER BY tutor_id) AS tutors FROM tutor.assignments
         WHERE NOT deleted AND tutor_id IS NOT NULL GROUP BY project_id) a
 WHERE a.project_id = h.project_id AND h.tutors IS DISTINCT FROM a.tutors;
DELETE FROM tutor.province_hashes;
INSERT INTO tutor.province_hashes (province, hash)
SELECT province, bit_xor(hash) FROM tutor.project_hashes GROUP BY province;
DELETE FROM tutor.tutor_hashes;
INSERT INTO tutor.tutor_hashes (tutor_id, province, hash)
SELECT t.tutor_id, h.province, bit_xor(h.hash) FROM tutor.project_hashes h CROSS JOIN unnest(h.tutors) AS t(tutor_id)
 GROUP BY 1, 2;

-- The hash of what a user sees now takes the user, not a list of their dossiers.
DROP FUNCTION IF EXISTS tutor._scope_hash(uuid[]);
"""


def upgrade() -> None:
    op.execute(TABLES)


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
