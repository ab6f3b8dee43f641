import { meEndpoint } from "@/lib/endpoints/account";
import { route } from "@/lib/http/route";

export const GET = route(meEndpoint);
