import type { Metadata } from "next";
import Link from "next/link";
import { listClinics } from "@/lib/clinics/service";
import { getUser } from "@/lib/identity/users";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { UserEditForms } from "@/components/admin/user-edit-forms";
import { resendInviteAction, setActiveAction, updateUserAction } from "../actions";
import { orNotFound } from "@/lib/http/page-not-found";
import { ROLE_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "User" };
export const dynamic = "force-dynamic";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("admin");
  const { id } = await params;
  const user = await orNotFound(getUser(db, ctx, id));
  const clinics = (await listClinics(db, ctx)).items.filter((c) => c.active || c.id === user.clinicId).map((c) => ({ id: c.id, name: c.name }));
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link href="/admin/users" className="text-brand-700 underline">← All users</Link></p>
      <h1 className="text-2xl font-semibold">{user.name}</h1>
      <p className="text-sm text-slate-600">
        {user.email} · {ROLE_LABEL[user.role]}{user.clinicName ? ` at ${user.clinicName}` : ""} · {user.active ? "Active" : "Deactivated"}
        {user.mfaEnabled ? " · two-step sign-in on" : ""}
      </p>
      <UserEditForms key={user.id} user={user} clinics={clinics} actions={{ update: updateUserAction, setActive: setActiveAction, resendInvite: resendInviteAction }} />
    </div>
  );
}
