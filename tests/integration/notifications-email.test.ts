import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/notifications/route";
import { POST as readRoute } from "@/app/api/v1/notifications/read/route";
import { db } from "@/lib/db/client";
import { cases, notifications, outbox, patients } from "@/lib/db/schema";
import { notifyClinic, notifyUsers } from "@/lib/notifications/create";
import { repliedNotice } from "@/lib/notifications/catalog";
import { deliverNotification, EMAIL_SUBJECT } from "@/lib/notifications/deliver";
import { triageCase } from "@/lib/triage/run";
import { apiRequest, createPatient, createTenant, createUser, params, sessionCookie } from "../support/factories";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";

let inbox: ReceivedMail[] = [];
let server: TestSmtpServer;
let smtpUrl = "";

beforeAll(async () => {
  // A real SMTP server on a random port; STARTTLS off so the exchange is plain and inspectable.
  server = await startSmtpServer();
  inbox = server.inbox;
  smtpUrl = server.url;
});

afterAll(async () => {
  await server.close();
});

/** A case whose patient and reply carry recognisable PHI, so its absence from mail can be checked. */
async function caseWithPhi() {
  const t = await createTenant();
  const created = await createPatient(t.clinic.id, { mrn: "MRN-ZEBRA-4417", birthDate: "1961-07-23" });
  const [patient] = await db.update(patients).set({ givenName: "Zelphine", familyName: "Quorrington" }).where(eq(patients.id, created.id)).returning();
  if (!patient) throw new Error("patient vanished");
  const [c] = await db
    .insert(cases)
    .values({ clinicId: t.clinic.id, patientId: patient.id, createdBy: t.referrer.id, status: "answered", history: { referralQuestion: "Amelanotic melanoma?" } })
    .returning();
  return { t, patient, c: c! };
}

describe("e-mail delivery", () => {
  it("sends a PHI-free message with a link through a real SMTP server, once", async () => {
    const { t, patient, c } = await caseWithPhi();
    const created = await db.transaction((tx) => notifyClinic(tx, t.clinic.id, repliedNotice(c.id)));
    expect(created).toBe(1);
    const [n] = await db.select().from(notifications).where(and(eq(notifications.userId, t.referrer.id), eq(notifications.caseId, c.id)));
    const jobs = await db.select().from(outbox).where(eq(outbox.queue, "notifications"));
    expect(jobs.find((j) => j.payload.notificationId === n!.id)?.payload).toEqual({ notificationId: n!.id });

    const before = inbox.length;
    expect(await deliverNotification(db, n!.id, { smtpUrl, appUrl: "https://dermrelay.example" })).toBe("sent");
    expect(inbox.length).toBe(before + 1);
    const mail = inbox.at(-1)!;
    expect(mail.to).toEqual([t.referrer.email]);
    expect(mail.raw).toContain(`Subject: ${EMAIL_SUBJECT}`);
    expect(mail.raw.replace(/=\r?\n/g, "")).toContain(`https://dermrelay.example/clinic/cases/${c.id}`);
    for (const phi of [patient.givenName, patient.familyName, patient.mrn, "melanoma", "Amelanotic", patient.birthDate]) {
      expect(mail.raw.toLowerCase()).not.toContain(phi.toLowerCase());
    }

    const [after] = await db.select().from(notifications).where(eq(notifications.id, n!.id));
    expect(after!.emailedAt).toBeInstanceOf(Date);
    // A retried or duplicated job sends nothing more.
    expect(await deliverNotification(db, n!.id, { smtpUrl })).toBe("already_sent");
    expect(inbox.length).toBe(before + 1);
  });

  it("gives the claim back when the SMTP server is unreachable, so the retry sends it", async () => {
    const { t, c } = await caseWithPhi();
    await db.transaction((tx) => notifyUsers(tx, [t.referrer.id], { ...repliedNotice(c.id), dedupeKey: `retry:${c.id}` }));
    const [n] = await db.select().from(notifications).where(and(eq(notifications.userId, t.referrer.id), eq(notifications.dedupeKey, `retry:${c.id}`)));
    await expect(deliverNotification(db, n!.id, { smtpUrl: "smtp://127.0.0.1:1" })).rejects.toThrow();
    const [failed] = await db.select().from(notifications).where(eq(notifications.id, n!.id));
    expect(failed!.emailedAt).toBeNull();
    expect(await deliverNotification(db, n!.id, { smtpUrl })).toBe("sent");
  });
});

describe("urgent cases", () => {
  it("notify every active specialist when they enter the queue, once", async () => {
    const t = await createTenant();
    const inactive = await createUser("specialist", null, { active: false });
    const patient = await createPatient(t.clinic.id, { birthDate: "1950-05-05" });
    const history = {
      referralQuestion: "Changing pigmented lesion",
      suspected: "melanoma",
      requestedUrgency: "urgent",
      onset: "2 months",
      evolution: "changed",
      bodySites: ["39937001"],
      priorTreatments: "none",
      medications: "none",
      allergies: "none",
      consent: { given: true, by: "patient", at: "2030-01-01T10:00:00Z" },
    };
    const [c] = await db
      .insert(cases)
      .values({ clinicId: t.clinic.id, patientId: patient.id, createdBy: t.referrer.id, status: "submitted", submittedAt: new Date(), history })
      .returning();
    const ctx = { actor: null, requestId: "test-triage", ip: null };
    expect(await triageCase(db, ctx, c!.id)).toEqual({ status: "triaged", priority: "urgent" });
    const forCase = await db.select().from(notifications).where(eq(notifications.caseId, c!.id));
    const recipients = forCase.map((n) => n.userId);
    expect(recipients).toContain(t.specialist.id);
    expect(recipients).not.toContain(inactive.id);
    expect(recipients).not.toContain(t.referrer.id);
    expect(forCase[0]!.title).toBe("An urgent referral has entered the queue");
    expect(await triageCase(db, ctx, c!.id)).toEqual({ status: "skipped" });
    expect(await db.select().from(notifications).where(eq(notifications.caseId, c!.id))).toHaveLength(forCase.length);
  });
});

describe("in-app inbox", () => {
  it("lists only the user's own notifications with an unread count, and marks them read", async () => {
    const { t, c } = await caseWithPhi();
    const other = await createUser("referrer", t.clinic.id);
    await db.transaction(async (tx) => {
      await notifyUsers(tx, [t.referrer.id], { kind: "test", title: "First", caseId: c.id, email: false });
      await notifyUsers(tx, [t.referrer.id], { kind: "test", title: "Second", caseId: c.id, email: false });
      await notifyUsers(tx, [other.id], { kind: "test", title: "Not yours", caseId: c.id, email: false });
    });
    const { cookie } = await sessionCookie(t.referrer);
    const res = await listRoute(apiRequest("/api/v1/notifications?limit=1", { cookie }), params({}));
    const body = (await res.json()) as { items: { id: string; title: string }[]; unreadCount: number; nextCursor: string | null };
    expect(body.unreadCount).toBe(2);
    expect(body.items).toHaveLength(1);
    const next = (await (await listRoute(apiRequest(`/api/v1/notifications?limit=5&cursor=${body.nextCursor}`, { cookie }), params({}))).json()) as typeof body;
    expect([...body.items, ...next.items].map((i) => i.title).sort()).toEqual(["First", "Second"]);

    const [foreign] = await db.select().from(notifications).where(eq(notifications.userId, other.id));
    const marked = await readRoute(apiRequest("/api/v1/notifications/read", { cookie, json: { ids: [body.items[0]!.id, foreign!.id] } }), params({}));
    expect(await marked.json()).toEqual({ marked: 1, unreadCount: 1 });
    const all = await readRoute(apiRequest("/api/v1/notifications/read", { cookie, json: { all: true } }), params({}));
    expect(await all.json()).toEqual({ marked: 1, unreadCount: 0 });
    const [stillUnread] = await db.select().from(notifications).where(eq(notifications.id, foreign!.id));
    expect(stillUnread!.readAt).toBeNull();
  });
});
