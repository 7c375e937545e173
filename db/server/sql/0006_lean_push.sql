-- A leaner push, a pull that ends with the scope hash, and dossier hashes field by field
-- (the sync protocol moves to 3).
--
-- Hashes: a row's hash was the MD5 of its whole content, so every write hashed the whole row
-- twice (old and new), on the server and on each device that pulled it. Now a row's hash is the
-- XOR of one hash per field: the first 64 bits of md5("<row id>/<field>=<value as jsonb text>")
-- for each field and "deleted". A write moves its dossier's hash by the fields it changed alone,
-- on both sides; dossier and scope hashes are XORs as before. Every dossier hash is computed
-- again here; clients of protocol 2 (who would hash the old way) are told to update.
--
-- Push: 0005's fast path read each change three times (checks, grouping, merge), turned whole
-- rows into jsonb twice and answered the batch change by change in PL/pgSQL. Here _fast_merge
-- takes the batch itself, checks each change as _check_change does (a change in doubt is left to
-- _merge), reads of each row only the fields the change names, hashes only the fields that
-- changed, and when every change of the batch took the fast path (the common push) the answers
-- and the applied-change ids are written set-based. Which changes take the fast path, and what
-- they leave (rows, history, hashes, answers), are 0005's exactly.
DROP FUNCTION tutor._fast_merge(text, jsonb, text, bigint, uuid[], uuid[], text);

CREATE OR REPLACE FUNCTION tutor._row_hash(p_row jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT coalesce(bit_xor(('x' || substr(md5((p_row->>'id') || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint), 0)
    FROM jsonb_each(p_row - '{id,created_at,updated_at,rev,stamps,revs}'::text[]) f
$$;

-- The history trigger (0005's), the dossier hash moved by the changed fields alone.
CREATE OR REPLACE FUNCTION tutor._audit() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  new_v jsonb;
  old_v jsonb;
  changed_old jsonb;
  changed_new jsonb;
  pid uuid;
  h bigint;
BEGIN
  IF current_setting('tutor.change_id', true) = 'fast' THEN
    RETURN NULL;
  END IF;
  new_v := to_jsonb(NEW) - '{created_at,updated_at,rev,stamps,revs}'::text[];
  changed_new := new_v;
  IF TG_OP = 'UPDATE' THEN
    old_v := to_jsonb(OLD) - '{created_at,updated_at,rev,stamps,revs}'::text[];
    IF old_v = new_v THEN
      RETURN NULL;
    END IF;
    SELECT jsonb_object_agg(n.key, old_v->n.key), jsonb_object_agg(n.key, n.value)
      INTO changed_old, changed_new
      FROM jsonb_each(new_v) n WHERE n.value IS DISTINCT FROM old_v->n.key;
  END IF;
  IF TG_ARGV[0] <> '' THEN
    pid := (new_v->>TG_ARGV[0])::uuid;
  END IF;
  IF pid IS NOT NULL THEN
    -- Only the fields that changed move the dossier's hash (tutor._row_hash, field by field).
    IF TG_OP = 'UPDATE' THEN
      SELECT coalesce(bit_xor(('x' || substr(md5(NEW.id::text || '/' || k || '=' || (changed_old->k)::text), 1, 16))::bit(64)::bigint
                              # ('x' || substr(md5(NEW.id::text || '/' || k || '=' || (changed_new->k)::text), 1, 16))::bit(64)::bigint), 0)
        INTO h FROM jsonb_object_keys(changed_new) k;
    ELSE
      SELECT coalesce(bit_xor(('x' || substr(md5(NEW.id::text || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint), 0)
        INTO h FROM jsonb_each(new_v - 'id') f;
    END IF;
    INSERT INTO tutor.project_hashes AS ph (project_id, hash) VALUES (pid, h)
      ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash;
  END IF;
  INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                             old_values, new_values, bundle_id)
  VALUES (TG_TABLE_NAME, NEW.id, pid, NEW.rev, nullif(current_setting('tutor.change_id', true), '')::uuid,
          coalesce(nullif(current_setting('tutor.author', true), ''), session_user), session_user,
          nullif(current_setting('tutor.device', true), ''), changed_old, changed_new,
          nullif(current_setting('tutor.bundle', true), '')::uuid);
  RETURN NULL;
END $$;

-- The fast path (see above): the fields a change names are read and hashed one by one.
CREATE FUNCTION tutor._fast_merge(p_table text, p_changes jsonb, p_device text, p_rev bigint, vis uuid[],
                                  p_projects uuid[], now_text text, p_skip_ids text[], p_skip_rows text[],
                                  p_latest bigint) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  sets text;
  pick_field text;
  out jsonb;
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = p_table AND project_key = 'project_id'
                                          AND name NOT IN ('conflicts', 'assignments');
  IF NOT FOUND THEN
    RETURN '{}';
  END IF;
  SELECT string_agg(format('%1$I = CASE WHEN ok.a ? %2$L THEN r.%1$I ELSE t.%1$I END', c, c), ', ')
    INTO sets FROM unnest(ent.fields || ARRAY['deleted']) c;
  -- One field of a row as jsonb, by name: only the fields a change names are converted.
  SELECT 'CASE k ' || string_agg(format('WHEN %L THEN to_jsonb(t.%I)', c, c), ' ') || ' END'
    INTO pick_field FROM unnest(ent.fields || ARRAY['deleted']) c;
  EXECUTE format($q$
    WITH c AS MATERIALIZED (
      SELECT x.ord::integer AS ord, x.ch->>'id' AS cid, x.ch->>'row' AS rid, x.ch->'base' AS base,
             x.ch->'fields' AS f, x.ch->'stamps' AS s
        FROM jsonb_array_elements($1) WITH ORDINALITY x(ch, ord)
       WHERE x.ch->>'table' = %3$L
         AND (x.ch->>'id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         AND (x.ch->>'row') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         AND NOT ((x.ch->>'id') = ANY($8)) AND NOT ((x.ch->>'row') = ANY($9))
         AND jsonb_typeof(x.ch->'fields') = 'object' AND jsonb_typeof(x.ch->'stamps') = 'object'
         AND jsonb_typeof(x.ch->'base') = 'number'
         AND x.ch->'fields' <> '{}' AND NOT (x.ch->'fields' ? 'deleted')
    ), v AS MATERIALIZED (
      SELECT c.* FROM c
       WHERE (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(c.f) k)
             = (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(c.s) k)
         AND (SELECT array_agg(k) FROM jsonb_object_keys(c.f) k) <@ $10
         AND (c.base #>> '{}')::numeric = floor((c.base #>> '{}')::numeric) AND (c.base #>> '{}')::numeric >= 0
         AND (c.base #>> '{}')::numeric < $6
         AND NOT EXISTS (
           SELECT 1 FROM jsonb_each(c.s) st
            WHERE CASE WHEN jsonb_typeof(st.value) <> 'string' THEN true
                       WHEN (st.value #>> '{}') !~ '^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$'
                            OR split_part(st.value #>> '{}', '-', 3) <> $5 THEN true
                       ELSE split_part(st.value #>> '{}', '-', 1)::bigint > $11 END)
    ), cur AS MATERIALIZED (
      SELECT v.ord, v.cid::uuid AS cid, t.id AS rid, (v.base #>> '{}')::bigint AS base, v.f, v.s,
             (SELECT jsonb_object_agg(k, %4$s) FROM jsonb_object_keys(v.f) k) AS ov,
             t.project_id AS pid, t.rev AS crev, t.revs AS trevs, t.stamps AS tstamps
        FROM v JOIN tutor.%1$I t ON t.id = v.rid::uuid
       WHERE t.deleted IS FALSE AND t.project_id IS NOT NULL
         AND ($2::uuid[] IS NULL OR t.project_id = ANY($2))
         AND NOT (t.project_id = ANY($3))
    ), ok AS MATERIALIZED (
      SELECT cur.*, (SELECT coalesce(jsonb_object_agg(k.key, k.value), '{}') FROM jsonb_each(cur.f) k
                      WHERE k.value IS DISTINCT FROM cur.ov->k.key) AS a
        FROM cur
       WHERE NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.id = cur.pid AND p.deleted IS TRUE)
         AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) i WHERE cur.f ? i AND cur.f->i IS DISTINCT FROM cur.ov->i)
         AND NOT EXISTS (SELECT 1 FROM jsonb_each(cur.f) k
                          WHERE k.value IS DISTINCT FROM cur.ov->k.key
                            AND coalesce((cur.trevs->>k.key)::bigint, 0) > cur.base
                            AND cur.tstamps->>k.key IS NOT NULL
                            AND split_part(cur.tstamps->>k.key, '-', 3) <> $5)
    ), upd AS (
      UPDATE tutor.%1$I t SET %2$s,
             stamps = t.stamps || (SELECT jsonb_object_agg(k, ok.s->k) FROM jsonb_object_keys(ok.a) k),
             revs = t.revs || (SELECT jsonb_object_agg(k, $6::bigint) FROM jsonb_object_keys(ok.a) k),
             rev = $6, updated_at = $7
        FROM ok CROSS JOIN LATERAL jsonb_populate_record(NULL::tutor.%1$I, ok.a) r
       WHERE t.id = ok.rid AND ok.a <> '{}'
      RETURNING t.id, ok.ord, ok.cid, ok.pid, ok.ov, (SELECT jsonb_object_agg(k, %4$s) FROM jsonb_object_keys(ok.a) k) AS nv
    ), w AS MATERIALIZED (
      SELECT upd.id, upd.ord, upd.cid, upd.pid, d.o, d.n
        FROM upd CROSS JOIN LATERAL (SELECT jsonb_object_agg(k, upd.ov->k) AS o, jsonb_object_agg(k, upd.nv->k) AS n
                                       FROM jsonb_object_keys(upd.nv) k WHERE upd.nv->k IS DISTINCT FROM upd.ov->k) d
       WHERE d.n IS NOT NULL
    ), hist AS (
      INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                                 old_values, new_values, bundle_id)
      SELECT %3$L, w.id, w.pid, $6, w.cid, $12, session_user, $5, w.o, w.n, $13 FROM w ORDER BY w.ord
    ), hashes AS (
      INSERT INTO tutor.project_hashes AS ph (project_id, hash)
      SELECT w.pid, bit_xor(('x' || substr(md5(w.id::text || '/' || k || '=' || (w.o->k)::text), 1, 16))::bit(64)::bigint
                            # ('x' || substr(md5(w.id::text || '/' || k || '=' || (w.n->k)::text), 1, 16))::bit(64)::bigint)
        FROM w CROSS JOIN LATERAL jsonb_object_keys(w.n) k GROUP BY w.pid
      ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash
    )
    SELECT coalesce(jsonb_object_agg(ok.ord::text,
             CASE WHEN ok.a = '{}' THEN jsonb_build_object('id', ok.cid, 'status', 'applied', 'rev', ok.crev,
                                                           'unchanged', true)
                  ELSE jsonb_build_object('id', ok.cid, 'status', CASE WHEN ok.crev > ok.base THEN 'merged'
                                                                        ELSE 'applied' END, 'rev', $6) END), '{}')
      FROM ok $q$, ent.name, sets, ent.name, pick_field)
    INTO out USING p_changes, vis, p_projects, ent.immutable, p_device, p_rev, now_text, p_skip_ids, p_skip_rows,
                   ent.fields, p_latest,
                   coalesce(nullif(current_setting('tutor.author', true), ''), session_user::text),
                   nullif(current_setting('tutor.bundle', true), '')::uuid;
  RETURN out;
END $$;

CREATE OR REPLACE FUNCTION tutor._push_batch(me tutor.users, p_device text, p_rev bigint, p_changes jsonb,
                                             p_bundle uuid, now_text text, guarded boolean) RETURNS jsonb[]
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ch jsonb;
  res jsonb;
  v_id uuid;
  v_hash text;
  vis uuid[] := tutor._visible_projects(me);
  results jsonb[] := '{}';
  known jsonb;
  new_ids uuid[] := '{}';
  new_hashes text[] := '{}';
  new_results jsonb[] := '{}';
  seen integer;
  fast jsonb := '{}';
  tbl text;
  batch_projects uuid[];
  skip_ids text[];
  skip_rows text[];
  n integer := jsonb_array_length(p_changes);
  pos integer := 0;
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
BEGIN
  -- The history trigger's context; a server write on the way (an assignment) puts the device back.
  PERFORM set_config('tutor.author', me.role_name, true);
  PERFORM set_config('tutor.device', p_device, true);
  PERFORM set_config('tutor.bundle', coalesce(p_bundle::text, ''), true);
  SELECT coalesce(jsonb_object_agg(a.change_id, jsonb_build_object('hash', a.payload_hash, 'role', a.role_name,
                                                                    'result', a.result)), '{}')
    INTO known FROM tutor.applied_changes a
   WHERE a.change_id IN (SELECT (c->>'id')::uuid FROM jsonb_array_elements(p_changes) c
                          WHERE c->>'id' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');
  IF NOT guarded THEN
    -- _check_change's rules (a change in doubt is simply left to _merge), evaluated in _fast_merge.
    -- Left to _merge as well: an id already known or twice in the batch, a row twice in the batch,
    -- and every record of a dossier whose own row is in the batch.
    SELECT array_agg(c->>'row') FILTER (WHERE c->>'table' = 'projects' AND coalesce(c->>'row', '') ~ uuid_re)
      INTO batch_projects FROM jsonb_array_elements(p_changes) c;
    batch_projects := coalesce(batch_projects, '{}');
    -- Without NULLs: "x = ANY(list with a NULL)" is never false, and would turn the fast path off
    -- for the whole batch (a change with no id or row never takes it anyway).
    skip_ids := ARRAY(SELECT jsonb_object_keys(known)) || ARRAY(
      SELECT c->>'id' FROM jsonb_array_elements(p_changes) c WHERE c->>'id' IS NOT NULL
       GROUP BY 1 HAVING count(*) > 1);
    skip_rows := ARRAY(SELECT c->>'row' FROM jsonb_array_elements(p_changes) c WHERE c->>'row' IS NOT NULL
                        GROUP BY c->>'table', c->>'row' HAVING count(*) > 1);
    FOR tbl IN SELECT DISTINCT c->>'table' FROM jsonb_array_elements(p_changes) c LOOP
      PERFORM set_config('tutor.change_id', 'fast', true);  -- _audit leaves these rows to _fast_merge
      fast := fast || tutor._fast_merge(tbl, p_changes, p_device, p_rev, vis, batch_projects::uuid[], now_text,
                                        skip_ids, skip_rows,
                                        floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint + 300000);
      PERFORM set_config('tutor.change_id', '', true);
    END LOOP;
    IF (SELECT count(*) FROM jsonb_object_keys(fast)) = n THEN
      -- Every change took the fast path (the common push): answered and remembered set-based.
      INSERT INTO tutor.applied_changes (change_id, role_name, device, payload_hash, rev, result, bundle_id)
      SELECT (x.ch->>'id')::uuid, me.role_name, p_device, md5(x.ch::text), p_rev, fast->(x.ord::text), p_bundle
        FROM jsonb_array_elements(p_changes) WITH ORDINALITY x(ch, ord);
      RETURN ARRAY(SELECT fast->(o::text) FROM generate_series(1, n) o ORDER BY o);
    END IF;
  END IF;
  FOR ch IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
    pos := pos + 1;
    IF fast ? pos::text THEN
      res := fast->(pos::text);
      v_id := (ch->>'id')::uuid;
      new_ids := array_append(new_ids, v_id);
      new_hashes := array_append(new_hashes, md5(ch::text));
      new_results := array_append(new_results, res);
      results := array_append(results, res);
      CONTINUE;
    END IF;
    IF coalesce(ch->>'id', '') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
      results := array_append(results, jsonb_build_object('id', ch->>'id', 'status', 'rejected',
                                                          'reason', 'malformed'));
      CONTINUE;
    END IF;
    IF me.tutor_id IS NULL THEN
      me := tutor._me();  -- the change before may have linked the user's tutor record
    END IF;
    v_id := (ch->>'id')::uuid;
    v_hash := md5(ch::text);
    seen := array_position(new_ids, v_id);  -- the same change twice in one batch (rare)
    res := tutor._push_one(me, p_device, p_rev, ch, p_bundle, vis, now_text, guarded, v_id, v_hash,
                           CASE WHEN seen IS NULL THEN known->(v_id::text)
                                ELSE jsonb_build_object('hash', new_hashes[seen], 'role', me.role_name,
                                                        'result', new_results[seen]) END);
    IF (res->>'assigned')::boolean THEN
      vis := vis || (ch->>'row')::uuid;  -- the server assigned the new project to its creator
    END IF;
    -- Remember what wrote something, so a replay neither writes again nor writes a second record.
    IF res->>'status' NOT IN ('rejected', 'duplicate') OR (res->>'recorded')::boolean THEN
      new_ids := array_append(new_ids, v_id);
      new_hashes := array_append(new_hashes, v_hash);
      new_results := array_append(new_results, res);
    END IF;
    results := array_append(results, res);
  END LOOP;
  INSERT INTO tutor.applied_changes (change_id, role_name, device, payload_hash, rev, result, bundle_id)
  SELECT i, me.role_name, p_device, h, p_rev, r, p_bundle FROM unnest(new_ids, new_hashes, new_results) AS x(i, h, r);
  RETURN results;
END $$;

-- Pull: the batch that reaches the head also carries the hash of everything the user sees, read
-- in the same statement (the same snapshot) as the head: the sanity check after a sync needs no
-- further round trip (hello gives the same two numbers, one call later).
CREATE OR REPLACE FUNCTION tutor.pull(p_protocol integer, p_cursor jsonb, p_limit integer) RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  vis uuid[];
  c_rev bigint;
  c_ord integer;
  c_id uuid;
  e tutor.entities;
  keys text[] := '{}';
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
  p_limit := least(greatest(coalesce(p_limit, 1000), 1), 20000);
  FOR e IN SELECT * FROM tutor.entities ORDER BY ord LOOP
    cond := CASE WHEN e.ord > c_ord THEN 't.rev >= $1' WHEN e.ord = c_ord THEN '(t.rev, t.id) > ($1, $3)'
                 ELSE 't.rev > $1' END;
    keys := keys || format('(SELECT t.rev, %s AS ord, t.id FROM tutor.%I t WHERE %s AND %s ORDER BY t.rev, t.id LIMIT $2)',
                           e.ord, e.name, cond, tutor._visibility_sql(e));
  END LOOP;
  EXECUTE format($q$
    WITH batch AS (SELECT * FROM (%s) u ORDER BY rev, ord, id LIMIT $2),
         n AS (SELECT count(*) AS n FROM batch),
         last AS (SELECT rev, ord, id FROM batch ORDER BY rev DESC, ord DESC, id DESC LIMIT 1)
    SELECT json_build_object(
      'tables', %s,
      'cursor', CASE WHEN (SELECT n FROM n) < $2 THEN json_build_array((SELECT rev FROM tutor.counter), 1000, NULL)
                     ELSE (SELECT json_build_array(rev, ord, id) FROM last) END,
      'more', (SELECT n FROM n) >= $2,
      'hash', CASE WHEN (SELECT n FROM n) < $2 THEN (CASE WHEN $4 IS NULL
          THEN (SELECT coalesce(bit_xor(h.hash), 0) FROM tutor.project_hashes h)
          ELSE (SELECT coalesce(bit_xor(h.hash), 0) FROM tutor.project_hashes h
                 JOIN unnest($4::uuid[]) AS p(id) ON p.id = h.project_id) END)::text END)
  $q$, array_to_string(keys, ' UNION ALL '), tutor._tables_json_sql())
  INTO result USING c_rev, p_limit, c_id, vis, me.tutor_id;
  RETURN result;
END $$;

DELETE FROM tutor.project_hashes;
DO $$
DECLARE
  e record;
BEGIN
  FOR e IN SELECT name, project_key FROM tutor.entities WHERE project_key IS NOT NULL LOOP
    EXECUTE format('INSERT INTO tutor.project_hashes AS ph (project_id, hash) '
                   'SELECT t.%1$I, bit_xor(tutor._row_hash(to_jsonb(t))) FROM tutor.%2$I t WHERE t.%1$I IS NOT NULL '
                   'GROUP BY 1 ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash',
                   e.project_key, e.name);
  END LOOP;
END $$;

UPDATE tutor.meta SET value = '3' WHERE key IN ('protocol', 'min_client_protocol');

-- New functions are the owner's alone (0001's default privileges say so too).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
