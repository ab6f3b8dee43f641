ALTER TABLE "clinics" ADD COLUMN "marker_side_mm" double precision DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "scale" jsonb;--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "measurement" jsonb;