import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { createEncryptedStore, createObjectStore, isValidObjectKey, type ObjectStore } from "@/lib/storage";
import { createS3Store } from "@/lib/storage/s3-store";
import { startLocalS3, type LocalS3 } from "../fixtures/s3-server";

async function expectNotFound(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).status).toBe(404);
}

/** Behaviour every driver must share. */
async function exerciseStore(store: ObjectStore): Promise<void> {
  const key = `photos/${randomBytes(8).toString("hex")}/master.jpg`;
  const body = randomBytes(300_000);
  expect(await store.exists(key)).toBe(false);
  await expectNotFound(store.get(key));
  await store.put(key, body);
  expect(await store.exists(key)).toBe(true);
  expect((await store.get(key)).equals(body)).toBe(true);
  const replacement = Buffer.from("replaced");
  await store.put(key, replacement);
  expect((await store.get(key)).equals(replacement)).toBe(true);
  await store.delete(key);
  expect(await store.exists(key)).toBe(false);
  await expectNotFound(store.get(key));
  await store.delete(key); // idempotent
  await store.put("empty", Buffer.alloc(0));
  expect((await store.get("empty")).length).toBe(0);
}

const BAD_KEYS = [
  "../etc/passwd",
  "photos/../../secret",
  "/etc/passwd",
  "photos//x",
  "photos/./x",
  "Photos/X.jpg",
  "photos\\x",
  "photos/x/",
  "",
  "photos/x.jpg\0",
  "photos/ü.jpg",
  "a".repeat(513),
];

describe("object keys", () => {
  it("accepts generated keys and refuses anything path-like", () => {
    expect(isValidObjectKey("photos/0f3a-9b/master.jpg")).toBe(true);
    expect(isValidObjectKey("cases/c_1/photos/p-2/thumb.jpg")).toBe(true);
    for (const key of BAD_KEYS) expect(isValidObjectKey(key), JSON.stringify(key)).toBe(false);
  });
});

describe("fs store", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dermrelay-fs-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("puts, gets, overwrites, checks and deletes", async () => {
    await exerciseStore(createObjectStore({ driver: "fs", dir: path.join(dir, "objects") }));
  });

  it("refuses path traversal on every operation and writes nothing outside the root", async () => {
    const root = path.join(dir, "jail");
    const store = createObjectStore({ driver: "fs", dir: root });
    for (const key of BAD_KEYS) {
      await expect(store.put(key, Buffer.from("x"))).rejects.toThrow("Invalid object key");
      await expect(store.get(key)).rejects.toThrow("Invalid object key");
      await expect(store.exists(key)).rejects.toThrow("Invalid object key");
      await expect(store.delete(key)).rejects.toThrow("Invalid object key");
    }
    const siblings = await readdir(dir);
    expect(siblings).not.toContain("jail"); // nothing was written, not even the root
    expect(siblings).not.toContain("secret");
  });

  it("leaves no temporary files behind and keeps objects owner-only", async () => {
    const root = path.join(dir, "atomic");
    const store = createObjectStore({ driver: "fs", dir: root });
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.put("photos/p/master.jpg", Buffer.alloc(50_000, i))));
    const files = await readdir(path.join(root, "photos/p"));
    expect(files).toEqual(["master.jpg"]);
    const written = await readFile(path.join(root, "photos/p/master.jpg"));
    expect(written.length).toBe(50_000);
    expect(new Set(written).size).toBe(1); // one whole write won, not a mix
    expect((await stat(path.join(root, "photos/p/master.jpg"))).mode & 0o077).toBe(0);
  });
});

describe("s3 store (s3rver)", () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it("puts, gets, overwrites, checks and deletes", async () => {
    const store = createObjectStore({ driver: "s3", dir: "unused", s3 });
    await exerciseStore(store);
  });

  it("refuses invalid keys before any request", async () => {
    const store = createS3Store(s3);
    for (const key of ["../x", "A", "x//y"]) {
      await expect(store.put(key, Buffer.from("x"))).rejects.toThrow("Invalid object key");
    }
  });

  it("stores only ciphertext when wrapped by the encrypted store", async () => {
    const inner = createS3Store(s3);
    const master = randomBytes(32);
    const store = createEncryptedStore(inner, master);
    const jpegish = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.from("Exif\0\0GPS secret")]);
    const { keyId } = await store.putObject("photos/s3/master.jpg", jpegish);
    expect(keyId).toBe(store.keyId);
    const raw = await inner.get("photos/s3/master.jpg");
    expect(raw.subarray(0, 4).toString()).toBe("DRE1");
    expect(raw.includes("GPS secret")).toBe(false);
    expect((await store.getObject("photos/s3/master.jpg")).equals(jpegish)).toBe(true);
  });

  it("needs the s3 settings when the driver is s3", () => {
    expect(() => createObjectStore({ driver: "s3", dir: "x" })).toThrow(/S3_/);
  });
});

describe("encrypted store", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dermrelay-enc-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("encrypts at rest, decrypts on read, deletes, and 404s a missing key", async () => {
    const inner = createObjectStore({ driver: "fs", dir });
    const store = createEncryptedStore(inner, randomBytes(32));
    const plaintext = Buffer.from("\xff\xd8\xff\xe0 pretend JPEG", "latin1");
    await store.putObject("photos/e/master.jpg", plaintext);
    expect((await inner.get("photos/e/master.jpg")).includes("pretend JPEG")).toBe(false);
    expect((await store.getObject("photos/e/master.jpg")).equals(plaintext)).toBe(true);
    expect(await store.exists("photos/e/master.jpg")).toBe(true);
    await store.deleteObject("photos/e/master.jpg");
    await expectNotFound(store.getObject("photos/e/master.jpg"));
  });

  it("refuses a blob moved under another key", async () => {
    const inner = createObjectStore({ driver: "fs", dir });
    const store = createEncryptedStore(inner, randomBytes(32));
    await store.putObject("photos/patient-a/master.jpg", Buffer.from("patient A"));
    await inner.put("photos/patient-b/master.jpg", await inner.get("photos/patient-a/master.jpg"));
    await expect(store.getObject("photos/patient-b/master.jpg")).rejects.toThrow(/authentication/);
  });

  it("reads old objects after rotation and re-wraps them under the new key", async () => {
    const inner = createObjectStore({ driver: "fs", dir });
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createEncryptedStore(inner, oldKey);
    await before.putObject("photos/r/master.jpg", Buffer.from("old photo"));

    await expect(createEncryptedStore(inner, newKey).getObject("photos/r/master.jpg")).rejects.toThrow(/No master key/);
    const after = createEncryptedStore(inner, newKey, [oldKey]);
    expect((await after.getObject("photos/r/master.jpg")).toString()).toBe("old photo");
    expect(await after.rewrapObject("photos/r/master.jpg")).toBe(true);
    expect(await after.rewrapObject("photos/r/master.jpg")).toBe(false);
    // Now readable without the retired key.
    expect((await createEncryptedStore(inner, newKey).getObject("photos/r/master.jpg")).toString()).toBe("old photo");
  });
});
