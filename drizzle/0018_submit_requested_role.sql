ALTER TABLE "cases" ADD COLUMN "submit_requested_role" "role";--> statement-breakpoint
-- Marks already pending take their requester's current role (the worker writes it as the event's actor role).
UPDATE "cases" SET "submit_requested_role" = "users"."role" FROM "users" WHERE "cases"."submit_requested_by" = "users"."id" AND "cases"."submit_requested_role" IS NULL;
