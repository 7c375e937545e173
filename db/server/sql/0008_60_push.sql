-- The push under a broken or hostile client (issue "Sync under faults and attack"):
-- * every value is checked as the local schema checks it (tutor.field_rules, written by
--   `server init` from tutor_app.domain.schema): a change with a wrong type, an unknown code, a
--   date that does not exist or a text over its limit is refused with a reason, changing nothing;
-- * a stamp ahead of the server's clock is clamped to it (never refused: a laptop's wrong clock
--   must not cost a user's edit, nor win a conflict), in the order of that device's stamps, and
--   the push answer says what was stored;
-- * a push is bounded in changes and bytes before the counter's lock is taken, and waits for
--   that lock a bounded time (the client retries when the server is busy);
-- * an investor that live dossiers use cannot be deleted (merging duplicates is the coordinator's).

CREATE TABLE IF NOT EXISTS tutor.field_rules (
  table_name text NOT NULL,
  field text NOT NULL,
  kind text NOT NULL,
  required boolean NOT NULL,
  max_len integer,
  minimum bigint,
  email boolean NOT NULL DEFAULT false,
  choices text[],
  PRIMARY KEY (table_name, field)
);
-- Like every table: RLS forced, the owner's policy alone (users never read it; they are told).
ALTER TABLE tutor.field_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE tutor.field_rules FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON tutor.field_rules;
CREATE POLICY owner_all ON tutor.field_rules FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

-- The last stamp the server gave a device in place of one ahead of its clock: the next clamped
-- stamps of that device come after it, so its edits keep their order.
ALTER TABLE tutor.devices ADD COLUMN IF NOT EXISTS last_clamp text;

-- An ISO date that exists (CASE, not AND: make_date must never see a month 13). PL/pgSQL: its
-- simple expressions are cheap to call, where a SQL function with a SET clause is planned each time.
CREATE OR REPLACE FUNCTION tutor._is_date(t text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  RETURN CASE
    WHEN t IS NULL OR t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
    WHEN substr(t, 1, 4)::integer < 1 OR substr(t, 6, 2)::integer NOT BETWEEN 1 AND 12 THEN false
    ELSE substr(t, 9, 2)::integer BETWEEN 1 AND extract(day FROM make_date(substr(t, 1, 4)::integer,
           substr(t, 6, 2)::integer, 1) + interval '1 month' - interval '1 day')::integer
  END;
END $$;

-- What is wrong with the values of a batch's changes: for each change (by id) that has a value
-- breaking the local schema's rules (domain/schema.py), the first such field and what is wrong.
-- One statement for the whole batch (a function called per value costs a planning or an executor
-- start each time: far more than the check).
CREATE OR REPLACE FUNCTION tutor._bad_values(p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  RETURN (
    SELECT coalesce(jsonb_object_agg(x.cid, jsonb_build_object('field', x.field, 'problem', x.problem)), '{}')
      FROM (SELECT DISTINCT ON (c->>'id') c->>'id' AS cid, kv.key AS field, coalesce(p.problem, 'unknown_field') AS problem
              FROM jsonb_array_elements(p_changes) c
             CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(c->'fields') = 'object' THEN c->'fields' END) kv
              LEFT JOIN tutor.field_rules r ON r.table_name = c->>'table' AND r.field = kv.key
             CROSS JOIN LATERAL (SELECT
    CASE
        WHEN kv.value IS NULL OR jsonb_typeof(kv.value) = 'null' THEN CASE WHEN r.required THEN 'required' END
        WHEN r.kind = 'text' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string' THEN 'type'
          WHEN r.max_len IS NOT NULL AND char_length(kv.value #>> '{}') > r.max_len THEN 'too_long'
          WHEN r.required AND btrim(kv.value #>> '{}') = '' THEN 'required'
          WHEN r.email AND btrim(kv.value #>> '{}') <> '' AND btrim(kv.value #>> '{}') !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
            THEN 'email' END
        WHEN r.kind IN ('int', 'cents') THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'number' OR (kv.value #>> '{}')::numeric <> trunc((kv.value #>> '{}')::numeric) THEN 'type'
          WHEN abs((kv.value #>> '{}')::numeric) >= 4611686018427387904 THEN 'range'
          WHEN r.minimum IS NOT NULL AND (kv.value #>> '{}')::numeric < r.minimum THEN 'range' END
        WHEN r.kind = 'bool' THEN CASE WHEN jsonb_typeof(kv.value) <> 'boolean' THEN 'type' END
        WHEN r.kind = 'date' THEN CASE WHEN jsonb_typeof(kv.value) <> 'string' OR NOT tutor._is_date(kv.value #>> '{}') THEN 'date' END
        WHEN r.kind = 'instant' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string'
            OR (kv.value #>> '{}') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}Z$'
            OR NOT tutor._is_date(left(kv.value #>> '{}', 10)) THEN 'instant' END
        WHEN r.kind = 'ref' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string'
            OR (kv.value #>> '{}') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'type' END
        WHEN r.kind IN ('enum', 'country', 'province') THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string' OR NOT ((kv.value #>> '{}') = ANY (r.choices)) THEN 'unknown_code' END
        WHEN r.kind IN ('enum_list', 'province_list') THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'array' THEN 'type'
          WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(kv.value) e
                        WHERE jsonb_typeof(e) <> 'string' OR NOT ((e #>> '{}') = ANY (r.choices))) THEN 'unknown_code'
          -- Lists are kept sorted and without repeats (the canonical form both sides hash).
          WHEN kv.value <> (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x COLLATE "C"), '[]')
                       FROM (SELECT DISTINCT e #>> '{}' AS x FROM jsonb_array_elements(kv.value) e) d) THEN 'not_canonical' END
        ELSE 'unknown_field'
      END AS problem) p
             WHERE c->>'id' IS NOT NULL AND (r.field IS NULL OR p.problem IS NOT NULL)
             ORDER BY c->>'id', kv.key) x);
END $$;

-- The shape of a change, before anything is read: NULL when it is well formed, else a result.
-- (A stamp ahead of the server's clock is no longer refused: _push_batch clamps it; the values
-- are checked by _push_batch too, for the whole batch at once: _bad_values.)
CREATE OR REPLACE FUNCTION tutor._check_change(ch jsonb, p_device text, p_rev bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  k text;
  st text;
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
  END LOOP;
  RETURN NULL;
END $$;

-- Who may write what: NULL when allowed, else the reason of the refusal.
CREATE OR REPLACE FUNCTION tutor._refusal(me tutor.users, ent tutor.entities, p_row uuid, p_project uuid,
                                          cur jsonb, p_fields jsonb, vis uuid[]) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
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
  WHEN 'investors' THEN
    -- The region's directory of companies: everyone adds and corrects it; but a company that live
    -- dossiers name stays (duplicates are merged by a coordinator, not deleted by a tutor).
    IF (p_fields->>'deleted')::boolean IS TRUE
       AND EXISTS (SELECT 1 FROM tutor.projects p WHERE p.investor_id = p_row AND p.deleted IS FALSE) THEN
      RETURN 'investor_in_use';
    END IF;
  WHEN 'contacts' THEN
    NULL;
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

-- Stamps of a batch ahead of the server's clock, each with the stamp the server stores instead:
-- the server's time, counting on from the device's last clamped stamp, in the order of the
-- device's own stamps (an object: sent stamp -> stored stamp; '{}' when none is ahead).
CREATE OR REPLACE FUNCTION tutor._clamped_stamps(p_device text, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  now_ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  last text;
  base_ms bigint;
  base_c bigint := 0;
  out jsonb;
  top text;
BEGIN
  SELECT d.last_clamp INTO last FROM tutor.devices d WHERE d.device = p_device;
  base_ms := now_ms;
  IF last IS NOT NULL AND split_part(last, '-', 1)::bigint >= now_ms THEN
    base_ms := split_part(last, '-', 1)::bigint;
    base_c := split_part(last, '-', 2)::bigint;
  END IF;
  WITH ahead AS (
    SELECT DISTINCT st.value AS sent
      FROM jsonb_array_elements(p_changes) c
      CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(c->'stamps') = 'object' THEN c->'stamps' END) st
     WHERE st.value ~ '^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$' AND split_part(st.value, '-', 3) = p_device
       AND split_part(st.value, '-', 1)::bigint > now_ms
  ), numbered AS (
    SELECT sent, base_c + row_number() OVER (ORDER BY sent COLLATE "C") AS n FROM ahead
  )
  SELECT jsonb_object_agg(sent, lpad((base_ms + n / 1000000)::text, 13, '0') || '-'
                                || lpad((n % 1000000)::text, 6, '0') || '-' || p_device),
         max((lpad((base_ms + n / 1000000)::text, 13, '0') || '-' || lpad((n % 1000000)::text, 6, '0') || '-'
              || p_device) COLLATE "C")
    INTO out, top FROM numbered;
  IF top IS NOT NULL THEN
    UPDATE tutor.devices SET last_clamp = top WHERE device = p_device;
  END IF;
  RETURN coalesce(out, '{}');
END $$;

-- A batch of a push or of a bundle (revision 0006's, with clamped stamps).
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
  clamps jsonb;
  stored jsonb;
  bad jsonb := tutor._bad_values(p_changes);
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
  -- tutor.fast_path = 'off' sends every change through the per-change path: the tests compare the
  -- two paths on the same pushes (a slower push for whoever sets it, nothing else).
  IF NOT guarded AND current_setting('tutor.fast_path', true) IS DISTINCT FROM 'off' THEN
    -- _check_change's rules (a change in doubt is simply left to _merge), evaluated in _fast_merge;
    -- a stamp ahead of the server's clock is left to _merge too, which stores it clamped.
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
    -- A value that breaks the field rules: _check_change refuses it with its reason.
    skip_ids := skip_ids || ARRAY(SELECT jsonb_object_keys(bad));  -- refused below, with the reason
    FOR tbl IN SELECT DISTINCT c->>'table' FROM jsonb_array_elements(p_changes) c LOOP
      PERFORM set_config('tutor.change_id', 'fast', true);  -- _audit leaves these rows to _fast_merge
      fast := fast || tutor._fast_merge(tbl, p_changes, p_device, p_rev, vis, batch_projects::uuid[], now_text,
                                        skip_ids, skip_rows,
                                        floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint);
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
  clamps := tutor._clamped_stamps(p_device, p_changes);
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
    v_hash := md5(ch::text);  -- of the change as sent: a replay is recognised whatever was stored
    stored := NULL;
    IF clamps <> '{}' AND jsonb_typeof(ch->'stamps') = 'object' THEN
      SELECT jsonb_object_agg(st.key, clamps->(st.value #>> '{}')) INTO stored
        FROM jsonb_each(ch->'stamps') st WHERE clamps ? (st.value #>> '{}');
      IF stored IS NOT NULL THEN
        ch := jsonb_set(ch, '{stamps}', ch->'stamps' || stored);
      END IF;
    END IF;
    seen := array_position(new_ids, v_id);  -- the same change twice in one batch (rare)
    IF bad ? v_id::text AND seen IS NULL AND NOT known ? v_id::text THEN
      -- A value the rules refuse (a replay still answers its first result, as _push_one does).
      res := jsonb_build_object('id', v_id) || coalesce(tutor._check_change(ch, p_device, p_rev), jsonb_build_object(
        'status', 'rejected', 'reason', CASE WHEN bad->(v_id::text)->>'problem' = 'too_long' THEN 'too_large'
                                             ELSE 'invalid' END,
        'field', bad->(v_id::text)->>'field', 'detail', bad->(v_id::text)->>'problem'));
    ELSE
      res := tutor._push_one(me, p_device, p_rev, ch, p_bundle, vis, now_text, guarded, v_id, v_hash,
                             CASE WHEN seen IS NULL THEN known->(v_id::text)
                                  ELSE jsonb_build_object('hash', new_hashes[seen], 'role', me.role_name,
                                                          'result', new_results[seen]) END);
    END IF;
    IF stored IS NOT NULL AND res->>'status' NOT IN ('rejected', 'duplicate') THEN
      res := res || jsonb_build_object('stamps', stored);  -- what the server holds: the client keeps it
    END IF;
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


-- Push: bounded, and waiting for the counter a bounded time (revision 0007's otherwise).
CREATE OR REPLACE FUNCTION tutor.push(p_protocol integer, p_device text, p_changes jsonb, p_cursor_rev bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off
  SET lock_timeout = '5s' AS $$
DECLARE
  me tutor.users;
  v_rev bigint;
  results jsonb[];
  now_text text := tutor._now_text();
  answer jsonb;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  IF coalesce(p_device, '') !~ '^[0-9a-f]{16,32}$' THEN
    RAISE EXCEPTION 'not a device id: %', p_device USING ERRCODE = '22023';
  END IF;
  -- Bounded before the counter's lock is taken: a push holds it for its whole transaction, and
  -- others wait for it at most lock_timeout (above), then are told the server is busy and retry.
  IF jsonb_typeof(p_changes) IS DISTINCT FROM 'array' OR jsonb_array_length(p_changes) > 2000 THEN
    RAISE EXCEPTION 'a push is an array of at most 2000 changes' USING ERRCODE = '54000';
  END IF;
  IF octet_length(p_changes::text) > 4194304 THEN
    RAISE EXCEPTION 'a push is at most 4 MiB of changes' USING ERRCODE = '54000';
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
  answer := jsonb_build_object('rev', v_rev, 'at', now_text, 'results', to_jsonb(results));
  IF v_rev = p_cursor_rev + 1 THEN
    -- What the user sees after the push (a dossier created here is the user's now).
    answer := answer || jsonb_build_object('hash', tutor._scope_hash(tutor._visible_projects(tutor._me()))::text);
  END IF;
  RETURN answer;
END $$;


REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
