/** Endpoints of the clinic's patient register (SPEC §4): create, search, read. */
import { z } from "zod";
import { defineEndpoint } from "../http/endpoint";
import { createPatient, getPatient, patientSearchSchema, searchPatients } from "../patients/service";
import { idInput } from "./ids";

export const createPatientEndpoint = defineEndpoint({
  name: "patients.create",
  roles: ["referrer"],
  input: z.unknown(),
  run: (db, ctx, body) => createPatient(db, ctx, body),
});

export const searchPatientsEndpoint = defineEndpoint({
  name: "patients.search",
  roles: ["referrer"],
  input: patientSearchSchema,
  run: async (db, ctx, q) => ({ items: await searchPatients(db, ctx, q), nextCursor: null }),
});

export const getPatientEndpoint = defineEndpoint({
  name: "patients.get",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => getPatient(db, ctx, id),
});
