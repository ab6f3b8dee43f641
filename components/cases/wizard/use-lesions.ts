"use client";
/**
 * The patient's lesions as the photo step offers them (SPEC §15): loaded once through the one
 * browser client, refreshed after a photo starts a new lesion, and the link call itself.
 */
import { useCallback, useEffect, useState } from "react";
import { api, type Result } from "@/components/api/client";
import type { LesionDto } from "@/lib/lesions/service";

export type LesionChoice = { lesionId: string | null } | { newLesion: { label: string; bodySite: string; bodyMapPoint?: { x: number; y: number } | null } };

export function useLesions(patientId: string | null) {
  const [lesions, setLesions] = useState<LesionDto[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!patientId) return;
    let live = true;
    void api<{ items: LesionDto[] }>(`/api/v1/patients/${patientId}/lesions`).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLesions(r.data.items);
        setLoadError(null);
      } else setLoadError(r.message);
    });
    return () => {
      live = false;
    };
  }, [patientId, version]);

  const link = useCallback(
    async (photoId: string, choice: LesionChoice): Promise<Result<{ photoId: string; lesion: LesionDto | null }>> => {
      const r = await api<{ photoId: string; lesion: LesionDto | null }>(`/api/v1/photos/${photoId}/lesion`, { method: "PUT", body: choice });
      if (r.ok && "newLesion" in choice) setVersion((v) => v + 1);
      return r;
    },
    [],
  );

  return { lesions, loadError, link };
}
