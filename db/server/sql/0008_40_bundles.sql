-- Bundles under attack (issue 10): the server checks a bundle's signature itself, an honest
-- register, a change id taken by a tampered bundle, and the revert of a bundle.
--
-- Who vouched. The server took the importing client's word that a signature was verified, and
-- registered it as "verified": a body edited after signing, sent with the original signature and
-- "verified", went in as verified. Stock PostgreSQL has no Ed25519, so the check is written here
-- in PL/pgSQL (numeric arithmetic and the built-in sha512; about 0.1 s a bundle): the server now
-- verifies the signature of every signed bundle from a device with a registered key against the
-- very bytes it applies. The register's ``verification`` says what stands behind a bundle:
-- 'server' (checked here), 'unverified' (no valid signature: accepted by the coordinator who
-- imported it, on their decision), or 'client' (the importing client's word, ``vouched_by``: only
-- bundles registered before this revision, when the server could not check). A client that calls
-- a bundle verified when its signature does not match is refused, and nothing is written. The same
-- bundle id imported twice with another body (a tampered copy, then the genuine file) is two
-- imports in the register, each with its own revision (the one its changes carry in
-- applied_changes and the history).
--
-- A change id taken by a bundle. Change ids are global: a tampered copy of a bundle imported
-- (unverified) first takes the ids of the genuine changes, and the genuine bundle or the tutor's
-- own sync then sent the same ids with the real values and met a bare "reused_id" refusal. When
-- the earlier use of an id came from a bundle, the change is judged as a push would (shape,
-- stamps, who may write what) and each field whose value differs from the server's becomes a
-- conflict record (the bundle's value kept, this change's value as the alternative) that the
-- coordinator resolves with the usual resolution. The answer names the bundle that took the id.
-- The id stays the bundle's: it cannot be applied twice, and a replay makes no second record.
--
-- Revert. A coordinator takes a bundle back: for each field the bundle wrote, the value the
-- history shows before it (a row the bundle created gets a tombstone) is pushed as a new change
-- set of the coordinator's, through the very same push rules with the bundle's revision as base:
-- a field a later edit touched is a conflict (a record keeps the losing value), never a silent
-- overwrite.

-- Ed25519 signature verification (RFC 8032 §5.1.7) in plain PL/pgSQL: numeric arithmetic modulo
-- p = 2^255 - 19 and the built-in sha512(). No extension is needed. Points are in extended
-- coordinates (X, Y, Z, T) as numeric[]; the check is OpenSSL's: S < L and the encoding of
-- [S]B - [k]A equals R, with k = SHA-512(R || A || M) mod L.
CREATE OR REPLACE FUNCTION tutor._ed_p() RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS
$$ SELECT 57896044618658097711785492504343953926634992332820282019728792003956564819949::numeric $$;

CREATE OR REPLACE FUNCTION tutor._ed_pow(b numeric, e numeric, m numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  r numeric := 1;
BEGIN
  b := mod(b, m);
  WHILE e > 0 LOOP
    IF mod(e, 2) = 1 THEN
      r := mod(r * b, m);
    END IF;
    b := mod(b * b, m);
    e := div(e, 2);
  END LOOP;
  RETURN r;
END $$;

-- The little-endian integer of some bytes (keys, signatures, hashes are little-endian).
CREATE OR REPLACE FUNCTION tutor._ed_int(b bytea) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  v numeric := 0;
BEGIN
  FOR i IN REVERSE length(b) - 1 .. 0 LOOP
    v := v * 256 + get_byte(b, i);
  END LOOP;
  RETURN v;
END $$;

CREATE OR REPLACE FUNCTION tutor._ed_add(a numeric[], b numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
  d2 constant numeric := 16295367250680780974490674513165176452449235426866156013048779062215315747161;  -- 2d
  aa numeric := mod((a[2] - a[1]) * (b[2] - b[1]), p);
  bb numeric := mod((a[2] + a[1]) * (b[2] + b[1]), p);
  cc numeric := mod(mod(a[4] * d2, p) * b[4], p);
  dd numeric := mod(2 * a[3] * b[3], p);
  e numeric := bb - aa;
  f numeric := dd - cc;
  g numeric := dd + cc;
  h numeric := bb + aa;
BEGIN
  RETURN ARRAY[mod(e * f, p), mod(g * h, p), mod(f * g, p), mod(e * h, p)];
END $$;

CREATE OR REPLACE FUNCTION tutor._ed_mul(s numeric, pt numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  q numeric[] := ARRAY[0, 1, 1, 0]::numeric[];
BEGIN
  WHILE s > 0 LOOP
    IF mod(s, 2) = 1 THEN
      q := tutor._ed_add(q, pt);
    END IF;
    pt := tutor._ed_add(pt, pt);
    s := div(s, 2);
  END LOOP;
  RETURN q;
END $$;

-- A point from its 32-byte encoding; NULL when it is not one.
CREATE OR REPLACE FUNCTION tutor._ed_decode(b bytea) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := tutor._ed_p();
  d constant numeric := 37095705934669439343138083508754565189542113879843219016388785533085940283555;
  i constant numeric := 19681161376707505956807079304988542015446066515923890162744021073123829784752;  -- sqrt(-1)
  y numeric;
  sign integer;
  x2 numeric;
  x numeric;
BEGIN
  IF length(b) <> 32 THEN
    RETURN NULL;
  END IF;
  sign := get_byte(b, 31) >> 7;
  y := tutor._ed_int(set_byte(b, 31, get_byte(b, 31) & 127));
  IF y >= p THEN
    RETURN NULL;
  END IF;
  x2 := mod((y * y - 1) * tutor._ed_pow(d * y * y + 1, p - 2, p), p);
  IF x2 < 0 THEN
    x2 := x2 + p;
  END IF;
  IF x2 = 0 THEN
    IF sign = 1 THEN
      RETURN NULL;
    END IF;
    RETURN ARRAY[0, y, 1, 0]::numeric[];
  END IF;
  x := tutor._ed_pow(x2, div(p + 3, 8), p);
  IF mod(x * x - x2, p) <> 0 THEN
    x := mod(x * i, p);
  END IF;
  IF mod(x * x - x2, p) <> 0 THEN
    RETURN NULL;
  END IF;
  IF mod(x, 2) <> sign THEN
    x := p - x;
  END IF;
  RETURN ARRAY[x, y, 1, mod(x * y, p)];
END $$;

CREATE OR REPLACE FUNCTION tutor._ed_encode(pt numeric[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := tutor._ed_p();
  zi numeric := tutor._ed_pow(pt[3], p - 2, p);
  x numeric := mod(mod(pt[1] * zi, p) + p, p);
  y numeric := mod(mod(pt[2] * zi, p) + p, p);
  out bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
BEGIN
  FOR k IN 0 .. 31 LOOP
    out := set_byte(out, k, mod(y, 256)::integer);
    y := div(y, 256);
  END LOOP;
  RETURN set_byte(out, 31, get_byte(out, 31) | (mod(x, 2)::integer << 7));
END $$;

-- Whether ``sig`` (64 bytes) is the signature of ``msg`` by the public key ``pub`` (32 bytes).
CREATE OR REPLACE FUNCTION tutor._ed25519_verify(pub bytea, msg bytea, sig bytea) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := tutor._ed_p();
  l constant numeric := 7237005577332262213973186563042994240857116359379907606001950938285454250989;
  base constant numeric[] := ARRAY[
    15112221349535400772501151409588531511454012693041857206046113283949847762202,
    46316835694926478169428394003475163141307993866256225615783033603165251855960, 1,
    46827403850823179245072216630277197565144205554125654976674165829533817101731]::numeric[];
  a numeric[];
  s numeric;
  k numeric;
  sb numeric[];
  ka numeric[];
BEGIN
  IF pub IS NULL OR msg IS NULL OR sig IS NULL OR length(pub) <> 32 OR length(sig) <> 64 THEN
    RETURN false;
  END IF;
  a := tutor._ed_decode(pub);
  IF a IS NULL THEN
    RETURN false;
  END IF;
  s := tutor._ed_int(substring(sig FROM 33 FOR 32));
  IF s >= l THEN
    RETURN false;
  END IF;
  k := mod(tutor._ed_int(sha512(substring(sig FROM 1 FOR 32) || pub || msg)), l);
  sb := tutor._ed_mul(s, base);
  ka := tutor._ed_mul(k, a);
  -- [S]B - [k]A: the negation of a point is (-X, Y, Z, -T).
  RETURN tutor._ed_encode(tutor._ed_add(sb, ARRAY[p - ka[1], ka[2], ka[3], p - ka[4]])) = substring(sig FROM 1 FOR 32);
END $$;

ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS verification text;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS vouched_by text;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS changes integer;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS reverted_by text;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS reverted_at timestamptz;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS revert_rev bigint;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS revert_summary jsonb;
-- "verified" meant the client's word (the server could not check): said as it is, then dropped.
UPDATE tutor.bundles SET verification = CASE WHEN verified THEN 'client' ELSE 'unverified' END,
                         vouched_by = CASE WHEN verified THEN imported_by END,
                         changes = jsonb_array_length(body::jsonb->'changes')
 WHERE verification IS NULL;
ALTER TABLE tutor.bundles DROP COLUMN IF EXISTS verified;
ALTER TABLE tutor.bundles ALTER COLUMN verification SET NOT NULL;
ALTER TABLE tutor.bundles ALTER COLUMN changes SET NOT NULL;
ALTER TABLE tutor.bundles DROP CONSTRAINT IF EXISTS bundles_verification;
ALTER TABLE tutor.bundles ADD CONSTRAINT bundles_verification CHECK (
  (verification = 'client' AND vouched_by IS NOT NULL)
  OR (verification IN ('server', 'unverified') AND vouched_by IS NULL));
-- One row per import: the same bundle id with another body is another import.
ALTER TABLE tutor.bundles DROP CONSTRAINT IF EXISTS bundles_pkey;
ALTER TABLE tutor.bundles ADD COLUMN IF NOT EXISTS import_id bigserial PRIMARY KEY;
CREATE UNIQUE INDEX IF NOT EXISTS bundles_body ON tutor.bundles (bundle_id, md5(body));
CREATE UNIQUE INDEX IF NOT EXISTS bundles_rev ON tutor.bundles (rev);

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
  IF ent.project_key = 'id' THEN
    pid := rid;
  ELSIF ent.project_key IS NOT NULL THEN
    pid := coalesce(cur->>'project_id', f->>'project_id')::uuid;
  END IF;
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

-- One change of a push or of a bundle (0001's, but for a change id an import of a bundle took
-- with another payload: _taken_by_bundle).
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

-- Take a bundle back (coordinators): see the head of this file. One server transaction; the
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

-- The register, for IT (``tutor-app server status``): the latest imports, with who vouched.
CREATE OR REPLACE FUNCTION tutor.admin_bundles(p_limit integer) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT coalesce(jsonb_agg(x.label ORDER BY x.rev DESC), '[]') FROM (
    SELECT b.rev, tutor._bundle_label(b.bundle_id, b.rev) || jsonb_build_object('summary', b.summary) AS label
      FROM tutor.bundles b ORDER BY b.rev DESC LIMIT least(greatest(coalesce(p_limit, 20), 1), 1000)) x
$$;

-- The history with the provenance of each bundle's rows: which import, whose word the
-- signature stands on. Read with the reader's own rights (the policies of both tables apply).
CREATE OR REPLACE VIEW tutor.history_provenance WITH (security_invoker = true) AS
  SELECT h.*, b.author AS bundle_author, b.created_at AS bundle_created_at, b.changes AS bundle_changes,
         b.imported_by AS bundle_imported_by, b.verification AS bundle_verification,
         b.vouched_by AS bundle_vouched_by
    FROM tutor.history h LEFT JOIN tutor.bundles b ON b.bundle_id = h.bundle_id AND b.rev = h.rev;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tutor.import_bundle(integer, text, text, boolean), tutor.revert_bundle(integer, uuid)
  TO @USERS@;
GRANT EXECUTE ON FUNCTION tutor.admin_bundles(integer) TO @ADMIN@;
GRANT SELECT ON tutor.history_provenance TO @USERS@;
