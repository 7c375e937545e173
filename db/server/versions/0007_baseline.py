"""the shared schema's tables as revision 0007 left them: the baseline (revisions 0001 to 0007 collapsed)

Revision ID: 0007
Revises:
Create Date: 2026-11-25 07:00:00

No server had been released when the history was collapsed: the tables that revisions 0001 to
0007 made (the synced tables, the change feed's counter, the history, users and devices, the
register of bundles, unique initials) are made here at once, as those revisions left them, so
that a test server already at 0007 goes on from here with the next revision. The revisions hold
the tables, their data and the drops of changed signatures; every function, trigger, policy and
grant is in ``db/server/definitions``, which ``server init`` loads after the revisions, whatever
revision the server was at (tutor_app/sync/migration_sql.py).

The synced tables are written out from a frozen description below (not from the live domain
schema): a revision is history and must build the same database forever.
"""

from __future__ import annotations

from alembic import op

from tutor_app.sync.migration_sql import quoted

revision = '0007'
down_revision = None
branch_labels = None
depends_on = None

# Bookkeeping of the shared database: facts, the commit-order counter, users and their devices,
# the ids of applied changes, the audit trail, the per-dossier sanity hashes.
BOOKKEEPING = """
CREATE TABLE tutor.meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- The change feed's clock. Every write transaction takes this single row first and keeps it
-- locked until it commits, so revisions become visible in the order they were handed out: a
-- reader that sees revision N has seen every revision below it (DESIGN §5.4, the commit-order
-- counter). A cursor made of these revisions never skips a committed change.
CREATE TABLE tutor.counter (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  rev bigint NOT NULL
);
INSERT INTO tutor.counter (rev) VALUES (0);

-- The synced tables, for the functions that treat them alike (dynamic SQL is checked against it).
CREATE TABLE tutor.entities (
  name text PRIMARY KEY,
  ord integer NOT NULL UNIQUE,       -- parents first: the order rows are applied in
  project_key text,                  -- 'id' for projects, 'project_id' for a dossier's rows
  fields text[] NOT NULL,
  immutable text[] NOT NULL
);

-- A Tutor user is a PostgreSQL login role (named with the per-database prefix) plus this row.
-- The role comes from here, never from what a client says. Initials are unique, so that project
-- codes (year-INITIALS-counter) made offline do not collide.
CREATE TABLE tutor.users (
  role_name text PRIMARY KEY,
  tutor_id uuid UNIQUE,              -- linked at the first sync (the tutor record the client made)
  role text NOT NULL CHECK (role IN ('project_tutor', 'regional_tutor', 'coordinator')),
  provinces text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  initials text CHECK (initials IS NULL OR initials ~ '^[A-Z]{2,4}$')
);
CREATE UNIQUE INDEX users_initials ON tutor.users (initials);

-- Devices are registered to one user at their first push: a stamp names its device, and a device
-- id cannot be borrowed to pass for somebody else's edit. A device's Ed25519 public key (its
-- bundles' signatures) is registered by its own user.
CREATE TABLE tutor.devices (
  device text PRIMARY KEY,
  role_name text NOT NULL REFERENCES tutor.users(role_name),
  first_seen timestamptz NOT NULL DEFAULT now(),
  public_key text CHECK (public_key IS NULL OR public_key ~ '^[0-9a-f]{64}$')
);

-- Every change id ever applied, with its author and payload hash: a replay answers the first
-- result and writes nothing; the same id with another payload is refused.
CREATE TABLE tutor.applied_changes (
  change_id uuid PRIMARY KEY,
  role_name text NOT NULL,
  device text NOT NULL,
  payload_hash text NOT NULL,
  rev bigint NOT NULL,
  result jsonb NOT NULL,
  bundle_id uuid,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- The audit trail (DESIGN §5.6), written only by the trigger tutor._audit and the fast path.
CREATE TABLE tutor.history (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  project_id uuid,
  rev bigint NOT NULL,
  change_id uuid,
  author text NOT NULL,              -- whose change it is
  applied_by text NOT NULL,          -- who made the server apply it (a coordinator for a bundle)
  device text,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  old_values jsonb,
  new_values jsonb NOT NULL,
  bundle_id uuid
);
CREATE INDEX history_row ON tutor.history (table_name, row_id);
CREATE INDEX history_project ON tutor.history (project_id);
CREATE INDEX history_change ON tutor.history (change_id);

-- XOR of the hashes of every row of a dossier, kept current by the trigger: the sanity check
-- (DESIGN §5.9) compares these without reading rows.
CREATE TABLE tutor.project_hashes (
  project_id uuid PRIMARY KEY,
  hash bigint NOT NULL
);
"""

# Every bundle imported (DESIGN §5.7): who made it, who imported it, whether its signature was
# verified, and the signed bytes themselves, so anyone can check the signature again later.
BUNDLES = """
CREATE TABLE tutor.bundles (
  bundle_id uuid PRIMARY KEY,
  author text NOT NULL REFERENCES tutor.users(role_name),
  device text NOT NULL,
  created_at text NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  verified boolean NOT NULL,
  signature text,
  body text NOT NULL,
  rev bigint NOT NULL,
  summary jsonb NOT NULL
)
"""


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
    op.execute(BOOKKEEPING)
    for name, (order, project_key, fields) in TABLES.items():
        for statement in _table_ddl(name, fields):
            op.execute(statement)
        field_names = "ARRAY[" + ", ".join(f"'{f[0]}'" for f in fields) + "]::text[]"
        immutable = "ARRAY[" + ", ".join(f"'{f[0]}'" for f in fields if f[4]) + "]::text[]"
        key = f"'{project_key}'" if project_key else "NULL"
        op.execute(f"INSERT INTO tutor.entities (name, ord, project_key, fields, immutable) "
                   f"VALUES ('{name}', {order}, {key}, {field_names}, {immutable})")
    op.execute(BUNDLES)
    # server_id: who this server is, whatever address it is reached at (a profile syncs with one).
    # The sync protocol this schema speaks: 4 (a client of another protocol is told to update).
    op.execute("INSERT INTO tutor.meta (key, value) VALUES ('protocol', '4'), ('min_client_protocol', '4'), "
               f"('role_prefix', '{roles['prefix']}'), ('server_id', gen_random_uuid()::text)")


def downgrade() -> None:
    op.execute("DROP SCHEMA tutor CASCADE")
