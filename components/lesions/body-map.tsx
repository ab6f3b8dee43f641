/**
 * The body map of a lesion (SPEC §15): a simple front-view outline drawn here (no image asset),
 * on which a lesion's optional point `{x, y}` (0..1 of the map's width and height) is shown. The
 * wizard's picker draws on the same outline, so a point means the same place in both.
 */
export const MAP_W = 100;
export const MAP_H = 200;

/** The outline's shapes, in a 100 × 200 box (the patient's right is the viewer's left). */
export function BodyOutline() {
  return (
    <g fill="#f1f5f9" stroke="#64748b" strokeWidth={1} strokeLinejoin="round">
      <circle cx={50} cy={16} r={11} />
      <path d="M45 26h10v7h-10z" />
      <path d="M33 33Q50 30 67 33L66 96Q50 100 34 96Z" />
      <path d="M33 34L23 40L14 101L20 103L29 55Z" />
      <path d="M67 34L77 40L86 101L80 103L71 55Z" />
      <path d="M34 96L49 97L47 192L38 192Z" />
      <path d="M51 97L66 96L62 192L53 192Z" />
    </g>
  );
}

/** A marker at `point` on the map. */
export function MapMarker({ point }: { point: { x: number; y: number } }) {
  return <circle cx={point.x * MAP_W} cy={point.y * MAP_H} r={4} fill="#dc2626" stroke="#fff" strokeWidth={1.5} />;
}

/** Where the lesion is on the body, small, as an image with a text alternative. */
export function BodyMapPoint({ point, label }: { point: { x: number; y: number }; label: string }) {
  return (
    <svg viewBox={`0 0 ${MAP_W} ${MAP_H}`} className="h-20 w-10 shrink-0" role="img" aria-label={`Body map: ${label} marked at ${Math.round(point.x * 100)} % across, ${Math.round(point.y * 100)} % down`}>
      <BodyOutline />
      <MapMarker point={point} />
    </svg>
  );
}
