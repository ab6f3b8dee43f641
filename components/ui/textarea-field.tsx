/** A labelled multi-line text box with its error beside it, for free-text clinical answers. */
import { useId, type TextareaHTMLAttributes } from "react";
import { controlProps, FieldFrame } from "./field-notes";

export function TextareaField({
  label,
  error,
  hint,
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const fieldId = props.id ?? id;
  const { className: controlClass, ...aria } = controlProps(fieldId, hint, error);
  return (
    <FieldFrame fieldId={fieldId} label={label} hint={hint} error={error} className={className}>
      <textarea rows={3} {...aria} {...props} id={fieldId} className={controlClass} />
    </FieldFrame>
  );
}
