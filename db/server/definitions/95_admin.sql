-- What the administrator (IT) does through the CLI: register users, assign and unassign
-- projects, look at the server, end the sessions that stop everyone's sync. Each write takes the
-- commit-order counter like a push.

-- The change context of an administrator's write: a revision of its own, no change id, the
-- administrator as author.
CREATE OR REPLACE FUNCTION tutor._admin_write_context() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  v_rev bigint;
BEGIN
  UPDATE tutor.counter SET rev = rev + 1 RETURNING rev INTO v_rev;
  PERFORM set_config('tutor.change_id', '', true);
  PERFORM set_config('tutor.author', session_user, true);
  PERFORM set_config('tutor.bundle', '', true);
  RETURN v_rev;
END $$;

-- The login role itself is made by the administrator's own session (it needs CREATEROLE); this
-- records what Tutor needs to know about it. A changed role or area reaches the tutor record.
CREATE OR REPLACE FUNCTION tutor.admin_register_user(p_role_name text, p_role text, p_provinces text[]) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  u tutor.users;
BEGIN
  INSERT INTO tutor.users (role_name, role, provinces)
  VALUES (p_role_name, p_role, coalesce((SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(p_provinces) x), '{}'))
  ON CONFLICT (role_name) DO UPDATE SET role = excluded.role, provinces = excluded.provinces
  RETURNING * INTO u;
  IF u.tutor_id IS NOT NULL THEN
    PERFORM tutor._server_write('tutors', u.tutor_id,
      jsonb_build_object('role', u.role, 'provinces', to_jsonb(u.provinces)), tutor._admin_write_context());
  END IF;
  RETURN to_jsonb(u);
END $$;

-- add-user: the user, with initials (``p_initials`` is the wish: derived from the person's name,
-- or given by the administrator; NULL keeps those the user has).
CREATE OR REPLACE FUNCTION tutor.admin_register_user(p_role_name text, p_role text, p_provinces text[], p_initials text)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  u tutor.users;
BEGIN
  PERFORM tutor.admin_register_user(p_role_name, p_role, p_provinces);
  PERFORM tutor._give_initials(p_role_name, p_initials);
  SELECT * INTO u FROM tutor.users WHERE role_name = p_role_name;
  RETURN to_jsonb(u);
END $$;

-- A project by its id or its code (what IT types).
CREATE OR REPLACE FUNCTION tutor._find_project(p_project text) RETURNS uuid
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  pid uuid;
BEGIN
  IF p_project ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    SELECT id INTO pid FROM tutor.projects WHERE id = lower(p_project)::uuid;
  ELSE
    SELECT id INTO pid FROM tutor.projects WHERE code = upper(trim(p_project));
  END IF;
  IF pid IS NULL THEN
    RAISE EXCEPTION 'no project % on the server (has its tutor synced it?)', p_project USING ERRCODE = 'P0002';
  END IF;
  RETURN pid;
END $$;

-- A user by their login role or their name without the database's prefix.
CREATE OR REPLACE FUNCTION tutor._find_user(p_user text) RETURNS tutor.users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  u tutor.users;
BEGIN
  SELECT * INTO u FROM tutor.users
   WHERE role_name IN (p_user, (SELECT value FROM tutor.meta WHERE key = 'role_prefix') || p_user);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no user % on this server', p_user USING ERRCODE = 'P0002';
  END IF;
  RETURN u;
END $$;

-- Assign a project to a user (who has synced once: assignments hang on their tutor record), or not.
CREATE OR REPLACE FUNCTION tutor.admin_assign(p_project text, p_user text, p_on boolean) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  pid uuid := tutor._find_project(p_project);
  u tutor.users := tutor._find_user(p_user);
  v_rev bigint;
BEGIN
  IF u.tutor_id IS NULL THEN
    RAISE EXCEPTION 'the user % has not synced yet: assign projects after their first sync', p_user
      USING ERRCODE = 'P0002';
  END IF;
  v_rev := tutor._admin_write_context();
  PERFORM tutor._assign(pid, u.tutor_id, u.role, p_on, v_rev);
  RETURN jsonb_build_object('project_id', pid, 'tutor_id', u.tutor_id, 'assigned', p_on, 'rev', v_rev);
END $$;

-- `tutor-app server status`: versions, head, users and counts. Records are hidden through their
-- parents, as on every replica: a record of a deleted dossier, and an action item of a deleted
-- meeting, are not counted (the children are never tombstoned with their parent, so restoring the
-- parent brings them back as they were). The client's one definition of the same rule is
-- ``store.queries.LIVE_ACTION_ITEMS``.
CREATE OR REPLACE FUNCTION tutor.admin_status() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  WITH live_projects AS (SELECT id FROM tutor.projects WHERE NOT deleted),
       live_meetings AS (SELECT m.id FROM tutor.meetings m JOIN live_projects p ON p.id = m.project_id
                          WHERE NOT m.deleted),
       live_actions AS (SELECT a.done FROM tutor.action_items a JOIN live_meetings m ON m.id = a.meeting_id
                         WHERE NOT a.deleted)
  SELECT jsonb_build_object(
    'schema', (SELECT version_num FROM tutor.alembic_version LIMIT 1),
    'protocol', (SELECT value::integer FROM tutor.meta WHERE key = 'protocol'),
    'role_prefix', (SELECT value FROM tutor.meta WHERE key = 'role_prefix'),
    'head', (SELECT rev FROM tutor.counter),
    'users', (SELECT coalesce(jsonb_agg(jsonb_build_object('role_name', role_name, 'role', role,
                       'provinces', to_jsonb(provinces), 'linked', tutor_id IS NOT NULL) ORDER BY role_name), '[]')
              FROM tutor.users),
    'projects', (SELECT count(*) FROM live_projects),
    'meetings', (SELECT count(*) FROM live_meetings),
    'action_items', (SELECT count(*) FROM live_actions),
    'open_actions', (SELECT count(*) FROM live_actions WHERE NOT done),
    'permit_items', (SELECT count(*) FROM tutor.permit_items i JOIN live_projects p ON p.id = i.project_id
                      WHERE NOT i.deleted),
    'aftercare_notes', (SELECT count(*) FROM tutor.aftercare_notes n JOIN live_projects p ON p.id = n.project_id
                         WHERE NOT n.deleted),
    'open_conflicts', (SELECT count(*) FROM tutor.conflicts WHERE NOT resolved AND NOT deleted),
    'devices', (SELECT count(*) FROM tutor.devices),
    'applied_changes', (SELECT count(*) FROM tutor.applied_changes))
$$;

-- The register, for IT (``tutor-app server status``): the latest imports, with who vouched.
CREATE OR REPLACE FUNCTION tutor.admin_bundles(p_limit integer) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT coalesce(jsonb_agg(x.label ORDER BY x.rev DESC), '[]') FROM (
    SELECT b.rev, tutor._bundle_label(b.bundle_id, b.rev) || jsonb_build_object('summary', b.summary) AS label
      FROM tutor.bundles b ORDER BY b.rev DESC LIMIT least(greatest(coalesce(p_limit, 20), 1), 1000)) x
$$;

-- One session can stop everyone's sync: the sessions IT's watchdog ends (`tutor-app server watchdog`, tutor_app/sync/watchdog.py): users'
-- sessions on this database that, for longer than the bound,
--   * sit idle inside a transaction (whatever they hold: a tutor's psql left after
--     `BEGIN; SELECT tutor.push(...)` holds the commit-order counter until it ends), or
--   * are in a transaction that holds a lock stronger than a reader's on a Tutor table (the
--     counter's row lock comes with one: every writer takes it), or that another session waits for
--     (any lock, advisory ones included).
-- A long reader that holds only reading locks stops no sync; its statement_timeout bounds it.
-- The time is the transaction's age (for the idle ones, how long they have been idle): a lock is
-- held at most that long, and a user's transaction that writes is one short statement (the sync
-- functions), so an old one is a session left holding what others need.
--
-- SECURITY INVOKER: it sees what the administrator sees. The administrators' group is made a member
-- of every user's login role by `server init` and `server add-user` (tutor_app/sync/admin.py), which
-- lets them see those sessions in pg_stat_activity and end them with pg_terminate_backend. Users
-- are the direct members of the users' group (the administrators are members of the users' roles,
-- so they are the group's indirect members, and never listed here). No query text is returned: a
-- user's statement may hold anything, a password included.
CREATE OR REPLACE FUNCTION tutor.admin_stuck_sessions(p_max_hold_s double precision)
RETURNS TABLE (pid integer, role_name text, reason text, held_s double precision, application text,
               client text)
LANGUAGE sql VOLATILE SET search_path = pg_catalog, tutor, pg_temp AS $$
  WITH users AS (
    SELECT m.member FROM pg_auth_members m WHERE m.roleid = '@USERS@'::regrole
  ), sessions AS (
    SELECT a.pid, a.usename::text AS role_name, a.state, a.application_name, a.client_addr,
           extract(epoch FROM clock_timestamp() - a.xact_start)::double precision AS xact_s,
           extract(epoch FROM clock_timestamp() - a.state_change)::double precision AS state_s
      FROM pg_stat_activity a
     WHERE a.datname = current_database() AND a.usesysid IN (SELECT member FROM users)
       AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
  ), holding AS (
    SELECT DISTINCT l.pid
      FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
     WHERE l.granted AND l.locktype = 'relation' AND l.mode <> 'AccessShareLock'
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND c.relnamespace = 'tutor'::regnamespace
    UNION
    SELECT DISTINCT unnest(pg_blocking_pids(w.pid)) FROM pg_locks w WHERE NOT w.granted
  )
  SELECT s.pid, s.role_name,
         CASE WHEN s.state LIKE 'idle in transaction%' THEN 'idle_in_transaction' ELSE 'holding_lock' END,
         CASE WHEN s.state LIKE 'idle in transaction%' THEN s.state_s ELSE s.xact_s END,
         s.application_name::text, host(s.client_addr)
    FROM sessions s
   WHERE (s.state LIKE 'idle in transaction%' AND s.state_s > p_max_hold_s)
      OR (s.xact_s > p_max_hold_s AND s.pid IN (SELECT h.pid FROM holding h))
   ORDER BY 4 DESC
$$;
