"""the hash of the whole local copy, kept by triggers: an idle sync reads one number

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-10 10:00:00

An idle sync (DESIGN §5.9) compares the hash of everything the profile holds with the server's.
It was the XOR of every dossier's hash, read at every sync (about 9 ms at 10,000 dossiers); it is
now one row, ``sync_scope_hash``, that triggers keep equal to the XOR of the hashes of the
dossiers held (``sync_project_hashes`` rows whose project is here), whichever way a hash or a
project comes or goes. Adds a table and triggers only: outbox entries keep their form.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _xor(a: str, b: str) -> str:
    """SQLite has no XOR operator: (a | b) & ~(a & b) is one, without any overflow."""
    return f"(({a}) | ({b})) & ~(({a}) & ({b}))"


def _held(project: str) -> str:
    return f"EXISTS (SELECT 1 FROM projects WHERE id = {project})"


def _shift(value: str) -> str:
    return f"UPDATE sync_scope_hash SET hash = {_xor('hash', value)};"


def _hash_of(project: str) -> str:
    return f"coalesce((SELECT hash FROM sync_project_hashes WHERE project_id = {project}), 0)"


_HASH_OF_OLD, _HASH_OF_NEW = _hash_of("OLD.id"), _hash_of("NEW.id")
# A dossier hash counts while its project is here: a hash that moves, comes or goes moves the total
# when the project is held; a project that comes or goes brings or takes its hash.
TRIGGERS = (
    f"CREATE TRIGGER sync_project_hashes_scope_insert AFTER INSERT ON sync_project_hashes "
    f"WHEN {_held('NEW.project_id')} BEGIN {_shift('NEW.hash')} END",
    f"CREATE TRIGGER sync_project_hashes_scope_update AFTER UPDATE OF hash ON sync_project_hashes "
    f"WHEN OLD.project_id = NEW.project_id AND {_held('NEW.project_id')} "
    f"BEGIN {_shift(_xor('OLD.hash', 'NEW.hash'))} END",
    f"CREATE TRIGGER sync_project_hashes_scope_move AFTER UPDATE OF project_id ON sync_project_hashes "
    f"WHEN OLD.project_id <> NEW.project_id BEGIN "
    f"UPDATE sync_scope_hash SET hash = {_xor('hash', 'OLD.hash')} WHERE {_held('OLD.project_id')}; "
    f"UPDATE sync_scope_hash SET hash = {_xor('hash', 'NEW.hash')} WHERE {_held('NEW.project_id')}; END",
    f"CREATE TRIGGER sync_project_hashes_scope_delete AFTER DELETE ON sync_project_hashes "
    f"WHEN {_held('OLD.project_id')} BEGIN {_shift('OLD.hash')} END",
    f"CREATE TRIGGER projects_scope_insert AFTER INSERT ON projects BEGIN {_shift(_HASH_OF_NEW)} END",
    f"CREATE TRIGGER projects_scope_delete AFTER DELETE ON projects BEGIN {_shift(_HASH_OF_OLD)} END",
    f"CREATE TRIGGER projects_scope_move AFTER UPDATE OF id ON projects WHEN OLD.id <> NEW.id "
    f"BEGIN {_shift(_xor(_HASH_OF_OLD, _HASH_OF_NEW))} END",
)


def upgrade() -> None:
    op.create_table('sync_scope_hash',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hash', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_sync_scope_hash_one_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_scope_hash'))
    )
    conn = op.get_bind()
    total = 0
    for (value,) in conn.exec_driver_sql(
            "SELECT h.hash FROM sync_project_hashes h JOIN projects p ON p.id = h.project_id"):
        total ^= value
    conn.exec_driver_sql("INSERT INTO sync_scope_hash (id, hash) VALUES (1, ?)", (total,))
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for statement in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.drop_table('sync_scope_hash')
