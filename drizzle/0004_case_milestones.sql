CREATE TABLE "case_milestones" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"submitted_at" timestamp with time zone,
	"triaged_at" timestamp with time zone,
	"first_claim_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"answered_by" uuid,
	"paused_in_s" numeric DEFAULT 0 NOT NULL,
	"paused_out_s" numeric DEFAULT 0 NOT NULL,
	"pause_entries" integer DEFAULT 0 NOT NULL,
	"pause_exits" integer DEFAULT 0 NOT NULL,
	"last_paused_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_milestones" ADD CONSTRAINT "case_milestones_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_milestones_submitted_idx" ON "case_milestones" USING btree ("submitted_at");--> statement-breakpoint
-- Maintained from case_events in the event's own transaction: reports are never stale.
CREATE OR REPLACE FUNCTION case_milestones_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.to_status = 'draft' THEN
    RETURN NEW; -- a draft has no milestones yet (and may be deleted)
  END IF;
  INSERT INTO case_milestones AS m (case_id, submitted_at, triaged_at, first_claim_at, answered_at, closed_at, answered_by,
                                    paused_in_s, paused_out_s, pause_entries, pause_exits, last_paused_at)
  VALUES (
    NEW.case_id,
    CASE WHEN NEW.to_status = 'submitted' THEN NEW.at END,
    CASE WHEN NEW.to_status = 'triaged' THEN NEW.at END,
    CASE WHEN NEW.to_status = 'in_review' THEN NEW.at END,
    CASE WHEN NEW.to_status = 'answered' THEN NEW.at END,
    CASE WHEN NEW.to_status = 'closed' THEN NEW.at END,
    CASE WHEN NEW.to_status = 'answered' THEN NEW.actor_id END,
    CASE WHEN NEW.to_status = 'awaiting_info' THEN extract(epoch from NEW.at) ELSE 0 END,
    CASE WHEN NEW.from_status = 'awaiting_info' THEN extract(epoch from NEW.at) ELSE 0 END,
    (NEW.to_status = 'awaiting_info')::int,
    (NEW.from_status = 'awaiting_info')::int,
    CASE WHEN NEW.to_status = 'awaiting_info' THEN NEW.at END
  )
  ON CONFLICT (case_id) DO UPDATE SET
    submitted_at = least(m.submitted_at, excluded.submitted_at),
    triaged_at = least(m.triaged_at, excluded.triaged_at),
    first_claim_at = least(m.first_claim_at, excluded.first_claim_at),
    answered_at = least(m.answered_at, excluded.answered_at),
    closed_at = least(m.closed_at, excluded.closed_at),
    answered_by = CASE WHEN excluded.answered_at IS NOT NULL AND (m.answered_at IS NULL OR excluded.answered_at < m.answered_at)
                       THEN excluded.answered_by ELSE m.answered_by END,
    paused_in_s = m.paused_in_s + excluded.paused_in_s,
    paused_out_s = m.paused_out_s + excluded.paused_out_s,
    pause_entries = m.pause_entries + excluded.pause_entries,
    pause_exits = m.pause_exits + excluded.pause_exits,
    last_paused_at = greatest(m.last_paused_at, excluded.last_paused_at);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_milestones_apply AFTER INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_milestones_apply();
--> statement-breakpoint
-- Backfill from the events already recorded.
INSERT INTO case_milestones (case_id, submitted_at, triaged_at, first_claim_at, answered_at, closed_at, answered_by,
                             paused_in_s, paused_out_s, pause_entries, pause_exits, last_paused_at)
SELECT e.case_id,
       min(e.at) FILTER (WHERE e.to_status = 'submitted'),
       min(e.at) FILTER (WHERE e.to_status = 'triaged'),
       min(e.at) FILTER (WHERE e.to_status = 'in_review'),
       min(e.at) FILTER (WHERE e.to_status = 'answered'),
       min(e.at) FILTER (WHERE e.to_status = 'closed'),
       (array_agg(e.actor_id ORDER BY e.at) FILTER (WHERE e.to_status = 'answered'))[1],
       coalesce(sum(extract(epoch from e.at)) FILTER (WHERE e.to_status = 'awaiting_info'), 0),
       coalesce(sum(extract(epoch from e.at)) FILTER (WHERE e.from_status = 'awaiting_info'), 0),
       count(*) FILTER (WHERE e.to_status = 'awaiting_info'),
       count(*) FILTER (WHERE e.from_status = 'awaiting_info'),
       max(e.at) FILTER (WHERE e.to_status = 'awaiting_info')
FROM case_events e
WHERE e.to_status <> 'draft'
GROUP BY e.case_id
ON CONFLICT (case_id) DO NOTHING;
