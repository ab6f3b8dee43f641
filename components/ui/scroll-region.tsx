/**
 * A box that scrolls sideways when its table is wider than the screen (a phone). It takes the
 * keyboard focus and names itself, so a keyboard user can scroll it with the arrow keys and a
 * screen-reader user hears what it holds (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${className}`}>
      {children}
    </div>
  );
}
