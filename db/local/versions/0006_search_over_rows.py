"""the full-text index reads the rows' own text instead of keeping a copy of it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:00:00

Revision 0001's index (one FTS5 table, ``search_index``) stored, beside its terms, a copy of every
project title and description, of every meeting's texts and of every aftercare note: a third of
a region's file. Here one FTS5 table per source, each with external content: a view over the
source rows, which is where ``snippet()`` reads the text it quotes. The columns are the same text
as before (a meeting's title is its place, participants and organisations; its body the agenda,
minutes and decisions), with the same tokenizer (accents optional), so every query finds what it
found. A table's FTS rowid is the source row's rowid; a search orders hits as before by
``rowid * 4 + kind`` (0 project, 1 meeting, 2 aftercare note).

With external content the index holds only terms, so triggers tell it the old text of a row
that changes or leaves ('delete' with the old values): a tombstoned row leaves the index, as
before. The index is built from the rows (``'rebuild'``); the outbox is untouched.
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# (source table, FTS table, title, body, project id, the columns whose update changes the entry)
_SOURCES = (
    ("projects", "search_projects", "{r}.title", "coalesce({r}.description, '')", "{r}.id",
     "title, description, deleted"),
    ("meetings", "search_meetings",
     "coalesce({r}.place, '') || ' ' || coalesce({r}.participants, '') || ' ' || coalesce({r}.organisations, '')",
     "coalesce({r}.agenda, '') || ' ' || coalesce({r}.minutes, '') || ' ' || coalesce({r}.decisions, '')",
     "{r}.project_id", "place, participants, organisations, agenda, minutes, decisions, deleted"),
    ("aftercare_notes", "search_notes", "''", "{r}.text", "{r}.project_id", "text, deleted"),
)
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"


def _statements() -> list[str]:
    out = []
    for table, fts, title, body, project, indexed in _SOURCES:
        def values(r: str, title: str = title, body: str = body, project: str = project) -> str:
            return f"{r}.rowid, {title.format(r=r)}, {body.format(r=r)}, {project.format(r=r)}"

        entry = f"INSERT INTO {fts} (rowid, title, body, project_id) SELECT {values('new')} WHERE new.deleted = 0;"
        leave = f"INSERT INTO {fts} ({fts}, rowid, title, body, project_id) SELECT 'delete', {values('old')} " \
                "WHERE old.deleted = 0;"
        out += [
            f"CREATE VIEW {fts}_text AS SELECT rowid AS rid, {title.format(r=table)} AS title, "
            f"{body.format(r=table)} AS body, {project.format(r=table)} AS project_id FROM {table} WHERE deleted = 0",
            f"CREATE VIRTUAL TABLE {fts} USING fts5(title, body, project_id UNINDEXED, content = '{fts}_text', "
            f"content_rowid = 'rid', {_TOKENIZE})",
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {entry} END",
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {indexed} ON {table} BEGIN {leave} {entry} END",
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {leave} END",
            f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
        ]
    return out


def upgrade() -> None:
    # The old index and its triggers (the new ones bear the same names); if the file holds the new
    # index already, it is made again from the rows: the upgrade may run on any such file.
    for table, fts, *_rest in _SOURCES:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.execute(f"DROP VIEW IF EXISTS {fts}_text")
    op.execute("DROP TABLE IF EXISTS search_index")
    for statement in _statements():
        op.execute(statement)


def downgrade() -> None:
    # Revision 0001's index: one table keeping its own copy of the text, rowid = source rowid * 4 + kind.
    for table, fts, *_rest in _SOURCES:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER {table}_fts_{event}")
        op.execute(f"DROP TABLE {fts}")
        op.execute(f"DROP VIEW {fts}_text")
    op.execute("CREATE VIRTUAL TABLE search_index USING fts5(title, body, project_id UNINDEXED, "
               f"{_TOKENIZE})")
    for kind, (table, _fts, title, body, project, indexed) in enumerate(_SOURCES):
        def values(r: str, kind: int = kind, title: str = title, body: str = body, project: str = project) -> str:
            return f"{r}.rowid * 4 + {kind}, {title.format(r=r)}, {body.format(r=r)}, {project.format(r=r)}"

        entry = f"INSERT INTO search_index (rowid, title, body, project_id) SELECT {values('new')} " \
                "WHERE new.deleted = 0;"
        leave = f"DELETE FROM search_index WHERE rowid = old.rowid * 4 + {kind};"
        op.execute(f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {entry} END")
        op.execute(f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {indexed} ON {table} BEGIN {leave} {entry} END")
        op.execute(f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {leave} END")
        op.execute(f"INSERT INTO search_index (rowid, title, body, project_id) SELECT {values(table)} "
                   f"FROM {table} WHERE deleted = 0")
