/** A fieldset of radio buttons with a legend and an error, for short closed questions. */
import { useId } from "react";
import { describedBy, FieldNotes } from "./field-notes";
import type { SelectOption } from "./select-field";

export function RadioGroup({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  id,
  className = "",
}: {
  legend: string;
  name: string;
  options: readonly SelectOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string;
  id?: string;
  className?: string;
}) {
  const auto = useId();
  const groupId = id ?? auto;
  return (
    <fieldset
      id={groupId}
      tabIndex={-1}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(groupId, undefined, error)}
      className={className}
    >
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {options.map((o) => (
          <label
            key={o.value}
            className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${error ? "border-red-500" : "border-slate-300"} bg-white`}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="accent-brand-600"
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldNotes fieldId={groupId} error={error} />
    </fieldset>
  );
}
