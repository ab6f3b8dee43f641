/**
 * The CapabilityStatement (`GET /fhir/R4/metadata`) and the SMART configuration, built from the
 * same tables the handlers dispatch on (READ_TYPES, SEARCH_PARAMS, INCLUDES), so the statement
 * names exactly what is supported — an integration test exercises every entry it lists.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from "fhir/r4";
import { env } from "../env";
import { tokenUrl } from "../smart/backend-token";
import { fhirBase } from "./codes";
import { READ_TYPES } from "./read";
import { SEARCH_HANDLE_PARAM, SEARCH_HANDLE_TTL_MS } from "./search-links";
import { INCLUDES, REVINCLUDES, SEARCH_PARAMS, isSearchType } from "./search-params";

const SEARCH_PARAM_TYPES: Record<string, "token" | "string" | "date" | "reference"> = {
  identifier: "token",
  family: "string",
  birthdate: "date",
  _id: "token",
  status: "token",
  _lastUpdated: "date",
  patient: "reference",
  owner: "reference",
  focus: "reference",
  "based-on": "reference",
};


/** Scopes a SMART backend client may ask for (v2 syntax). */
export const SMART_SCOPES = [
  "system/Patient.rs",
  "system/ServiceRequest.crs",
  "system/Task.rs",
  "system/QuestionnaireResponse.r",
  "system/DiagnosticReport.rs",
  "system/Media.rs",
  "system/Communication.rs",
  "system/Consent.r",
  "system/BodyStructure.rs",
  "system/Subscription.cruds",
];

/** How searches page (lib/fhir/search-links.ts, search-handles.ts): said here since R4 has no element for it. */
const SEARCH_PAGING =
  `Search with GET [type]?… or POST [type]/_search (application/x-www-form-urlencoded). Follow the Bundle's next link to page. ` +
  `A GET search's links repeat its parameters. A POST search's self and next links carry only an opaque ${SEARCH_HANDLE_PARAM} handle ` +
  `for the parameters, which the server keeps. The handle works only for the caller who made the search (else 404), and only for ` +
  `${SEARCH_HANDLE_TTL_MS / 60_000} minutes (then 410 Gone): after that, run the search again. Each page is authorized and audited like the first.`;

/** Types without a change time to version by (lib/fhir/map/people.ts): no meta.versionId, no ETag. */
const UNVERSIONED: readonly string[] = ["Organization"];

function resource(type: (typeof READ_TYPES)[number]): CapabilityStatementRestResource {
  const interaction: CapabilityStatementRestResource["interaction"] = [{ code: "read" }];
  if (isSearchType(type)) interaction.push({ code: "search-type" });
  if (type === "Subscription") interaction.push({ code: "create" }, { code: "update" }, { code: "delete" });
  return {
    type,
    interaction,
    versioning: UNVERSIONED.includes(type) ? "no-version" : "versioned",
    readHistory: false,
    ...(type === "Subscription" ? { updateCreate: false, conditionalDelete: "not-supported" as const } : {}),
    ...(isSearchType(type)
      ? {
          searchParam: SEARCH_PARAMS[type].map((name) => ({ name, type: SEARCH_PARAM_TYPES[name]! })),
          ...(INCLUDES[type].length ? { searchInclude: [...INCLUDES[type]] } : {}),
          ...(REVINCLUDES[type].length ? { searchRevInclude: [...REVINCLUDES[type]] } : {}),
        }
      : {}),
    ...(type === "Patient" ? { operation: [{ name: "everything", definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything" }] } : {}),
  };
}

export function capabilityStatement(): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: "2026-12-01",
    publisher: "DermRelay",
    kind: "instance",
    software: { name: "DermRelay" },
    implementation: { description: "DermRelay teledermatology FHIR R4 interface", url: fhirBase() },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json"],
    rest: [
      {
        mode: "server",
        documentation: SEARCH_PAGING,
        security: {
          cors: false,
          service: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "SMART-on-FHIR" }] }],
          description: "Browser session, DermRelay API token, or a SMART Backend Services access token",
          extension: [
            {
              url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
              extension: [{ url: "token", valueUri: tokenUrl() }],
            },
          ],
        },
        resource: READ_TYPES.map(resource),
        interaction: [{ code: "transaction" }],
      },
    ],
  };
}

/** `GET /fhir/R4/.well-known/smart-configuration` (SMART App Launch 2.x, backend services). */
export function smartConfiguration() {
  return {
    issuer: env.APP_URL,
    token_endpoint: tokenUrl(),
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
    scopes_supported: SMART_SCOPES,
    capabilities: ["client-confidential-asymmetric", "permission-v2"],
  };
}
