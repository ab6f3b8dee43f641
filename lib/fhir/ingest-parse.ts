/**
 * Reading a referral transaction Bundle (SPEC §12 "Referral in") into a plan — patient, history,
 * photos, the sender's ServiceRequest identifiers — before anything is written. Every problem is
 * reported with the FHIRPath of the element (`Bundle.entry[2].resource.bodySite[0]`). Tolerant of
 * what real EHRs send: unknown extensions, meta.profile, several names and identifiers, contained
 * resources and extra entry types (ignored).
 */
import type { Bundle, BundleEntry, Consent, FhirResource, Media, Patient, QuestionnaireResponse, Resource, ServiceRequest } from "fhir/r4";
import { isBodySiteCode } from "../codes/body-sites";
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE } from "../photos/limits";
import { sniffImageType } from "../photos/sniff";
import { PHOTO_VIEWS, type PhotoView } from "../db/schema/enums";
import { SNOMED } from "./codes";
import { fromPatient, mrnSystemProblem, pickMrn, type PatientInFhir } from "./map/patient";
import { referralFromServiceRequest } from "./map/service-request-in";
import { historyFromResponse } from "./map/questionnaire";
import { FhirError, invalidElements, issue } from "./outcome";
import { validateFhir } from "./validate";

export type PhotoPlan = { bytes: Buffer; view: PhotoView; bodySite: string; expression: string };
export type IngestPlan = {
  patient: PatientInFhir;
  patientExpression: string;
  identifiers: { system: string; value: string }[];
  submit: boolean;
  history: Record<string, unknown>;
  /** Where each history field came from, for error expressions. */
  sources: Record<string, string>;
  photos: PhotoPlan[];
  entries: { type: string; expression: string }[];
};

type Located<T> = { resource: T; expression: string; fullUrl?: string };

/** The Bundle with inline image data shortened, so validation does not walk megabytes of base64. */
function withoutImageData(bundle: Bundle): Bundle {
  return {
    ...bundle,
    entry: bundle.entry?.map((e) =>
      e.resource?.resourceType === "Media" && e.resource.content?.data ? { ...e, resource: { ...e.resource, content: { ...e.resource.content, data: "AA==" } } } : e,
    ),
  };
}

function find<T extends FhirResource>(entries: BundleEntry[], type: T["resourceType"]): Located<T>[] {
  return entries.flatMap((e, i) =>
    e.resource?.resourceType === type ? [{ resource: e.resource as T, expression: `Bundle.entry[${i}].resource`, ...(e.fullUrl ? { fullUrl: e.fullUrl } : {}) }] : [],
  );
}

/** The Patient a subject reference points to: an entry (by fullUrl or Type/id) or a contained one. */
function resolvePatient(sr: Located<ServiceRequest>, patients: Located<Patient>[]): Located<Patient> | null {
  const reference = sr.resource.subject?.reference ?? "";
  if (reference.startsWith("#")) {
    const c = (sr.resource.contained ?? []).find((r: Resource) => r.resourceType === "Patient" && `#${r.id}` === reference);
    return c ? { resource: c as Patient, expression: `${sr.expression}.contained.where(id='${c.id}')` } : null;
  }
  return patients.find((p) => p.fullUrl === reference || (p.resource.id && reference.endsWith(`Patient/${p.resource.id}`))) ?? null;
}

const problem = (expression: string, message: string) => ({ expression, message });

/** Check and read the Bundle for `clinicId` (whose own MRN system is `mrnSystem`, null if unset); throws 400/422 OperationOutcomes naming the elements. */
export function planIngest(body: unknown, clinicId: string, mrnSystem: string | null): IngestPlan {
  const bundle = body as Bundle;
  if (!bundle || typeof bundle !== "object" || bundle.resourceType !== "Bundle") throw invalidElements(400, [problem("Bundle", "The body must be a Bundle")]);
  if (bundle.type !== "transaction") throw invalidElements(400, [problem("Bundle.type", "Only transaction Bundles are accepted")]);
  const issues = validateFhir(withoutImageData(bundle));
  if (issues.length) throw invalidElements(400, issues.map((i) => problem(i.expression ?? "Bundle", i.message)));
  const entries = bundle.entry ?? [];
  const problems: { expression: string; message: string }[] = [];

  const srs = find<ServiceRequest>(entries, "ServiceRequest");
  if (srs.length !== 1) throw invalidElements(422, [problem("Bundle.entry", "The Bundle must hold exactly one ServiceRequest")]);
  const sr = srs[0]!;
  const patientEntry = resolvePatient(sr, find<Patient>(entries, "Patient"));
  if (!patientEntry) throw invalidElements(422, [problem(`${sr.expression}.subject`, "The subject must reference the Patient in this Bundle")]);

  const identifiers = (sr.resource.identifier ?? []).filter((i) => i.system && i.value).map((i) => ({ system: i.system!, value: i.value! }));
  if (identifiers.length === 0) problems.push(problem(`${sr.expression}.identifier`, "The ServiceRequest needs an identifier (system and value) from the sending system"));
  const mrn = pickMrn(patientEntry.resource.identifier, clinicId, mrnSystem);
  const mrnProblem = mrnSystemProblem(mrn, clinicId, mrnSystem);
  if (mrnProblem) problems.push(problem(`${patientEntry.expression}.identifier[${patientEntry.resource.identifier!.indexOf(mrn!)}].system`, mrnProblem));
  const status = sr.resource.status;
  if (status !== "active" && status !== "draft") problems.push(problem(`${sr.expression}.status`, "Send status draft (to complete in DermRelay) or active (complete referral)"));

  // History: the QuestionnaireResponse first, then what the ServiceRequest and Consent say.
  const history: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  const qrs = [...find<QuestionnaireResponse>(entries, "QuestionnaireResponse"), ...(sr.resource.contained ?? []).filter((r) => r.resourceType === "QuestionnaireResponse").map((r) => ({ resource: r as QuestionnaireResponse, expression: `${sr.expression}.contained.where(id='${r.id}')` }))];
  if (qrs.length > 1) problems.push(problem("Bundle.entry", "At most one QuestionnaireResponse"));
  const qr = qrs[0];
  if (qr) {
    const read = historyFromResponse(qr.resource, qr.expression);
    problems.push(...read.problems.map((p) => problem(p.path, p.message)));
    Object.assign(history, read.history);
    for (const key of Object.keys(read.history)) sources[key] = `${qr.expression}.item.where(linkId='${key}')`;
  }
  const order = referralFromServiceRequest(sr.resource, sr.expression);
  // The QuestionnaireResponse wins; the ServiceRequest fills (and is checked for) the rest.
  problems.push(...order.problems.filter((p) => history[p.field] === undefined).map((p) => problem(p.expression, p.message)));
  for (const [key, value] of Object.entries(order.history)) {
    if (history[key] === undefined) [history[key], sources[key]] = [value, order.sources[key]!];
  }
  const consent = find<Consent>(entries, "Consent")[0];
  if (consent) {
    const performer = consent.resource.performer?.[0]?.reference ?? "";
    history.consent = {
      given: consent.resource.status === "active",
      by: /RelatedPerson\//.test(performer) ? "guardian" : "patient",
      ...(consent.resource.dateTime ? { at: consent.resource.dateTime } : {}),
    };
    sources.consent = consent.expression;
    if (consent.resource.status !== "active") problems.push(problem(`${consent.expression}.status`, "Consent must be active (given) for a referral"));
  }

  // Photos: inline data only (DermRelay never fetches URLs it is given), sniffed before writing.
  const media = find<Media>(entries, "Media");
  if (media.length > MAX_PHOTOS_PER_CASE) problems.push(problem("Bundle.entry", `At most ${MAX_PHOTOS_PER_CASE} photos per referral`));
  const fallbackSite = (history.bodySites as string[] | undefined)?.[0];
  const photos: PhotoPlan[] = [];
  for (const m of media) {
    const data = m.resource.content.data;
    if (!data) {
      problems.push(problem(`${m.expression}.content.data`, "Send the image inline as content.data"));
      continue;
    }
    const bytes = Buffer.from(data, "base64");
    if (bytes.length > MAX_PHOTO_BYTES) throw new FhirError(413, [issue("too-costly", "A photo exceeds 25 MB", [`${m.expression}.content.data`])]);
    const type = sniffImageType(bytes.subarray(0, 64));
    if (type === null) throw new FhirError(415, [issue("not-supported", "Only JPEG, PNG, WebP and HEIC photos are accepted", [`${m.expression}.content.data`])]);
    const viewCode = m.resource.view?.coding?.[0]?.code?.toLowerCase().replace("close-up", "closeup") ?? "overview";
    const view = (PHOTO_VIEWS as readonly string[]).includes(viewCode) ? (viewCode as PhotoView) : null;
    if (!view) problems.push(problem(`${m.expression}.view`, "view must be overview, closeup or dermoscopy"));
    const site = m.resource.bodySite?.coding?.find((c) => c.system === SNOMED)?.code ?? fallbackSite;
    if (!site || !isBodySiteCode(site)) problems.push(problem(`${m.expression}.bodySite`, "Use a SNOMED CT body-site code from GET /api/v1/body-sites"));
    if (view && site && isBodySiteCode(site)) photos.push({ bytes, view, bodySite: site, expression: m.expression });
  }
  if (problems.length) throw invalidElements(422, problems);
  return {
    patient: fromPatient(patientEntry.resource, mrn),
    patientExpression: patientEntry.expression,
    identifiers,
    submit: status === "active",
    history,
    sources,
    photos,
    entries: entries.map((e, i) => ({ type: e.resource?.resourceType ?? "unknown", expression: `Bundle.entry[${i}]` })),
  };
}
