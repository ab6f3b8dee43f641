-- Every change that could end a session or alter who its holder is announces itself on the
-- `auth_changed` channel, from the writing transaction (delivered at commit, whoever the writer is:
-- the app, the worker or a DBA at a psql prompt). lib/auth/session-cache.ts listens and forgets
-- what it remembered about that session or user. A session's last-seen time moving forward is the
-- one change that is not announced: it is the routine touch, and it cannot end a session.
CREATE OR REPLACE FUNCTION auth_changed_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('auth_changed', CASE TG_TABLE_NAME WHEN 'users' THEN 'u:' ELSE 's:' END || OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER user_sessions_auth_changed AFTER UPDATE ON user_sessions
  FOR EACH ROW
  WHEN ((NEW.revoked_at, NEW.user_id, NEW.created_at) IS DISTINCT FROM (OLD.revoked_at, OLD.user_id, OLD.created_at)
        OR NEW.last_seen_at < OLD.last_seen_at)
  EXECUTE FUNCTION auth_changed_notify();
--> statement-breakpoint
CREATE TRIGGER user_sessions_auth_deleted AFTER DELETE ON user_sessions
  FOR EACH ROW EXECUTE FUNCTION auth_changed_notify();
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE ON users
  FOR EACH ROW
  WHEN ((NEW.role, NEW.clinic_id, NEW.email, NEW.name, NEW.active, NEW.mfa_enabled_at)
        IS DISTINCT FROM (OLD.role, OLD.clinic_id, OLD.email, OLD.name, OLD.active, OLD.mfa_enabled_at))
  EXECUTE FUNCTION auth_changed_notify();
--> statement-breakpoint
CREATE TRIGGER users_auth_deleted AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION auth_changed_notify();
