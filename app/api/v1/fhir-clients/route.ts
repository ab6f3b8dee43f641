import { z } from "zod";
import { createFhirClient, listFhirClients } from "@/lib/smart/fhir-clients";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute(["admin"], async ({ ctx }) => json(await listFhirClients(db, ctx)));

export const POST = apiRoute(["admin"], async ({ req, ctx }) => json(await createFhirClient(db, ctx, await readJson(req, z.unknown())), 201));
