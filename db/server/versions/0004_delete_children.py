"""a dossier deleted against a concurrent edit of its records is a delete-vs-edit conflict

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 04:00:00

0001 records a delete against a concurrent edit within one row only; a dossier's tombstone is on
its project row while the edits are on its records (meetings, notes, permits...), so a dossier
could be deleted under someone's edits with no record at all. ``_merge`` now checks both ways
round and leaves a ``delete_edit`` record on the project (``db/server/sql/0004_delete_children.sql``,
role names replace ``@OWNER@``, ``@USERS@`` and ``@ADMIN@`` there, as in 0001 and 0002). The
protocol does not move: the change is the server's alone.
"""

from __future__ import annotations

from pathlib import Path

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_file(name: str) -> str:
    roles = op.get_context().config.attributes["roles"]
    text = (SQL_DIR / name).read_text(encoding="utf-8")
    for key in ("owner", "users", "admin"):
        text = text.replace(f"@{key.upper()}@", _q(roles[key]))
    return text


def upgrade() -> None:
    op.execute(_sql_file("0004_delete_children.sql"))


def downgrade() -> None:
    raise NotImplementedError("the shared schema is not downgraded: restore a backup instead")
