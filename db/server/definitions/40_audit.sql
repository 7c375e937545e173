-- The audit trail (DESIGN §5.6) and the dossier hashes, kept by one trigger on every synced table.
--
-- After every write of a synced row: a history row with the fields that changed (a "touch" that
-- only moves the row in the feed writes none), and the dossier hash moved by the fields that
-- changed alone (tutor._row_hash, field by field). The change context (change id, author,
-- device, bundle) is set by the push functions right before each write; users cannot write to
-- the tables, so they cannot fake it.
--
-- The trigger skips the rows the fast path writes (tutor._fast_merge writes their history and
-- hashes itself, set-based). The mark is the change id "fast", set by _push_batch around those
-- statements only: every other write sets the change id first (the push per change, the
-- administrator's writes), so a value a client sets in its own session never reaches a write.
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
  IF current_setting('tutor.change_id', true) = 'fast' THEN
    RETURN NULL;
  END IF;
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
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('');
CREATE OR REPLACE TRIGGER investors_audit AFTER INSERT OR UPDATE ON tutor.investors
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('');
CREATE OR REPLACE TRIGGER contacts_audit AFTER INSERT OR UPDATE ON tutor.contacts
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('');
CREATE OR REPLACE TRIGGER projects_audit AFTER INSERT OR UPDATE ON tutor.projects
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('id');
CREATE OR REPLACE TRIGGER phase_entries_audit AFTER INSERT OR UPDATE ON tutor.phase_entries
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER meetings_audit AFTER INSERT OR UPDATE ON tutor.meetings
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER action_items_audit AFTER INSERT OR UPDATE ON tutor.action_items
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER permit_items_audit AFTER INSERT OR UPDATE ON tutor.permit_items
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER aftercare_notes_audit AFTER INSERT OR UPDATE ON tutor.aftercare_notes
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER assignments_audit AFTER INSERT OR UPDATE ON tutor.assignments
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
CREATE OR REPLACE TRIGGER conflicts_audit AFTER INSERT OR UPDATE ON tutor.conflicts
  FOR EACH ROW EXECUTE FUNCTION tutor._audit('project_id');
