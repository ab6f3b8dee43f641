import type { Metadata } from "next";
import Link from "next/link";
import { listClinics } from "@/lib/clinics/service";
import { requirePageContext } from "@/lib/auth/page";
import { caseListQuerySchema, listCases } from "@/lib/cases/list";
import { db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import { AdminCaseFilters } from "@/components/admin/case-filters";
import { AdminCaseTable, adminCaseRow } from "@/components/admin/case-table";

export const metadata: Metadata = { title: "Cases" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
const FILTERS = ["status", "priority", "slaState", "clinicId"] as const;

type Search = Record<string, string | string[] | undefined>;

export default async function AdminCases({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requirePageContext("admin");
  const raw = await searchParams;
  const picked = Object.fromEntries(
    [...FILTERS, "cursor"].flatMap((k) => (typeof raw[k] === "string" && raw[k] !== "" ? [[k, raw[k]]] : [])),
  );
  // Drafts are the clinic's own business: the filter never offers them and the service never lists them for admins.
  const parsed = caseListQuerySchema.safeParse({ ...picked, limit: PAGE_SIZE });
  const query = parsed.success ? parsed.data : caseListQuerySchema.parse({ limit: PAGE_SIZE });
  const [clinics, page] = await Promise.all([
    listClinics(db, ctx),
    listCases(db, ctx, query).catch((e: unknown) => {
      // A stale or mangled cursor starts the list over rather than failing the page.
      if (isDomainError(e) && e.code === "bad_request") return listCases(db, ctx, { ...query, cursor: undefined });
      throw e;
    }),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server render's clock for the "age" column
  const now = Date.now();
  const filters = Object.fromEntries(FILTERS.flatMap((k) => (query[k] ? [[k, query[k]]] : []))) as Record<string, string>;
  const filtered = Object.keys(filters).length > 0;
  const href = (extra: Record<string, string> = {}) => {
    const qs = new URLSearchParams({ ...filters, ...extra });
    return qs.size ? `/admin/cases?${qs}` : "/admin/cases";
  };
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Cases</h1>
        <p className="text-sm text-slate-600">
          Every submitted referral, newest first. Read-only: dermatologists work the queue, clinics their own referrals. Patients are shown by
          MRN; opening a case shows its full detail and is recorded in the audit log.
        </p>
      </div>
      <AdminCaseFilters values={filters} clinics={clinics.items} />
      {!parsed.success && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Some filters were not understood and were ignored.
        </p>
      )}
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-medium">{query.cursor ? "No more cases" : filtered ? "No case matches these filters" : "No cases yet"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? "Widen or clear the filters to see more cases." : "Cases appear here once a clinic submits a referral."}
          </p>
        </div>
      ) : (
        <AdminCaseTable rows={page.items.map(adminCaseRow)} now={now} />
      )}
      <p className="text-xs text-slate-600">
        The SLA state is updated every minute. For answered, closed and withdrawn cases it is the state the case had when it left the
        queue.
      </p>
      <nav aria-label="Case list pages" className="flex gap-4">
        {query.cursor && (
          <Link href={href()} className="text-sm font-medium text-brand-700 underline">
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={href({ cursor: page.nextCursor })} className="text-sm font-medium text-brand-700 underline">
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
