-- The write side of the protocol (DESIGN §5.0, §5.3): push a batch of changes, each merged field
-- by field against the change's base revision, with a result per change. The server decides:
-- revisions, the clock check, who may write what, conflicts and their records, the history.

-- A write the server makes on its own account (an assignment, a role): server stamps.
CREATE FUNCTION tutor._server_write(p_table text, p_id uuid, p_fields jsonb, p_rev bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  cur jsonb;
  stamp text := tutor._server_stamp(p_rev);
  changed jsonb := '{}';
  k text;
  cols text;
  now_text text := tutor._now_text();
BEGIN
  PERFORM set_config('tutor.device', 'server', true);
  EXECUTE format('SELECT to_jsonb(t) FROM tutor.%I t WHERE id = $1 FOR UPDATE', p_table) INTO cur USING p_id;
  IF cur IS NULL THEN
    EXECUTE format('INSERT INTO tutor.%1$I SELECT * FROM jsonb_populate_record(NULL::tutor.%1$I, $1)', p_table)
      USING p_fields || jsonb_build_object(
        'id', p_id, 'created_at', now_text, 'updated_at', now_text, 'rev', p_rev,
        'stamps', (SELECT jsonb_object_agg(key, stamp) FROM jsonb_object_keys(p_fields) key),
        'revs', (SELECT jsonb_object_agg(key, p_rev) FROM jsonb_object_keys(p_fields) key));
    RETURN;
  END IF;
  FOR k IN SELECT jsonb_object_keys(p_fields) LOOP
    IF p_fields->k IS DISTINCT FROM cur->k THEN
      changed := changed || jsonb_build_object(k, p_fields->k);
    END IF;
  END LOOP;
  IF changed = '{}' THEN
    RETURN;
  END IF;
  SELECT string_agg(format('%I = r.%I', key, key), ', ') INTO cols FROM jsonb_object_keys(changed) key;
  EXECUTE format('UPDATE tutor.%1$I t SET %2$s, stamps = t.stamps || $2, revs = t.revs || $3, rev = $4, updated_at = $5 '
                 'FROM jsonb_populate_record(NULL::tutor.%1$I, $1) r WHERE t.id = $6', p_table, cols)
    USING changed, (SELECT jsonb_object_agg(key, stamp) FROM jsonb_object_keys(changed) key),
          (SELECT jsonb_object_agg(key, p_rev) FROM jsonb_object_keys(changed) key), p_rev, now_text, p_id;
END $$;

-- The tutor assigned to a project: one row per (project, tutor), whoever makes it.
CREATE FUNCTION tutor._assign(p_project uuid, p_tutor uuid, p_role text, p_on boolean, p_rev bigint) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, tutor AS $$
  SELECT tutor._server_write('assignments', md5(p_project::text || ':' || p_tutor::text)::uuid,
    jsonb_build_object('project_id', p_project, 'tutor_id', p_tutor, 'role', p_role, 'deleted', NOT p_on), p_rev)
$$;

CREATE FUNCTION tutor._record_conflict(p_kind text, p_table text, p_row uuid, p_project uuid, p_field text,
    p_kept jsonb, p_lost jsonb, p_kept_stamp text, p_lost_stamp text, p_change uuid, p_reason text,
    p_rev bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  stamp text := tutor._server_stamp(p_rev);
  now_text text := tutor._now_text();
  fields text[] := (SELECT fields FROM tutor.entities WHERE name = 'conflicts') || ARRAY['deleted'];
BEGIN
  INSERT INTO tutor.conflicts (id, project_id, table_name, row_id, field, kind, kept_value, lost_value,
                               kept_stamp, lost_stamp, kept_by, lost_by, change_id, reason, resolved,
                               created_at, updated_at, deleted, rev, stamps, revs)
  VALUES (gen_random_uuid(), p_project, p_table, p_row, p_field, p_kind, p_kept::text, p_lost::text,
          p_kept_stamp, p_lost_stamp, tutor._tutor_of_device(split_part(p_kept_stamp, '-', 3)),
          tutor._tutor_of_device(split_part(p_lost_stamp, '-', 3)), p_change, p_reason, false,
          now_text, now_text, false, p_rev,
          (SELECT jsonb_object_agg(f, stamp) FROM unnest(fields) f),
          (SELECT jsonb_object_agg(f, p_rev) FROM unnest(fields) f));
END $$;

-- Reading a row for update and writing some of its fields, with plans the server keeps: one
-- pair of functions per table (dynamic SQL would be planned again for every change), reached
-- through two dispatchers.
DO $$
DECLARE
  e tutor.entities;
  sets text;
  row_cases text := '';
  set_cases text := '';
BEGIN
  FOR e IN SELECT * FROM tutor.entities ORDER BY ord LOOP
    EXECUTE format($f$
      CREATE FUNCTION tutor.%I(p_id uuid) RETURNS jsonb
      LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $b$
      BEGIN
        RETURN (SELECT to_jsonb(t) FROM tutor.%I t WHERE t.id = p_id FOR UPDATE);
      END $b$ $f$, '_row_' || e.name, e.name);
    SELECT string_agg(format('%1$I = CASE WHEN p_values ? %2$L THEN r.%1$I ELSE t.%1$I END', c, c), ', ')
      INTO sets FROM unnest(e.fields || ARRAY['deleted']) c;
    EXECUTE format($f$
      CREATE FUNCTION tutor.%I(p_id uuid, p_values jsonb, p_stamps jsonb, p_rev bigint, p_now text) RETURNS void
      LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $b$
      BEGIN
        UPDATE tutor.%I t SET %s, stamps = t.stamps || p_stamps,
               revs = t.revs || (SELECT coalesce(jsonb_object_agg(k, p_rev), '{}') FROM jsonb_object_keys(p_values) k),
               rev = p_rev, updated_at = CASE WHEN p_values = '{}' THEN t.updated_at ELSE p_now END
          FROM jsonb_populate_record(NULL::tutor.%I, p_values) r WHERE t.id = p_id;
      END $b$ $f$, '_set_' || e.name, e.name, sets, e.name);
    row_cases := row_cases || format(' WHEN %L THEN tutor.%I(p_id)', e.name, '_row_' || e.name);
    set_cases := set_cases || format(' WHEN %L THEN PERFORM tutor.%I(p_id, p_values, p_stamps, p_rev, p_now);',
                                     e.name, '_set_' || e.name);
  END LOOP;
  EXECUTE format($f$
    CREATE FUNCTION tutor._row(p_table text, p_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $b$
    BEGIN
      RETURN CASE p_table %s END;
    END $b$ $f$, row_cases);
  EXECUTE format($f$
    CREATE FUNCTION tutor._set(p_table text, p_id uuid, p_values jsonb, p_stamps jsonb, p_rev bigint,
                               p_now text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $b$
    BEGIN
      CASE p_table %s END CASE;
    END $b$ $f$, set_cases);
END $$;

-- The shape of a change, before anything is read: NULL when it is well formed, else a result.
CREATE FUNCTION tutor._check_change(ch jsonb, p_device text, p_rev bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
DECLARE
  ent tutor.entities;
  k text;
  st text;
  latest bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint + 300000;  -- five minutes
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = ch->>'table';
  IF NOT FOUND OR jsonb_typeof(ch->'fields') IS DISTINCT FROM 'object'
     OR jsonb_typeof(ch->'stamps') IS DISTINCT FROM 'object' OR jsonb_typeof(ch->'base') IS DISTINCT FROM 'number'
     OR coalesce(ch->>'row', '') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
     OR ch->'fields' = '{}' THEN
    RETURN jsonb_build_object('status', 'rejected', 'reason', 'malformed');
  END IF;
  IF NOT (ARRAY(SELECT jsonb_object_keys(ch->'fields')) <@ (ent.fields || 'deleted'::text))
     OR ARRAY(SELECT jsonb_object_keys(ch->'fields') ORDER BY 1) <> ARRAY(SELECT jsonb_object_keys(ch->'stamps') ORDER BY 1) THEN
    RETURN jsonb_build_object('status', 'rejected', 'reason', 'malformed');
  END IF;
  -- A revision the server has not handed out yet is made up.
  IF (ch->>'base')::numeric <> floor((ch->>'base')::numeric) OR (ch->>'base')::numeric < 0
     OR (ch->>'base')::numeric >= p_rev THEN
    RETURN jsonb_build_object('status', 'rejected', 'reason', 'bad_revision');
  END IF;
  FOR k, st IN SELECT key, value FROM jsonb_each_text(ch->'stamps') LOOP
    IF st !~ '^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$' OR split_part(st, '-', 3) <> p_device THEN
      RETURN jsonb_build_object('status', 'rejected', 'reason', 'forged_stamp', 'field', k);
    END IF;
    IF split_part(st, '-', 1)::bigint > latest THEN
      RETURN jsonb_build_object('status', 'rejected', 'reason', 'future_stamp', 'field', k);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- Who may write what: NULL when allowed, else the reason of the refusal.
CREATE FUNCTION tutor._refusal(me tutor.users, ent tutor.entities, p_row uuid, p_project uuid,
                               cur jsonb, p_fields jsonb, vis uuid[]) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
DECLARE
  k text;
BEGIN
  IF cur IS NOT NULL THEN
    FOR k IN SELECT jsonb_object_keys(p_fields) LOOP
      IF k = ANY(ent.immutable) AND p_fields->k IS DISTINCT FROM cur->k THEN
        RETURN 'immutable';
      END IF;
    END LOOP;
  END IF;
  CASE ent.name
  WHEN 'tutors' THEN
    -- Role and area are the server's (tutor.users); a tutor edits their own name, e-mail, initials.
    IF cur IS NOT NULL AND (p_fields ? 'role' OR p_fields ? 'provinces') THEN
      RETURN 'forbidden';
    END IF;
    IF cur IS NULL AND me.tutor_id IS NOT NULL THEN
      RETURN 'forbidden';
    END IF;
    IF cur IS NOT NULL AND p_row IS DISTINCT FROM me.tutor_id AND me.role <> 'coordinator' THEN
      RETURN 'forbidden';
    END IF;
  WHEN 'investors', 'contacts' THEN
    NULL;  -- the region's directory of companies: everyone adds and corrects it
  WHEN 'projects' THEN
    IF cur IS NOT NULL AND NOT (vis IS NULL OR p_row = ANY(vis)) THEN
      RETURN 'not_assigned';
    END IF;
  WHEN 'conflicts' THEN
    -- Records are made by the server; users only mark them resolved.
    IF cur IS NULL OR EXISTS (SELECT 1 FROM jsonb_object_keys(p_fields) f WHERE f <> 'resolved') THEN
      RETURN 'forbidden';
    END IF;
    IF p_project IS NOT NULL AND NOT (vis IS NULL OR p_project = ANY(vis)) THEN
      RETURN 'not_assigned';
    END IF;
  WHEN 'assignments' THEN
    IF me.role <> 'coordinator' THEN
      -- The server assigns a new project to its creator; the creator's own copy of that row may
      -- arrive afterwards, and is accepted when it says the same thing.
      IF cur IS NULL OR EXISTS (SELECT 1 FROM jsonb_object_keys(p_fields) f WHERE p_fields->f IS DISTINCT FROM cur->f) THEN
        RETURN 'forbidden';
      END IF;
    END IF;
  ELSE
    IF p_project IS NULL OR NOT (vis IS NULL OR p_project = ANY(vis)) THEN
      RETURN 'not_assigned';
    END IF;
  END CASE;
  RETURN NULL;
END $$;

-- Apply one well-formed change (inside the caller's subtransaction): the result of DESIGN §5.3.
CREATE FUNCTION tutor._merge(me tutor.users, p_device text, p_rev bigint, p_change uuid, ch jsonb,
                             p_bundle uuid, vis uuid[], now_text text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  ent tutor.entities;
  tbl text := ch->>'table';
  rid uuid := (ch->>'row')::uuid;
  base bigint := (ch->>'base')::bigint;
  f jsonb := ch->'fields';
  s jsonb := ch->'stamps';
  cur jsonb;
  pid uuid;
  reason text;
  k text;
  srev bigint;
  sst text;
  applied jsonb := '{}';
  astamps jsonb := '{}';
  conflicts integer := 0;
  concurrent jsonb := '{}';
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = tbl;
  cur := tutor._row(tbl, rid);
  -- The dossier the row belongs to: from the server's row when it exists (it never changes).
  IF ent.project_key = 'id' THEN
    pid := rid;
  ELSIF ent.project_key IS NOT NULL THEN
    pid := coalesce(cur->>'project_id', f->>'project_id')::uuid;
  END IF;
  reason := tutor._refusal(me, ent, rid, pid, cur, f, vis);
  IF reason IS NOT NULL THEN
    IF reason = 'not_assigned' AND EXISTS (SELECT 1 FROM tutor.assignments a
                                           WHERE a.project_id = pid AND a.tutor_id = me.tutor_id) THEN
      -- Edits made before an unassignment reached the device: kept on the server for the
      -- coordinator and the project's tutors to see (DESIGN §5.5). A project the user was never
      -- assigned to gets no record: that is a forgery, and it changes nothing.
      PERFORM set_config('tutor.change_id', p_change::text, true);
      PERFORM set_config('tutor.author', me.role_name, true);
      PERFORM set_config('tutor.device', p_device, true);
      PERFORM tutor._record_conflict('rejected', tbl, rid, pid, NULL, NULL, f, NULL,
                                     (SELECT max(value COLLATE "C") FROM jsonb_each_text(s)), p_change,
                                     'not_assigned', p_rev);
      RETURN jsonb_build_object('status', 'rejected', 'reason', reason, 'recorded', true);
    END IF;
    RETURN jsonb_build_object('status', 'rejected', 'reason', reason);
  END IF;

  PERFORM set_config('tutor.change_id', p_change::text, true);  -- author, device, bundle: set per batch

  IF cur IS NULL THEN
    IF tbl = 'tutors' THEN
      -- The first tutor record a user pushes becomes theirs; its role and area are the server's.
      UPDATE tutor.users SET tutor_id = rid WHERE role_name = me.role_name;
      f := f || jsonb_build_object('role', me.role, 'provinces', to_jsonb(me.provinces));
      s := s || jsonb_build_object('role', tutor._server_stamp(p_rev), 'provinces', tutor._server_stamp(p_rev));
    END IF;
    EXECUTE format('INSERT INTO tutor.%1$I SELECT * FROM jsonb_populate_record(NULL::tutor.%1$I, $1)', tbl)
      USING f || jsonb_build_object(
        'id', rid, 'created_at', now_text, 'updated_at', now_text, 'rev', p_rev, 'stamps', s,
        'revs', (SELECT jsonb_object_agg(key, p_rev) FROM jsonb_object_keys(f) key));
    IF tbl = 'projects' AND me.role <> 'coordinator' AND me.tutor_id IS NOT NULL THEN
      PERFORM tutor._assign(rid, me.tutor_id, 'project_tutor', true, p_rev);
      PERFORM set_config('tutor.device', p_device, true);
      RETURN jsonb_build_object('status', 'applied', 'rev', p_rev, 'assigned', true);
    END IF;
    RETURN jsonb_build_object('status', 'applied', 'rev', p_rev);
  END IF;

  -- Field by field: a field conflicts only when another device wrote it after the change's base.
  FOR k IN SELECT jsonb_object_keys(f) LOOP
    CONTINUE WHEN f->k = cur->k;
    srev := coalesce((cur->'revs'->>k)::bigint, 0);
    sst := cur->'stamps'->>k;
    IF srev > base AND sst IS NOT NULL AND split_part(sst, '-', 3) <> p_device THEN
      conflicts := conflicts + 1;
      IF (s->>k) COLLATE "C" > sst THEN   -- the later HLC wins (stamps sort as bytes); the other value becomes the record
        applied := applied || jsonb_build_object(k, f->k);
        astamps := astamps || jsonb_build_object(k, s->k);
        PERFORM tutor._record_conflict('field', tbl, rid, pid, k, f->k, cur->k, s->>k, sst, p_change, NULL, p_rev);
      ELSE
        PERFORM tutor._record_conflict('field', tbl, rid, pid, k, cur->k, f->k, sst, s->>k, p_change, NULL, p_rev);
      END IF;
    ELSE
      applied := applied || jsonb_build_object(k, f->k);
      astamps := astamps || jsonb_build_object(k, s->k);
    END IF;
  END LOOP;

  -- A delete against a concurrent edit is never silent: the tombstone and the edits are both
  -- kept in the row, and a record says so (resolving it may restore the row).
  IF (applied->>'deleted')::boolean IS TRUE THEN
    SELECT jsonb_object_agg(key, cur->key) INTO concurrent FROM jsonb_object_keys(cur->'revs') key
     WHERE key <> 'deleted' AND NOT f ? key AND (cur->'revs'->>key)::bigint > base
       AND split_part(cur->'stamps'->>key, '-', 3) <> p_device;
    IF concurrent IS NOT NULL THEN
      conflicts := conflicts + 1;
      PERFORM tutor._record_conflict('delete_edit', tbl, rid, pid, NULL, 'true'::jsonb, concurrent,
        s->>'deleted', (SELECT max((cur->'stamps'->>key) COLLATE "C") FROM jsonb_object_keys(concurrent) key), p_change, NULL, p_rev);
    END IF;
  ELSIF (cur->>'deleted')::boolean AND NOT applied ? 'deleted'
        AND coalesce((cur->'revs'->>'deleted')::bigint, 0) > base
        AND split_part(cur->'stamps'->>'deleted', '-', 3) <> p_device AND applied - 'deleted' <> '{}' THEN
    conflicts := conflicts + 1;
    PERFORM tutor._record_conflict('delete_edit', tbl, rid, pid, NULL, 'true'::jsonb, applied - 'deleted',
      cur->'stamps'->>'deleted', (SELECT max(value COLLATE "C") FROM jsonb_each_text(astamps)), p_change, NULL, p_rev);
  END IF;

  IF applied = '{}' AND conflicts = 0 THEN  -- the server already holds these values: nothing to write
    RETURN jsonb_build_object('status', 'applied', 'rev', (cur->>'rev')::bigint, 'unchanged', true);
  END IF;
  -- Written (or touched, when every value lost) at this revision, so the row re-enters the feed
  -- and every replica, the pusher's included, gets the server's present state.
  PERFORM tutor._set(tbl, rid, applied, astamps, p_rev, now_text);
  RETURN jsonb_build_object(
    'status', CASE WHEN conflicts > 0 THEN 'conflict' WHEN (cur->>'rev')::bigint > base THEN 'merged' ELSE 'applied' END,
    'rev', p_rev);
END $$;

-- One change of a push or of a bundle: a replay answers its first result (``prior``, found by
-- the caller); a well-formed change is merged, inside a subtransaction when ``guarded`` (the
-- caller's second try after a change of the batch broke a constraint).
CREATE FUNCTION tutor._push_one(me tutor.users, p_device text, p_rev bigint, ch jsonb, p_bundle uuid,
                                vis uuid[], now_text text, guarded boolean, v_id uuid, v_hash text,
                                prior jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  res jsonb;
BEGIN
  IF prior IS NOT NULL THEN
    IF prior->>'hash' <> v_hash OR prior->>'role' <> me.role_name THEN
      RETURN jsonb_build_object('id', v_id, 'status', 'rejected', 'reason', 'reused_id');
    END IF;
    RETURN (prior->'result') || jsonb_build_object('status', 'duplicate', 'original', prior->'result'->>'status');
  END IF;
  res := tutor._check_change(ch, p_device, p_rev);
  IF res IS NULL AND NOT guarded THEN
    res := tutor._merge(me, p_device, p_rev, v_id, ch, p_bundle, vis, now_text);
  ELSIF res IS NULL THEN
    BEGIN
      res := tutor._merge(me, p_device, p_rev, v_id, ch, p_bundle, vis, now_text);
    EXCEPTION WHEN integrity_constraint_violation OR data_exception OR datatype_mismatch THEN
      res := jsonb_build_object('status', 'rejected', 'reason', 'invalid', 'detail', SQLERRM);
    END;
  END IF;
  RETURN jsonb_build_object('id', v_id) || res;
END $$;

-- The changes of a batch, one after the other. Read once for the batch: the visible projects
-- (the counter is held: no assignment changes meanwhile; they grow with the projects the batch
-- creates) and the change ids already applied; written once: the ids applied now.
CREATE FUNCTION tutor._push_batch(me tutor.users, p_device text, p_rev bigint, p_changes jsonb, p_bundle uuid,
                                  now_text text, guarded boolean) RETURNS jsonb[]
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
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
  FOR ch IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
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

-- Push: one batch, one server transaction, one result per change in the order given.
CREATE FUNCTION tutor.push(p_protocol integer, p_device text, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
DECLARE
  me tutor.users;
  v_rev bigint;
  results jsonb[];
  now_text text := tutor._now_text();
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  IF coalesce(p_device, '') !~ '^[0-9a-f]{16,32}$' THEN
    RAISE EXCEPTION 'not a device id: %', p_device USING ERRCODE = '22023';
  END IF;
  IF jsonb_typeof(p_changes) IS DISTINCT FROM 'array' OR jsonb_array_length(p_changes) > 5000 THEN
    RAISE EXCEPTION 'a push is an array of at most 5000 changes' USING ERRCODE = '22023';
  END IF;
  -- The commit-order counter first: this transaction's revision, held until it commits.
  UPDATE tutor.counter SET rev = rev + 1 RETURNING rev INTO v_rev;
  INSERT INTO tutor.devices (device, role_name) VALUES (p_device, me.role_name) ON CONFLICT (device) DO NOTHING;
  IF (SELECT role_name FROM tutor.devices WHERE device = p_device) <> me.role_name THEN
    RAISE EXCEPTION 'this device is registered to another user' USING ERRCODE = '42501';
  END IF;
  -- Fast path: the whole batch in one subtransaction. A change that breaks a constraint undoes it,
  -- and the batch is done again with one subtransaction per change, refusing only that change.
  BEGIN
    results := tutor._push_batch(me, p_device, v_rev, p_changes, NULL, now_text, false);
  EXCEPTION WHEN integrity_constraint_violation OR data_exception OR datatype_mismatch THEN
    results := tutor._push_batch(tutor._me(), p_device, v_rev, p_changes, NULL, now_text, true);
  END;
  -- "at": the time written into the rows this push changed, so that a client which saw every
  -- revision before this one can take its own changes as the server holds them without pulling.
  RETURN jsonb_build_object('rev', v_rev, 'at', now_text, 'results', to_jsonb(results));
END $$;
