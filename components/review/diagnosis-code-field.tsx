"use client";
/**
 * ICD-10 code search as an ARIA combobox: type words or a code, arrow through matches from
 * `GET /api/v1/diagnosis-codes?q=`, Enter picks one. The chosen code is what is sent; the text box
 * shows code and label so the specialist sees what they picked.
 */
import { useEffect, useId, useRef, useState } from "react";
import { api } from "@/components/api/client";

type Code = { code: string; label: string };

export function DiagnosisCodeField({
  code,
  onPick,
  error,
}: {
  code: string;
  /** Called with the picked entry, or with null when the box is cleared or edited away from a pick. */
  onPick: (c: Code | null) => void;
  error?: string;
}) {
  const id = useId();
  const [text, setText] = useState(code);
  const [options, setOptions] = useState<Code[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);
  const [lastCode, setLastCode] = useState(code);

  // A template or a reset changed the code from outside: show it.
  if (code !== lastCode) {
    setLastCode(code);
    if (!text.startsWith(code) || code === "") setText(code);
  }

  useEffect(() => {
    const q = text.trim();
    if (!open || q.length < 2) return;
    const n = ++seq.current;
    const t = setTimeout(async () => {
      const r = await api<{ items: Code[] }>(`/api/v1/diagnosis-codes?q=${encodeURIComponent(q)}&limit=8`);
      if (!r.ok || n !== seq.current) return;
      setOptions(r.data.items);
      setActive(r.data.items.length ? 0 : -1);
    }, 120);
    return () => clearTimeout(t);
  }, [text, open]);

  const pick = (c: Code) => {
    setText(`${c.code} — ${c.label}`);
    setLastCode(c.code);
    setOpen(false);
    onPick(c);
  };
  const shown = open && text.trim().length >= 2 ? options : [];

  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Diagnosis code (ICD-10)
      </label>
      <input
        id={id}
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown.length > 0 && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (code) onPick(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && shown.length) {
            e.preventDefault();
            setActive((a) => (a + 1) % shown.length);
          } else if (e.key === "ArrowUp" && shown.length) {
            e.preventDefault();
            setActive((a) => (a - 1 + shown.length) % shown.length);
          } else if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && shown.length && active >= 0) {
            e.preventDefault();
            pick(shown[active]!);
          } else if (e.key === "Escape" && shown.length) {
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${error ? "border-red-500" : "border-slate-300"}`}
        placeholder="Type a code or words, e.g. L82 or keratosis"
      />
      <p id={`${id}-hint`} className="sr-only">
        Type at least two characters, then use the arrow keys and Enter to pick a code.
      </p>
      {shown.length > 0 && (
        <ul id={`${id}-list`} role="listbox" aria-label="Matching diagnosis codes" className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg">
          {shown.map((o, i) => (
            <li
              key={o.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? "bg-brand-50 text-brand-800" : ""}`}
            >
              <span className="font-mono font-medium">{o.code}</span> {o.label}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
