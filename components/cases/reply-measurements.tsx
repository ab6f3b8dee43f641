"use client";
/**
 * The measurements the dermatologist saved on the case's photos (SPEC §15), listed with the reply
 * for the referrer, next to the automatic size suggestion of each measured photo.
 */
import { useEffect, useState } from "react";
import type { PhotoDto } from "@/lib/photos/dto";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { api } from "@/components/api/client";

type Saved = { id: string; kind: "ruler" | "outline"; lengthMm: number | null; areaMm2: number | null; label: string | null };

/** The saved measurements of one photo; none when they cannot be read (the list is a courtesy beside the reply). */
async function savedOf(id: string): Promise<Saved[]> {
  const r = await api<{ items: Saved[] }>(`/api/v1/photos/${id}/measurements`, { background: true });
  return r.ok ? r.data.items : [];
}

export function ReplyMeasurements({ photos }: { photos: PhotoDto[] }) {
  const ready = photos.filter((p) => p.status === "ready");
  const [byPhoto, setByPhoto] = useState<Record<string, Saved[]>>({});
  const ids = ready.map((p) => p.id).join(",");
  useEffect(() => {
    let live = true;
    void Promise.all(
      ids.split(",").filter(Boolean).map(async (id) => [id, await savedOf(id)] as const),
    ).then((rows) => {
      if (live) setByPhoto(Object.fromEntries(rows));
    });
    return () => {
      live = false;
    };
  }, [ids]);
  const lines = ready.flatMap((p, i) => {
    const name = `${labelOf(VIEW_LABEL, p.view)} photo ${i + 1}`;
    const saved = (byPhoto[p.id] ?? []).map((m) =>
      `${name}: ${m.kind === "ruler" ? `${m.lengthMm?.toFixed(1)} mm` : `${m.areaMm2?.toFixed(1)} mm² (longest ${m.lengthMm?.toFixed(1)} mm)`}${m.label ? ` — ${m.label}` : ""}`,
    );
    const auto = p.measurement ? [`${name}: automatic estimate ${p.measurement.longestDiameterMm.toFixed(1)} mm across, ${p.measurement.areaMm2.toFixed(1)} mm²`] : [];
    return [...saved, ...auto];
  });
  if (lines.length === 0) return null;
  return (
    <div className="mt-4">
      <h3 className="text-sm font-medium text-slate-600">Measurements</h3>
      <ul className="mt-1 list-disc pl-5 text-sm">{lines.map((l) => <li key={l}>{l}</li>)}</ul>
    </div>
  );
}
