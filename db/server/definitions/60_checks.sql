-- What the server checks of a change before it merges it (DESIGN §5.0: the server decides):
-- its shape (_shape_refusal), its values (_bad_values: the local schema's own rules, written into
-- tutor.field_rules by `server init` from tutor_app.domain.schema, so that the server refuses
-- exactly what a client's own validation refuses: types, codes, ranges, dates, lengths), its
-- stamps (a stamp ahead of the server's clock is clamped to it, never refused: a laptop's wrong
-- clock must not cost a user's edit, nor win a conflict), and who may write what (_refusal).
-- A change that fails is refused with a reason and changes nothing.

-- The shape of a change, before anything is read: one row, whose ``refusal`` is NULL when the
-- change is well formed. ``p_fields``: the fields of the change's table (NULL: no such table).
-- The one definition of what is well formed, for _check_change (one change at a time) and for
-- the fast path (a whole batch at once, 70_merge.sql). A SQL function of a set, with its body
-- bound when it is made and no SET clause: the planner inlines it where it is joined, and the
-- fast path stays one set-based statement (a scalar function with a sub-select would be called
-- change by change). CASE, not OR: each test may stand on the ones before it. (A stamp ahead of
-- the server's clock is not refused: _push_batch clamps it; the values are checked by
-- _push_batch for the whole batch: _bad_values.)
-- A stamp as a device writes it, naming ``p_device``: ^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$, tested
-- as three runs and their lengths (the counted pattern costs five times as much, and a batch asks
-- it of every field of every change). Inlined where it is called, as _is_uuid.
CREATE OR REPLACE FUNCTION tutor._is_stamp_of(t text, p_device text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN t ~ '^[0-9]+-[0-9]+-[0-9a-f]+$' AND length(split_part(t, '-', 1)) = 13 AND length(split_part(t, '-', 2)) = 6
       AND length(split_part(t, '-', 3)) BETWEEN 16 AND 32 AND split_part(t, '-', 3) = p_device;

CREATE OR REPLACE FUNCTION tutor._shape_refusal(ch jsonb, p_fields text[], p_device text, p_rev bigint)
RETURNS TABLE (refusal jsonb)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
SELECT CASE
  WHEN p_fields IS NULL OR jsonb_typeof(ch->'fields') IS DISTINCT FROM 'object'
       OR jsonb_typeof(ch->'stamps') IS DISTINCT FROM 'object' OR jsonb_typeof(ch->'base') IS DISTINCT FROM 'number'
       OR NOT tutor._is_uuid(coalesce(ch->>'row', ''))
       OR ch->'fields' = '{}'
    THEN jsonb_build_object('status', 'rejected', 'reason', 'malformed')
  -- Known fields, each with its stamp and no stamp without its field (the same keys both ways).
  WHEN NOT (ARRAY(SELECT jsonb_object_keys(ch->'fields')) <@ (p_fields || 'deleted'::text))
       OR NOT (ch->'fields' ?& ARRAY(SELECT jsonb_object_keys(ch->'stamps'))
               AND ch->'stamps' ?& ARRAY(SELECT jsonb_object_keys(ch->'fields')))
    THEN jsonb_build_object('status', 'rejected', 'reason', 'malformed')
  -- A revision the server has not handed out yet is made up.
  WHEN (ch->>'base')::numeric <> floor((ch->>'base')::numeric) OR (ch->>'base')::numeric < 0
       OR (ch->>'base')::numeric >= p_rev
    THEN jsonb_build_object('status', 'rejected', 'reason', 'bad_revision')
  -- Every stamp names the device that sends it (the first that does not, in the stamps' order).
  -- A change made at once has one stamp for all its fields: that one is tested once.
  ELSE (SELECT CASE WHEN min(sv.value COLLATE "C") = max(sv.value COLLATE "C")
                         AND tutor._is_stamp_of(min(sv.value COLLATE "C"), p_device) THEN NULL
                    ELSE (SELECT jsonb_build_object('status', 'rejected', 'reason', 'forged_stamp', 'field', st.key)
                            FROM jsonb_each_text(ch->'stamps') WITH ORDINALITY st(key, value, n)
                           WHERE NOT tutor._is_stamp_of(st.value, p_device)
                           ORDER BY st.n LIMIT 1) END
          FROM jsonb_each_text(ch->'stamps') sv)
END;
END;

-- The shape of one change (_shape_refusal), its table found by name. A SQL function: its query is
-- planned once for the statement that calls it, the change a parameter (as a PL/pgSQL query it
-- would be planned again for each change with its values folded in: four times the cost).
CREATE OR REPLACE FUNCTION tutor._check_change(ch jsonb, p_device text, p_rev bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
  SELECT s.refusal FROM (VALUES (1)) one LEFT JOIN tutor.entities e ON e.name = ch->>'table'
   CROSS JOIN LATERAL tutor._shape_refusal(ch, e.fields, p_device, p_rev) s
$$;

-- An ISO date that exists (CASE, not AND: make_date must never see a month 13). PL/pgSQL: its
-- simple expressions are cheap to call, where a SQL function with a SET clause is planned each time.
CREATE OR REPLACE FUNCTION tutor._is_date(t text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  RETURN CASE
    WHEN t IS NULL OR t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
    WHEN substr(t, 1, 4)::integer < 1 OR substr(t, 6, 2)::integer NOT BETWEEN 1 AND 12 THEN false
    ELSE substr(t, 9, 2)::integer BETWEEN 1 AND extract(day FROM make_date(substr(t, 1, 4)::integer,
           substr(t, 6, 2)::integer, 1) + interval '1 month' - interval '1 day')::integer
  END;
END $$;

-- An Italian partita IVA that passes the checks of python-stdnum's stdnum.it.iva (the client's rule,
-- tutor_app/domain/vat.py): eleven digits, not seven zeros first, a provincial office's code, and
-- the Luhn check digit.
CREATE OR REPLACE FUNCTION tutor._is_partita_iva(t text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  total integer := 0;
  d integer;
BEGIN
  IF t IS NULL OR t !~ '^[0-9]{11}$' OR substr(t, 1, 7) = '0000000'
     OR NOT (substr(t, 8, 3) BETWEEN '001' AND '100' OR substr(t, 8, 3) IN ('120', '121', '888', '999')) THEN
    RETURN false;
  END IF;
  FOR i IN 1..11 LOOP
    d := substr(t, i, 1)::integer;
    IF i % 2 = 0 THEN
      d := d * 2;
      IF d > 9 THEN
        d := d - 9;
      END IF;
    END IF;
    total := total + d;
  END LOOP;
  RETURN total % 10 = 0;
END $$;

-- What is wrong with the values of a batch's changes: for each change (by id) that has a value
-- breaking the local schema's rules (domain/schema.py), the first such field and what is wrong.
-- One statement for the whole batch (a function called per value costs a planning or an executor
-- start each time: far more than the check).
CREATE OR REPLACE FUNCTION tutor._bad_values(p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
BEGIN
  RETURN (
    SELECT coalesce(jsonb_object_agg(x.cid, jsonb_build_object('field', x.field, 'problem', x.problem)), '{}')
      FROM (SELECT DISTINCT ON (c->>'id') c->>'id' AS cid, kv.key AS field, coalesce(p.problem, 'unknown_field') AS problem
              FROM jsonb_array_elements(p_changes) c
             CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(c->'fields') = 'object' THEN c->'fields' END) kv
              LEFT JOIN tutor.field_rules r ON r.table_name = c->>'table' AND r.field = kv.key
             CROSS JOIN LATERAL (SELECT
    CASE
        WHEN kv.value IS NULL OR jsonb_typeof(kv.value) = 'null' THEN CASE WHEN r.required THEN 'required' END
        WHEN r.kind = 'text' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string' THEN 'type'
          WHEN r.max_len IS NOT NULL AND char_length(kv.value #>> '{}') > r.max_len THEN 'too_long'
          WHEN r.required AND btrim(kv.value #>> '{}') = '' THEN 'required'
          WHEN r.email AND btrim(kv.value #>> '{}') <> '' AND btrim(kv.value #>> '{}') !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
            THEN 'email' END
        WHEN r.kind IN ('int', 'cents') THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'number' OR (kv.value #>> '{}')::numeric <> trunc((kv.value #>> '{}')::numeric) THEN 'type'
          WHEN abs((kv.value #>> '{}')::numeric) >= 4611686018427387904 THEN 'range'
          WHEN r.minimum IS NOT NULL AND (kv.value #>> '{}')::numeric < r.minimum THEN 'range' END
        -- A VAT number or tax code in its canonical form (no separators, upper case, an Italian one
        -- without its IT prefix), an Italian partita IVA with its check digit right.
        WHEN r.kind = 'vat' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string' THEN 'type'
          WHEN r.max_len IS NOT NULL AND char_length(kv.value #>> '{}') > r.max_len THEN 'too_long'
          WHEN (kv.value #>> '{}') !~ '^[A-Z0-9]+$' OR (kv.value #>> '{}') ~ '^IT[0-9]{11}$' THEN 'not_canonical'
          WHEN (kv.value #>> '{}') ~ '^[0-9]{11}$' AND NOT tutor._is_partita_iva(kv.value #>> '{}') THEN 'check_digit' END
        WHEN r.kind = 'bool' THEN CASE WHEN jsonb_typeof(kv.value) <> 'boolean' THEN 'type' END
        WHEN r.kind = 'date' THEN CASE WHEN jsonb_typeof(kv.value) <> 'string' OR NOT tutor._is_date(kv.value #>> '{}') THEN 'date' END
        WHEN r.kind = 'instant' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string'
            OR (kv.value #>> '{}') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}Z$'
            OR NOT tutor._is_date(left(kv.value #>> '{}', 10)) THEN 'instant' END
        WHEN r.kind = 'ref' THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string'
            OR (kv.value #>> '{}') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'type' END
        WHEN r.kind IN ('enum', 'country', 'province') THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'string' OR NOT ((kv.value #>> '{}') = ANY (r.choices)) THEN 'unknown_code' END
        WHEN r.kind IN ('enum_list', 'province_list') THEN CASE
          WHEN jsonb_typeof(kv.value) <> 'array' THEN 'type'
          WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(kv.value) e
                        WHERE jsonb_typeof(e) <> 'string' OR NOT ((e #>> '{}') = ANY (r.choices))) THEN 'unknown_code'
          -- Lists are kept sorted and without repeats (the canonical form both sides hash).
          WHEN kv.value <> (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x COLLATE "C"), '[]')
                       FROM (SELECT DISTINCT e #>> '{}' AS x FROM jsonb_array_elements(kv.value) e) d) THEN 'not_canonical' END
        ELSE 'unknown_field'
      END AS problem) p
             WHERE c->>'id' IS NOT NULL AND (r.field IS NULL OR p.problem IS NOT NULL)
             ORDER BY c->>'id', kv.key) x);
END $$;

-- Stamps of a batch ahead of the server's clock, each with the stamp the server stores instead:
-- the server's time, counting on from the device's last clamped stamp, in the order of the
-- device's own stamps (an object: sent stamp -> stored stamp; '{}' when none is ahead).
CREATE OR REPLACE FUNCTION tutor._clamped_stamps(p_device text, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  now_ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  last text;
  base_ms bigint;
  base_c bigint := 0;
  out jsonb;
  top text;
BEGIN
  SELECT d.last_clamp INTO last FROM tutor.devices d WHERE d.device = p_device;
  base_ms := now_ms;
  IF last IS NOT NULL AND split_part(last, '-', 1)::bigint >= now_ms THEN
    base_ms := split_part(last, '-', 1)::bigint;
    base_c := split_part(last, '-', 2)::bigint;
  END IF;
  WITH ahead AS (
    SELECT DISTINCT st.value AS sent
      FROM jsonb_array_elements(p_changes) c
      CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(c->'stamps') = 'object' THEN c->'stamps' END) st
     WHERE st.value ~ '^[0-9]{13}-[0-9]{6}-[0-9a-f]{16,32}$' AND split_part(st.value, '-', 3) = p_device
       AND split_part(st.value, '-', 1)::bigint > now_ms
  ), numbered AS (
    SELECT sent, base_c + row_number() OVER (ORDER BY sent COLLATE "C") AS n FROM ahead
  )
  SELECT jsonb_object_agg(sent, lpad((base_ms + n / 1000000)::text, 13, '0') || '-'
                                || lpad((n % 1000000)::text, 6, '0') || '-' || p_device),
         max((lpad((base_ms + n / 1000000)::text, 13, '0') || '-' || lpad((n % 1000000)::text, 6, '0') || '-'
              || p_device) COLLATE "C")
    INTO out, top FROM numbered;
  IF top IS NOT NULL THEN
    UPDATE tutor.devices SET last_clamp = top WHERE device = p_device;
  END IF;
  RETURN coalesce(out, '{}');
END $$;

-- The dossier a changed row belongs to: from the server's row when it exists (it never changes),
-- else from the change; NULL for a row outside every dossier (tutors, investors).
CREATE OR REPLACE FUNCTION tutor._project_of(ent tutor.entities, p_row uuid, cur jsonb, f jsonb) RETURNS uuid
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN ent.project_key = 'id' THEN p_row
            WHEN ent.project_key IS NOT NULL THEN coalesce(cur->>'project_id', f->>'project_id')::uuid END;

-- Who may write what: NULL when allowed, else the reason of the refusal.
CREATE OR REPLACE FUNCTION tutor._refusal(me tutor.users, ent tutor.entities, p_row uuid, p_project uuid,
                                          cur jsonb, p_fields jsonb, vis uuid[]) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  k text;
BEGIN
  IF cur IS NOT NULL THEN
    FOR k IN SELECT jsonb_object_keys(p_fields) LOOP
      IF k = ANY(ent.immutable) AND p_fields->k IS DISTINCT FROM cur->k THEN
        RETURN 'immutable';
      END IF;
    END LOOP;
  END IF;
  CASE ent.name
  WHEN 'tutors' THEN
    -- Role and area are the server's (tutor.users); a tutor edits their own name, e-mail, initials.
    IF cur IS NOT NULL AND (p_fields ? 'role' OR p_fields ? 'provinces') THEN
      RETURN 'forbidden';
    END IF;
    IF cur IS NULL AND me.tutor_id IS NOT NULL THEN
      RETURN 'forbidden';
    END IF;
    IF cur IS NOT NULL AND p_row IS DISTINCT FROM me.tutor_id AND me.role <> 'coordinator' THEN
      RETURN 'forbidden';
    END IF;
  WHEN 'investors' THEN
    -- Merging duplicates (``merged_into`` set or cleared) is a coordinator's (DESIGN §6); the
    -- investor kept is another one, on the server and not itself deleted.
    IF p_fields ? 'merged_into'
       AND p_fields->'merged_into' IS DISTINCT FROM coalesce(cur->'merged_into', 'null'::jsonb) THEN
      IF me.role <> 'coordinator' THEN
        RETURN 'merge_coordinators_only';
      END IF;
      IF jsonb_typeof(p_fields->'merged_into') = 'string' AND (
           (p_fields->>'merged_into')::uuid = p_row
           OR NOT EXISTS (SELECT 1 FROM tutor.investors i WHERE i.id = (p_fields->>'merged_into')::uuid
                                                            AND i.deleted IS FALSE)) THEN
        RETURN 'merge_target';
      END IF;
    END IF;
    -- The region's directory of companies: everyone adds and corrects it; but a company that live
    -- dossiers name stays (duplicates are merged by a coordinator, not deleted by a tutor). A
    -- merged one may go: its dossiers move to the investor kept (72_investor_merge.sql).
    IF (p_fields->>'deleted')::boolean IS TRUE
       AND jsonb_typeof(coalesce(p_fields->'merged_into', cur->'merged_into')) IS DISTINCT FROM 'string'
       AND EXISTS (SELECT 1 FROM tutor.projects p WHERE p.investor_id = p_row AND p.deleted IS FALSE) THEN
      RETURN 'investor_in_use';
    END IF;
  WHEN 'contacts' THEN
    NULL;
  WHEN 'projects' THEN
    IF cur IS NOT NULL AND NOT (vis IS NULL OR p_row = ANY(vis)) THEN
      RETURN 'not_assigned';
    END IF;
  WHEN 'conflicts' THEN
    -- Records are made by the server; users only mark them resolved.
    IF cur IS NULL OR EXISTS (SELECT 1 FROM jsonb_object_keys(p_fields) f WHERE f <> 'resolved') THEN
      RETURN 'forbidden';
    END IF;
    IF p_project IS NOT NULL AND NOT (vis IS NULL OR p_project = ANY(vis)) THEN
      RETURN 'not_assigned';
    END IF;
  WHEN 'assignments' THEN
    IF me.role <> 'coordinator' THEN
      -- The server assigns a new project to its creator; the creator's own copy of that row may
      -- arrive afterwards, and is accepted when it says the same thing.
      IF cur IS NULL OR EXISTS (SELECT 1 FROM jsonb_object_keys(p_fields) f WHERE p_fields->f IS DISTINCT FROM cur->f) THEN
        RETURN 'forbidden';
      END IF;
    END IF;
  ELSE
    IF p_project IS NULL OR NOT (vis IS NULL OR p_project = ANY(vis)) THEN
      RETURN 'not_assigned';
    END IF;
  END CASE;
  RETURN NULL;
END $$;
