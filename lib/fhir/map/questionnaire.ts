/**
 * The referral history (SPEC §3) as FHIR: the published `Questionnaire/dermrelay-referral`, whose
 * linkIds are the §3 field names (nested ones as `symptoms.itch`), and QuestionnaireResponse
 * (id = case id) both ways. One field table drives all three, so they cannot drift apart.
 */
import { createHash } from "node:crypto";
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from "fhir/r4";
import { BODY_SITES } from "../../codes/body-sites";
import {
  ABCDE_KEYS,
  CONSENT_BY,
  EVOLUTIONS,
  REQUESTED_URGENCIES,
  SUN_EXPOSURES,
  SUSPECTED,
  SYMPTOM_KEYS,
} from "../../cases/history";
import type { CaseGraph } from "../graph";
import { drSystem, QUESTIONNAIRE_ID, questionnaireUrl, SNOMED } from "../codes";
import { metaOf, ref } from "./refs";

type Leaf = {
  linkId: string;
  text: string;
  type: "string" | "text" | "choice" | "boolean" | "decimal" | "dateTime";
  required?: boolean;
  repeats?: boolean;
  options?: { system: string; codes: readonly { code: string; display?: string }[] };
};
type Group = { linkId: string; text: string; type: "group"; required?: boolean; items: Leaf[] };
type Field = Leaf | Group;

const codes = (values: readonly string[]) => values.map((code) => ({ code }));
const choice = (system: string, values: readonly string[]) => ({ system, codes: codes(values) });
const flags = (prefix: string, keys: readonly string[]): Leaf[] => keys.map((k) => ({ linkId: `${prefix}.${k}`, text: k, type: "boolean" }));

export const FIELDS: Field[] = [
  { linkId: "referralQuestion", text: "What do you ask the dermatologist?", type: "text", required: true },
  { linkId: "suspected", text: "Suspected diagnosis", type: "choice", required: true, options: choice(drSystem("suspected"), SUSPECTED) },
  { linkId: "requestedUrgency", text: "Requested urgency", type: "choice", required: true, options: choice(drSystem("requested-urgency"), REQUESTED_URGENCIES) },
  { linkId: "onset", text: "Onset (duration or date)", type: "string", required: true },
  { linkId: "evolution", text: "Evolution", type: "choice", required: true, options: choice(drSystem("answer"), EVOLUTIONS) },
  {
    linkId: "bodySites",
    text: "Body sites",
    type: "choice",
    required: true,
    repeats: true,
    options: { system: SNOMED, codes: BODY_SITES.map((s) => ({ code: s.code, display: s.label })) },
  },
  { linkId: "multiple", text: "Multiple lesions", type: "boolean" },
  { linkId: "sizeMm", text: "Size (mm)", type: "decimal" },
  { linkId: "symptoms", text: "Symptoms", type: "group", items: flags("symptoms", SYMPTOM_KEYS) },
  { linkId: "abcde", text: "ABCDE features", type: "group", items: flags("abcde", ABCDE_KEYS) },
  { linkId: "priorTreatments", text: "Prior treatments", type: "text", required: true },
  { linkId: "medications", text: "Medications", type: "text", required: true },
  { linkId: "allergies", text: "Allergies", type: "text", required: true },
  { linkId: "immunosuppressed", text: "Immunosuppressed", type: "boolean" },
  { linkId: "pregnant", text: "Pregnant", type: "boolean" },
  { linkId: "personalSkinCancer", text: "Personal history of skin cancer", type: "boolean" },
  { linkId: "familySkinCancer", text: "Family history of skin cancer", type: "boolean" },
  { linkId: "sunExposure", text: "Sun exposure", type: "choice", options: choice(drSystem("answer"), SUN_EXPOSURES) },
  {
    linkId: "consent",
    text: "Consent",
    type: "group",
    required: true,
    items: [
      { linkId: "consent.given", text: "Consent given", type: "boolean", required: true },
      { linkId: "consent.by", text: "Consent given by", type: "choice", required: true, options: choice(drSystem("answer"), CONSENT_BY) },
      { linkId: "consent.at", text: "Consent time", type: "dateTime", required: true },
    ],
  },
];

function questionnaireItem(f: Field): QuestionnaireItem {
  if (f.type === "group") return { linkId: f.linkId, text: f.text, type: "group", ...(f.required ? { required: true } : {}), item: f.items.map(questionnaireItem) };
  return {
    linkId: f.linkId,
    text: f.text,
    type: f.type,
    ...(f.required ? { required: true } : {}),
    ...(f.repeats ? { repeats: true } : {}),
    ...(f.options
      ? { answerOption: f.options.codes.map((c) => ({ valueCoding: { system: f.options!.system, code: c.code, ...(c.display ? { display: c.display } : {}) } })) }
      : {}),
  };
}

let contentVersion: string | undefined;

/**
 * The published Questionnaire (fixed content; version changes when the field table does). Its
 * meta.versionId (and so its ETag) is a digest of the items: it changes exactly when they do. No
 * lastUpdated: the content has no change time of its own.
 */
export function referralQuestionnaire(): Questionnaire {
  const item = FIELDS.map(questionnaireItem);
  contentVersion ??= createHash("sha256").update(JSON.stringify(item)).digest("hex").slice(0, 16);
  return {
    resourceType: "Questionnaire",
    id: QUESTIONNAIRE_ID,
    meta: { versionId: contentVersion },
    url: questionnaireUrl(),
    version: "1",
    name: "DermRelayReferral",
    title: "DermRelay teledermatology referral",
    status: "active",
    subjectType: ["Patient"],
    item,
  };
}

function answers(f: Leaf, value: unknown): QuestionnaireResponseItemAnswer[] {
  const one = (v: unknown): QuestionnaireResponseItemAnswer | null => {
    if (f.type === "boolean" && typeof v === "boolean") return { valueBoolean: v };
    if (f.type === "decimal" && typeof v === "number") return { valueDecimal: v };
    if (f.type === "dateTime" && typeof v === "string") return { valueDateTime: v };
    if ((f.type === "string" || f.type === "text") && typeof v === "string" && v.trim()) return { valueString: v };
    if (f.type === "choice" && typeof v === "string" && f.options) {
      const display = f.options.codes.find((c) => c.code === v)?.display;
      return { valueCoding: { system: f.options.system, code: v, ...(display ? { display } : {}) } };
    }
    return null;
  };
  const values = Array.isArray(value) ? value : [value];
  return values.map(one).filter((a): a is QuestionnaireResponseItemAnswer => a !== null);
}

function responseItems(history: Record<string, unknown>): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const f of FIELDS) {
    const value = history[f.linkId];
    if (value === undefined || value === null) continue;
    if (f.type === "group") {
      const inner = value as Record<string, unknown>;
      const children = f.items.flatMap((leaf) => {
        const a = answers(leaf, inner[leaf.linkId.split(".")[1]!]);
        return a.length ? [{ linkId: leaf.linkId, text: leaf.text, answer: a }] : [];
      });
      if (children.length) out.push({ linkId: f.linkId, text: f.text, item: children });
    } else {
      const a = answers(f, value);
      if (a.length) out.push({ linkId: f.linkId, text: f.text, answer: a });
    }
  }
  return out;
}

export function toQuestionnaireResponse(g: CaseGraph): QuestionnaireResponse {
  const items = responseItems(g.case.history);
  return {
    resourceType: "QuestionnaireResponse",
    id: g.case.id,
    meta: metaOf(g.case.updatedAt),
    questionnaire: questionnaireUrl(),
    basedOn: [ref("ServiceRequest", g.case.id)],
    status: g.case.status === "draft" ? "in-progress" : "completed",
    subject: ref("Patient", g.patient.id),
    authored: g.case.updatedAt.toISOString(),
    author: ref("Practitioner", g.case.createdBy),
    ...(items.length ? { item: items } : {}),
  };
}

// ---- incoming ----

const LEAVES = new Map<string, Leaf>(FIELDS.flatMap((f) => (f.type === "group" ? f.items : [f])).map((l) => [l.linkId, l]));

/** A problem with one answer: `path` is the FHIRPath of the offending item. */
export type AnswerProblem = { path: string; message: string };

function answerValue(leaf: Leaf, a: QuestionnaireResponseItemAnswer): unknown {
  switch (leaf.type) {
    case "boolean":
      return a.valueBoolean;
    case "decimal":
      return a.valueDecimal ?? a.valueInteger;
    case "dateTime":
      return a.valueDateTime ?? a.valueDate;
    case "choice":
      return a.valueCoding?.code ?? a.valueString;
    default:
      return a.valueString ?? a.valueDate ?? a.valueDateTime;
  }
}

/**
 * The history a QuestionnaireResponse answers (groups or dotted linkIds both accepted), plus the
 * items it could not read. Values are checked by the history schema afterwards.
 */
export function historyFromResponse(qr: QuestionnaireResponse, basePath: string): { history: Record<string, unknown>; problems: AnswerProblem[] } {
  const history: Record<string, unknown> = {};
  const problems: AnswerProblem[] = [];
  const visit = (items: QuestionnaireResponseItem[] | undefined, path: string) => {
    (items ?? []).forEach((item, i) => {
      const here = `${path}.item[${i}]`;
      if (item.item?.length) return visit(item.item, here);
      const leaf = LEAVES.get(item.linkId);
      if (!leaf) return void problems.push({ path: here, message: `Unknown question "${item.linkId.slice(0, 40)}"` });
      const values = (item.answer ?? []).map((a) => answerValue(leaf, a)).filter((v) => v !== undefined);
      if (values.length === 0) return;
      const value = leaf.repeats ? values : values[0];
      const [head, sub] = leaf.linkId.split(".");
      if (sub) ((history[head!] ??= {}) as Record<string, unknown>)[sub] = value;
      else history[head!] = value;
    });
  };
  visit(qr.item, basePath);
  return { history, problems };
}

/** FHIRPath of the QuestionnaireResponse item answering a history field ("consent.by"). */
export function itemPathFor(field: string): string {
  return `QuestionnaireResponse.item.where(linkId='${field.replace(/'/g, "")}')`;
}
