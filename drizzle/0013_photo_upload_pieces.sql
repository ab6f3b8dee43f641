CREATE TABLE "photo_upload_pieces" (
	"upload_id" uuid NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"object_key" text NOT NULL,
	CONSTRAINT "photo_upload_pieces_upload_id_start_offset_pk" PRIMARY KEY("upload_id","start_offset")
);
--> statement-breakpoint
ALTER TABLE "photo_upload_pieces" ADD CONSTRAINT "photo_upload_pieces_upload_id_photo_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."photo_uploads"("id") ON DELETE cascade ON UPDATE no action;