/**
 * Step three of the launch: the verified launch meets a DermRelay user. The EHR user is linked
 * to that user (first launch) or must already be linked to them; the launch patient is read from
 * the EHR and matched by MRN in the connection's clinic or created (the MRN picked and checked
 * against the clinic's MRN system exactly as a FHIR referral's; refused when in another system);
 * a draft referral starts on that patient, prefilled from the ServiceRequest in the launch
 * context; write-backs still pending for this user and EHR take this launch's token. All rows in
 * one transaction.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, Db } from "../db/client";
import { cases, patients, smartCaseLinks, smartLaunches, smartUserLinks } from "../db/schema";
import { configuredMrnSystem } from "../clinics/service";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { historyDraftSchema } from "../cases/history";
import { recordCreated } from "../cases/state";
import { enqueue } from "../queue/outbox";
import { parseOrThrow } from "../validation";
import { connectionById } from "./connections";
import { EhrRequestFailed, ehrRequest, mapEhrPatient, NoEhrToken, referralPrefillOf } from "./ehr-fhir";
import { sha256Hex } from "../digest";
import { LaunchRefused } from "./refusal";
import { WRITE_BACK_QUEUED } from "./write-back";

/** A verified launch waits this long for its user to sign in. */
export const LAUNCH_PENDING_MS = 15 * 60 * 1000;
export const PENDING_COOKIE = "dermrelay_smart_launch";

/** The DermRelay user an EHR user is linked to, if any. */
export async function linkedUser(db: Db, connectionId: string, fhirUser: string): Promise<string | null> {
  const [row] = await db.select({ userId: smartUserLinks.userId }).from(smartUserLinks).where(and(eq(smartUserLinks.connectionId, connectionId), eq(smartUserLinks.fhirUser, fhirUser)));
  return row?.userId ?? null;
}

/** The pending launch this browser's cookie owns ("launchId.binding"), or null. */
export async function pendingLaunch(db: Db, cookie: string | undefined) {
  const [launchId, binding] = (cookie ?? "").split(".");
  if (!launchId || !binding || !/^[0-9a-f-]{36}$/.test(launchId)) return null;
  const [row] = await db
    .select()
    .from(smartLaunches)
    .where(and(eq(smartLaunches.id, launchId), isNull(smartLaunches.completedAt), gt(smartLaunches.createdAt, new Date(Date.now() - LAUNCH_PENDING_MS))));
  return row && row.bindingHash === sha256Hex(binding) ? row : null;
}

async function readFromEhr(db: Db, launchId: string, iss: string, path: string): Promise<unknown> {
  try {
    return (await ehrRequest(db, launchId, iss, "GET", path)).json;
  } catch (err) {
    if (err instanceof NoEhrToken || err instanceof EhrRequestFailed) return null;
    if (err instanceof TypeError || (err instanceof Error && err.name === "TimeoutError")) throw new LaunchRefused("ehr_unavailable");
    throw err;
  }
}

/** Finish the launch for the signed-in referrer; returns the draft case the wizard opens on. */
export async function finishLaunch(db: Database, ctx: RequestContext, launch: typeof smartLaunches.$inferSelect): Promise<{ caseId: string; status: string }> {
  const connection = await connectionById(db, launch.connectionId);
  if (!connection?.active) throw new LaunchRefused("unknown_iss");
  if (ctx.actor.role !== "referrer" || ctx.actor.clinicId !== connection.clinicId) throw new LaunchRefused("not_a_referrer");
  const linked = await linkedUser(db, connection.id, launch.fhirUser);
  if (linked && linked !== ctx.actor.id) throw new LaunchRefused("wrong_account");

  // The clinic's MRN system decides which identifier is the MRN, as for a FHIR referral in (SPEC §12).
  const mrnSystem = await configuredMrnSystem(db, connection.clinicId);
  const read = mapEhrPatient(await readFromEhr(db, launch.id, connection.iss, `Patient/${launch.ehrPatientId}`), connection.clinicId, mrnSystem);
  if ("refused" in read) throw new LaunchRefused(read.refused, { connectionId: connection.id });
  const ehrPatient = read.patient;
  const prefill = launch.ehrServiceRequestId ? referralPrefillOf(await readFromEhr(db, launch.id, connection.iss, `ServiceRequest/${launch.ehrServiceRequestId}`)) : {};

  return db.transaction(async (tx) => {
    const [claimed] = await tx.update(smartLaunches).set({ userId: ctx.actor.id, completedAt: new Date() }).where(and(eq(smartLaunches.id, launch.id), isNull(smartLaunches.completedAt))).returning({ id: smartLaunches.id });
    if (!claimed) throw new LaunchRefused("expired");
    if (!linked) {
      await tx.insert(smartUserLinks).values({ connectionId: connection.id, fhirUser: launch.fhirUser, userId: ctx.actor.id }).onConflictDoNothing();
      await audit(tx, ctx, { action: "smart.link_user", resourceType: "ehr_connection", resourceId: connection.id });
    }

    // The same EHR order launched again opens the referral it already started.
    if (launch.ehrServiceRequestId) {
      const [again] = await tx
        .select({ caseId: smartCaseLinks.caseId, status: cases.status })
        .from(smartCaseLinks)
        .innerJoin(cases, eq(cases.id, smartCaseLinks.caseId))
        .where(and(eq(smartCaseLinks.connectionId, connection.id), eq(smartCaseLinks.ehrServiceRequestId, launch.ehrServiceRequestId), eq(cases.clinicId, connection.clinicId)));
      if (again) {
        await tx.update(smartLaunches).set({ caseId: again.caseId }).where(eq(smartLaunches.id, launch.id));
        await adoptPendingWriteBacks(tx, ctx, connection.id, launch.id);
        return again;
      }
    }

    // By value in the clinic: with a system set, the MRN was checked to be in it (or to carry no
    // system), so this finds what `Patient?identifier=<clinic system>|<mrn>` finds; without one,
    // by value whatever the EHR's system, as a FHIR referral in is matched.
    let [patient] = await tx.select({ id: patients.id }).from(patients).where(and(eq(patients.clinicId, connection.clinicId), eq(patients.mrn, ehrPatient.mrn)));
    if (patient) {
      await audit(tx, ctx, { action: "patient.read", resourceType: "patient", resourceId: patient.id, patientId: patient.id, details: { via: "smart_launch" } });
    } else {
      [patient] = await tx.insert(patients).values({ ...ehrPatient, clinicId: connection.clinicId, createdBy: ctx.actor.id }).returning({ id: patients.id });
      await audit(tx, ctx, { action: "patient.create", resourceType: "patient", resourceId: patient!.id, patientId: patient!.id, details: { via: "smart_launch" } });
    }
    const history = parseOrThrow(historyDraftSchema, prefill, "history");
    const [row] = await tx.insert(cases).values({ clinicId: connection.clinicId, patientId: patient!.id, createdBy: ctx.actor.id, history }).returning({ id: cases.id, createdAt: cases.createdAt, status: cases.status });
    await recordCreated(tx, ctx, row!.id, row!.createdAt);
    await audit(tx, ctx, { action: "case.create", resourceType: "case", resourceId: row!.id, patientId: patient!.id, details: { via: "smart_launch" } });
    await tx.insert(smartCaseLinks).values({ caseId: row!.id, connectionId: connection.id, launchId: launch.id, ehrPatientId: launch.ehrPatientId, ehrServiceRequestId: launch.ehrServiceRequestId });
    await tx.update(smartLaunches).set({ caseId: row!.id }).where(eq(smartLaunches.id, launch.id));
    await adoptPendingWriteBacks(tx, ctx, connection.id, launch.id);
    return { caseId: row!.id, status: row!.status };
  });
}

/** Pending write-backs of this user's referrals from this EHR take the fresh launch and are queued again. */
async function adoptPendingWriteBacks(tx: Db, ctx: RequestContext, connectionId: string, launchId: string): Promise<void> {
  const adopted = await tx
    .update(smartCaseLinks)
    .set({ launchId, ...WRITE_BACK_QUEUED })
    .where(
      and(
        eq(smartCaseLinks.connectionId, connectionId),
        eq(smartCaseLinks.writebackStatus, "pending"),
        sql`${smartCaseLinks.launchId} in (select id from smart_launches where user_id = ${ctx.actor.id})`,
      ),
    )
    .returning({ caseId: smartCaseLinks.caseId });
  for (const a of adopted) await enqueue(tx, "smart", "write-back", { caseId: a.caseId });
}
