"use server";
/** Server actions of the clinics screen: the same endpoints as /api/v1/clinics. */
import { revalidatePath } from "next/cache";
import { createClinicEndpoint, updateClinicEndpoint } from "@/lib/endpoints/admin";
import { serverAction } from "@/lib/http/action";

const after = () => revalidatePath("/admin/clinics");
const create = serverAction(createClinicEndpoint, { input: (f) => ({ name: String(f.get("name") ?? "") }), after });
const update = serverAction(updateClinicEndpoint, {
  input: (f) => {
    const intent = String(f.get("intent") ?? "rename");
    const body =
      intent === "rename" ? { name: String(f.get("name") ?? "") }
      : intent === "marker" ? { markerSideMm: String(f.get("markerSideMm") ?? "") }
      : intent === "mrnSystem" ? { mrnSystem: String(f.get("mrnSystem") ?? "") }
      : { active: intent === "reactivate" };
    return { id: String(f.get("id") ?? ""), body };
  },
  after,
});

export async function createClinicAction(...args: Parameters<typeof create>) {
  return create(...args);
}

export async function updateClinicAction(...args: Parameters<typeof update>) {
  return update(...args);
}
