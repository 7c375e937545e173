-- What the administrator (IT) does through the CLI: register users, assign and unassign
-- projects, look at the server. Each write takes the commit-order counter like a push.

CREATE FUNCTION tutor._admin_write_context() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
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
CREATE FUNCTION tutor.admin_register_user(p_role_name text, p_role text, p_provinces text[]) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
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

CREATE FUNCTION tutor._find_project(p_project text) RETURNS uuid
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
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

CREATE FUNCTION tutor._find_user(p_user text) RETURNS tutor.users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
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

CREATE FUNCTION tutor.admin_assign(p_project text, p_user text, p_on boolean) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
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

CREATE FUNCTION tutor.admin_status() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
  SELECT jsonb_build_object(
    'schema', (SELECT version_num FROM tutor.alembic_version LIMIT 1),
    'protocol', (SELECT value::integer FROM tutor.meta WHERE key = 'protocol'),
    'role_prefix', (SELECT value FROM tutor.meta WHERE key = 'role_prefix'),
    'head', (SELECT rev FROM tutor.counter),
    'users', (SELECT coalesce(jsonb_agg(jsonb_build_object('role_name', role_name, 'role', role,
                       'provinces', to_jsonb(provinces), 'linked', tutor_id IS NOT NULL) ORDER BY role_name), '[]')
              FROM tutor.users),
    'projects', (SELECT count(*) FROM tutor.projects WHERE NOT deleted),
    'open_conflicts', (SELECT count(*) FROM tutor.conflicts WHERE NOT resolved AND NOT deleted),
    'devices', (SELECT count(*) FROM tutor.devices),
    'applied_changes', (SELECT count(*) FROM tutor.applied_changes))
$$;
