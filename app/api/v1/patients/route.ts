import { db } from "@/lib/db/client";
import { readJson, readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { createPatient, patientSearchSchema, searchPatients } from "@/lib/patients/service";
import { z } from "zod";

export const POST = apiRoute(["referrer"], async ({ req, ctx }) => json(await createPatient(db, ctx, await readJson(req, z.unknown())), 201));

export const GET = apiRoute(["referrer"], async ({ req, ctx }) => {
  const items = await searchPatients(db, ctx, readQuery(req, patientSearchSchema));
  return json({ items, nextCursor: null });
});
