/**
 * Google Cloud billing export rows → CostRecord. One export row stays one
 * record (credits are not split into rows of their own), so the FOCUS money
 * columns carry the credits this way:
 * - ContractedCost = cost: the usage at the account's prices, before credits;
 * - BilledCost = cost + Σ credits.amount: what the invoice charges, since
 *   Google invoices usage net of its credits (FOCUS: the invoicing basis,
 *   inclusive of discounts); so credits lower the stored cost and never vanish:
 *   ContractedCost − BilledCost is exactly the credits;
 * - EffectiveCost = cost + Σ credits too: Google's commitments are billed as
 *   recurring fee lines, never paid upfront, so there is nothing to amortise;
 * - ListCost = cost_at_list (detailed export), else cost.
 * The billing period is the invoice month (UTC month start); the charge
 * period is [usage_start_time, usage_end_time).
 */
import type { ColumnPlan } from '../sql.ts';
import { combine, decimalOf, plan, pure, requiredSrc, ruleSrc, timestampSrc, tagAndSourcePlans, type Src } from '../bill-sql.ts';
import type { GcpHeader } from './columns.ts';
import { gcpDetailPlans } from './details.ts';
import { creditCount, creditSum, elementCount, labelsObject } from './repeated.ts';

const D = 'DECIMAL(38,12)';

function moneyPlans(g: GcpHeader): ColumnPlan[] {
  const costRaw = g.field(['cost']);
  const cost = requiredSrc(decimalOf(g.fieldName(['cost']), costRaw), g.fieldName(['cost']), costRaw);
  const creditsCell = g.field(['credits']);
  const creditsField = g.fieldName(['credits']);
  const sum = creditSum(creditsCell);
  const credits: Src = g.has(['credits'])
    ? ruleSrc(ruleSrc(pure(sum), creditsField, `${sum} IS NULL`, 'a credit amount is not a number', `left(${creditsCell}, 200)`),
      creditsField, `${creditCount(creditsCell)} < ${elementCount(creditsCell)}`, 'a credit has no readable amount', `left(${creditsCell}, 200)`)
    : pure(`0::${D}`);
  const net = combine([cost, credits], (c, k) => `CAST(${c} + ${k} AS ${D})`);
  const list = g.has(['cost_at_list']) ? combine([decimalOf(g.fieldName(['cost_at_list']), g.field(['cost_at_list'])), cost], (l, c) => `coalesce(${l}, ${c})`) : cost;
  return [
    plan('BilledCost', net),
    plan('EffectiveCost', net),
    plan('ContractedCost', cost),
    plan('ListCost', list),
    plan('ListUnitPrice', g.has(['price', 'effective_price']) ? decimalOf(g.fieldName(['price', 'list_price']), g.field(['price', 'list_price'])) : pure('NULL')),
    plan('ContractedUnitPrice', g.has(['price', 'effective_price']) ? decimalOf(g.fieldName(['price', 'effective_price']), g.field(['price', 'effective_price'])) : pure('NULL')),
  ];
}

function periodPlans(g: GcpHeader): ColumnPlan[] {
  const startRaw = g.field(['usage_start_time']);
  const start = requiredSrc(timestampSrc(g.fieldName(['usage_start_time']), startRaw), g.fieldName(['usage_start_time']), startRaw);
  const endTs = timestampSrc(g.fieldName(['usage_end_time']), g.field(['usage_end_time']));
  const end = combine([endTs, start], (e, s) => `coalesce(${e}, ${s} + INTERVAL 1 HOUR)`);
  const checkedEnd = ruleSrc(end, g.fieldName(['usage_end_time']), `${end.lenient} < ${start.lenient}`, 'ends before usage_start_time (periods are [start, end))', g.field(['usage_end_time']));
  const month = g.field(['invoice', 'month']);
  const monthStart = `try_strptime(${month}, '%Y%m')`;
  const invoice = ruleSrc(pure(`TRY_CAST(${monthStart} AS TIMESTAMP)`), g.fieldName(['invoice', 'month']),
    `${month} IS NOT NULL AND (NOT regexp_full_match(${month}, '\\d{6}') OR ${monthStart} IS NULL)`, 'not a YYYYMM invoice month', month);
  const periodStart = combine([invoice, start], (i, s) => `coalesce(CASE WHEN regexp_full_match(${month}, '\\d{6}') THEN ${i} END, date_trunc('month', ${s}))`);
  return [
    plan('ChargePeriodStart', start),
    plan('ChargePeriodEnd', checkedEnd),
    plan('BillingPeriodStart', periodStart),
    plan('BillingPeriodEnd', combine([periodStart], (p) => `${p} + INTERVAL 1 MONTH`)),
  ];
}

function accountPlans(g: GcpHeader): ColumnPlan[] {
  const currency = g.field(['currency']);
  const curField = g.fieldName(['currency']);
  const cur = ruleSrc(pure(`upper(${currency})`), curField, `${currency} IS NOT NULL AND NOT regexp_full_match(${currency}, '[A-Za-z]{3}')`, 'not an ISO 4217 currency code', currency);
  const account = g.field(['billing_account_id']);
  return [
    plan('ProviderName', pure(`'Google Cloud'`)),
    plan('PublisherName', pure(`coalesce(${g.field(['seller_name'])}, 'Google Cloud')`)),
    plan('InvoiceIssuerName', pure(`'Google Cloud'`)),
    plan('BillingAccountId', requiredSrc(pure(account), g.fieldName(['billing_account_id']), account)),
    plan('BillingAccountType', pure(`'Billing Account'`)),
    plan('SubAccountId', pure(g.field(['project', 'id']))),
    plan('SubAccountName', pure(g.field(['project', 'name']))),
    plan('SubAccountType', pure(`CASE WHEN ${g.field(['project', 'id'])} IS NOT NULL THEN 'Project' END`)),
    plan('BillingCurrency', requiredSrc(cur, curField, currency)),
    plan('PricingCurrency', pure(`upper(${currency})`)),
  ];
}

/** Resource labels, then project labels (a resource label wins on a shared key). */
function tagsPlan(g: GcpHeader): Src {
  const cells = [['labels'], ['project', 'labels'], ['tags']].filter((p) => g.has(p)).map((p) => g.field(p));
  return pure(cells.length === 0 ? 'NULL' : labelsObject(cells));
}

export function gcpPlans(g: GcpHeader, path: string): ColumnPlan[] {
  const tags = tagsPlan(g);
  return [
    ...moneyPlans(g),
    ...periodPlans(g),
    ...accountPlans(g),
    ...gcpDetailPlans(g),
    ...tagAndSourcePlans(tags, path),
  ];
}
