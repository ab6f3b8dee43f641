import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { OfflineCapture } from "@/components/cases/wizard/offline-capture";
import { RegisterServiceWorker } from "@/components/offline/register-service-worker";

export const metadata: Metadata = { title: "Photos (offline)" };

/**
 * The offline shell of the wizard's photo step (SPEC §16). The service worker keeps a copy, so it
 * must stay free of patient data: the draft id is read from the URL in the browser, never here.
 */
export default async function OfflinePhotosPage() {
  const ctx = await requirePageContext("referrer");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Referral photos</h1>
      <OfflineCapture userId={ctx.actor.id} />
      <RegisterServiceWorker />
    </div>
  );
}
