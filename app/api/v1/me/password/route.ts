import { changePasswordEndpoint } from "@/lib/endpoints/account";
import { from, route } from "@/lib/http/route";

export const POST = route(changePasswordEndpoint, { input: from.json });
