/**
 * Test-only helpers for the admin end-to-end suite, run in the Playwright process against the e2e
 * database (tests/e2e/env.ts): eight weeks of answered referral history so the dashboard charts
 * have several points, and a fresh invitation token for a user (the real one only exists in the
 * e-mail, which the e2e web server logs instead of sending).
 */
import { e2eEnv } from "./env";

async function lib() {
  Object.assign(process.env, { DATABASE_URL: e2eEnv.DATABASE_URL, AUTH_SECRET: e2eEnv.AUTH_SECRET, DATA_ENCRYPTION_KEY: e2eEnv.DATA_ENCRYPTION_KEY, APP_URL: e2eEnv.APP_URL, LOG_LEVEL: "silent" });
  const [{ db, pool }, schema, invites] = await Promise.all([import("@/lib/db/client"), import("@/lib/db/schema"), import("@/lib/identity/invites")]);
  return { db, pool, schema, invites };
}

const H = 3600_000;

/** Insert answered cases over the last eight weeks for the demo clinics (deterministic spread). */
export async function seedAdminHistory(): Promise<number> {
  const { db, schema } = await lib();
  const { sql, eq } = await import("drizzle-orm");
  const clinics = await db.select({ id: schema.clinics.id }).from(schema.clinics).orderBy(schema.clinics.name);
  const specialists = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.role, "specialist"));
  const referrers = await db.select({ id: schema.users.id, clinicId: schema.users.clinicId }).from(schema.users).where(eq(schema.users.role, "referrer"));
  const now = Date.now();
  let n = 0;
  for (let week = 8; week >= 1; week--) {
    for (let i = 0; i < 3 + ((week * 7) % 5); i++) {
      const clinic = clinics[(i + week) % clinics.length]!;
      const ref = referrers.find((r) => r.clinicId === clinic.id) ?? referrers[0]!;
      const spec = specialists[(i + week) % specialists.length]!;
      const priority = (["urgent", "soon", "routine"] as const)[(i + week) % 3]!;
      const window = { urgent: 24, soon: 72, routine: 168 }[priority];
      const submitted = now - week * 7 * 24 * H + i * 5 * H;
      const turnaround = window * (0.3 + ((i * 37 + week * 11) % 100) / 100);
      const [patient] = await db.insert(schema.patients).values({ clinicId: clinic.id, mrn: `HIST-${week}-${i}-${now}`, givenName: "History", familyName: "Fixture", birthDate: "1960-01-01", sex: "unknown" }).returning({ id: schema.patients.id });
      const [c] = await db.insert(schema.cases).values({
        clinicId: clinic.id, patientId: patient!.id, createdBy: ref.id, status: "closed", priority, priorityRank: ["urgent", "soon", "routine"].indexOf(priority),
        submittedAt: new Date(submitted), slaDueAt: new Date(submitted + window * H), answeredAt: new Date(submitted + turnaround * H), createdAt: new Date(submitted - H),
      }).returning({ id: schema.cases.id });
      const steps: [string | null, string, number, string | null][] = [
        [null, "draft", -H, ref.id], ["draft", "submitted", 0, ref.id], ["submitted", "triaged", 0.2 * H, null],
        ["triaged", "in_review", turnaround * 0.4 * H, spec.id], ["in_review", "answered", turnaround * H, spec.id], ["answered", "closed", (turnaround + 6) * H, ref.id],
      ];
      for (const [from, to, offset, actor] of steps) {
        await db.execute(sql`insert into case_events (case_id, from_status, to_status, actor_id, at) values (${c!.id}, ${from}::case_status, ${to}::case_status, ${actor}, ${new Date(submitted + offset).toISOString()}::timestamptz)`);
      }
      n++;
    }
  }
  return n;
}

/** A fresh single-use set-password token for the user with `email` (older links stop working). */
export async function freshInviteToken(email: string): Promise<string> {
  const { db, schema, invites } = await lib();
  const { sql } = await import("drizzle-orm");
  const [user] = await db.select({ id: schema.users.id }).from(schema.users).where(sql`lower(${schema.users.email}) = lower(${email})`);
  if (!user) throw new Error(`no user ${email}`);
  return (await invites.issueInvite(db, user.id, null)).token;
}

/** Close the fixtures' database pool (call once, after the suite). */
export async function closeAdminFixtures(): Promise<void> {
  const { pool } = await lib();
  await pool.end();
}
