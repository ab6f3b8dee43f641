/** Endpoints of the code lists every form uses: body sites and the diagnosis-code search. */
import { z } from "zod";
import { BODY_SITES } from "../codes/body-sites";
import { DIAGNOSIS_CODES } from "../codes/diagnosis-codes";
import { searchCodes } from "../codes/search";
import { defineEndpoint } from "../http/endpoint";

export const bodySitesEndpoint = defineEndpoint({
  name: "codes.bodySites",
  roles: "any",
  input: z.undefined(),
  run: async () => ({ items: BODY_SITES }),
});

export const diagnosisCodesEndpoint = defineEndpoint({
  name: "codes.diagnosis",
  roles: "any",
  input: z.strictObject({ q: z.string().max(100).default(""), limit: z.coerce.number().int().min(1).max(200).default(20) }),
  run: async (_db, _ctx, { q, limit }) => ({ items: searchCodes(DIAGNOSIS_CODES, q, limit) }),
});
