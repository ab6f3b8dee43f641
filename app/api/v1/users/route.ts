import { listUsers, inviteUser, userListQuerySchema } from "@/lib/identity/users";
import { db } from "@/lib/db/client";
import { readJson, readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { z } from "zod";

export const GET = apiRoute(["admin"], async ({ req, ctx }) => json(await listUsers(db, ctx, readQuery(req, userListQuerySchema))));

/** Invite: creates the account and e-mails a single-use set-password link. */
export const POST = apiRoute(["admin"], async ({ req, ctx }) => json(await inviteUser(db, ctx, await readJson(req, z.unknown())), 201));
