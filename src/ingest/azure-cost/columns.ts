/**
 * Azure cost details headers. Microsoft has shipped several schemas:
 * - EA cost details (PascalCase: `Cost` or `CostInBillingCurrency`,
 *   `BillingCurrency` or `BillingCurrencyCode`, `Date`, `benefitId`);
 * - MCA cost details (lowerCamel: `costInBillingCurrency`, `billingCurrency`,
 *   `date`, `paygCostInBillingCurrency`, `invoiceId`);
 * - the legacy pay-as-you-go usage details (`SubscriptionGuid`,
 *   `UsageDateTime`, `PreTaxCost`, `Currency`, `InstanceId`);
 * each as actual or amortised cost. Names are matched case-insensitively
 * ignoring punctuation, and each CostRecord input lists its spellings in
 * order of preference.
 */
import type { ProbedColumn } from '../probe.ts';
import { Header } from '../bill-stage.ts';

/** `CostInBillingCurrency`, `costInBillingCurrency`, `Cost In Billing Currency` → `costinbillingcurrency`. */
export const azureName = (name: string): string => name.trim().toLowerCase().replace(/[^a-z0-9]/g, '');

/** Spellings per meaning, most specific first. */
export const AZ = {
  cost: ['costinbillingcurrency', 'pretaxcost', 'cost', 'extendedcost'],
  currency: ['billingcurrency', 'billingcurrencycode', 'currency'],
  date: ['date', 'usagedatetime', 'usagedate'],
  quantity: ['quantity', 'usagequantity', 'consumedquantity'],
  billingAccount: ['billingaccountid', 'enrollmentnumber'],
  subscription: ['subscriptionid', 'subscriptionguid'],
  resourceId: ['resourceid', 'instanceid', 'instancename'],
  location: ['resourcelocation', 'location'],
  unitPrice: ['unitprice', 'resourcerate'],
  paygPrice: ['paygprice'],
  paygCost: ['paygcostinbillingcurrency'],
  exchangeRate: ['exchangeratepricingtobilling'],
  meterSubcategory: ['metersubcategory'],
  reservationId: ['benefitid', 'reservationid'],
  reservationName: ['benefitname', 'reservationname'],
  invoiceSection: ['invoicesectionname', 'invoicesection'],
  product: ['productname', 'product'],
  sku: ['productid', 'partnumber', 'meterid'],
} as const;

export const need = (h: Header, keys: readonly string[]): ProbedColumn | undefined => h.first(...keys);

/** ChargeType and PricingModel, lower-cased (NULL in the legacy schema, which has neither). */
export const chargeType = (a: AzureHeader): string => `lower(${a.h.str('chargetype')})`;
export const pricingModel = (a: AzureHeader): string => `lower(${a.h.str('pricingmodel')})`;

export interface AzureHeader {
  readonly h: Header;
  readonly missing: readonly string[];
  readonly legacy: boolean;
}

export function mapAzureHeader(columns: readonly ProbedColumn[]): AzureHeader {
  const h = new Header(columns, azureName);
  const missing: string[] = [];
  if (!need(h, AZ.cost)) missing.push('CostInBillingCurrency (or Cost, PreTaxCost)');
  if (!need(h, AZ.currency)) missing.push('BillingCurrency (or BillingCurrencyCode, Currency)');
  if (!need(h, AZ.date)) missing.push('Date (or UsageDateTime)');
  if (!need(h, AZ.billingAccount) && !need(h, AZ.subscription)) missing.push('BillingAccountId (or SubscriptionId, SubscriptionGuid)');
  return { h, missing, legacy: h.has('subscriptionguid') || h.has('pretaxcost') };
}

/**
 * Detection score: Azure's meter columns (MeterCategory, MeterId …) plus a
 * subscription or billing account column; recognised even when the cost,
 * currency or date column is renamed, so the refusal can name it.
 */
export function azureScore(columns: readonly ProbedColumn[]): number {
  const names = new Set(columns.map((c) => azureName(c.name)));
  const meters = ['metercategory', 'metersubcategory', 'meterid', 'metername', 'meterregion'].filter((n) => names.has(n)).length;
  const account = ['subscriptionid', 'subscriptionguid', 'billingaccountid', 'subscriptionname'].some((n) => names.has(n));
  if (meters < 2 || !account) return 0;
  const core = [AZ.cost, AZ.currency, AZ.date].filter((alts) => alts.some((a) => names.has(a))).length;
  return 0.6 + 0.1 * core + (names.has('consumedservice') ? 0.05 : 0);
}
