"use client";
/**
 * The photos of a draft as the wizard tracks them: uploads in flight (with progress), photos the
 * worker is still processing (polled about once a second until ready or rejected) and finished
 * ones. Lives in the wizard, not the photo step, so leaving the step never loses an upload.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/api/client";
import type { PhotoDto } from "@/lib/photos/dto";
import { uploadPhoto } from "./upload-photo";

export type PhotoItem = {
  key: string;
  view: string;
  bodySite: string;
  fileName?: string;
  /** 0–1 while uploading; 1 afterwards. */
  progress: number;
  phase: "uploading" | "processing" | "ready" | "rejected" | "failed";
  photo?: PhotoDto;
  error?: string;
  removing?: boolean;
};

const POLL_MS = 1000;

const fromPhoto = (p: PhotoDto): PhotoItem => ({ key: p.id, view: p.view, bodySite: p.bodySite, progress: 1, phase: p.status, photo: p });

export function usePhotos(caseId: string | null, initial: PhotoDto[]) {
  const [items, setItems] = useState<PhotoItem[]>(() => initial.map(fromPhoto));
  const seq = useRef(0);
  const update = useCallback((key: string, patch: Partial<PhotoItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i))), []);

  const add = useCallback(
    (files: File[], fields: { view: string; bodySite: string }) => {
      if (!caseId) return;
      for (const file of files) {
        const key = `upload-${++seq.current}`;
        setItems((list) => [...list, { key, ...fields, fileName: file.name, progress: 0, phase: "uploading" }]);
        void uploadPhoto(caseId, file, fields, (progress) => update(key, { progress })).done.then((r) =>
          update(key, r.ok ? { photo: r.data, progress: 1, phase: r.data.status } : { phase: "failed", error: r.message }),
        );
      }
    },
    [caseId, update],
  );

  const remove = useCallback(
    async (item: PhotoItem) => {
      if (!item.photo) {
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

  const [tick, setTick] = useState(0);
  const processingIds = items.filter((i) => i.phase === "processing" && i.photo).map((i) => i.photo!.id).join(",");
  useEffect(() => {
    if (!processingIds) return;
    const timer = setTimeout(async () => {
      for (const id of processingIds.split(",")) {
        // A failed poll is retried on the next tick; the card keeps saying "checking quality".
        const r = await api<PhotoDto>(`/api/v1/photos/${id}`);
        const photo = r.ok ? r.data : null;
        if (photo && photo.status !== "processing") setItems((list) => list.map((i) => (i.photo?.id === id ? { ...i, photo, phase: photo.status } : i)));
      }
      setTick((t) => t + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [processingIds, tick]);

  const busy = items.some((i) => i.phase === "uploading" || i.phase === "processing");
  return { items, add, remove, busy };
}
