CREATE TABLE "ehr_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"iss" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" "bytea",
	"clinic_id" uuid NOT NULL,
	"scopes" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fhir_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"clinic_id" uuid NOT NULL,
	"service_user_id" uuid NOT NULL,
	"jwks" jsonb,
	"jwks_url" text,
	"scopes" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "smart_case_links" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"launch_id" uuid NOT NULL,
	"ehr_patient_id" text NOT NULL,
	"ehr_service_request_id" text,
	"writeback_status" text,
	"ehr_document_reference" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"filed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "smart_launches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"fhir_user" text NOT NULL,
	"user_id" uuid,
	"ehr_patient_id" text NOT NULL,
	"ehr_service_request_id" text,
	"binding_hash" text NOT NULL,
	"tokens" "bytea" NOT NULL,
	"access_expires_at" timestamp with time zone NOT NULL,
	"case_id" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "smart_user_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"fhir_user" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ehr_connections" ADD CONSTRAINT "ehr_connections_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_service_user_id_users_id_fk" FOREIGN KEY ("service_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_case_links" ADD CONSTRAINT "smart_case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_case_links" ADD CONSTRAINT "smart_case_links_connection_id_ehr_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."ehr_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_case_links" ADD CONSTRAINT "smart_case_links_launch_id_smart_launches_id_fk" FOREIGN KEY ("launch_id") REFERENCES "public"."smart_launches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_launches" ADD CONSTRAINT "smart_launches_connection_id_ehr_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."ehr_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_launches" ADD CONSTRAINT "smart_launches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_launches" ADD CONSTRAINT "smart_launches_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_user_links" ADD CONSTRAINT "smart_user_links_connection_id_ehr_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."ehr_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_user_links" ADD CONSTRAINT "smart_user_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ehr_connections_iss_key" ON "ehr_connections" USING btree ("iss");--> statement-breakpoint
CREATE INDEX "smart_case_links_pending_idx" ON "smart_case_links" USING btree ("connection_id") WHERE "smart_case_links"."writeback_status" = 'pending';--> statement-breakpoint
CREATE INDEX "smart_launches_user_idx" ON "smart_launches" USING btree ("user_id","connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "smart_user_links_key" ON "smart_user_links" USING btree ("connection_id","fhir_user");