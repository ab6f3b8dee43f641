import { signOutEverywhereEndpoint } from "@/lib/endpoints/account";
import { route } from "@/lib/http/route";

export const POST = route(signOutEverywhereEndpoint);
