-- A set-based fast path for the common push: plain edits of live records of a dossier, with no
-- field written by another device after the change's base revision. Such a change can only be
-- "applied" (or "merged", or "unchanged"): no record, no tombstone, no creation, no assignment.
-- They are written with one UPDATE per table, their history rows and dossier hashes set-based;
-- every other change of the batch goes through ``_merge`` exactly as before. A change takes the
-- fast path only when nothing else in its batch can touch its row or see it (its row and its id
-- appear once in the batch, its dossier's project row is not in the batch), so applying it first
-- gives the very results, rows, history, hashes and records that applying it in turn gives.

-- The history trigger, as in 0001, skips the rows the fast path writes (it writes their history
-- itself). The mark is the change id "fast", set by _push_batch around its statements only: every
-- other write sets the change id first (the push per change, the administrator's writes), so a
-- value a client sets in its own session never reaches a write.
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
    -- tutor._row_hash, written out: this runs for every row written
    h := ('x' || substr(md5(new_v::text), 1, 16))::bit(64)::bigint;
    IF TG_OP = 'UPDATE' THEN
      h := h # ('x' || substr(md5(old_v::text), 1, 16))::bit(64)::bigint;
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

-- The fast changes of one table (``p_items``: [{"o": position in the batch, "c": change}], each
-- well formed, its id new and alone in the batch, its row alone in the batch): those that
-- qualify once their row is read are written, with history and hashes, and answered
-- ({"position": result}); the others are left to _merge. The checks are _merge's, in its order:
-- _refusal (immutable fields, the dossier visible), the row alive and its dossier not deleted,
-- no field conflicting; then _set's very update, and _audit's history row and hash.
CREATE FUNCTION tutor._fast_merge(p_table text, p_items jsonb, p_device text, p_rev bigint, vis uuid[],
                                  p_projects uuid[], now_text text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  sets text;
  out jsonb;
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = p_table AND project_key = 'project_id'
                                          AND name NOT IN ('conflicts', 'assignments');
  IF NOT FOUND THEN
    RETURN '{}';
  END IF;
  SELECT string_agg(format('%1$I = CASE WHEN ok.a ? %2$L THEN r.%1$I ELSE t.%1$I END', c, c), ', ')
    INTO sets FROM unnest(ent.fields || ARRAY['deleted']) c;
  EXECUTE format($q$
    WITH c AS (
      SELECT (x->>'o')::integer AS ord, (x->'c'->>'id')::uuid AS cid, (x->'c'->>'row')::uuid AS rid,
             (x->'c'->>'base')::bigint AS base, x->'c'->'fields' AS f, x->'c'->'stamps' AS s
        FROM jsonb_array_elements($1) x
    ), cur AS (
      SELECT c.*, j.cj, t.project_id AS pid, t.rev AS crev
        FROM c JOIN tutor.%1$I t ON t.id = c.rid
        CROSS JOIN LATERAL (SELECT to_jsonb(t) AS cj) j
       WHERE t.deleted IS FALSE AND t.project_id IS NOT NULL
         AND ($2::uuid[] IS NULL OR t.project_id = ANY($2))
         AND NOT (t.project_id = ANY($3))
         AND NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.id = t.project_id AND p.deleted IS TRUE)
         AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) i WHERE c.f ? i AND c.f->i IS DISTINCT FROM j.cj->i)
         AND NOT EXISTS (SELECT 1 FROM jsonb_each(c.f) k
                          WHERE k.value IS DISTINCT FROM j.cj->k.key
                            AND coalesce((t.revs->>k.key)::bigint, 0) > c.base
                            AND t.stamps->>k.key IS NOT NULL
                            AND split_part(t.stamps->>k.key, '-', 3) <> $5)
    ), ok AS (
      SELECT cur.*, cur.cj - '{created_at,updated_at,rev,stamps,revs}'::text[] AS ov,
             (SELECT coalesce(jsonb_object_agg(k.key, k.value), '{}') FROM jsonb_each(cur.f) k
               WHERE k.value IS DISTINCT FROM cur.cj->k.key) AS a
        FROM cur
    ), upd AS (
      UPDATE tutor.%1$I t SET %2$s,
             stamps = t.stamps || (SELECT coalesce(jsonb_object_agg(k, ok.s->k), '{}') FROM jsonb_object_keys(ok.a) k),
             revs = t.revs || (SELECT coalesce(jsonb_object_agg(k, $6::bigint), '{}') FROM jsonb_object_keys(ok.a) k),
             rev = $6, updated_at = $7
        FROM ok CROSS JOIN LATERAL jsonb_populate_record(NULL::tutor.%1$I, ok.a) r
       WHERE t.id = ok.rid AND ok.a <> '{}'
      RETURNING t.id, to_jsonb(t) - '{created_at,updated_at,rev,stamps,revs}'::text[] AS nv
    ), w AS (
      SELECT ok.ord, ok.cid, u.id, u.nv, ok.ov, (u.nv->>'project_id')::uuid AS pid
        FROM upd u JOIN ok ON ok.rid = u.id
       WHERE u.nv <> ok.ov
    ), hist AS (
      INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                                 old_values, new_values, bundle_id)
      SELECT %3$L, w.id, w.pid, $6, w.cid,
             coalesce(nullif(current_setting('tutor.author', true), ''), session_user), session_user,
             nullif(current_setting('tutor.device', true), ''), d.o, d.n,
             nullif(current_setting('tutor.bundle', true), '')::uuid
        FROM w CROSS JOIN LATERAL (SELECT jsonb_object_agg(n.key, w.ov->n.key) AS o, jsonb_object_agg(n.key, n.value) AS n
                                     FROM jsonb_each(w.nv) n WHERE n.value IS DISTINCT FROM w.ov->n.key) d
       ORDER BY w.ord
    ), hashes AS (
      INSERT INTO tutor.project_hashes AS ph (project_id, hash)
      SELECT w.pid, bit_xor(('x' || substr(md5(w.nv::text), 1, 16))::bit(64)::bigint
                            # ('x' || substr(md5(w.ov::text), 1, 16))::bit(64)::bigint)
        FROM w WHERE w.pid IS NOT NULL GROUP BY w.pid
      ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash
    )
    SELECT coalesce(jsonb_object_agg(ok.ord::text,
             CASE WHEN ok.a = '{}' THEN jsonb_build_object('id', ok.cid, 'status', 'applied', 'rev', ok.crev,
                                                           'unchanged', true)
                  ELSE jsonb_build_object('id', ok.cid, 'status', CASE WHEN ok.crev > ok.base THEN 'merged'
                                                                        ELSE 'applied' END, 'rev', $6) END), '{}')
      FROM ok $q$, ent.name, sets, ent.name)
    INTO out USING p_items, vis, p_projects, ent.immutable, p_device, p_rev, now_text;
  RETURN out;
END $$;

-- The changes of a batch: as in 0001, the fast ones first (unguarded runs only: a change that
-- breaks a constraint sends the whole batch to the guarded run, which is _merge's alone).
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
  cand record;
  batch_projects uuid[];
  pos integer := 0;
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  latest bigint;
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
    -- _check_change's rules (a change in doubt is simply left to _merge), evaluated in order.
    latest := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint + 300000;
    batch_projects := ARRAY(SELECT (c->>'row')::uuid FROM jsonb_array_elements(p_changes) c
                             WHERE c->>'table' = 'projects' AND coalesce(c->>'row', '') ~ uuid_re);
    FOR cand IN
      SELECT b.ch->>'table' AS tbl, jsonb_agg(jsonb_build_object('o', b.ord, 'c', b.ch) ORDER BY b.ord) AS items
        FROM (SELECT x.ch, x.ord, count(*) OVER (PARTITION BY x.ch->>'id') AS same_id,
                     count(*) OVER (PARTITION BY x.ch->>'table', x.ch->>'row') AS same_row
                FROM jsonb_array_elements(p_changes) WITH ORDINALITY x(ch, ord)) b
        JOIN tutor.entities e ON e.name = b.ch->>'table'
       WHERE e.project_key = 'project_id' AND e.name NOT IN ('conflicts', 'assignments')
         AND b.same_id = 1 AND b.same_row = 1
         AND CASE
           WHEN coalesce(b.ch->>'id', '') !~ uuid_re OR known ? (b.ch->>'id') THEN false
           WHEN jsonb_typeof(b.ch->'fields') IS DISTINCT FROM 'object'
                OR jsonb_typeof(b.ch->'stamps') IS DISTINCT FROM 'object'
                OR jsonb_typeof(b.ch->'base') IS DISTINCT FROM 'number'
                OR coalesce(b.ch->>'row', '') !~ uuid_re OR b.ch->'fields' = '{}' OR b.ch->'fields' ? 'deleted' THEN false
           WHEN NOT (ARRAY(SELECT jsonb_object_keys(b.ch->'fields')) <@ e.fields)
                OR ARRAY(SELECT jsonb_object_keys(b.ch->'fields') ORDER BY 1)
                   <> ARRAY(SELECT jsonb_object_keys(b.ch->'stamps') ORDER BY 1) THEN false
           WHEN (b.ch->>'base')::numeric <> floor((b.ch->>'base')::numeric) OR (b.ch->>'base')::numeric < 0
                OR (b.ch->>'base')::numeric >= p_rev THEN false
           ELSE NOT EXISTS (
             SELECT 1 FROM jsonb_each(b.ch->'stamps') st
              WHERE CASE WHEN jsonb_typeof(st.value) <> 'string' THEN true
                         WHEN (st.value #>> '{}') !~ '^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$'
                              OR split_part(st.value #>> '{}', '-', 3) <> p_device THEN true
                         ELSE split_part(st.value #>> '{}', '-', 1)::bigint > latest END)
         END
       GROUP BY 1
    LOOP
      PERFORM set_config('tutor.change_id', 'fast', true);  -- _audit leaves these rows to _fast_merge
      fast := fast || tutor._fast_merge(cand.tbl, cand.items, p_device, p_rev, vis, batch_projects, now_text);
      PERFORM set_config('tutor.change_id', '', true);
    END LOOP;
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

-- New functions are the owner's alone (0001's default privileges say so too).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
