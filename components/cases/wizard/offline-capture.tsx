"use client";
/**
 * The photo step on its own, for a draft whose wizard could not load (SPEC §16): the service
 * worker sends a navigation to /clinic/cases/{id}/edit that fails offline here, with ?case={id}.
 * The page holds no patient data — it is cached on the device — so the draft comes from the URL
 * only, and the photos from this device's encrypted store (use-photos.ts); they are sent, and
 * reach Ready, as soon as the connection returns, without leaving this page.
 */
import { useSyncExternalStore } from "react";
import { StepPhotos } from "./step-photos";
import { usePhotos } from "./use-photos";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const onConnectivity = (notify: () => void) => {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
};
const useOnline = () => useSyncExternalStore(onConnectivity, () => navigator.onLine, () => true);

const noSubscription = () => () => undefined;
/** The draft id of ?case=…; "" on the server (the cached page must not depend on it), null when invalid. */
function caseFromUrl(): string | null {
  const id = new URLSearchParams(window.location.search).get("case");
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

export function OfflineCapture({ userId }: { userId: string }) {
  const caseId = useSyncExternalStore(noSubscription, caseFromUrl, () => "");
  if (caseId === "") return <p className="text-sm text-slate-600">Opening the photo step…</p>;
  if (caseId === null) return <p className="text-sm text-slate-700">Open a draft referral from your case list to add photos.</p>;
  return <Capture caseId={caseId} userId={userId} />;
}

function Capture({ caseId, userId }: { caseId: string; userId: string }) {
  const photos = usePhotos(caseId, [], userId);
  const online = useOnline();
  return (
    <div className="space-y-6">
      <div role="status" className={`rounded-lg border p-4 text-sm ${online ? "border-emerald-300 bg-emerald-50 text-emerald-950" : "border-amber-300 bg-amber-50 text-amber-950"}`}>
        {online ? (
          <p>
            The connection is back. Photos saved on this device are being sent.{" "}
            <a className="font-medium underline" href={`/clinic/cases/${caseId}/edit?step=photos`}>
              Back to the full draft
            </a>
          </p>
        ) : (
          <p>
            You are offline. Photos you take here are kept encrypted on this device, never in the photo gallery, and sent automatically when the
            connection returns. The rest of the draft opens again once you are online.
          </p>
        )}
      </div>
      {/* Mounted once the device's photos are read, so the next photos default to their body site. */}
      {photos.restored ? <StepPhotos photos={photos} chosenSites={[...new Set(photos.items.map((i) => i.bodySite))]} patientId={null} /> : <p className="text-sm text-slate-600">Reading the photos saved on this device…</p>}
    </div>
  );
}
