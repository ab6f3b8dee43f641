/** The whole demo seed: identities, then cases in every state with processed photos. */
import type { Database } from "./client";
import { seedIdentities } from "./seed";
import { seedCases } from "./seed-cases";

export async function seedDemo(db: Database): Promise<{ clinics: number; users: number; patients: number; cases: number }> {
  const ids = await seedIdentities(db);
  const created = await seedCases(db, ids);
  return {
    clinics: Object.keys(ids.clinicIds).length,
    users: Object.keys(ids.userIds).length,
    patients: Object.keys(ids.patientIds).length,
    cases: created,
  };
}
