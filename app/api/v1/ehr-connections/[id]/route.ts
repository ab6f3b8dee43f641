import { z } from "zod";
import { getConnection, updateConnection } from "@/lib/smart/connections";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

type P = { id: string };

export const GET = apiRoute<P>(["admin"], async ({ params, ctx }) => json(await getConnection(db, ctx, params.id)));

export const PATCH = apiRoute<P>(["admin"], async ({ req, params, ctx }) => json(await updateConnection(db, ctx, params.id, await readJson(req, z.unknown()))));
