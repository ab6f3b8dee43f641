import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute("any", async ({ ctx }) => {
  const { id, email, name, role, clinicId } = ctx.actor;
  return json({ id, email, name, role, clinicId });
});
