-- Duplicate investors merged by a coordinator (issue 14, DESIGN §6): the duplicate becomes a
-- tombstone naming the investor kept (``merged_into``, server 0012); its dossiers move to that one.
-- The client sends the whole merge as one change set in one push (store.outbox), so the server
-- holds all of it or none. Who may merge is _refusal's (60_checks.sql).
--
-- The server keeps it so whatever arrives later: a dossier that names a merged investor (made
-- offline on the duplicate, or moved to it) is stored with the investor kept, as a write of the
-- server's own (its stamp, device "server"): the pusher's answer then carries the row as stored
-- ("written", 80_push.sql), and everyone else gets it through the feed.

-- The investor a merged one ended in (merges may chain: B into A, A later into C); itself when
-- it is not merged. Bounded: a cycle the refusals cannot make is not followed for ever.
CREATE OR REPLACE FUNCTION tutor._investor_kept(p_investor uuid) RETURNS uuid
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  cur uuid := p_investor;
  nxt uuid;
BEGIN
  FOR i IN 1..20 LOOP
    SELECT v.merged_into INTO nxt FROM tutor.investors v WHERE v.id = cur;
    EXIT WHEN nxt IS NULL;
    cur := nxt;
  END LOOP;
  RETURN cur;
END $$;

-- A dossier written with a merged investor keeps the investor kept instead (before the row is
-- stored: the history, the dossier hash and the fast paths' RETURNING see the stored value).
CREATE OR REPLACE FUNCTION tutor._repoint_project() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  kept uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.investor_id IS NOT DISTINCT FROM OLD.investor_id THEN
    RETURN NEW;  -- the common edit: one comparison
  END IF;
  IF NOT EXISTS (SELECT 1 FROM tutor.investors v WHERE v.id = NEW.investor_id AND v.merged_into IS NOT NULL) THEN
    RETURN NEW;
  END IF;
  kept := tutor._investor_kept(NEW.investor_id);
  RAISE LOG 'project % arrived on the merged investor %: stored with %', NEW.id, NEW.investor_id, kept;
  NEW.investor_id := kept;
  NEW.stamps := NEW.stamps || jsonb_build_object('investor_id', tutor._server_stamp(NEW.rev));
  NEW.revs := NEW.revs || jsonb_build_object('investor_id', NEW.rev);
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER projects_repoint BEFORE INSERT OR UPDATE ON tutor.projects
  FOR EACH ROW EXECUTE FUNCTION tutor._repoint_project();

-- An investor just merged: the dossiers that still name it (written by another device after the
-- coordinator's copy, which moved the ones it held in the same change set) move to the one kept.
CREATE OR REPLACE FUNCTION tutor._investor_merged() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  device text := current_setting('tutor.device', true);
  kept uuid := tutor._investor_kept(NEW.id);
  p uuid;
BEGIN
  FOR p IN SELECT t.id FROM tutor.projects t WHERE t.investor_id = NEW.id ORDER BY t.id LOOP
    PERFORM tutor._server_write('projects', p, jsonb_build_object('investor_id', kept), NEW.rev);
  END LOOP;
  PERFORM set_config('tutor.device', coalesce(device, ''), true);  -- _server_write's is the server's
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER investors_merged AFTER INSERT OR UPDATE OF merged_into ON tutor.investors
  FOR EACH ROW WHEN (NEW.merged_into IS NOT NULL) EXECUTE FUNCTION tutor._investor_merged();
