import type { Metadata } from "next";
import Link from "next/link";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/viewer";
import { listUsers } from "@/lib/identity/users";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { zodFieldErrors } from "@/lib/validation";
import { AuditFilters } from "@/components/admin/audit-filters";
import { VerifyChain } from "@/components/admin/verify-chain";
import { verifyChainAction } from "./actions";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const FILTERS = ["actorId", "action", "resourceId", "patientId", "outcome", "from", "to"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("admin");
  const sp = await searchParams;
  const values = Object.fromEntries([...FILTERS, "cursor"].filter((k) => sp[k]).map((k) => [k, sp[k]!.trim()]));
  const parsed = auditQuerySchema.safeParse(values);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const [{ items, nextCursor }, users] = await Promise.all([
    parsed.success ? listAuditEvents(db, ctx, parsed.data) : Promise.resolve({ items: [], nextCursor: null }),
    listUsers(db, ctx, {}),
  ]);
  const names = new Map(users.items.map((u) => [u.id, `${u.name} (${u.email})`]));
  const filterQs = new URLSearchParams(Object.entries(values).filter(([k]) => k !== "cursor"));
  const csvHref = `/api/v1/audit?${new URLSearchParams([...filterQs, ["format", "csv"]])}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <a href={csvHref} download className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">Download CSV</a>
      </div>
      <p className="text-sm text-slate-600">Every access to patient data, every change and every refusal, newest first. Viewing this log is itself recorded.</p>
      <VerifyChain verify={verifyChainAction} />
      <AuditFilters values={values} users={users.items.map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }))} errors={errors} />
      <ScrollRegion label="Audit events" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Audit events</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              {["#", "When (UTC)", "Who", "Action", "Resource", "Patient", "Outcome", "IP", "Request"].map((h) => (
                <th key={h} scope="col" className="px-2 py-1.5 font-medium">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top last:border-0">
                <th scope="row" className="px-2 py-1.5 text-left font-normal tabular-nums">{e.id}</th>
                <td className="whitespace-nowrap px-2 py-1.5">{e.at.slice(0, 19).replace("T", " ")}</td>
                <td className="px-2 py-1.5">{e.actorId ? (names.get(e.actorId) ?? e.actorId) : "System"}{e.actorRole ? ` · ${e.actorRole}` : ""}</td>
                <td className="px-2 py-1.5 font-mono text-xs">{e.action}</td>
                <td className="px-2 py-1.5 font-mono text-xs">{e.resourceType}{e.resourceId ? ` ${e.resourceId}` : ""}</td>
                <td className="px-2 py-1.5 font-mono text-xs">{e.patientId ?? "—"}</td>
                <td className="px-2 py-1.5">{e.outcome === "success" ? "Success" : e.outcome === "denied" ? "⛔ Denied" : "⚠ Error"}</td>
                <td className="px-2 py-1.5 font-mono text-xs">{e.ip ?? "—"}</td>
                <td className="px-2 py-1.5 font-mono text-xs">{e.requestId?.slice(0, 8) ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p className="p-4 text-sm text-slate-600">{parsed.success ? "No audit event matches these filters." : "Correct the filters marked above."}</p>}
      </ScrollRegion>
      <nav aria-label="Audit pages" className="flex gap-3 text-sm">
        {values.cursor && <Link href={`/admin/audit?${filterQs}`} className="text-brand-700 underline">Newest</Link>}
        {nextCursor && <Link href={`/admin/audit?${new URLSearchParams([...filterQs, ["cursor", nextCursor]])}`} className="text-brand-700 underline">Older entries →</Link>}
      </nav>
    </div>
  );
}
