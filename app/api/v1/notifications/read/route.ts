import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { markNotificationsRead, markReadSchema, unreadNotificationCount } from "@/lib/notifications/inbox";

/** `{ids: [...]}` or `{all: true}` → `{marked, unreadCount}`. */
export const POST = apiRoute("any", async ({ req, ctx }) => {
  const marked = await markNotificationsRead(db, ctx.actor, await readJson(req, markReadSchema));
  return json({ marked, unreadCount: await unreadNotificationCount(db, ctx.actor) });
});
