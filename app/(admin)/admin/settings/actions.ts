"use server";
/** Saving the SLA settings from the settings page (the endpoint of PUT /api/v1/settings/sla). */
import { revalidatePath } from "next/cache";
import { saveSlaSettingsEndpoint } from "@/lib/endpoints/admin";
import { serverAction } from "@/lib/http/action";

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? Number.NaN : Number(v));

const save = serverAction(saveSlaSettingsEndpoint, {
  input: (f) => ({
    hours: { urgent: num(f.get("urgent")), soon: num(f.get("soon")), routine: num(f.get("routine")) },
    atRiskFraction: num(f.get("atRiskPercent")) / 100,
  }),
  after: () => revalidatePath("/admin/settings"),
});

export async function saveSlaAction(...args: Parameters<typeof save>) {
  return save(...args);
}
