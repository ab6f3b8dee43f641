import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/route";
import { replyLetterForActor } from "@/lib/letters/reply-letter";

/** The PDF reply letter of an answered or closed case (SPEC §12); audited like a case read. */
export const GET = apiRoute<{ id: string }>("any", async ({ params, ctx }) => {
  const pdf = await replyLetterForActor(db, ctx, params.id);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-disposition": 'attachment; filename="dermrelay-reply.pdf"',
    },
  });
});
