/**
 * The SQL twin of `slaState()` (./rules.ts), kept out of rules.ts so the browser's countdown, which
 * imports the rules, does not bundle the SQL builder.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SlaState } from "../db/schema/enums";

const state = (s: SlaState): SQL => sql.raw(`'${s}'`);

/**
 * `slaState()` as one SQL expression (a `sla_state` value) over timestamptz expressions, for the
 * sweeper's single UPDATE: the same comparisons in the same order — breached strictly after the
 * deadline, at risk from `atRiskFraction` of the window on. tests/integration/rules-in-sql.test.ts
 * evaluates both over the boundaries and proves they agree.
 */
export function slaStateSql(now: SQL, submittedAt: SQL, deadline: SQL, atRiskFraction: number): SQL {
  const fraction = sql`${atRiskFraction}::float8`;
  return sql`(case when ${now} > ${deadline} then ${state("breached")}
                   when ${now} >= ${submittedAt} + (${deadline} - ${submittedAt}) * ${fraction} then ${state("at_risk")}
                   else ${state("ok")} end)::sla_state`;
}
