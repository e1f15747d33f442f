/**
 * Azure cost details rows → CostRecord, as Microsoft's own FOCUS export
 * relates its actual and amortised datasets:
 * - an actual-cost file: BilledCost = the cost column;
 * - an amortised-cost file: BilledCost = the cost column, except usage covered
 *   by a commitment and unused-commitment lines (paid by the purchase, not
 *   billed again), which are 0;
 * - either: EffectiveCost = the cost column, except a commitment's purchase
 *   or refund (`Purchase` / `Refund` on a Reservation or SavingsPlan), which
 *   is 0: its cost is amortised into usage.
 * ListCost = paygCostInBillingCurrency, else PayG price × quantity;
 * ContractedCost = unit price × quantity, else the cost. MCA prices are in the
 * pricing currency: they are multiplied by exchangeRatePricingToBilling (also
 * ListUnitPrice and ContractedUnitPrice), so all money is in BillingCurrency.
 * Dates are the usage day [Date, Date + 1 day); Azure's billing period end is
 * an inclusive date, so BillingPeriodEnd = BillingPeriodEndDate + 1 day.
 */
import type { ColumnPlan } from '../sql.ts';
import { combine, flexibleDate, plan, pure, requiredSrc, ruleSrc, tagsSrc, text, tagAndSourcePlans, type Src } from '../bill-sql.ts';
import { AZ, chargeType, need, pricingModel, type AzureHeader } from './columns.ts';
import { azureDetailPlans } from './details.ts';

const D = 'DECIMAL(38,12)';

/** A date column (any Azure spelling and format), NULL when absent. */
function dateOf(a: AzureHeader, keys: readonly string[]): { src: Src; raw: string; field: string } {
  const c = need(a.h, keys);
  if (!c) return { src: pure('NULL::TIMESTAMP'), raw: 'NULL', field: keys[0] ?? '' };
  if (c.type === 'TIMESTAMP') return { src: pure(text(c.raw)), raw: text(c.raw), field: c.name };
  return { src: flexibleDate(c.name, text(c.raw)), raw: text(c.raw), field: c.name };
}


function moneyPlans(a: AzureHeader, amortised: boolean): ColumnPlan[] {
  const h = a.h;
  const ct = chargeType(a);
  const pm = pricingModel(a);
  const cost = combine([h.dec(...AZ.cost)], (x) => `coalesce(${x}, 0::${D})`);
  const committed = `(${pm} IN ('reservation', 'savingsplan', 'savings plan'))`;
  const billed = amortised
    ? combine([cost], (x) => `CASE WHEN (${ct} = 'usage' AND ${committed}) OR ${ct} LIKE 'unused%' THEN 0::${D} ELSE ${x} END`)
    : cost;
  // A commitment's purchase and its refund reach EffectiveCost through the amortised usage
  // (Microsoft's FOCUS conversion: 0 when ChargeType is Purchase or Refund on a Reservation or
  // SavingsPlan), in either dataset: a refund left at its cost would be amortised twice.
  const effective = combine([cost], (x) => `CASE WHEN ${ct} IN ('purchase', 'refund') AND ${committed} THEN 0::${D} ELSE ${x} END`);
  const qty = h.dec(...AZ.quantity);
  // MCA prices are in the pricing currency; exchangeRatePricingToBilling turns them into the
  // billing currency of the cost columns (EA prices are already in it and carry no rate).
  const rate = need(h, AZ.exchangeRate) ? combine([h.dec(...AZ.exchangeRate)], (r) => `coalesce(${r}, 1)`) : pure('1');
  const inBilling = (price: Src): Src => combine([price, rate], (p, r) => `CAST(${p} * ${r} AS ${D})`);
  const payg = inBilling(h.dec(...AZ.paygPrice));
  const unit = inBilling(h.dec(...AZ.unitPrice));
  const list = h.has('paygcostinbillingcurrency')
    ? h.dec(...AZ.paygCost)
    : need(h, AZ.paygPrice) && need(h, AZ.quantity) ? combine([payg, qty], (p, q) => `CAST(${p} * ${q} AS ${D})`) : pure('NULL');
  const contracted = need(h, AZ.unitPrice) && need(h, AZ.quantity)
    ? combine([unit, qty, cost], (u, q, c) => `coalesce(CAST(${u} * ${q} AS ${D}), ${c})`)
    : cost;
  return [
    plan('BilledCost', billed),
    plan('EffectiveCost', effective),
    plan('ListCost', list),
    plan('ContractedCost', contracted),
    plan('ListUnitPrice', payg),
    plan('ContractedUnitPrice', unit),
    plan('PricingQuantity', qty),
    plan('ConsumedQuantity', combine([qty], (q) => `CASE WHEN coalesce(${ct}, 'usage') = 'usage' THEN ${q} END`)),
  ];
}

function chargePlans(a: AzureHeader): ColumnPlan[] {
  const ct = chargeType(a);
  const pm = pricingModel(a);
  const h = a.h;
  // Microsoft's FOCUS conversion: a Refund is a Purchase corrected (ChargeClass Correction).
  const category = `CASE WHEN ${ct} IS NULL OR ${ct} IN ('usage', 'unusedreservation', 'unusedsavingsplan') THEN 'Usage'
    WHEN ${ct} IN ('purchase', 'refund') THEN 'Purchase' WHEN ${ct} = 'tax' THEN 'Tax' WHEN ${ct} = 'credit' THEN 'Credit' ELSE 'Adjustment' END`;
  // From PricingModel on usage; FOCUS 1.2 wants one on purchases too, where buying (or refunding) a
  // commitment is Standard (Committed is for charges a commitment covers, "not the purchase" of it);
  // none on tax, credits and adjustments; the legacy schema (no ChargeType) is on-demand usage.
  const pricing = `CASE WHEN ${ct} IN ('purchase', 'refund') THEN 'Standard'
    WHEN ${ct} IS NOT NULL AND ${ct} NOT IN ('usage', 'unusedreservation', 'unusedsavingsplan') THEN NULL
    WHEN ${pm} = 'spot' THEN 'Dynamic' WHEN ${pm} IN ('reservation', 'savingsplan', 'savings plan') OR ${ct} LIKE 'unused%' THEN 'Committed' ELSE 'Standard' END`;
  const isRes = `(${pm} = 'reservation' OR ${ct} = 'unusedreservation')`;
  const isSp = `(${pm} IN ('savingsplan', 'savings plan') OR ${ct} = 'unusedsavingsplan')`;
  const frequency = `CASE lower(${h.str('frequency')}) WHEN 'usagebased' THEN 'Usage-Based' WHEN 'recurring' THEN 'Recurring' WHEN 'onetime' THEN 'One-Time' ELSE 'Usage-Based' END`;
  const commitmentId = `CASE WHEN ${isRes} OR ${isSp} THEN ${h.str(...AZ.reservationId)} END`;
  return [
    plan('ChargeCategory', pure(category)),
    plan('ChargeClass', pure(`CASE WHEN ${ct} = 'refund' THEN 'Correction' END`)),
    plan('ChargeFrequency', pure(frequency)),
    plan('PricingCategory', pure(pricing)),
    plan('CommitmentDiscountId', pure(commitmentId)),
    plan('CommitmentDiscountName', pure(`CASE WHEN ${isRes} OR ${isSp} THEN ${h.str(...AZ.reservationName)} END`)),
    plan('CommitmentDiscountType', pure(`CASE WHEN ${isRes} THEN 'Reservation' WHEN ${isSp} THEN 'Savings Plan' END`)),
    plan('CommitmentDiscountCategory', pure(`CASE WHEN ${isRes} THEN 'Usage' WHEN ${isSp} THEN 'Spend' END`)),
    plan('CommitmentDiscountStatus', pure(`CASE WHEN ${ct} LIKE 'unused%' THEN 'Unused' WHEN ${ct} = 'usage' AND (${isRes} OR ${isSp}) THEN 'Used' END`)),
  ];
}

function periodPlans(a: AzureHeader): ColumnPlan[] {
  const day = dateOf(a, AZ.date);
  const start = requiredSrc(day.src, day.field, day.raw);
  const bpStart = dateOf(a, ['billingperiodstartdate', 'billingperiodstart']);
  const bpEnd = dateOf(a, ['billingperiodenddate', 'billingperiodend']);
  const servStart = dateOf(a, ['serviceperiodstartdate']);
  const servEnd = dateOf(a, ['serviceperiodenddate']);
  // Purchases and refunds span their service period when the export has one.
  const ct = chargeType(a);
  const end = combine([start, servStart.src, servEnd.src], (s, ss, se) =>
    `CASE WHEN ${ct} IN ('purchase', 'refund') AND ${ss} IS NOT NULL AND ${se} > ${ss} AND ${s} = ${ss} THEN ${se} + INTERVAL 1 DAY ELSE ${s} + INTERVAL 1 DAY END`);
  const periodStart = combine([bpStart.src, day.src], (b, d) => `coalesce(${b}, date_trunc('month', ${d}))`);
  const periodEnd = combine([bpEnd.src, periodStart], (e, s) => `coalesce(${e} + INTERVAL 1 DAY, ${s} + INTERVAL 1 MONTH)`);
  const checkedEnd = ruleSrc(periodEnd, bpEnd.field, `${periodEnd.lenient} <= ${periodStart.lenient}`, 'billing period ends before it starts', bpEnd.raw);
  return [
    plan('ChargePeriodStart', start),
    plan('ChargePeriodEnd', end),
    plan('BillingPeriodStart', periodStart),
    plan('BillingPeriodEnd', checkedEnd),
  ];
}

function accountPlans(a: AzureHeader): ColumnPlan[] {
  const h = a.h;
  const cur = need(h, AZ.currency);
  const currency = h.str(...AZ.currency);
  const curSrc = ruleSrc(pure(`upper(${currency})`), cur?.name ?? 'BillingCurrency', `${currency} IS NOT NULL AND NOT regexp_full_match(${currency}, '[A-Za-z]{3}')`, 'not an ISO 4217 currency code', currency);
  const account = `coalesce(${h.str(...AZ.billingAccount)}, ${h.str(...AZ.subscription)})`;
  const accountField = need(h, AZ.billingAccount)?.name ?? need(h, AZ.subscription)?.name ?? 'BillingAccountId';
  return [
    plan('ProviderName', pure(`'Microsoft'`)),
    plan('PublisherName', pure(`coalesce(${h.str('publishername')}, 'Microsoft')`)),
    plan('InvoiceIssuerName', pure(`coalesce(${h.str('partnername')}, 'Microsoft')`)),
    plan('InvoiceId', pure(h.str('invoiceid'))),
    plan('BillingAccountId', requiredSrc(pure(account), accountField, account)),
    plan('BillingAccountName', pure(h.str('billingaccountname'))),
    plan('BillingAccountType', pure(`CASE WHEN ${h.str('billingprofileid')} IS NOT NULL AND ${h.str('billingprofileid')} <> ${h.str(...AZ.billingAccount)} THEN 'Billing Profile' WHEN ${h.str(...AZ.billingAccount)} IS NOT NULL THEN 'Billing Account' ELSE 'Subscription' END`)),
    plan('SubAccountId', pure(h.str(...AZ.subscription))),
    plan('SubAccountName', pure(h.str('subscriptionname'))),
    plan('SubAccountType', pure(`'Subscription'`)),
    plan('BillingCurrency', requiredSrc(curSrc, cur?.name ?? 'BillingCurrency', currency)),
    plan('PricingCurrency', pure(`upper(coalesce(${h.str('pricingcurrency', 'pricingcurrencycode')}, ${currency}))`)),
  ];
}

/** Tags: a JSON object, with braces or (EA) without them. */
function tagsPlan(a: AzureHeader): Src {
  const col = a.h.col('tags');
  if (!col) return pure('NULL');
  const t = text(col.raw);
  return tagsSrc(col.name, `CASE WHEN ${t} IS NULL OR ${t} IN ('{}', '""') THEN NULL WHEN left(${t}, 1) = '{' THEN ${t} ELSE '{' || ${t} || '}' END`);
}

/**
 * EA and MCA exports carry the billing system's own CostCenter (set on the
 * subscription or enrollment account). It fills x_CostCenter where no
 * cost-centre tag gives one; a tag still wins, being the narrower, per-resource
 * assignment (the EA sample tags resources "SubACM" under account "ACM9000").
 * Same normalisation as the tag rule: trimmed, lower-cased, empty = none.
 */
function withCostCenterColumn(a: AzureHeader, plans: ColumnPlan[]): ColumnPlan[] {
  if (!a.h.col('costcenter')) return plans;
  const column = `lower(nullif(trim(${a.h.str('costcenter')}), ''))`;
  return plans.map((p) => (p.column === 'x_CostCenter'
    ? { ...p, strict: `coalesce(${p.strict}, ${column})`, lenient: `coalesce(${p.lenient}, ${column})` }
    : p));
}

export function azurePlans(a: AzureHeader, path: string, amortised: boolean): ColumnPlan[] {
  const tags = tagsPlan(a);
  return [
    ...moneyPlans(a, amortised),
    ...chargePlans(a),
    ...periodPlans(a),
    ...accountPlans(a),
    ...azureDetailPlans(a),
    ...withCostCenterColumn(a, tagAndSourcePlans(tags, path)),
  ];
}
