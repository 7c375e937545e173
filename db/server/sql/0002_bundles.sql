-- Offline bundles (DESIGN §5.7): device keys, and the import of a tutor's bundle by a coordinator.
--
-- A device's Ed25519 public key is registered by its own user at a sync (register_device). The
-- coordinator's client checks a bundle's signature against it (bundle_device) and then calls
-- import_bundle: every change goes through the very same push rules (tutor._push_batch), judged
-- as the bundle's author (the author's assignments, not the coordinator's), in one transaction.
-- The history rows carry the bundle id; "applied by" is the coordinator's login (session_user).

ALTER TABLE tutor.devices ADD COLUMN public_key text
  CHECK (public_key IS NULL OR public_key ~ '^[0-9a-f]{64}$');

-- Every bundle imported: who made it, who imported it, whether its signature was verified, and
-- the signed bytes themselves, so anyone can check the signature again later.
CREATE TABLE tutor.bundles (
  bundle_id uuid PRIMARY KEY,
  author text NOT NULL REFERENCES tutor.users(role_name),
  device text NOT NULL,
  created_at text NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  verified boolean NOT NULL,
  signature text,
  body text NOT NULL,
  rev bigint NOT NULL,
  summary jsonb NOT NULL
);
ALTER TABLE tutor.bundles ENABLE ROW LEVEL SECURITY;
ALTER TABLE tutor.bundles FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON tutor.bundles FOR ALL TO @OWNER@ USING (true) WITH CHECK (true);

-- A user registers the key of a device of theirs. A device already registered to another user
-- is refused, and so is a second, different key for the same device (the key is made once, with
-- the device id, and kept with it).
CREATE FUNCTION tutor.register_device(p_protocol integer, p_device text, p_public_key text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
DECLARE
  me tutor.users;
  d tutor.devices;
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  me := tutor._me();
  IF coalesce(p_device, '') !~ '^[0-9a-f]{16,32}$' THEN
    RAISE EXCEPTION 'not a device id: %', p_device USING ERRCODE = '22023';
  END IF;
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

CREATE FUNCTION tutor._require_coordinator() RETURNS tutor.users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
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
CREATE FUNCTION tutor.bundle_device(p_protocol integer, p_device text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
BEGIN
  PERFORM tutor._check_protocol(p_protocol);
  PERFORM tutor._require_coordinator();
  RETURN (SELECT jsonb_build_object('role_name', d.role_name, 'public_key', d.public_key)
            FROM tutor.devices d WHERE d.device = p_device);
END $$;

-- Import a bundle (its signed body, as text): one server transaction, one result per change.
-- ``p_verified`` is the coordinator's client's verdict on the signature; the server refuses it
-- for a device with no registered key, and records it with the signed bytes either way.
CREATE FUNCTION tutor.import_bundle(p_protocol integer, p_body text, p_signature text, p_verified boolean)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
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
  -- The very same rules as a push, judged as the author. The fast path first; a change that
  -- breaks a constraint sends the bundle again with one subtransaction per change.
  BEGIN
    results := tutor._push_batch(author, v_device, v_rev, b->'changes', v_bundle, now_text, false);
  EXCEPTION WHEN integrity_constraint_violation OR data_exception OR datatype_mismatch THEN
    SELECT * INTO author FROM tutor.users WHERE role_name = author.role_name;
    results := tutor._push_batch(author, v_device, v_rev, b->'changes', v_bundle, now_text, true);
  END;
  INSERT INTO tutor.bundles (bundle_id, author, device, created_at, imported_by, verified, signature, body, rev,
                             summary)
  VALUES (v_bundle, author.role_name, v_device, b->>'created_at', session_user, p_verified, p_signature, p_body,
          v_rev, (SELECT coalesce(jsonb_object_agg(s, n), '{}') FROM (
                    SELECT r->>'status' AS s, count(*) AS n FROM unnest(results) r GROUP BY 1) x))
  ON CONFLICT (bundle_id) DO NOTHING;  -- imported again: every change answers "duplicate"
  RETURN jsonb_build_object('bundle_id', v_bundle, 'rev', v_rev, 'author', author.role_name,
                            'verified', p_verified, 'results', to_jsonb(results));
END $$;

-- Per-schema default privileges cannot take back PostgreSQL's global grant to PUBLIC: revoked here.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tutor.register_device(integer, text, text), tutor.bundle_device(integer, text),
  tutor.import_bundle(integer, text, text, boolean) TO @USERS@;

-- Coordinators read the register of imported bundles.
GRANT SELECT ON tutor.bundles TO @USERS@;
CREATE POLICY coordinators_read ON tutor.bundles FOR SELECT TO @USERS@ USING (tutor.is_coordinator());
