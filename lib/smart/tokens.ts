/**
 * A launch's EHR tokens, kept server-side only: sealed JSON in `smart_launches.tokens`, bound to
 * the launch id. `usableAccessToken` returns a live access token, refreshing it with the refresh
 * token (oauth4webapi) when it has expired or the EHR said 401; null when no token can be had —
 * then the write-back waits for the next launch.
 */
import { eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import type { Db } from "../db/client";
import { smartLaunches } from "../db/schema";
import { connectionById } from "./connections";
import { discover } from "./discovery";
import { clientFor } from "./oauth";
import { seal, unseal } from "./sealed";

export type StoredTokens = { accessToken: string; refreshToken: string | null; scope: string };

const PURPOSE = "launch-tokens";
/** Refresh a little before the EHR's expiry so a request never starts with a dying token. */
const EARLY_MS = 30_000;

export const sealTokens = (launchId: string, t: StoredTokens) => seal(PURPOSE, launchId, JSON.stringify(t));
const openTokens = (launchId: string, blob: Buffer) => JSON.parse(unseal(PURPOSE, launchId, blob)) as StoredTokens;

export const expiresAt = (expiresIn: number | undefined) => new Date(Date.now() + (expiresIn ?? 300) * 1000);

/** A live access token for the launch, refreshed when needed (or forced); null when none can be had. */
export async function usableAccessToken(db: Db, launchId: string, opts: { force?: boolean } = {}): Promise<string | null> {
  const [launch] = await db.select().from(smartLaunches).where(eq(smartLaunches.id, launchId));
  if (!launch) return null;
  const tokens = openTokens(launch.id, launch.tokens);
  if (!opts.force && launch.accessExpiresAt.getTime() - EARLY_MS > Date.now()) return tokens.accessToken;
  if (!tokens.refreshToken) return null;
  const connection = await connectionById(db, launch.connectionId);
  if (!connection?.active) return null;
  const as = await discover(connection.iss);
  const { client, auth, options } = clientFor(connection, as);
  let result: oauth.TokenEndpointResponse;
  try {
    const res = await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refreshToken, options);
    result = await oauth.processRefreshTokenResponse(as, client, res);
  } catch (err) {
    if (err instanceof oauth.ResponseBodyError) return null; // refresh token refused: wait for a launch
    throw err; // EHR unreachable: the job retries
  }
  const next: StoredTokens = { accessToken: result.access_token, refreshToken: result.refresh_token ?? tokens.refreshToken, scope: result.scope ?? tokens.scope };
  await db.update(smartLaunches).set({ tokens: sealTokens(launch.id, next), accessExpiresAt: expiresAt(result.expires_in) }).where(eq(smartLaunches.id, launch.id));
  return next.accessToken;
}
