-- Audit log integrity: ids follow lock order, each row's hash chains to the previous row, and the
-- table refuses UPDATE, DELETE and TRUNCATE for every role (the owner must drop the trigger first,
-- which is itself a schema change outside the app's privileges).
CREATE OR REPLACE FUNCTION audit_row_hash(prev text, r audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    coalesce(prev, ''), r.id::text,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.actor_id::text, ''), coalesce(r.actor_role::text, ''), r.action, r.resource_type,
    coalesce(r.resource_id, ''), coalesce(r.patient_id::text, ''), r.outcome::text,
    coalesce(r.ip, ''), coalesce(r.request_id, ''), coalesce(r.details::text, '')
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is held until commit, so the next writer
  -- sees this row. The id is re-drawn under the lock so id order equals chain order.
  PERFORM pg_advisory_xact_lock(7419250001);
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_row_hash(last_hash, NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_immutable();
--> statement-breakpoint
-- Wake the outbox relay as soon as a job row commits (it also polls, so a missed NOTIFY only delays).
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', NEW.id::text);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
  FOR EACH ROW EXECUTE FUNCTION outbox_notify();
