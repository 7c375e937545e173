-- Offline bundles (DESIGN §5.7): device keys, the import of a tutor's bundle by a coordinator,
-- a change id a bundle took, and the revert of a bundle.
--
-- A device's Ed25519 public key is registered by its own user at a sync (register_device). The
-- coordinator's client imports a bundle (import_bundle): every change goes through the very same
-- push rules (tutor._push_batch), judged as the bundle's author (the author's assignments, not
-- the coordinator's), in one transaction. The history rows carry the bundle id; "applied by" is
-- the coordinator's login (session_user).
--
-- Who vouched. The server verifies the signature of every signed bundle from a device with a
-- registered key against the very bytes it applies (88_ed25519.sql). The register's
-- ``verification`` says what stands behind a bundle: 'server' (checked here), 'unverified' (no
-- valid signature: accepted by the coordinator who imported it, on their decision), or 'client'
-- (the importing client's word, ``vouched_by``: only bundles registered before the server could
-- check). A client that calls a bundle verified when its signature does not match is refused,
-- and nothing is written. The same bundle id imported twice with another body (a tampered copy,
-- then the genuine file) is two imports in the register, each with its own revision (the one its
-- changes carry in applied_changes and the history).
--
-- A change id taken by a bundle. Change ids are global: a tampered copy of a bundle imported
-- (unverified) first takes the ids of the genuine changes, and the genuine bundle or the tutor's
-- own sync then sends the same ids with the real values. When the earlier use of an id came from
-- a bundle, the change is judged as a push would (shape, stamps, who may write what) and each
-- field whose value differs from the server's becomes a conflict record (the bundle's value
-- kept, this change's value as the alternative) that the coordinator resolves with the usual
-- resolution. The answer names the bundle that took the id. The id stays the bundle's: it cannot
-- be applied twice, and a replay makes no second record.
--
-- Revert. A coordinator takes a bundle back: for each field the bundle wrote, the value the
-- history shows before it (a row the bundle created gets a tombstone) is pushed as a new change
-- set of the coordinator's, through the very same push rules with the bundle's revision as base:
-- a field a later edit touched is a conflict (a record keeps the losing value), never a silent
-- overwrite.

-- A user registers the key of a device of theirs. A device already registered to another user
-- is refused, and so is a second, different key for the same device (the key is made once, with
-- the device id, and kept with it).
CREATE OR REPLACE FUNCTION tutor.register_device(p_protocol integer, p_device text, p_public_key text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  d tutor.devices;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  PERFORM tutor._check_device_id(p_device);
  IF coalesce(p_public_key, '') !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'not an Ed25519 public key' USING ERRCODE = '22023';
  END IF;
  INSERT INTO tutor.devices (device, role_name, public_key) VALUES (p_device, me.role_name, p_public_key)
    ON CONFLICT (device) DO NOTHING;
  SELECT * INTO d FROM tutor.devices WHERE device = p_device FOR UPDATE;
  IF d.role_name <> me.role_name THEN
    RAISE EXCEPTION 'this device is registered to another user' USING ERRCODE = '42501';
  END IF;
  IF d.public_key IS NULL THEN
    UPDATE tutor.devices SET public_key = p_public_key WHERE device = p_device;
  ELSIF d.public_key <> p_public_key THEN
    RAISE EXCEPTION 'this device has another key registered' USING ERRCODE = '42501';
  END IF;
  RETURN jsonb_build_object('device', p_device, 'registered', true);
END $$;

-- The caller, who must be a coordinator.
CREATE OR REPLACE FUNCTION tutor._require_coordinator() RETURNS tutor.users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  me tutor.users := tutor._me();
BEGIN
  IF me.role <> 'coordinator' THEN
    RAISE EXCEPTION 'only a coordinator imports bundles' USING ERRCODE = '42501';
  END IF;
  RETURN me;
END $$;

-- The user and key a device is registered with (NULL when it is not): what a coordinator's client
-- checks a bundle's signature against.
CREATE OR REPLACE FUNCTION tutor.bundle_device(p_protocol integer, p_device text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  PERFORM tutor._require_coordinator();
  RETURN (SELECT jsonb_build_object('role_name', d.role_name, 'public_key', d.public_key)
            FROM tutor.devices d WHERE d.device = p_device);
END $$;

-- The tutor each of some devices belongs to, for the devices the server knows (any user may ask):
-- how a client names who deleted a record (its recycle bin). The device is in the stamp of the
-- tombstone, and the server never lets a device stamp another user's change (tutor.push), so the
-- name is the server's word; tutors' names are the whole region's already (tutor.tutors).
CREATE OR REPLACE FUNCTION tutor.device_owners(p_protocol integer, p_devices text[]) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  PERFORM tutor._me();
  IF cardinality(p_devices) > 1000 THEN
    RAISE EXCEPTION 'at most 1000 devices at once' USING ERRCODE = '54000';
  END IF;
  RETURN coalesce((SELECT jsonb_object_agg(d.device, u.tutor_id)
                     FROM tutor.devices d JOIN tutor.users u USING (role_name)
                    WHERE d.device = ANY(p_devices) AND u.tutor_id IS NOT NULL), '{}');
END $$;

-- A bundle as people name it: author, when it was made, how many changes, who imported it and
-- on whose word its signature stands. ``p_rev`` picks the import (NULL: the first one).
CREATE OR REPLACE FUNCTION tutor._bundle_label(p_bundle uuid, p_rev bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT jsonb_build_object('bundle_id', b.bundle_id, 'author', b.author,
                            'author_name', (SELECT left(t.name, 80) FROM tutor.users u JOIN tutor.tutors t ON t.id = u.tutor_id
                                             WHERE u.role_name = b.author),
                            'imported_by_name', (SELECT left(t.name, 80) FROM tutor.users u
                                                   JOIN tutor.tutors t ON t.id = u.tutor_id
                                                  WHERE u.role_name = b.imported_by),
                            'created_at', b.created_at,
                            'changes', b.changes, 'imported_by', b.imported_by,
                            'imported_at', to_char(b.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                            'verification', b.verification, 'vouched_by', b.vouched_by, 'rev', b.rev,
                            'reverted_by', b.reverted_by)
    FROM tutor.bundles b
   WHERE b.bundle_id = p_bundle AND (p_rev IS NULL OR b.rev = p_rev)
   ORDER BY b.rev LIMIT 1
$$;

-- Import a bundle (its signed body, as text): one server transaction, one result per change.
-- The server checks the signature itself against the device's registered key ('server' in the
-- register); ``p_verified`` is the coordinator's client's verdict, refused when the server's
-- check says otherwise. An unverified bundle is the importing coordinator's decision.
CREATE OR REPLACE FUNCTION tutor.import_bundle(p_protocol integer, p_body text, p_signature text,
                                               p_verified boolean) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  author tutor.users;
  b jsonb;
  v_bundle uuid;
  v_device text;
  d tutor.devices;
  v_rev bigint;
  results jsonb[];
  now_text text := tutor._now_text();
  uuid_re text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  v_verification text;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._require_coordinator();
  BEGIN
    b := p_body::jsonb;
  EXCEPTION WHEN invalid_text_representation THEN
    RAISE EXCEPTION 'the bundle is not JSON' USING ERRCODE = '22023';
  END;
  IF jsonb_typeof(b) IS DISTINCT FROM 'object' OR b->>'format' IS DISTINCT FROM 'tutor-bundle'
     OR coalesce(b->>'bundle_id', '') !~ uuid_re OR coalesce(b->>'device', '') !~ '^[0-9a-f]{16,32}$'
     OR jsonb_typeof(b->'changes') IS DISTINCT FROM 'array' OR jsonb_typeof(b->'author') IS DISTINCT FROM 'string'
     OR jsonb_typeof(b->'created_at') IS DISTINCT FROM 'string' THEN
    RAISE EXCEPTION 'not a Tutor bundle' USING ERRCODE = '22023';
  END IF;
  IF jsonb_array_length(b->'changes') > 100000 THEN
    RAISE EXCEPTION 'a bundle holds at most 100000 changes' USING ERRCODE = '22023';
  END IF;
  IF b->>'server_id' IS DISTINCT FROM (SELECT value FROM tutor.meta WHERE key = 'server_id') THEN
    RAISE EXCEPTION 'this bundle was made for another server' USING ERRCODE = '22023';
  END IF;
  v_bundle := (b->>'bundle_id')::uuid;
  v_device := b->>'device';
  SELECT * INTO author FROM tutor.users WHERE role_name = b->>'author';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the author % of this bundle is not a user of this server', b->>'author' USING ERRCODE = 'P0002';
  END IF;
  IF author.tutor_id IS NULL THEN
    -- The push rules need the author's tutor record (their assignments hang on it).
    RAISE EXCEPTION 'the author % has never synced: their bundles can be imported after their first sync',
      author.role_name USING ERRCODE = '55000';
  END IF;
  -- The commit-order counter first, as a push does: this transaction's revision.
  UPDATE tutor.counter SET rev = rev + 1 RETURNING rev INTO v_rev;
  INSERT INTO tutor.devices (device, role_name) VALUES (v_device, author.role_name) ON CONFLICT (device) DO NOTHING;
  SELECT * INTO d FROM tutor.devices WHERE device = v_device;
  IF d.role_name <> author.role_name THEN
    RAISE EXCEPTION 'the device of this bundle is registered to another user' USING ERRCODE = '42501';
  END IF;
  IF p_verified AND (d.public_key IS NULL OR p_signature IS NULL) THEN
    RAISE EXCEPTION 'a bundle from a device with no registered key cannot be verified' USING ERRCODE = '22023';
  END IF;
  -- The server's own check, over the very bytes it applies.
  v_verification := CASE WHEN d.public_key IS NOT NULL AND coalesce(p_signature, '') ~ '^[0-9a-f]{128}$'
                              AND tutor._ed25519_verify(decode(d.public_key, 'hex'), convert_to(p_body, 'UTF8'),
                                                        decode(p_signature, 'hex'))
                         THEN 'server' ELSE 'unverified' END;
  IF p_verified AND v_verification <> 'server' THEN
    RAISE EXCEPTION 'the signature of this bundle does not match its content: refused, nothing was imported'
      USING ERRCODE = '22023';
  END IF;
  -- The very same rules as a push, judged as the author. The fast path first; a change that
  -- breaks a constraint sends the bundle again with one subtransaction per change.
  BEGIN
    results := tutor._push_batch(author, v_device, v_rev, b->'changes', v_bundle, now_text, false);
  EXCEPTION WHEN integrity_constraint_violation OR data_exception OR datatype_mismatch THEN
    SELECT * INTO author FROM tutor.users WHERE role_name = author.role_name;
    results := tutor._push_batch(author, v_device, v_rev, b->'changes', v_bundle, now_text, true);
  END;
  INSERT INTO tutor.bundles (bundle_id, author, device, created_at, imported_by, verification, vouched_by,
                             signature, body, rev, changes, summary)
  VALUES (v_bundle, author.role_name, v_device, b->>'created_at', session_user, v_verification,
          NULL, p_signature, p_body, v_rev, jsonb_array_length(b->'changes'),
          (SELECT coalesce(jsonb_object_agg(s, n), '{}') FROM (
             SELECT r->>'status' AS s, count(*) AS n FROM unnest(results) r GROUP BY 1) x))
  ON CONFLICT (bundle_id, md5(body)) DO NOTHING;  -- the same file again: every change answers "duplicate"
  RETURN jsonb_build_object('bundle_id', v_bundle, 'rev', v_rev, 'author', author.role_name,
                            'verified', v_verification = 'server', 'verification', v_verification,
                            'vouched_by', NULL,
                            'results', to_jsonb(results));
END $$;

-- A change whose id an import of a bundle already used with another payload (``taken``: that
-- row of applied_changes): judged as a push would judge it, then one conflict record per field
-- whose value differs from the server's, made once however often the change is sent again.
CREATE OR REPLACE FUNCTION tutor._taken_by_bundle(me tutor.users, p_device text, p_rev bigint, ch jsonb,
                                                  vis uuid[], v_id uuid, taken tutor.applied_changes) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  res jsonb;
  ent tutor.entities;
  tbl text := ch->>'table';
  rid uuid;
  f jsonb := ch->'fields';
  s jsonb := ch->'stamps';
  cur jsonb;
  pid uuid;
  reason text;
  k text;
  label jsonb := tutor._bundle_label(taken.bundle_id, taken.rev);
  why text;
  made integer := 0;
BEGIN
  res := tutor._check_change(ch, p_device, p_rev);
  IF res IS NOT NULL THEN
    RETURN res || jsonb_build_object('taken_by', label);
  END IF;
  rid := (ch->>'row')::uuid;
  SELECT * INTO ent FROM tutor.entities WHERE name = tbl;
  cur := tutor._row(tbl, rid);
  pid := tutor._project_of(ent, rid, cur, f);
  reason := tutor._refusal(me, ent, rid, pid, cur, f, vis);
  IF reason IS NOT NULL THEN
    RETURN jsonb_build_object('status', 'rejected', 'reason', reason, 'taken_by', label);
  END IF;
  -- The record's reason names the bundle (the client shows author, date and number of changes).
  why := 'reused_id ' || (label - '{author,imported_by,imported_at,imported_by_name,vouched_by,rev,reverted_by}'::text[])::text;
  PERFORM set_config('tutor.change_id', v_id::text, true);
  IF cur IS NULL THEN
    -- The bundle used the id for another row: this change's values are kept on the server as a
    -- record for the coordinator (nothing is lost), the row is not made under a taken id.
    IF NOT EXISTS (SELECT 1 FROM tutor.conflicts c WHERE c.change_id = v_id AND c.row_id = rid AND c.kind = 'rejected'
                                                     AND c.lost_value = f::text) THEN
      PERFORM tutor._record_conflict('rejected', tbl, rid, pid, NULL, NULL, f, NULL,
                                     (SELECT max(value COLLATE "C") FROM jsonb_each_text(s)), v_id, why, p_rev);
    END IF;
    RETURN jsonb_build_object('status', 'rejected', 'reason', 'reused_id', 'taken_by', label, 'conflicts', 1);
  END IF;
  FOR k IN SELECT jsonb_object_keys(f) LOOP
    CONTINUE WHEN f->k IS NOT DISTINCT FROM cur->k;
    made := made + 1;
    IF NOT EXISTS (SELECT 1 FROM tutor.conflicts c WHERE c.change_id = v_id AND c.row_id = rid AND c.field = k
                                                     AND c.lost_value IS NOT DISTINCT FROM (f->k)::text) THEN
      PERFORM tutor._record_conflict('field', tbl, rid, pid, k, cur->k, f->k, cur->'stamps'->>k, s->>k, v_id, why,
                                     p_rev);
    END IF;
  END LOOP;
  RETURN jsonb_build_object('status', 'rejected', 'reason', 'reused_id', 'taken_by', label, 'conflicts', made);
END $$;

-- Take a bundle back (coordinators): see "Revert" above. One server transaction; the
-- revert's changes are the coordinator's, made on a device of their own for this revert (its
-- stamps say so in every row and record), and the register says who reverted it and when.
CREATE OR REPLACE FUNCTION tutor.revert_bundle(p_protocol integer, p_bundle uuid) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
DECLARE
  me tutor.users;
  first_rev bigint;
  done tutor.bundles;
  v_rev bigint;
  v_device text;
  v_stamp text;
  changes jsonb;
  results jsonb[];
  now_text text := tutor._now_text();
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  IF me.role <> 'coordinator' THEN
    RAISE EXCEPTION 'only a coordinator reverts bundles' USING ERRCODE = '42501';
  END IF;
  IF me.tutor_id IS NULL THEN
    RAISE EXCEPTION 'the coordinator % has never synced: sync once, then revert', me.role_name USING ERRCODE = '55000';
  END IF;
  -- The commit-order counter first: this transaction's revision (and no other revert meanwhile).
  UPDATE tutor.counter SET rev = rev + 1 RETURNING rev INTO v_rev;
  SELECT min(rev) INTO first_rev FROM tutor.bundles WHERE bundle_id = p_bundle;
  IF first_rev IS NULL THEN
    RAISE EXCEPTION 'no bundle % was imported on this server', p_bundle USING ERRCODE = 'P0002';
  END IF;
  SELECT * INTO done FROM tutor.bundles WHERE bundle_id = p_bundle AND reverted_by IS NOT NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'this bundle was already reverted by % on %', done.reverted_by,
      to_char(done.reverted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') USING ERRCODE = '55000';
  END IF;
  v_device := substr(md5('revert:' || p_bundle::text || ':' || me.role_name), 1, 32);
  INSERT INTO tutor.devices (device, role_name) VALUES (v_device, me.role_name) ON CONFLICT (device) DO NOTHING;
  v_stamp := lpad(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 13, '0') || '-'
             || lpad((v_rev % 1000000)::text, 6, '0') || '-' || v_device;
  -- What the bundle wrote (its authors' changes, not the server's own writes on the way nor the
  -- conflict records), field by field: the value before its first write; a row it created goes
  -- back to a tombstone. Rows first written last come first (a dossier's records before it).
  WITH w AS (
    SELECT h.id, h.table_name, h.row_id, h.old_values, h.new_values FROM tutor.history h
     WHERE h.bundle_id = p_bundle AND h.table_name NOT IN ('conflicts', 'assignments')
       AND h.device IS DISTINCT FROM 'server'
  ), made AS (
    SELECT DISTINCT w.table_name, w.row_id FROM w WHERE w.old_values IS NULL
  ), first_write AS (
    SELECT DISTINCT ON (w.table_name, w.row_id, k) w.table_name, w.row_id, k, w.old_values->k AS old
      FROM w CROSS JOIN LATERAL jsonb_object_keys(w.new_values) k
     WHERE k <> 'id' AND w.old_values IS NOT NULL
     ORDER BY w.table_name, w.row_id, k, w.id
  ), per_row AS (
    SELECT r.table_name, r.row_id, min(w.id) AS first_id,
           CASE WHEN EXISTS (SELECT 1 FROM made m WHERE m.table_name = r.table_name AND m.row_id = r.row_id)
                THEN '{"deleted": true}'::jsonb
                ELSE (SELECT jsonb_object_agg(fw.k, fw.old) FROM first_write fw
                       WHERE fw.table_name = r.table_name AND fw.row_id = r.row_id) END AS fields
      FROM (SELECT DISTINCT table_name, row_id FROM w) r JOIN w USING (table_name, row_id)
     GROUP BY r.table_name, r.row_id
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'id', gen_random_uuid(), 'table', p.table_name, 'row', p.row_id, 'fields', p.fields,
           'stamps', (SELECT jsonb_object_agg(k, v_stamp) FROM jsonb_object_keys(p.fields) k),
           'base', first_rev) ORDER BY p.first_id DESC), '[]')
    INTO changes FROM per_row p WHERE p.fields IS NOT NULL;
  -- The push rules, as the coordinator: base is the bundle's revision, so a later edit is a conflict.
  BEGIN
    results := tutor._push_batch(me, v_device, v_rev, changes, NULL, now_text, false);
  EXCEPTION WHEN integrity_constraint_violation OR data_exception OR datatype_mismatch THEN
    results := tutor._push_batch(tutor._me(), v_device, v_rev, changes, NULL, now_text, true);
  END;
  UPDATE tutor.bundles SET reverted_by = session_user, reverted_at = now(), revert_rev = v_rev,
         revert_summary = (SELECT coalesce(jsonb_object_agg(s, n), '{}') FROM (
                             SELECT r->>'status' AS s, count(*) AS n FROM unnest(results) r GROUP BY 1) x)
   WHERE bundle_id = p_bundle;
  RETURN jsonb_build_object('bundle', tutor._bundle_label(p_bundle, first_rev), 'rev', v_rev,
                            'changes', changes, 'results', to_jsonb(results));
END $$;

-- The history with the provenance of each bundle's rows: which import, whose word the
-- signature stands on. Read with the reader's own rights (the policies of both tables apply).
CREATE OR REPLACE VIEW tutor.history_provenance WITH (security_invoker = true) AS
  SELECT h.*, b.author AS bundle_author, b.created_at AS bundle_created_at, b.changes AS bundle_changes,
         b.imported_by AS bundle_imported_by, b.verification AS bundle_verification,
         b.vouched_by AS bundle_vouched_by
    FROM tutor.history h LEFT JOIN tutor.bundles b ON b.bundle_id = h.bundle_id AND b.rev = h.rev;
