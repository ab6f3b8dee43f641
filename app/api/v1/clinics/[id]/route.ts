import { z } from "zod";
import { getClinic, updateClinic } from "@/lib/clinics/service";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

type P = { id: string };

export const GET = apiRoute<P>(["admin"], async ({ params, ctx }) => json(await getClinic(db, ctx, params.id)));

/** Rename, deactivate (also deactivates its referrers) or reactivate. */
export const PATCH = apiRoute<P>(["admin"], async ({ req, params, ctx }) => json(await updateClinic(db, ctx, params.id, await readJson(req, z.unknown()))));
