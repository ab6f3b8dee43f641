/** A checkbox with its label on the right and a large hit area, as yes/no clinical facts need. */
import { useId, type InputHTMLAttributes } from "react";

export function Checkbox({
  label,
  hint,
  className = "",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint?: string }) {
  const id = useId();
  const fieldId = props.id ?? id;
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input
        type="checkbox"
        aria-describedby={hint ? `${fieldId}-hint` : undefined}
        {...props}
        id={fieldId}
        className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 accent-brand-600"
      />
      <label htmlFor={fieldId} className="text-sm text-slate-800">
        {label}
        {hint && (
          <span id={`${fieldId}-hint`} className="block text-xs text-slate-500">
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}
