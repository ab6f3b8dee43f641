/** Endpoints of the signed-in user's own account: who am I, password, sessions and their idle clock, API tokens (admins). */
import { z } from "zod";
import { changePassword, signOutEverywhere } from "../auth/account";
import { IDLE_MINUTES } from "../auth/activity";
import { idleDeadline, recordActivity } from "../auth/sessions";
import { issueApiToken, listApiTokens, revokeApiToken } from "../auth/api-tokens";
import { defineEndpoint } from "../http/endpoint";
import { idInput } from "./ids";

/** Reachable during two-factor set-up, so a client can learn why everything else is 403. */
export const meEndpoint = defineEndpoint({
  name: "me.get",
  roles: "any",
  duringMfaSetup: true,
  input: z.undefined(),
  run: async (_db, { actor: { id, email, name, role, clinicId } }) => ({ id, email, name, role, clinicId }),
});

export const changePasswordEndpoint = defineEndpoint({
  name: "me.password",
  roles: "any",
  input: z.unknown(),
  run: (db, ctx, body) => changePassword(db, ctx, body),
});

export const signOutEverywhereEndpoint = defineEndpoint({
  name: "me.signOutEverywhere",
  roles: "any",
  input: z.undefined(),
  run: (db, ctx) => signOutEverywhere(db, ctx),
});

export const listTokensEndpoint = defineEndpoint({
  name: "tokens.list",
  roles: ["admin"],
  input: z.undefined(),
  run: async (db, ctx) => ({ items: await listApiTokens(db, ctx), nextCursor: null }),
});

export const issueTokenEndpoint = defineEndpoint({
  name: "tokens.issue",
  roles: ["admin"],
  input: z.unknown(),
  run: (db, ctx, body) => issueApiToken(db, ctx, body),
});

export const revokeTokenEndpoint = defineEndpoint({
  name: "tokens.revoke",
  roles: ["admin"],
  input: idInput,
  run: async (db, ctx, { id }) => {
    await revokeApiToken(db, ctx, id);
    return null;
  },
});

/**
 * The idle timer's view of the session clock (SPEC §9): `read` is a background check that never
 * extends the session; `report` records a person's action that made no other request.
 */
export const sessionClockEndpoint = defineEndpoint({
  name: "session.read",
  roles: "any",
  duringMfaSetup: true,
  input: z.undefined(),
  run: async (db, ctx) => {
    const deadline = ctx.actor.sessionId ? await idleDeadline(db, ctx.actor.sessionId) : null;
    return { idleMinutes: IDLE_MINUTES, idleExpiresAt: deadline?.toISOString() ?? null };
  },
});

export const reportActivityEndpoint = defineEndpoint({
  name: "session.report",
  roles: "any",
  duringMfaSetup: true,
  input: z.undefined(),
  run: async (db, ctx) => {
    const deadline = ctx.actor.sessionId ? await recordActivity(db, ctx.actor.sessionId) : null;
    return { idleMinutes: IDLE_MINUTES, idleExpiresAt: deadline?.toISOString() ?? null };
  },
});
