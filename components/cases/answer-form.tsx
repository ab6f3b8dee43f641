"use client";
/** Answer the dermatologist's request for information; the case goes back to the queue. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import { api, firstMessages } from "@/components/api/client";

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
    const r = await api(`/api/v1/cases/${caseId}/info-responses`, { method: "POST", body: { answer } });
    setBusy(false);
    if (r.ok) {
      setAnswer("");
      router.refresh();
    } else if (r.code === "invalid") setError(firstMessages(r.fields).answer ?? r.message);
    else setFormError(r.message);
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
