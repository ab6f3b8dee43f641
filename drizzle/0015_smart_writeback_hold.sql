ALTER TABLE "smart_case_links" ADD COLUMN "writeback_hold" text;--> statement-breakpoint
ALTER TABLE "smart_case_links" ADD COLUMN "retry_at" timestamp with time zone;