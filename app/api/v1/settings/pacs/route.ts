import { readPacsSettingsEndpoint, savePacsSettingsEndpoint } from "@/lib/endpoints/dicom";
import { from, route } from "@/lib/http/route";

export const GET = route(readPacsSettingsEndpoint);

/** `{stowUrl, headers?, sendOn}`: headers omitted keep the stored ones. */
export const PUT = route(savePacsSettingsEndpoint, { input: from.json });
