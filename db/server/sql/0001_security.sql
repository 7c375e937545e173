-- Who may do what (DESIGN §5.0, §6). Users SELECT through row-level security and EXECUTE the
-- sync functions; nothing else. Every table has RLS enabled and FORCED, so even the owner goes
-- through a policy (its own, which lets the sync functions see everything they must check).
-- Policies key on the login identity (session_user inside the helper functions), never on a
-- setting a client could set.

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA tutor REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE ALL ON SCHEMA tutor FROM PUBLIC;
GRANT USAGE ON SCHEMA tutor TO @USERS@, @ADMIN@;

GRANT EXECUTE ON FUNCTION tutor.hello(integer), tutor.push(integer, text, jsonb),
  tutor.pull(integer, jsonb, integer), tutor.snapshot(integer, uuid[]), tutor.dossier_hashes(integer),
  tutor.fetch_rows(integer, text, uuid[]),
  tutor.sees_project(uuid), tutor.is_coordinator(), tutor.my_tutor_id() TO @USERS@;
GRANT EXECUTE ON FUNCTION tutor.admin_register_user(text, text, text[]), tutor.admin_assign(text, text, boolean),
  tutor.admin_status() TO @ADMIN@;

DO $$
DECLARE
  t text;
  e record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'tutor' AND c.relkind = 'r' LOOP
    EXECUTE format('ALTER TABLE tutor.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE tutor.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_all ON tutor.%I FOR ALL TO @OWNER@ USING (true) WITH CHECK (true)', t);
  END LOOP;
  FOR e IN SELECT name, project_key FROM tutor.entities LOOP
    EXECUTE format('GRANT SELECT ON tutor.%I TO @USERS@', e.name);
    IF e.project_key IS NULL THEN
      -- The directory (tutors, investors, contacts) is the whole region's.
      EXECUTE format('CREATE POLICY users_read ON tutor.%I FOR SELECT TO @USERS@ USING (true)', e.name);
    ELSIF e.name = 'projects' THEN
      EXECUTE 'CREATE POLICY users_rows ON tutor.projects FOR ALL TO @USERS@
               USING (tutor.sees_project(id)) WITH CHECK (tutor.sees_project(id))';
    ELSIF e.name = 'assignments' THEN
      EXECUTE 'CREATE POLICY users_rows ON tutor.assignments FOR ALL TO @USERS@
               USING (tutor.sees_project(project_id) OR tutor_id = tutor.my_tutor_id())
               WITH CHECK (tutor.sees_project(project_id))';
    ELSIF e.name = 'conflicts' THEN
      EXECUTE 'CREATE POLICY users_rows ON tutor.conflicts FOR ALL TO @USERS@
               USING (project_id IS NULL OR tutor.sees_project(project_id))
               WITH CHECK (project_id IS NULL OR tutor.sees_project(project_id))';
    ELSE
      EXECUTE format('CREATE POLICY users_rows ON tutor.%I FOR ALL TO @USERS@
                      USING (tutor.sees_project(project_id)) WITH CHECK (tutor.sees_project(project_id))', e.name);
    END IF;
  END LOOP;
END $$;

-- A user reads their own account; a coordinator reads all of them.
GRANT SELECT ON tutor.users TO @USERS@;
CREATE POLICY users_self ON tutor.users FOR SELECT TO @USERS@
  USING (role_name = session_user OR tutor.is_coordinator());

-- The audit trail of the dossiers one sees (a coordinator: all of it).
GRANT SELECT ON tutor.history TO @USERS@;
CREATE POLICY users_history ON tutor.history FOR SELECT TO @USERS@
  USING (tutor.is_coordinator()
         OR (project_id IS NOT NULL AND tutor.sees_project(project_id))
         OR (project_id IS NULL AND author = session_user));
