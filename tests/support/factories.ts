/**
 * Test factories: a fresh clinic and fresh users per test, so tests never share accounts, plus a
 * real Auth.js session cookie for calling route handlers in-process.
 */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { clinics, patients, users } from "@/lib/db/schema";
import type { Role, Sex } from "@/lib/db/schema/enums";
import { env } from "@/lib/env";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { SESSION_COOKIE_NAME } from "@/lib/auth/current";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;

export async function createClinic(name = `Clinic ${randomUUID().slice(0, 8)}`) {
  const [row] = await db.insert(clinics).values({ name }).returning();
  return row!;
}

export async function createUser(role: Role, clinicId: string | null = null, overrides: Partial<{ email: string; active: boolean }> = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@test.example`;
  const [row] = await db
    .insert(users)
    .values({ email, name: `Test ${role}`, role, clinicId, passwordHash: await passwordHash, active: overrides.active ?? true })
    .returning();
  return row!;
}

export async function createPatient(clinicId: string, overrides: Partial<{ birthDate: string; sex: Sex; mrn: string; fitzpatrick: number | null; givenName: string; familyName: string }> = {}) {
  const [row] = await db
    .insert(patients)
    .values({
      clinicId,
      mrn: overrides.mrn ?? `MRN-${randomUUID().slice(0, 8)}`,
      givenName: overrides.givenName ?? "Testa",
      familyName: overrides.familyName ?? "Patient",
      birthDate: overrides.birthDate ?? "1970-01-01",
      sex: overrides.sex ?? "female",
      fitzpatrick: overrides.fitzpatrick ?? null,
    })
    .returning();
  return row!;
}

type UserRow = Awaited<ReturnType<typeof createUser>>;

export function actorOf(user: UserRow, sessionId: string | null = null): Actor {
  return { id: user.id, role: user.role, clinicId: user.clinicId, email: user.email, name: user.name, sessionId };
}

export function ctxOf(user: UserRow): RequestContext {
  return { actor: actorOf(user), requestId: randomUUID(), ip: "127.0.0.1" };
}

/** A clinic with a referrer, plus the service's specialist and admin. */
export async function createTenant() {
  const clinic = await createClinic();
  const referrer = await createUser("referrer", clinic.id);
  const specialist = await createUser("specialist");
  const admin = await createUser("admin");
  return { clinic, referrer, specialist, admin };
}

/** Sign `user` in server-side and return the Cookie header value Auth.js would have set. */
export async function sessionCookie(user: UserRow): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await createSession(db, user.id, "127.0.0.1");
  const token = await encode({
    token: { sub: user.id, sid: sessionId },
    secret: env.AUTH_SECRET,
    salt: SESSION_COOKIE_NAME,
    maxAge: 3600,
  });
  return { cookie: `${SESSION_COOKIE_NAME}=${token}`, sessionId };
}

/** Build a Request to an API path with a session cookie and optional JSON body. */
export function apiRequest(path: string, opts: { cookie?: string; method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof opts.json === "string" ? opts.json : JSON.stringify(opts.json);
  }
  return new Request(`http://localhost:3000${path}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
}

/** The second argument Next.js passes to route handlers. */
export const params = <P>(p: P) => ({ params: Promise.resolve(p) });
