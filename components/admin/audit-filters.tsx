/** The audit viewer's filters: a GET form, so a filtered view is a link that can be shared. */
import { AUDIT_OUTCOMES } from "@/lib/db/schema/enums";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export function AuditFilters({ values, users, errors }: { values: Record<string, string | undefined>; users: { id: string; label: string }[]; errors: Record<string, string[]> }) {
  const field = (name: string, label: string, el: React.ReactNode) => (
    <div>
      <label htmlFor={`audit-${name}`} className="block text-sm font-medium text-slate-700">{label}</label>
      {el}
      {errors[name] && <p id={`audit-${name}-error`} className="mt-1 text-sm text-red-700">{errors[name]![0]}</p>}
    </div>
  );
  const text = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) =>
    field(name, label, <input id={`audit-${name}`} name={name} defaultValue={values[name] ?? ""} className={input} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `audit-${name}-error` : undefined} {...props} />);
  return (
    <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter the audit log">
      {field("actorId", "User", (
        <select id="audit-actorId" name="actorId" defaultValue={values.actorId ?? ""} className={input}>
          <option value="">Anyone</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
        </select>
      ))}
      {text("action", "Action", { placeholder: "case.read or case.*" })}
      {text("resourceId", "Resource id")}
      {text("patientId", "Patient id")}
      {field("outcome", "Outcome", (
        <select id="audit-outcome" name="outcome" defaultValue={values.outcome ?? ""} className={input}>
          <option value="">Any</option>
          {AUDIT_OUTCOMES.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      ))}
      {text("from", "From (UTC)", { type: "date" })}
      {text("to", "To (UTC)", { type: "date" })}
      <div className="flex items-end">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Apply filters</button>
      </div>
    </form>
  );
}
