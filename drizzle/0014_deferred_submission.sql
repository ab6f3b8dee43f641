ALTER TABLE "cases" ADD COLUMN "submit_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "submit_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "submit_held_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_submit_requested_by_users_id_fk" FOREIGN KEY ("submit_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;