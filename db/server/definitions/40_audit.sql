-- The audit trail (DESIGN §5.6) and the dossier hashes, kept by one trigger on every synced table.
--
-- After every write of a synced row: a history row with the fields that changed (a "touch" that
-- only moves the row in the feed writes none), and the dossier hash moved by the fields that
-- changed alone (tutor._row_hash, field by field). The change context (change id, author,
-- device, bundle) is set by the push functions right before each write; users cannot write to
-- the tables, so they cannot fake it.
--
-- The trigger skips the rows the fast path writes (tutor._fast_merge and tutor._fast_create write
-- their history and hashes themselves, set-based). The mark is the change id "fast", set by
-- _push_batch around those statements only: every other write sets the change id first (the push
-- per change, the administrator's writes), so a value a client sets in its own session never
-- reaches a write. It is the trigger's WHEN condition: a row written on the fast path queues no
-- trigger call at all.
CREATE OR REPLACE FUNCTION tutor._audit() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  new_v jsonb;
  old_v jsonb;
  changed_old jsonb;
  changed_new jsonb;
  pid uuid;
  h bigint;
BEGIN
  new_v := to_jsonb(NEW) - '{created_at,updated_at,rev,stamps,revs}'::text[];
  changed_new := new_v;
  IF TG_OP = 'UPDATE' THEN
    old_v := to_jsonb(OLD) - '{created_at,updated_at,rev,stamps,revs}'::text[];
    IF old_v = new_v THEN
      RETURN NULL;
    END IF;
    SELECT jsonb_object_agg(n.key, old_v->n.key), jsonb_object_agg(n.key, n.value)
      INTO changed_old, changed_new
      FROM jsonb_each(new_v) n WHERE n.value IS DISTINCT FROM old_v->n.key;
  END IF;
  IF TG_ARGV[0] <> '' THEN
    pid := (new_v->>TG_ARGV[0])::uuid;
  END IF;
  IF pid IS NOT NULL THEN
    -- Only the fields that changed move the dossier's hash (tutor._row_hash, field by field).
    IF TG_OP = 'UPDATE' THEN
      SELECT coalesce(bit_xor(('x' || substr(md5(NEW.id::text || '/' || k || '=' || (changed_old->k)::text), 1, 16))::bit(64)::bigint
                              # ('x' || substr(md5(NEW.id::text || '/' || k || '=' || (changed_new->k)::text), 1, 16))::bit(64)::bigint), 0)
        INTO h FROM jsonb_object_keys(changed_new) k;
    ELSE
      SELECT coalesce(bit_xor(('x' || substr(md5(NEW.id::text || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint), 0)
        INTO h FROM jsonb_each(new_v - 'id') f;
    END IF;
    INSERT INTO tutor.project_hashes AS ph (project_id, hash) VALUES (pid, h)
      ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash;
  END IF;
  INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                             old_values, new_values, bundle_id)
  VALUES (TG_TABLE_NAME, NEW.id, pid, NEW.rev, nullif(current_setting('tutor.change_id', true), '')::uuid,
          coalesce(nullif(current_setting('tutor.author', true), ''), session_user), session_user,
          nullif(current_setting('tutor.device', true), ''), changed_old, changed_new,
          nullif(current_setting('tutor.bundle', true), '')::uuid);
  RETURN NULL;
END $$;

-- The trigger's argument names the column that holds the row's dossier ('' for the directory).
CREATE OR REPLACE TRIGGER tutors_audit AFTER INSERT OR UPDATE ON tutor.tutors
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('');
CREATE OR REPLACE TRIGGER investors_audit AFTER INSERT OR UPDATE ON tutor.investors
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('');
CREATE OR REPLACE TRIGGER contacts_audit AFTER INSERT OR UPDATE ON tutor.contacts
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('');
CREATE OR REPLACE TRIGGER projects_audit AFTER INSERT OR UPDATE ON tutor.projects
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('id');
CREATE OR REPLACE TRIGGER phase_entries_audit AFTER INSERT OR UPDATE ON tutor.phase_entries
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER meetings_audit AFTER INSERT OR UPDATE ON tutor.meetings
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER action_items_audit AFTER INSERT OR UPDATE ON tutor.action_items
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER permit_items_audit AFTER INSERT OR UPDATE ON tutor.permit_items
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER aftercare_notes_audit AFTER INSERT OR UPDATE ON tutor.aftercare_notes
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER assignments_audit AFTER INSERT OR UPDATE ON tutor.assignments
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER conflicts_audit AFTER INSERT OR UPDATE ON tutor.conflicts
  FOR EACH ROW WHEN (current_setting('tutor.change_id', true) IS DISTINCT FROM 'fast')
  EXECUTE FUNCTION tutor._audit('project_id');

-- The parts of the hash of what a user sees (tutor._scope_hash, DESIGN §5.9), kept beside the
-- dossier hashes: each dossier hash row says where it is counted (``province``: its project's,
-- '' for none; ``tutors``: those with a live assignment to it), and tutor.province_hashes and
-- tutor.tutor_hashes hold the XOR of the dossier hashes counted in each province and in each
-- (tutor, province). Two kinds of trigger, each blind to the order the other fires in:
-- - every change of a dossier hash row moves the parts by its old and its new row (the rows as
--   that very change left them: XOR is the same in any order), set-based per statement: a fast
--   path that writes a thousand dossier hashes moves each part it touches once;
-- - a write of a project or an assignment puts its dossier's row where it must be counted (read
--   from the rows as they stand then), which is itself a change of that row (the first).
-- A write locks the parts of the provinces and tutors of the dossiers it touches: no row that
-- every push shares. Parts are written in key order, so two writers never wait for each other
-- crosswise.

-- The parts moved by dossier hash rows: each row's hash XORed into the part of its province and
-- into the part of each of its tutors in that province (an old row and its new one: the change).
-- PL/pgSQL, not SQL: its statements are planned once per session, not at every call (a push that
-- takes its changes one by one calls this for each).
CREATE OR REPLACE FUNCTION tutor._move_scope_parts(p_rows tutor.project_hashes[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  INSERT INTO tutor.province_hashes AS x (province, hash)
  SELECT r.province, bit_xor(r.hash) FROM unnest(p_rows) r
   GROUP BY r.province HAVING bit_xor(r.hash) <> 0 ORDER BY r.province
  ON CONFLICT (province) DO UPDATE SET hash = x.hash # excluded.hash;
  INSERT INTO tutor.tutor_hashes AS x (tutor_id, province, hash)
  SELECT t.tutor_id, r.province, bit_xor(r.hash) FROM unnest(p_rows) r CROSS JOIN unnest(r.tutors) AS t(tutor_id)
   GROUP BY t.tutor_id, r.province HAVING bit_xor(r.hash) <> 0 ORDER BY t.tutor_id, r.province
  ON CONFLICT (tutor_id, province) DO UPDATE SET hash = x.hash # excluded.hash;
END $$;

-- An INSERT ... ON CONFLICT DO UPDATE fires the statement triggers of both, one of them most
-- often with no rows: that one returns at once.
CREATE OR REPLACE FUNCTION tutor._scope_parts() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  CASE TG_OP
    -- (A transition table's rows are records: cast to the table's own row type.)
    WHEN 'INSERT' THEN
      IF EXISTS (SELECT FROM new_rows) THEN
        PERFORM tutor._move_scope_parts(array(SELECT n::tutor.project_hashes FROM new_rows n));
      END IF;
    WHEN 'UPDATE' THEN
      IF EXISTS (SELECT FROM new_rows) THEN
        PERFORM tutor._move_scope_parts(array(SELECT o::tutor.project_hashes FROM old_rows o
                                              UNION ALL SELECT n::tutor.project_hashes FROM new_rows n));
      END IF;
    WHEN 'DELETE' THEN PERFORM tutor._move_scope_parts(array(SELECT o::tutor.project_hashes FROM old_rows o));
    ELSE DELETE FROM tutor.province_hashes; DELETE FROM tutor.tutor_hashes;  -- TRUNCATE
  END CASE;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER project_hashes_parts_insert AFTER INSERT ON tutor.project_hashes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._scope_parts();
CREATE OR REPLACE TRIGGER project_hashes_parts_update AFTER UPDATE ON tutor.project_hashes
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._scope_parts();
CREATE OR REPLACE TRIGGER project_hashes_parts_delete AFTER DELETE ON tutor.project_hashes
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._scope_parts();
CREATE OR REPLACE TRIGGER project_hashes_parts_truncate AFTER TRUNCATE ON tutor.project_hashes
  FOR EACH STATEMENT EXECUTE FUNCTION tutor._scope_parts();

-- Where the dossiers are counted, put right from their rows as they stand (a dossier with no hash
-- row yet gets one, of hash 0, that its rows' hashes then move).
CREATE OR REPLACE FUNCTION tutor._place_dossier_hashes(p_projects uuid[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  INSERT INTO tutor.project_hashes AS h (project_id, hash, province, tutors)
  SELECT p.id, 0, coalesce(p.province, ''),
         array(SELECT DISTINCT a.tutor_id FROM tutor.assignments a
                WHERE a.project_id = p.id AND NOT a.deleted AND a.tutor_id IS NOT NULL ORDER BY 1)
    FROM tutor.projects p WHERE p.id IN (SELECT unnest(p_projects)) ORDER BY p.id
  ON CONFLICT (project_id) DO UPDATE SET province = excluded.province, tutors = excluded.tutors
   WHERE h.province IS DISTINCT FROM excluded.province OR h.tutors IS DISTINCT FROM excluded.tutors;
END $$;

-- After a write of projects or assignments: the dossiers whose province or live assignments it
-- may have moved.
CREATE OR REPLACE FUNCTION tutor._place_hashes() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  moved uuid[];
BEGIN
  -- One statement per case: a statement is planned when it first runs, and names only the
  -- transition tables its trigger has.
  IF TG_TABLE_NAME = 'projects' AND TG_OP = 'INSERT' THEN
    moved := array(SELECT n.id FROM new_rows n);
  ELSIF TG_TABLE_NAME = 'projects' THEN
    moved := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.province IS DISTINCT FROM o.province);
  ELSIF TG_OP = 'INSERT' THEN
    moved := array(SELECT n.project_id FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    moved := array(SELECT o.project_id FROM old_rows o);
  ELSE
    moved := array(SELECT x.project_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                     CROSS JOIN LATERAL (VALUES (n.project_id), (o.project_id)) x(project_id)
                    WHERE (n.project_id, n.tutor_id, n.deleted) IS DISTINCT FROM (o.project_id, o.tutor_id, o.deleted));
  END IF;
  IF moved <> '{}' THEN
    PERFORM tutor._place_dossier_hashes(moved);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER projects_place_insert AFTER INSERT ON tutor.projects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._place_hashes();
CREATE OR REPLACE TRIGGER projects_place_update AFTER UPDATE ON tutor.projects
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._place_hashes();
CREATE OR REPLACE TRIGGER assignments_place_insert AFTER INSERT ON tutor.assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._place_hashes();
CREATE OR REPLACE TRIGGER assignments_place_update AFTER UPDATE ON tutor.assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._place_hashes();
CREATE OR REPLACE TRIGGER assignments_place_delete AFTER DELETE ON tutor.assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tutor._place_hashes();
