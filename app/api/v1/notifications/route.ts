import { listNotificationsEndpoint } from "@/lib/endpoints/notifications";
import { from, route } from "@/lib/http/route";

/** The signed-in user's notifications, newest first, with `unreadCount`. */
export const GET = route(listNotificationsEndpoint, { input: from.query });
