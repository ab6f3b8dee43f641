/**
 * What an incoming ServiceRequest says about the referral (SPEC §12 "Referral in", §13 "a
 * ServiceRequest in the launch context prefills the referral"), read once for both ways in:
 * `note` → referral question, `priority` → requested urgency, `bodySite` (SNOMED CT, bundled
 * codes only) → body sites, and `reasonCode` coded in DermRelay's own suspected-diagnosis system
 * (what lib/fhir/map/case.ts emits) → suspected diagnosis. Each field comes with the FHIRPath it
 * was read from; a body site DermRelay does not know is a problem, which the FHIR ingest reports
 * (422) and a SMART launch drops (the referrer picks the site in the wizard).
 */
import type { ServiceRequest } from "fhir/r4";
import { isBodySiteCode } from "../../codes/body-sites";
import { SUSPECTED, type RequestedUrgency, type Suspected } from "../../cases/history";
import { drSystem, SNOMED, urgencyFromPriority, type RequestPriority } from "../codes";

export type ReferralFromOrder = {
  history: { referralQuestion?: string; requestedUrgency?: RequestedUrgency; bodySites?: string[]; suspected?: Suspected };
  /** FHIRPath of each field's source, for error expressions. */
  sources: Record<string, string>;
  problems: { field: keyof ReferralFromOrder["history"]; expression: string; message: string }[];
};

const PRIORITIES: readonly string[] = ["routine", "urgent", "asap", "stat"] satisfies RequestPriority[];

/** Read the referral fields of ServiceRequest `sr`, found at FHIRPath `expression`. */
export function referralFromServiceRequest(sr: ServiceRequest, expression: string): ReferralFromOrder {
  const out: ReferralFromOrder = { history: {}, sources: {}, problems: [] };
  const note = (sr.note ?? []).map((n) => n.text).filter(Boolean).join("\n");
  if (note) [out.history.referralQuestion, out.sources.referralQuestion] = [note, `${expression}.note`];
  if (sr.priority && PRIORITIES.includes(sr.priority)) {
    [out.history.requestedUrgency, out.sources.requestedUrgency] = [urgencyFromPriority(sr.priority as RequestPriority), `${expression}.priority`];
  }
  if (sr.bodySite?.length) {
    const codes: string[] = [];
    sr.bodySite.forEach((b, i) => {
      const code = b.coding?.find((c) => c.system === SNOMED && c.code)?.code;
      if (!code || !isBodySiteCode(code)) out.problems.push({ field: "bodySites", expression: `${expression}.bodySite[${i}]`, message: "Use a SNOMED CT body-site code from GET /api/v1/body-sites" });
      else if (!codes.includes(code)) codes.push(code);
    });
    [out.history.bodySites, out.sources.bodySites] = [codes, `${expression}.bodySite`];
  }
  const suspected = (sr.reasonCode ?? []).flatMap((r) => r.coding ?? []).find((c) => c.system === drSystem("suspected") && (SUSPECTED as readonly string[]).includes(c.code ?? ""));
  if (suspected) [out.history.suspected, out.sources.suspected] = [suspected.code as Suspected, `${expression}.reasonCode`];
  return out;
}
