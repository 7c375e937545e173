-- The write side of the protocol (DESIGN §5.0, §5.3): push a batch of changes, one server
-- transaction, one result per change in the order given. The server decides: revisions, the
-- clock, who may write what, conflicts and their records, the history.
--
-- A push is bounded in changes and bytes before the counter's lock is taken, and waits for that
-- lock a bounded time (the client retries when the server is busy). A bundle (90_bundles.sql)
-- and a bundle's revert go through the very same _push_batch.

-- push(protocol, device, changes, cursor_rev). When the client saw every revision up to the one
-- before this push (cursor_rev = the push's revision - 1), the answer also carries the hash of
-- everything the user sees once the push is written, read in the push's own transaction. No one
-- else writes between those two revisions (every writer takes the counter's row lock first), so a
-- client that takes its changes as the server holds them is at the head with that hash, and
-- needs no pull. Otherwise no hash is computed (the counter's lock is held meanwhile).
CREATE OR REPLACE FUNCTION tutor.push(p_protocol integer, p_device text, p_changes jsonb, p_cursor_rev bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off
  SET lock_timeout = '5s' AS $$
DECLARE
  me tutor.users;
  v_rev bigint;
  results jsonb[];
  now_text text := tutor._now_text();
  answer jsonb;
  written jsonb;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  PERFORM tutor._check_device_id(p_device);
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
  -- "at": the time written into the rows this push changed; "written": the rows it wrote otherwise
  -- than its changes say (absent when it wrote one the user does not see). With both, the pusher
  -- holds this revision as the server does, and its pull skips it (_written_otherwise).
  answer := jsonb_build_object('rev', v_rev, 'at', now_text, 'results', to_jsonb(results));
  written := tutor._written_otherwise(tutor._me(), v_rev, p_changes, answer->'results', now_text);
  IF written IS NOT NULL THEN
    answer := answer || jsonb_build_object('written', written);
  END IF;
  IF v_rev = p_cursor_rev + 1 THEN
    -- What the user sees after the push (a dossier created here is the user's now).
    answer := answer || jsonb_build_object('hash', tutor._scope_hash(tutor._me())::text);
  END IF;
  RETURN answer;
END $$;

-- The rows a push wrote at its revision ``p_rev``, each with its dossier and whether the server
-- holds it as its change says (``plain``, the rules of _written_otherwise below); and the rows of
-- the changes answered "unchanged" (``p_unchanged``: their tables), never plain. One function made
-- from the entities with the query as its own text, so that a session that pushes batch after
-- batch plans it once (dynamic SQL would be planned again at every push). Its rows are read as
-- the range of one revision (BETWEEN): a plan made for any revision then reads the feed index,
-- where "rev = ?" would be planned as a scan of the whole table when most rows share a revision
-- (a region loaded at once). Each row finds the
-- position of its change by "table:row" in one JSON object (no join whose size the planner would
-- have to guess), then the change and its result by position.
DO $$
DECLARE
  e tutor.entities;
  parts text[] := '{}';
  pid text;
BEGIN
  FOR e IN SELECT * FROM tutor.entities ORDER BY ord LOOP
    pid := CASE e.project_key WHEN 'id' THEN 't.id' WHEN 'project_id' THEN 't.project_id' ELSE 'NULL::uuid' END;
    parts := parts || format($p$
      SELECT %1$s, t.id, %2$s, coalesce(CASE
          WHEN k.ch->'base' = '0' THEN t.created_at = now_text AND t.updated_at = now_text
                                       AND t.stamps = tutor._compact_stamps(k.s, %6$L::text[]) AND %3$s
          ELSE %4$s AND t.updated_at = now_text AND t.stamps @> k.s END, false)
        FROM tutor.%5$I t
        CROSS JOIN LATERAL (SELECT ((SELECT m.taken FROM m)->>(%5$L || ':' || t.id::text))::integer AS n) o
        CROSS JOIN LATERAL (SELECT v_changes->(o.n - 1) AS ch,
                                   (v_changes->(o.n - 1)->'stamps') || coalesce(v_results->(o.n - 1)->'stamps', '{}') AS s
                            OFFSET 0) k  -- k.s a value once, not its expression: _compact_stamps is inlined
       WHERE t.rev BETWEEN p_rev AND p_rev
      UNION ALL
      SELECT %1$s, t.id, %2$s, false FROM tutor.%5$I t
       WHERE %5$L = ANY(p_unchanged) AND t.rev <> p_rev
         AND t.id IN (SELECT c.rid::uuid FROM c WHERE c.tbl = %5$L AND c.status = 'applied' AND c.unchanged)$p$,
      e.ord, pid,
      -- A new row: every value of a directory row, a dossier's code (the rest is in its hash).
      CASE WHEN e.project_key IS NULL THEN $c$jsonb_strip_nulls(to_jsonb(t) - '{id,created_at,updated_at,rev,stamps,revs}'::text[])
                                  = jsonb_strip_nulls(k.ch->'fields')$c$
           WHEN e.name = 'projects' THEN $c$t.code IS NOT DISTINCT FROM k.ch #>> '{fields,code}'$c$
           ELSE 'true' END,
      -- An edit: of a table the server never shapes; a directory row's values.
      CASE WHEN e.name IN ('tutors', 'assignments', 'conflicts') THEN 'false'
           WHEN e.project_key IS NULL THEN $c$NOT EXISTS (SELECT 1 FROM jsonb_each(k.ch->'fields') x
                                               WHERE to_jsonb(t)->x.key IS DISTINCT FROM x.value)$c$
           ELSE 'true' END,
      e.name,
      -- A new row's stamps as every creation path stores them: one "*" for fields written at once.
      e.fields || 'deleted'::text);
  END LOOP;
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION tutor._written_rows(p_rev bigint, p_changes jsonb, p_results jsonb, now_text text,
                                                   p_unchanged text[])
    RETURNS TABLE (ord integer, id uuid, pid uuid, plain boolean)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp SET plan_cache_mode = force_generic_plan AS $b$
    #variable_conflict use_column
    DECLARE
      -- Read by position row after row: made afresh in memory, a value stored compressed is not
      -- decompressed again at every position (the concatenation with nothing copies it whole).
      v_changes jsonb := p_changes || '[]'::jsonb;
      v_results jsonb := p_results || '[]'::jsonb;
    BEGIN
      RETURN QUERY
      WITH c AS MATERIALIZED (
        SELECT x.ord, x.ch->>'table' AS tbl, x.ch->>'row' AS rid, x.res->>'status' AS status,
               x.res ? 'unchanged' AS unchanged, x.res->'rev' AS rev,
               count(*) OVER (PARTITION BY x.ch->>'table', x.ch->>'row') AS on_row
          FROM ROWS FROM (jsonb_array_elements(v_changes), jsonb_array_elements(v_results)) WITH ORDINALITY x(ch, res, ord)
      ), m AS MATERIALIZED (
        SELECT coalesce(jsonb_object_agg(c.tbl || ':' || c.rid, c.ord), '{}') AS taken
          FROM c WHERE c.on_row = 1 AND c.status = 'applied' AND NOT c.unchanged AND c.rev = to_jsonb(p_rev)
      )
      %s;
    END $b$ $f$, array_to_string(parts, ' UNION ALL '));
END $$;

-- What a push's answer carries beside its results ("written"), so that the pusher keeps what the
-- server stored without pulling it back: the rows this push wrote (those at revision ``p_rev``)
-- otherwise than its changes say, whole, as the pull sends rows. A change is taken as sent when
-- it was answered "applied" at this revision (not "unchanged"), it is alone on its row in the
-- batch, and the server holds its row as the change says:
-- - a new row (base 0): the push's time as created and updated, the change's stamps (those
--   clamped as its result says; stored compact, _compact_stamps), and the change's values:
--   every value of a directory row (tutors, investors, contacts), the code of a dossier (a taken
--   one is replaced on the way in);
-- - an edit of a table whose rows the server never shapes (not tutors, assignments, conflicts):
--   the push's time as updated, the change's stamps (the client holds the rest of the row at the
--   change's base: the server's, as "applied" says no one wrote it since), and its values in a
--   directory row.
-- The other values of a dossier's rows are not compared here: they are in the dossier's hash, on
-- the server and on the client, and the sanity check after the sync compares those (a row that
-- differed would be fetched again). Every other row of this revision is sent: the creator's
-- assignment the server made with a new dossier, a dossier under a fresh code, a user's tutor
-- record with its role and initials, merged rows, conflict records. So is the row of a change
-- answered "unchanged", as the server holds it (written by another change, which the client may
-- hold without pulling: it takes the server's stamps of its fields). NULL when the push wrote a
-- row of a dossier the user does not see (a record of a change refused in a dossier taken from
-- them): the pull brings that revision then, as any other.
CREATE OR REPLACE FUNCTION tutor._written_otherwise(me tutor.users, p_rev bigint, p_changes jsonb, p_results jsonb,
                                                    now_text text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  unchanged text[] := ARRAY(  -- the tables of changes answered "unchanged"
    SELECT DISTINCT x.ch->>'table' FROM ROWS FROM (jsonb_array_elements(p_changes), jsonb_array_elements(p_results)) x(ch, res)
     WHERE x.res ? 'unchanged');
  dossiers uuid[];
  sent_ords integer[];
  sent_ids uuid[];
  result json;
BEGIN
  SELECT array_agg(DISTINCT w.pid) FILTER (WHERE w.pid IS NOT NULL), array_agg(w.ord) FILTER (WHERE NOT w.plain),
         array_agg(w.id) FILTER (WHERE NOT w.plain)
    INTO dossiers, sent_ords, sent_ids
    FROM tutor._written_rows(p_rev, p_changes, p_results, now_text, unchanged) w;
  IF tutor._unseen(me, dossiers) THEN
    RETURN NULL;
  END IF;
  IF sent_ids IS NULL THEN
    RETURN '{}';
  END IF;
  -- The rows sent, as the pull sends rows (only the tables they are in).
  EXECUTE format('WITH batch AS (SELECT * FROM unnest($1, $2) b(ord, id)) SELECT %s',
                 tutor._tables_json_sql(ARRAY(SELECT DISTINCT unnest(sent_ords))))
    INTO result USING sent_ords, sent_ids;
  RETURN result::jsonb;
END $$;

-- The three-argument push (protocols up to 3, which this server no longer speaks): the same body,
-- so that an older Tutor is told to update.
CREATE OR REPLACE FUNCTION tutor.push(p_protocol integer, p_device text, p_changes jsonb) RETURNS jsonb
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT tutor.push(p_protocol, p_device, p_changes, NULL)
$$;

-- The changes of a batch (a push, a bundle, a revert). Read once for the batch: the visible
-- projects (the counter is held: no assignment changes meanwhile; they grow with the projects
-- the batch creates), the change ids already applied, the values the field rules refuse and the
-- stamps to clamp; written once: the ids applied now. The fast path first (unguarded runs only:
-- a change that breaks a constraint sends the whole batch to the guarded run, which is
-- _push_one's alone): edits of rows on the server (_fast_merge), then new rows (_fast_create);
-- every change they leave goes through _push_one in turn.
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
  clamps jsonb;
  stored jsonb;
  bad jsonb := tutor._bad_values(p_changes);
  latest bigint;
  created jsonb;
BEGIN
  -- The history trigger's context; a server write on the way (an assignment) puts the device back.
  PERFORM set_config('tutor.author', me.role_name, true);
  PERFORM set_config('tutor.device', p_device, true);
  PERFORM set_config('tutor.bundle', coalesce(p_bundle::text, ''), true);
  SELECT coalesce(jsonb_object_agg(a.change_id, jsonb_build_object('hash', a.payload_hash, 'role', a.role_name,
                                                                    'result', a.result)), '{}')
    INTO known FROM tutor.applied_changes a
   WHERE a.change_id IN (SELECT (c->>'id')::uuid FROM jsonb_array_elements(p_changes) c
                          WHERE tutor._is_uuid(c->>'id'));
  -- tutor.fast_path = 'off' sends every change through the per-change path: the tests compare the
  -- two paths on the same pushes (a slower push for whoever sets it, nothing else).
  IF NOT guarded AND current_setting('tutor.fast_path', true) IS DISTINCT FROM 'off' THEN
    -- The shape rules (_shape_refusal, as for _check_change: a change in doubt is simply left to
    -- _merge), evaluated in _fast_merge; a stamp ahead of the server's clock is left to _merge too,
    -- which stores it clamped.
    -- Left to _merge as well: an id already known or twice in the batch, a row twice in the batch,
    -- and every record of a dossier whose own row is in the batch.
    SELECT array_agg(c->>'row') FILTER (WHERE c->>'table' = 'projects' AND tutor._is_uuid(c->>'row'))
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
    latest := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    PERFORM set_config('tutor.change_id', 'fast', true);  -- _audit leaves these rows to the fast path
    -- Edits of rows on the server first: a creation meets no row there (it is not one of theirs),
    -- and a row _fast_create makes is then not taken for an edit of itself.
    FOR tbl IN SELECT DISTINCT c->>'table' FROM jsonb_array_elements(p_changes) c LOOP
      fast := fast || tutor._fast_merge(tbl, p_changes, p_device, p_rev, vis, batch_projects::uuid[], now_text,
                                        skip_ids, skip_rows, latest);
    END LOOP;
    created := tutor._fast_create(me, p_changes, p_device, p_rev, vis, now_text, skip_ids, skip_rows, latest);
    PERFORM set_config('tutor.change_id', '', true);
    fast := fast || created;
    IF vis IS NOT NULL THEN
      -- The dossiers created there are the user's now (the server assigned them to their creator).
      vis := vis || ARRAY(SELECT (p_changes->(r.key::integer - 1)->>'row')::uuid FROM jsonb_each(created) r
                           WHERE (r.value->>'assigned')::boolean);
    END IF;
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
    IF NOT tutor._is_uuid(coalesce(ch->>'id', '')) THEN
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
    -- Remember what wrote something, so a replay neither writes again nor writes a second record
    -- (a replay is remembered already: a refusal kept as a record, replayed, is no second row).
    IF res->>'status' <> 'duplicate' AND (res->>'status' <> 'rejected' OR (res->>'recorded')::boolean) THEN
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

-- One change of a push or of a bundle: a replay answers its first result (``prior``, found by
-- the caller), a change id a bundle took with another payload is _taken_by_bundle's; a
-- well-formed change is merged, inside a subtransaction when ``guarded`` (the caller's second
-- try after a change of the batch broke a constraint).
CREATE OR REPLACE FUNCTION tutor._push_one(me tutor.users, p_device text, p_rev bigint, ch jsonb, p_bundle uuid,
                                           vis uuid[], now_text text, guarded boolean, v_id uuid, v_hash text,
                                           prior jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  res jsonb;
  taken tutor.applied_changes;
BEGIN
  IF prior IS NOT NULL THEN
    IF prior->>'hash' <> v_hash OR prior->>'role' <> me.role_name THEN
      SELECT * INTO taken FROM tutor.applied_changes a WHERE a.change_id = v_id;
      IF taken.bundle_id IS NOT NULL AND prior->>'hash' <> v_hash THEN
        BEGIN
          res := tutor._taken_by_bundle(me, p_device, p_rev, ch, vis, v_id, taken);
        EXCEPTION WHEN integrity_constraint_violation OR data_exception OR datatype_mismatch THEN
          res := jsonb_build_object('status', 'rejected', 'reason', 'reused_id', 'detail', SQLERRM,
                                    'taken_by', tutor._bundle_label(taken.bundle_id, taken.rev));
        END;
        RETURN jsonb_build_object('id', v_id) || res;
      END IF;
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
