import type { Metadata } from "next";
import { readSlaSettings } from "@/lib/sla/settings";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { SlaSettingsForm } from "@/components/admin/sla-settings-form";
import { saveSlaAction } from "./actions";

export const metadata: Metadata = { title: "SLA settings" };
export const dynamic = "force-dynamic";

export default async function SlaSettingsPage() {
  const ctx = await requirePageContext("admin");
  const current = await readSlaSettings(db, ctx);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">SLA settings</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        Each case gets its deadline when it is triaged, from the window of its priority. Changing a window affects cases triaged
        afterwards; deadlines already set stay as they are. Time spent waiting for a clinic&apos;s answer is added to the deadline.
      </p>
      <SlaSettingsForm current={current} save={saveSlaAction} />
    </div>
  );
}
