/** axe-core over a page with the suite's WCAG tags; the serious and critical violations, readable. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** One line per blocking violation: rule, impact, nodes, help and its link. `include` narrows to a selector. */
export async function blockingViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ")} — ${v.helpUrl}`);
}
