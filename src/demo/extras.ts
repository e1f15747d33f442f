/**
 * The non-usage rows real bills carry, written at the end of each month's
 * files: recurring purchases of commitments (billed here, amortised into the
 * usage rows' EffectiveCost), a monthly promotional credit on GCP (negative),
 * and sales tax on the LLM API invoices.
 */
import { roundDecimal } from '../core/index.ts';
import { decimalToUnits, multiplyDecimals } from '../pricing/index.ts';
import type { DemoDay } from './calendar.ts';
import { renderRecord } from './focus-format.ts';
import type { Cells } from './focus-format.ts';
import { PROVIDERS } from './providers.ts';
import type { ProviderSlug } from './providers.ts';
import type { RateBook } from './rates.ts';
import type { DemoResource } from './resource.ts';
import type { FocusFile } from './sink.ts';
import type { MonthContext } from './row-cells.ts';

/** Sales tax rate applied to the LLM API invoices. */
export const LLM_SALES_TAX = '0.0825';
/** Monthly promotional credit on GCP, USD (negative on the bill). */
export const GCP_MONTHLY_CREDIT = '-1500';

export interface ExtraRow {
  readonly slug: ProviderSlug;
  readonly line: string;
  /** 1e-10 USD units. */
  readonly billed: number;
  readonly effective: number;
  readonly list: number;
}

function base(slug: ProviderSlug, m: MonthContext, first: DemoDay, last: DemoDay): Cells {
  const p = PROVIDERS[slug];
  return {
    BillingAccountId: p.billingAccountId, BillingAccountName: p.billingAccountName, BillingAccountType: p.billingAccountType,
    BillingCurrency: 'USD', BillingPeriodStart: m.billingPeriodStart, BillingPeriodEnd: m.billingPeriodEnd,
    ChargePeriodStart: first.iso, ChargePeriodEnd: last.nextIso, InvoiceId: m.invoiceId(slug), InvoiceIssuerName: p.invoiceIssuer,
    ProviderName: p.providerName, PublisherName: p.publisherName, RegionId: p.regionId, RegionName: p.regionName,
    SubAccountId: p.billingAccountId, SubAccountName: p.billingAccountName, SubAccountType: p.subAccountType,
  };
}

const units = (amount: string): number => Number(decimalToUnits(amount, 10));

/** The recurring fee of a commitment for the month's days it covers. */
function purchase(res: DemoResource, m: MonthContext, days: readonly DemoDay[], rates: RateBook): ExtraRow | undefined {
  const g = res.gpu;
  const first = days[0];
  const last = days[days.length - 1];
  if (!g || !res.commitmentId || !first || !last) return undefined;
  const rate = rates.instanceRate(g.catalogueProvider, g.instanceType, g.pricingModel, first);
  const hours = String(days.length * 24);
  const fee = multiplyDecimals(rate, hours);
  const term = g.pricingModel === 'commit_3y' ? '3yr' : '1yr';
  const line = renderRecord({
    ...base(res.provider, m, first, last), BilledCost: fee, EffectiveCost: '0', ListCost: '0', ContractedCost: fee,
    ChargeCategory: 'Purchase', ChargeFrequency: 'Recurring', ChargeDescription: `${g.instanceType} ${term} no upfront ${res.provider === 'aws' ? 'reserved instance' : 'commitment'} fee`,
    CommitmentDiscountCategory: 'Usage', CommitmentDiscountId: res.commitmentId, CommitmentDiscountName: `${g.instanceType} ${term} no upfront`,
    CommitmentDiscountQuantity: hours, CommitmentDiscountType: res.provider === 'aws' ? 'Reserved Instance' : 'Committed Use Discount', CommitmentDiscountUnit: 'Hours',
    ContractedUnitPrice: rate, PricingCategory: 'Committed', PricingQuantity: hours, PricingUnit: 'Hours',
    ResourceId: res.commitmentId, ServiceCategory: 'Compute', ServiceName: res.serviceName, SkuId: `Commitment:${g.instanceType}`,
  });
  return { slug: res.provider, line, billed: units(fee), effective: 0, list: 0 };
}

function oneOff(slug: ProviderSlug, m: MonthContext, days: readonly DemoDay[], category: 'Credit' | 'Tax', amount: string, cells: Cells): ExtraRow | undefined {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return undefined;
  const line = renderRecord({ ...base(slug, m, first, last), BilledCost: amount, EffectiveCost: amount, ListCost: '0', ChargeCategory: category, ChargeFrequency: 'Recurring', ...cells });
  return { slug, line, billed: units(amount), effective: units(amount), list: 0 };
}

/** The month's purchase, credit and tax rows (tax and credit depend on what the files already hold). */
export function monthExtras(fleet: readonly DemoResource[], m: MonthContext, days: readonly DemoDay[], rates: RateBook, files: ReadonlyMap<ProviderSlug, FocusFile>): ExtraRow[] {
  const out: (ExtraRow | undefined)[] = fleet.filter((r) => r.commitmentId).map((r) => purchase(r, m, days, rates));
  const gcp = files.get('gcp');
  if (gcp && days.length >= 15 && Number(gcp.billed.value()) > 3 * -Number(GCP_MONTHLY_CREDIT)) {
    out.push(oneOff('gcp', m, days, 'Credit', GCP_MONTHLY_CREDIT, { ChargeDescription: 'Google for Startups Cloud Program credit', ServiceCategory: 'Other', ServiceName: 'Cloud Credits' }));
  }
  for (const slug of ['openai', 'anthropic'] as const) {
    const f = files.get(slug);
    if (!f || f.rows === 0) continue;
    const tax = roundDecimal(multiplyDecimals(f.billed.value(), LLM_SALES_TAX), 2);
    out.push(oneOff(slug, m, days, 'Tax', tax, { ChargeDescription: `Sales tax ${Number(LLM_SALES_TAX) * 100}%`, ServiceCategory: 'Other', ServiceName: 'Tax' }));
  }
  return out.filter((x): x is ExtraRow => x !== undefined);
}
