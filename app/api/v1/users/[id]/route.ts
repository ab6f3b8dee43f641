import { z } from "zod";
import { getUser, updateUser } from "@/lib/identity/users";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

type P = { id: string };

export const GET = apiRoute<P>(["admin"], async ({ params, ctx }) => json(await getUser(db, ctx, params.id)));

/** Change name, role, clinic or `active` (false ends the user's sessions at once). */
export const PATCH = apiRoute<P>(["admin"], async ({ req, params, ctx }) => json(await updateUser(db, ctx, params.id, await readJson(req, z.unknown()))));
