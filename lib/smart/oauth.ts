/**
 * The oauth4webapi handles DermRelay uses as a client of one EHR connection: the client metadata,
 * client authentication (client_secret_basic when a secret is set, else a public PKCE client),
 * and the request options (plain http allowed only for a loopback EHR outside production).
 */
import * as oauth from "oauth4webapi";
import { env } from "../env";
import { clientSecretOf, type EhrConnection } from "./connections";
import { isInsecureLoopback } from "./urls";

export const REDIRECT_PATH = "/smart/callback";
export const redirectUri = () => `${env.APP_URL}${REDIRECT_PATH}`;

/** Client, client authentication and request options for `connection`. */
export function clientFor(connection: EhrConnection, as: oauth.AuthorizationServer) {
  const secret = clientSecretOf(connection);
  const client: oauth.Client = { client_id: connection.clientId };
  const auth = secret ? oauth.ClientSecretBasic(secret) : oauth.None();
  const insecure = [connection.iss, as.token_endpoint!].some(isInsecureLoopback);
  const options = { [oauth.allowInsecureRequests]: insecure, signal: AbortSignal.timeout(15_000) };
  return { client, auth, options };
}
