/** A labelled <select> with its error beside it, the select counterpart of TextField. */
import { useId, type SelectHTMLAttributes } from "react";
import { controlProps, FieldFrame } from "./field-notes";

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
  const { className: controlClass, ...aria } = controlProps(fieldId, hint, error, "bg-white");
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} className={className}>
      <select {...aria} {...props} id={fieldId} className={controlClass}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
