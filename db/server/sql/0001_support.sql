-- Bookkeeping of the shared database: facts, the commit-order counter, users and their devices,
-- the ids of applied changes, the audit trail, and the per-dossier sanity hashes.

CREATE TABLE tutor.meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- The change feed's clock. Every write transaction takes this single row first and keeps it
-- locked until it commits, so revisions become visible in the order they were handed out: a
-- reader that sees revision N has seen every revision below it (DESIGN §5.4, the commit-order
-- counter). A cursor made of these revisions never skips a committed change.
CREATE TABLE tutor.counter (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  rev bigint NOT NULL
);
INSERT INTO tutor.counter (rev) VALUES (0);

-- The synced tables, for the functions that treat them alike (dynamic SQL is checked against it).
CREATE TABLE tutor.entities (
  name text PRIMARY KEY,
  ord integer NOT NULL UNIQUE,       -- parents first: the order rows are applied in
  project_key text,                  -- 'id' for projects, 'project_id' for a dossier's rows
  fields text[] NOT NULL,
  immutable text[] NOT NULL
);

-- A Tutor user is a PostgreSQL login role (named with the per-database prefix) plus this row.
-- The role comes from here, never from what a client says.
CREATE TABLE tutor.users (
  role_name text PRIMARY KEY,
  tutor_id uuid UNIQUE,              -- linked at the first sync (the tutor record the client made)
  role text NOT NULL CHECK (role IN ('project_tutor', 'regional_tutor', 'coordinator')),
  provinces text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Devices are registered to one user at their first push: a stamp names its device, and a device
-- id cannot be borrowed to pass for somebody else's edit.
CREATE TABLE tutor.devices (
  device text PRIMARY KEY,
  role_name text NOT NULL REFERENCES tutor.users(role_name),
  first_seen timestamptz NOT NULL DEFAULT now()
);

-- Every change id ever applied, with its author and payload hash: a replay answers the first
-- result and writes nothing; the same id with another payload is refused.
CREATE TABLE tutor.applied_changes (
  change_id uuid PRIMARY KEY,
  role_name text NOT NULL,
  device text NOT NULL,
  payload_hash text NOT NULL,
  rev bigint NOT NULL,
  result jsonb NOT NULL,
  bundle_id uuid,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- The audit trail (DESIGN §5.6), written only by the trigger below.
CREATE TABLE tutor.history (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  project_id uuid,
  rev bigint NOT NULL,
  change_id uuid,
  author text NOT NULL,              -- whose change it is
  applied_by text NOT NULL,          -- who made the server apply it (a coordinator for a bundle)
  device text,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  old_values jsonb,
  new_values jsonb NOT NULL,
  bundle_id uuid
);
CREATE INDEX history_row ON tutor.history (table_name, row_id);
CREATE INDEX history_project ON tutor.history (project_id);
CREATE INDEX history_change ON tutor.history (change_id);

-- XOR of the hashes of every row of a dossier, kept current by the trigger: the sanity check
-- (DESIGN §5.9) compares these without reading rows.
CREATE TABLE tutor.project_hashes (
  project_id uuid PRIMARY KEY,
  hash bigint NOT NULL
);

CREATE FUNCTION tutor._me() RETURNS tutor.users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
DECLARE
  me tutor.users;
BEGIN
  SELECT * INTO me FROM tutor.users WHERE role_name = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the login % is not a Tutor user', session_user USING ERRCODE = '42501';
  END IF;
  RETURN me;
END $$;

CREATE FUNCTION tutor._check_protocol(p_protocol integer) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
BEGIN
  IF p_protocol IS NULL OR p_protocol < (SELECT value::integer FROM tutor.meta WHERE key = 'min_client_protocol')
     OR p_protocol > (SELECT value::integer FROM tutor.meta WHERE key = 'protocol') THEN
    RAISE EXCEPTION 'sync protocol % is not spoken by this server', p_protocol USING ERRCODE = 'TU001';
  END IF;
END $$;

-- The stamp of a write the server makes itself (assignments, roles): device "server".
CREATE FUNCTION tutor._server_stamp(p_rev bigint) RETURNS text
LANGUAGE sql VOLATILE SET search_path = pg_catalog, tutor AS $$
  SELECT lpad(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 13, '0')
         || '-' || lpad((p_rev % 1000000)::text, 6, '0') || '-server'
$$;

CREATE FUNCTION tutor._now_text() RETURNS text
LANGUAGE sql VOLATILE SET search_path = pg_catalog, tutor AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- The hash of a row's synced content: id, fields and tombstone, as jsonb text (the client
-- computes the very same text, see tutor_app.sync.hashing).
CREATE FUNCTION tutor._row_hash(p_row jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, tutor AS $$
  SELECT ('x' || substr(md5((p_row - '{created_at,updated_at,rev,stamps,revs}'::text[])::text), 1, 16))::bit(64)::bigint
$$;

-- The tutor id of the user a device belongs to (for "whose version" in conflict records).
CREATE FUNCTION tutor._tutor_of_device(p_device text) RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor AS $$
  SELECT u.tutor_id FROM tutor.devices d JOIN tutor.users u USING (role_name) WHERE d.device = p_device
$$;
