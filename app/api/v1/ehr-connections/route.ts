import { z } from "zod";
import { createConnection, listConnections } from "@/lib/smart/connections";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute(["admin"], async ({ ctx }) => json(await listConnections(db, ctx)));

export const POST = apiRoute(["admin"], async ({ req, ctx }) => json(await createConnection(db, ctx, await readJson(req, z.unknown())), 201));
