import { replyLetterEndpoint } from "@/lib/endpoints/letters";
import { from, route } from "@/lib/http/route";

/** The PDF reply letter of an answered or closed case, as a download (SPEC §12). */
export const GET = route(replyLetterEndpoint, {
  input: from.params<{ id: string }>,
  respond: (pdf: Uint8Array) =>
    new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-length": String(pdf.length),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": 'attachment; filename="dermrelay-reply.pdf"',
      },
    }),
});
