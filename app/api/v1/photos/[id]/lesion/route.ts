/** Link a photo to a lesion of its patient (SPEC §15): `{lesionId}`, `{lesionId: null}` or `{newLesion}`. */
import { linkPhotoLesionEndpoint } from "@/lib/endpoints/lesions";
import { from, route } from "@/lib/http/route";

export const PUT = route(linkPhotoLesionEndpoint, { input: from.jsonAndParams<{ id: string }> });
