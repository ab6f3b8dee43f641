/**
 * Step one of a SMART App Launch (SPEC §13): `GET /smart/launch?iss=&launch=`. The `iss` must be
 * a registered, active connection; discovery gives the authorization endpoint; the redirect
 * carries PKCE S256, a random `state` and `nonce`, `aud` = `iss`, and the `launch` token when the
 * EHR sent one (without it, a standalone launch asking for `launch/patient`). The verifier never
 * leaves the server: it waits in Redis under the state, bound to a random cookie value.
 */
import { randomBytes } from "node:crypto";
import * as oauth from "oauth4webapi";
import type { Db } from "../db/client";
import { connectionForIss } from "./connections";
import { discover, EhrUnavailable } from "./discovery";
import { redirectUri } from "./oauth";
import { putOnce } from "./one-time";
import { LaunchRefused } from "./refusal";
import { sha256Hex } from "../digest";

export const STATE_TTL_SECONDS = 600;
export const BINDING_COOKIE = "dermrelay_smart_state";

export type PendingAuthorization = { connectionId: string; verifier: string; nonce: string; bindingHash: string };


/** Where to send the browser, and the cookie value that binds the state to it. */
export async function beginLaunch(db: Db, input: { iss: string | null; launch: string | null }): Promise<{ location: string; binding: string; connectionId: string }> {
  if (!input.iss || input.iss.length > 500) throw new LaunchRefused("unknown_iss");
  const connection = await connectionForIss(db, input.iss);
  if (!connection) throw new LaunchRefused("unknown_iss");
  const as = await discover(connection.iss).catch((err) => {
    if (err instanceof EhrUnavailable) throw new LaunchRefused("ehr_unavailable");
    throw err;
  });
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const binding = randomBytes(32).toString("base64url");
  const pending: PendingAuthorization = { connectionId: connection.id, verifier, nonce, bindingHash: sha256Hex(binding) };
  await putOnce("state", state, pending, STATE_TTL_SECONDS);

  const scopes = connection.scopes.split(" ");
  const scope = input.launch ? scopes : scopes.map((s) => (s === "launch" ? "launch/patient" : s));
  const url = new URL(as.authorization_endpoint!);
  const q = url.searchParams;
  q.set("response_type", "code");
  q.set("client_id", connection.clientId);
  q.set("redirect_uri", redirectUri());
  q.set("scope", [...new Set(scope)].join(" "));
  q.set("state", state);
  q.set("nonce", nonce);
  q.set("aud", connection.iss);
  q.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
  q.set("code_challenge_method", "S256");
  if (input.launch) q.set("launch", input.launch.slice(0, 2000));
  return { location: url.toString(), binding, connectionId: connection.id };
}
