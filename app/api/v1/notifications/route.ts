import { db } from "@/lib/db/client";
import { readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { inboxQuerySchema, listNotifications } from "@/lib/notifications/inbox";

/** The signed-in user's notifications, newest first, with `unreadCount`. */
export const GET = apiRoute("any", async ({ req, ctx }) => json(await listNotifications(db, ctx.actor, readQuery(req, inboxQuerySchema))));
