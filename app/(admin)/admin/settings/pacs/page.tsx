import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { readPacsSettings } from "@/lib/dicom/pacs-settings";
import { PacsSettingsForm } from "@/components/dicom/pacs-settings-form";
import { savePacsAction } from "./actions";

export const metadata: Metadata = { title: "PACS settings" };
export const dynamic = "force-dynamic";

/** Where DermRelay files each case's study as DICOM (SPEC §14), and when. */
export default async function PacsSettingsPage() {
  const ctx = await requirePageContext("admin");
  const current = await readPacsSettings(db, ctx);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">PACS settings</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        DermRelay can file each case&apos;s photos in your PACS as one DICOM study (VL Photographic and Dermoscopic Photography
        images) by DICOMweb STOW-RS. Every send and the PACS&apos;s answer are listed on the case page, where you can send again.
      </p>
      <PacsSettingsForm current={current} save={savePacsAction} />
    </div>
  );
}
