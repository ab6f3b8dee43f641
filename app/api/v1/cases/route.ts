import { z } from "zod";
import { createDraft } from "@/lib/cases/drafts";
import { caseListQuerySchema, listCases } from "@/lib/cases/list";
import { db } from "@/lib/db/client";
import { readJson, readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const POST = apiRoute(["referrer"], async ({ req, ctx }) => json(await createDraft(db, ctx, await readJson(req, z.unknown())), 201));

export const GET = apiRoute("any", async ({ req, ctx }) => json(await listCases(db, ctx, readQuery(req, caseListQuerySchema))));
