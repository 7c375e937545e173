-- The set-based path for new rows (a first upload, an import, a dossier made offline): the
-- creations of a batch that nothing else in the batch can touch or see are written table by
-- table, parents first, with one INSERT each, their history rows and dossier hashes set-based,
-- the creator's assignment to each new dossier with them; the others are left to _merge. What it
-- writes and answers is exactly what _merge gives for each of them in turn (DESIGN §5.3).
--
-- A creation is taken when it is one _merge would simply insert, and applying it before the rest
-- of the batch gives what applying it in turn gives:
-- - at base 0, as a client creates a row (one at another base is _merge's all the same);
-- - well formed (_shape_refusal), its id new (not in ``p_skip_ids``: known, twice in the batch,
--   or with a value the field rules refuse), its row alone in the batch (not in ``p_skip_rows``)
--   and not on the server, its stamps not ahead of the server's clock (_merge stores those
--   clamped), not a tombstone, every column the table requires given;
-- - no change before it in the batch names its row in a reference (that change would meet no row
--   when applied in turn: a record made before its parent breaks the parent's key);
-- - each row it references (investor, meeting, tutor, dossier) was created here before it, or is
--   on the server with no change of its own in the batch (an investor deleted in the batch, a
--   dossier edited or deleted in the batch: _merge's rules read those as the batch goes);
-- - a record of a dossier: the dossier was created here, or the user sees it and it is alive (a
--   dossier deleted by another device makes a record of the creation: _merge's);
-- - a dossier: no creation of a dossier before it in the batch is left to _merge (the code a
--   dossier keeps depends on the codes made before it: a taken code is replaced by the trigger
--   _fresh_project_code, which sees the rows this INSERT made before, in the batch's order);
-- - not a tutor record (it links the user), not a conflict record (the server's own), not an
--   assignment made by a tutor (refused), except the creator's own copy of the assignment the
--   server made with the dossier here, which is answered as _merge answers it: unchanged.
-- A user with no tutor record yet leaves every creation to _merge: their first push links the
-- record it sends, change by change, and the dossiers after it are then assigned to them.
-- The answers: {"position": result}, as _fast_merge's.
CREATE OR REPLACE FUNCTION tutor._fast_create(me tutor.users, p_changes jsonb, p_device text, p_rev bigint,
                                              vis uuid[], now_text text, p_skip_ids text[], p_skip_rows text[],
                                              p_latest bigint) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  named jsonb;             -- row id -> the first position whose references name it
  touched jsonb;           -- "table:row" of every change of the batch
  cand jsonb;              -- table -> positions of the changes that may be creations taken here
  made jsonb := '{}';      -- "table:row" -> position, of the rows created here
  out jsonb := '{}';
  part jsonb;
  part_made jsonb;
  parents text;
  required text[];
  pid_expr text;
  q text;
  v_author text := coalesce(nullif(current_setting('tutor.author', true), ''), session_user::text);
  v_bundle uuid := nullif(current_setting('tutor.bundle', true), '')::uuid;
  v_stamp text;
  v_now text;
  assigning boolean := me.role <> 'coordinator';
BEGIN
  -- A client creates a row at base 0 (store.writer): a batch of edits alone costs one look here.
  IF me.tutor_id IS NULL OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p_changes) c WHERE c->'base' = '0') THEN
    RETURN out;
  END IF;
  SELECT coalesce(jsonb_object_agg(n.id, n.pos), '{}') INTO named FROM (
    SELECT lower(x.ch->'fields'->>r.field) AS id, min(x.ord) AS pos
      FROM jsonb_array_elements(p_changes) WITH ORDINALITY x(ch, ord)
      JOIN tutor.field_rules r ON r.table_name = x.ch->>'table' AND r.kind = 'ref'
     WHERE jsonb_typeof(x.ch->'fields') = 'object' AND jsonb_typeof(x.ch->'fields'->r.field) = 'string'
     GROUP BY 1) n;
  -- The checks that do not depend on the table's rows, once for the batch (the shape rules are
  -- _merge's own: _shape_refusal).
  SELECT coalesce(jsonb_object_agg(t.tbl, t.ords), '{}') INTO cand FROM (
    SELECT e.name AS tbl, jsonb_agg(x.ord ORDER BY x.ord) AS ords
      FROM jsonb_array_elements(p_changes) WITH ORDINALITY x(ch, ord)
      JOIN tutor.entities e ON e.name = x.ch->>'table'
      CROSS JOIN LATERAL tutor._shape_refusal(x.ch, e.fields, p_device, p_rev) shape
     WHERE x.ch->'base' = '0' AND e.name NOT IN ('tutors', 'conflicts') AND tutor._is_uuid(x.ch->>'id')
       AND NOT ((x.ch->>'id') = ANY(p_skip_ids)) AND NOT ((x.ch->>'row') = ANY(p_skip_rows))
       AND coalesce(x.ch->'fields'->'deleted', 'false') = 'false'
       AND CASE WHEN shape.refusal IS NOT NULL THEN false
                ELSE NOT EXISTS (SELECT 1 FROM jsonb_each_text(x.ch->'stamps') st
                                  WHERE split_part(st.value, '-', 1)::bigint > p_latest)
                     AND coalesce((named->>(x.ch->>'row'))::integer, 2147483647) > x.ord END
     GROUP BY e.name) t;
  IF cand = '{}' THEN
    RETURN out;
  END IF;
  SELECT coalesce(jsonb_object_agg(t.k, true), '{}') INTO touched FROM (
    SELECT DISTINCT (c->>'table') || ':' || (c->>'row') AS k FROM jsonb_array_elements(p_changes) c
     WHERE c->>'table' IS NOT NULL AND c->>'row' IS NOT NULL) t;
  FOR ent IN SELECT * FROM tutor.entities e WHERE cand ? e.name ORDER BY e.ord LOOP
    IF ent.name = 'assignments' AND assigning THEN
      -- The creator's copy of the assignment the server made with a dossier created here: _merge
      -- finds the row, every value the same, and answers "unchanged".
      SELECT coalesce(jsonb_object_agg(o.n::text, jsonb_build_object(
               'id', (x.ch->>'id')::uuid, 'status', 'applied', 'rev', p_rev, 'unchanged', true)), '{}')
        INTO part
        FROM jsonb_array_elements_text(cand->'assignments') o0
        CROSS JOIN LATERAL (SELECT o0.value::integer AS n) o
        CROSS JOIN LATERAL (SELECT p_changes->(o.n - 1) AS ch) x
       WHERE CASE WHEN NOT made ? ('projects:' || (x.ch->'fields'->>'project_id')) THEN false
                  ELSE x.ch->>'row' = md5((x.ch->'fields'->>'project_id') || ':' || me.tutor_id::text)::uuid::text
                       AND x.ch->'fields' <@ jsonb_build_object('project_id', x.ch->'fields'->'project_id',
                                                                'tutor_id', me.tutor_id, 'role', 'project_tutor',
                                                                'deleted', false) END;
      out := out || part;
      CONTINUE;
    END IF;
    -- Every column the table requires (the row is inserted as _merge inserts it: what a change
    -- leaves out is NULL, and a NOT NULL column refuses it).
    SELECT array_agg(a.attname::text) INTO required FROM pg_attribute a
     WHERE a.attrelid = format('tutor.%I', ent.name)::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attnotnull AND a.attname::text = ANY(ent.fields);
    -- Each referenced row: created here (before: no change before a creation names it), or on the
    -- server with no change in the batch; a dossier also seen by the user (a hashed set of those
    -- seen, not "= ANY": every creation against every dossier of a large region) and alive.
    SELECT string_agg(format($c$
        AND CASE WHEN $5 ? (%1$L || (c.f->>%2$L)) THEN true
                 WHEN $6 ? (%1$L || (c.f->>%2$L)) THEN false
                 ELSE %3$s EXISTS (SELECT 1 FROM tutor.%4$I p WHERE p.id = (c.f->>%2$L)::uuid %5$s) END$c$,
             pc.relname || ':', a.attname, CASE WHEN a.attname = 'project_id' AND ent.project_key = 'project_id'
                                                THEN '($3::uuid[] IS NULL OR (c.f->>''project_id'')::uuid IN (SELECT unnest($3::uuid[]))) AND'
                                                ELSE '' END,
             pc.relname, CASE WHEN a.attname = 'project_id' AND ent.project_key = 'project_id'
                              THEN 'AND p.deleted IS FALSE' ELSE '' END), '' ORDER BY a.attname)
      INTO parents
      FROM pg_constraint con
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
      JOIN pg_class pc ON pc.oid = con.confrelid
     WHERE con.conrelid = format('tutor.%I', ent.name)::regclass AND con.contype = 'f';
    pid_expr := CASE ent.project_key WHEN 'id' THEN 'ins.id' WHEN 'project_id' THEN '(ins.nv->>''project_id'')::uuid'
                                     ELSE 'NULL::uuid' END;
    q := format($q$
      WITH v AS MATERIALIZED (
        SELECT o.n AS ord, (x.ch->>'id')::uuid AS cid, (x.ch->>'row')::uuid AS rid, x.ch->'fields' AS f,
               x.ch->'stamps' AS s
          FROM jsonb_array_elements_text($1) o0
          CROSS JOIN LATERAL (SELECT o0.value::integer AS n) o
          CROSS JOIN LATERAL (SELECT $2->(o.n - 1) AS ch) x
         WHERE x.ch->'fields'->'deleted' = 'false'::jsonb
           AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) r
                            WHERE coalesce(jsonb_typeof(x.ch->'fields'->r), 'null') = 'null')
      ), c AS MATERIALIZED (
        SELECT c.* FROM v c WHERE NOT EXISTS (SELECT 1 FROM tutor.%1$I t WHERE t.id = c.rid) %2$s
      ), taken AS MATERIALIZED (
        SELECT c.* FROM c WHERE %4$s
      ), pos AS MATERIALIZED (
        SELECT jsonb_object_agg(taken.rid::text, jsonb_build_array(taken.ord, taken.cid)) AS m FROM taken
      ), ins AS (
        INSERT INTO tutor.%1$I AS t (%6$s, id, created_at, updated_at, rev, stamps, revs)
        SELECT %7$s, c.rid, $8, $8, $7, tutor._compact_stamps(c.s, %8$L::text[]), tutor._revs_written(c.f, $7, %8$L::text[])
          FROM taken c CROSS JOIN LATERAL jsonb_populate_record(NULL::tutor.%1$I, c.f) r
         ORDER BY c.ord
        RETURNING t.id, to_jsonb(t) - '{created_at,updated_at,rev,stamps,revs}'::text[] AS nv
      ), w AS MATERIALIZED (
        SELECT (pos.m->(ins.id::text)->>0)::integer AS ord, (pos.m->(ins.id::text)->>1)::uuid AS cid, ins.id, ins.nv,
               %3$s AS pid
          FROM ins CROSS JOIN pos
      ), hist AS (
        INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                                   old_values, new_values, bundle_id)
        SELECT %1$L, w.id, w.pid, $7, w.cid, $9, session_user, $10, NULL, w.nv, $11 FROM w ORDER BY w.ord
      ), hashes AS (
        INSERT INTO tutor.project_hashes AS ph (project_id, hash)
        SELECT w.pid, bit_xor(('x' || substr(md5(w.id::text || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint)
          FROM w CROSS JOIN LATERAL jsonb_each(w.nv) f WHERE w.pid IS NOT NULL AND f.key <> 'id' GROUP BY w.pid
        ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash
      )
      SELECT coalesce(jsonb_object_agg(w.ord::text, jsonb_build_object('id', w.cid, 'status', 'applied', 'rev', $7)
                                                    %5$s), '{}'),
             coalesce(jsonb_object_agg(%1$L || ':' || w.id::text, w.ord), '{}')
        FROM w $q$,
      ent.name, coalesce(parents, ''), pid_expr,
      -- A dossier: none before it in the batch left to _merge (see above). Else every one.
      CASE WHEN ent.name = 'projects' THEN $p$
        c.ord < coalesce((SELECT min(x.ord) FROM jsonb_array_elements($2) WITH ORDINALITY x(ch, ord)
                           WHERE x.ch->>'table' = 'projects' AND NOT EXISTS (SELECT 1 FROM c c2 WHERE c2.ord = x.ord)
                             AND NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.id = CASE
                                   WHEN tutor._is_uuid(x.ch->>'row') THEN (x.ch->>'row')::uuid END)), 2147483647)$p$
           ELSE 'true' END,
      CASE WHEN ent.name = 'projects' AND assigning THEN '|| jsonb_build_object(''assigned'', true)' ELSE '' END,
      -- The row as _merge inserts it: jsonb_populate_record of the fields, the bookkeeping beside.
      (SELECT string_agg(format('%I', c), ', ') FROM unnest(ent.fields || 'deleted'::text) c),
      (SELECT string_agg(format('r.%I', c), ', ') FROM unnest(ent.fields || 'deleted'::text) c),
      ent.fields || 'deleted'::text);
    EXECUTE q INTO part, part_made
      USING cand->ent.name, p_changes, vis, coalesce(required, '{}'), made, touched, p_rev, now_text, v_author,
            p_device, v_bundle;
    out := out || part;
    made := made || part_made;
    IF ent.name = 'projects' AND assigning AND part_made <> '{}' THEN
      -- The creator is assigned to each dossier (_assign, a write on the server's account: its
      -- stamps and clock, device "server" in the history, under the dossier's change id).
      v_stamp := tutor._server_stamp(p_rev);
      v_now := tutor._now_text();
      WITH a AS MATERIALIZED (
        SELECT substr(m.key, 10)::uuid AS pid, m.value::integer AS ord,
               (p_changes->(m.value::integer - 1)->>'id')::uuid AS cid
          FROM jsonb_each_text(part_made) m
      ), ins AS (
        INSERT INTO tutor.assignments AS t (id, project_id, tutor_id, role, created_at, updated_at, deleted, rev,
                                            stamps, revs)
        SELECT md5(a.pid::text || ':' || me.tutor_id::text)::uuid, a.pid, me.tutor_id, 'project_tutor', v_now, v_now,
               false, p_rev,
               jsonb_build_object('*', v_stamp), jsonb_build_object('*', p_rev)
          FROM a ORDER BY a.ord
        RETURNING t.id, t.project_id, to_jsonb(t) - '{created_at,updated_at,rev,stamps,revs}'::text[] AS nv
      ), w AS MATERIALIZED (
        SELECT a.ord, a.cid, ins.id, ins.project_id, ins.nv FROM ins JOIN a ON a.pid = ins.project_id
      ), hist AS (
        INSERT INTO tutor.history (table_name, row_id, project_id, rev, change_id, author, applied_by, device,
                                   old_values, new_values, bundle_id)
        SELECT 'assignments', w.id, w.project_id, p_rev, w.cid, v_author, session_user, 'server', NULL, w.nv, v_bundle
          FROM w ORDER BY w.ord
      )
      INSERT INTO tutor.project_hashes AS ph (project_id, hash)
      SELECT w.project_id, bit_xor(('x' || substr(md5(w.id::text || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint)
        FROM w CROSS JOIN LATERAL jsonb_each(w.nv) f WHERE f.key <> 'id' GROUP BY w.project_id
      ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash;
    END IF;
  END LOOP;
  RETURN out;
END $$;
