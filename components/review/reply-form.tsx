"use client";
/**
 * The consultation reply form. Controlled by the review screen (templates fill it, Ctrl+Enter
 * sends it from anywhere); every control has a real label and its server-side error beside it.
 */
import { forwardRef } from "react";
import { DISPOSITIONS, type Disposition } from "@/lib/db/schema/enums";
import { DiagnosisCodeField } from "./diagnosis-code-field";
import { DISPOSITION_LABEL } from "@/lib/vocabulary";

export type ReplyFields = { diagnosis: string; diagnosisCode: string; differential: string; plan: string; disposition: Disposition | ""; followUp: string };
export const EMPTY_REPLY: ReplyFields = { diagnosis: "", diagnosisCode: "", differential: "", plan: "", disposition: "", followUp: "" };

const input = (err?: string) => `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${err ? "border-red-500" : "border-slate-300"}`;

function Err({ id, msg }: { id: string; msg?: string }) {
  return msg ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {msg}
    </p>
  ) : null;
}

export const ReplyForm = forwardRef<HTMLInputElement, {
  fields: ReplyFields;
  errors: Record<string, string>;
  onChange: (f: Partial<ReplyFields>) => void;
  onSubmit: () => void;
  busy: boolean;
  disabled?: boolean;
}>(function ReplyForm({ fields, errors, onChange, onSubmit, busy, disabled }, diagnosisRef) {
  return (
    <form
      aria-label="Consultation reply"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset disabled={disabled || busy} className="space-y-3">
        <div>
          <label htmlFor="reply-diagnosis" className="block text-sm font-medium text-slate-700">
            Diagnosis
          </label>
          <input
            id="reply-diagnosis"
            ref={diagnosisRef}
            value={fields.diagnosis}
            onChange={(e) => onChange({ diagnosis: e.target.value })}
            aria-invalid={errors.diagnosis ? true : undefined}
            aria-describedby={errors.diagnosis ? "reply-diagnosis-error" : undefined}
            className={input(errors.diagnosis)}
            maxLength={500}
          />
          <Err id="reply-diagnosis-error" msg={errors.diagnosis} />
        </div>
        <DiagnosisCodeField
          code={fields.diagnosisCode}
          error={errors.diagnosisCode}
          onPick={(c) => onChange(c ? { diagnosisCode: c.code, ...(fields.diagnosis.trim() ? {} : { diagnosis: c.label }) } : { diagnosisCode: "" })}
        />
        <div>
          <label htmlFor="reply-differential" className="block text-sm font-medium text-slate-700">
            Differential <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea id="reply-differential" rows={2} value={fields.differential} onChange={(e) => onChange({ differential: e.target.value })} className={input(errors.differential)} />
          <Err id="reply-differential-error" msg={errors.differential} />
        </div>
        <div>
          <label htmlFor="reply-plan" className="block text-sm font-medium text-slate-700">
            Plan
          </label>
          <textarea
            id="reply-plan"
            rows={4}
            value={fields.plan}
            onChange={(e) => onChange({ plan: e.target.value })}
            aria-invalid={errors.plan ? true : undefined}
            aria-describedby={errors.plan ? "reply-plan-error" : undefined}
            className={input(errors.plan)}
          />
          <Err id="reply-plan-error" msg={errors.plan} />
        </div>
        <div className="grid gap-3">
          <div>
            <label htmlFor="reply-disposition" className="block text-sm font-medium text-slate-700">
              Disposition
            </label>
            <select
              id="reply-disposition"
              value={fields.disposition}
              onChange={(e) => onChange({ disposition: e.target.value as Disposition | "" })}
              aria-invalid={errors.disposition ? true : undefined}
              aria-describedby={errors.disposition ? "reply-disposition-error" : undefined}
              className={`${input(errors.disposition)} bg-white`}
            >
              <option value="">Choose…</option>
              {DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {DISPOSITION_LABEL[d]}
                </option>
              ))}
            </select>
            <Err id="reply-disposition-error" msg={errors.disposition} />
          </div>
          <div>
            <label htmlFor="reply-follow-up" className="block text-sm font-medium text-slate-700">
              Follow-up <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input id="reply-follow-up" value={fields.followUp} onChange={(e) => onChange({ followUp: e.target.value })} className={input(errors.followUp)} />
            <Err id="reply-follow-up-error" msg={errors.followUp} />
          </div>
        </div>
        <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-slate-400">
          {busy ? "Sending…" : "Send reply and open next"} <kbd className="ml-1 rounded bg-brand-700 px-1 text-xs">Ctrl+Enter</kbd>
        </button>
      </fieldset>
    </form>
  );
});
