-- Who sees which dossiers (DESIGN §5.0, §6): the sync functions ask with the caller's account in
-- hand; the row-level security policies (99_security.sql) ask through the SECURITY DEFINER
-- helpers at the end, keyed on the login identity (session_user), never on a setting a client
-- could set.

-- The dossiers a user sees (and may edit): NULL means all (coordinators). A project tutor: the
-- projects assigned to them; a regional tutor: those and every project in their provinces.
CREATE OR REPLACE FUNCTION tutor._visible_projects(me tutor.users) RETURNS uuid[]
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT CASE WHEN me.role = 'coordinator' THEN NULL ELSE array(
    SELECT a.project_id FROM tutor.assignments a WHERE a.tutor_id = me.tutor_id AND NOT a.deleted
    UNION
    SELECT p.id FROM tutor.projects p WHERE me.role = 'regional_tutor' AND p.province = ANY(me.provinces)) END
$$;

-- Whether the user sees one dossier (the same rule as _visible_projects, for one project).
CREATE OR REPLACE FUNCTION tutor._sees(me tutor.users, p_project uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT me.role = 'coordinator'
      OR EXISTS (SELECT 1 FROM tutor.assignments a
                 WHERE a.project_id = p_project AND a.tutor_id = me.tutor_id AND NOT a.deleted)
      OR (me.role = 'regional_tutor'
          AND EXISTS (SELECT 1 FROM tutor.projects p WHERE p.id = p_project AND p.province = ANY(me.provinces)))
$$;

-- Whether some of these dossiers are ones the user does not see (the same rule, for many at once).
CREATE OR REPLACE FUNCTION tutor._unseen(me tutor.users, p_projects uuid[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT me.role <> 'coordinator' AND EXISTS (
    SELECT 1 FROM unnest(p_projects) p(id)
     WHERE NOT EXISTS (SELECT 1 FROM tutor.assignments a
                        WHERE a.project_id = p.id AND a.tutor_id = me.tutor_id AND NOT a.deleted)
       AND NOT (me.role = 'regional_tutor'
                AND EXISTS (SELECT 1 FROM tutor.projects pr WHERE pr.id = p.id AND pr.province = ANY(me.provinces))))
$$;

-- For the row-level security policies: keyed on the login identity, never on a setting.
CREATE OR REPLACE FUNCTION tutor.sees_project(p_project uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT coalesce((SELECT tutor._sees(u, p_project) FROM tutor.users u WHERE u.role_name = session_user), false)
$$;

-- For the policies too: a coordinator reads every account, the whole history, the bundle register.
CREATE OR REPLACE FUNCTION tutor.is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT EXISTS (SELECT 1 FROM tutor.users u WHERE u.role_name = session_user AND u.role = 'coordinator')
$$;

-- For the policies too: a user always reads their own assignments (how a client learns to purge
-- a dossier taken from them).
CREATE OR REPLACE FUNCTION tutor.my_tutor_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT u.tutor_id FROM tutor.users u WHERE u.role_name = session_user
$$;
