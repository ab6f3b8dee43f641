-- Least privilege for the running app (SPEC §9, issue 6): the web app and worker switch to the
-- role dermrelay_app on every pooled connection (lib/db/client.ts). It may read and write the
-- domain tables but only SELECT and INSERT the audit log, and owns nothing, so it cannot alter the
-- schema or disable the audit triggers. Migrations run as the owner, without that switch.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dermrelay_app') THEN
    CREATE ROLE dermrelay_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT dermrelay_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO dermrelay_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dermrelay_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dermrelay_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dermrelay_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO dermrelay_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM dermrelay_app;
