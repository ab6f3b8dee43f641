/**
 * DermRelay's own `/.well-known/smart-configuration` (SPEC §12–13), listing only what is built:
 * the Backend Services token endpoint with private_key_jwt (RS384, ES384) and SMART v2 system
 * scopes. DermRelay is not an authorization server for user launches, so no authorize endpoint.
 */
import { env } from "../env";
import { ASSERTION_ALGORITHMS } from "./fhir-clients";
import { tokenUrl } from "./backend-token";

export function smartConfiguration() {
  return {
    issuer: env.APP_URL,
    token_endpoint: tokenUrl(),
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
    grant_types_supported: ["client_credentials"],
    scopes_supported: ["system/*.rs", "system/Patient.rs", "system/ServiceRequest.crs", "system/Task.rs", "system/DiagnosticReport.rs", "system/Media.rs", "system/Communication.rs", "system/QuestionnaireResponse.rs", "system/Consent.rs"],
    response_types_supported: ["token"],
    capabilities: ["client-confidential-asymmetric", "permission-v2"],
  };
}
