import { z } from "zod";
import { db } from "@/lib/db/client";
import { readQuery } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { IMAGE_VARIANTS, readPhotoImage } from "@/lib/photos/service";

const query = z.strictObject({ variant: z.enum(IMAGE_VARIANTS).default("display") });

export const GET = apiRoute<{ id: string }>("any", async ({ req, params, ctx }) => {
  const { variant } = readQuery(req, query);
  const bytes = await readPhotoImage(db, ctx, params.id, variant);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "image/jpeg",
      "content-length": String(bytes.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
    },
  });
});
