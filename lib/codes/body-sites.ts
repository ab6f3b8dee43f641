/**
 * Bundled subset of SNOMED CT body structures offered by the body-site picker and accepted in
 * `history.bodySites` and photo tags (SPEC §3). Bundled rather than fetched so validation never
 * depends on a terminology server.
 *
 * Sources and choices:
 * - Most concepts are the "Skin of …" structures that DICOM PS3.16 CID 4029 (Dermatology Anatomic
 *   Site) selects for dermatology; where CID 4029 has no general skin concept for a limb segment
 *   (shoulder, upper arm, forearm, hip, thigh, knee, lower leg, sole) the regional body structure
 *   is used instead (e.g. 40983000 "Upper arm structure").
 * - Laterality is not pre-coordinated: as in DICOM, a site names the structure and the side is a
 *   separate qualifier. DermRelay does not code the side; the referrer states it in the referral
 *   question and the photos show it.
 * - Labels are plain clinical English for the picker; the SNOMED preferred term is in the comment.
 * - Ordered by region (head to toe), then as a clinician scans the body.
 */

/** Picker groups, head to toe. */
export const BODY_REGIONS = ["head_neck", "trunk", "genital_perineal", "upper_limb", "lower_limb", "general"] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

/** One selectable body site: a SNOMED CT concept id and its display label. */
export interface BodySite {
  readonly code: string;
  readonly label: string;
  readonly region: BodyRegion;
}

const site = (code: string, label: string, region: BodyRegion): BodySite => ({ code, label, region });

/** The bundled body-site list (SNOMED CT concept ids), ordered by region. */
export const BODY_SITES: readonly BodySite[] = [
  // Head and neck
  site("43067004", "Scalp", "head_neck"), // Skin of scalp
  site("79951008", "Scalp, occipital (back of head)", "head_neck"), // Skin of occipital region
  site("16621002", "Temple", "head_neck"), // Skin of temporal region
  site("73897004", "Face", "head_neck"), // Skin of face
  site("68698007", "Forehead", "head_neck"), // Skin of forehead
  site("367577003", "Eyebrow", "head_neck"), // Skin of eyebrow
  site("41310005", "Upper eyelid", "head_neck"), // Skin of upper eyelid
  site("40069000", "Lower eyelid", "head_neck"), // Skin of lower eyelid
  site("27887005", "Inner corner of eye (medial canthus)", "head_neck"), // Skin of medial canthus
  site("113179006", "Nose", "head_neck"), // Skin of nose
  site("79283007", "Nose, tip", "head_neck"), // Skin of tip of nose
  site("68598004", "Nose, ala (side of nostril)", "head_neck"), // Skin of ala nasi
  site("36141000", "Cheek", "head_neck"), // Skin of cheek
  site("37108007", "Nasolabial fold", "head_neck"), // Skin of nasolabial fold
  site("88089004", "Lip", "head_neck"), // Skin of lip
  site("16251004", "Upper lip", "head_neck"), // Skin of upper lip
  site("66934001", "Lower lip", "head_neck"), // Skin of lower lip
  site("113277000", "Mouth, oral mucosa", "head_neck"), // Oral mucosa
  site("23747009", "Chin", "head_neck"), // Skin of chin
  site("244097004", "Jawline", "head_neck"), // Skin of jawline
  site("1902009", "Ear", "head_neck"), // Skin of ear
  site("79313003", "Ear, helix (rim)", "head_neck"), // Skin of helix of ear
  site("2059009", "Ear lobe", "head_neck"), // Skin of ear lobule
  site("86719006", "In front of the ear (preauricular)", "head_neck"), // Skin of preauricular region
  site("24483006", "Behind the ear (postauricular)", "head_neck"), // Skin of postauricular region
  site("43081002", "Neck", "head_neck"), // Skin of neck
  // Trunk
  site("244106003", "Chest", "trunk"), // Skin of anterior surface of thorax
  site("244107007", "Chest, over the sternum", "trunk"), // Sternal skin
  site("82038008", "Breast", "trunk"), // Skin of breast
  site("54468004", "Nipple", "trunk"), // Skin of nipple
  site("76261009", "Armpit (axilla)", "trunk"), // Skin of axilla
  site("75093004", "Abdomen", "trunk"), // Skin of abdomen
  site("315003", "Umbilicus", "trunk"), // Skin of umbilicus
  site("66643007", "Back", "trunk"), // Skin of back
  site("699893008", "Upper back", "trunk"), // Skin of back of upper thoracic region
  site("113182001", "Lower back", "trunk"), // Skin of lower back
  site("22180002", "Buttock", "trunk"), // Skin of buttock
  site("39687006", "Groin (inguinal region)", "trunk"), // Skin of inguinal region
  // Genital and perineal
  site("60944009", "Genitals (external genitalia)", "genital_perineal"), // Skin of external genitalia
  site("35900000", "Penis", "genital_perineal"), // Skin of penis
  site("81992007", "Scrotum", "genital_perineal"), // Skin of scrotum
  site("128252004", "Vulva, labium majus", "genital_perineal"), // Skin of labium majus
  site("48014002", "Perineum", "genital_perineal"), // Skin of perineum
  site("59112000", "Perianal skin", "genital_perineal"), // Skin of anus
  // Upper limb
  site("371311000", "Arm (upper limb)", "upper_limb"), // Skin of upper extremity
  site("16982005", "Shoulder", "upper_limb"), // Shoulder region structure
  site("40983000", "Upper arm", "upper_limb"), // Upper arm structure
  site("181536004", "Elbow, back", "upper_limb"), // Skin of posterior surface of elbow
  site("17957002", "Elbow, inner fold (antecubital fossa)", "upper_limb"), // Skin of antecubital fossa
  site("14975008", "Forearm", "upper_limb"), // Forearm structure
  site("52876008", "Wrist, back", "upper_limb"), // Skin of dorsal area of wrist
  site("24527008", "Wrist, palm side", "upper_limb"), // Skin of palmar area of wrist
  site("33712006", "Hand", "upper_limb"), // Skin of hand
  site("281642007", "Hand, back (dorsum)", "upper_limb"), // Skin of part of dorsal surface of hand
  site("70887009", "Palm", "upper_limb"), // Skin of palm of hand
  site("244169007", "Finger or thumb", "upper_limb"), // Skin of digit of hand
  site("770809003", "Fingernail (nail unit of finger)", "upper_limb"), // Nail unit of finger
  // Lower limb
  site("371304004", "Leg (lower limb)", "lower_limb"), // Skin of lower extremity
  site("29836001", "Hip", "lower_limb"), // Hip region structure
  site("68367000", "Thigh", "lower_limb"), // Thigh structure
  site("72696002", "Knee", "lower_limb"), // Knee region structure
  site("84507004", "Back of knee (popliteal fossa)", "lower_limb"), // Skin of popliteal fossa
  site("30021000", "Lower leg", "lower_limb"), // Lower leg structure
  site("25763004", "Shin", "lower_limb"), // Skin of anterior surface of lower leg
  site("47224004", "Calf", "lower_limb"), // Skin of posterior surface of lower leg
  site("181564009", "Ankle, outer side", "lower_limb"), // Skin of lateral aspect of ankle
  site("181563003", "Ankle, inner side", "lower_limb"), // Skin of medial aspect of ankle
  site("60496002", "Foot", "lower_limb"), // Skin of foot
  site("57999000", "Sole of foot", "lower_limb"), // Structure of sole of foot
  site("84607009", "Heel", "lower_limb"), // Skin of heel
  site("52034004", "Toe", "lower_limb"), // Skin of toe
  site("770805009", "Toenail (nail unit of toe)", "lower_limb"), // Nail unit of toe
  site("770822006", "Great toenail", "lower_limb"), // Nail unit of great toe
  // General
  site("39937001", "Skin, widespread or site not listed", "general"), // Skin
  site("386045008", "Hair", "general"), // Hair
];

const BY_CODE: ReadonlyMap<string, BodySite> = new Map(BODY_SITES.map((s) => [s.code, s]));

/** True when `code` is one of the bundled body-site SNOMED CT concept ids. */
export function isBodySiteCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The display label of a bundled body site, or `undefined` for an unknown code. */
export function bodySiteLabel(code: string): string | undefined {
  return BY_CODE.get(code)?.label;
}
