-- Dossier hashes field by field (protocol 3, DESIGN §5.9).
--
-- A row's hash was the MD5 of its whole content, so every write hashed the whole row twice (old
-- and new), on the server and on each device that pulled it. Now a row's hash is the XOR of one
-- hash per field: the first 64 bits of md5("<row id>/<field>=<value as jsonb text>") for each
-- field and "deleted". A write moves a dossier's hash by the fields it changed alone, on both
-- sides; the dossier and scope hashes are XORs as before. Every dossier hash is computed again
-- here; clients speaking protocol 2 are told to update (they would hash the old way).

CREATE OR REPLACE FUNCTION tutor._row_hash(p_row jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT coalesce(bit_xor(('x' || substr(md5((p_row->>'id') || '/' || f.key || '=' || f.value::text), 1, 16))::bit(64)::bigint), 0)
    FROM jsonb_each(p_row - '{id,created_at,updated_at,rev,stamps,revs}'::text[]) f
$$;

-- The history trigger (0005's), the dossier hash moved by the changed fields alone.
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

-- 0006's fast path, the fields read and hashed one by one: only the fields a change names are
-- turned into jsonb (not the whole row, twice), and only those that changed are hashed.
CREATE OR REPLACE FUNCTION tutor._fast_merge(p_table text, p_changes jsonb, p_device text, p_rev bigint, vis uuid[],
                                  p_projects uuid[], now_text text, p_skip_ids text[], p_skip_rows text[],
                                  p_latest bigint) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  ent tutor.entities;
  sets text;
  pick_field text;
  out jsonb;
BEGIN
  SELECT * INTO ent FROM tutor.entities WHERE name = p_table AND project_key = 'project_id'
                                          AND name NOT IN ('conflicts', 'assignments');
  IF NOT FOUND THEN
    RETURN '{}';
  END IF;
  SELECT string_agg(format('%1$I = CASE WHEN ok.a ? %2$L THEN r.%1$I ELSE t.%1$I END', c, c), ', ')
    INTO sets FROM unnest(ent.fields || ARRAY['deleted']) c;
  -- One field of a row as jsonb, by name: only the fields a change names are converted.
  SELECT 'CASE k ' || string_agg(format('WHEN %L THEN to_jsonb(t.%I)', c, c), ' ') || ' END'
    INTO pick_field FROM unnest(ent.fields || ARRAY['deleted']) c;
  EXECUTE format($q$
    WITH c AS MATERIALIZED (
      SELECT x.ord::integer AS ord, x.ch->>'id' AS cid, x.ch->>'row' AS rid, x.ch->'base' AS base,
             x.ch->'fields' AS f, x.ch->'stamps' AS s
        FROM jsonb_array_elements($1) WITH ORDINALITY x(ch, ord)
       WHERE x.ch->>'table' = %3$L
         AND (x.ch->>'id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         AND (x.ch->>'row') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         AND NOT ((x.ch->>'id') = ANY($8)) AND NOT ((x.ch->>'row') = ANY($9))
         AND jsonb_typeof(x.ch->'fields') = 'object' AND jsonb_typeof(x.ch->'stamps') = 'object'
         AND jsonb_typeof(x.ch->'base') = 'number'
         AND x.ch->'fields' <> '{}' AND NOT (x.ch->'fields' ? 'deleted')
    ), v AS MATERIALIZED (
      SELECT c.* FROM c
       WHERE (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(c.f) k)
             = (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(c.s) k)
         AND (SELECT array_agg(k) FROM jsonb_object_keys(c.f) k) <@ $10
         AND (c.base #>> '{}')::numeric = floor((c.base #>> '{}')::numeric) AND (c.base #>> '{}')::numeric >= 0
         AND (c.base #>> '{}')::numeric < $6
         AND NOT EXISTS (
           SELECT 1 FROM jsonb_each(c.s) st
            WHERE CASE WHEN jsonb_typeof(st.value) <> 'string' THEN true
                       WHEN (st.value #>> '{}') !~ '^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$'
                            OR split_part(st.value #>> '{}', '-', 3) <> $5 THEN true
                       ELSE split_part(st.value #>> '{}', '-', 1)::bigint > $11 END)
    ), cur AS MATERIALIZED (
      SELECT v.ord, v.cid::uuid AS cid, t.id AS rid, (v.base #>> '{}')::bigint AS base, v.f, v.s,
             (SELECT jsonb_object_agg(k, %4$s) FROM jsonb_object_keys(v.f) k) AS ov,
             t.project_id AS pid, t.rev AS crev, t.revs AS trevs, t.stamps AS tstamps
        FROM v JOIN tutor.%1$I t ON t.id = v.rid::uuid
       WHERE t.deleted IS FALSE AND t.project_id IS NOT NULL
         AND ($2::uuid[] IS NULL OR t.project_id = ANY($2))
         AND NOT (t.project_id = ANY($3))
    ), ok AS MATERIALIZED (
      SELECT cur.*, (SELECT coalesce(jsonb_object_agg(k.key, k.value), '{}') FROM jsonb_each(cur.f) k
                      WHERE k.value IS DISTINCT FROM cur.ov->k.key) AS a
        FROM cur
       WHERE NOT EXISTS (SELECT 1 FROM tutor.projects p WHERE p.id = cur.pid AND p.deleted IS TRUE)
         AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) i WHERE cur.f ? i AND cur.f->i IS DISTINCT FROM cur.ov->i)
         AND NOT EXISTS (SELECT 1 FROM jsonb_each(cur.f) k
                          WHERE k.value IS DISTINCT FROM cur.ov->k.key
                            AND coalesce((cur.trevs->>k.key)::bigint, 0) > cur.base
                            AND cur.tstamps->>k.key IS NOT NULL
                            AND split_part(cur.tstamps->>k.key, '-', 3) <> $5)
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

DELETE FROM tutor.project_hashes;
DO $$
DECLARE
  e record;
BEGIN
  FOR e IN SELECT name, project_key FROM tutor.entities WHERE project_key IS NOT NULL LOOP
    EXECUTE format('INSERT INTO tutor.project_hashes AS ph (project_id, hash) '
                   'SELECT t.%1$I, bit_xor(tutor._row_hash(to_jsonb(t))) FROM tutor.%2$I t WHERE t.%1$I IS NOT NULL '
                   'GROUP BY 1 ON CONFLICT (project_id) DO UPDATE SET hash = ph.hash # excluded.hash',
                   e.project_key, e.name);
  END LOOP;
END $$;

UPDATE tutor.meta SET value = '3' WHERE key IN ('protocol', 'min_client_protocol');

-- New functions are the owner's alone (0001's default privileges say so too).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tutor FROM PUBLIC;
