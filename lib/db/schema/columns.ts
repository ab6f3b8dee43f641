/** Column types drizzle has no builder for, shared by the schema files (not a table: index.ts does not export it). */
import { customType } from "drizzle-orm/pg-core";

/** Raw bytes, e.g. an envelope blob (lib/storage/envelope.ts). */
export const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });
