"use server";
/** "Send to PACS again" on the admin case page: the same endpoint as POST /api/v1/cases/{id}/pacs-sends. */
import { revalidatePath } from "next/cache";
import { requestPacsSendEndpoint } from "@/lib/endpoints/dicom";
import { serverAction } from "@/lib/http/action";

const send = serverAction(requestPacsSendEndpoint, {
  input: (f) => ({ id: String(f.get("id") ?? "") }),
  after: (_data, { id }) => revalidatePath(`/admin/cases/${id}`),
});

export async function sendToPacsAction(...args: Parameters<typeof send>) {
  return send(...args);
}
