/**
 * Step two of the launch (SPEC §13): `GET /smart/callback`. Every check happens before anything
 * is stored: the state must be one this server issued, not yet used, and bound to this browser's
 * cookie; the code is exchanged with the PKCE verifier (client_secret_basic when the connection
 * has a secret); oauth4webapi checks the id_token's issuer, audience, expiry and nonce, and its
 * signature is verified against the EHR's jwks_uri; the response must name the patient and the
 * id_token a fhirUser. Only then is a launch row written, holding the tokens sealed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import * as oauth from "oauth4webapi";
import { z } from "zod";
import type { Db } from "../db/client";
import { smartLaunches } from "../db/schema";
import { connectionById, type EhrConnection } from "./connections";
import { discover, EhrUnavailable } from "./discovery";
import { type PendingAuthorization } from "./launch";
import { sha256Hex } from "../digest";
import { clientFor, redirectUri } from "./oauth";
import { takeOnce } from "./one-time";
import { LaunchRefused } from "./refusal";
import { expiresAt, sealTokens } from "./tokens";

const pendingSchema = z.object({ connectionId: z.string().uuid(), verifier: z.string(), nonce: z.string(), bindingHash: z.string() });
const fhirContextSchema = z.array(z.object({ reference: z.string().optional(), type: z.string().optional() }).passthrough()).optional();
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export type VerifiedLaunch = { launchId: string; binding: string; connection: EhrConnection; fhirUser: string };

function ehrFailure(err: unknown): never {
  if (err instanceof LaunchRefused) throw err;
  if (err instanceof EhrUnavailable) throw new LaunchRefused("ehr_unavailable");
  if (err instanceof oauth.AuthorizationResponseError) throw new LaunchRefused("authorization_denied");
  if (err instanceof oauth.ResponseBodyError || err instanceof oauth.WWWAuthenticateChallengeError) throw new LaunchRefused("token_refused");
  // oauth4webapi's own checks of the id_token (iss, aud, exp, nonce, signature) and transport faults.
  if (err instanceof oauth.OperationProcessingError || (err instanceof Error && err.name === "JOSEError")) throw new LaunchRefused("bad_id_token");
  if (err instanceof TypeError || (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))) throw new LaunchRefused("ehr_unavailable");
  throw err;
}

/** The id of a `ServiceRequest/{id}` in the launch context, if any. */
function serviceRequestOf(context: unknown): string | null {
  const parsed = fhirContextSchema.safeParse(context);
  for (const item of parsed.success ? (parsed.data ?? []) : []) {
    const m = /^ServiceRequest\/([A-Za-z0-9\-.]{1,64})$/.exec(item.reference ?? "");
    if (m) return m[1]!;
  }
  return null;
}

/** Check the callback and store the verified launch; throws LaunchRefused for every refusal. */
export async function completeCallback(db: Db, input: { url: URL; binding: string | undefined }): Promise<VerifiedLaunch> {
  const state = input.url.searchParams.get("state");
  if (!state || state.length > 200 || !input.binding) throw new LaunchRefused("bad_state");
  const taken = pendingSchema.safeParse(await takeOnce("state", state));
  if (!taken.success) throw new LaunchRefused("bad_state");
  const pending: PendingAuthorization = taken.data;
  if (pending.bindingHash !== sha256Hex(input.binding)) throw new LaunchRefused("bad_state");
  const connection = await connectionById(db, pending.connectionId);
  if (!connection?.active) throw new LaunchRefused("unknown_iss");

  let result: oauth.TokenEndpointResponse;
  let claims: oauth.IDToken | undefined;
  try {
    const as = await discover(connection.iss);
    const { client, auth, options } = clientFor(connection, as);
    const params = oauth.validateAuthResponse(as, client, input.url, state);
    const res = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri(), pending.verifier, options);
    result = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: pending.nonce, requireIdToken: true });
    await oauth.validateApplicationLevelSignature(as, res, options);
    claims = oauth.getValidatedIdTokenClaims(result);
  } catch (err) {
    ehrFailure(err);
  }
  const fhirUser = typeof claims?.fhirUser === "string" ? claims.fhirUser : null;
  if (!fhirUser || fhirUser.length > 500) throw new LaunchRefused("no_fhir_user");
  const patient = typeof result.patient === "string" && FHIR_ID.test(result.patient) ? result.patient : null;
  if (!patient) throw new LaunchRefused("no_patient");

  const launchId = randomUUID();
  const binding = randomBytes(32).toString("base64url");
  await db.insert(smartLaunches).values({
    id: launchId,
    connectionId: connection.id,
    fhirUser,
    ehrPatientId: patient,
    ehrServiceRequestId: serviceRequestOf(result.fhirContext),
    bindingHash: sha256Hex(binding),
    tokens: sealTokens(launchId, { accessToken: result.access_token, refreshToken: result.refresh_token ?? null, scope: result.scope ?? "" }),
    accessExpiresAt: expiresAt(result.expires_in),
  });
  return { launchId, binding, connection, fhirUser };
}
