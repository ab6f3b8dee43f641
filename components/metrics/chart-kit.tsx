"use client";
/**
 * Shared pieces of the dashboard charts. Every series differs by more than colour — fill pattern,
 * line dash and marker shape — and carries a text label, so the charts read in greyscale and for
 * colour-blind users; each chart also has its data table beneath it.
 */
export const INK = { primary: "#115e59", secondary: "#0369a1", tertiary: "#7c2d12", quaternary: "#4338ca", grid: "#cbd5e1", text: "#334155" };

/** SVG fill patterns: solid, diagonal hatch, dots, cross-hatch. Place inside a chart. */
export function ChartPatterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#e0f2fe" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={INK.secondary} strokeWidth="3" />
      </pattern>
      <pattern id={`${id}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#ffedd5" />
        <circle cx="3" cy="3" r="1.6" fill={INK.tertiary} />
      </pattern>
      <pattern id={`${id}-cross`} width="7" height="7" patternUnits="userSpaceOnUse">
        <rect width="7" height="7" fill="#e0e7ff" />
        <path d="M0 0L7 7M7 0L0 7" stroke={INK.quaternary} strokeWidth="1.4" />
      </pattern>
    </defs>
  );
}

/** Fills in the order series use them. */
export const fills = (id: string) => [INK.primary, `url(#${id}-hatch)`, `url(#${id}-dots)`, `url(#${id}-cross)`];
export const strokes = [INK.primary, INK.secondary, INK.tertiary, INK.quaternary];

export const axisProps = { stroke: INK.text, tick: { fill: INK.text, fontSize: 12 } } as const;

/** Shown in place of a chart when there is nothing to draw. */
export function EmptyChart({ message }: { message: string }) {
  return (
    <div className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 text-center text-sm text-slate-600">
      {message}
    </div>
  );
}
