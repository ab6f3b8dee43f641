/**
 * Anatomy attributes of an exported photo: the Anatomic Region Sequence coded in SNOMED CT
 * ("SCT", PS3.16) from the photo's body site, and Image Laterality.
 *
 * DermRelay does not record the side of a paired structure (lib/codes/body-sites.ts), so for a
 * paired site Image Laterality is sent empty — PS3.3 lets a Type 3 attribute be present without a
 * value, meaning "not known" — which also satisfies General Series Laterality's condition (it is
 * required only when no Image Laterality is sent). A midline site gets `U` (unpaired). Writing a
 * side we do not know, or `U` for an arm, would be false.
 */
import { bodySiteLabel } from "../codes/body-sites";

/** Body sites (SNOMED CT ids of the bundled list) that exist on both sides of the body. */
const PAIRED = new Set([
  // head and neck
  "16621002", "367577003", "41310005", "40069000", "27887005", "68598004", "36141000", "37108007",
  "1902009", "79313003", "2059009", "86719006", "24483006", "244097004",
  // trunk and perineum
  "82038008", "54468004", "76261009", "22180002", "39687006", "128252004",
  // upper limb
  "371311000", "16982005", "40983000", "181536004", "17957002", "14975008", "52876008", "24527008",
  "33712006", "281642007", "70887009", "244169007", "770809003",
  // lower limb
  "371304004", "29836001", "68367000", "72696002", "84507004", "30021000", "25763004", "47224004",
  "181564009", "181563003", "60496002", "57999000", "84607009", "52034004", "770805009", "770822006",
]);

/** Whether the body site is a paired structure (side unknown to DermRelay). */
export const isPairedSite = (code: string) => PAIRED.has(code);

/** `U` for a midline site; empty (present, no value: side not known) for a paired one. */
export const imageLaterality = (code: string): "U" | "" => (isPairedSite(code) ? "" : "U");

/** One item of the Anatomic Region Sequence for the body site `code`. */
export function anatomicRegionItem(code: string): Record<string, string> {
  // CodeValue is SH (16 characters); longer SNOMED ids go in LongCodeValue (PS3.3 §8.8).
  const value: Record<string, string> = code.length <= 16 ? { CodeValue: code } : { LongCodeValue: code };
  return { ...value, CodingSchemeDesignator: "SCT", CodeMeaning: (bodySiteLabel(code) ?? "Skin").slice(0, 64) };
}
