-- Records are hidden through their parents in the server's own counts, as on every replica: a
-- record of a deleted dossier, and an action item of a deleted meeting, are not counted (issue 10:
-- a random run left live action items under deleted meetings, still counted as open). The children
-- are never tombstoned with their parent, so restoring the parent brings them back as they were.
-- The client's one definition of the same rule is ``store.queries.LIVE_ACTION_ITEMS``.

CREATE OR REPLACE FUNCTION tutor.admin_status() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tutor, pg_temp SET jit = off AS $$
  WITH live_projects AS (SELECT id FROM tutor.projects WHERE NOT deleted),
       live_meetings AS (SELECT m.id FROM tutor.meetings m JOIN live_projects p ON p.id = m.project_id
                          WHERE NOT m.deleted),
       live_actions AS (SELECT a.done FROM tutor.action_items a JOIN live_meetings m ON m.id = a.meeting_id
                         WHERE NOT a.deleted)
  SELECT jsonb_build_object(
    'schema', (SELECT version_num FROM tutor.alembic_version LIMIT 1),
    'protocol', (SELECT value::integer FROM tutor.meta WHERE key = 'protocol'),
    'role_prefix', (SELECT value FROM tutor.meta WHERE key = 'role_prefix'),
    'head', (SELECT rev FROM tutor.counter),
    'users', (SELECT coalesce(jsonb_agg(jsonb_build_object('role_name', role_name, 'role', role,
                       'provinces', to_jsonb(provinces), 'linked', tutor_id IS NOT NULL) ORDER BY role_name), '[]')
              FROM tutor.users),
    'projects', (SELECT count(*) FROM live_projects),
    'meetings', (SELECT count(*) FROM live_meetings),
    'action_items', (SELECT count(*) FROM live_actions),
    'open_actions', (SELECT count(*) FROM live_actions WHERE NOT done),
    'permit_items', (SELECT count(*) FROM tutor.permit_items i JOIN live_projects p ON p.id = i.project_id
                      WHERE NOT i.deleted),
    'aftercare_notes', (SELECT count(*) FROM tutor.aftercare_notes n JOIN live_projects p ON p.id = n.project_id
                         WHERE NOT n.deleted),
    'open_conflicts', (SELECT count(*) FROM tutor.conflicts WHERE NOT resolved AND NOT deleted),
    'devices', (SELECT count(*) FROM tutor.devices),
    'applied_changes', (SELECT count(*) FROM tutor.applied_changes))
$$;

-- CREATE OR REPLACE keeps the grants of 0001_security (the administrator's alone); said again so
-- that this file holds on its own.
REVOKE ALL ON FUNCTION tutor.admin_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tutor.admin_status() TO @ADMIN@;
