"""compact stamps: a row's stamps and revisions name a field only when it differs from the rest

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 08:00:00

A synced row's ``stamps`` and ``revs`` gave every field its stamp and revision, spelt out: for a
meeting written once, ten copies of the same 37-character stamp and ten of the same revision,
with the field names, which made two thirds of the row (the data tables took 2.6 times a plain
copy of their rows). The key "*" now stands for every field not listed, as in the local store:
a row written at once keeps one stamp and one revision, and an edit adds the fields it wrote
(``stamps || ...`` as before). The functions read a field's with ``tutor._field_of``
(db/server/definitions/10_support.sql) and write a new row's with ``tutor._compact_stamps`` and
``tutor._revs_written``.

Here the rows already on the server are rewritten in that form: the value most fields share
becomes "*", the others stay listed, so every field reads exactly what it read before. Only the
encoding changes, not a value, a revision or a stamp: the rows do not re-enter the feed, the
history and the dossier hashes do not move (the tables' triggers stand aside meanwhile), and
the clients' copies stay as they are (they read "*" the same way). The old row versions' space
is reused by later writes once VACUUM has seen them; ``VACUUM FULL`` gives it back to the disk.
"""

from __future__ import annotations

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _compacted(column: str) -> str:
    """A field-by-field map (every field listed) with its most common value as "*"."""
    return f"""CASE WHEN t.{column} ?& $1 AND NOT t.{column} ? '*' THEN (
      SELECT jsonb_build_object('*', m.v) || coalesce(jsonb_object_agg(e.key, e.value) FILTER (WHERE e.value <> m.v), '{{}}')
        FROM jsonb_each(t.{column}) e
        CROSS JOIN (SELECT y.value AS v FROM jsonb_each(t.{column}) y GROUP BY y.value
                     ORDER BY count(*) DESC, y.value::text LIMIT 1) m
       GROUP BY m.v) ELSE t.{column} END"""


COMPACT = f"""
DO $do$
DECLARE
  e tutor.entities;
BEGIN
  FOR e IN SELECT * FROM tutor.entities ORDER BY ord LOOP
    EXECUTE format('ALTER TABLE tutor.%I DISABLE TRIGGER USER', e.name);
    EXECUTE format($q$UPDATE tutor.%I t SET stamps = {_compacted("stamps")}, revs = {_compacted("revs")}
                       WHERE (t.stamps ?& $1 AND NOT t.stamps ? '*') OR (t.revs ?& $1 AND NOT t.revs ? '*')$q$, e.name)
      USING e.fields || 'deleted'::text;
    EXECUTE format('ALTER TABLE tutor.%I ENABLE TRIGGER USER', e.name);
  END LOOP;
END $do$;
"""


def upgrade() -> None:
    op.execute(COMPACT)


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
