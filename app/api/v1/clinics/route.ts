import { z } from "zod";
import { createClinic, listClinics } from "@/lib/clinics/service";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute(["admin"], async ({ ctx }) => json(await listClinics(db, ctx)));

export const POST = apiRoute(["admin"], async ({ req, ctx }) => json(await createClinic(db, ctx, await readJson(req, z.unknown())), 201));
