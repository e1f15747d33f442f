/**
 * CUR rows → CostRecord, the way AWS's own FOCUS export maps them:
 * - BilledCost = line_item_unblended_cost (what the invoice shows);
 * - EffectiveCost = amortised cost: reservation_effective_cost on
 *   DiscountedUsage, savings_plan_savings_plan_effective_cost on
 *   SavingsPlanCoveredUsage, the unused part of a commitment on RIFee /
 *   SavingsPlanRecurringFee, 0 on SavingsPlanNegation, SavingsPlanUpfrontFee and
 *   RI upfront fees (already amortised into usage), unblended cost otherwise;
 * - ListCost = pricing_public_on_demand_cost, 0 on SavingsPlanNegation (its
 *   covered line already carries the On-Demand cost of that usage);
 * - ContractedCost = unblended cost (public on-demand cost on DiscountedUsage,
 *   whose unblended cost is 0; 0 on SavingsPlanNegation, as for ListCost):
 *   AWS bills have no separate negotiated price.
 * Empty cost cells are 0 (AWS leaves them empty on lines a column does not
 * apply to); text that is not a number is refused with its line and column.
 */
import type { ColumnPlan } from '../sql.ts';
import { combine, plan, pure, q, requiredSrc, ruleSrc, tagsFromPairs, tagsSrc, text, tagAndSourcePlans, type Src } from '../bill-sql.ts';
import { JSON_TEXT } from '../bill-stage.ts';
import type { CurHeader } from './columns.ts';
import { bedrockKind, curDetailPlans } from './details.ts';

/** The line item type, lower-cased: a helper column computed once per row (see curHelpers). */
export const lineType = (_c: CurHeader): string => '"__t"';

const zero = (s: Src): Src => combine([s], (x) => `coalesce(${x}, 0::DECIMAL(38,12))`);

const USAGE = ['usage', 'discountedusage', 'savingsplancoveredusage', 'savingsplannegation'];
const PURCHASE = ['fee', 'rifee', 'savingsplanrecurringfee', 'savingsplanupfrontfee'];
const CREDIT = ['credit', 'refund', 'bundleddiscount', 'edpdiscount', 'privateratediscount', 'rivolumediscount', 'discount', 'distributordiscount', 'solutionproviderdiscount'];
const inList = (xs: readonly string[]): string => xs.map(q).join(', ');

function moneyPlans(c: CurHeader): ColumnPlan[] {
  const t = lineType(c);
  const h = c.h;
  const unblended = zero(h.dec('line_item_unblended_cost'));
  const riEffective = zero(h.dec('reservation_effective_cost'));
  const spEffective = zero(h.dec('savings_plan_savings_plan_effective_cost'));
  const riUnused = combine([zero(h.dec('reservation_unused_amortized_upfront_fee_for_billing_period')), zero(h.dec('reservation_unused_recurring_fee'))], (a, b) => `${a} + ${b}`);
  const spUnused = combine([zero(h.dec('savings_plan_total_commitment_to_date')), zero(h.dec('savings_plan_used_commitment'))], (a, b) => `${a} - ${b}`);
  const riArn = h.str('reservation_reservation_a_r_n');
  const effective = combine([unblended, riEffective, spEffective, riUnused, spUnused], (u, ri, sp, riu, spu) => `CASE
    WHEN ${t} = 'discountedusage' THEN ${ri}
    WHEN ${t} = 'savingsplancoveredusage' THEN ${sp}
    WHEN ${t} IN ('savingsplannegation', 'savingsplanupfrontfee') THEN 0::DECIMAL(38,12)
    WHEN ${t} = 'rifee' THEN ${riu}
    WHEN ${t} = 'savingsplanrecurringfee' THEN ${spu}
    WHEN ${t} = 'fee' AND ${riArn} IS NOT NULL THEN 0::DECIMAL(38,12)
    ELSE ${u} END`);
  // A SavingsPlanNegation line takes its covered line's On-Demand cost back off the bill:
  // the pair is one use at list (and contracted) price, counted on the covered line only.
  const list = combine([h.dec('pricing_public_on_demand_cost')], (l) => `CASE WHEN ${t} = 'savingsplannegation' THEN 0::DECIMAL(38,12) ELSE ${l} END`);
  const contracted = combine([unblended, zero(h.dec('pricing_public_on_demand_cost'))], (u, l) => `CASE WHEN ${t} = 'discountedusage' THEN ${l} WHEN ${t} = 'savingsplannegation' THEN 0::DECIMAL(38,12) ELSE ${u} END`);
  return [
    plan('BilledCost', unblended),
    plan('EffectiveCost', effective),
    plan('ListCost', list),
    plan('ContractedCost', contracted),
    plan('ListUnitPrice', h.dec('pricing_public_on_demand_rate')),
    plan('ContractedUnitPrice', h.dec('line_item_unblended_rate')),
  ];
}

function chargePlans(c: CurHeader): ColumnPlan[] {
  const t = lineType(c);
  const h = c.h;
  const category = `CASE WHEN ${t} IN (${inList(USAGE)}) THEN 'Usage' WHEN ${t} = 'tax' THEN 'Tax'
    WHEN ${t} IN (${inList(CREDIT)}) THEN 'Credit' WHEN ${t} IN (${inList(PURCHASE)}) THEN 'Purchase' ELSE 'Adjustment' END`;
  const field = c.h.col('line_item_line_item_type')?.name ?? 'line_item_line_item_type';
  const frequency = `CASE WHEN ${t} IN ('rifee', 'savingsplanrecurringfee') THEN 'Recurring' WHEN ${t} IN ('fee', 'savingsplanupfrontfee') THEN 'One-Time' ELSE 'Usage-Based' END`;
  const term = `lower(${h.str('pricing_term')})`;
  const usageType = h.str('line_item_usage_type');
  // FOCUS 1.2: a Purchase (a commitment's fees included: they are not "subject to" the
  // commitment) is priced at the agreed rate, Standard; Tax, credits and adjustments have none.
  const pricing = `CASE WHEN ${t} IN (${inList(PURCHASE)}) THEN 'Standard' WHEN ${t} NOT IN (${inList(USAGE)}) THEN NULL
    WHEN ${t} <> 'usage' OR ${term} = 'reserved' THEN 'Committed'
    WHEN ${term} = 'spot' OR ${usageType} LIKE '%SpotUsage%' THEN 'Dynamic'
    ELSE 'Standard' END`;
  const riArn = h.str('reservation_reservation_a_r_n');
  const spArn = h.str('savings_plan_savings_plan_a_r_n');
  const isRi = `(${t} IN ('discountedusage', 'rifee') OR (${t} = 'fee' AND ${riArn} IS NOT NULL))`;
  const isSp = `(${t} LIKE 'savingsplan%')`;
  return [
    plan('ChargeCategory', requiredSrc(pure(category), field, c.h.str('line_item_line_item_type'))),
    plan('ChargeClass', pure(`CASE WHEN ${t} = 'refund' THEN 'Correction' END`)),
    plan('ChargeFrequency', pure(frequency)),
    plan('ChargeDescription', pure(h.str('line_item_line_item_description'))),
    plan('PricingCategory', pure(pricing)),
    plan('CommitmentDiscountId', pure(`CASE WHEN ${isRi} THEN ${riArn} WHEN ${isSp} THEN ${spArn} END`)),
    plan('CommitmentDiscountType', pure(`CASE WHEN ${isRi} AND ${riArn} IS NOT NULL THEN 'Reserved Instance' WHEN ${isSp} AND ${spArn} IS NOT NULL THEN 'Savings Plan' END`)),
    plan('CommitmentDiscountCategory', pure(`CASE WHEN ${isRi} AND ${riArn} IS NOT NULL THEN 'Usage' WHEN ${isSp} AND ${spArn} IS NOT NULL THEN 'Spend' END`)),
    plan('CommitmentDiscountStatus', pure(`CASE WHEN ${t} IN ('discountedusage', 'savingsplancoveredusage', 'savingsplannegation') THEN 'Used' END`)),
  ];
}

function periodPlans(c: CurHeader): ColumnPlan[] {
  const h = c.h;
  const interval = h.str('identity_time_interval');
  // identity_time_interval ("start/end") only stands in where the usage dates are empty:
  // the cheap NULL test comes first, so the interval is parsed on those rows only.
  const fromInterval = (i: 1 | 2, dateKey: string): Src => {
    if (!h.has('identity_time_interval')) return pure('NULL::TIMESTAMP');
    const part = `nullif(split_part(${interval}, '/', ${i}), '')`;
    const parsed = `TRY_CAST(${part} AS TIMESTAMPTZ)::TIMESTAMP`;
    return ruleSrc(pure(parsed), h.col('identity_time_interval')?.name ?? 'identity/TimeInterval',
      `${h.cell(dateKey)} IS NULL AND ${part} IS NOT NULL AND ${parsed} IS NULL`, 'not an ISO 8601 interval', interval);
  };
  const startField = h.col('line_item_usage_start_date')?.name ?? h.col('identity_time_interval')?.name ?? 'line_item_usage_start_date';
  const start = combine([h.ts('line_item_usage_start_date'), fromInterval(1, 'line_item_usage_start_date')], (a, b) => `coalesce(${a}, ${b})`);
  const end = combine([h.ts('line_item_usage_end_date'), fromInterval(2, 'line_item_usage_end_date')], (a, b) => `coalesce(${a}, ${b})`);
  const startMissing = `${h.cell('line_item_usage_start_date')} IS NULL AND ${h.cell('identity_time_interval')} IS NULL`;
  const bpStart = h.ts('bill_billing_period_start_date');
  const bpEnd = combine([h.ts('bill_billing_period_end_date'), bpStart], (e, s) => `coalesce(${e}, ${s} + INTERVAL 1 MONTH)`);
  const endChecked = ruleSrc(end, h.col('line_item_usage_end_date')?.name ?? startField, `${end.lenient} < ${start.lenient}`, 'ends before the usage start (periods are [start, end))', `CAST(${end.lenient} AS VARCHAR)`);
  const startChecked = ruleSrc(start, startField, startMissing, 'is empty but required', 'NULL');
  return [
    plan('ChargePeriodStart', startChecked),
    plan('ChargePeriodEnd', combine([endChecked, start], (e, s) => `coalesce(${e}, ${s} + INTERVAL 1 HOUR)`)),
    plan('BillingPeriodStart', requiredSrc(bpStart, h.col('bill_billing_period_start_date')?.name ?? 'bill_billing_period_start_date', h.cell('bill_billing_period_start_date'))),
    plan('BillingPeriodEnd', bpEnd),
  ];
}

/**
 * Tags as AWS's FOCUS export writes them: `user:` / `user_` dropped from user
 * tag keys. For the CUR 2.0 map (JSON text) the prefix is removed where a key
 * starts (after `{` or `,`), which cannot match inside a value, where a quote
 * is always escaped: one regexp over the text instead of rebuilding the object.
 */
function tagsExpr(c: CurHeader): string {
  if (!c.tagMap) return tagsFromPairs(c.tagColumns.map((t) => ({ key: t.key, value: text(t.col.raw) })));
  const raw = c.h.str(c.tagMap.name.toLowerCase());
  // DuckDB's to_json (Parquet maps) is compact, so two literal replaces do; CSV text may carry spaces.
  if (c.tagMap.type === JSON_TEXT) return `CASE WHEN ${raw} IS NULL OR ${raw} = '{}' THEN NULL ELSE replace(replace(${raw}, '{"user_', '{"'), ',"user_', ',"') END`;
  return `CASE WHEN ${raw} IS NULL OR regexp_full_match(${raw}, '\\{\\s*\\}') THEN NULL ELSE regexp_replace(${raw}, '([{,]\\s*)"user[:_]', '\\1"', 'g') END`;
}

/** The tags column, refused (naming the column) when a CSV resource_tags cell is not a JSON object. */
function tagsPlan(c: CurHeader): Src {
  if (!c.tagMap || c.tagMap.type === JSON_TEXT) return pure('"__tags"');
  const check = tagsSrc(c.tagMap.name, c.h.str(c.tagMap.name.toLowerCase()));
  return { strict: `CASE WHEN ${check.checks[0]?.bad ?? 'false'} THEN error(${q(`${c.tagMap.name}: not a JSON object`)}) ELSE "__tags" END`, lenient: '"__tags"', checks: check.checks };
}

/** Expressions several columns share, computed once per row in the stage. */
export function curHelpers(c: CurHeader): Record<string, string> {
  return { __t: `lower(${c.h.str('line_item_line_item_type')})`, __tags: tagsExpr(c), __llm: bedrockKind(c, '"__t"') };
}

function accountPlans(c: CurHeader): ColumnPlan[] {
  const h = c.h;
  const currency = h.str('line_item_currency_code');
  const curField = h.col('line_item_currency_code')?.name ?? 'line_item_currency_code';
  const checkedCurrency = ruleSrc(pure(`upper(${currency})`), curField, `${currency} IS NOT NULL AND NOT regexp_full_match(${currency}, '[A-Za-z]{3}')`, 'not an ISO 4217 currency code', currency);
  const payerField = h.col('bill_payer_account_id')?.name ?? 'bill_payer_account_id';
  return [
    plan('ProviderName', pure(`'AWS'`)),
    plan('PublisherName', pure(`CASE WHEN ${h.str('bill_billing_entity')} = 'AWS Marketplace' THEN coalesce(${h.str('line_item_legal_entity')}, 'AWS Marketplace') ELSE 'AWS' END`)),
    plan('InvoiceIssuerName', pure(`coalesce(${h.str('bill_invoicing_entity')}, ${h.str('line_item_legal_entity')}, 'AWS')`)),
    plan('InvoiceId', pure(h.str('bill_invoice_id'))),
    plan('BillingAccountId', requiredSrc(pure(h.str('bill_payer_account_id')), payerField, h.str('bill_payer_account_id'))),
    plan('BillingAccountName', pure(h.str('bill_payer_account_name'))),
    plan('BillingAccountType', pure(`'Payer Account'`)),
    plan('SubAccountId', pure(h.str('line_item_usage_account_id'))),
    plan('SubAccountName', pure(h.str('line_item_usage_account_name'))),
    plan('SubAccountType', pure(`CASE WHEN ${h.str('line_item_usage_account_id')} IS NOT NULL THEN 'Linked Account' END`)),
    plan('BillingCurrency', requiredSrc(checkedCurrency, curField, currency)),
    plan('PricingCurrency', pure(`upper(coalesce(${h.str('pricing_currency')}, ${currency}))`)),
  ];
}

export function curPlans(c: CurHeader, path: string): ColumnPlan[] {
  const tags = tagsPlan(c);
  return [
    ...moneyPlans(c),
    ...chargePlans(c),
    ...periodPlans(c),
    ...accountPlans(c),
    ...curDetailPlans(c, lineType(c)),
    ...tagAndSourcePlans(tags, path),
  ];
}
