/**
 * Small hand-made lines of the bill formats for the cross-importer tests
 * (truncated gzip, bad rows): an Azure MCA-style export line and a Google
 * Cloud BigQuery export row, each overridable.
 */

export const AZURE_HEADER = ['billingAccountId', 'subscriptionId', 'date', 'meterCategory', 'meterSubCategory', 'meterName', 'meterId', 'quantity',
  'costInBillingCurrency', 'billingCurrency', 'chargeType', 'ResourceId'] as const;

/** One Azure line as CSV text: a D2 v3 VM hour on 2025-06-0N costing 0.01 USD. */
export function azureLine(i: number, over: Partial<Record<(typeof AZURE_HEADER)[number], string>> = {}): string {
  const day = `2025-06-${String(1 + (i % 28)).padStart(2, '0')}`;
  const v: Record<string, string> = { billingAccountId: 'ba', subscriptionId: 'sub-1', date: day, meterCategory: 'Virtual Machines', meterSubCategory: 'D Series',
    meterName: 'D2 v3', meterId: `m${i}`, quantity: '1', costInBillingCurrency: '0.01', billingCurrency: 'USD', chargeType: 'Usage', ResourceId: `/subscriptions/sub-1/vm${i}`, ...over };
  return AZURE_HEADER.map((h) => v[h] ?? '').join(',');
}

/** One Google Cloud billing export row (JSON lines form): an hour of E2 core on 2025-06-0N costing 0.01 USD. */
export function gcpRow(i: number, over: Record<string, unknown> = {}): string {
  const day = `2025-06-${String(1 + (i % 28)).padStart(2, '0')}`;
  return JSON.stringify({
    billing_account_id: '01ABCD-234567-89EFGH', invoice: { month: '202506' }, currency: 'USD', cost_type: 'regular', cost: 0.01,
    service: { id: 'S', description: 'Compute Engine' }, sku: { id: `K${i}`, description: 'E2 Instance Core' }, project: { id: 'p' },
    usage_start_time: `${day} 10:00:00 UTC`, usage_end_time: `${day} 11:00:00 UTC`, usage: { amount: 3600, unit: 'seconds' }, credits: [], labels: [], ...over,
  });
}
