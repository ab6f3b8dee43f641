/** `npm run db:seed`: demo data for demos and tests; refuses production. */
import { env } from "@/lib/env";

if (env.NODE_ENV === "production") {
  process.stderr.write("Refusing to seed demo data: NODE_ENV=production\n");
  process.exit(1);
}

const { db, pool } = await import("@/lib/db/client");
const { seedDemo } = await import("@/lib/db/seed-demo");
const summary = await seedDemo(db);
process.stdout.write(`seeded: ${JSON.stringify(summary)}\n`);
await pool.end();
process.exit(0);
