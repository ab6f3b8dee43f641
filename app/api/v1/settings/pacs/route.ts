import { readPacsSettingsEndpoint, savePacsSettingsEndpoint } from "@/lib/endpoints/dicom";
import { from, route } from "@/lib/http/route";

/** The PACS endpoint; header values come back masked. */
export const GET = route(readPacsSettingsEndpoint);

/** `{stowUrl, headers?, sendOn}`: headers omitted keep the stored ones (lib/dicom/pacs-settings.ts). */
export const PUT = route(savePacsSettingsEndpoint, { input: from.json });
