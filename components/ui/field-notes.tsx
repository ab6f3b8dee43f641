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

/** The id, aria attributes and classes of a labelled control; `base` holds the control's own classes. */
export function controlProps(fieldId: string, hint: string | undefined, error: string | undefined, base = "") {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(fieldId, hint, error),
    className: `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:border-brand-600 ${base} ${error ? "border-red-500" : "border-slate-300"}`,
  };
}

/** A label, then the control, then its notes: the frame every single-control field shares. */
export function FieldFrame({ fieldId, label, hint, error, className = "", children }: { fieldId: string; label: string; hint?: string; error?: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      <FieldNotes fieldId={fieldId} hint={hint} error={error} />
    </div>
  );
}
