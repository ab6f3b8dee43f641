"use client";
/**
 * The batch review screen's working surface: photos, Compare for the shown photo's lesion, the
 * case summary and earlier referrals (rendered on the server and passed in), the reply form,
 * templates, request-info and release — and the keyboard loop over all of them (see
 * REVIEW_SHORTCUTS). While the specialist works, a heartbeat keeps the claim from expiring; if
 * the claim is lost anyway, the screen says so.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CaseDetail } from "@/lib/cases/detail";
import type { ReplyTemplate } from "@/lib/reviews/templates";
import { api, firstMessages, type Failure } from "@/components/api/client";
import type { PhotoDto } from "@/lib/photos/dto";
import { claimNextHref } from "./claim-next";
import { CompareButton } from "./compare/compare-button";
import { CompareDialog } from "./compare/compare-dialog";
import { InfoRequestDialog } from "./info-request-dialog";
import { isTypingTarget } from "./keyboard";
import { useWindowKeys } from "./use-window-keys";
import { PhotoViewer } from "./photo-viewer";
import { EMPTY_REPLY, ReplyForm, type ReplyFields } from "./reply-form";
import { ShortcutsOverlay } from "./shortcuts-overlay";
import { TemplatePicker } from "./template-picker";

const HEARTBEAT_MS = 60_000;
type Dialog = null | "help" | "templates" | "info" | "compare";

export function ReviewWorkspace({
  detail,
  templates,
  summary,
  earlier,
}: {
  detail: CaseDetail;
  templates: ReplyTemplate[];
  summary: React.ReactNode;
  earlier: React.ReactNode;
}) {
  const router = useRouter();
  const [fields, setFields] = useState<ReplyFields>(EMPTY_REPLY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [claimLost, setClaimLost] = useState(false);
  const [shown, setShown] = useState<PhotoDto | undefined>(undefined);
  const diagnosisRef = useRef<HTMLInputElement>(null);
  const lastActivity = useRef(0);

  const goNext = useCallback(async () => {
    const r = await claimNextHref();
    if ("href" in r) router.push(r.href);
    else {
      setBanner(r.error);
      setBusy(false);
    }
  }, [router]);

  const fail = useCallback((r: Failure) => {
    setBusy(false);
    if (r.code === "conflict") setClaimLost(true);
    setBanner(r.message);
    setErrors(firstMessages(r.fields));
  }, []);

  const submit = useCallback(async () => {
    if (busy) return;
    setBusy(true);
    setBanner(null);
    setErrors({});
    setStatus("Sending reply…");
    const r = await api(`/api/v1/cases/${detail.id}/consultation`, {
      method: "POST",
      body: {
        diagnosis: fields.diagnosis,
        diagnosisCode: fields.diagnosisCode || null,
        differential: fields.differential,
        plan: fields.plan,
        ...(fields.disposition ? { disposition: fields.disposition } : {}),
        followUp: fields.followUp,
      },
    });
    if (!r.ok) {
      setStatus("");
      fail(r);
      if (r.fields?.diagnosis) diagnosisRef.current?.focus();
      return;
    }
    setStatus("Reply sent. Opening the next case…");
    await goNext();
  }, [busy, detail.id, fields, fail, goNext]);

  const requestInfo = useCallback(
    async (question: string) => {
      setBusy(true);
      setErrors({});
      const r = await api(`/api/v1/cases/${detail.id}/info-requests`, { method: "POST", body: { question } });
      if (!r.ok) {
        fail(r);
        setErrors({ question: firstMessages(r.fields).question ?? r.message });
        return;
      }
      setDialog(null);
      setStatus("Question sent to the clinic. Opening the next case…");
      await goNext();
    },
    [detail.id, fail, goNext],
  );

  const release = useCallback(async () => {
    setBusy(true);
    const r = await api(`/api/v1/cases/${detail.id}/release`, { method: "POST" });
    if (!r.ok) return fail(r);
    router.push("/specialist");
  }, [detail.id, fail, router]);

  const closeDialog = useCallback(() => setDialog(null), []);
  const openCompare = useCallback(() => {
    if (shown?.lesionId) setDialog("compare");
    else setStatus("This photo is not linked to a lesion, so there is nothing to compare. Link it to a lesion first.");
  }, [shown]);

  const insertTemplate = (t: ReplyTemplate) => {
    setFields((f) => ({ ...f, ...Object.fromEntries(Object.entries(t.fields).filter(([, v]) => typeof v === "string" && v !== "")) }));
    setDialog(null);
    setStatus(`Template "${t.name}" inserted`);
    setTimeout(() => diagnosisRef.current?.focus(), 0);
  };

  // Keyboard loop.
  useWindowKeys((e) => {
    lastActivity.current = Date.now();
    if (dialog) return; // the dialog handles its own keys (Esc closes it)
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
      return;
    }
    if (isTypingTarget(e.target)) {
      if (e.key === "Escape") (e.target as HTMLElement).blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const actions: Record<string, () => void> = {
      "?": () => setDialog("help"),
      t: () => setDialog("templates"),
      i: () => setDialog("info"),
      r: () => void release(),
      d: () => diagnosisRef.current?.focus(),
      c: openCompare,
    };
    const act = actions[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });

  // Heartbeat while the specialist is active, so a claim only expires when they have really left.
  // The first beat goes out when the case opens (the page render only reads).
  useEffect(() => {
    lastActivity.current = Date.now();
    const mark = () => (lastActivity.current = Date.now());
    window.addEventListener("pointerdown", mark);
    window.addEventListener("input", mark);
    const beat = async (background: boolean) => {
      const r = await api(`/api/v1/cases/${detail.id}/claim`, { method: "PATCH", background });
      if (!r.ok && r.code === "conflict") setClaimLost(true);
    };
    void beat(false);
    const id = setInterval(() => {
      if (Date.now() - lastActivity.current <= 2 * HEARTBEAT_MS) void beat(true);
    }, HEARTBEAT_MS);
    return () => {
      clearInterval(id);
      window.removeEventListener("pointerdown", mark);
      window.removeEventListener("input", mark);
    };
  }, [detail.id]);

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      {claimLost && (
        <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
          You no longer hold this case (the claim expired or it changed hands). Your draft is still here; copy what you need, then{" "}
          <button type="button" className="underline" onClick={() => void goNext()}>
            open the next case
          </button>
          .
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-12">
        <div className="space-y-4 lg:col-span-7">
          <PhotoViewer photos={detail.photos} shortcuts={dialog === null} onShow={setShown} />
          <CompareButton photo={shown} onOpen={openCompare} />
          {earlier}
        </div>
        <div className="space-y-4 lg:col-span-5">
          {summary}
          <section aria-labelledby="reply-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="reply-heading" className="mr-auto text-base font-semibold">
                Your reply
              </h2>
              <button type="button" onClick={() => setDialog("templates")} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm">
                Template <kbd className="text-xs">t</kbd>
              </button>
              <button type="button" onClick={() => setDialog("info")} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm">
                Request info <kbd className="text-xs">i</kbd>
              </button>
              <button type="button" onClick={() => void release()} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm">
                Release <kbd className="text-xs">r</kbd>
              </button>
              <button type="button" onClick={() => setDialog("help")} className="rounded-md border border-slate-300 px-2.5 py-1 text-sm" aria-label="Keyboard shortcuts (?)">
                ?
              </button>
            </div>
            {banner && (
              <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
                {banner}
              </p>
            )}
            <ReplyForm
              ref={diagnosisRef}
              fields={fields}
              errors={errors}
              busy={busy}
              onChange={(f) => setFields((prev) => ({ ...prev, ...f }))}
              onSubmit={() => void submit()}
            />
          </section>
        </div>
      </div>
      <ShortcutsOverlay open={dialog === "help"} onClose={() => setDialog(null)} />
      {shown?.lesionId && (
        <CompareDialog open={dialog === "compare"} lesionId={shown.lesionId} currentPhotoId={shown.id} currentCaseId={detail.id} onClose={closeDialog} />
      )}
      <TemplatePicker open={dialog === "templates"} templates={templates} onClose={() => setDialog(null)} onPick={insertTemplate} />
      <InfoRequestDialog open={dialog === "info"} busy={busy} error={errors.question} onClose={() => setDialog(null)} onSend={(q) => void requestInfo(q)} />
    </div>
  );
}
