"use client";
/**
 * "Which lesion is this?" under a finished photo (SPEC §15): the same lesion as one recorded
 * before (this referral or an earlier one), a new lesion (named here, at the photo's body site),
 * or none (an overview). Choosing an existing lesion saves at once; a new one (with its optional
 * body-map point) on its button.
 */
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { BodyMapPicker } from "@/components/lesions/body-map-picker";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { fieldError } from "@/components/api/client";
import type { LesionDto } from "@/lib/lesions/service";
import { siteLabel } from "../format";
import type { LesionChoice, useLesions } from "./use-lesions";

const NEW = "new";

type Props = {
  photoId: string;
  photoName: string;
  bodySite: string;
  initialLesionId: string | null;
  lesions: LesionDto[];
  link: ReturnType<typeof useLesions>["link"];
};

export function LesionLink({ photoId, photoName, bodySite, initialLesionId, lesions, link }: Props) {
  const id = useId();
  const [current, setCurrent] = useState<string>(initialLesionId ?? "");
  const [choice, setChoice] = useState<string>(initialLesionId ?? "");
  const [label, setLabel] = useState("");
  const [point, setPoint] = useState<{ x: number; y: number } | null>(null);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string; labelError?: string }>({ kind: "idle" });

  async function save(c: LesionChoice) {
    setState({ kind: "saving" });
    const r = await link(photoId, c);
    if (!r.ok) {
      setState({ kind: "error", message: r.message, labelError: fieldError(r, "newLesion.label") });
      return;
    }
    const linked = r.data.lesion?.id ?? "";
    setCurrent(linked);
    setChoice(linked);
    setLabel("");
    setPoint(null);
    setState({ kind: "saved" });
  }

  function onChoose(value: string) {
    setChoice(value);
    if (value === NEW) return setState({ kind: "idle" });
    if (value !== current) void save({ lesionId: value || null });
  }

  const options = [
    ...lesions.map((l) => ({ value: l.id, label: `Same lesion as ${l.label}, ${siteLabel(l.bodySite)}` })),
    { value: NEW, label: "New lesion" },
  ];
  const error = state.kind === "error" ? state : null;
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2">
      <SelectField
        label={`Lesion shown in ${photoName.toLowerCase()}`}
        value={choice}
        onChange={(e) => onChoose(e.target.value)}
        options={options}
        placeholder="Not linked (overview)"
        disabled={state.kind === "saving"}
        error={error && choice !== NEW ? error.message : undefined}
      />
      {choice === NEW && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ newLesion: { label, bodySite, bodyMapPoint: point } });
          }}
        >
          <TextField
            id={`${id}-label`}
            label={`Name of the new lesion (${siteLabel(bodySite)})`}
            hint="For example “mole left of the navel”"
            value={label}
            maxLength={80}
            onChange={(e) => setLabel(e.target.value)}
            error={error ? (error.labelError ?? error.message) : undefined}
          />
          <div className="basis-full">
            <BodyMapPicker value={point} onChange={setPoint} />
          </div>
          <Button type="submit" variant="secondary" disabled={state.kind === "saving"}>
            {state.kind === "saving" ? "Saving…" : "Save new lesion"}
          </Button>
        </form>
      )}
      <p aria-live="polite" className="text-xs text-slate-600">
        {state.kind === "saving" ? "Saving the lesion link…" : state.kind === "saved" ? (current ? "Linked to the lesion." : "Not linked to a lesion.") : ""}
      </p>
    </div>
  );
}
