-- Fewer round trips and no scope hash nobody reads (the sync protocol moves to 4).
--
-- hello(protocol, cursor_rev): the hash of everything the user sees is computed only when the
-- client could be idle, that is when its cursor stands at the head it is told (a client with edits
-- waiting passes NULL). Otherwise the number is not needed: the pull that follows ends with it.
--
-- push(protocol, device, changes, cursor_rev): when the client saw every revision up to the one
-- before this push (cursor_rev = the push's revision - 1), the answer also carries the hash of
-- everything the user sees once the push is written, read in the push's own transaction. No one
-- else writes between those two revisions (every writer takes the counter's row lock first), so a
-- client that takes its changes as the server holds them (sync/push.py) is at the head with that
-- hash, and needs no pull. Otherwise no hash is computed (the counter's lock is held meanwhile).
--
-- A Tutor of protocol 3 knows schemas up to 0006 only: like at every revision, its hello tells it
-- to update (the one-argument hello stays for that), and nothing is written.

CREATE FUNCTION tutor._scope_hash(vis uuid[]) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT CASE WHEN vis IS NULL THEN (SELECT coalesce(bit_xor(h.hash), 0) FROM tutor.project_hashes h)
              ELSE (SELECT coalesce(bit_xor(h.hash), 0) FROM tutor.project_hashes h
                     JOIN unnest(vis) AS p(id) ON p.id = h.project_id) END  -- a join, not ANY()
$$;

CREATE FUNCTION tutor.hello(p_protocol integer, p_cursor_rev bigint) RETURNS jsonb
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
      'hash', CASE WHEN p_cursor_rev = c.rev THEN tutor._scope_hash(tutor._visible_projects(u))::text END)
    INTO result
    FROM tutor.users u
    CROSS JOIN tutor.counter c
   WHERE u.role_name = session_user;
  IF result IS NULL THEN
    RAISE EXCEPTION 'the login % is not a Tutor user', session_user USING ERRCODE = '42501';
  END IF;
  RETURN result;
END $$;

-- The one-argument hello (a Tutor of protocol 3 learns from it to update): always with the hash,
-- in the same snapshot (a STABLE function sees its caller's).
CREATE OR REPLACE FUNCTION tutor.hello(p_protocol integer) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT tutor.hello(p_protocol, (SELECT rev FROM tutor.counter))
$$;

CREATE FUNCTION tutor.push(p_protocol integer, p_device text, p_changes jsonb, p_cursor_rev bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
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
  answer := jsonb_build_object('rev', v_rev, 'at', now_text, 'results', to_jsonb(results));
  IF v_rev = p_cursor_rev + 1 THEN
    -- What the user sees after the push (a dossier created here is the user's now).
    answer := answer || jsonb_build_object('hash', tutor._scope_hash(tutor._visible_projects(tutor._me()))::text);
  END IF;
  RETURN answer;
END $$;

-- The three-argument push (protocols up to 3, which this server no longer speaks): the same body.
CREATE OR REPLACE FUNCTION tutor.push(p_protocol integer, p_device text, p_changes jsonb) RETURNS jsonb
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  SELECT tutor.push(p_protocol, p_device, p_changes, NULL)
$$;

UPDATE tutor.meta SET value = '4' WHERE key IN ('protocol', 'min_client_protocol');

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tutor.hello(integer, bigint), tutor.push(integer, text, jsonb, bigint) TO @USERS@;
