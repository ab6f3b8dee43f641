/** Endpoints of the signed-in user's in-app notifications (SPEC §6). */
import { defineEndpoint } from "../http/endpoint";
import { inboxQuerySchema, listNotifications, markNotificationsRead, markReadSchema, unreadNotificationCount } from "../notifications/inbox";

/** Newest first, with `unreadCount`. */
export const listNotificationsEndpoint = defineEndpoint({
  name: "notifications.list",
  roles: "any",
  input: inboxQuerySchema,
  run: (db, ctx, q) => listNotifications(db, ctx.actor, q),
});

/** `{ids: [...]}` or `{all: true}` → `{marked, unreadCount}`. */
export const markNotificationsReadEndpoint = defineEndpoint({
  name: "notifications.read",
  roles: "any",
  input: markReadSchema,
  run: async (db, ctx, input) => {
    const marked = await markNotificationsRead(db, ctx.actor, input);
    return { marked, unreadCount: await unreadNotificationCount(db, ctx.actor) };
  },
});
