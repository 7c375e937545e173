-- The merge (DESIGN §5.3): each change is merged field by field against the change's base
-- revision. A field conflicts only when another device wrote it after that base; then the later
-- stamp (HLC) wins and the other value becomes a conflict record, never lost. A delete against a
-- concurrent edit is never silent either, within one row and across a dossier (its tombstone is
-- on the project row while the edits are on its records): both are kept, and a ``delete_edit``
-- record on the project says so (``reason`` names the edited record as ``table:id``), which
-- everyone on the dossier sees; resolving it with "restore" is a synced edit that un-deletes it.
--
-- Two ways through, with the very same results, rows, history, hashes and records: _merge, one
-- change at a time, and the set-based fast path for the common push: _fast_merge here for plain
-- edits of live records that no other device wrote after the change's base (such a change can
-- only be "applied", "merged" or "unchanged": no record, no tombstone, no creation, no
-- assignment), _fast_create (75_fast_create.sql) for new rows.

-- The conflict rule: field ``p_field`` of a row (its ``revs`` and ``stamps``) was written by another
-- device than ``p_device`` after revision ``p_base`` (the server's revision the change was made
-- on): a write the change did not know of. A change's value that differs from such a write is a
-- conflict; otherwise the change simply writes the field. Every merge asks this function (_merge
-- field by field and for tombstones, _deleted_project_edits across a dossier, _fast_merge for a
-- whole batch). A SQL function with its body bound when it is made and no SET clause, so that
-- the planner inlines it: the fast path stays one set-based statement.
CREATE OR REPLACE FUNCTION tutor._concurrent_write(p_revs jsonb, p_stamps jsonb, p_field text, p_base bigint,
                                                   p_device text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(tutor._field_of(p_revs, p_field)::bigint, 0) > p_base AND tutor._field_of(p_stamps, p_field) IS NOT NULL
       AND split_part(tutor._field_of(p_stamps, p_field), '-', 3) <> p_device;

-- A conflict record: the value kept and the one that lost, with their stamps and whose they are.
CREATE OR REPLACE FUNCTION tutor._record_conflict(p_kind text, p_table text, p_row uuid, p_project uuid, p_field text,
    p_kept jsonb, p_lost jsonb, p_kept_stamp text, p_lost_stamp text, p_change uuid, p_reason text,
    p_rev bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  stamp text := tutor._server_stamp(p_rev);
  now_text text := tutor._now_text();
BEGIN
  INSERT INTO tutor.conflicts (id, project_id, table_name, row_id, field, kind, kept_value, lost_value,
                               kept_stamp, lost_stamp, kept_by, lost_by, change_id, reason, resolved,
                               created_at, updated_at, deleted, rev, stamps, revs)
  VALUES (gen_random_uuid(), p_project, p_table, p_row, p_field, p_kind, p_kept::text, p_lost::text,
          p_kept_stamp, p_lost_stamp, tutor._tutor_of_device(split_part(p_kept_stamp, '-', 3)),
          tutor._tutor_of_device(split_part(p_lost_stamp, '-', 3)), p_change, p_reason, false,
          now_text, now_text, false, p_rev, jsonb_build_object('*', stamp), jsonb_build_object('*', p_rev));
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
  sst text;
  applied jsonb := '{}';
  astamps jsonb := '{}';
  conflicts integer := 0;
  concurrent jsonb := '{}';
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = tbl;
  cur := tutor._row(tbl, rid);
  pid := tutor._project_of(ent, rid, cur, f);
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
        'id', rid, 'created_at', now_text, 'updated_at', now_text, 'rev', p_rev,
        'stamps', tutor._compact_stamps(s, ent.fields || 'deleted'::text),
        'revs', tutor._revs_written(f, p_rev, ent.fields || 'deleted'::text));
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
    sst := tutor._field_of(cur->'stamps', k);
    IF tutor._concurrent_write(cur->'revs', cur->'stamps', k, base, p_device) THEN
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
    SELECT jsonb_object_agg(key, cur->key) INTO concurrent FROM unnest(ent.fields) key
     WHERE NOT f ? key AND tutor._concurrent_write(cur->'revs', cur->'stamps', key, base, p_device);
    IF concurrent IS NOT NULL THEN
      conflicts := conflicts + 1;
      PERFORM tutor._record_conflict('delete_edit', tbl, rid, pid, NULL, 'true'::jsonb, concurrent,
        s->>'deleted', (SELECT max(tutor._field_of(cur->'stamps', key) COLLATE "C") FROM jsonb_object_keys(concurrent) key),
        p_change, NULL, p_rev);
    END IF;
  ELSIF (cur->>'deleted')::boolean AND NOT applied ? 'deleted'
        AND tutor._concurrent_write(cur->'revs', cur->'stamps', 'deleted', base, p_device)
        AND applied - 'deleted' <> '{}' THEN
    conflicts := conflicts + 1;
    PERFORM tutor._record_conflict('delete_edit', tbl, rid, pid, NULL, 'true'::jsonb, applied - 'deleted',
      tutor._field_of(cur->'stamps', 'deleted'), (SELECT max(value COLLATE "C") FROM jsonb_each_text(astamps)), p_change,
      NULL, p_rev);
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

-- A record of a dossier written (created or edited) while the dossier is deleted by another
-- device: the edit is applied (the values are kept), a record says so, and the project is touched
-- at this revision so that it re-enters the feed: a replica that kept the dossier alive for these
-- edits (store.replica) then learns it is deleted, together with the record. 1 when recorded.
CREATE OR REPLACE FUNCTION tutor._edit_in_deleted_project(p_table text, p_row uuid, p_project uuid, p_device text,
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
     OR split_part(coalesce(tutor._field_of(proj->'stamps', 'deleted'), ''), '-', 3) = p_device THEN
    RETURN 0;  -- alive, or deleted from this very device (which saw its own records)
  END IF;
  PERFORM tutor._record_conflict('delete_edit', 'projects', p_project, p_project, NULL, 'true'::jsonb, edits,
    tutor._field_of(proj->'stamps', 'deleted'), (SELECT max(value COLLATE "C") FROM jsonb_each_text(p_stamps - 'deleted')),
    p_change, p_table || ':' || p_row, p_rev);
  PERFORM tutor._set('projects', p_project, '{}'::jsonb, '{}'::jsonb, p_rev, now_text);
  RETURN 1;
END $$;

-- A dossier's tombstone applied while records of the dossier were written by another device after
-- the tombstone change's base revision: one record per such (live) record, with its edited
-- values. The number of records made.
CREATE OR REPLACE FUNCTION tutor._deleted_project_edits(p_project uuid, p_device text, p_base bigint, p_stamp text,
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
                             max(tutor._field_of(t.stamps, v.key) COLLATE "C") AS latest
                        FROM unnest(%L::text[]) v(key)
                       WHERE tutor._concurrent_write(t.revs, t.stamps, v.key, $2, $3)
                         AND split_part(tutor._field_of(t.stamps, v.key), '-', 3) <> 'server') x
       WHERE t.project_id = $1 AND t.rev > $2 AND NOT t.deleted AND x.edits IS NOT NULL
       ORDER BY t.id $q$, e.name, e.fields) USING p_project, p_base, p_device
    LOOP
      made := made + 1;
      PERFORM tutor._record_conflict('delete_edit', 'projects', p_project, p_project, NULL, 'true'::jsonb, r.edits,
        p_stamp, r.latest, p_change, e.name || ':' || r.id, p_rev);
    END LOOP;
  END LOOP;
  RETURN made;
END $$;

-- The fast path: the changes of one table (``p_table``) in a batch that qualify are written with
-- one UPDATE, their history rows and dossier hashes set-based, and answered ({"position":
-- result}); the others are left to _merge. A change qualifies when it is well formed
-- (_shape_refusal, as for _merge), its id new (not in ``p_skip_ids``: known, twice in the batch,
-- or with a value the field rules refuse) and its row alone in the batch (not in
-- ``p_skip_rows``), its stamps not ahead of the server's clock (``p_latest``; _merge stores those
-- clamped), it writes no tombstone, and its dossier's own row is not in the batch
-- (``p_projects``): nothing else in the batch can touch its row or see it, so applying it first
-- gives what applying it in turn gives. Once its row is read, the checks are _merge's, in its
-- order: _refusal (immutable fields, the dossier visible), the row alive and its dossier not
-- deleted, no field conflicting (_concurrent_write); then _set's very update, and _audit's
-- history row and hash. Of each row only the fields a change names are read and hashed.
CREATE OR REPLACE FUNCTION tutor._fast_merge(p_table text, p_changes jsonb, p_device text, p_rev bigint, vis uuid[],
                                             p_projects uuid[], now_text text, p_skip_ids text[], p_skip_rows text[],
                                             p_latest bigint) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  sets text;
  pick_field text;
  out jsonb;
  any_row boolean;
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = p_table AND project_key = 'project_id'
                                          AND name NOT IN ('conflicts', 'assignments');
  IF NOT FOUND THEN
    RETURN '{}';
  END IF;
  -- A batch of new rows alone (a first upload) has nothing here: said without planning the
  -- statement below.
  EXECUTE format($q$SELECT EXISTS (SELECT 1 FROM jsonb_array_elements($1) c JOIN tutor.%I t
                       ON t.id = CASE WHEN tutor._is_uuid(c->>'row') THEN (c->>'row')::uuid END
                    WHERE c->>'table' = %L)$q$, ent.name, ent.name) INTO any_row USING p_changes;
  IF NOT any_row THEN
    RETURN '{}';
  END IF;
  SELECT string_agg(format('%1$I = CASE WHEN ok.a ? %2$L THEN r.%1$I ELSE t.%1$I END', c, c), ', ')
    INTO sets FROM unnest(ent.fields || ARRAY['deleted']) c;
  -- One field of a row as jsonb, by name: only the fields a change names are converted.
  SELECT 'CASE k ' || string_agg(format('WHEN %L THEN to_jsonb(t.%I)', c, c), ' ') || ' END'
    INTO pick_field FROM unnest(ent.fields || ARRAY['deleted']) c;
  EXECUTE format($q$
    WITH e AS MATERIALIZED (
      -- Changes of rows on the server (a creation is _fast_create's): the shape is asked of these alone.
      SELECT x.ord, x.ch
        FROM jsonb_array_elements($1) WITH ORDINALITY x(ch, ord)
       WHERE x.ch->>'table' = %3$L
         AND tutor._is_uuid(x.ch->>'id') AND NOT ((x.ch->>'id') = ANY($8)) AND NOT ((x.ch->>'row') = ANY($9))
         AND EXISTS (SELECT 1 FROM tutor.%1$I t
                      WHERE t.id = CASE WHEN tutor._is_uuid(x.ch->>'row') THEN (x.ch->>'row')::uuid END)
    ), v AS MATERIALIZED (
      SELECT x.ord::integer AS ord, x.ch->>'id' AS cid, x.ch->>'row' AS rid, x.ch->'base' AS base,
             x.ch->'fields' AS f, x.ch->'stamps' AS s
        FROM e x
        CROSS JOIN LATERAL tutor._shape_refusal(x.ch, $10, $5, $6) shape
       WHERE NOT (x.ch->'fields' ? 'deleted')
         AND CASE WHEN shape.refusal IS NOT NULL THEN false
                  -- Well formed; a stamp that is not text, or one ahead of the server's clock, is _merge's.
                  ELSE NOT EXISTS (SELECT 1 FROM jsonb_each(x.ch->'stamps') st
                                    WHERE CASE WHEN jsonb_typeof(st.value) <> 'string' THEN true
                                               ELSE split_part(st.value #>> '{}', '-', 1)::bigint > $11 END) END
    ), cur AS MATERIALIZED (
      SELECT v.ord, v.cid::uuid AS cid, t.id AS rid, (v.base #>> '{}')::bigint AS base, v.f, v.s,
             (SELECT jsonb_object_agg(k, %4$s) FROM jsonb_object_keys(v.f) k) AS ov,
             t.project_id AS pid, t.rev AS crev, t.revs AS trevs, t.stamps AS tstamps
        FROM v JOIN tutor.%1$I t ON t.id = v.rid::uuid
       WHERE t.deleted IS FALSE AND t.project_id IS NOT NULL
         -- A hashed set of the dossiers seen, not "= ANY($2)": that compares every change's dossier
         -- with every dossier a tutor sees (ten million comparisons for a batch in a large region).
         AND ($2::uuid[] IS NULL OR t.project_id IN (SELECT unnest($2::uuid[])))
         AND NOT (t.project_id = ANY($3))
    ), ok AS MATERIALIZED (
      SELECT cur.*, (SELECT coalesce(jsonb_object_agg(k.key, k.value), '{}') FROM jsonb_each(cur.f) k
                      WHERE k.value IS DISTINCT FROM cur.ov->k.key) AS a
        FROM cur
       WHERE NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.id = cur.pid AND p.deleted IS TRUE)
         AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) i WHERE cur.f ? i AND cur.f->i IS DISTINCT FROM cur.ov->i)
         AND NOT EXISTS (SELECT 1 FROM jsonb_each(cur.f) k
                          WHERE k.value IS DISTINCT FROM cur.ov->k.key
                            AND tutor._concurrent_write(cur.trevs, cur.tstamps, k.key, cur.base, $5))
    ), upd AS (
      UPDATE tutor.%1$I t SET %2$s,
             stamps = t.stamps || (SELECT jsonb_object_agg(k, ok.s->k) FROM jsonb_object_keys(ok.a) k),
             revs = t.revs || (SELECT jsonb_object_agg(k, $6::bigint) FROM jsonb_object_keys(ok.a) k),
             rev = $6, updated_at = $7
        FROM ok CROSS JOIN LATERAL jsonb_populate_record(NULL::tutor.%1$I, ok.a) r
       WHERE t.id = ok.rid AND ok.a <> '{}'
      RETURNING t.id, ok.ord, ok.cid, ok.pid, ok.ov, (SELECT jsonb_object_agg(k, %4$s) FROM jsonb_object_keys(ok.a) k) AS nv
    ), w AS MATERIALIZED (
      SELECT upd.id, upd.ord, upd.cid, upd.pid, d.o, d.n
        FROM upd CROSS JOIN LATERAL (SELECT jsonb_object_agg(k, upd.ov->k) AS o, jsonb_object_agg(k, upd.nv->k) AS n
                                       FROM jsonb_object_keys(upd.nv) k WHERE upd.nv->k IS DISTINCT FROM upd.ov->k) d
       WHERE d.n IS NOT NULL
    ), hist AS (
      INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                                 old_values, new_values, bundle_id)
      SELECT %3$L, w.id, w.pid, $6, w.cid, $12, session_user, $5, w.o, w.n, $13 FROM w ORDER BY w.ord
    ), hashes AS (
      INSERT INTO tutor.project_hashes AS ph (project_id, hash)
      SELECT w.pid, bit_xor(('x' || substr(md5(w.id::text || '/' || k || '=' || (w.o->k)::text), 1, 16))::bit(64)::bigint
                            # ('x' || substr(md5(w.id::text || '/' || k || '=' || (w.n->k)::text), 1, 16))::bit(64)::bigint)
        FROM w CROSS JOIN LATERAL jsonb_object_keys(w.n) k GROUP BY w.pid
      ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash
    )
    SELECT coalesce(jsonb_object_agg(ok.ord::text,
             CASE WHEN ok.a = '{}' THEN jsonb_build_object('id', ok.cid, 'status', 'applied', 'rev', ok.crev,
                                                           'unchanged', true)
                  ELSE jsonb_build_object('id', ok.cid, 'status', CASE WHEN ok.crev > ok.base THEN 'merged'
                                                                        ELSE 'applied' END, 'rev', $6) END), '{}')
      FROM ok $q$, ent.name, sets, ent.name, pick_field)
    INTO out USING p_changes, vis, p_projects, ent.immutable, p_device, p_rev, now_text, p_skip_ids, p_skip_rows,
                   ent.fields, p_latest,
                   coalesce(nullif(current_setting('tutor.author', true), ''), session_user::text),
                   nullif(current_setting('tutor.bundle', true), '')::uuid;
  RETURN out;
END $$;
