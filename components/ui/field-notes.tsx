/**
 * The hint and error lines under a form control, and the aria-describedby that points at them:
 * one markup for TextField, TextareaField, SelectField and RadioGroup so they read and sound alike.
 */

/** The aria-describedby value for a control with `fieldId`, or undefined when there is nothing to point at. */
export function describedBy(fieldId: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldNotes({ fieldId, hint, error }: { fieldId: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${fieldId}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${fieldId}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
