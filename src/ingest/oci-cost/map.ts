/**
 * OCI cost report rows → CostRecord. Oracle bills the usage lines of this
 * report as they are, so `cost/myCost` is both BilledCost and EffectiveCost
 * (OCI has no upfront commitments to amortise here: Universal Credits are
 * drawn down by these same lines) and ContractedCost; ListCost is unknown.
 * `cost/myCost` is the cost Oracle's own tools sum as the tenancy's cost;
 * `cost/myCostOverage` is not added to it: it is the overage part of the same
 * line (in the real reports checked it is empty or equal to `cost/myCost`).
 * The charge period is [intervalUsageStart, intervalUsageEnd); the billing period is the UTC month
 * of the usage start. BillingAccountId is the tenancy (the account whose
 * bucket delivers the reports); the compartment is the sub-account.
 */
import type { ColumnPlan } from '../sql.ts';
import { combine, plan, pure, q, requiredSrc, ruleSrc, tagAndSourcePlans, tagsFromPairs, text, type Src } from '../bill-sql.ts';
import type { OciHeader } from './columns.ts';

function moneyPlans(o: OciHeader): ColumnPlan[] {
  const h = o.h;
  const cost = h.dec('costmycost');
  const checked = requiredSrc(cost, h.col('costmycost')?.name ?? 'cost/myCost', h.cell('costmycost'));
  const qty = h.dec('usagebilledquantity');
  return [
    plan('BilledCost', checked),
    plan('EffectiveCost', cost),
    plan('ContractedCost', cost),
    plan('ContractedUnitPrice', h.dec('costunitprice')),
    plan('PricingQuantity', qty),
    plan('ConsumedQuantity', qty),
  ];
}

function periodPlans(o: OciHeader): ColumnPlan[] {
  const h = o.h;
  const startField = h.col('lineitemintervalusagestart')?.name ?? 'lineItem/intervalUsageStart';
  const start = requiredSrc(h.ts('lineitemintervalusagestart'), startField, h.cell('lineitemintervalusagestart'));
  const endRaw = h.ts('lineitemintervalusageend');
  const end = combine([endRaw, start], (e, s) => `coalesce(${e}, ${s} + INTERVAL 1 HOUR)`);
  const endField = h.col('lineitemintervalusageend')?.name ?? 'lineItem/intervalUsageEnd';
  const checkedEnd = ruleSrc(end, endField, `${end.lenient} < ${start.lenient}`, 'usage interval ends before it starts', h.str('lineitemintervalusageend'));
  const month = combine([start], (s) => `date_trunc('month', ${s})::TIMESTAMP`);
  return [
    plan('ChargePeriodStart', start),
    plan('ChargePeriodEnd', checkedEnd),
    plan('BillingPeriodStart', month),
    plan('BillingPeriodEnd', combine([month], (m) => `${m} + INTERVAL 1 MONTH`)),
  ];
}

/** The currency cell's text expression in the stage (for fileCurrencySql). */
export const currencyCell = (o: OciHeader): string => o.h.str('costcurrencycode');

function accountPlans(o: OciHeader, fileCurrency: string | null): ColumnPlan[] {
  const h = o.h;
  const currency = currencyCell(o);
  const curField = h.col('costcurrencycode')?.name ?? 'cost/currencyCode';
  // OCI leaves the currency empty on many zero-cost lines (free tier, unpriced
  // meters); those take the file's currency (one tenancy bills in one). A line
  // with a cost and no currency is still refused.
  const zero = `${h.dec('costmycost').lenient} = 0`;
  const filled = fileCurrency === null ? `upper(${currency})` : `coalesce(upper(${currency}), CASE WHEN ${zero} THEN ${q(fileCurrency)} END)`;
  const curSrc = ruleSrc(pure(filled), curField, `${currency} IS NOT NULL AND NOT regexp_full_match(${currency}, '[A-Za-z]{3}')`, 'not an ISO 4217 currency code', currency);
  const tenant = h.str('lineitemtenantid');
  return [
    plan('ProviderName', pure(`'Oracle'`)),
    plan('PublisherName', pure(`'Oracle'`)),
    plan('InvoiceIssuerName', pure(`'Oracle'`)),
    plan('BillingAccountId', requiredSrc(pure(tenant), h.col('lineitemtenantid')?.name ?? 'lineItem/tenantId', tenant)),
    plan('BillingAccountType', pure(`'Tenancy'`)),
    plan('SubAccountId', pure(h.str('productcompartmentid'))),
    plan('SubAccountName', pure(h.str('productcompartmentname'))),
    plan('SubAccountType', pure(`'Compartment'`)),
    plan('BillingCurrency', requiredSrc(curSrc, curField, filled)),
    plan('PricingCurrency', pure(filled)),
  ];
}

function detailPlans(o: OciHeader): ColumnPlan[] {
  const h = o.h;
  const correction = `lower(${h.str('lineitemiscorrection')}) = 'true'`;
  const service = h.str('productservice');
  return [
    plan('ChargeCategory', pure(`'Usage'`)),
    plan('ChargeClass', pure(`CASE WHEN ${correction} THEN 'Correction' END`)),
    plan('ChargeFrequency', pure(`'Usage-Based'`)),
    plan('PricingCategory', pure(`'Standard'`)),
    plan('ChargeDescription', pure(h.str('productdescription'))),
    plan('ServiceName', pure(service)),
    plan('ServiceCategory', pure(`CASE WHEN ${service} = 'COMPUTE' THEN 'Compute' WHEN ${service} IN ('BLOCK_STORAGE', 'OBJECTSTORE', 'OBJECT_STORAGE', 'FILE_STORAGE') THEN 'Storage'
      WHEN ${service} IN ('DATABASE', 'MYSQL', 'NOSQL') THEN 'Databases' WHEN ${service} IN ('NETWORK', 'VIRTUAL_CLOUD_NETWORK', 'LOAD_BALANCER', 'DNS') THEN 'Networking'
      WHEN ${service} IN ('TELEMETRY', 'MONITORING', 'LOGGING') THEN 'Management and Governance' WHEN ${service} IN ('GENERATIVE_AI', 'DATA_SCIENCE', 'AI_SERVICES') THEN 'AI and Machine Learning' ELSE 'Other' END`)),
    plan('RegionId', pure(h.str('productregion'))),
    plan('RegionName', pure(h.str('productregion'))),
    plan('AvailabilityZone', pure(h.str('productavailabilitydomain'))),
    plan('ResourceId', pure(h.str('productresourceid'))),
    plan('ResourceType', pure(h.str('productresource'))),
    plan('SkuId', pure(h.str('costproductsku'))),
    plan('PricingUnit', pure(h.str('costskuunitdescription', 'costbillingunitreadable'))),
    plan('ConsumedUnit', pure(h.str('costskuunitdescription', 'costbillingunitreadable'))),
  ];
}

/** Tags: one JSON object from the `tags/<namespace>.<key>` columns, empty cells left out. */
function tagsPlan(o: OciHeader): Src {
  return pure(tagsFromPairs(o.tags.map((t) => ({ key: t.key, value: text(t.column.raw) }))));
}

/** `fileCurrency`: the currency the file's lines name (looked up once before the load), for lines that leave it empty. */
export function ociPlans(o: OciHeader, path: string, fileCurrency: string | null): ColumnPlan[] {
  return [
    ...moneyPlans(o),
    ...periodPlans(o),
    ...accountPlans(o, fileCurrency),
    ...detailPlans(o),
    ...tagAndSourcePlans(tagsPlan(o), path),
  ];
}
