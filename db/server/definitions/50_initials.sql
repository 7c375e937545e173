-- Unique initials, so project codes (year-INITIALS-counter) made offline do not collide.
--
-- The server gives every user initials no other user has, when the user is added (95_admin.sql);
-- the handshake returns them and the client takes them for its tutor record and its code counter
-- before it pushes anything. A code that collides all the same (a dossier made before the client
-- learnt its initials, a second profile of the same person) never loses the dossier: the server
-- keeps it under a fresh code, which its tutor's client fetches right after the push.

-- Initials like ``p_wanted`` that no other user (and no tutor record of another user) has:
-- the wanted ones, else the first two letters and another third (MRO, MRA, MRB...), else a
-- fourth letter (MROA...).
CREATE OR REPLACE FUNCTION tutor._unique_initials(p_wanted text, p_self text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
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
CREATE OR REPLACE FUNCTION tutor._initials_of_login(p_role_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT CASE WHEN array_length(w, 1) >= 2 THEN left(w[1], 1) || left(w[array_length(w, 1)], 2)
              ELSE left(coalesce(w[1], '') || 'XXX', 3) END
    FROM (SELECT array_remove(regexp_split_to_array(upper(substr(p_role_name, length(
            (SELECT value FROM tutor.meta WHERE key = 'role_prefix')) + 1)), '[^A-Z]+'), '') AS w) x
$$;

-- A user's initials: ``p_wanted`` when free; else (a user who has none) those of their tutor
-- record when free, else derived from the login; a user who has some keeps them.
CREATE OR REPLACE FUNCTION tutor._give_initials(p_role_name text, p_wanted text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
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

-- A user's tutor record carries the user's initials, whatever a client sends.
CREATE OR REPLACE FUNCTION tutor._tutor_initials() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  mine text := (SELECT initials FROM tutor.users WHERE tutor_id = NEW.id);
BEGIN
  IF mine IS NOT NULL THEN
    NEW.initials := mine;
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER tutors_initials BEFORE INSERT OR UPDATE ON tutor.tutors
  FOR EACH ROW EXECUTE FUNCTION tutor._tutor_initials();

-- A new project whose code is taken keeps its row under a fresh code: the same year, the
-- author's initials, and a number from 9001 up (a device's own counter starts at 1, so the codes
-- the server hands out this way do not meet the ones the author's device goes on minting).
-- Nothing is refused, nothing is lost; the author's client fetches the new code after its push.
CREATE OR REPLACE FUNCTION tutor._fresh_project_code() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
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
CREATE OR REPLACE TRIGGER projects_fresh_code BEFORE INSERT ON tutor.projects
  FOR EACH ROW EXECUTE FUNCTION tutor._fresh_project_code();
