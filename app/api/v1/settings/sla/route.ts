import { readSlaSettingsEndpoint, saveSlaSettingsEndpoint } from "@/lib/endpoints/admin";
import { from, route } from "@/lib/http/route";

export const GET = route(readSlaSettingsEndpoint);

/** Replace the settings: `{hours: {urgent, soon, routine}, atRiskFraction}`; new deadlines use them. */
export const PUT = route(saveSlaSettingsEndpoint, { input: from.json });
