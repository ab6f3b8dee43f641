/** SMART scope checks (lib/fhir/auth.ts): v2 letters, wildcards, v1 read/write, and refusals. */
import { describe, expect, it } from "vitest";
import { hasScope, requireScope } from "@/lib/fhir/auth";
import { grantScopes } from "@/lib/smart/scopes";
import { caseFhirStatus, caseStatusesFor, caseViewsFor, PRIORITY_MAP, STATUS_MAP, urgencyFromPriority } from "@/lib/fhir/codes";

describe("SMART scopes", () => {
  it("grants by SMART v2 letters per type", () => {
    expect(hasScope(["system/Task.rs"], "Task", "r")).toBe(true);
    expect(hasScope(["system/Task.rs"], "Task", "s")).toBe(true);
    expect(hasScope(["system/Task.rs"], "Task", "c")).toBe(false);
    expect(hasScope(["system/Task.rs"], "Patient", "r")).toBe(false);
    expect(hasScope(["system/ServiceRequest.crs"], "ServiceRequest", "c")).toBe(true);
    expect(hasScope(["system/*.rs"], "Media", "s")).toBe(true);
    expect(hasScope(["patient/Patient.r"], "Patient", "r")).toBe(true);
  });
  it("understands v1 read/write and refuses malformed or query-limited scopes", () => {
    expect(hasScope(["system/Task.read"], "Task", "s")).toBe(true);
    expect(hasScope(["system/Task.write"], "Task", "r")).toBe(false);
    expect(hasScope(["system/Task.*"], "Task", "d")).toBe(true);
    expect(hasScope(["system/Task.rs?status=completed"], "Task", "r")).toBe(false);
    expect(hasScope(["Task.rs", "launch", "openid"], "Task", "r")).toBe(false);
    expect(hasScope(["system/Task.sr"], "Task", "r")).toBe(false); // v2 letters are ordered c r u d s
  });
  it("null scopes are not scope-limited; requireScope throws a 403 domain error", () => {
    expect(hasScope(null, "Patient", "d")).toBe(true);
    expect(() => requireScope([], "Patient", "r")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});

describe("SMART backend scope grants (App Launch 2.x)", () => {
  it("grants a requested scope the registration covers as asked, v2 or v1", () => {
    expect(grantScopes(["system/Task.rs"], ["system/Task.r"])).toEqual(["system/Task.r"]);
    expect(grantScopes(["system/Task.rs"], ["system/Task.read", "system/Task.s"])).toEqual(["system/Task.read", "system/Task.s"]);
    expect(grantScopes(["system/*.rs"], ["system/Patient.rs"])).toEqual(["system/Patient.rs"]);
    expect(grantScopes(["system/Task.read"], ["system/Task.rs"])).toEqual(["system/Task.rs"]);
    expect(grantScopes(["system/Task.r", "system/Task.s"], ["system/Task.rs"])).toEqual(["system/Task.rs"]);
    expect(grantScopes(["system/ServiceRequest.*"], ["system/ServiceRequest.write"])).toEqual(["system/ServiceRequest.write"]);
  });
  it("narrows what exceeds the registration and drops what it does not cover at all", () => {
    expect(grantScopes(["system/Task.rs"], ["system/Task.cruds"])).toEqual(["system/Task.rs"]);
    expect(grantScopes(["system/Task.rs"], ["system/Task.*"])).toEqual(["system/Task.rs"]);
    expect(grantScopes(["system/Task.rs"], ["system/Task.write"])).toEqual([]);
    expect(grantScopes(["system/ServiceRequest.crs"], ["system/ServiceRequest.write"])).toEqual(["system/ServiceRequest.c"]);
    expect(grantScopes(["system/Task.rs", "system/Media.r"], ["system/*.rs"])).toEqual(["system/Task.rs", "system/Media.r"]);
    expect(grantScopes(["system/Task.rs"], ["system/Patient.rs", "patient/Task.rs", "user/Task.r", "system/Task.rs?status=completed", "system/Task.sr", "launch"])).toEqual([]);
  });
});

describe("SPEC §12 status and priority mappings", () => {
  it("are exactly as written", () => {
    expect(STATUS_MAP).toEqual({
      draft: { task: "draft", serviceRequest: "draft" },
      submitted: { task: "requested", serviceRequest: "active" },
      triaged: { task: "received", serviceRequest: "active" },
      in_review: { task: "in-progress", serviceRequest: "active" },
      awaiting_info: { task: "on-hold", serviceRequest: "active" },
      answered: { task: "completed", serviceRequest: "completed" },
      closed: { task: "completed", serviceRequest: "completed" },
      withdrawn: { task: "cancelled", serviceRequest: "revoked" },
    });
    expect(PRIORITY_MAP).toEqual({ routine: "routine", soon: "urgent", urgent: "asap" });
    expect(caseStatusesFor("task", "completed")).toEqual(["answered", "closed"]);
    expect(urgencyFromPriority("stat")).toBe("urgent");
  });

  it("a draft with a requested submission: the request stands (active), the Task waits (requested) or is on hold", () => {
    const draft = { status: "draft" as const, submitRequestedAt: null, submitHeldReason: null };
    expect(caseFhirStatus(draft)).toEqual({ task: "draft", serviceRequest: "draft" });
    expect(caseFhirStatus({ ...draft, submitRequestedAt: new Date() })).toEqual({ task: "requested", serviceRequest: "active" });
    expect(caseFhirStatus({ ...draft, submitRequestedAt: new Date(), submitHeldReason: "rejected photo" })).toEqual({ task: "on-hold", serviceRequest: "active" });
    // Past draft the mark means nothing (it is cleared at submission anyway).
    expect(caseFhirStatus({ ...draft, status: "triaged", submitRequestedAt: new Date() })).toEqual(STATUS_MAP.triaged);
    expect(caseViewsFor("task", "on-hold")).toEqual([{ status: "awaiting_info", submission: null }, { status: "draft", submission: "held" }]);
    expect(caseViewsFor("serviceRequest", "draft")).toEqual([{ status: "draft", submission: null }]);
  });
});
