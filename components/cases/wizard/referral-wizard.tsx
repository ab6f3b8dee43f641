"use client";
/**
 * The referral wizard (SPEC §6 Clinic): Patient → History → Photos → Review & submit. Choosing
 * the patient creates the draft and moves to /clinic/cases/{id}/edit, so every later change is
 * saved on the server (PATCH on each step change and on "Save draft") and can be resumed.
 */
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { api, firstMessages } from "@/components/api/client";
import type { CaseDetail } from "@/lib/cases/detail";
import type { Patient } from "../types";
import { describeField, type Requirement, type StepId } from "./field-names";
import { formFromHistory, historyErrorKey, localErrors, toDraftHistory, type HistoryForm } from "./history-form";
import { StepHistory } from "./step-history";
import { StepNav, STEPS } from "./step-nav";
import { StepPatient } from "./step-patient";
import { StepPhotos } from "./step-photos";
import { StepReview } from "./step-review";
import { usePhotos } from "./use-photos";

/** `userId` is the signed-in referrer: photos kept on this device while offline are theirs only. */
type Props = { initialCase: CaseDetail | null; initialStep: StepId; userId: string; preselected?: Patient | null };

export function ReferralWizard({ initialCase, initialStep, userId, preselected = null }: Props) {
  const router = useRouter();
  const caseId = initialCase?.id ?? null;
  const [patient, setPatient] = useState<Patient | null>(initialCase?.patient ?? null);
  const [step, setStep] = useState<StepId>(caseId ? initialStep : "patient");
  const [form, setFormState] = useState<HistoryForm>(() => formFromHistory(initialCase?.history ?? {}));
  const draft = useMemo(() => toDraftHistory(form), [form]);
  const saved = useRef<string>(JSON.stringify(draft));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" | "error"; message?: string }>({ kind: "idle" });
  const [missing, setMissing] = useState<Requirement[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const focusId = useRef<string | null>(null);
  const [nav, setNav] = useState(0);
  const photos = usePhotos(caseId, initialCase?.photos ?? [], userId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(false);

  const setForm = (update: (f: HistoryForm) => HistoryForm) => setFormState(update);

  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const wanted = focusId.current;
    focusId.current = null;
    if (!wanted) {
      headingRef.current?.focus();
      return;
    }
    const el = document.getElementById(wanted);
    const target = el?.matches("input,textarea,select") ? el : (el?.querySelector<HTMLElement>("input,textarea,select") ?? el);
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  }, [nav]);

  async function choosePatient(p: Patient) {
    setStatus({ kind: "saving", message: "Starting the referral…" });
    if (!caseId) {
      const created = await api<{ id: string }>("/api/v1/cases", { method: "POST", body: { patientId: p.id, history: draft } });
      if (!created.ok) return setStatus({ kind: "error", message: created.message });
      router.replace(`/clinic/cases/${created.data.id}/edit?step=history`);
      return;
    }
    const changed = await api(`/api/v1/cases/${caseId}`, { method: "PATCH", body: { patientId: p.id } });
    if (!changed.ok) return setStatus({ kind: "error", message: changed.message });
    setPatient(p);
    setStatus({ kind: "saved", message: "Patient changed" });
    move("history");
  }

  /** Save the history if it changed; false when there are errors to fix first. */
  async function save(): Promise<boolean> {
    if (!caseId) return true;
    const local = localErrors(form);
    if (Object.keys(local).length) {
      setErrors(local);
      setStatus({ kind: "error", message: "Please correct the marked fields." });
      return false;
    }
    const body = JSON.stringify(draft);
    if (body === saved.current) return true;
    setStatus({ kind: "saving", message: "Saving draft…" });
    const r = await api(`/api/v1/cases/${caseId}`, { method: "PATCH", body: { history: draft } });
    if (r.ok) {
      saved.current = body;
      setErrors({});
      setStatus({ kind: "saved", message: `Draft saved at ${new Date().toLocaleTimeString()}` });
      return true;
    }
    if (r.code === "invalid") {
      const next: Record<string, string> = {};
      for (const [path, message] of Object.entries(firstMessages(r.fields))) next[historyErrorKey(path)] ??= message;
      setErrors(next);
    }
    setStatus({ kind: "error", message: r.code === "invalid" ? "Please correct the marked fields." : r.message });
    return false;
  }

  function move(next: StepId, focus?: string) {
    focusId.current = focus ?? null;
    setStep(next);
    setNav((n) => n + 1);
    if (caseId) window.history.replaceState(null, "", `/clinic/cases/${caseId}/edit?step=${next}`);
  }

  async function goTo(next: StepId, focus?: string) {
    if (next === step && !focus) return;
    if (step === "history" && !(await save())) return;
    if (next === "review") setMissing([]);
    move(next, focus);
  }

  async function submit() {
    if (!caseId) return;
    if (!(await save())) return move("history");
    setSubmitting(true);
    setMissing([]);
    const r = await api(`/api/v1/cases/${caseId}/submit`, { method: "POST" });
    if (r.ok) return router.push(`/clinic/cases/${caseId}`);
    setSubmitting(false);
    const fields = firstMessages(r.fields);
    if (r.code === "invalid" && Object.keys(fields).length) {
      setMissing(Object.entries(fields).map(([path, message]) => describeField(path, message)));
      setStatus({ kind: "idle" });
    } else setStatus({ kind: "error", message: r.message });
  }

  const index = STEPS.findIndex((s) => s.id === step);
  const title = STEPS[index]!.label;
  return (
    <div className="space-y-6">
      <StepNav current={step} enabled={!!caseId} onGo={(s) => void goTo(s)} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          {title}
        </h2>
        <p role="status" aria-live="polite" className={`text-sm ${status.kind === "error" ? "text-red-700" : "text-slate-600"}`}>
          {status.message ?? (caseId ? "Draft saved on the server; you can come back to it later." : "")}
        </p>
      </div>
      {step === "patient" && <StepPatient current={patient ?? preselected} busy={status.kind === "saving"} onChoose={choosePatient} />}
      {step === "patient" && !caseId && preselected && (
        <Button type="button" onClick={() => void choosePatient(preselected)} disabled={status.kind === "saving"}>
          Start referral for this patient
        </Button>
      )}
      {step === "history" && <StepHistory form={form} setForm={setForm} errors={errors} />}
      {step === "photos" && <StepPhotos photos={photos} chosenSites={form.bodySites} patientId={patient?.id ?? null} />}
      {step === "review" && caseId && (
        <StepReview
          caseId={caseId}
          patient={patient}
          history={draft}
          photos={photos.items}
          missing={missing}
          submitting={submitting}
          onSubmit={() => void submit()}
          onGoTo={(r) => void goTo(r.step, r.targetId)}
        />
      )}
      {caseId && (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
          {index > 0 && (
            <Button type="button" variant="secondary" onClick={() => void goTo(STEPS[index - 1]!.id)}>
              Back
            </Button>
          )}
          {step === "history" && (
            <Button type="button" variant="secondary" onClick={() => void save()}>
              Save draft
            </Button>
          )}
          {index < STEPS.length - 1 && (
            <Button type="button" className="ml-auto" onClick={() => void goTo(STEPS[index + 1]!.id)}>
              Next: {STEPS[index + 1]!.label}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
