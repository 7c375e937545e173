-- Unique initials, so project codes (year-INITIALS-counter) made offline do not collide.
--
-- The server gives every user initials no other user has, when the user is added; the handshake
-- returns them and the client takes them for its tutor record and its code counter before it
-- pushes anything. A code that collides all the same (a dossier made before the client learnt
-- its initials, a second profile of the same person) never loses the dossier: the server keeps
-- it under a fresh code, which its tutor's client fetches right after the push.

ALTER TABLE tutor.users ADD COLUMN initials text CHECK (initials IS NULL OR initials ~ '^[A-Z]{2,4}$');
CREATE UNIQUE INDEX users_initials ON tutor.users (initials);

-- Initials like ``p_wanted`` that no other user (and no tutor record of another user) has:
-- the wanted ones, else the first two letters and another third (MRO, MRA, MRB...), else a
-- fourth letter (MROA...).
CREATE FUNCTION tutor._unique_initials(p_wanted text, p_self text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor AS $$
DECLARE
  wanted text := left(upper(regexp_replace(coalesce(p_wanted, ''), '[^A-Za-z]', '', 'g')), 4);
  base text;
  self_tutor uuid := (SELECT tutor_id FROM tutor.users WHERE role_name = p_self);
  candidate text;
BEGIN
  IF length(wanted) < 2 THEN
    wanted := rpad(wanted, 3, 'X');
  END IF;
  base := left(rpad(wanted, 3, 'X'), 3);
  FOR candidate IN
    SELECT wanted
    UNION ALL SELECT * FROM (SELECT left(base, 2) || chr(c) FROM generate_series(65, 90) c) a
    UNION ALL SELECT * FROM (SELECT base || chr(c) FROM generate_series(65, 90) c) b
    UNION ALL SELECT * FROM (SELECT left(base, 2) || chr(c1) || chr(c2)
                               FROM generate_series(65, 90) c1, generate_series(65, 90) c2) c
  LOOP
    IF NOT EXISTS (SELECT 1 FROM tutor.users u WHERE u.initials = candidate AND u.role_name <> p_self)
       AND NOT EXISTS (SELECT 1 FROM tutor.tutors t WHERE t.initials = candidate
                        AND t.id IS DISTINCT FROM self_tutor) THEN
      RETURN candidate;
    END IF;
  END LOOP;
  RAISE EXCEPTION 'no free initials like %', wanted USING ERRCODE = '23505';
END $$;

-- Initials from a login role's name when nothing better is known: "region_mario.rossi" -> MRO.
CREATE FUNCTION tutor._initials_of_login(p_role_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor AS $$
  SELECT CASE WHEN array_length(w, 1) >= 2 THEN left(w[1], 1) || left(w[array_length(w, 1)], 2)
              ELSE left(coalesce(w[1], '') || 'XXX', 3) END
    FROM (SELECT array_remove(regexp_split_to_array(upper(substr(p_role_name, length(
            (SELECT value FROM tutor.meta WHERE key = 'role_prefix')) + 1)), '[^A-Z]+'), '') AS w) x
$$;

-- Every user who has none gets initials: those of their tutor record when free, else derived.
CREATE FUNCTION tutor._give_initials(p_role_name text, p_wanted text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  u tutor.users;
  chosen text;
BEGIN
  LOCK TABLE tutor.users IN SHARE ROW EXCLUSIVE MODE;  -- two admins at once: one after the other
  SELECT * INTO u FROM tutor.users WHERE role_name = p_role_name FOR UPDATE;
  IF p_wanted IS NULL AND u.initials IS NOT NULL THEN
    RETURN u.initials;  -- a new password or role keeps the initials
  END IF;
  chosen := tutor._unique_initials(coalesce(p_wanted,
              (SELECT t.initials FROM tutor.tutors t WHERE t.id = u.tutor_id),
              tutor._initials_of_login(p_role_name)), p_role_name);
  IF chosen IS DISTINCT FROM u.initials THEN
    UPDATE tutor.users SET initials = chosen WHERE role_name = p_role_name;
    IF u.tutor_id IS NOT NULL THEN
      PERFORM tutor._server_write('tutors', u.tutor_id, jsonb_build_object('initials', chosen),
                                  tutor._admin_write_context());
    END IF;
  END IF;
  RETURN chosen;
END $$;

-- add-user: the user as before, plus initials (``p_initials`` is the wish: derived from the
-- person's name, or given by the administrator; NULL keeps those the user has).
CREATE FUNCTION tutor.admin_register_user(p_role_name text, p_role text, p_provinces text[], p_initials text)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
DECLARE
  u tutor.users;
BEGIN
  PERFORM tutor.admin_register_user(p_role_name, p_role, p_provinces);
  PERFORM tutor._give_initials(p_role_name, p_initials);
  SELECT * INTO u FROM tutor.users WHERE role_name = p_role_name;
  RETURN to_jsonb(u);
END $$;

-- A user's tutor record carries the user's initials, whatever a client sends.
CREATE FUNCTION tutor._tutor_initials() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  mine text := (SELECT initials FROM tutor.users WHERE tutor_id = NEW.id);
BEGIN
  IF mine IS NOT NULL THEN
    NEW.initials := mine;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tutors_initials BEFORE INSERT OR UPDATE ON tutor.tutors
  FOR EACH ROW EXECUTE FUNCTION tutor._tutor_initials();

-- A new project whose code is taken keeps its row under a fresh code: the same year, the
-- author's initials, and a number from 9001 up (a device's own counter starts at 1, so the codes
-- the server hands out this way do not meet the ones the author's device goes on minting).
-- Nothing is refused, nothing is lost; the author's client fetches the new code after its push.
CREATE FUNCTION tutor._fresh_project_code() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor AS $$
DECLARE
  yr text;
  ini text;
  n integer := 9001;
  candidate text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.code = NEW.code AND p.id <> NEW.id) THEN
    RETURN NEW;
  END IF;
  yr := coalesce(substring(NEW.code FROM '^(\d{4})-'), to_char(now(), 'YYYY'));
  ini := coalesce((SELECT u.initials FROM tutor.users u WHERE u.role_name = current_setting('tutor.author', true)),
                  substring(NEW.code FROM '^\d{4}-([A-Z]{2,4})-'), 'XXX');
  LOOP
    candidate := yr || '-' || ini || '-' || n::text;
    EXIT WHEN NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.code = candidate);
    n := n + 1;
  END LOOP;
  RAISE LOG 'project % arrived with the code % already taken: kept as %', NEW.id, NEW.code, candidate;
  NEW.code := candidate;
  RETURN NEW;
END $$;
CREATE TRIGGER projects_fresh_code BEFORE INSERT ON tutor.projects
  FOR EACH ROW EXECUTE FUNCTION tutor._fresh_project_code();

-- Users who are there already get their initials (those of their tutor record when free).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT role_name FROM tutor.users ORDER BY created_at, role_name LOOP
    PERFORM tutor._give_initials(r.role_name, NULL);
  END LOOP;
END $$;

-- The handshake, as in 0001, with the user's initials.
CREATE OR REPLACE FUNCTION tutor.hello(p_protocol integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor SET jit = off AS $$
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
      'hash', (CASE WHEN v.vis IS NULL THEN (SELECT coalesce(bit_xor(h.hash), 0) FROM tutor.project_hashes h)
                    ELSE (SELECT coalesce(bit_xor(h.hash), 0) FROM tutor.project_hashes h
                          JOIN unnest(v.vis) AS p(id) ON p.id = h.project_id) END)::text)  -- a join, not ANY()
    INTO result
    FROM tutor.users u
    CROSS JOIN tutor.counter c
    CROSS JOIN LATERAL (SELECT tutor._visible_projects(u) AS vis OFFSET 0) v  -- once, not per row
   WHERE u.role_name = session_user;
  IF result IS NULL THEN
    RAISE EXCEPTION 'the login % is not a Tutor user', session_user USING ERRCODE = '42501';
  END IF;
  RETURN result;
END $$;

-- Per-schema default privileges cannot take back PostgreSQL's global grant to PUBLIC: revoked here.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tutor.admin_register_user(text, text, text[], text) TO @ADMIN@;
