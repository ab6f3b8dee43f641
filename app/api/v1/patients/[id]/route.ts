import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { getPatient } from "@/lib/patients/service";

export const GET = apiRoute<{ id: string }>(["referrer"], async ({ params, ctx }) => json(await getPatient(db, ctx, params.id)));
