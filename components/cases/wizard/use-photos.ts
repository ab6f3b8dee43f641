"use client";
/**
 * The photos of a draft as the wizard tracks them, each in one of the five states of SPEC §16
 * (photo-state.ts). Lives in the wizard, not the photo step, so leaving the step never loses one.
 *
 * A new photo is pre-checked on the device (precheck.ts), then encrypted into IndexedDB
 * (offline-store.ts) before a byte is sent, so a lost connection, a closed tab or a reload never
 * loses it. It is sent through `uploadPhoto` and its device copy removed once the server has stored
 * it. Copies still on the device are sent again when the browser reports `online`, when the wizard
 * opens, and every RETRY_MS while the browser believes it is online (one bar of signal often never
 * fires `online`). One copy is sent by one tab at a time (a Web Lock per record). Stored photos are
 * polled about once a second until the worker has processed them.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/api/client";
import type { PhotoDto } from "@/lib/photos/dto";
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { deletePending, listPending, readPending, savePending } from "./offline-store";
import { afterUpload, stateOfPhoto, type PhotoState } from "./photo-state";
import { precheckPhoto } from "./precheck";
import { uploadPhoto } from "./upload-photo";

export type PhotoItem = {
  key: string;
  view: string;
  bodySite: string;
  fileName?: string;
  /** 0–1 while uploading; 1 once stored. */
  progress: number;
  phase: PhotoState;
  photo?: PhotoDto;
  /** Id of the encrypted copy on this device, while there is one. */
  deviceId?: string;
  /** Flags of the browser's pre-check, measured before saving; null when it could not run. */
  precheck?: PhotoFlag[] | null;
  /** Why the photo needs attention (phase "attention"). */
  reason?: string;
  /** A failed removal. */
  error?: string;
  removing?: boolean;
};

type Fields = { view: string; bodySite: string };

const POLL_MS = 1000;
const RETRY_MS = 20_000;
const NO_ROOM = "This photo could not be kept on this device (no storage space?) and there is no connection. Retake it when you are online.";

const fromPhoto = (p: PhotoDto): PhotoItem => ({ key: p.id, view: p.view, bodySite: p.bodySite, progress: 1, ...stateOfPhoto(p), photo: p });

/** Run `fn` unless another tab holds the lock of `name` (then skip); without Web Locks, just run. */
async function exclusively(name: string, fn: () => Promise<void>): Promise<void> {
  if (typeof navigator === "undefined" || !navigator.locks) return fn();
  await navigator.locks.request(name, { ifAvailable: true }, async (lock) => {
    if (lock) await fn();
  });
}

/** `userId` scopes the copies kept on this device: another user's are never listed or sent. */
export function usePhotos(caseId: string | null, initial: PhotoDto[], userId: string) {
  const [items, setItems] = useState<PhotoItem[]>(() => initial.map(fromPhoto));
  const seq = useRef(0);
  const lastTaken = useRef(0);
  const sending = useRef(new Set<string>());
  const update = useCallback((key: string, patch: Partial<PhotoItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i))), []);

  /** Send one photo (the device copy `deviceId`, if any, goes once the server has it). */
  const send = useCallback(
    async (key: string, file: File, fields: Fields, deviceId: string | undefined) => {
      if (!caseId) return;
      update(key, { phase: "uploading", progress: 0, reason: undefined });
      const next = afterUpload(await uploadPhoto(caseId, file, fields, (progress) => update(key, { progress })).done);
      if (!next.keepOnDevice && deviceId) await deletePending(deviceId).catch(() => undefined);
      if (next.phase === "saved" && !deviceId) return update(key, { phase: "attention", reason: NO_ROOM, progress: 0 });
      update(key, { phase: next.phase, photo: next.photo, reason: next.reason, progress: next.photo ? 1 : 0, deviceId: next.keepOnDevice ? deviceId : undefined });
    },
    [caseId, update],
  );

  /** Send one device copy, unless this tab or another is already sending it. */
  const sendPending = useCallback(
    (key: string, deviceId: string, fields: Fields) => {
      if (!caseId || sending.current.has(deviceId)) return Promise.resolve();
      sending.current.add(deviceId);
      return exclusively(`dermrelay-photo-${deviceId}`, async () => {
        const file = await readPending(userId, caseId, deviceId).catch(() => null);
        // Gone: another tab sent it, or it was forgotten. Its card goes too.
        if (!file) return setItems((list) => list.filter((i) => i.key !== key));
        await send(key, file, fields, deviceId);
      }).finally(() => sending.current.delete(deviceId));
    },
    [caseId, userId, send],
  );

  const add = useCallback(
    (files: File[], fields: Fields) => {
      if (!caseId) return;
      for (const file of files) {
        const key = `local-${++seq.current}`;
        const online = navigator.onLine;
        // Strictly increasing, so photos chosen together keep their order after a reload.
        const takenAt = (lastTaken.current = Math.max(Date.now(), lastTaken.current + 1));
        setItems((list) => [...list, { key, ...fields, fileName: file.name, progress: 0, phase: online ? "uploading" : "saved" }]);
        // Pre-check first (well under a second on a 1024 px copy), so its verdict is on screen
        // before the bytes leave the device; a failed pre-check never blocks saving or sending.
        void (async () => {
          const precheck = await precheckPhoto(file).catch(() => null);
          update(key, { precheck });
          const deviceId = await savePending(userId, caseId, file, { ...fields, precheck }, takenAt).catch(() => undefined);
          update(key, { deviceId });
          if (!deviceId && !navigator.onLine) return update(key, { phase: "attention", reason: NO_ROOM });
          if (!navigator.onLine) return update(key, { phase: "saved" });
          if (deviceId) await sendPending(key, deviceId, fields);
          else await send(key, file, fields, undefined);
        })();
      }
    },
    [caseId, userId, update, send, sendPending],
  );

  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);
  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    // One at a time: a weak connection does better with one upload than with several competing.
    for (const i of itemsRef.current) if (i.phase === "saved" && i.deviceId) await sendPending(i.key, i.deviceId, { view: i.view, bodySite: i.bodySite });
  }, [sendPending]);

  // On opening the wizard: the copies this user left on this device for this draft, then send them.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    void listPending(userId, caseId)
      .catch(() => [])
      .then((pending) => {
        if (!live) return;
        setRestored(true);
        if (!pending.length) return;
        const known = new Set(itemsRef.current.map((i) => i.deviceId));
        const fresh = pending.filter((p) => !known.has(p.id));
        const kept = fresh.map((p): PhotoItem => ({ key: `device-${p.id}`, view: p.view, bodySite: p.bodySite, fileName: p.fileName, progress: 0, phase: "saved", deviceId: p.id, precheck: p.precheck }));
        setItems((list) => [...list, ...kept]);
        itemsRef.current = [...itemsRef.current, ...kept];
        void flush();
      });
    return () => {
      live = false;
    };
  }, [caseId, userId, flush]);

  const waiting = items.some((i) => i.phase === "saved");
  useEffect(() => {
    if (!waiting) return;
    const onOnline = () => void flush();
    window.addEventListener("online", onOnline);
    const timer = setInterval(onOnline, RETRY_MS);
    return () => {
      window.removeEventListener("online", onOnline);
      clearInterval(timer);
    };
  }, [waiting, flush]);

  const remove = useCallback(
    async (item: PhotoItem) => {
      if (!item.photo) {
        if (item.deviceId) await deletePending(item.deviceId).catch(() => undefined);
        setItems((list) => list.filter((i) => i.key !== item.key));
        return;
      }
      update(item.key, { removing: true, error: undefined });
      const r = await api(`/api/v1/photos/${item.photo.id}`, { method: "DELETE" });
      if (r.ok) setItems((list) => list.filter((i) => i.key !== item.key));
      else update(item.key, { removing: false, error: r.message });
    },
    [update],
  );

  /** Replace a photo that needs attention with a new one of the same view and body site. */
  const retake = useCallback(
    async (item: PhotoItem, file: File) => {
      await remove(item);
      add([file], { view: item.view, bodySite: item.bodySite });
    },
    [remove, add],
  );

  const [tick, setTick] = useState(0);
  const processingIds = items.filter((i) => i.phase === "processing" && i.photo).map((i) => i.photo!.id).join(",");
  useEffect(() => {
    if (!processingIds) return;
    const timer = setTimeout(async () => {
      for (const id of processingIds.split(",")) {
        // A failed poll is retried on the next tick; the card keeps saying "Processing".
        const r = await api<PhotoDto>(`/api/v1/photos/${id}`);
        const photo = r.ok ? r.data : null;
        if (photo && photo.status !== "processing") setItems((list) => list.map((i) => (i.photo?.id === id ? { ...i, photo, ...stateOfPhoto(photo) } : i)));
      }
      setTick((t) => t + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [processingIds, tick]);

  const busy = items.some((i) => i.phase === "uploading" || i.phase === "processing" || i.phase === "saved");
  /** `restored`: the device's copies have been read (or there were none). */
  return { items, add, remove, retake, busy, restored };
}
