/** `npm run db:migrate`: create the database if needed and apply migrations. */
import { env } from "@/lib/env";
import { runMigrations } from "@/lib/db/migrate";

await runMigrations(env.DATABASE_URL);
process.stdout.write("migrations applied\n");
