"use client";
/** Ask the referring clinic a question; sending pauses the SLA clock and releases the case. */
import { useState } from "react";
import { Modal } from "./modal";

export function InfoRequestDialog({ open, onClose, onSend, busy, error }: { open: boolean; onClose: () => void; onSend: (question: string) => void; busy: boolean; error?: string }) {
  const [question, setQuestion] = useState("");
  return (
    <Modal open={open} onClose={onClose} title="Request information from the clinic">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          onSend(question);
        }}
      >
        <div>
          <label htmlFor="info-question" className="block text-sm font-medium text-slate-700">
            Question for the referring clinic
          </label>
          <textarea
            id="info-question"
            rows={4}
            autoFocus
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.stopPropagation();
                onSend(question);
              }
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby="info-question-hint"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <p id="info-question-hint" className="mt-1 text-xs text-slate-600">
            The case leaves your hands and its SLA clock pauses until the clinic answers; it then returns to the queue.
          </p>
          {error && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
            Cancel
          </button>
          <button type="submit" disabled={busy} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:bg-slate-400">
            {busy ? "Sending…" : "Send question"} <kbd className="ml-1 rounded bg-brand-700 px-1 text-xs">Ctrl+Enter</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
