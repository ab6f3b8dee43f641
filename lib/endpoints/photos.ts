/** Endpoints of clinical photos (SPEC §4): upload (a streamed multipart body), metadata, bytes, removal. */
import { z } from "zod";
import { defineEndpoint } from "../http/endpoint";
import { getPhoto, IMAGE_VARIANTS, readPhotoImage, removePhoto, uploadPhoto } from "../photos/service";
import { idInput } from "./ids";

/** The service reads the multipart body itself, as a stream with its own limits. */
export const uploadPhotoEndpoint = defineEndpoint({
  name: "photos.upload",
  roles: ["referrer"],
  input: z.object({ id: z.string(), request: z.instanceof(Request) }),
  run: async (db, ctx, { id, request }) => ({ ...(await uploadPhoto(db, ctx, id, request)) }),
});

export const getPhotoEndpoint = defineEndpoint({
  name: "photos.get",
  roles: "any",
  input: idInput,
  run: (db, ctx, { id }) => getPhoto(db, ctx, id),
});

/** The JPEG bytes of one rendition (audited by the service). */
export const photoImageEndpoint = defineEndpoint({
  name: "photos.image",
  roles: "any",
  input: z.strictObject({ id: z.string(), variant: z.enum(IMAGE_VARIANTS).default("display") }),
  smartRead: "Media",
  run: (db, ctx, { id, variant }) => readPhotoImage(db, ctx, id, variant),
});

export const removePhotoEndpoint = defineEndpoint({
  name: "photos.remove",
  roles: ["referrer"],
  input: idInput,
  run: async (db, ctx, { id }) => {
    await removePhoto(db, ctx, id);
    return null;
  },
});
