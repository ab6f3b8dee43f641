/** A labelled multi-line text box with its error beside it, for free-text clinical answers. */
import { useId, type TextareaHTMLAttributes } from "react";
import { describedBy, FieldNotes } from "./field-notes";

export function TextareaField({
  label,
  error,
  hint,
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const fieldId = props.id ?? id;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...props}
        id={fieldId}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:border-brand-600 ${error ? "border-red-500" : "border-slate-300"}`}
      />
      <FieldNotes fieldId={fieldId} hint={hint} error={error} />
    </div>
  );
}
