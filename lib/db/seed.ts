/**
 * Demo data (SPEC §10): two clinics, the five demo accounts and their patients. Idempotent: a
 * second run finds what exists and adds nothing twice. Refuses to run in production.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { clinics, patients, users } from "./schema";
import type { Role, Sex } from "./schema/enums";
import { hashPassword } from "../auth/password";

export const DEMO_PASSWORD = "demo-password";

export const DEMO_CLINICS = ["Northside Family Practice", "Riverside Health Centre"] as const;

export const DEMO_USERS: { email: string; name: string; role: Role; clinic?: (typeof DEMO_CLINICS)[number] }[] = [
  { email: "admin@demo.test", name: "Avery Admin", role: "admin" },
  { email: "specialist@demo.test", name: "Dr. Sasha Okafor", role: "specialist" },
  { email: "specialist2@demo.test", name: "Dr. Lena Brandt", role: "specialist" },
  { email: "referrer@northside.test", name: "Dr. Noor Haddad", role: "referrer", clinic: "Northside Family Practice" },
  { email: "referrer@riverside.test", name: "Dr. Ravi Menon", role: "referrer", clinic: "Riverside Health Centre" },
];

type DemoPatient = { mrn: string; givenName: string; familyName: string; birthDate: string; sex: Sex; fitzpatrick?: number };

export const DEMO_PATIENTS: Record<(typeof DEMO_CLINICS)[number], DemoPatient[]> = {
  "Northside Family Practice": [
    { mrn: "NS-1001", givenName: "Margaret", familyName: "Ellison", birthDate: "1952-04-17", sex: "female", fitzpatrick: 2 },
    { mrn: "NS-1002", givenName: "Tomás", familyName: "Rivera", birthDate: "1988-11-02", sex: "male", fitzpatrick: 4 },
    { mrn: "NS-1003", givenName: "Aiko", familyName: "Tanaka", birthDate: "1975-06-30", sex: "female", fitzpatrick: 3 },
    { mrn: "NS-1004", givenName: "George", familyName: "Whitfield", birthDate: "1946-01-09", sex: "male", fitzpatrick: 1 },
  ],
  "Riverside Health Centre": [
    { mrn: "RS-2001", givenName: "Amara", familyName: "Okonkwo", birthDate: "1993-03-21", sex: "female", fitzpatrick: 5 },
    { mrn: "RS-2002", givenName: "Henrik", familyName: "Lund", birthDate: "1961-08-14", sex: "male", fitzpatrick: 2 },
    { mrn: "RS-2003", givenName: "Priya", familyName: "Nair", birthDate: "2009-12-05", sex: "female", fitzpatrick: 4 },
  ],
};

export type SeedResult = { clinicIds: Record<string, string>; userIds: Record<string, string>; patientIds: Record<string, string> };

/** Create (or find) the demo clinics, users and patients. */
export async function seedIdentities(db: Database): Promise<SeedResult> {
  const clinicIds: Record<string, string> = {};
  for (const name of DEMO_CLINICS) {
    const [found] = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.name, name));
    clinicIds[name] = found?.id ?? (await db.insert(clinics).values({ name }).returning({ id: clinics.id }))[0]!.id;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const [found] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${u.email}`);
    userIds[u.email] =
      found?.id ??
      (
        await db
          .insert(users)
          .values({ email: u.email, name: u.name, role: u.role, clinicId: u.clinic ? clinicIds[u.clinic] : null, passwordHash })
          .returning({ id: users.id })
      )[0]!.id;
  }
  const patientIds: Record<string, string> = {};
  for (const [clinic, list] of Object.entries(DEMO_PATIENTS)) {
    for (const p of list) {
      const [row] = await db
        .insert(patients)
        .values({ ...p, clinicId: clinicIds[clinic]! })
        .onConflictDoUpdate({ target: [patients.clinicId, patients.mrn], set: { givenName: p.givenName } })
        .returning({ id: patients.id });
      patientIds[p.mrn] = row!.id;
    }
  }
  return { clinicIds, userIds, patientIds };
}
