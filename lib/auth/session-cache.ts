/**
 * Live sessions remembered per process for up to the 30-second touch interval, so a request does not
 * pay a database round trip to learn what the one before it learnt a moment ago.
 *
 * Safe because every change that could end a session or alter its holder is pushed here: the
 * triggers of migration 0005 NOTIFY `auth_changed` from the writing transaction (any writer: app,
 * worker or psql), and this module forgets the session (`s:<id>`) or every session of the user
 * (`u:<id>`). In-process writers also forget directly, so their own next request never waits on a
 * notification. The cache is used only while its LISTEN connection is up: before it is, after it
 * drops, and until it is back, every request reads the database as if there were no cache.
 *
 * A read that started before a change must not put the old state back: every change bumps an
 * epoch, a database read takes a ticket (the epoch) before it queries, and its result is remembered
 * only if no change happened in between.
 */
import { Client } from "pg";
import { env } from "../env";
import { logger } from "../log";
import type { Actor } from "./actor";

export const AUTH_CHANGED_CHANNEL = "auth_changed";
const MAX_ENTRIES = 10_000;
const RETRY_MS = 2_000;

type Entry = { actor: Actor; userId: string; until: number };
type State = {
  entries: Map<string, Entry>;
  epoch: number;
  listener: Client | null;
  listening: boolean;
  connecting: boolean;
  retryAt: number;
};

// On globalThis, like the pool: one cache and one listener per process, however the bundler splits modules.
const g = globalThis as unknown as { dermrelaySessionCache?: State };
const state: State = (g.dermrelaySessionCache ??= {
  entries: new Map(),
  epoch: 0,
  listener: null,
  listening: false,
  connecting: false,
  retryAt: 0,
});

function changed(): void {
  state.epoch++;
}

/** Forget one session (it was revoked, aged or deleted). */
export function forgetSession(sessionId: string): void {
  changed();
  state.entries.delete(sessionId);
}

/** Forget every session of a user (the user changed: role, clinic, activity, two-factor, name). */
export function forgetUser(userId: string): void {
  changed();
  for (const [sid, e] of state.entries) if (e.userId === userId) state.entries.delete(sid);
}

/** Stop using the cache: close the listener, forget everything, and refuse reads begun before. */
function drop(): Promise<void> {
  const l = state.listener;
  state.listener = null;
  state.listening = false;
  state.connecting = false;
  state.entries.clear();
  changed();
  return l ? l.end().catch(() => undefined) : Promise.resolve();
}

function lost(err?: unknown): void {
  if (err) logger.warn({ err }, "session cache: LISTEN connection lost; reading sessions from the database until it is back");
  void drop();
  state.retryAt = Date.now() + RETRY_MS;
}

function startListening(): void {
  if (state.listening || state.connecting || Date.now() < state.retryAt) return;
  state.connecting = true;
  const client = new Client({ connectionString: env.DATABASE_URL });
  state.listener = client;
  // Only the current listener may tear the cache down; a replaced one just goes away.
  const fail = (err?: unknown) => {
    if (state.listener === client) lost(err);
  };
  client.on("error", fail);
  client.on("end", () => fail());
  client.on("notification", (n) => {
    if (n.channel !== AUTH_CHANGED_CHANNEL || !n.payload) return;
    const [kind, id] = [n.payload.slice(0, 2), n.payload.slice(2)];
    if (kind === "u:") forgetUser(id);
    else forgetSession(id);
  });
  client
    .connect()
    .then(() => {
      // Never keep a process alive (a test run, a script) just for this connection.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      return client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
    })
    .then(() => {
      if (state.listener !== client) return;
      state.connecting = false;
      state.listening = true;
      changed(); // reads begun before we were listening could have missed a change
    })
    .catch(fail);
}

/** The remembered actor of `sessionId`, if it is still good at `now` (ms). */
export function cachedActor(sessionId: string, now: number): Actor | null {
  startListening();
  if (!state.listening) return null;
  const e = state.entries.get(sessionId);
  if (!e) return null;
  if (now >= e.until) {
    state.entries.delete(sessionId);
    return null;
  }
  return { ...e.actor };
}

/** Taken before reading a session from the database; null while changes cannot be heard. */
export function readTicket(): number | null {
  return state.listening ? state.epoch : null;
}

/** Remember what a read that took `ticket` found, valid until `until` (ms), unless anything changed since. */
export function rememberActor(ticket: number | null, sessionId: string, actor: Actor, until: number): void {
  if (ticket === null || ticket !== state.epoch || !state.listening) return;
  if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  state.entries.set(sessionId, { actor: { ...actor }, userId: actor.id, until });
}

/** Whether the cache is in use (its LISTEN connection is up). For tests and health. */
export function sessionCacheListening(): boolean {
  return state.listening;
}

/** Stop listening and forget everything (tests; a process that is shutting down). */
export function stopSessionCache(): Promise<void> {
  return drop();
}
