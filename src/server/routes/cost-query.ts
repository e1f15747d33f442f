/**
 * The cost explorer's query string, shared by /costs, /costs/export and
 * /forecasts: the same measures, dimensions, filters, range and grain as
 * `outlay query`, in URL form.
 */
import { z } from 'zod';
import { checkRange, GRAINS, OutlayError, parseInstant } from '../../core/index.ts';
import type { CostQuery, QueryFilter } from '../../store/index.ts';
import { csvList, repeated } from './params.ts';

export const costFilterFields = {
  filter: repeated.optional().describe(
    'Repeatable. <dim>:<value> keeps rows whose dimension equals value; <dim>:a|b either; <dim>!:<value> excludes; <dim>: unallocated (empty). Dimensions as in /api/v1/dimensions, e.g. team:research, tag:env:prod',
  ),
  from: z.string().optional().describe('Start, inclusive (UTC): YYYY-MM, YYYY-MM-DD or ISO 8601'),
  to: z.string().optional().describe('End, exclusive (UTC)'),
};

export const costQueryFields = {
  group_by: csvList.optional().describe('Comma-separated dimensions, e.g. team,provider or tag:env'),
  measure: csvList.default(['billed', 'effective']).describe('Comma-separated measures (default billed,effective); see /api/v1/dimensions'),
  ...costFilterFields,
  grain: z.enum(GRAINS).optional().describe('Time buckets: adds ChargePeriodStart to each row'),
  order_by: z.string().optional().describe('Output key to sort by (default: first money measure, descending)'),
  order: z.enum(['asc', 'desc']).optional(),
};

const FILTER_RE = /^(tags?[:.][^:=!]+|[^:=!]+)(!?[:=])(.*)$/i;

/** "team:research", "team:a|b", "team!:x", "team:" (unallocated), "tag:env:prod". */
export function parseApiFilter(text: string): QueryFilter {
  const m = FILTER_RE.exec(text);
  if (!m) throw new OutlayError('QUERY_INVALID', `filter "${text}": write <dimension>:<value> or <dimension>!:<value>`, { field: 'filter', value: text });
  const [, dim = '', op = ':', value = ''] = m;
  const values = value === '' ? [] : value.split('|');
  const negate = op.startsWith('!');
  if (values.length === 0) return { dimension: dim.trim(), op: negate ? 'not_null' : 'is_null', values };
  return { dimension: dim.trim(), op: negate ? 'neq' : 'in', values };
}

export interface CostQueryParams {
  group_by?: string[]; measure: string[]; filter?: string[]; from?: string; to?: string;
  grain?: CostQuery['grain']; order_by?: string; order?: 'asc' | 'desc';
}

/** The store query these parameters ask for (paging is the caller's). */
export function toCostQuery(p: CostQueryParams): CostQuery {
  const from = p.from ? parseInstant(p.from, 'from') : undefined;
  const to = p.to ? parseInstant(p.to, 'to') : undefined;
  checkRange(from, to);
  return {
    measures: p.measure,
    groupBy: p.group_by ?? [],
    filters: (p.filter ?? []).map(parseApiFilter),
    from,
    to,
    grain: p.grain,
    orderBy: p.order_by,
    order: p.order,
  };
}
