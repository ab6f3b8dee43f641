/** The whole demo seed: identities, then cases (added as the pipeline and triage land). */
import type { Database } from "./client";
import { seedIdentities } from "./seed";

export async function seedDemo(db: Database): Promise<{ clinics: number; users: number; patients: number }> {
  const ids = await seedIdentities(db);
  return {
    clinics: Object.keys(ids.clinicIds).length,
    users: Object.keys(ids.userIds).length,
    patients: Object.keys(ids.patientIds).length,
  };
}
