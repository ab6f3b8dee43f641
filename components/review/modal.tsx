"use client";
/** A modal on the native <dialog>: focus is trapped and Esc closes it, for free and accessibly. */
import { useEffect, useRef } from "react";

/** `wide`: most of the screen (Compare's two photos side by side). */
export function Modal({ open, onClose, title, children, wide = false }: { open: boolean; onClose: () => void; title: string; children: React.ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      className={`m-auto ${wide ? "w-[min(88rem,calc(100vw-1rem))]" : "w-[min(36rem,calc(100vw-2rem))]"} rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50`}
    >
      {open && (
        <div className={`space-y-3 ${wide ? "p-3 sm:p-4" : "p-5"}`}>
          <h2 className="text-lg font-semibold">{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
