/** Keyboard helpers shared by the review screens: single-key shortcuts never fire while typing. */

/** True when the event target takes text input (so "j" types a j instead of changing photo). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["button", "submit", "checkbox", "radio", "reset", "range"].includes(type);
}

/** True when the focused element uses the arrow keys itself (a slider, a radio group, a scrolling table). */
export function usesArrowKeys(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return target.type === "range" || target.type === "radio";
  return target instanceof HTMLElement && target.getAttribute("role") === "region";
}

/** The shortcuts of the batch review screen, as listed by the `?` overlay. */
export const REVIEW_SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "j / k", action: "Next / previous photo" },
  { keys: "+ / −", action: "Zoom in / out" },
  { keys: "0", action: "Reset zoom and position" },
  { keys: "Arrow keys", action: "Pan a zoomed photo" },
  { keys: "f", action: "Full screen photo" },
  { keys: "m / o", action: "Ruler / outline on the photo (arrows move, Enter places a point)" },
  { keys: "c", action: "Compare this photo's lesion across referrals" },
  { keys: "Shift + arrows, [ / ], { / }", action: "In Compare: move, turn, resize (photos without a scale) the right photo" },
  { keys: "d", action: "Go to the diagnosis field" },
  { keys: "t", action: "Insert a template (then 1–9)" },
  { keys: "i", action: "Request information from the clinic" },
  { keys: "r", action: "Release the case back to the queue" },
  { keys: "Ctrl + Enter", action: "Send the reply and open the next case" },
  { keys: "Esc", action: "Leave a field or close a dialog" },
  { keys: "?", action: "Show or hide this list" },
];
