"use server";
/** Saving the PACS settings from its settings page: the same endpoint as PUT /api/v1/settings/pacs. */
import { revalidatePath } from "next/cache";
import { savePacsSettingsEndpoint } from "@/lib/endpoints/dicom";
import { Invalid } from "@/lib/errors";
import { serverAction } from "@/lib/http/action";

/** "Name: value" lines → a header map; any other line is refused beside the headers field. */
function headerLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(":");
    if (at <= 0) throw Invalid("Validation failed", { headers: ["Write one header per line as Name: value"] });
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const save = serverAction(savePacsSettingsEndpoint, {
  input: (form) => {
    const stowUrl = String(form.get("stowUrl") ?? "").trim();
    const typed = String(form.get("headers") ?? "").trim();
    const headers = typed ? headerLines(typed) : form.get("clearHeaders") === "1" ? {} : undefined;
    return { stowUrl: stowUrl || null, sendOn: form.get("sendOn"), ...(headers !== undefined ? { headers } : {}) };
  },
  after: () => revalidatePath("/admin/settings/pacs"),
});

export async function savePacsAction(...args: Parameters<typeof save>) {
  return save(...args);
}
