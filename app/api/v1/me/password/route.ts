import { z } from "zod";
import { changePassword } from "@/lib/auth/account";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const POST = apiRoute("any", async ({ req, ctx }) => json(await changePassword(db, ctx, await readJson(req, z.unknown()))));
