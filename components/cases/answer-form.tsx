"use client";
/** Answer the dermatologist's request for information; the case goes back to the queue. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import { api, ApiError, firstMessages } from "./api-client";

export function AnswerForm({ caseId }: { caseId: string }) {
  const router = useRouter();
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!answer.trim()) {
      setError("Write your answer first");
      return;
    }
    setBusy(true);
    setError(undefined);
    setFormError(null);
    try {
      await api(`/api/v1/cases/${caseId}/info-responses`, { method: "POST", body: { answer } });
      setAnswer("");
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const fields = firstMessages(err.fields);
        setError(fields.answer ?? err.message);
      } else setFormError(err instanceof ApiError ? err.message : "The answer could not be sent");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Answer the request for information">
      <TextareaField label="Your answer" name="answer" rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} error={error} maxLength={4000} />
      {formError && (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      )}
      <Button type="submit" disabled={busy} aria-busy={busy}>
        {busy ? "Sending…" : "Send answer"}
      </Button>
    </form>
  );
}
