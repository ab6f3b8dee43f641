CREATE TABLE "lesions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"label" text NOT NULL,
	"body_site" text NOT NULL,
	"body_map_x" double precision,
	"body_map_y" double precision,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesions_body_map_point" CHECK (("lesions"."body_map_x" IS NULL) = ("lesions"."body_map_y" IS NULL) AND coalesce("lesions"."body_map_x" BETWEEN 0 AND 1 AND "lesions"."body_map_y" BETWEEN 0 AND 1, true))
);
--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "lesion_id" uuid;--> statement-breakpoint
ALTER TABLE "lesions" ADD CONSTRAINT "lesions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesions" ADD CONSTRAINT "lesions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesions" ADD CONSTRAINT "lesions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesions_patient_idx" ON "lesions" USING btree ("patient_id","created_at");--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_lesion_id_lesions_id_fk" FOREIGN KEY ("lesion_id") REFERENCES "public"."lesions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "photos_lesion_idx" ON "photos" USING btree ("lesion_id");