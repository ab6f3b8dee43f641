/**
 * A photo as FHIR R4 Media (id = photo id): SNOMED body site, coded view, width and height, and
 * `content.url` pointing at the authorized image route. Never GPS, device or file names: the
 * stored renditions carry none and nothing here adds them. A photo linked to a lesion (SPEC §15)
 * references its BodyStructure through the R4 core extension `bodySite` on `Media.bodySite`
 * (R4 Media has no element for it; the extension's value is Reference(BodyStructure)).
 */
import type { Media } from "fhir/r4";
import { bodySiteLabel } from "../../codes/body-sites";
import { VIEW_LABEL } from "../../vocabulary";
import { env } from "../../env";
import type { CaseGraph, PhotoRowF } from "../graph";
import { drSystem, MEDIA_TYPE, SNOMED } from "../codes";
import { concept, metaOf, ref } from "./refs";

/** R4 core extension (context Element): the BodyStructure the coded body site is detailed by. */
export const BODY_STRUCTURE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/bodySite";

const STATUS = { processing: "preparation", ready: "completed", rejected: "not-done" } as const;

export const imageUrl = (photoId: string) => `${env.APP_URL}/api/v1/photos/${photoId}/image?variant=display`;

export function toMedia(g: CaseGraph, p: PhotoRowF): Media {
  return {
    resourceType: "Media",
    id: p.id,
    meta: metaOf(p.processedAt ?? p.createdAt),
    basedOn: [ref("ServiceRequest", g.case.id)],
    status: STATUS[p.status],
    type: concept(MEDIA_TYPE, "image", "Image"),
    view: concept(drSystem("photo-view"), p.view, VIEW_LABEL[p.view]),
    subject: ref("Patient", g.patient.id),
    createdDateTime: p.createdAt.toISOString(),
    bodySite: {
      ...(p.lesionId ? { extension: [{ url: BODY_STRUCTURE_EXTENSION, valueReference: ref("BodyStructure", p.lesionId) }] } : {}),
      ...concept(SNOMED, p.bodySite, bodySiteLabel(p.bodySite)),
    },
    ...(p.width ? { width: p.width } : {}),
    ...(p.height ? { height: p.height } : {}),
    content: { contentType: "image/jpeg", url: imageUrl(p.id), title: `${VIEW_LABEL[p.view]} photo` },
    ...(p.status === "rejected" && p.rejectReason ? { note: [{ text: p.rejectReason }] } : {}),
  };
}
