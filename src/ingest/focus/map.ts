/**
 * FOCUS rows → CostRecord: every mapped column is cast and checked with the
 * shared plans; FOCUS's own rules that matter for money are enforced per row
 * (not-null costs and periods, a 3-letter currency, a known ChargeCategory,
 * a charge period that does not end before it starts). The billing period
 * defaults to the charge period's calendar month when a file lacks it.
 */
import { COST_COLUMNS, CHARGE_CATEGORIES } from '../../core/index.ts';
import { derivedDimensionPlans } from '../allocation-sql.ts';
import { planFor, q, required, text, withCheck, type ColumnPlan } from '../sql.ts';
import type { FocusHeader } from './columns.ts';
import { FOCUS_NOT_NULL } from './columns.ts';

function sourceOf(h: FocusHeader, column: string): string | null {
  const col = h.mapped.get(column);
  return col ? text(col.raw) : null;
}

function chargeCategoryPlan(src: string): ColumnPlan {
  // Canonical capitalisation ("usage" → "Usage"); anything else is refused.
  const canon = `CASE lower(${src}) ${CHARGE_CATEGORIES.map((c) => `WHEN ${q(c.toLowerCase())} THEN ${q(c)}`).join(' ')} END`;
  return withCheck({ column: 'ChargeCategory', strict: canon, lenient: canon, checks: [] }, {
    bad: `${src} IS NOT NULL AND ${canon} IS NULL`,
    reason: `'not a FOCUS ChargeCategory (${CHARGE_CATEGORIES.join(', ')})'`,
    value: src,
  });
}

function currencyPlan(src: string): ColumnPlan {
  const up = `upper(${src})`;
  return withCheck({ column: 'BillingCurrency', strict: up, lenient: up, checks: [] }, {
    bad: `${src} IS NOT NULL AND NOT regexp_full_match(${src}, '[A-Za-z]{3}')`,
    reason: `'not an ISO 4217 currency code'`,
    value: src,
  });
}

export function focusPlans(h: FocusHeader, path: string): ColumnPlan[] {
  const plans = new Map<string, ColumnPlan>();
  for (const spec of COST_COLUMNS) {
    const src = sourceOf(h, spec.name);
    if (!src) continue;
    if (spec.name === 'ChargeCategory') plans.set(spec.name, chargeCategoryPlan(src));
    else if (spec.name === 'BillingCurrency') plans.set(spec.name, currencyPlan(src));
    else plans.set(spec.name, planFor(spec, src));
  }
  for (const col of FOCUS_NOT_NULL) {
    const p = plans.get(col);
    const src = sourceOf(h, col);
    if (p && src) plans.set(col, required(p, src));
  }
  const start = plans.get('ChargePeriodStart');
  const end = plans.get('ChargePeriodEnd');
  if (start && end) {
    plans.set('ChargePeriodEnd', withCheck(end, {
      bad: `${end.lenient} < ${start.lenient}`,
      reason: `'ends before ChargePeriodStart (periods are [start, end))'`,
      value: `${sourceOf(h, 'ChargePeriodEnd')}`,
    }));
  }
  if (!plans.has('BillingPeriodStart') && start) {
    const e = `date_trunc('month', ${start.lenient})`;
    plans.set('BillingPeriodStart', { column: 'BillingPeriodStart', strict: e, lenient: e, checks: [] });
  }
  if (!plans.has('BillingPeriodEnd') && start) {
    const e = `date_trunc('month', ${start.lenient}) + INTERVAL 1 MONTH`;
    plans.set('BillingPeriodEnd', { column: 'BillingPeriodEnd', strict: e, lenient: e, checks: [] });
  }
  const tags = plans.get('Tags');
  if (tags) for (const p of derivedDimensionPlans(tags.lenient)) plans.set(p.column, p);
  plans.set('x_SourceFile', { column: 'x_SourceFile', strict: q(path), lenient: q(path), checks: [] });
  plans.set('x_SourceLine', { column: 'x_SourceLine', strict: '__line', lenient: '__line', checks: [] });
  return [...plans.values()];
}
