/** Endpoints of a patient's lesions (SPEC §15): list with photos, create, and link a photo to one. */
import { defineEndpoint } from "../http/endpoint";
import { createLesion, linkPhotoToLesion, listLesions } from "../lesions/service";
import { lesionTimeline } from "../lesions/timeline";
import { idAndBodyInput, idInput } from "./ids";

export const listLesionsEndpoint = defineEndpoint({
  name: "lesions.list",
  roles: ["referrer", "specialist", "admin"],
  input: idInput,
  run: (db, ctx, { id }) => listLesions(db, ctx, id),
});

export const createLesionEndpoint = defineEndpoint({
  name: "lesions.create",
  roles: ["referrer"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => createLesion(db, ctx, id, body),
});

export const linkPhotoLesionEndpoint = defineEndpoint({
  name: "photos.lesion.link",
  roles: ["referrer", "specialist"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => linkPhotoToLesion(db, ctx, id, body),
});

export const lesionTimelineEndpoint = defineEndpoint({
  name: "lesions.timeline",
  roles: ["referrer", "specialist", "admin"],
  input: idInput,
  run: (db, ctx, { id }) => lesionTimeline(db, ctx, id),
});
