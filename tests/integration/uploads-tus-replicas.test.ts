/**
 * SPEC §16 resumable uploads with several web processes behind a balancer (issue 15 item 2): the
 * same upload PATCHed at once through different replicas — a client retrying after a lost answer
 * while its first PATCH still streams, landing elsewhere — must neither corrupt the bytes, nor
 * advance the offset twice, nor make two photos. Two kinds of proof:
 *
 * - real replicas: child processes (tests/support/upload-replica.ts) each with its own
 *   @tus/server instance and locker, over the real route handlers, Postgres, Redis and storage;
 *   one more replica is SIGKILLed while it holds an upload's lock;
 * - the Postgres fence alone: two independent store instances (as two processes whose locks
 *   both failed) writing the same offset in a controlled order, and two finishing steps at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { photos, photoUploads } from "@/lib/db/schema";
import { objectStoreFromEnv } from "@/lib/storage/from-env";
import { EncryptedTusStore } from "@/lib/uploads/encrypted-tus-store";
import { finishUpload } from "@/lib/uploads/finish";
import { UPLOADS_PREFIX } from "@/lib/uploads/pieces";
import { RedisLocker, uploadLockKey } from "@/lib/uploads/redis-locker";
import { createPatient, createTenant, ctxOf, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg } from "../support/referrals";
import { createUpload, headOffset, openPatch, patchUpload, tus } from "../support/tus";
import { freePort, kill } from "../support/worker-process";

/** Short lease so the killed replica's lock lapses quickly (renewed every 500 ms while alive). */
const LEASE_MS = 1500;

type Replica = { proc: ChildProcess; port: number };
let replicas: Replica[] = [];
let redis: Redis;
let user: Awaited<ReturnType<typeof createTenant>>["referrer"];
let clinicId: string;
let cookie: string;

function startReplica(): Promise<Replica> {
  const proc = spawn("node_modules/.bin/tsx", ["tests/support/upload-replica.ts"], {
    env: { ...process.env, UPLOAD_LOCK_LEASE_MS: String(LEASE_MS), LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true, // its own process group: tsx's node child dies with it
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once("line", (line) => resolve({ proc, port: (JSON.parse(line) as { port: number }).port }));
    proc.once("exit", (code) => reject(new Error(`replica exited ${code} before listening`)));
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const recordOf = async (id: string) => (await db.select().from(photoUploads).where(eq(photoUploads.id, id)))[0]!;
const storedObjects = async (id: string) => (await objectStoreFromEnv().list(`${UPLOADS_PREFIX}${id}/`)).map((o) => o.key);
const photosOf = (caseId: string) => db.select().from(photos).where(eq(photos.caseId, caseId));

/** A fresh draft (photo counts are per case) and an upload of `bytes` on it. */
async function uploadFor(bytes: Buffer) {
  const draft = await createCompleteDraft(ctxOf(user), (await createPatient(clinicId)).id);
  return { caseId: draft.id, id: await createUpload(cookie, draft.id, bytes.length) };
}

/** Wait for a state another process produces; fails with `what` if it never comes. */
async function until(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const lockHeld = (id: string) => until("the upload is locked in Redis", async () => (await redis.exists(uploadLockKey(id))) === 1);

/** A request body the test releases when it chooses; `reading` resolves once the store reads it. */
function heldBody() {
  let started!: () => void;
  const reading = new Promise<void>((r) => (started = r));
  const stream = new Readable({ read: () => started() });
  return { stream, reading, send: (b: Buffer) => (stream.push(b), stream.push(null)) };
}

beforeAll(async () => {
  const t = await createTenant();
  user = t.referrer;
  clinicId = t.clinic.id;
  cookie = (await sessionCookie(user)).cookie;
  redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  replicas = await Promise.all([startReplica(), startReplica()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => kill(r.proc, true)));
  await redis?.quit();
});

describe("tus uploads across web replicas", () => {
  it("two replicas get the whole photo at once: exactly one makes the photo, the other answers 409 naming it", async () => {
    const photo = await jpeg(1600, 1200, 21);
    const { caseId, id } = await uploadFor(photo);
    const [a, b] = replicas.map((r) => openPatch(r.port, cookie, id, 0, photo.length));
    await Promise.all([a!.write(photo), b!.write(photo)]);
    a!.end();
    b!.end();
    const answers = await Promise.all([a!.answer, b!.answer]);

    expect(answers.map((x) => x?.status).sort()).toEqual([200, 409]);
    const won = answers.find((x) => x?.status === 200)!;
    const lost = answers.find((x) => x?.status === 409)!;
    const dto = JSON.parse(won.body) as { id: string };
    expect(lost.headers["photo-id"]).toBe(dto.id);
    const rows = await photosOf(caseId);
    expect(rows.map((r) => r.id)).toEqual([dto.id]);
    expect(rows[0]!.sha256).toBe(sha(photo));
    expect(await recordOf(id)).toMatchObject({ offset: photo.length, photoId: dto.id });
    expect(await storedObjects(id)).toEqual([]);
  });

  it("a stale PATCH holding the lock is asked to stop by the new one on another replica: it keeps what arrived, the newcomer gets 409, the resumed upload is intact", async () => {
    const photo = await jpeg(1800, 1350, 22);
    const { caseId, id } = await uploadFor(photo);
    const half = Math.floor(photo.length / 2);
    // The first PATCH sends half and then goes silent (a half-open connection), holding the lock.
    const stale = openPatch(replicas[0]!.port, cookie, id, 0, photo.length);
    await stale.write(photo.subarray(0, half));
    await lockHeld(id);

    // The retry arrives at the other replica with the whole photo from offset 0.
    const retry = openPatch(replicas[1]!.port, cookie, id, 0, photo.length);
    await retry.write(photo);
    retry.end();
    const retried = await retry.answer;
    expect(retried?.status).toBe(409);
    expect(JSON.parse(retried!.body).error.code).toBe("conflict");
    stale.destroy();

    const offset = await headOffset(cookie, id);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half);
    expect(await storedObjects(id)).toHaveLength(1); // the stale PATCH's piece; the retry wrote nothing
    const rest = await patchUpload(cookie, id, offset, photo.subarray(offset));
    expect(rest.status).toBe(200);
    const rows = await photosOf(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(sha(photo));
  });

  it("a lock held by a killed replica lapses with its lease, and another replica then takes the upload", async () => {
    const doomed = await startReplica();
    const photo = await jpeg(1600, 1200, 23);
    const { caseId, id } = await uploadFor(photo);
    const patch = openPatch(doomed.port, cookie, id, 0, photo.length);
    await patch.write(photo.subarray(0, Math.floor(photo.length / 3)));
    await lockHeld(id);
    const ttl = await redis.pttl(uploadLockKey(id));
    expect(ttl).toBeGreaterThan(0); // a lease, not a lock for ever
    expect(ttl).toBeLessThanOrEqual(LEASE_MS);
    await kill(doomed.proc, true); // SIGKILL: no unlock, no renewal
    await patch.answer;

    const res = await fetch(`http://127.0.0.1:${replicas[1]!.port}/api/v1/uploads/${id}`, {
      method: "PATCH",
      headers: { cookie, "tus-resumable": "1.0.0", "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      body: new Uint8Array(photo),
    });
    expect(res.status).toBe(200);
    expect(await redis.exists(uploadLockKey(id))).toBe(0); // released by the one that took it
    const rows = await photosOf(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(sha(photo));
  });

  it("a final PATCH retried after its answer was lost makes no second photo: 409 with Photo-Id, and HEAD names it", async () => {
    const photo = await jpeg(1200, 900, 24);
    const { caseId, id } = await uploadFor(photo);
    const send = (port: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/uploads/${id}`, {
        method: "PATCH",
        headers: { cookie, "tus-resumable": "1.0.0", "upload-offset": "0", "content-type": "application/offset+octet-stream" },
        body: new Uint8Array(photo),
      });
    const first = await send(replicas[0]!.port); // its answer "lost" on the way back
    expect(first.status).toBe(200);
    const photoId = first.headers.get("photo-id");
    const again = await send(replicas[1]!.port);
    expect(again.status).toBe(409);
    expect(again.headers.get("photo-id")).toBe(photoId);
    const head = await tus("HEAD", id, { cookie });
    expect(head.headers.get("upload-offset")).toBe(String(photo.length));
    expect(head.headers.get("photo-id")).toBe(photoId);
    expect((await photosOf(caseId)).map((r) => r.id)).toEqual([photoId]);
  });
});

describe("the Postgres fence, whatever the locks did", () => {
  it("two store instances write the same offset: the later commit is refused (409) and its piece removed; the bytes stay the winner's", async () => {
    const photo = await jpeg(1600, 1200, 25);
    const { caseId, id } = await uploadFor(photo);
    const [storeA, storeB] = [new EncryptedTusStore(db), new EncryptedTusStore(db)];
    const [bodyA, bodyB] = [heldBody(), heldBody()];
    const writeA = storeA.write(bodyA.stream, id, 0);
    const writeB = storeB.write(bodyB.stream, id, 0);
    await Promise.all([bodyA.reading, bodyB.reading]); // both checked the offset and are reading
    const cutA = Math.floor(photo.length * 0.6);
    const cutB = Math.floor(photo.length * 0.3);
    bodyA.send(photo.subarray(0, cutA));
    expect(await writeA).toBe(cutA);
    bodyB.send(photo.subarray(0, cutB));
    await expect(writeB).rejects.toMatchObject({ status_code: 409 });

    expect((await recordOf(id)).offset).toBe(cutA);
    expect(await storedObjects(id)).toHaveLength(1); // the loser's object is gone
    const rest = await patchUpload(cookie, id, cutA, photo.subarray(cutA));
    expect(rest.status).toBe(200);
    const rows = await photosOf(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(sha(photo)); // decrypted and joined: the original file
  });

  it("two finishing steps of the same upload at once make exactly one photo; the other is a 409", async () => {
    const photo = await jpeg(1600, 1200, 26);
    const { caseId, id } = await uploadFor(photo);
    const [bodyA, bodyB] = [heldBody(), heldBody()];
    const writes = [new EncryptedTusStore(db).write(bodyA.stream, id, 0), new EncryptedTusStore(db).write(bodyB.stream, id, 0)];
    await Promise.all([bodyA.reading, bodyB.reading]);
    bodyA.send(photo);
    bodyB.send(photo);
    expect(await Promise.all(writes)).toEqual([photo.length, photo.length]);

    const outcomes = await Promise.allSettled([finishUpload(db, ctxOf(user), id), finishUpload(db, ctxOf(user), id)]);
    const done = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ status_code: 409 });
    const rows = await photosOf(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(sha(photo));
    expect((await recordOf(id)).photoId).toBe(rows[0]!.id);
  });
});

describe("the Redis locker when Redis cannot answer", () => {
  it("lets the PATCH go ahead unlocked (Postgres fences it) instead of failing the upload", async () => {
    const port = await freePort(); // nothing listens there
    const dead = () => new Redis(port, { host: "127.0.0.1", maxRetriesPerRequest: 1, connectTimeout: 500, commandTimeout: 500, retryStrategy: () => null }).on("error", () => undefined);
    const locker = new RedisLocker({ redis: dead(), subscriber: dead(), prefix: "dead" });
    const lock = locker.newLock("0b6c4b43-3c64-4ad5-8b8f-0f4a5f0a6d11");
    await expect(lock.lock(new AbortController().signal, () => undefined)).resolves.toBeUndefined();
    await expect(lock.unlock()).resolves.toBeUndefined();
    locker.options.redis.disconnect();
    locker.options.subscriber.disconnect();
  });
});
