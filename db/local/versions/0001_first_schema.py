"""first schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 01:14:37.560443
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('investors',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('sector', sa.String(length=30), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('parent_group', sa.String(length=300), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_investors'))
    )
    op.create_table('local_state',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_state'))
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('in_flight', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('change_id', name=op.f('uq_outbox_change_id'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_project', ['project_id'], unique=False)
        batch_op.create_index('ix_outbox_row', ['table_name', 'row_id'], unique=False)

    op.create_table('tutors',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('initials', sa.String(length=4), nullable=False),
    sa.Column('provinces', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tutors'))
    )
    op.create_table('contacts',
    sa.Column('investor_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['investor_id'], ['investors.id'], name=op.f('fk_contacts_investor_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_investor_id'), ['investor_id'], unique=False)

    op.create_table('projects',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('investor_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('sector', sa.String(length=30), nullable=False),
    sa.Column('function', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('capex_cents', sa.Integer(), nullable=True),
    sa.Column('new_hires', sa.Integer(), nullable=True),
    sa.Column('municipality', sa.String(length=120), nullable=True),
    sa.Column('province', sa.String(length=2), nullable=True),
    sa.Column('zis', sa.Boolean(), nullable=False),
    sa.Column('zls', sa.Boolean(), nullable=False),
    sa.Column('instruments', sa.JSON(), nullable=False),
    sa.Column('services', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['investor_id'], ['investors.id'], name=op.f('fk_projects_investor_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_code'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_investor_id'), ['investor_id'], unique=False)

    op.create_table('aftercare_notes',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('noted_on', sa.String(length=10), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('follow_up_on', sa.String(length=10), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_aftercare_notes_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aftercare_notes'))
    )
    with op.batch_alter_table('aftercare_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aftercare_notes_project_id'), ['project_id'], unique=False)

    op.create_table('assignments',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('tutor_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_assignments_project_id')),
    sa.ForeignKeyConstraint(['tutor_id'], ['tutors.id'], name=op.f('fk_assignments_tutor_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_tutor_id'), ['tutor_id'], unique=False)

    op.create_table('meetings',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('table', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.String(length=27), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('participants', sa.Text(), nullable=True),
    sa.Column('organisations', sa.Text(), nullable=True),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('decisions', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_meetings_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index('ix_meetings_project_start', ['project_id', 'starts_at'], unique=False)

    op.create_table('permit_items',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('permit_code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('authority', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('submitted_on', sa.String(length=10), nullable=True),
    sa.Column('expected_on', sa.String(length=10), nullable=True),
    sa.Column('decided_on', sa.String(length=10), nullable=True),
    sa.Column('time_limit_days', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('legal_due_on', sa.String(length=10), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_permit_items_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_permit_items'))
    )
    with op.batch_alter_table('permit_items', schema=None) as batch_op:
        batch_op.create_index('ix_permit_items_due', ['legal_due_on', 'project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_permit_items_project_id'), ['project_id'], unique=False)

    op.create_table('phase_entries',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=20), nullable=False),
    sa.Column('entered_on', sa.String(length=10), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_phase_entries_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_entries'))
    )
    with op.batch_alter_table('phase_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phase_entries_project_id'), ['project_id'], unique=False)

    op.create_table('action_items',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('text', sa.String(length=2000), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('due_on', sa.String(length=10), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.String(length=27), nullable=False),
    sa.Column('updated_at', sa.String(length=27), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.Column('rev', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_action_items_meeting_id')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_action_items_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_items'))
    )
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_items_project_id'), ['project_id'], unique=False)
    for statement in FTS_STATEMENTS + DOSSIER_INDEX_STATEMENTS:
        op.execute(statement)


# Full-text index over project titles, meeting texts and aftercare notes. Accent-insensitive
# ("citta" finds "città") through unicode61's remove_diacritics. The FTS rowid encodes the
# source: source rowid * 4 + kind (0 project, 1 meeting, 2 aftercare note), so keeping the
# index current never scans it. Tombstoned rows leave the index.
_SOURCES = (
    ("projects", 0, "new.title", "coalesce(new.description, '')"),
    ("meetings", 1, "coalesce(new.place, '') || ' ' || coalesce(new.participants, '') || ' ' || "
                    "coalesce(new.organisations, '')",
     "coalesce(new.agenda, '') || ' ' || coalesce(new.minutes, '') || ' ' || coalesce(new.decisions, '')"),
    ("aftercare_notes", 2, "''", "new.text"),
)
_PROJECT_OF = {"projects": "new.id", "meetings": "new.project_id", "aftercare_notes": "new.project_id"}
_INDEXED = {"projects": "title, description, deleted",
            "meetings": "place, participants, organisations, agenda, minutes, decisions, deleted",
            "aftercare_notes": "text, deleted"}

FTS_STATEMENTS = [
    "CREATE VIRTUAL TABLE search_index USING fts5(title, body, project_id UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2')",
]
for _table, _kind, _title, _body in _SOURCES:
    _insert = (f"INSERT INTO search_index(rowid, title, body, project_id) SELECT new.rowid * 4 + {_kind}, "
               f"{_title}, {_body}, {_PROJECT_OF[_table]} WHERE new.deleted = 0;")
    _delete = f"DELETE FROM search_index WHERE rowid = old.rowid * 4 + {_kind};"
    FTS_STATEMENTS += [
        f"CREATE TRIGGER {_table}_fts_insert AFTER INSERT ON {_table} BEGIN {_insert} END",
        f"CREATE TRIGGER {_table}_fts_update AFTER UPDATE OF {_INDEXED[_table]} ON {_table} "
        f"BEGIN {_delete} {_insert} END",
        f"CREATE TRIGGER {_table}_fts_delete AFTER DELETE ON {_table} BEGIN {_delete} END",
    ]


# The dossier list's summary of every live project, kept current by triggers whatever writes
# (a local edit, a pulled change, an import), so listing 10,000 dossiers reads one compact table.
# ``open_dues`` lists the legal deadlines of filed permits (sorted ISO dates, comma-separated):
# "overdue" depends on the day the list is looked at, so it is decided when reading.
# While local_state holds 'bulk_load', the triggers stand aside and the loader rebuilds at the end.
_PHASE_ORDER = ("CASE pe.phase WHEN 'lead' THEN 0 WHEN 'assistance' THEN 1 WHEN 'decision' THEN 2 "
                "WHEN 'permitting' THEN 3 WHEN 'realisation' THEN 4 WHEN 'operations' THEN 5 END")
_NOT_BULK = "NOT EXISTS (SELECT 1 FROM local_state WHERE key = 'bulk_load')"
_REFRESH = ("INSERT OR REPLACE INTO dossier_index SELECT * FROM dossier_index_source WHERE id = {pid}; "
            "DELETE FROM dossier_index WHERE id = {pid} AND id NOT IN (SELECT id FROM dossier_index_source "
            "WHERE id = {pid});")

DOSSIER_INDEX_STATEMENTS = [
    "CREATE TABLE dossier_index (id VARCHAR(36) PRIMARY KEY, code VARCHAR(20), title VARCHAR(300), "
    "investor_id VARCHAR(36), investor VARCHAR(300), country VARCHAR(2), sector VARCHAR(30), "
    "function VARCHAR(20), kind VARCHAR(20), status VARCHAR(20), capex_cents INTEGER, new_hires INTEGER, "
    "municipality VARCHAR(120), province VARCHAR(2), phase VARCHAR(20), tutors TEXT, open_dues TEXT, "
    "pending INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX ix_dossier_index_investor_id ON dossier_index (investor_id)",
    "CREATE INDEX ix_dossier_index_code ON dossier_index (code)",
    "CREATE VIEW dossier_index_source AS "
    "SELECT p.id, p.code, p.title, p.investor_id, i.name AS investor, i.country, p.sector, p.function, "
    "p.kind, p.status, p.capex_cents, p.new_hires, p.municipality, p.province, "
    "(SELECT pe.phase FROM phase_entries pe WHERE pe.project_id = p.id AND pe.deleted = 0 "
    f" ORDER BY pe.entered_on DESC, {_PHASE_ORDER} DESC LIMIT 1) AS phase, "
    "coalesce((SELECT group_concat(name, ', ') FROM (SELECT t.name FROM assignments a "
    " JOIN tutors t ON t.id = a.tutor_id WHERE a.project_id = p.id AND a.deleted = 0 "
    " AND a.role = 'project_tutor' ORDER BY t.name)), '') AS tutors, "
    "(SELECT group_concat(d, ',') FROM (SELECT legal_due_on AS d FROM permit_items "
    " WHERE project_id = p.id AND status = 'submitted' AND legal_due_on IS NOT NULL AND deleted = 0 "
    " ORDER BY legal_due_on)) AS open_dues, "
    "(SELECT count(*) FROM outbox o WHERE o.project_id = p.id) AS pending "
    "FROM projects p LEFT JOIN investors i ON i.id = p.investor_id WHERE p.deleted = 0",
]
# (table, its project column, the columns whose update changes the summary; None: never updated)
_SUMMARY_SOURCES = (
    ("projects", "id", "code, title, investor_id, kind, sector, function, status, capex_cents, new_hires, "
                       "municipality, province, deleted"),
    ("phase_entries", "project_id", "phase, entered_on, deleted"),
    ("permit_items", "project_id", "status, legal_due_on, deleted"),
    ("assignments", "project_id", "tutor_id, role, deleted"),
    ("outbox", "project_id", None),  # combining entries changes no count
)
for _table, _pid, _columns in _SUMMARY_SOURCES:
    _events = [("INSERT", "new", "INSERT"), ("DELETE", "old", "DELETE")]
    if _columns:
        _events.append(("UPDATE", "new", f"UPDATE OF {_columns}"))
    for _name, _row, _event in _events:
        DOSSIER_INDEX_STATEMENTS.append(
            f"CREATE TRIGGER {_table}_dx_{_name.lower()} AFTER {_event} ON {_table} WHEN {_NOT_BULK} "
            f"BEGIN {_REFRESH.format(pid=f'{_row}.{_pid}')} END")
DOSSIER_INDEX_STATEMENTS += [
    f"CREATE TRIGGER investors_dx_update AFTER UPDATE OF name, country ON investors WHEN {_NOT_BULK} BEGIN "
    "INSERT OR REPLACE INTO dossier_index SELECT * FROM dossier_index_source WHERE investor_id = new.id; END",
    f"CREATE TRIGGER tutors_dx_update AFTER UPDATE OF name ON tutors WHEN {_NOT_BULK} BEGIN "
    "INSERT OR REPLACE INTO dossier_index SELECT * FROM dossier_index_source WHERE id IN "
    "(SELECT project_id FROM assignments WHERE tutor_id = new.id); END",
]


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("DROP VIEW IF EXISTS dossier_index_source")
    op.execute("DROP TABLE IF EXISTS dossier_index")
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_items_project_id'))
        batch_op.drop_index(batch_op.f('ix_action_items_meeting_id'))

    op.drop_table('action_items')
    with op.batch_alter_table('phase_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phase_entries_project_id'))

    op.drop_table('phase_entries')
    with op.batch_alter_table('permit_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_permit_items_project_id'))
        batch_op.drop_index('ix_permit_items_due')

    op.drop_table('permit_items')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index('ix_meetings_project_start')

    op.drop_table('meetings')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_tutor_id'))
        batch_op.drop_index(batch_op.f('ix_assignments_project_id'))

    op.drop_table('assignments')
    with op.batch_alter_table('aftercare_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aftercare_notes_project_id'))

    op.drop_table('aftercare_notes')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_investor_id'))

    op.drop_table('projects')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_investor_id'))

    op.drop_table('contacts')
    op.drop_table('tutors')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_row')
        batch_op.drop_index('ix_outbox_project')

    op.drop_table('outbox')
    op.drop_table('local_state')
    op.drop_table('investors')
    # ### end Alembic commands ###
