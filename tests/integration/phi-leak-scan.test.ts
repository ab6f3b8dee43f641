/**
 * The PHI-leak scan: a recognisable patient goes through the main flows — patient, draft, photo,
 * submit, triage by a real worker, claim, information request and answer, reply, acknowledge,
 * e-mails to a real SMTP server — then every log line, every Redis key and value under this run's
 * prefix, every outbox payload and every e-mail is searched for the patient's name, MRN, birth
 * date and the diagnosis. Zero hits.
 */
import { Worker } from "bullmq";
import { eq, sql } from "drizzle-orm";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPatientRoute } from "@/app/api/v1/patients/route";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route";
import { POST as submitRoute } from "@/app/api/v1/cases/[id]/submit/route";
import { POST as claimNextRoute } from "@/app/api/v1/queue/claim-next/route";
import { POST as infoRequestRoute } from "@/app/api/v1/cases/[id]/info-requests/route";
import { POST as infoResponseRoute } from "@/app/api/v1/cases/[id]/info-responses/route";
import { POST as consultationRoute } from "@/app/api/v1/cases/[id]/consultation/route";
import { POST as acknowledgeRoute } from "@/app/api/v1/cases/[id]/acknowledge/route";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[id]/route";
import { db } from "@/lib/db/client";
import { cases, outbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { addLogStream, logger } from "@/lib/log";
import { deliverNotification } from "@/lib/notifications/deliver";
import { createWorkerConnection } from "@/lib/queue/redis";
import { relayOutbox } from "@/lib/queue/relay";
import processPhotoJob from "@/workers/processors/process-photo";
import triageCaseJob from "@/workers/processors/triage-case";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";
import { jpeg, routineHistory, uploadPhotoRequest } from "../support/referrals";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";

const PHI = { given: "Zebulon", family: "Quillfeather", mrn: "PHISCAN-77310", birthDate: "1957-03-29", diagnosis: "Lentigo maligna of the left cheek" };
const NEEDLES = [PHI.given, PHI.family, PHI.mrn, PHI.birthDate, "Lentigo maligna"];

const logLines: string[] = [];
let mails: ReceivedMail[] = [];
let smtp: TestSmtpServer;
let smtpUrl = "";
const workers: Worker[] = [];

beforeAll(async () => {
  logger.level = "trace"; // every line the app can write is captured, not just warnings
  addLogStream(new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } }));
  smtp = await startSmtpServer();
  mails = smtp.inbox;
  smtpUrl = smtp.url;
  const opts = { connection: createWorkerConnection(), prefix: env.QUEUE_PREFIX };
  workers.push(new Worker("photos", processPhotoJob, opts));
  workers.push(new Worker("triage", triageCaseJob, { ...opts, connection: createWorkerConnection() }));
  workers.push(new Worker("notifications", async (job) => deliverNotification(db, job.data.notificationId, { smtpUrl }), { ...opts, connection: createWorkerConnection() }));
});

afterAll(async () => {
  logger.level = "silent";
  await Promise.all(workers.map((w) => w.close()));
  await smtp.close();
});

async function statusOf(id: string) {
  await relayOutbox(db);
  return (await db.select({ s: cases.status }).from(cases).where(eq(cases.id, id)))[0]!.s;
}

/** Everything stored in Redis under this run's prefix, as text. */
async function redisDump(): Promise<string> {
  const r = createWorkerConnection();
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await r.scan(cursor, "MATCH", `${env.QUEUE_PREFIX}:*`, "COUNT", 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  const parts: string[] = [];
  for (const key of keys) {
    const type = await r.type(key);
    const value =
      type === "hash" ? await r.hgetall(key)
      : type === "list" ? await r.lrange(key, 0, -1)
      : type === "zset" ? await r.zrange(key, 0, -1)
      : type === "set" ? await r.smembers(key)
      : type === "string" ? await r.get(key)
      : type === "stream" ? await r.xrange(key, "-", "+")
      : null;
    parts.push(key, JSON.stringify(value));
  }
  r.disconnect();
  expect(keys.length).toBeGreaterThan(5); // the scan really saw the queues
  return parts.join("\n");
}

describe("PHI-leak scan", () => {
  it("finds no patient identifiers or diagnosis in logs, Redis, job payloads or e-mails", async () => {
    const t = await createTenant();
    const referrer = (await sessionCookie(t.referrer)).cookie;
    const specialist = (await sessionCookie(t.specialist)).cookie;

    const patient = await (
      await createPatientRoute(apiRequest("/api/v1/patients", { cookie: referrer, json: { mrn: PHI.mrn, givenName: PHI.given, familyName: PHI.family, birthDate: PHI.birthDate, sex: "male" } }), params({}))
    ).json();
    const draft = await (
      await createCaseRoute(apiRequest("/api/v1/cases", { cookie: referrer, json: { patientId: patient.id, history: routineHistory({ suspected: "melanoma", referralQuestion: `${PHI.diagnosis}? (${PHI.given})` }) } }), params({}))
    ).json();
    expect((await uploadPhotoRequest(referrer, draft.id, await jpeg(1000, 800), { filename: `${PHI.family}-${PHI.mrn}.jpg` })).status).toBe(201);
    await expect.poll(async () => {
      await relayOutbox(db);
      const c = await (await getCaseRoute(apiRequest(`/api/v1/cases/${draft.id}`, { cookie: referrer }), params({ id: draft.id }))).json();
      return c.photos[0]?.status;
    }, { timeout: 20_000 }).toBe("ready");
    expect((await submitRoute(apiRequest(`/api/v1/cases/${draft.id}/submit`, { cookie: referrer, method: "POST" }), params({ id: draft.id }))).status).toBe(200);
    await expect.poll(() => statusOf(draft.id), { timeout: 20_000 }).toBe("triaged");

    const post = (route: typeof infoRequestRoute, path: string, cookie: string, json?: unknown) =>
      route(apiRequest(path, { cookie, method: "POST", ...(json ? { json } : {}) }), params({ id: draft.id }));
    // Other cases may head the queue: claim until ours comes up (queue order is tested elsewhere).
    for (let i = 0; i < 50 && (await statusOf(draft.id)) === "triaged"; i++) {
      expect((await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie: specialist, method: "POST" }), params({}))).status).toBe(200);
    }
    expect((await post(infoRequestRoute, `/api/v1/cases/${draft.id}/info-requests`, specialist, { question: `Is ${PHI.given} immunosuppressed?` })).status).toBe(201);
    expect((await post(infoResponseRoute, `/api/v1/cases/${draft.id}/info-responses`, referrer, { answer: `${PHI.given} ${PHI.family} takes no immunosuppressants` })).status).toBe(201);
    for (let i = 0; i < 50 && (await statusOf(draft.id)) === "triaged"; i++) {
      await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie: specialist, method: "POST" }), params({}));
    }
    const reply = { diagnosis: PHI.diagnosis, diagnosisCode: "D03.39", plan: `Excision for ${PHI.family}`, disposition: "biopsy_recommended" };
    expect((await post(consultationRoute, `/api/v1/cases/${draft.id}/consultation`, specialist, reply)).status).toBe(201);
    expect((await post(acknowledgeRoute, `/api/v1/cases/${draft.id}/acknowledge`, referrer)).status).toBe(200);
    await expect.poll(async () => { await relayOutbox(db); return mails.length; }, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // Errors are logged too: provoke one with the PHI in a bad request.
    await createPatientRoute(apiRequest("/api/v1/patients", { cookie: referrer, json: { mrn: PHI.mrn, givenName: PHI.given, familyName: PHI.family, birthDate: PHI.birthDate, sex: "male" } }), params({}));

    const payloads = (await db.select({ p: outbox.payload }).from(outbox)).map((r) => JSON.stringify(r.p)).join("\n");
    const haystacks = { logs: logLines.join(""), redis: await redisDump(), outbox: payloads, email: mails.map((m) => m.raw).join("\n") };
    expect(logLines.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const needle of NEEDLES) expect(text.includes(needle), `${needle} found in ${where}`).toBe(false);
    }
    // The case did carry the PHI: it is in the database, where it belongs.
    const [row] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from patients where mrn = ${PHI.mrn}`)).rows;
    expect(row!.n).toBe(1);
  });
});
