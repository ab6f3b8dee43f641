"use client";
/** Role and clinic pickers that stay consistent: only referring clinicians choose a clinic. */
import { useState } from "react";
import { ROLE_LABEL } from "@/lib/vocabulary";

export type ClinicOption = { id: string; name: string };

const select = "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm";

export function RoleClinicFields({ clinics, role: initialRole = "referrer", clinicId, errors }: { clinics: ClinicOption[]; role?: string; clinicId?: string | null; errors: { role?: string; clinicId?: string } }) {
  const [role, setRole] = useState(initialRole);
  return (
    <>
      <div>
        <label htmlFor="user-role" className="block text-sm font-medium text-slate-700">Role</label>
        <select id="user-role" name="role" value={role} onChange={(e) => setRole(e.target.value)} className={`${select} ${errors.role ? "border-red-500" : "border-slate-300"}`} aria-invalid={errors.role ? true : undefined} aria-describedby={errors.role ? "user-role-error" : undefined}>
          {Object.entries(ROLE_LABEL).map(([v, l]) => (
            <option key={v} value={v}>{l}</option>
          ))}
        </select>
        {errors.role && <p id="user-role-error" className="mt-1 text-sm text-red-700">{errors.role}</p>}
      </div>
      {role === "referrer" && (
        <div>
          <label htmlFor="user-clinic" className="block text-sm font-medium text-slate-700">Clinic</label>
          <select id="user-clinic" name="clinicId" defaultValue={clinicId ?? ""} className={`${select} ${errors.clinicId ? "border-red-500" : "border-slate-300"}`} aria-invalid={errors.clinicId ? true : undefined} aria-describedby={errors.clinicId ? "user-clinic-error" : undefined}>
            <option value="">Choose a clinic…</option>
            {clinics.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
          {errors.clinicId && <p id="user-clinic-error" className="mt-1 text-sm text-red-700">{errors.clinicId}</p>}
        </div>
      )}
    </>
  );
}
