CREATE TABLE "fhir_search_handles" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"caller_hash" text NOT NULL,
	"resource_type" text NOT NULL,
	"params" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fhir_search_handles" ADD CONSTRAINT "fhir_search_handles_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fhir_search_handles_owner_idx" ON "fhir_search_handles" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "fhir_search_handles_expires_idx" ON "fhir_search_handles" USING btree ("expires_at");