import type { Metadata } from "next";
import Link from "next/link";
import { listClinics } from "@/lib/clinics/service";
import { listUsers, userListQuerySchema } from "@/lib/identity/users";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { InviteUserForm } from "@/components/admin/invite-user-form";
import { inviteUserAction } from "./actions";
import { ROLE_LABEL } from "@/lib/vocabulary";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("admin");
  const sp = await searchParams;
  const query = userListQuerySchema.safeParse({ q: sp.q || undefined, role: sp.role || undefined, active: sp.active || undefined });
  const [{ items }, clinics] = await Promise.all([listUsers(db, ctx, query.success ? query.data : {}), listClinics(db, ctx)]);
  const activeClinics = clinics.items.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <InviteUserForm clinics={activeClinics} invite={inviteUserAction} />
      <section aria-labelledby="users-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="users-title" className="text-lg font-semibold">Accounts</h2>
        <form method="get" className="mt-2 flex flex-wrap items-end gap-3" aria-label="Filter users">
          <div>
            <label htmlFor="users-q" className="block text-sm font-medium text-slate-700">Name or e-mail</label>
            <input id="users-q" name="q" defaultValue={sp.q ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <div>
            <label htmlFor="users-role" className="block text-sm font-medium text-slate-700">Role</label>
            <select id="users-role" name="role" defaultValue={sp.role ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">Any</option>
              {Object.entries(ROLE_LABEL).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="users-active" className="block text-sm font-medium text-slate-700">Status</label>
            <select id="users-active" name="active" defaultValue={sp.active ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">Any</option>
              <option value="true">Active</option>
              <option value="false">Deactivated</option>
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">Filter</button>
        </form>
        <ScrollRegion label="User accounts" className="mt-4">
          <table className="min-w-full text-sm">
            <caption className="sr-only">User accounts</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="px-2 py-1.5 font-medium">Name</th>
                <th scope="col" className="px-2 py-1.5 font-medium">E-mail</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Role</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Clinic</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Status</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    <Link href={`/admin/users/${u.id}`} className="text-brand-700 underline">{u.name}</Link>
                  </th>
                  <td className="px-2 py-1.5">{u.email}</td>
                  <td className="px-2 py-1.5">{ROLE_LABEL[u.role]}</td>
                  <td className="px-2 py-1.5">{u.clinicName ?? "—"}</td>
                  <td className="px-2 py-1.5">{!u.active ? "Deactivated" : !u.hasPassword ? (u.invitePendingUntil ? "Invited" : "Invitation expired") : "Active"}</td>
                  <td className="px-2 py-1.5">{u.lastSignInAt ? u.lastSignInAt.slice(0, 16).replace("T", " ") : "Never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p className="py-4 text-sm text-slate-600">No account matches these filters.</p>}
        </ScrollRegion>
      </section>
    </div>
  );
}
