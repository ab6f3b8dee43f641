/**
 * SMART discovery: `{iss}/.well-known/smart-configuration` read and checked with zod, turned into
 * the authorization-server metadata oauth4webapi works with. The EHR must offer PKCE S256.
 */
import type { AuthorizationServer } from "oauth4webapi";
import { z } from "zod";
import { isCallableUrl } from "./urls";

const url = z.string().refine(isCallableUrl, "not a callable URL");
const smartConfigurationSchema = z.object({
  issuer: url.optional(),
  authorization_endpoint: url,
  token_endpoint: url,
  jwks_uri: url.optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  capabilities: z.array(z.string()).optional(),
});

/** The EHR could not be reached or described itself wrongly; the launch stops there. */
export class EhrUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "EhrUnavailable";
  }
}

/** Fetch and check the EHR's SMART configuration. */
export async function discover(iss: string): Promise<AuthorizationServer & { jwks_uri: string }> {
  let res: Response;
  try {
    res = await fetch(`${iss}/.well-known/smart-configuration`, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new EhrUnavailable("smart-configuration unreachable");
  }
  if (!res.ok) throw new EhrUnavailable(`smart-configuration answered ${res.status}`);
  const parsed = smartConfigurationSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new EhrUnavailable("smart-configuration malformed");
  const c = parsed.data;
  if (!c.jwks_uri) throw new EhrUnavailable("smart-configuration has no jwks_uri");
  if (c.code_challenge_methods_supported && !c.code_challenge_methods_supported.includes("S256")) throw new EhrUnavailable("EHR does not support PKCE S256");
  return { issuer: c.issuer ?? iss, authorization_endpoint: c.authorization_endpoint, token_endpoint: c.token_endpoint, jwks_uri: c.jwks_uri };
}
