-- Who may do what (DESIGN §5.0, §6), run after every other definition. Users SELECT through
-- row-level security and EXECUTE the sync functions; nothing else. Every table has RLS enabled
-- and FORCED, so even the owner goes through a policy (its own, which lets the sync functions see
-- everything they must check). The users' policies key on the login identity (session_user,
-- inside the helpers of 20_visibility.sql), never on a setting a client could set.
--
-- Every function names pg_temp last in its search_path (or, inlined into its callers, has a body
-- bound when it is made): a function whose search_path does not name pg_temp still searches the
-- session's temporary schema first for types and operators, and a user could create
-- ``pg_temp.text`` (a domain whose CHECK calls their own function) and have a SECURITY DEFINER
-- function run their code as the owner (PostgreSQL's own advice for SECURITY DEFINER functions).
-- `server init` also revokes TEMPORARY on the database from PUBLIC (tutor_app/sync/admin.py).

REVOKE ALL ON SCHEMA tutor FROM PUBLIC;
GRANT USAGE ON SCHEMA tutor TO @USERS@, @ADMIN@;

-- The functions users and administrators call, and no other. A new function may be executed by
-- PUBLIC (PostgreSQL's global default, which per-schema default privileges cannot take back):
-- revoked here, after every function is made.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC, @USERS@, @ADMIN@;
GRANT EXECUTE ON FUNCTION
  tutor.hello(integer), tutor.hello(integer, bigint),
  tutor.push(integer, text, jsonb), tutor.push(integer, text, jsonb, bigint),
  tutor.pull(integer, jsonb, integer), tutor.pull(integer, jsonb, integer, jsonb),
  tutor.snapshot(integer, uuid[]), tutor.dossier_hashes(integer),
  tutor.fetch_rows(integer, text, uuid[]),
  tutor.register_device(integer, text, text), tutor.bundle_device(integer, text),
  tutor.device_owners(integer, text[]),
  tutor.import_bundle(integer, text, text, boolean), tutor.revert_bundle(integer, uuid),
  tutor.sees_project(uuid), tutor.is_coordinator(), tutor.my_tutor_id()
  TO @USERS@;
GRANT EXECUTE ON FUNCTION
  tutor.admin_register_user(text, text, text[]), tutor.admin_register_user(text, text, text[], text),
  tutor.admin_assign(text, text, boolean), tutor.admin_status(), tutor.admin_bundles(integer),
  tutor.admin_stuck_sessions(double precision)
  TO @ADMIN@;

-- Table by table: row-level security, the owner's policy, and what users read. A policy is
-- dropped and made again, so that this file is its one definition.

-- The directory (tutors, investors, contacts) is the whole region's.
ALTER TABLE tutor.tutors ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.tutors;
CREATE POLICY owner_all ON tutor.tutors FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_read ON tutor.tutors;
CREATE POLICY users_read ON tutor.tutors FOR SELECT TO @USERS@ USING (true);
GRANT SELECT ON tutor.tutors TO @USERS@;

ALTER TABLE tutor.investors ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.investors;
CREATE POLICY owner_all ON tutor.investors FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_read ON tutor.investors;
CREATE POLICY users_read ON tutor.investors FOR SELECT TO @USERS@ USING (true);
GRANT SELECT ON tutor.investors TO @USERS@;

ALTER TABLE tutor.contacts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.contacts;
CREATE POLICY owner_all ON tutor.contacts FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_read ON tutor.contacts;
CREATE POLICY users_read ON tutor.contacts FOR SELECT TO @USERS@ USING (true);
GRANT SELECT ON tutor.contacts TO @USERS@;

-- A dossier and its records: the dossiers one sees.
ALTER TABLE tutor.projects ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.projects;
CREATE POLICY owner_all ON tutor.projects FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.projects;
CREATE POLICY users_rows ON tutor.projects FOR ALL TO @USERS@
  USING (tutor.sees_project(id)) WITH CHECK (tutor.sees_project(id));
GRANT SELECT ON tutor.projects TO @USERS@;

ALTER TABLE tutor.phase_entries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.phase_entries;
CREATE POLICY owner_all ON tutor.phase_entries FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.phase_entries;
CREATE POLICY users_rows ON tutor.phase_entries FOR ALL TO @USERS@
  USING (tutor.sees_project(project_id)) WITH CHECK (tutor.sees_project(project_id));
GRANT SELECT ON tutor.phase_entries TO @USERS@;

ALTER TABLE tutor.meetings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.meetings;
CREATE POLICY owner_all ON tutor.meetings FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.meetings;
CREATE POLICY users_rows ON tutor.meetings FOR ALL TO @USERS@
  USING (tutor.sees_project(project_id)) WITH CHECK (tutor.sees_project(project_id));
GRANT SELECT ON tutor.meetings TO @USERS@;

ALTER TABLE tutor.action_items ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.action_items;
CREATE POLICY owner_all ON tutor.action_items FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.action_items;
CREATE POLICY users_rows ON tutor.action_items FOR ALL TO @USERS@
  USING (tutor.sees_project(project_id)) WITH CHECK (tutor.sees_project(project_id));
GRANT SELECT ON tutor.action_items TO @USERS@;

ALTER TABLE tutor.permit_items ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.permit_items;
CREATE POLICY owner_all ON tutor.permit_items FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.permit_items;
CREATE POLICY users_rows ON tutor.permit_items FOR ALL TO @USERS@
  USING (tutor.sees_project(project_id)) WITH CHECK (tutor.sees_project(project_id));
GRANT SELECT ON tutor.permit_items TO @USERS@;

ALTER TABLE tutor.aftercare_notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.aftercare_notes;
CREATE POLICY owner_all ON tutor.aftercare_notes FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.aftercare_notes;
CREATE POLICY users_rows ON tutor.aftercare_notes FOR ALL TO @USERS@
  USING (tutor.sees_project(project_id)) WITH CHECK (tutor.sees_project(project_id));
GRANT SELECT ON tutor.aftercare_notes TO @USERS@;

-- Assignments: of the dossiers one sees, and one's own even when they take a dossier out of view
-- (how a client learns to purge it).
ALTER TABLE tutor.assignments ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.assignments;
CREATE POLICY owner_all ON tutor.assignments FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.assignments;
CREATE POLICY users_rows ON tutor.assignments FOR ALL TO @USERS@
  USING (tutor.sees_project(project_id) OR tutor_id = tutor.my_tutor_id())
  WITH CHECK (tutor.sees_project(project_id));
GRANT SELECT ON tutor.assignments TO @USERS@;

-- Conflict records: of the dossiers one sees, and those of no dossier (the directory's).
ALTER TABLE tutor.conflicts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.conflicts;
CREATE POLICY owner_all ON tutor.conflicts FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_rows ON tutor.conflicts;
CREATE POLICY users_rows ON tutor.conflicts FOR ALL TO @USERS@
  USING (project_id IS NULL OR tutor.sees_project(project_id))
  WITH CHECK (project_id IS NULL OR tutor.sees_project(project_id));
GRANT SELECT ON tutor.conflicts TO @USERS@;

-- A user reads their own account; a coordinator reads all of them.
ALTER TABLE tutor.users ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.users;
CREATE POLICY owner_all ON tutor.users FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_self ON tutor.users;
CREATE POLICY users_self ON tutor.users FOR SELECT TO @USERS@
  USING (role_name = session_user OR tutor.is_coordinator());
GRANT SELECT ON tutor.users TO @USERS@;

-- The audit trail of the dossiers one sees (a coordinator: all of it), and one's own writes of no
-- dossier. The provenance view reads it with the reader's own rights.
ALTER TABLE tutor.history ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.history;
CREATE POLICY owner_all ON tutor.history FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS users_history ON tutor.history;
CREATE POLICY users_history ON tutor.history FOR SELECT TO @USERS@
  USING (tutor.is_coordinator()
         OR (project_id IS NOT NULL AND tutor.sees_project(project_id))
         OR (project_id IS NULL AND author = session_user));
GRANT SELECT ON tutor.history TO @USERS@;
GRANT SELECT ON tutor.history_provenance TO @USERS@;

-- Coordinators read the register of imported bundles.
ALTER TABLE tutor.bundles ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.bundles;
CREATE POLICY owner_all ON tutor.bundles FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS coordinators_read ON tutor.bundles;
CREATE POLICY coordinators_read ON tutor.bundles FOR SELECT TO @USERS@ USING (tutor.is_coordinator());
GRANT SELECT ON tutor.bundles TO @USERS@;

-- The server's own bookkeeping: the owner's policy alone (users never read it; they are told).
ALTER TABLE tutor.meta ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.meta;
CREATE POLICY owner_all ON tutor.meta FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.counter ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.counter;
CREATE POLICY owner_all ON tutor.counter FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.entities ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.entities;
CREATE POLICY owner_all ON tutor.entities FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.devices ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.devices;
CREATE POLICY owner_all ON tutor.devices FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.applied_changes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.applied_changes;
CREATE POLICY owner_all ON tutor.applied_changes FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.project_hashes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.project_hashes;
CREATE POLICY owner_all ON tutor.project_hashes FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.province_hashes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.province_hashes;
CREATE POLICY owner_all ON tutor.province_hashes FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.tutor_hashes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.tutor_hashes;
CREATE POLICY owner_all ON tutor.tutor_hashes FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.field_rules ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.field_rules;
CREATE POLICY owner_all ON tutor.field_rules FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

ALTER TABLE tutor.alembic_version ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.alembic_version;
CREATE POLICY owner_all ON tutor.alembic_version FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);
