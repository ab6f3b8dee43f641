/** `npm run db:migrate`: create the database if needed and apply migrations. */
import { env } from "@/lib/env";
import { runMigrations } from "@/lib/db/migrate";

if (!env.MIGRATION_DATABASE_URL) throw new Error("MIGRATION_DATABASE_URL (the schema owner) is required to migrate in production");
await runMigrations(env.MIGRATION_DATABASE_URL, env.DATABASE_URL);
process.stdout.write("migrations applied\n");
