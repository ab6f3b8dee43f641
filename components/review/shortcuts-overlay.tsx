"use client";
/** The `?` overlay: every shortcut of the batch review screen. */
import { REVIEW_SHORTCUTS } from "./keyboard";
import { Modal } from "./modal";

export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {REVIEW_SHORTCUTS.map((s) => (
          <div key={s.keys} className="contents">
            <dt>
              <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs ring-1 ring-slate-300">{s.keys}</kbd>
            </dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-end">
        <button type="button" autoFocus onClick={onClose} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
          Close
        </button>
      </div>
    </Modal>
  );
}
