/**
 * Column plans of a mapped feed: mapped columns cast by their CostRecord type,
 * constants as literals, tags as a JSON object of the mapped cells, and the
 * FOCUS rules that matter for money (required costs, currency and period).
 */
import { COST_COLUMNS, OutlayError } from '../../core/index.ts';
import { derivedDimensionPlans } from '../allocation-sql.ts';
import type { FileProbe } from '../probe.ts';
import { planFor, q, required, text, withCheck, type ColumnPlan } from '../sql.ts';
import type { FeedMapping } from './mapping.ts';

const SPEC = new Map(COST_COLUMNS.map((c) => [c.name, c]));
const REQUIRED = ['BilledCost', 'EffectiveCost', 'ChargePeriodStart', 'BillingCurrency', 'ProviderName', 'ChargeCategory'];
const INTERVAL = { hour: 'INTERVAL 1 HOUR', day: 'INTERVAL 1 DAY', month: 'INTERVAL 1 MONTH' } as const;

export function feedPlans(probe: FileProbe, m: FeedMapping): { plans: ColumnPlan[]; ignored: string[] } {
  const byHeader = new Map(probe.columns.map((c) => [c.name.toLowerCase(), c]));
  const used = new Set<string>();
  const cell = (header: string, field: string): string => {
    const col = byHeader.get(header.toLowerCase());
    if (!col) throw new OutlayError('INGEST_MISSING_COLUMN', `${probe.path}: the mapping names column "${header}" (for ${field}) but line 1 has no such column`, { file: probe.path, line: 1, field: header });
    used.add(col.name);
    return text(col.raw);
  };
  const src = new Map<string, string>();
  for (const [column, header] of m.columns) src.set(column, cell(header, column));
  for (const [column, value] of m.constants) src.set(column, q(value));
  if (!src.has('EffectiveCost')) src.set('EffectiveCost', src.get('BilledCost') as string);
  if (!src.has('ChargeCategory')) src.set('ChargeCategory', q('Usage'));
  if (!src.has('BillingCurrency')) src.set('BillingCurrency', q('USD'));
  const tagPairs = [...m.tags].map(([k, header]) => `${q(k)}, ${cell(header, `tags.${k}`)}`);
  if (tagPairs.length) src.set('Tags', `json_object(${tagPairs.join(', ')})::VARCHAR`);

  const plans: ColumnPlan[] = [];
  for (const [column, s] of src) {
    const spec = SPEC.get(column);
    if (!spec) continue;
    const p = planFor(spec, s);
    plans.push(REQUIRED.includes(column) ? required(p, s) : p);
  }
  const start = plans.find((p) => p.column === 'ChargePeriodStart') as ColumnPlan;
  if (!src.has('ChargePeriodEnd')) {
    const e = `${start.lenient} + ${INTERVAL[m.period]}`;
    plans.push({ column: 'ChargePeriodEnd', strict: e, lenient: e, checks: [] });
  } else {
    const i = plans.findIndex((p) => p.column === 'ChargePeriodEnd');
    const end = plans[i] as ColumnPlan;
    plans[i] = withCheck(end, { bad: `${end.lenient} < ${start.lenient}`, reason: `'ends before ChargePeriodStart'`, value: src.get('ChargePeriodEnd') as string });
  }
  const cur = plans.findIndex((p) => p.column === 'BillingCurrency');
  const c = src.get('BillingCurrency') as string;
  plans[cur] = withCheck({ ...(plans[cur] as ColumnPlan), strict: `upper(${c})`, lenient: `upper(${c})` }, { bad: `${c} IS NOT NULL AND NOT regexp_full_match(${c}, '[A-Za-z]{3}')`, reason: `'not an ISO 4217 currency code'`, value: c });
  if (!src.has('BillingPeriodStart')) {
    plans.push({ column: 'BillingPeriodStart', strict: `date_trunc('month', ${start.lenient})`, lenient: `date_trunc('month', ${start.lenient})`, checks: [] });
    plans.push({ column: 'BillingPeriodEnd', strict: `date_trunc('month', ${start.lenient}) + INTERVAL 1 MONTH`, lenient: `date_trunc('month', ${start.lenient}) + INTERVAL 1 MONTH`, checks: [] });
  }
  const tags = plans.find((p) => p.column === 'Tags');
  if (tags) plans.push(...derivedDimensionPlans(tags.lenient));
  plans.push({ column: 'x_SourceFile', strict: q(probe.path), lenient: q(probe.path), checks: [] });
  plans.push({ column: 'x_SourceLine', strict: '__line', lenient: '__line', checks: [] });
  // A refusal names the feed's own column (line 3, column amount_usd), the one its author can find, not the field it maps to.
  const fileColumn = new Map([...m.columns].map(([column, header]) => [column, byHeader.get(header.toLowerCase())?.name ?? header]));
  const named = plans.map((p) => ({ ...p, checks: p.checks.map((c) => ({ ...c, field: fileColumn.get(c.field) ?? c.field })) }));
  return { plans: named, ignored: probe.columns.map((c) => c.name).filter((n) => !used.has(n)) };
}
