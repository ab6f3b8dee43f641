import { z } from "zod";
import { DIAGNOSIS_CODES } from "@/lib/codes/diagnosis-codes";
import { searchCodes } from "@/lib/codes/search";
import { readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

const query = z.strictObject({ q: z.string().max(100).default(""), limit: z.coerce.number().int().min(1).max(200).default(20) });

export const GET = apiRoute("any", async ({ req }) => {
  const { q, limit } = readQuery(req, query);
  return json({ items: searchCodes(DIAGNOSIS_CODES, q, limit) });
});
