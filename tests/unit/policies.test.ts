import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import {
  canActAsReferrer,
  canAdminister,
  canCreatePatient,
  canEditDraft,
  canReview,
  canSeeSavedMeasurements,
  canViewCase,
  canViewPatient,
  caseListScope,
  holdsClaim,
} from "@/lib/auth/policies";
import { CASE_STATUSES, type CaseStatus } from "@/lib/db/schema/enums";

const CLINIC = "c-own";
const actor = (role: Actor["role"], clinicId: string | null = null, id = `${role}-1`): Actor => ({ id, role, clinicId, email: "", name: "", sessionId: null });
const referrer = actor("referrer", CLINIC);
const stranger = actor("referrer", "c-other", "referrer-2");
const specialist = actor("specialist");
const admin = actor("admin");
const kase = (status: CaseStatus, claimedBy: string | null = null) => ({ clinicId: CLINIC, status, claimedBy });

describe("case visibility (role × status × tenant)", () => {
  for (const status of CASE_STATUSES) {
    it(`${status}: own clinic yes, other clinic no, service only once submitted`, () => {
      expect(canViewCase(referrer, kase(status))).toBe(true);
      expect(canViewCase(stranger, kase(status))).toBe(false);
      expect(canViewCase(specialist, kase(status))).toBe(status !== "draft");
      expect(canViewCase(admin, kase(status))).toBe(status !== "draft");
    });
  }
});

describe("saved measurements (role × status): part of the reply for the referrer, always for the service", () => {
  for (const status of CASE_STATUSES) {
    it(status, () => {
      expect(canSeeSavedMeasurements(referrer, status)).toBe(status === "answered" || status === "closed");
      expect(canSeeSavedMeasurements(specialist, status)).toBe(true);
      expect(canSeeSavedMeasurements(admin, status)).toBe(true);
    });
  }
});

describe("actions", () => {
  const matrix: [string, (a: Actor) => boolean, Record<string, boolean>][] = [
    ["edit draft", (a) => canEditDraft(a, kase("draft")), { referrer: true, stranger: false, specialist: false, admin: false }],
    ["act as referrer", (a) => canActAsReferrer(a, kase("answered")), { referrer: true, stranger: false, specialist: false, admin: false }],
    ["review", canReview, { referrer: false, stranger: false, specialist: true, admin: false }],
    ["hold claim", (a) => holdsClaim(a, kase("in_review", "specialist-1")), { referrer: false, stranger: false, specialist: true, admin: false }],
    ["view patient", (a) => canViewPatient(a, { clinicId: CLINIC }), { referrer: true, stranger: false, specialist: false, admin: false }],
    ["create patient", canCreatePatient, { referrer: true, stranger: true, specialist: false, admin: false }],
    ["administer", canAdminister, { referrer: false, stranger: false, specialist: false, admin: true }],
  ];
  const actors = { referrer, stranger, specialist, admin };
  for (const [name, check, expected] of matrix) {
    it(name, () => {
      for (const [who, a] of Object.entries(actors)) expect(check(a), `${name} as ${who}`).toBe(expected[who]);
    });
  }

  it("a specialist who does not hold the claim cannot act on it", () => {
    expect(holdsClaim(actor("specialist", null, "specialist-2"), kase("in_review", "specialist-1"))).toBe(false);
  });

  it("list scopes: a referrer without a clinic sees nothing", () => {
    expect(caseListScope(referrer)).toEqual({ clinicId: CLINIC });
    expect(caseListScope(actor("referrer", null))).toBeNull();
    expect(caseListScope(specialist)).toEqual({ excludeDrafts: true });
  });
});
