"use client";
/**
 * Photos kept on this device until the server has stored them (SPEC §16), in IndexedDB:
 * - store `keys`: one AES-GCM CryptoKey object, created non-extractable (device-crypto.ts) and
 *   stored as the object itself — IndexedDB keeps CryptoKeys by structured clone, so the raw key
 *   never exists in script-readable form;
 * - store `photos`: one record per photo; only the ids (record, user, case) and the time are in the
 *   clear, the view/body site/file name/pre-check (`meta`) and the image bytes (`body`) are sealed.
 * Records belong to one user and one draft: every read filters by both, and `forgetDevice` (on
 * sign-out and idle logoff) deletes the whole database, key included, plus the service worker's
 * cached app shell.
 */
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { OFFLINE_DB, SHELL_CACHE_PREFIX } from "@/components/offline/names";
import { boundTo, newDeviceKey, open, openJson, seal, sealJson, type Sealed } from "./device-crypto";

const KEY_ID = "photos";

export type PendingMeta = { view: string; bodySite: string; fileName: string; type: string; precheck: PhotoFlag[] | null };
type PendingRecord = { id: string; userId: string; caseId: string; savedAt: number; meta: Sealed; body: Sealed };
export type PendingPhoto = PendingMeta & { id: string; savedAt: number };

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const finished = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(OFFLINE_DB, 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    db.createObjectStore("keys");
    db.createObjectStore("photos", { keyPath: "id" }).createIndex("owner", ["userId", "caseId"]);
  };
  return done(req);
}

async function withDb<T>(fn: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await openDb();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** The device key, created on first use. Two tabs racing both write; `add` lets only the first win. */
async function deviceKey(db: IDBDatabase): Promise<CryptoKey> {
  const existing = await done<CryptoKey | undefined>(db.transaction("keys").objectStore("keys").get(KEY_ID));
  if (existing) return existing;
  const fresh = await newDeviceKey();
  const tx = db.transaction("keys", "readwrite");
  tx.objectStore("keys").add(fresh, KEY_ID);
  await finished(tx).catch(() => undefined);
  return (await done<CryptoKey | undefined>(db.transaction("keys").objectStore("keys").get(KEY_ID))) ?? fresh;
}

/** Encrypt and keep `file` for this user and draft; answers the record id. `takenAt` orders the cards after a reload. */
export async function savePending(userId: string, caseId: string, file: File, meta: Omit<PendingMeta, "fileName" | "type">, takenAt = Date.now()): Promise<string> {
  // Ask the browser not to evict these under storage pressure (granted silently where it can be).
  void navigator.storage?.persist?.().catch(() => false);
  const bytes = await file.arrayBuffer();
  return withDb(async (db) => {
    const key = await deviceKey(db);
    const ids = { id: crypto.randomUUID(), userId, caseId };
    const full: PendingMeta = { ...meta, fileName: file.name || "photo.jpg", type: file.type || "application/octet-stream" };
    const record: PendingRecord = { ...ids, savedAt: takenAt, meta: await sealJson(key, full, boundTo(ids, "meta")), body: await seal(key, bytes, boundTo(ids, "body")) };
    const tx = db.transaction("photos", "readwrite");
    tx.objectStore("photos").put(record);
    await finished(tx);
    return ids.id;
  });
}

/** This user's photos of this draft still on the device, oldest first (records that fail to open are dropped). */
export async function listPending(userId: string, caseId: string): Promise<PendingPhoto[]> {
  return withDb(async (db) => {
    const records = await done<PendingRecord[]>(db.transaction("photos").objectStore("photos").index("owner").getAll([userId, caseId]));
    if (!records.length) return [];
    const key = await deviceKey(db);
    const out: PendingPhoto[] = [];
    for (const r of records.sort((a, b) => a.savedAt - b.savedAt)) {
      const meta = await openJson<PendingMeta>(key, r.meta, boundTo(r, "meta")).catch(() => null);
      if (meta) out.push({ ...meta, id: r.id, savedAt: r.savedAt });
    }
    return out;
  });
}

/** The decrypted photo of record `id` as a File, or null when it is gone or not this user's and draft's. */
export async function readPending(userId: string, caseId: string, id: string): Promise<File | null> {
  return withDb(async (db) => {
    const r = await done<PendingRecord | undefined>(db.transaction("photos").objectStore("photos").get(id));
    if (!r || r.userId !== userId || r.caseId !== caseId) return null;
    const key = await deviceKey(db);
    const meta = await openJson<PendingMeta>(key, r.meta, boundTo(r, "meta"));
    const bytes = await open(key, r.body, boundTo(r, "body"));
    return new File([bytes], meta.fileName, { type: meta.type });
  });
}

export async function deletePending(id: string): Promise<void> {
  await withDb(async (db) => {
    const tx = db.transaction("photos", "readwrite");
    tx.objectStore("photos").delete(id);
    await finished(tx);
  });
}

/**
 * Remove every offline trace of the signed-in user from this browser: the pending photos, the
 * device key and the service worker's cached app shell. Called on sign-out and idle logoff; never
 * throws (a browser without IndexedDB or Cache Storage has nothing to forget).
 */
export async function forgetDevice(): Promise<void> {
  await Promise.all([
    new Promise<void>((resolve) => {
      try {
        const req = indexedDB.deleteDatabase(OFFLINE_DB);
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      } catch {
        resolve();
      }
    }),
    (async () => {
      if (typeof caches === "undefined") return;
      for (const name of await caches.keys()) if (name.startsWith(SHELL_CACHE_PREFIX)) await caches.delete(name);
    })().catch(() => undefined),
  ]);
}
