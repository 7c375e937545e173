-- Reading and writing the rows of the synced tables (tutor.entities names them, parents first):
-- the per-table functions the merge uses, and the writes the server makes on its own account.
-- Every write bumps the row's revision and the revisions and stamps of the fields it wrote
-- (``rev``, ``revs``, ``stamps``; "*" for the fields not listed, 10_support.sql): the feed's order
-- and the conflict rule (70_merge.sql) stand on them.

-- Reading a row for update and writing some of its fields, with plans the server keeps: one
-- pair of functions per table (dynamic SQL would be planned again for every change), reached
-- through two dispatchers.
DO $$
DECLARE
  e tutor.entities;
  sets text;
  row_cases text := '';
  set_cases text := '';
BEGIN
  FOR e IN SELECT * FROM tutor.entities ORDER BY ord LOOP
    EXECUTE format($f$
      CREATE OR REPLACE FUNCTION tutor.%I(p_id uuid) RETURNS jsonb
      LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $b$
      BEGIN
        RETURN (SELECT to_jsonb(t) FROM tutor.%I t WHERE t.id = p_id FOR UPDATE);
      END $b$ $f$, '_row_' || e.name, e.name);
    SELECT string_agg(format('%1$I = CASE WHEN p_values ? %2$L THEN r.%1$I ELSE t.%1$I END', c, c), ', ')
      INTO sets FROM unnest(e.fields || ARRAY['deleted']) c;
    EXECUTE format($f$
      CREATE OR REPLACE FUNCTION tutor.%I(p_id uuid, p_values jsonb, p_stamps jsonb, p_rev bigint, p_now text) RETURNS void
      LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $b$
      BEGIN
        UPDATE tutor.%I t SET %s, stamps = t.stamps || p_stamps,
               revs = t.revs || (SELECT coalesce(jsonb_object_agg(k, p_rev), '{}') FROM jsonb_object_keys(p_values) k),
               rev = p_rev, updated_at = CASE WHEN p_values = '{}' THEN t.updated_at ELSE p_now END
          FROM jsonb_populate_record(NULL::tutor.%I, p_values) r WHERE t.id = p_id;
      END $b$ $f$, '_set_' || e.name, e.name, sets, e.name);
    row_cases := row_cases || format(' WHEN %L THEN tutor.%I(p_id)', e.name, '_row_' || e.name);
    set_cases := set_cases || format(' WHEN %L THEN PERFORM tutor.%I(p_id, p_values, p_stamps, p_rev, p_now);',
                                     e.name, '_set_' || e.name);
  END LOOP;
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION tutor._row(p_table text, p_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $b$
    BEGIN
      RETURN CASE p_table %s END;
    END $b$ $f$, row_cases);
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION tutor._set(p_table text, p_id uuid, p_values jsonb, p_stamps jsonb, p_rev bigint,
                                          p_now text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $b$
    BEGIN
      CASE p_table %s END CASE;
    END $b$ $f$, set_cases);
END $$;

-- A write the server makes on its own account (an assignment, a role): server stamps.
CREATE OR REPLACE FUNCTION tutor._server_write(p_table text, p_id uuid, p_fields jsonb, p_rev bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  cur jsonb;
  stamp text := tutor._server_stamp(p_rev);
  changed jsonb := '{}';
  k text;
  cols text;
  now_text text := tutor._now_text();
  fields text[] := (SELECT e.fields || 'deleted'::text FROM tutor.entities e WHERE e.name = p_table);
BEGIN
  PERFORM set_config('tutor.device', 'server', true);
  EXECUTE format('SELECT to_jsonb(t) FROM tutor.%I t WHERE id = $1 FOR UPDATE', p_table) INTO cur USING p_id;
  IF cur IS NULL THEN
    EXECUTE format('INSERT INTO tutor.%1$I SELECT * FROM jsonb_populate_record(NULL::tutor.%1$I, $1)', p_table)
      USING p_fields || jsonb_build_object(
        'id', p_id, 'created_at', now_text, 'updated_at', now_text, 'rev', p_rev,
        'stamps', tutor._compact_stamps((SELECT jsonb_object_agg(key, stamp) FROM jsonb_object_keys(p_fields) key), fields),
        'revs', tutor._revs_written(p_fields, p_rev, fields));
    RETURN;
  END IF;
  FOR k IN SELECT jsonb_object_keys(p_fields) LOOP
    IF p_fields->k IS DISTINCT FROM cur->k THEN
      changed := changed || jsonb_build_object(k, p_fields->k);
    END IF;
  END LOOP;
  IF changed = '{}' THEN
    RETURN;
  END IF;
  SELECT string_agg(format('%I = r.%I', key, key), ', ') INTO cols FROM jsonb_object_keys(changed) key;
  EXECUTE format('UPDATE tutor.%1$I t SET %2$s, stamps = t.stamps || $2, revs = t.revs || $3, rev = $4, updated_at = $5 '
                 'FROM jsonb_populate_record(NULL::tutor.%1$I, $1) r WHERE t.id = $6', p_table, cols)
    USING changed, (SELECT jsonb_object_agg(key, stamp) FROM jsonb_object_keys(changed) key),
          (SELECT jsonb_object_agg(key, p_rev) FROM jsonb_object_keys(changed) key), p_rev, now_text, p_id;
END $$;

-- The tutor assigned to a project: one row per (project, tutor), whoever makes it.
CREATE OR REPLACE FUNCTION tutor._assign(p_project uuid, p_tutor uuid, p_role text, p_on boolean, p_rev bigint) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT tutor._server_write('assignments', md5(p_project::text || ':' || p_tutor::text)::uuid,
    jsonb_build_object('project_id', p_project, 'tutor_id', p_tutor, 'role', p_role, 'deleted', NOT p_on), p_rev)
$$;
