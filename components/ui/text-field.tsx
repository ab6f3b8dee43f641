/** A labelled input with its error beside it (aria-describedby), as every form in DermRelay needs. */
import { useId, type InputHTMLAttributes } from "react";
import { controlProps, FieldFrame } from "./field-notes";

export function TextField({
  label,
  error,
  hint,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const fieldId = props.id ?? id;
  const { className: controlClass, ...aria } = controlProps(fieldId, hint, error);
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} className={className}>
      <input {...aria} {...props} id={fieldId} className={controlClass} />
    </FieldFrame>
  );
}
