"use client";
/** Pick one of your templates (digits 1–9 or the buttons) to fill the reply form. */
import Link from "next/link";
import type { ReplyTemplate } from "@/lib/reviews/templates";
import { Modal } from "./modal";

export function TemplatePicker({ open, templates, onClose, onPick }: { open: boolean; templates: ReplyTemplate[]; onClose: () => void; onPick: (t: ReplyTemplate) => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Insert a template">
      {templates.length === 0 ? (
        <p className="text-sm text-slate-600">
          You have no templates yet. <Link href="/specialist/templates" className="text-brand-700 underline">Create one</Link> for replies you write often.
        </p>
      ) : (
        <ol
          className="space-y-1"
          onKeyDown={(e) => {
            const n = Number(e.key);
            if (Number.isInteger(n) && n >= 1 && n <= Math.min(9, templates.length)) {
              e.preventDefault();
              onPick(templates[n - 1]!);
            }
          }}
        >
          {templates.map((t, i) => (
            <li key={t.id}>
              <button
                type="button"
                autoFocus={i === 0}
                onClick={() => onPick(t)}
                className="flex w-full items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-left text-sm hover:bg-slate-50"
              >
                {i < 9 && <kbd className="rounded bg-slate-200 px-1.5 text-xs">{i + 1}</kbd>}
                <span className="font-medium">{t.name}</span>
                {t.fields.diagnosisCode && <span className="ml-auto font-mono text-xs text-slate-600">{t.fields.diagnosisCode}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="flex justify-end">
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
          Cancel
        </button>
      </div>
    </Modal>
  );
}
