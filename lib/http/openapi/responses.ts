/**
 * zod schemas of the response shapes SPEC §8 relies on, for the OpenAPI document (and through it
 * the integration suite's response check). Objects are loose: more fields are welcome, these are
 * relied on. Shapes the SPEC does not fix are described as "an object" only.
 */
import { z } from "zod";
import { DISPOSITIONS, ROLES } from "../../db/schema/enums";
import { PACS_SEND_STATUSES, PACS_SEND_TRIGGERS } from "../../db/schema/dicom";
import { PACS_SEND_ON, type PacsSettingsView } from "../../dicom/pacs-settings";
import type { PacsSendDto } from "../../dicom/pacs-sends";
import { photoMeasurementSchema, photoScaleSchema } from "../../measure/types";
import type { ManualMeasurementDto } from "../../measure/manual";
import type { EquityReport } from "../../metrics/equity";
import { SKIN_TYPES } from "../../metrics/skin-type";
import type { PhotoDto } from "../../photos/dto";
import type { EhrConnectionDto } from "../../smart/connections";
import type { FhirClientDto } from "../../smart/fhir-clients";

const id = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const errorEnvelope = z.strictObject({
  error: z.looseObject({
    code: z.enum(["bad_request", "unauthenticated", "forbidden", "not_found", "conflict", "payload_too_large", "unsupported_media_type", "invalid", "rate_limited", "unavailable", "internal"]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export const anyObject = z.looseObject({});

export const meResponse = z.looseObject({ id, email: z.string(), name: z.string(), role: z.enum(ROLES), clinicId: nullable(id) });

const triageReason = z.looseObject({ code: z.string(), label: z.string() });
const spread = z.looseObject({ median: nullable(z.number()), p90: nullable(z.number()) });

export const photoResponse = z.looseObject({
  id,
  caseId: id,
  view: z.string(),
  bodySite: z.string(),
  status: z.enum(["processing", "ready", "rejected"]),
  rejectReason: nullable(z.string()),
  width: nullable(z.number().int()),
  height: nullable(z.number().int()),
  quality: nullable(z.looseObject({ sharpness: z.number(), brightness: z.number(), flags: z.array(z.string()) })),
  /** SPEC §15: the calibration-sticker scale, null without a trustworthy marker (the worker's schema). */
  scale: nullable(photoScaleSchema),
  /** SPEC §15: the automatic lesion measurement, a suggestion (the worker's schema). */
  measurement: nullable(photoMeasurementSchema),
  lesionId: nullable(id),
  createdAt: instant,
});

export const photoCreated = z.looseObject({ id, status: z.enum(["processing", "ready", "rejected"]) });

export const caseResponse = z.looseObject({
  id,
  status: z.string(),
  priority: nullable(z.string()),
  triageScore: nullable(z.number()),
  triageReasons: z.array(triageReason),
  slaDueAt: nullable(instant),
  submittedAt: nullable(instant),
  clinicId: id,
  patient: z.looseObject({ id, mrn: z.string(), givenName: z.string(), familyName: z.string(), birthDate: z.string(), sex: z.string() }),
  history: anyObject,
  photos: z.array(photoResponse),
  events: z.array(z.looseObject({ from: nullable(z.string()), to: z.string(), at: instant, actorRole: nullable(z.string()) })),
  messages: z.array(z.looseObject({ kind: z.string(), body: z.string(), at: instant, authorRole: nullable(z.string()) })),
  consultation: nullable(anyObject),
  claimedBy: nullable(z.string()),
});

/** A keyset page `{items[], nextCursor|null}` of `item`. */
export const page = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item), nextCursor: nullable(z.string()) });
export const itemsOf = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item) });

export const caseListItem = z.looseObject({ id, status: z.string(), priority: nullable(z.string()), clinicId: id, submittedAt: nullable(instant) });

export const queueItem = z.looseObject({
  id,
  priority: z.string(),
  slaDueAt: instant,
  submittedAt: instant,
  clinicId: id,
  bodySites: z.array(z.string()),
  triageReasons: z.array(triageReason),
  thumbnailPhotoId: nullable(id),
});

export const patientResponse = z.looseObject({ id, mrn: z.string(), givenName: z.string(), familyName: z.string(), birthDate: z.string(), sex: z.string() });

export const auditEvent = z.looseObject({
  id: z.number().int(),
  at: instant,
  actorId: nullable(id),
  actorRole: nullable(z.string()),
  action: z.string(),
  resourceType: z.string(),
  resourceId: nullable(z.string()),
  patientId: nullable(id),
  outcome: z.enum(["success", "denied", "error"]),
  ip: nullable(z.string()),
  requestId: nullable(z.string()),
});

const turnaroundStats = z.looseObject({
  count: z.number().int(),
  turnaroundHours: spread,
  timeToTriageMinutes: spread,
  timeToFirstReviewHours: spread,
  slaMetPct: nullable(z.number()),
});
export const turnaroundResponse = z.looseObject({
  from: z.string(),
  to: z.string(),
  groupBy: z.string(),
  overall: turnaroundStats,
  groups: z.array(turnaroundStats.extend({ key: z.string(), label: z.string() })),
});

export const codeList = itemsOf(z.looseObject({ code: z.string(), label: z.string() }));

export const auditVerification = z.looseObject({
  ok: z.boolean(),
  rows: z.number().int(),
  anchor: z.looseObject({ status: z.enum(["none", "matches", "tail_deleted", "rewritten", "bad_signature"]) }),
  checkedAt: instant,
});

export const healthResponse = z.strictObject({ status: z.enum(["ok", "degraded"]), db: z.enum(["up", "down"]), redis: z.enum(["up", "down"]) });

/** A patient's lesion with its photos across referrals, oldest first (SPEC §15). */
export const lesionResponse = z.looseObject({
  id,
  patientId: id,
  label: z.string(),
  bodySite: z.string(),
  bodyMapPoint: nullable(z.looseObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })),
  createdAt: instant,
  photos: z.array(z.looseObject({ id, caseId: id, view: z.string(), status: z.string(), createdAt: instant, measurement: nullable(anyObject) })),
});
const figureSource = nullable(z.enum(["manual", "auto"]));
/** One lesion over time, for Compare (SPEC §15): processed photos across referrals with their sizes. */
export const lesionTimelineResponse = z.looseObject({
  lesion: lesionResponse.omit({ photos: true }),
  entries: z.array(
    z.looseObject({
      photo: photoResponse,
      referral: z.looseObject({ caseId: id, status: z.string(), submittedAt: nullable(instant) }),
      figures: z.looseObject({
        scaled: z.boolean(),
        longestDiameterMm: nullable(z.number()),
        diameterSource: figureSource,
        areaMm2: nullable(z.number()),
        areaSource: figureSource,
      }),
    }),
  ),
});
export const photoLesionLink = z.looseObject({ photoId: id, lesion: nullable(lesionResponse) });

// ---- administration, DICOM, measurement and equity responses (the services' DTO types) ----

/** An EHR connection (SPEC §13): the secret is never returned, only whether one is set. */
export const ehrConnectionResponse = z.looseObject({
  id,
  name: z.string(),
  iss: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  clinicId: id,
  clinicName: z.string(),
  scopes: z.string(),
  active: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

/** A SMART Backend Services client (SPEC §13): key ids, never key material. */
export const fhirClientResponse = z.looseObject({
  id,
  clientId: z.string(),
  name: z.string(),
  clinicId: id,
  jwksUrl: nullable(z.string()),
  keyIds: z.array(z.string()),
  scopes: z.string(),
  active: z.boolean(),
  createdAt: instant,
});

/** The PACS settings (SPEC §14) as read back: header values masked. */
export const pacsSettingsResponse = z.looseObject({ stowUrl: nullable(z.string()), sendOn: z.enum(PACS_SEND_ON), headers: z.record(z.string(), z.string()) });

/** One send of a case's study to the PACS (SPEC §14). */
export const pacsSendResponse = z.looseObject({
  id,
  trigger: z.enum(PACS_SEND_TRIGGERS),
  status: z.enum(PACS_SEND_STATUSES),
  target: z.string(),
  instanceCount: nullable(z.number().int()),
  attempts: z.number().int(),
  response: nullable(
    z.looseObject({
      httpStatus: z.number().int(),
      stored: z.number().int(),
      failed: z.number().int(),
      failures: z.array(z.looseObject({ sopInstanceUid: nullable(z.string()), reason: nullable(z.number().int()) })),
      retrieveUrl: nullable(z.string()),
    }),
  ),
  lastError: nullable(z.string()),
  createdAt: instant,
  sentAt: nullable(instant),
});
export const pacsSendCreated = z.looseObject({ id });

/** A saved ruler or outline (SPEC §15): points in master pixels, millimetres computed by the server. */
export const manualMeasurementResponse = z.looseObject({
  id,
  photoId: id,
  kind: z.enum(["ruler", "outline"]),
  points: z.array(z.tuple([z.number(), z.number()])),
  lengthMm: nullable(z.number()),
  areaMm2: nullable(z.number()),
  label: nullable(z.string()),
  createdBy: z.looseObject({ id, name: z.string() }),
  createdAt: instant,
});

/** The equity view (SPEC §16): one row per Fitzpatrick type, every type listed. */
export const equityResponse = z.looseObject({
  from: z.string(),
  to: z.string(),
  timezone: z.literal("UTC"),
  rows: z.array(
    z.looseObject({
      skinType: z.enum(SKIN_TYPES),
      label: z.string(),
      cases: z.number().int(),
      answered: z.number().int(),
      photos: z.number().int(),
      photosFlagged: z.number().int(),
      photosRejected: z.number().int(),
      flaggedPct: nullable(z.number()),
      rejectedPct: nullable(z.number()),
      turnaroundHours: spread,
      slaMet: z.number().int(),
      slaMissed: z.number().int(),
      slaMetPct: nullable(z.number()),
      dispositions: z.record(z.enum(DISPOSITIONS), z.number().int()),
    }),
  ),
});

/**
 * Compile-time agreement of each schema with the DTO type its service returns: a DTO field the
 * schema types differently, or a required schema field the DTO lacks, fails `tsc`.
 */
type Describes<S extends z.ZodType, Dto extends z.output<S>> = Dto;
export type ResponseDtoAgreement = [
  Describes<typeof photoResponse, PhotoDto>,
  Describes<typeof ehrConnectionResponse, EhrConnectionDto>,
  Describes<typeof fhirClientResponse, FhirClientDto>,
  Describes<typeof pacsSettingsResponse, PacsSettingsView>,
  Describes<typeof pacsSendResponse, PacsSendDto>,
  Describes<typeof manualMeasurementResponse, ManualMeasurementDto>,
  Describes<typeof equityResponse, EquityReport>,
];
