"use client";
/**
 * The history step: every field of SPEC §3 under its contract name, grouped the way a clinician
 * tells the story (question, lesion, symptoms, background, consent). Errors sit beside fields.
 */
import { Checkbox } from "@/components/ui/checkbox";
import { RadioGroup } from "@/components/ui/radio-group";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { ABCDE_KEYS, EVOLUTIONS, ONSET_MAX, REFERRAL_QUESTION_MAX, REQUESTED_URGENCIES, SUN_EXPOSURES, SUSPECTED, SYMPTOM_KEYS, TEXT_MAX } from "@/lib/cases/history";
import { BodySitePicker } from "./body-site-picker";
import { fieldDomId } from "./field-names";
import type { HistoryForm } from "./history-form";
import { ABCDE_LABEL, CONSENT_BY_LABEL, EVOLUTION_LABEL, SUN_LABEL, SUSPECTED_LABEL, SYMPTOM_LABEL, URGENCY_LABEL } from "@/lib/vocabulary";

const opts = (values: readonly string[], labels: Record<string, string>) => values.map((v) => ({ value: v, label: labels[v] ?? v }));

const FACTS = [
  ["immunosuppressed", "Immunosuppressed (e.g. transplant, chemotherapy, biologics)"],
  ["pregnant", "Pregnant"],
  ["personalSkinCancer", "Personal history of skin cancer"],
  ["familySkinCancer", "Family history of skin cancer"],
] as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </section>
  );
}

export function StepHistory({ form, setForm, errors }: { form: HistoryForm; setForm: (update: (f: HistoryForm) => HistoryForm) => void; errors: Record<string, string> }) {
  const text = (k: "referralQuestion" | "onset" | "priorTreatments" | "medications" | "allergies" | "sizeMm") => ({
    name: k,
    value: form[k],
    error: errors[k],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  });
  const choose = (k: "suspected" | "requestedUrgency" | "evolution") => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <div className="space-y-6">
      <Section title="Your question">
        <div id={fieldDomId("referralQuestion")}>
          <TextareaField label="Referral question" hint="What would you like the dermatologist to answer?" maxLength={REFERRAL_QUESTION_MAX} rows={4} {...text("referralQuestion")} />
        </div>
        <RadioGroup id={fieldDomId("suspected")} legend="Suspected diagnosis" name="suspected" options={opts(SUSPECTED, SUSPECTED_LABEL)} value={form.suspected} onChange={choose("suspected")} error={errors.suspected} />
        <RadioGroup
          id={fieldDomId("requestedUrgency")}
          legend="Requested urgency"
          name="requestedUrgency"
          options={opts(REQUESTED_URGENCIES, URGENCY_LABEL)}
          value={form.requestedUrgency}
          onChange={choose("requestedUrgency")}
          error={errors.requestedUrgency}
        />
      </Section>

      <Section title="The lesion">
        <div className="grid gap-4 sm:grid-cols-2">
          <div id={fieldDomId("onset")}>
            <TextField label="Onset" hint="When it started: “3 months”, or a date" maxLength={ONSET_MAX} {...text("onset")} />
          </div>
          <div id={fieldDomId("sizeMm")}>
            <TextField label="Size in mm (optional)" inputMode="decimal" hint="Largest diameter" {...text("sizeMm")} />
          </div>
        </div>
        <RadioGroup id={fieldDomId("evolution")} legend="Evolution" name="evolution" options={opts(EVOLUTIONS, EVOLUTION_LABEL)} value={form.evolution} onChange={choose("evolution")} error={errors.evolution} />
        <Checkbox id={fieldDomId("multiple")} label="Multiple lesions" checked={form.multiple} onChange={(e) => setForm((f) => ({ ...f, multiple: e.target.checked }))} />
        <BodySitePicker id={fieldDomId("bodySites")} value={form.bodySites} onChange={(bodySites) => setForm((f) => ({ ...f, bodySites }))} error={errors.bodySites} />
      </Section>

      <Section title="Symptoms and features">
        <fieldset id={fieldDomId("symptoms")}>
          <legend className="text-sm font-medium text-slate-700">Symptoms</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {SYMPTOM_KEYS.map((k) => (
              <Checkbox key={k} label={SYMPTOM_LABEL[k]!} checked={form.symptoms[k]} onChange={(e) => setForm((f) => ({ ...f, symptoms: { ...f.symptoms, [k]: e.target.checked } }))} />
            ))}
          </div>
        </fieldset>
        <fieldset id={fieldDomId("abcde")}>
          <legend className="text-sm font-medium text-slate-700">ABCDE features (pigmented lesions)</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {ABCDE_KEYS.map((k) => (
              <Checkbox key={k} label={ABCDE_LABEL[k]!} checked={form.abcde[k]} onChange={(e) => setForm((f) => ({ ...f, abcde: { ...f.abcde, [k]: e.target.checked } }))} />
            ))}
          </div>
        </fieldset>
      </Section>

      <Section title="Background">
        <div className="grid gap-4 sm:grid-cols-3">
          <div id={fieldDomId("priorTreatments")}>
            <TextareaField label="Prior treatments" hint="Write “none” if none" maxLength={TEXT_MAX} rows={2} {...text("priorTreatments")} />
          </div>
          <div id={fieldDomId("medications")}>
            <TextareaField label="Medications" hint="Write “none” if none" maxLength={TEXT_MAX} rows={2} {...text("medications")} />
          </div>
          <div id={fieldDomId("allergies")}>
            <TextareaField label="Allergies" hint="Write “none” if none" maxLength={TEXT_MAX} rows={2} {...text("allergies")} />
          </div>
        </div>
        <div className="grid gap-2 sm:grid-cols-2">
          {FACTS.map(([k, label]) => (
            <Checkbox key={k} id={fieldDomId(k)} label={label} checked={form[k]} onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.checked }))} />
          ))}
        </div>
        <SelectField
          id={fieldDomId("sunExposure")}
          label="Sun exposure (optional)"
          options={opts(SUN_EXPOSURES, SUN_LABEL)}
          placeholder="Not recorded"
          value={form.sunExposure}
          onChange={(e) => setForm((f) => ({ ...f, sunExposure: e.target.value }))}
          error={errors.sunExposure}
          className="sm:max-w-xs"
        />
      </Section>

      <Section title="Consent">
        <div>
          <Checkbox
            id={fieldDomId("consent.given")}
            label="Consent was given to share this history and these photos with the dermatology service"
            checked={form.consentGiven}
            onChange={(e) => setForm((f) => ({ ...f, consentGiven: e.target.checked }))}
            aria-invalid={errors["consent.given"] ? true : undefined}
            aria-describedby={errors["consent.given"] ? "consent-given-error" : undefined}
          />
          {errors["consent.given"] && (
            <p id="consent-given-error" className="mt-1 text-sm text-red-700">
              {errors["consent.given"]}
            </p>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={fieldDomId("consent.by")}
            label="Consent given by"
            options={opts(["patient", "guardian"], CONSENT_BY_LABEL)}
            value={form.consentBy}
            onChange={(e) => setForm((f) => ({ ...f, consentBy: e.target.value }))}
            error={errors["consent.by"]}
          />
          <div id={fieldDomId("consent.at")}>
          <TextField
            label="Consent date and time"
            type="datetime-local"
            value={form.consentAt}
            onChange={(e) => setForm((f) => ({ ...f, consentAt: e.target.value }))}
            error={errors["consent.at"]}
          />
          </div>
        </div>
      </Section>
    </div>
  );
}
