/**
 * The printable sheet of calibration stickers (SPEC §15): A4, ArUco `ARUCO_MIP_36h12` markers whose
 * outer black square is exactly `sideMm`, each with its side and id printed under it, cut guides,
 * and a 50 mm check square so whoever prints it can confirm the printer did not scale the page
 * ("fit to page" is the usual culprit). Drawn with pdf-lib: pure JavaScript, no native build, runs
 * on Node 20, and draws vector rectangles at exact point sizes (1 mm = 72 / 25.4 pt).
 */
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { z } from "zod";
import { DICTIONARY_NAME, MARKER_BITS, MARKER_CELLS, MARKER_CODES } from "./dictionary";

const PT_PER_MM = 72 / 25.4;
const A4 = { w: 210, h: 297 };
const CHECK_MM = 50;

export const calibrationSheetQuery = z.strictObject({
  sideMm: z.coerce.number().min(10, "At least 10 mm").max(40, "At most 40 mm").optional(),
  firstId: z.coerce.number().int().min(0).max(MARKER_CODES.length - 1).optional(),
});

/** A4 PDF of stickers with a black square of `sideMm`, ids from `firstId`. */
export async function calibrationSheetPdf(sideMm: number, firstId = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`DermRelay calibration stickers ${sideMm.toFixed(1)} mm`);
  doc.setCreator("DermRelay");
  doc.setProducer("DermRelay");
  const page = doc.addPage([A4.w * PT_PER_MM, A4.h * PT_PER_MM]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // pdf-lib's origin is bottom-left; everything below is laid out in mm from the top-left.
  const mm = (v: number) => v * PT_PER_MM;
  const rect = (x: number, y: number, w: number, h: number, opts: Parameters<typeof page.drawRectangle>[0] = {}) =>
    page.drawRectangle({ x: mm(x), y: mm(A4.h - y - h), width: mm(w), height: mm(h), ...opts });
  const text = (s: string, x: number, y: number, size: number, f = font) => page.drawText(s, { x: mm(x), y: mm(A4.h - y) - size * 0.8, size, font: f, color: rgb(0, 0, 0) });

  const margin = 12;
  text("DermRelay calibration stickers", margin, margin, 14, bold);
  text(`${DICTIONARY_NAME} · black square ${sideMm.toFixed(1)} mm · print at 100 % ("actual size"), never "fit to page"`, margin, margin + 7, 8.5);
  text("Place one sticker flat on the skin beside the lesion for the close-up and dermoscopy photos; one sticker per patient, then discard.", margin, margin + 11.5, 8.5);

  // Check square: its printed side must be 50.0 mm.
  const checkTop = margin + 18;
  rect(margin, checkTop, CHECK_MM, CHECK_MM, { borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
  text(`Check: this square must measure ${CHECK_MM.toFixed(1)} mm on each side.`, margin + CHECK_MM + 5, checkTop + 4, 9, bold);
  text("If it does not, the printer scaled the page and the stickers are wrong:", margin + CHECK_MM + 5, checkTop + 10, 8.5);
  text("print again at 100 % and measure again before use.", margin + CHECK_MM + 5, checkTop + 14.5, 8.5);
  text(`Each sticker's black square is ${sideMm.toFixed(1)} mm; keep the white border when cutting.`, margin + CHECK_MM + 5, checkTop + 21, 8.5);

  // Sticker grid: white border of 1.5 cells around the square, label under it.
  const cell = sideMm / MARKER_CELLS;
  const border = Math.max(2.5, cell * 1.5);
  const labelH = 5;
  const w = sideMm + 2 * border, h = sideMm + 2 * border + labelH;
  const gridTop = checkTop + CHECK_MM + 8;
  const cols = Math.floor((A4.w - 2 * margin) / w);
  const rows = Math.floor((A4.h - gridTop - margin) / h);
  const x0 = (A4.w - cols * w) / 2;
  let id = firstId;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const code = MARKER_CODES[id % MARKER_CODES.length]!;
    const sx = x0 + c * w, sy = gridTop + r * h;
    rect(sx, sy, w, h, { borderColor: rgb(0.7, 0.7, 0.7), borderWidth: 0.3, borderDashArray: [2, 2] });
    const mx = sx + border, my = sy + border;
    rect(mx, my, sideMm, sideMm, { color: rgb(0, 0, 0) });
    // White bits as horizontal runs, a hair taller than a cell so viewers show no seams between rows.
    for (let by = 0; by < MARKER_BITS; by++) {
      for (let bx = 0; bx < MARKER_BITS; ) {
        if (code[by * MARKER_BITS + bx] !== 1) { bx++; continue; }
        let end = bx;
        while (end < MARKER_BITS && code[by * MARKER_BITS + end] === 1) end++;
        const below = by + 1 < MARKER_BITS && code[(by + 1) * MARKER_BITS + bx] === 1 ? 0.02 : 0;
        rect(mx + (bx + 1) * cell, my + (by + 1) * cell, (end - bx) * cell, cell + below, { color: rgb(1, 1, 1) });
        bx = end;
      }
    }
    text(`${sideMm.toFixed(1)} mm · id ${id % MARKER_CODES.length}`, mx, my + sideMm + 1.6, 6.5);
    id++;
  }
  return doc.save();
}
