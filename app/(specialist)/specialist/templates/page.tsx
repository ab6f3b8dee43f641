import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { listTemplates } from "@/lib/reviews/templates";
import { TemplateManager } from "@/components/review/template-manager";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const ctx = await requirePageContext("specialist");
  const templates = await listTemplates(db, ctx);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Reply templates</h1>
      <p className="text-sm text-slate-600">Personal to you. In a case, press <kbd className="rounded bg-slate-100 px-1 ring-1 ring-slate-300">t</kbd> and a number to insert one.</p>
      <TemplateManager templates={templates} />
    </div>
  );
}
