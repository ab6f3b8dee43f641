"use client";
/** Create, edit and delete your reply templates (the `t` shortcut inserts them into a reply). */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DISPOSITIONS } from "@/lib/db/schema/enums";
import type { ReplyTemplate, TemplateFields } from "@/lib/reviews/templates";
import { api, firstMessages } from "@/components/api/client";
import { DISPOSITION_LABEL } from "@/lib/vocabulary";

type Draft = { id: string | null; name: string } & Required<{ [K in keyof TemplateFields]: string }>;
const blank: Draft = { id: null, name: "", diagnosis: "", diagnosisCode: "", differential: "", plan: "", disposition: "", followUp: "" };
const box = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

const TEXT_FIELDS: { key: keyof Draft; label: string; area?: boolean }[] = [
  { key: "name", label: "Template name" },
  { key: "diagnosis", label: "Diagnosis" },
  { key: "diagnosisCode", label: "Diagnosis code (ICD-10)" },
  { key: "differential", label: "Differential", area: true },
  { key: "plan", label: "Plan", area: true },
  { key: "followUp", label: "Follow-up" },
];

export function TemplateManager({ templates }: { templates: ReplyTemplate[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const { id, name, ...fields } = draft;
    const body = { name, fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "")) };
    const r = await api(id ? `/api/v1/templates/${id}` : "/api/v1/templates", { method: id ? "PATCH" : "POST", body });
    if (!r.ok) {
      setErrors(firstMessages(r.fields, "fields"));
      setMessage(r.message);
      return;
    }
    setErrors({});
    setMessage(id ? "Template saved" : "Template created");
    setDraft(blank);
    router.refresh();
  }

  async function remove(t: ReplyTemplate) {
    if (!window.confirm(`Delete the template "${t.name}"?`)) return;
    const r = await api(`/api/v1/templates/${t.id}`, { method: "DELETE" });
    setMessage(r.ok ? "Template deleted" : r.message);
    router.refresh();
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="yours" className="space-y-2">
        <h2 id="yours" className="text-lg font-semibold">
          Your templates
        </h2>
        {templates.length === 0 ? (
          <p className="text-sm text-slate-600">No templates yet. Create one for a reply you write often, e.g. &quot;Seborrhoeic keratosis — reassure&quot;.</p>
        ) : (
          <ol className="space-y-2">
            {templates.map((t, i) => (
              <li key={t.id} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white p-2 text-sm">
                <kbd className="rounded bg-slate-100 px-1.5 text-xs">{i + 1}</kbd>
                <span className="mr-auto font-medium">{t.name}</span>
                <button type="button" className="underline" onClick={() => setDraft({ ...blank, ...t.fields, id: t.id, name: t.name } as Draft)}>
                  Edit<span className="sr-only"> {t.name}</span>
                </button>
                <button type="button" className="text-red-700 underline" onClick={() => void remove(t)}>
                  Delete<span className="sr-only"> {t.name}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <form onSubmit={save} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="editor">
        <h2 id="editor" className="text-lg font-semibold">
          {draft.id ? "Edit template" : "New template"}
        </h2>
        {message && (
          <p role="status" className="text-sm text-slate-700">
            {message}
          </p>
        )}
        {TEXT_FIELDS.map(({ key, label, area }) => {
          const id = `tpl-${key}`;
          const props = {
            id,
            value: draft[key] ?? "",
            onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft({ ...draft, [key]: e.target.value }),
            className: box,
            "aria-invalid": errors[key] ? true : undefined,
            "aria-describedby": errors[key] ? `${id}-error` : undefined,
          };
          return (
            <div key={key}>
              <label htmlFor={id} className="block text-sm font-medium text-slate-700">
                {label}
              </label>
              {area ? <textarea rows={3} {...props} /> : <input {...props} />}
              {errors[key] && (
                <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                  {errors[key]}
                </p>
              )}
            </div>
          );
        })}
        <div>
          <label htmlFor="tpl-disposition" className="block text-sm font-medium text-slate-700">
            Disposition
          </label>
          <select id="tpl-disposition" value={draft.disposition} onChange={(e) => setDraft({ ...draft, disposition: e.target.value })} className={`${box} bg-white`}>
            <option value="">(leave as is)</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {DISPOSITION_LABEL[d]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {draft.id ? "Save template" : "Create template"}
          </button>
          {draft.id && (
            <button type="button" className="rounded-md border border-slate-300 px-4 py-2 text-sm" onClick={() => setDraft(blank)}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
