/** A labelled <select> with its error beside it, the select counterpart of TextField. */
import { useId, type SelectHTMLAttributes } from "react";
import { describedBy, FieldNotes } from "./field-notes";

export type SelectOption = { value: string; label: string };

export function SelectField({
  label,
  error,
  hint,
  options,
  placeholder,
  className = "",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: readonly SelectOption[];
  error?: string;
  hint?: string;
  /** A first, empty choice ("Choose…") for fields that start unanswered. */
  placeholder?: string;
}) {
  const id = useId();
  const fieldId = props.id ?? id;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...props}
        id={fieldId}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 ${error ? "border-red-500" : "border-slate-300"}`}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes fieldId={fieldId} hint={hint} error={error} />
    </div>
  );
}
