import { z } from "zod";
import { issueApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute(["admin"], async ({ ctx }) => json({ items: await listApiTokens(db, ctx), nextCursor: null }));

export const POST = apiRoute(["admin"], async ({ req, ctx }) => json(await issueApiToken(db, ctx, await readJson(req, z.unknown())), 201));
