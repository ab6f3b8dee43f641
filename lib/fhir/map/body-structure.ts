/**
 * DermRelay lesion → FHIR R4 BodyStructure (SPEC §15): the lesion's label as the description,
 * its body site as a SNOMED CT location, the patient it belongs to; the optional body-map point
 * travels as a DermRelay extension (x, y in 0..1 of the body-map image).
 */
import type { BodyStructure } from "fhir/r4";
import type { lesions } from "../../db/schema";
import { bodySiteLabel } from "../../codes/body-sites";
import { SNOMED } from "../codes";
import { concept, metaOf, ref } from "./refs";

export const BODY_MAP_POINT_EXTENSION = "urn:dermrelay:fhir:StructureDefinition:body-map-point";

export function toBodyStructure(l: typeof lesions.$inferSelect): BodyStructure {
  return {
    resourceType: "BodyStructure",
    id: l.id,
    meta: metaOf(l.createdAt),
    ...(l.bodyMapX !== null && l.bodyMapY !== null
      ? {
          extension: [
            {
              url: BODY_MAP_POINT_EXTENSION,
              extension: [
                { url: "x", valueDecimal: l.bodyMapX },
                { url: "y", valueDecimal: l.bodyMapY },
              ],
            },
          ],
        }
      : {}),
    active: true,
    description: l.label,
    location: concept(SNOMED, l.bodySite, bodySiteLabel(l.bodySite)),
    patient: ref("Patient", l.patientId),
  };
}
