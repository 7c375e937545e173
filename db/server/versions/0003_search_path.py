"""every function's search_path ends with pg_temp

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 03:05:00

A function whose ``search_path`` does not name ``pg_temp`` still searches the session's
temporary schema first for types and operators. A user could create ``pg_temp.text`` (a domain
whose CHECK calls their own function) and have a SECURITY DEFINER sync function run their code as
the owner role. Naming ``pg_temp`` last closes that (PostgreSQL's own advice for SECURITY DEFINER
functions). ``server init`` also revokes TEMPORARY from PUBLIC (that needs the database's owner,
which the migrations, running as the owner role of the schema, are not).
"""

from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SAFE_PATH = "pg_catalog, tutor, pg_temp"


def upgrade() -> None:
    # Every function of the schema, whatever revision made it (triggers and helpers included).
    op.execute(f"""
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'tutor' AND p.prokind IN ('f', 'p')
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = {SAFE_PATH}', f);
  END LOOP;
END $$""")


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
