/**
 * The PDF reply letter (SPEC §12): what a clinician files in the EHR or hands to the patient —
 * clinic, patient, the question, the coded diagnosis, plan, disposition, follow-up, who replied
 * and when, and thumbnails of the photos. Rendered with pdf-lib (pure JS, Node 20) and the
 * standard Helvetica fonts, so no font files ship. Three entry points:
 * - `replyLetterForActor`: the authorized, audited download (`GET /api/v1/cases/{id}/letter.pdf`);
 * - `renderCaseLetter`: system use with no actor (FHIR presentedForm, EHR write-back in the
 *   worker) — its callers authorize and audit;
 * - `renderReplyLetter`: pure rendering of already loaded data.
 */
import { and, eq, isNull } from "drizzle-orm";
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import type { Db } from "../db/client";
import { cases, clinics, consultations, patients, photos, users } from "../db/schema";
import type { Disposition, PhotoView } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { getCase } from "../cases/read";
import { bodySiteLabel } from "../codes/body-sites";
import { diagnosisLabel } from "../codes/diagnosis-codes";
import { DISPOSITION_LABEL, VIEW_LABEL } from "../vocabulary";
import { Conflict, NotFound } from "../errors";
import { photoObjectKey, photoStore } from "../photos/store";

/** Everything the letter prints. */
export type ReplyLetterData = {
  caseId: string;
  clinicName: string;
  patient: { givenName: string; familyName: string; birthDate: string; sex: string; mrn: string };
  submittedAt: Date | null;
  referralQuestion: string | null;
  bodySites: string[];
  consultation: {
    diagnosis: string;
    diagnosisCode: string | null;
    differential: string | null;
    plan: string;
    disposition: Disposition;
    followUp: string | null;
    specialistName: string;
    at: Date;
  };
  thumbnails: { view: PhotoView; bodySite: string; jpeg: Uint8Array }[];
};

/** Load the letter's data for an answered or closed case (no authorization: callers do it). */
export async function loadReplyLetterData(db: Db, caseId: string): Promise<ReplyLetterData> {
  const [row] = await db
    .select({ c: cases, clinicName: clinics.name, p: patients })
    .from(cases)
    .innerJoin(clinics, eq(clinics.id, cases.clinicId))
    .innerJoin(patients, eq(patients.id, cases.patientId))
    .where(eq(cases.id, caseId));
  if (!row) throw NotFound("Case not found");
  const [reply] = await db
    .select({ k: consultations, specialistName: users.name })
    .from(consultations)
    .innerJoin(users, eq(users.id, consultations.specialistId))
    .where(eq(consultations.caseId, caseId));
  if (!reply) throw Conflict("The case has no reply yet, so there is no letter");
  const ready = await db
    .select({ id: photos.id, view: photos.view, bodySite: photos.bodySite })
    .from(photos)
    .where(and(eq(photos.caseId, caseId), eq(photos.status, "ready"), isNull(photos.deletedAt)))
    .orderBy(photos.createdAt, photos.id);
  const store = photoStore();
  const thumbnails = await Promise.all(
    ready.map(async (p) => ({ view: p.view, bodySite: p.bodySite, jpeg: new Uint8Array(await store.getObject(photoObjectKey(p.id, "thumb"))) })),
  );
  const history = row.c.history as { referralQuestion?: string; bodySites?: string[] };
  return {
    caseId,
    clinicName: row.clinicName,
    patient: { givenName: row.p.givenName, familyName: row.p.familyName, birthDate: row.p.birthDate, sex: row.p.sex, mrn: row.p.mrn },
    submittedAt: row.c.submittedAt,
    referralQuestion: history.referralQuestion ?? null,
    bodySites: history.bodySites ?? [],
    consultation: { ...reply.k, specialistName: reply.specialistName, at: reply.k.createdAt },
    thumbnails,
  };
}

/** The letter of an answered or closed case, as PDF bytes (system use; see header). */
export async function renderCaseLetter(db: Db, caseId: string): Promise<Uint8Array> {
  return renderReplyLetter(await loadReplyLetterData(db, caseId));
}

/** The letter for a permitted viewer of the case: 404 (audited) otherwise, 409 before a reply. */
export async function replyLetterForActor(db: Db, ctx: RequestContext, caseId: string): Promise<Uint8Array> {
  const c = await getCase(db, ctx, caseId);
  if (!c.consultation) throw Conflict("The case has no reply yet, so there is no letter");
  const pdf = await renderCaseLetter(db, c.id);
  await audit(db, ctx, { action: "case.letter", resourceType: "case", resourceId: c.id, patientId: c.patient.id });
  return pdf;
}

// ---- rendering ----

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.38, 0.42, 0.48);
const RULE = rgb(0.8, 0.83, 0.87);
const THUMB = 112;

/** Helvetica speaks WinAnsi only: fold accents, drop what it cannot print. */
export function printable(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\r\n?/g, "\n")
    .replace(/[^\n\x20-\x7e\xa0-\xff]/g, "?");
}

const formatDate = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }).format(d);

class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
  ensure(height: number) {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = A4.height - MARGIN;
    }
  }
  lines(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const para of printable(text).split("\n")) {
      let line = "";
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) <= width) line = next;
        else {
          if (line) out.push(line);
          line = word;
          while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
            let cut = line.length - 1;
            while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
            out.push(line.slice(0, cut));
            line = line.slice(cut);
          }
        }
      }
      out.push(line);
    }
    return out;
  }
  text(text: string, opts: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number; gap?: number } = {}) {
    const size = opts.size ?? 10.5;
    const font = opts.bold ? this.bold : this.regular;
    const x = MARGIN + (opts.indent ?? 0);
    for (const line of this.lines(text, font, size, A4.width - MARGIN - x)) {
      this.ensure(size * 1.4);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: opts.color ?? INK });
      this.y -= size * 1.4;
    }
    this.y -= opts.gap ?? 0;
  }
  field(label: string, value: string | null) {
    if (!value) return;
    this.ensure(30);
    this.text(label.toUpperCase(), { size: 8, bold: true, color: MUTED });
    this.text(value, { gap: 6 });
  }
  rule() {
    this.ensure(12);
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 4 }, end: { x: A4.width - MARGIN, y: this.y - 4 }, thickness: 0.7, color: RULE });
    this.y -= 14;
  }
  heading(text: string) {
    this.ensure(40);
    this.y -= 6;
    this.text(text, { size: 13, bold: true, gap: 4 });
  }
}

/** Render the letter. Pure: the same data gives the same document apart from the creation date. */
export async function renderReplyLetter(data: ReplyLetterData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle("Teledermatology reply");
  doc.setCreator("DermRelay");
  doc.setProducer("DermRelay");
  doc.setCreationDate(data.consultation.at);
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const k = data.consultation;
  const p = data.patient;

  w.text("DermRelay teledermatology", { size: 9, bold: true, color: MUTED });
  w.text("Reply to your referral", { size: 20, bold: true, gap: 2 });
  w.text(`To: ${data.clinicName}`, { color: MUTED, gap: 2 });
  w.rule();

  w.field("Patient", `${p.familyName}, ${p.givenName}  -  born ${p.birthDate}  -  ${p.sex}  -  MRN ${p.mrn}`);
  w.field("Referred", data.submittedAt ? formatDate(data.submittedAt) : null);
  w.field("Referral question", data.referralQuestion);
  w.field("Body sites", data.bodySites.map((c) => bodySiteLabel(c) ?? c).join(", ") || null);

  w.heading("Dermatologist's reply");
  const coded = k.diagnosisCode ? `${k.diagnosisCode} ${diagnosisLabel(k.diagnosisCode) ?? ""}`.trim() : null;
  w.field("Diagnosis", k.diagnosis);
  w.field("Coded diagnosis (ICD-10-CM)", coded);
  w.field("Differential", k.differential);
  w.field("Plan", k.plan);
  w.field("Disposition", DISPOSITION_LABEL[k.disposition]);
  w.field("Follow-up", k.followUp);
  w.field("Replied by", `${k.specialistName}, ${formatDate(k.at)}`);

  if (data.thumbnails.length > 0) {
    w.heading("Photos");
    const perRow = Math.floor((A4.width - 2 * MARGIN + 12) / (THUMB + 12));
    for (let i = 0; i < data.thumbnails.length; i += perRow) {
      const row = data.thumbnails.slice(i, i + perRow);
      const images = await Promise.all(row.map((t) => doc.embedJpg(t.jpeg)));
      const heights = images.map((img) => img.scaleToFit(THUMB, THUMB).height);
      const rowHeight = Math.max(...heights) + 24;
      w.ensure(rowHeight);
      images.forEach((img, j) => {
        const size = img.scaleToFit(THUMB, THUMB);
        const x = MARGIN + j * (THUMB + 12);
        w.page.drawImage(img, { x, y: w.y - size.height, width: size.width, height: size.height });
        const t = row[j]!;
        const caption = printable(`${VIEW_LABEL[t.view]} - ${bodySiteLabel(t.bodySite) ?? t.bodySite}`);
        w.page.drawText(caption.slice(0, 34), { x, y: w.y - size.height - 12, size: 8, font: w.regular, color: MUTED });
      });
      w.y -= rowHeight;
    }
  }
  w.rule();
  w.text(`DermRelay case reference ${data.caseId}. This reply is based on the history and photos sent; it is not an in-person examination.`, {
    size: 8,
    color: MUTED,
  });
  return doc.save();
}
