/**
 * Derives team, project, environment and cost centre from tags with the
 * default allocation rules (core DEFAULT_TAG_RULES): the first non-empty value
 * among the rule's tag keys, trimmed and lower-cased, so "Research " and
 * "research" are one team. Empty result = unallocated.
 */
import { DEFAULT_TAG_RULES } from '../core/index.ts';
import { q, type ColumnPlan } from './sql.ts';

function jsonPath(key: string): string {
  return `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Plans for x_Team, x_Project, x_Environment, x_CostCenter from a Tags JSON expression. */
export function derivedDimensionPlans(tagsExpr: string): ColumnPlan[] {
  return Object.entries(DEFAULT_TAG_RULES).map(([column, keys]) => {
    const paths = `[${keys.map((k) => q(jsonPath(k))).join(', ')}]`;
    // One JSON parse per rule; any_value takes the first key that is present.
    // (A lambda or a scalar subquery here costs 5x, or a join that spills.)
    const expr = `CASE WHEN ${tagsExpr} IS NULL THEN NULL ELSE lower(nullif(trim(list_aggr(json_extract_string(${tagsExpr}, ${paths}), 'any_value')), '')) END`;
    return { column, strict: expr, lenient: expr, checks: [] };
  });
}
