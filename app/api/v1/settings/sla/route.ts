import { z } from "zod";
import { readSlaSettings, saveSlaSettings } from "@/lib/sla/settings";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute(["admin"], async ({ ctx }) => json(await readSlaSettings(db, ctx)));

/** Replace the settings: `{hours: {urgent, soon, routine}, atRiskFraction}`; new deadlines use them. */
export const PUT = apiRoute(["admin"], async ({ req, ctx }) => json(await saveSlaSettings(db, ctx, await readJson(req, z.unknown()))));
