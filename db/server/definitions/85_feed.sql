-- The read side of the protocol: hello (the handshake, and an idle sync's only round trip), pull
-- (the change feed), snapshot (whole dossiers), dossier hashes (the sanity check, DESIGN §5.9)
-- and the rows a client asks for again. Every function reads one snapshot (one statement) and
-- only what the caller sees.

-- hello(protocol, cursor_rev): versions, who I am, the feed head, and the hash of everything I
-- see, the last two from one snapshot. The hash is read from the parts the triggers keep
-- (tutor._scope_hash: a handful of rows, whatever the size of the region), and only when the
-- client could be idle, that is when its cursor stands at the head it is told (a client with
-- edits waiting passes NULL); otherwise it is not needed: the pull that follows ends with it.
CREATE OR REPLACE FUNCTION tutor.hello(p_protocol integer, p_cursor_rev bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  result jsonb;
BEGIN
  SELECT jsonb_build_object(
      'protocol', (SELECT value::integer FROM tutor.meta WHERE key = 'protocol'),
      'min_client_protocol', (SELECT value::integer FROM tutor.meta WHERE key = 'min_client_protocol'),
      'schema', (SELECT version_num FROM tutor.alembic_version LIMIT 1),
      'server_id', (SELECT value FROM tutor.meta WHERE key = 'server_id'),
      'server_ms', floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
      'user', jsonb_build_object('role_name', u.role_name, 'role', u.role, 'tutor_id', u.tutor_id,
                                 'provinces', to_jsonb(u.provinces), 'initials', u.initials),
      'head', c.rev,
      'hash', CASE WHEN p_cursor_rev = c.rev THEN tutor._scope_hash(u)::text END)
    INTO result
    FROM tutor.users u
    CROSS JOIN tutor.counter c
   WHERE u.role_name = session_user;
  IF result IS NULL THEN
    RAISE EXCEPTION 'the login % is not a Tutor user', session_user USING ERRCODE = '42501';
  END IF;
  RETURN result;
END $$;

-- The one-argument hello (a Tutor of protocol 3 learns from it to update, and writes nothing):
-- always with the hash, in the same snapshot (a STABLE function sees its caller's).
CREATE OR REPLACE FUNCTION tutor.hello(p_protocol integer) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT tutor.hello(p_protocol, (SELECT rev FROM tutor.counter))
$$;

-- The rows named by a CTE "batch(ord, id)", as one JSON object of tables, each with its column
-- names and its rows as arrays (no per-row keys: the feed is mostly bytes of values). Built as
-- SQL text from the entities (those of the table orders ``p_ords``), once per call.
CREATE OR REPLACE FUNCTION tutor._tables_json_sql(p_ords integer[]) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT 'json_build_object(' || string_agg(format(
      '%L, (SELECT json_build_object(''columns'', %L::json, ''rows'', json_agg(json_build_array(%s))) '
      'FROM tutor.%I t JOIN batch b ON b.ord = %s AND b.id = t.id)',
      e.name, to_json(e.fields || ARRAY['id', 'created_at', 'updated_at', 'deleted', 'rev', 'stamps'])::text,
      (SELECT string_agg(format('t.%I', c), ', ')
         FROM unnest(e.fields || ARRAY['id', 'created_at', 'updated_at', 'deleted', 'rev', 'stamps']) c),
      e.name, e.ord), ', ' ORDER BY e.ord) || ')'
  FROM tutor.entities e WHERE p_ords IS NULL OR e.ord = ANY(p_ords)
$$;

-- Every table (the feed, a snapshot).
CREATE OR REPLACE FUNCTION tutor._tables_json_sql() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT tutor._tables_json_sql(NULL)
$$;

-- Which rows of a table a user sees, as a condition on "t" ($4: the visible projects, NULL for
-- all; $5: the user's tutor id). A hashed set, not "= ANY($4)": the planner would estimate every
-- element of a tutor's thousands of projects, table by table, at every call (most of a pull).
CREATE OR REPLACE FUNCTION tutor._visibility_sql(e tutor.entities) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT CASE
    WHEN e.project_key IS NULL THEN 'true'
    WHEN e.name = 'projects' THEN '($4 IS NULL OR t.id IN (SELECT unnest($4)))'
    WHEN e.name = 'assignments' THEN '($4 IS NULL OR t.project_id IN (SELECT unnest($4)) OR t.tutor_id = $5)'
    WHEN e.name = 'conflicts' THEN '($4 IS NULL OR t.project_id IS NULL OR t.project_id IN (SELECT unnest($4)))'
    ELSE '($4 IS NULL OR t.project_id IN (SELECT unnest($4)))' END
$$;

-- One batch of the change feed after a cursor [rev, ord, id], leaving out the revisions in
-- ``p_skip`` (ranges [first, last], ascending, after the cursor: what the client holds already as
-- the server does, its own pushes taken from their answers, 80_push.sql): the rows in (rev, table
-- order, id) order, the newest state of each (never a replay of its history), only what the user
-- sees. Assignments of the user are delivered even when they take the project out of view: that
-- is how a client learns to purge it. The batch is chosen on keys alone (each table's rows read
-- range by range from its feed index), then its rows are read. When the batch is not full, the
-- cursor moves to the head read in the same snapshot (one statement): [head, 1000, null],
-- everything up to it delivered or held; that batch also carries the hash of everything the user
-- sees, so the sanity check after a sync needs no further round trip. Of many ranges the first
-- eight are left out, and the batch then ends before the ninth (the cursor stands there, with no
-- hash): the client goes on from it.
CREATE OR REPLACE FUNCTION tutor.pull(p_protocol integer, p_cursor jsonb, p_limit integer, p_skip jsonb)
RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  vis uuid[];
  c_rev bigint;
  c_ord integer;
  c_id uuid;
  e tutor.entities;
  keys text[] := '{}';
  spans text[] := '{}';   -- the revisions read, after the first span (the cursor's): "t.rev BETWEEN a AND b"
  first_until text := '';
  upto bigint;            -- the last revision this batch may reach (NULL: the head)
  next_from bigint;
  r jsonb;
  n integer := 0;
  cond text;
  result json;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  vis := tutor._visible_projects(me);
  c_rev := coalesce((p_cursor->>0)::bigint, 0);
  c_ord := coalesce((p_cursor->>1)::integer, 0);
  c_id := coalesce((p_cursor->>2)::uuid, '00000000-0000-0000-0000-000000000000');
  IF c_rev > (SELECT rev FROM tutor.counter) OR c_rev < 0 THEN  -- the server never handed it out
    RAISE EXCEPTION 'cursor % was not handed out by this server', p_cursor USING ERRCODE = '22023';
  END IF;
  IF p_skip IS NOT NULL AND jsonb_typeof(p_skip) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'revisions to skip are a list of ranges' USING ERRCODE = '22023';
  END IF;
  -- Constants in the statement's text: each span is a range scan of the feed index.
  next_from := c_rev + 1;
  FOR r IN SELECT value FROM jsonb_array_elements(coalesce(p_skip, '[]')) LOOP
    IF jsonb_typeof(r) IS DISTINCT FROM 'array' OR jsonb_typeof(r->0) IS DISTINCT FROM 'number'
       OR jsonb_typeof(r->1) IS DISTINCT FROM 'number' OR (r->>0)::bigint < next_from
       OR (r->>1)::bigint < (r->>0)::bigint THEN
      RAISE EXCEPTION 'revisions to skip % are not ascending ranges after the cursor', p_skip USING ERRCODE = '22023';
    END IF;
    n := n + 1;
    IF n > 8 THEN
      upto := (r->>0)::bigint - 1;
      EXIT;
    END IF;
    IF n = 1 THEN
      first_until := format(' AND t.rev < %s', (r->>0)::bigint);
    ELSIF next_from < (r->>0)::bigint THEN
      spans := spans || format('t.rev BETWEEN %s AND %s', next_from, (r->>0)::bigint - 1);
    END IF;
    next_from := (r->>1)::bigint + 1;
  END LOOP;
  IF n >= 1 THEN
    spans := spans || CASE WHEN upto IS NULL THEN format('t.rev >= %s', next_from)
                           WHEN next_from <= upto THEN format('t.rev BETWEEN %s AND %s', next_from, upto) END;
  END IF;
  p_limit := least(greatest(coalesce(p_limit, 1000), 1), 20000);
  FOR e IN SELECT * FROM tutor.entities ORDER BY ord LOOP
    cond := CASE WHEN e.ord > c_ord THEN 't.rev >= $1' WHEN e.ord = c_ord THEN '(t.rev, t.id) > ($1, $3)'
                 ELSE 't.rev > $1' END;
    keys := keys || format('(SELECT t.rev, %s AS ord, t.id FROM tutor.%I t WHERE %s%s AND %s ORDER BY t.rev, t.id LIMIT $2)',
                           e.ord, e.name, cond, first_until, tutor._visibility_sql(e));
    FOR i IN 1 .. coalesce(array_length(spans, 1), 0) LOOP
      CONTINUE WHEN spans[i] IS NULL;
      keys := keys || format('(SELECT t.rev, %s AS ord, t.id FROM tutor.%I t WHERE %s AND %s ORDER BY t.rev, t.id LIMIT $2)',
                             e.ord, e.name, spans[i], tutor._visibility_sql(e));
    END LOOP;
  END LOOP;
  EXECUTE format($q$
    WITH batch AS (SELECT * FROM (%s) u ORDER BY rev, ord, id LIMIT $2),
         n AS (SELECT count(*) AS n FROM batch),
         head AS (SELECT coalesce($7, c.rev) AS rev FROM tutor.counter c),
         last AS (SELECT rev, ord, id FROM batch ORDER BY rev DESC, ord DESC, id DESC LIMIT 1)
    SELECT json_build_object(
      'tables', %s,
      'cursor', CASE WHEN (SELECT n FROM n) < $2 THEN json_build_array((SELECT rev FROM head), 1000, NULL)
                     ELSE (SELECT json_build_array(rev, ord, id) FROM last) END,
      'more', (SELECT n FROM n) >= $2,
      'hash', CASE WHEN (SELECT n FROM n) < $2 AND $7 IS NULL THEN tutor._scope_hash($6)::text END)
  $q$, array_to_string(keys, ' UNION ALL '), tutor._tables_json_sql())
  INTO result USING c_rev, p_limit, c_id, vis, me.tutor_id, me, upto;
  RETURN result;
END $$;

-- The pull with no revision to skip (what a client asks when it holds none, and what every Tutor
-- of this protocol asks of a server whose pushes do not say what they stored): the same body.
CREATE OR REPLACE FUNCTION tutor.pull(p_protocol integer, p_cursor jsonb, p_limit integer) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT tutor.pull(p_protocol, p_cursor, p_limit, NULL::jsonb)
$$;

-- The present state of whole dossiers (for a new assignment or a dossier that failed the sanity
-- check): no history, no cursor move. Projects the user does not see are left out.
CREATE OR REPLACE FUNCTION tutor.snapshot(p_protocol integer, p_projects uuid[]) RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  vis uuid[];
  wanted uuid[];
  e tutor.entities;
  keys text[] := '{}';
  result json;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  vis := tutor._visible_projects(me);
  wanted := array(SELECT DISTINCT x FROM unnest(p_projects) x WHERE vis IS NULL OR x = ANY(vis));
  FOR e IN SELECT * FROM tutor.entities WHERE project_key IS NOT NULL ORDER BY ord LOOP
    keys := keys || format('(SELECT %s AS ord, t.id FROM tutor.%I t WHERE t.%I = ANY($1))', e.ord, e.name, e.project_key);
  END LOOP;
  EXECUTE format('WITH batch AS (%s) SELECT json_build_object(''tables'', %s, ''projects'', to_json($1))',
                 array_to_string(keys, ' UNION ALL '), tutor._tables_json_sql())
    INTO result USING wanted;
  RETURN result;
END $$;

-- The hash of each dossier the user sees (only asked for when the scope hash differs).
CREATE OR REPLACE FUNCTION tutor.dossier_hashes(p_protocol integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  vis uuid[];
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  vis := tutor._visible_projects(tutor._me());
  RETURN jsonb_build_object(
    'head', (SELECT rev FROM tutor.counter),
    'hashes', coalesce((SELECT jsonb_object_agg(h.project_id, h.hash::text) FROM tutor.project_hashes h
                        WHERE vis IS NULL OR h.project_id IN (SELECT unnest(vis))), '{}'));
END $$;

-- The present state of some rows of one table that the user sees (to put back a value the server
-- refused, or to look at a row again); rows the user does not see are left out.
CREATE OR REPLACE FUNCTION tutor.fetch_rows(p_protocol integer, p_table text, p_ids uuid[]) RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  e tutor.entities;
  result json;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  SELECT * INTO e FROM tutor.entities WHERE name = p_table;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no synced table %', p_table USING ERRCODE = '22023';
  END IF;
  EXECUTE format('WITH batch AS (SELECT %s AS ord, t.id FROM tutor.%I t WHERE t.id = ANY($1) AND %s) '
                 'SELECT json_build_object(''tables'', %s)', e.ord, e.name,
                 replace(replace(tutor._visibility_sql(e), '$4', '$2'), '$5', '$3'), tutor._tables_json_sql())
    INTO result USING p_ids, tutor._visible_projects(me), me.tutor_id;
  RETURN result;
END $$;
