/**
 * Endpoints of the administration console (SPEC §7): users and invitations, clinics, the SLA
 * settings, the audit viewer. The API routes and the admin screens' server actions carry the
 * same endpoints; only where the raw input comes from differs.
 */
import { z } from "zod";
import { exportAuditCsv, listAuditEvents, auditQuerySchema, verifyAuditLog } from "../audit/viewer";
import { createClinic, getClinic, listClinics, updateClinic } from "../clinics/service";
import { defineEndpoint } from "../http/endpoint";
import { getUser, inviteUser, listUsers, resendInvite, updateUser, userListQuerySchema } from "../identity/users";
import { readSlaSettings, saveSlaSettings } from "../sla/settings";
import { idAndBodyInput, idInput } from "./ids";

const ADMIN = ["admin"] as const;

export const listUsersEndpoint = defineEndpoint({ name: "users.list", roles: ADMIN, input: userListQuerySchema, run: (db, ctx, q) => listUsers(db, ctx, q) });

/** Creates the account and e-mails a single-use set-password link. */
export const inviteUserEndpoint = defineEndpoint({ name: "users.invite", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => inviteUser(db, ctx, body) });

export const getUserEndpoint = defineEndpoint({ name: "users.get", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => getUser(db, ctx, id) });

/** Change name, role, clinic or `active` (false ends the user's sessions at once). */
export const updateUserEndpoint = defineEndpoint({ name: "users.update", roles: ADMIN, input: idAndBodyInput, run: (db, ctx, { id, body }) => updateUser(db, ctx, id, body) });

/** Issue and e-mail a fresh set-password link; older links stop working. */
export const resendInviteEndpoint = defineEndpoint({ name: "users.resendInvite", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => resendInvite(db, ctx, id) });

export const listClinicsEndpoint = defineEndpoint({ name: "clinics.list", roles: ADMIN, input: z.undefined(), run: (db, ctx) => listClinics(db, ctx) });

export const createClinicEndpoint = defineEndpoint({ name: "clinics.create", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => createClinic(db, ctx, body) });

export const getClinicEndpoint = defineEndpoint({ name: "clinics.get", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => getClinic(db, ctx, id) });

/** Rename, deactivate (also deactivates its referrers) or reactivate. */
export const updateClinicEndpoint = defineEndpoint({ name: "clinics.update", roles: ADMIN, input: idAndBodyInput, run: (db, ctx, { id, body }) => updateClinic(db, ctx, id, body) });

export const readSlaSettingsEndpoint = defineEndpoint({ name: "settings.sla.read", roles: ADMIN, input: z.undefined(), run: (db, ctx) => readSlaSettings(db, ctx) });

/** Replace the settings: `{hours: {urgent, soon, routine}, atRiskFraction}`; new deadlines use them. */
export const saveSlaSettingsEndpoint = defineEndpoint({ name: "settings.sla.save", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => saveSlaSettings(db, ctx, body) });

/** Audit events, newest first, keyset-paginated. */
export const listAuditEndpoint = defineEndpoint({ name: "audit.list", roles: ADMIN, input: auditQuerySchema, run: (db, ctx, q) => listAuditEvents(db, ctx, q) });

/** Every matching audit event as a CSV document (the export is itself audited). */
export const exportAuditEndpoint = defineEndpoint({
  name: "audit.export",
  roles: ADMIN,
  input: auditQuerySchema,
  run: async (db, ctx, q) => ({ csv: (await exportAuditCsv(db, ctx, q)).csv, filename: `audit-${new Date().toISOString().slice(0, 10)}.csv` }),
});

/** Recompute the audit hash chain: `{ok, rows, firstBadId?, checkedAt}`. */
export const verifyAuditEndpoint = defineEndpoint({ name: "audit.verify", roles: ADMIN, input: z.undefined(), run: (db, ctx) => verifyAuditLog(db, ctx) });
