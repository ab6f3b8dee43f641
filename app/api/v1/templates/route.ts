import { z } from "zod";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { createTemplate, listTemplates } from "@/lib/reviews/templates";

export const GET = apiRoute(["specialist"], async ({ ctx }) => json({ items: await listTemplates(db, ctx) }));

export const POST = apiRoute(["specialist"], async ({ req, ctx }) => json(await createTemplate(db, ctx, await readJson(req, z.unknown())), 201));
