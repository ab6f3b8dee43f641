/**
 * CSV for administrators' exports (RFC 4180: CRLF, quotes doubled). Cells that a spreadsheet would
 * run as a formula (leading = + - @ tab or CR) get a leading apostrophe, so an exported clinic name
 * or audit action can never execute in Excel. Numbers are written as they are.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: a header line, then one line per row. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** HTTP headers for a CSV download named `filename`. */
export function csvHeaders(filename: string): Record<string, string> {
  return { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` };
}

/** Whether the client asked for CSV: an explicit `format`, else an Accept header preferring text/csv. */
export function wantsCsv(req: Request, format?: string): boolean {
  if (format) return format === "csv";
  const accept = req.headers.get("accept") ?? "";
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

/** A CSV download response with the API's no-store headers. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, { headers: { ...csvHeaders(filename), "cache-control": "private, no-store", "x-content-type-options": "nosniff" } });
}
