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

const VALUES = '__tag_values';

/**
 * Plans for x_Team, x_Project, x_Environment, x_CostCenter from a Tags JSON
 * expression (NULL unless a valid JSON object: it is evaluated on every row,
 * also rows quarantine will drop).
 */
export function derivedDimensionPlans(tagsExpr: string): ColumnPlan[] {
  const rules = Object.entries(DEFAULT_TAG_RULES);
  const paths = rules.flatMap(([, keys]) => keys.map((k) => q(jsonPath(k))));
  // One JSON parse per row for every rule's keys together, in a helper
  // column; each rule takes its slice, and any_value the first key present.
  // (A parse per rule was most of a load's CPU; a lambda or a scalar subquery
  // costs 5x, or a join that spills.)
  const helpers = { [VALUES]: `json_extract_string(${tagsExpr}, [${paths.join(', ')}])` };
  let from = 1;
  return rules.map(([column, keys]) => {
    const slice = `${VALUES}[${from}:${from + keys.length - 1}]`;
    from += keys.length;
    const expr = `lower(nullif(trim(list_aggr(${slice}, 'any_value')), ''))`;
    return { column, strict: expr, lenient: expr, checks: [], helpers };
  });
}
