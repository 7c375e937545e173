-- Revision 0008, the administrator's side (issue 10 point 8: one session can stop everyone's sync).
--
-- The sessions IT's watchdog ends (`tutor-app server watchdog`, tutor_app/sync/watchdog.py): users'
-- sessions on this database that, for longer than the bound,
--   * sit idle inside a transaction (whatever they hold: a tutor's psql left after
--     `BEGIN; SELECT tutor.push(...)` holds the commit-order counter until it ends), or
--   * are in a transaction that holds a lock stronger than a reader's on a Tutor table (the
--     counter's row lock comes with one: every writer takes it), or that another session waits for
--     (any lock, advisory ones included).
-- A long reader that holds only reading locks stops no sync; its statement_timeout bounds it.
-- The time is the transaction's age (for the idle ones, how long they have been idle): a lock is
-- held at most that long, and a user's transaction that writes is one short statement (the sync
-- functions), so an old one is a session left holding what others need.
--
-- SECURITY INVOKER: it sees what the administrator sees. The administrators' group is made a member
-- of every user's login role by `server init` and `server add-user` (tutor_app/sync/admin.py), which
-- lets them see those sessions in pg_stat_activity and end them with pg_terminate_backend. Users
-- are the direct members of the users' group (the administrators are members of the users' roles,
-- so they are the group's indirect members, and never listed here). No query text is returned: a
-- user's statement may hold anything, a password included.
CREATE OR REPLACE FUNCTION tutor.admin_stuck_sessions(p_max_hold_s double precision)
RETURNS TABLE (pid integer, role_name text, reason text, held_s double precision, application text,
               client text)
LANGUAGE sql VOLATILE SET search_path = pg_catalog, tutor, pg_temp AS $$
  WITH users AS (
    SELECT m.member FROM pg_auth_members m WHERE m.roleid = '@USERS@'::regrole
  ), sessions AS (
    SELECT a.pid, a.usename::text AS role_name, a.state, a.application_name, a.client_addr,
           extract(epoch FROM clock_timestamp() - a.xact_start)::double precision AS xact_s,
           extract(epoch FROM clock_timestamp() - a.state_change)::double precision AS state_s
      FROM pg_stat_activity a
     WHERE a.datname = current_database() AND a.usesysid IN (SELECT member FROM users)
       AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
  ), holding AS (
    SELECT DISTINCT l.pid
      FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
     WHERE l.granted AND l.locktype = 'relation' AND l.mode <> 'AccessShareLock'
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND c.relnamespace = 'tutor'::regnamespace
    UNION
    SELECT DISTINCT unnest(pg_blocking_pids(w.pid)) FROM pg_locks w WHERE NOT w.granted
  )
  SELECT s.pid, s.role_name,
         CASE WHEN s.state LIKE 'idle in transaction%' THEN 'idle_in_transaction' ELSE 'holding_lock' END,
         CASE WHEN s.state LIKE 'idle in transaction%' THEN s.state_s ELSE s.xact_s END,
         s.application_name::text, host(s.client_addr)
    FROM sessions s
   WHERE (s.state LIKE 'idle in transaction%' AND s.state_s > p_max_hold_s)
      OR (s.xact_s > p_max_hold_s AND s.pid IN (SELECT h.pid FROM holding h))
   ORDER BY 4 DESC
$$;

REVOKE ALL ON FUNCTION tutor.admin_stuck_sessions(double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tutor.admin_stuck_sessions(double precision) TO @ADMIN@;
