/** A labelled input with its error beside it (aria-describedby), as every form in DermRelay needs. */
import { useId, type InputHTMLAttributes } from "react";
import { describedBy, FieldNotes } from "./field-notes";

export function TextField({
  label,
  error,
  hint,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:border-brand-600 ${error ? "border-red-500" : "border-slate-300"}`}
      />
      <FieldNotes fieldId={id} hint={hint} error={error} />
    </div>
  );
}
