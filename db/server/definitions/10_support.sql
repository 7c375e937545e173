-- Small helpers every area uses: who is calling, the protocol check, the server's clock and
-- stamps, and the hashes of rows and of what a user sees (the sanity check, DESIGN §5.9).

-- The caller's Tutor account; a login that is not a Tutor user may call nothing.
CREATE OR REPLACE FUNCTION tutor._me() RETURNS tutor.users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  me tutor.users;
BEGIN
  SELECT * INTO me FROM tutor.users WHERE role_name = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the login % is not a Tutor user', session_user USING ERRCODE = '42501';
  END IF;
  RETURN me;
END $$;

-- Every call names the protocol its client speaks; one this server does not speak is refused
-- with the code the client turns into "update Tutor" (or "ask IT to upgrade the server").
CREATE OR REPLACE FUNCTION tutor._check_protocol(p_protocol integer) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  IF p_protocol IS NULL OR p_protocol < (SELECT value::integer FROM tutor.meta WHERE key = 'min_client_protocol')
     OR p_protocol > (SELECT value::integer FROM tutor.meta WHERE key = 'protocol') THEN
    RAISE EXCEPTION 'sync protocol % is not spoken by this server', p_protocol USING ERRCODE = 'TU001';
  END IF;
END $$;

-- Whether a text is a record id as the protocol spells it (lower case, four dashes): the very
-- test ``~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'``, three times cheaper
-- (PostgreSQL's regular expressions pay for counted repetitions on every match, and a batch asks
-- it of every change). A SQL function with its body bound when it is made: inlined where called.
CREATE OR REPLACE FUNCTION tutor._is_uuid(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN t ~ '^[0-9a-f-]+$' AND length(t) = 36 AND substr(t, 9, 1) = '-' AND substr(t, 14, 1) = '-'
       AND substr(t, 19, 1) = '-' AND substr(t, 24, 1) = '-' AND length(replace(t, '-', '')) = 32;

-- A device id as clients make them (hex, 64 to 128 bits): anything else is refused before a write.
CREATE OR REPLACE FUNCTION tutor._check_device_id(p_device text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  IF coalesce(p_device, '') !~ '^[0-9a-f]{16,32}$' THEN
    RAISE EXCEPTION 'not a device id: %', p_device USING ERRCODE = '22023';
  END IF;
END $$;

-- The stamp of a write the server makes itself (assignments, roles): device "server".
CREATE OR REPLACE FUNCTION tutor._server_stamp(p_rev bigint) RETURNS text
LANGUAGE sql VOLATILE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT lpad(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 13, '0')
         || '-' || lpad((p_rev % 1000000)::text, 6, '0') || '-server'
$$;

-- A row's ``stamps`` and ``revs`` give the stamp and the revision of each field's last write;
-- the key "*" stands for every field not listed, as in the local store (store.writer): a row
-- written at once keeps one stamp and one revision, not one per field (spelt out, they were two
-- thirds of a meeting's row). A field's own is _field_of; a new row's are _compact_stamps and
-- _revs_written. SQL functions with their body bound when they are made, and no subquery on
-- the common path: inlined where called (the set-based paths write a whole batch with them).
CREATE OR REPLACE FUNCTION tutor._field_of(p_map jsonb, p_field text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(p_map->>p_field, p_map->>'*');

-- {"*": s} for stamps that give each of ``p_fields`` (a table's fields and its tombstone), and
-- nothing else, the same stamp s; any other stamps as they are. Immutable functions only
-- (jsonb_object, not the stable jsonb_build_object): an immutable SQL function whose body calls a
-- stable one is not inlined, and was called once per row of every creation (a first upload's
-- 140,000 rows, twice: the INSERT and the answer's check).
CREATE OR REPLACE FUNCTION tutor._compact_stamps(p_stamps jsonb, p_fields text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN p_stamps = jsonb_object(p_fields, array_fill(p_stamps->>p_fields[1], ARRAY[cardinality(p_fields)]))
            THEN jsonb_object(ARRAY['*', p_stamps->>p_fields[1]]) ELSE p_stamps END;

-- One revision per field written (the uncommon case of _revs_written, a function of its own: a
-- sub-select would keep _revs_written from being inlined).
CREATE OR REPLACE FUNCTION tutor._revs_each(p_written jsonb, p_rev bigint) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT jsonb_object_agg(k, p_rev) FROM jsonb_object_keys(p_written) k);

-- The revisions of a new row whose ``p_written`` fields were written at ``p_rev``: {"*": p_rev}
-- when they are all of ``p_fields``, else one per field written. Inlined, as _compact_stamps (the
-- revision spelt as JSON text: to_jsonb and jsonb_build_object are stable, jsonb's input is not).
CREATE OR REPLACE FUNCTION tutor._revs_written(p_written jsonb, p_rev bigint, p_fields text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN p_written ?& p_fields THEN ('{"*": ' || p_rev::text || '}')::jsonb
            ELSE tutor._revs_each(p_written, p_rev) END;

-- The time written into rows (created_at, updated_at): UTC, to the microsecond, as text.
CREATE OR REPLACE FUNCTION tutor._now_text() RETURNS text
LANGUAGE sql VOLATILE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- The tutor id of the user a device belongs to (for "whose version" in conflict records).
CREATE OR REPLACE FUNCTION tutor._tutor_of_device(p_device text) RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT u.tutor_id FROM tutor.devices d JOIN tutor.users u USING (role_name) WHERE d.device = p_device
$$;

-- The hash of a row's synced content: the XOR of one hash per field and the tombstone, each the
-- first 64 bits of md5("<row id>/<field>=<value as jsonb text>"). A write moves its dossier's
-- hash by the fields it changed alone (tutor._audit), on the server and on every device, which
-- computes the very same numbers (the client's own hashes). A dossier's hash is the XOR of its
-- rows' (tutor.project_hashes), the hash of what a user sees the XOR of their dossiers'.
CREATE OR REPLACE FUNCTION tutor._row_hash(p_row jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT coalesce(bit_xor(('x' || substr(md5((p_row->>'id') || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint), 0)
    FROM jsonb_each(p_row - '{id,created_at,updated_at,rev,stamps,revs}'::text[]) f
$$;

-- The hash of everything a user sees: the XOR of their dossiers' hashes, read from the parts the
-- triggers keep (40_audit.sql) instead of from every dossier, so an idle sync costs the same in a
-- small region and a large one. The very rule of tutor._visible_projects: a coordinator sees every
-- dossier (every province's part); a project tutor the dossiers assigned to them (their parts, one
-- per province); a regional tutor those and every dossier of their provinces (their provinces'
-- parts, and their own parts of the other provinces, so that no dossier is counted twice).
-- The parts are read through their keys (the planner told so): a write updates them in place, so
-- a transaction that writes many dossiers leaves their tables larger than the rows they hold
-- (a bulk load: hundreds of pages for a dozen rows), which a scan of the table would read whole.
CREATE OR REPLACE FUNCTION tutor._scope_hash(me tutor.users) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp SET enable_seqscan = off SET enable_bitmapscan = off
AS $$
  SELECT CASE me.role
    WHEN 'coordinator' THEN (SELECT coalesce(bit_xor(p.hash), 0) FROM tutor.province_hashes p WHERE p.province IS NOT NULL)
    WHEN 'regional_tutor' THEN
      (SELECT coalesce(bit_xor(p.hash), 0) FROM tutor.province_hashes p
        WHERE p.province <> '' AND p.province = ANY(me.provinces))
      # (SELECT coalesce(bit_xor(t.hash), 0) FROM tutor.tutor_hashes t
          WHERE t.tutor_id = me.tutor_id AND NOT coalesce(t.province <> '' AND t.province = ANY(me.provinces), false))
    ELSE (SELECT coalesce(bit_xor(t.hash), 0) FROM tutor.tutor_hashes t WHERE t.tutor_id = me.tutor_id) END
$$;
