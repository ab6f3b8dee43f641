/** Answering a CSV download: content negotiation and the headers of the file (encoding: lib/csv.ts). */

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
