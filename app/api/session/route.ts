/**
 * The idle timer's view of the server's session clock (SPEC §9). GET is a background check — the
 * client sends `x-dermrelay-background: 1`, so it never extends the session — and answers when
 * the session ends; POST reports a person's action that made no other request (typing a long
 * reply, "Stay signed in") and extends it.
 */
import { IDLE_MINUTES } from "@/lib/auth/activity";
import { idleDeadline, recordActivity } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute("any", async ({ ctx }) => {
  const deadline = ctx.actor.sessionId ? await idleDeadline(db, ctx.actor.sessionId) : null;
  return json({ idleMinutes: IDLE_MINUTES, idleExpiresAt: deadline?.toISOString() ?? null });
});

export const POST = apiRoute("any", async ({ ctx }) => {
  const deadline = ctx.actor.sessionId ? await recordActivity(db, ctx.actor.sessionId) : null;
  return json({ idleMinutes: IDLE_MINUTES, idleExpiresAt: deadline?.toISOString() ?? null });
});
