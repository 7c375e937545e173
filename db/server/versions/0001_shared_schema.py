"""shared schema: synced tables, change feed, history, roles, row-level security, sync functions

Revision ID: 0001
Revises:
Create Date: 2026-11-25 02:00:00

The tables are written out from a frozen description below (not from the live domain schema):
a revision is history and must build the same database forever. The functions and policies are
in ``db/server/sql/0001_*.sql``; role names are per database and replace ``@OWNER@``,
``@USERS@`` and ``@ADMIN@`` there.
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import quoted, sql_file

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


# name: (feed order, project key, fields); a field is (name, SQL type, not null, references, immutable)
_P = ("project_id", "uuid", True, "projects", True)
TABLES: dict[str, tuple[int, str | None, list[tuple[str, str, bool, str | None, bool]]]] = {
    "tutors": (1, None, [
        ("name", "text", True, None, False), ("email", "text", False, None, False),
        ("role", "text", True, None, False), ("initials", "text", True, None, False),
        ("provinces", "text[]", True, None, False)]),
    "investors": (2, None, [
        ("name", "text", True, None, False), ("country", "text", True, None, False),
        ("sector", "text", False, None, False), ("website", "text", False, None, False),
        ("parent_group", "text", False, None, False)]),
    "contacts": (3, None, [
        ("investor_id", "uuid", True, "investors", True), ("name", "text", True, None, False),
        ("role", "text", False, None, False), ("email", "text", False, None, False),
        ("phone", "text", False, None, False)]),
    "projects": (4, "id", [
        ("code", "text", True, None, True), ("investor_id", "uuid", True, "investors", False),
        ("title", "text", True, None, False), ("kind", "text", True, None, False),
        ("sector", "text", True, None, False), ("function", "text", True, None, False),
        ("status", "text", True, None, False), ("capex_cents", "bigint", False, None, False),
        ("new_hires", "bigint", False, None, False), ("municipality", "text", False, None, False),
        ("province", "text", False, None, False), ("zis", "boolean", True, None, False),
        ("zls", "boolean", True, None, False), ("instruments", "text[]", True, None, False),
        ("services", "text[]", True, None, False), ("description", "text", False, None, False)]),
    "phase_entries": (5, "project_id", [
        _P, ("phase", "text", True, None, False), ("entered_on", "date", True, None, False)]),
    "meetings": (6, "project_id", [
        _P, ("table", "text", True, None, False), ("starts_at", "text", True, None, False),
        ("place", "text", False, None, False), ("participants", "text", False, None, False),
        ("organisations", "text", False, None, False), ("agenda", "text", False, None, False),
        ("minutes", "text", False, None, False), ("decisions", "text", False, None, False)]),
    "action_items": (7, "project_id", [
        _P, ("meeting_id", "uuid", True, "meetings", True), ("text", "text", True, None, False),
        ("owner", "text", False, None, False), ("due_on", "date", False, None, False),
        ("done", "boolean", True, None, False)]),
    "permit_items": (8, "project_id", [
        _P, ("permit_code", "text", True, None, False), ("name", "text", True, None, False),
        ("authority", "text", False, None, False), ("status", "text", True, None, False),
        ("submitted_on", "date", False, None, False), ("expected_on", "date", False, None, False),
        ("decided_on", "date", False, None, False), ("time_limit_days", "bigint", False, None, False),
        ("notes", "text", False, None, False), ("position", "bigint", False, None, False)]),
    "aftercare_notes": (9, "project_id", [
        _P, ("noted_on", "date", True, None, False), ("topic", "text", True, None, False),
        ("text", "text", True, None, False), ("follow_up_on", "date", False, None, False)]),
    "assignments": (10, "project_id", [
        _P, ("tutor_id", "uuid", True, "tutors", True), ("role", "text", True, None, False)]),
    "conflicts": (11, "project_id", [
        ("project_id", "uuid", False, None, True), ("table_name", "text", True, None, True),
        ("row_id", "uuid", True, None, True), ("field", "text", False, None, True),
        ("kind", "text", True, None, True), ("kept_value", "text", False, None, True),
        ("lost_value", "text", False, None, True), ("kept_stamp", "text", False, None, True),
        ("lost_stamp", "text", False, None, True), ("kept_by", "uuid", False, None, True),
        ("lost_by", "uuid", False, None, True), ("change_id", "uuid", False, None, True),
        ("reason", "text", False, None, True), ("resolved", "boolean", True, None, False)]),
}
_INSTANT_CHECK = r"~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$'"


def _table_ddl(name: str, fields: list[tuple[str, str, bool, str | None, bool]]) -> list[str]:
    cols = ["id uuid PRIMARY KEY"]
    for field, sql_type, not_null, ref, _immutable in fields:
        col = f"{quoted(field)} {sql_type}"
        if not_null:
            col += " NOT NULL"
        if ref:
            col += f" REFERENCES tutor.{ref}(id)"
        if field == "starts_at":
            col += f" CHECK (starts_at {_INSTANT_CHECK})"
        cols.append(col)
    cols += [
        f"created_at text NOT NULL CHECK (created_at {_INSTANT_CHECK})",
        f"updated_at text NOT NULL CHECK (updated_at {_INSTANT_CHECK})",
        "deleted boolean NOT NULL DEFAULT false",
        "rev bigint NOT NULL",           # the revision of the row's last write: its feed position
        "stamps jsonb NOT NULL",         # field -> HLC text of its last write (the device is in it)
        "revs jsonb NOT NULL",           # field -> revision of its last write (conflict detection)
    ]
    statements = [f"CREATE TABLE tutor.{name} (\n  " + ",\n  ".join(cols) + "\n)",
                  f"CREATE INDEX {name}_feed ON tutor.{name} (rev, id)"]
    if any(f[0] == "project_id" for f in fields):
        statements.append(f"CREATE INDEX {name}_project ON tutor.{name} (project_id)")
    if name == "projects":
        statements.append("CREATE UNIQUE INDEX projects_code ON tutor.projects (code)")
    if name == "assignments":
        statements.append("CREATE INDEX assignments_tutor ON tutor.assignments (tutor_id)")
    return statements


def upgrade() -> None:
    roles = op.get_context().config.attributes["roles"]
    op.execute(sql_file("0001_support.sql"))
    for name, (order, project_key, fields) in TABLES.items():
        for statement in _table_ddl(name, fields):
            op.execute(statement)
        field_names = "ARRAY[" + ", ".join(f"'{f[0]}'" for f in fields) + "]::text[]"
        immutable = "ARRAY[" + ", ".join(f"'{f[0]}'" for f in fields if f[4]) + "]::text[]"
        key = f"'{project_key}'" if project_key else "NULL"
        op.execute(f"INSERT INTO tutor.entities (name, ord, project_key, fields, immutable) "
                   f"VALUES ('{name}', {order}, {key}, {field_names}, {immutable})")
    # server_id: who this server is, whatever address it is reached at (a profile syncs with one).
    op.execute("INSERT INTO tutor.meta (key, value) VALUES ('protocol', '1'), ('min_client_protocol', '1'), "
               f"('role_prefix', '{roles['prefix']}'), ('server_id', gen_random_uuid()::text)")
    for name in ("0001_merge.sql", "0001_feed.sql", "0001_admin.sql", "0001_security.sql"):
        op.execute(sql_file(name))


def downgrade() -> None:
    op.execute("DROP SCHEMA tutor CASCADE")
