-- A dossier deleted against a concurrent edit of its records (DESIGN §5: "a delete against a
-- concurrent edit is a conflict, never silent"). 0001 checks delete-vs-edit within one row; a
-- dossier's tombstone is on the project row while the edits are on its meetings, notes, permits...
-- Both directions now leave a ``delete_edit`` record on the project (table ``projects``, row and
-- dossier the project, ``reason`` naming the edited record as ``table:id``), which everyone on the
-- dossier sees; resolving it with "restore" is a synced edit that un-deletes the project.

-- A record of a dossier written (created or edited) while the dossier is deleted by another
-- device: the edit is applied (the values are kept), a record says so, and the project is touched
-- at this revision so that it re-enters the feed: a replica that kept the dossier alive for these
-- edits (store.remote) then learns it is deleted, together with the record. 1 when recorded.
CREATE FUNCTION tutor._edit_in_deleted_project(p_table text, p_row uuid, p_project uuid, p_device text,
    p_values jsonb, p_stamps jsonb, p_change uuid, p_rev bigint, now_text text) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  edits jsonb := p_values - 'deleted';
  proj jsonb;
BEGIN
  -- Marking a record resolved and the server's assignments are not edits of the dossier.
  IF p_project IS NULL OR p_table IN ('projects', 'conflicts', 'assignments') OR edits = '{}' THEN
    RETURN 0;
  END IF;
  proj := tutor._row('projects', p_project);
  IF proj IS NULL OR (proj->>'deleted')::boolean IS NOT TRUE
     OR split_part(coalesce(proj->'stamps'->>'deleted', ''), '-', 3) = p_device THEN
    RETURN 0;  -- alive, or deleted from this very device (which saw its own records)
  END IF;
  PERFORM tutor._record_conflict('delete_edit', 'projects', p_project, p_project, NULL, 'true'::jsonb, edits,
    proj->'stamps'->>'deleted', (SELECT max(value COLLATE "C") FROM jsonb_each_text(p_stamps - 'deleted')),
    p_change, p_table || ':' || p_row, p_rev);
  PERFORM tutor._set('projects', p_project, '{}'::jsonb, '{}'::jsonb, p_rev, now_text);
  RETURN 1;
END $$;

-- A dossier's tombstone applied while records of the dossier were written by another device after
-- the tombstone change's base revision: one record per such (live) record, with its edited
-- values. The number of records made.
CREATE FUNCTION tutor._deleted_project_edits(p_project uuid, p_device text, p_base bigint, p_stamp text,
    p_change uuid, p_rev bigint) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  e tutor.entities;
  r record;
  made integer := 0;
BEGIN
  FOR e IN SELECT * FROM tutor.entities WHERE project_key = 'project_id' AND name NOT IN ('conflicts', 'assignments')
           ORDER BY ord LOOP
    FOR r IN EXECUTE format($q$
      SELECT t.id, x.edits, x.latest
        FROM tutor.%I t,
             LATERAL (SELECT jsonb_object_agg(v.key, to_jsonb(t)->v.key) AS edits,
                             max((t.stamps->>v.key) COLLATE "C") AS latest
                        FROM jsonb_each_text(t.revs) v
                       WHERE v.key <> 'deleted' AND v.value::bigint > $2
                         AND split_part(coalesce(t.stamps->>v.key, ''), '-', 3) NOT IN ($3, 'server')) x
       WHERE t.project_id = $1 AND t.rev > $2 AND NOT t.deleted AND x.edits IS NOT NULL
       ORDER BY t.id $q$, e.name) USING p_project, p_base, p_device
    LOOP
      made := made + 1;
      PERFORM tutor._record_conflict('delete_edit', 'projects', p_project, p_project, NULL, 'true'::jsonb, r.edits,
        p_stamp, r.latest, p_change, e.name || ':' || r.id, p_rev);
    END LOOP;
  END LOOP;
  RETURN made;
END $$;

-- Apply one well-formed change (inside the caller's subtransaction): the result of DESIGN §5.3.
CREATE OR REPLACE FUNCTION tutor._merge(me tutor.users, p_device text, p_rev bigint, p_change uuid, ch jsonb,
                             p_bundle uuid, vis uuid[], now_text text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  tbl text := ch->>'table';
  rid uuid := (ch->>'row')::uuid;
  base bigint := (ch->>'base')::bigint;
  f jsonb := ch->'fields';
  s jsonb := ch->'stamps';
  cur jsonb;
  pid uuid;
  reason text;
  k text;
  srev bigint;
  sst text;
  applied jsonb := '{}';
  astamps jsonb := '{}';
  conflicts integer := 0;
  concurrent jsonb := '{}';
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = tbl;
  cur := tutor._row(tbl, rid);
  -- The dossier the row belongs to: from the server's row when it exists (it never changes).
  IF ent.project_key = 'id' THEN
    pid := rid;
  ELSIF ent.project_key IS NOT NULL THEN
    pid := coalesce(cur->>'project_id', f->>'project_id')::uuid;
  END IF;
  reason := tutor._refusal(me, ent, rid, pid, cur, f, vis);
  IF reason IS NOT NULL THEN
    IF reason = 'not_assigned' AND EXISTS (SELECT 1 FROM tutor.assignments a
                                           WHERE a.project_id = pid AND a.tutor_id = me.tutor_id) THEN
      -- Edits made before an unassignment reached the device: kept on the server for the
      -- coordinator and the project's tutors to see (DESIGN §5.5). A project the user was never
      -- assigned to gets no record: that is a forgery, and it changes nothing.
      PERFORM set_config('tutor.change_id', p_change::text, true);
      PERFORM set_config('tutor.author', me.role_name, true);
      PERFORM set_config('tutor.device', p_device, true);
      PERFORM tutor._record_conflict('rejected', tbl, rid, pid, NULL, NULL, f, NULL,
                                     (SELECT max(value COLLATE "C") FROM jsonb_each_text(s)), p_change,
                                     'not_assigned', p_rev);
      RETURN jsonb_build_object('status', 'rejected', 'reason', reason, 'recorded', true);
    END IF;
    RETURN jsonb_build_object('status', 'rejected', 'reason', reason);
  END IF;

  PERFORM set_config('tutor.change_id', p_change::text, true);  -- author, device, bundle: set per batch

  IF cur IS NULL THEN
    IF tbl = 'tutors' THEN
      -- The first tutor record a user pushes becomes theirs; its role and area are the server's.
      UPDATE tutor.users SET tutor_id = rid WHERE role_name = me.role_name;
      f := f || jsonb_build_object('role', me.role, 'provinces', to_jsonb(me.provinces));
      s := s || jsonb_build_object('role', tutor._server_stamp(p_rev), 'provinces', tutor._server_stamp(p_rev));
    END IF;
    EXECUTE format('INSERT INTO tutor.%1$I SELECT * FROM jsonb_populate_record(NULL::tutor.%1$I, $1)', tbl)
      USING f || jsonb_build_object(
        'id', rid, 'created_at', now_text, 'updated_at', now_text, 'rev', p_rev, 'stamps', s,
        'revs', (SELECT jsonb_object_agg(key, p_rev) FROM jsonb_object_keys(f) key));
    IF tbl = 'projects' AND me.role <> 'coordinator' AND me.tutor_id IS NOT NULL THEN
      PERFORM tutor._assign(rid, me.tutor_id, 'project_tutor', true, p_rev);
      PERFORM set_config('tutor.device', p_device, true);
      RETURN jsonb_build_object('status', 'applied', 'rev', p_rev, 'assigned', true);
    END IF;
    -- A record created in a dossier another device deleted meanwhile: kept, and never silent.
    IF tutor._edit_in_deleted_project(tbl, rid, pid, p_device, f, s, p_change, p_rev, now_text) > 0 THEN
      RETURN jsonb_build_object('status', 'conflict', 'rev', p_rev);
    END IF;
    RETURN jsonb_build_object('status', 'applied', 'rev', p_rev);
  END IF;

  -- Field by field: a field conflicts only when another device wrote it after the change's base.
  FOR k IN SELECT jsonb_object_keys(f) LOOP
    CONTINUE WHEN f->k = cur->k;
    srev := coalesce((cur->'revs'->>k)::bigint, 0);
    sst := cur->'stamps'->>k;
    IF srev > base AND sst IS NOT NULL AND split_part(sst, '-', 3) <> p_device THEN
      conflicts := conflicts + 1;
      IF (s->>k) COLLATE "C" > sst THEN   -- the later HLC wins (stamps sort as bytes); the other value becomes the record
        applied := applied || jsonb_build_object(k, f->k);
        astamps := astamps || jsonb_build_object(k, s->k);
        PERFORM tutor._record_conflict('field', tbl, rid, pid, k, f->k, cur->k, s->>k, sst, p_change, NULL, p_rev);
      ELSE
        PERFORM tutor._record_conflict('field', tbl, rid, pid, k, cur->k, f->k, sst, s->>k, p_change, NULL, p_rev);
      END IF;
    ELSE
      applied := applied || jsonb_build_object(k, f->k);
      astamps := astamps || jsonb_build_object(k, s->k);
    END IF;
  END LOOP;

  -- A delete against a concurrent edit is never silent: the tombstone and the edits are both
  -- kept in the row, and a record says so (resolving it may restore the row).
  IF (applied->>'deleted')::boolean IS TRUE THEN
    SELECT jsonb_object_agg(key, cur->key) INTO concurrent FROM jsonb_object_keys(cur->'revs') key
     WHERE key <> 'deleted' AND NOT f ? key AND (cur->'revs'->>key)::bigint > base
       AND split_part(cur->'stamps'->>key, '-', 3) <> p_device;
    IF concurrent IS NOT NULL THEN
      conflicts := conflicts + 1;
      PERFORM tutor._record_conflict('delete_edit', tbl, rid, pid, NULL, 'true'::jsonb, concurrent,
        s->>'deleted', (SELECT max((cur->'stamps'->>key) COLLATE "C") FROM jsonb_object_keys(concurrent) key), p_change, NULL, p_rev);
    END IF;
  ELSIF (cur->>'deleted')::boolean AND NOT applied ? 'deleted'
        AND coalesce((cur->'revs'->>'deleted')::bigint, 0) > base
        AND split_part(cur->'stamps'->>'deleted', '-', 3) <> p_device AND applied - 'deleted' <> '{}' THEN
    conflicts := conflicts + 1;
    PERFORM tutor._record_conflict('delete_edit', tbl, rid, pid, NULL, 'true'::jsonb, applied - 'deleted',
      cur->'stamps'->>'deleted', (SELECT max(value COLLATE "C") FROM jsonb_each_text(astamps)), p_change, NULL, p_rev);
  END IF;

  -- The same rule across a dossier (a project's tombstone and the edits of its records are on
  -- different rows): a dossier deleted while another device edited its records, either way round,
  -- is a delete-vs-edit record on the dossier; the dossier's tombstone and the edits are both kept.
  IF tbl = 'projects' AND (applied->>'deleted')::boolean IS TRUE AND (cur->>'deleted')::boolean IS NOT TRUE THEN
    conflicts := conflicts + tutor._deleted_project_edits(rid, p_device, base, s->>'deleted', p_change, p_rev);
  ELSIF applied - 'deleted' <> '{}' THEN
    conflicts := conflicts + tutor._edit_in_deleted_project(tbl, rid, pid, p_device, applied, astamps,
                                                            p_change, p_rev, now_text);
  END IF;

  IF applied = '{}' AND conflicts = 0 THEN  -- the server already holds these values: nothing to write
    RETURN jsonb_build_object('status', 'applied', 'rev', (cur->>'rev')::bigint, 'unchanged', true);
  END IF;
  -- Written (or touched, when every value lost) at this revision, so the row re-enters the feed
  -- and every replica, the pusher's included, gets the server's present state.
  PERFORM tutor._set(tbl, rid, applied, astamps, p_rev, now_text);
  RETURN jsonb_build_object(
    'status', CASE WHEN conflicts > 0 THEN 'conflict' WHEN (cur->>'rev')::bigint > base THEN 'merged' ELSE 'applied' END,
    'rev', p_rev);
END $$;


-- New functions are the owner's alone (0001's default privileges say so too).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
