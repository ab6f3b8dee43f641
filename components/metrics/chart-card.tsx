/**
 * A dashboard section: heading, one-line description, the chart (an image to assistive
 * technology, labelled by its summary) and the same numbers as a table under it.
 */
import { ScrollRegion } from "@/components/ui/scroll-region";
export function ChartCard({
  id,
  title,
  description,
  summary,
  chart,
  table,
  actions,
}: {
  id: string;
  title: string;
  description: string;
  /** One sentence a screen reader announces for the chart. */
  summary: string;
  chart: React.ReactNode;
  table: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      <p className="mt-1 text-sm text-slate-600">{description}</p>
      <figure className="mt-3" data-testid={`chart-${id}`}>
        <div role="img" aria-label={summary}>
          {chart}
        </div>
        <figcaption className="sr-only">{summary}</figcaption>
      </figure>
      <ScrollRegion label={`${title}: table`} className="mt-4">{table}</ScrollRegion>
    </section>
  );
}

export type Column<T> = { header: string; cell: (row: T) => React.ReactNode; numeric?: boolean };

/** A compact data table with a caption (visually hidden when the section title says it all). */
export function DataTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  if (rows.length === 0) return null;
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-600">
          {columns.map((c) => (
            <th key={c.header} scope="col" className={`px-2 py-1.5 font-medium ${c.numeric ? "text-right" : ""}`}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className="border-b border-slate-100 last:border-0">
            {columns.map((c, i) =>
              i === 0 ? (
                <th key={c.header} scope="row" className="whitespace-nowrap px-2 py-1.5 text-left font-normal">
                  {c.cell(r)}
                </th>
              ) : (
                <td key={c.header} className={`px-2 py-1.5 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                  {c.cell(r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Numbers as the dashboard shows them: "—" for no data. */
export function fmt(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined) return "—";
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`;
}
