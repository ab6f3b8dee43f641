"use client";
/**
 * The photos step: guidance on what a dermatologist needs, the camera/file input (rear camera on
 * phones), the view and body site the next photos are tagged with, and one card per photo.
 */
import { useId, useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { BODY_SITES } from "@/lib/codes/body-sites";
import { PHOTO_VIEWS } from "@/lib/db/schema/enums";
import { MAX_PHOTOS_PER_CASE, MIN_HEIGHT, MIN_WIDTH } from "@/lib/photos/limits";
import { LesionLink } from "./lesion-link";
import { PhotoCard } from "./photo-card";
import { takesSlot } from "./photo-state";
import { useLesions } from "./use-lesions";
import type { usePhotos } from "./use-photos";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { siteLabel } from "../format";

type Photos = ReturnType<typeof usePhotos>;

export function StepPhotos({ photos, chosenSites, patientId, error }: { photos: Photos; chosenSites: string[]; patientId: string | null; error?: string }) {
  const id = useId();
  const lesions = useLesions(patientId);
  const [view, setView] = useState<string>("overview");
  const [site, setSite] = useState<string>(chosenSites[0] ?? "");
  const active = photos.items.filter(takesSlot).length;
  const full = active >= MAX_PHOTOS_PER_CASE;
  // History sites first (the usual choice), then every other site.
  const siteOptions = [
    ...chosenSites.map((c) => ({ value: c, label: siteLabel(c) })),
    ...BODY_SITES.filter((s) => !chosenSites.includes(s.code)).map((s) => ({ value: s.code, label: s.label })),
  ];

  function onFiles(e: React.ChangeEvent<HTMLInputElement>) {
    const files = Array.from(e.target.files ?? []).slice(0, MAX_PHOTOS_PER_CASE - active);
    if (files.length && site) photos.add(files, { view, bodySite: site });
    e.target.value = "";
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${id}-guide`} className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-950">
        <h3 id={`${id}-guide`} className="font-semibold">
          Photos a dermatologist can use
        </h3>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            <strong>Overview</strong>: the whole area with a landmark (a joint, the navel, the ear) so the site is clear.
          </li>
          <li>
            <strong>Close-up</strong>: the lesion filling most of the frame, in focus, with a calibration sticker placed flat on the skin beside
            the lesion (not on it): DermRelay then measures the lesion in millimetres. Print stickers from the{" "}
            <a className="underline" href="/api/v1/calibration-sheet" target="_blank" rel="noopener">calibration sheet (PDF)</a> at 100 %.
          </li>
          <li>
            <strong>Dermoscopy</strong>: for pigmented lesions, if you have a dermatoscope; keep the sticker in view when it fits.
          </li>
          <li>
            Daylight or even light, no flash glare; at least {MIN_WIDTH}×{MIN_HEIGHT} pixels (any phone camera at full size). Up to {MAX_PHOTOS_PER_CASE} photos.
          </li>
        </ul>
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="View of the next photos" value={view} onChange={(e) => setView(e.target.value)} options={PHOTO_VIEWS.map((v) => ({ value: v, label: labelOf(VIEW_LABEL, v) }))} />
          <SelectField
            label="Body site of the next photos"
            value={site}
            onChange={(e) => setSite(e.target.value)}
            options={siteOptions}
            placeholder={site ? undefined : "Choose a body site…"}
            error={site ? undefined : "Choose the body site before adding photos"}
          />
        </div>
        <div id="f-photos" tabIndex={-1}>
          <label
            htmlFor={`${id}-file`}
            className={`inline-flex cursor-pointer items-center justify-center rounded-md px-4 py-3 text-sm font-medium shadow-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${full || !site ? "cursor-not-allowed bg-slate-300 text-slate-600" : "bg-brand-600 text-white hover:bg-brand-700"}`}
          >
            Take or choose photos
            <input
              id={`${id}-file`}
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              disabled={full || !site}
              onChange={onFiles}
              className="sr-only"
            />
          </label>
          <p className="mt-2 text-xs text-slate-600">
            {full ? `This case has the maximum of ${MAX_PHOTOS_PER_CASE} photos; remove one to add another.` : "JPEG, PNG, WebP, HEIC or AVIF, up to 25 MB each. On a phone this opens the camera."}
          </p>
          {error && <p className="mt-1 text-sm text-red-700">{error}</p>}
        </div>
      </section>

      {lesions.loadError && <p role="alert" className="text-sm text-red-700">The patient&apos;s earlier lesions could not be loaded: {lesions.loadError}</p>}
      {photos.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No photos yet. Add an overview and a close-up of the lesion.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Photos of this referral">
          {photos.items.map((item, i) => (
            <PhotoCard key={item.key} item={item} index={i} onRemove={photos.remove} onRetake={(old, file) => void photos.retake(old, file)}>
              {item.photo && (
                <LesionLink
                  photoId={item.photo.id}
                  photoName={`Photo ${i + 1}`}
                  bodySite={item.photo.bodySite}
                  initialLesionId={item.photo.lesionId ?? null}
                  lesions={lesions.lesions}
                  link={lesions.link}
                />
              )}
            </PhotoCard>
          ))}
        </ul>
      )}
    </div>
  );
}
