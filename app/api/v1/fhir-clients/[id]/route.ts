import { z } from "zod";
import { updateFhirClient } from "@/lib/smart/fhir-clients";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

type P = { id: string };

/** Deactivate or reactivate, change scopes, rotate inline keys. */
export const PATCH = apiRoute<P>(["admin"], async ({ req, params, ctx }) => json(await updateFhirClient(db, ctx, params.id, await readJson(req, z.unknown()))));
