import { markNotificationsReadEndpoint } from "@/lib/endpoints/notifications";
import { from, route } from "@/lib/http/route";

/** `{ids: [...]}` or `{all: true}` → `{marked, unreadCount}`. */
export const POST = route(markNotificationsReadEndpoint, { input: from.json });
