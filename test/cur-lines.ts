/**
 * Hand-made legacy CUR lines for tests: one hour of a p5.48xlarge on
 * 2024-03-05, any column overridable, written as a CUR CSV.
 */
import { writeFileSync } from 'node:fs';

export const CUR_HEADER = ['identity/LineItemId', 'identity/TimeInterval', 'bill/PayerAccountId', 'bill/BillingPeriodStartDate', 'bill/BillingPeriodEndDate',
  'lineItem/UsageAccountId', 'lineItem/LineItemType', 'lineItem/UsageStartDate', 'lineItem/UsageEndDate', 'lineItem/ProductCode', 'lineItem/UsageType',
  'lineItem/UsageAmount', 'lineItem/CurrencyCode', 'lineItem/UnblendedCost', 'pricing/publicOnDemandCost', 'pricing/unit', 'product/instanceType', 'resourceTags/user:team'];

/** A legacy CUR CSV line for one hour of 2024-03-05, overridable by column. */
export function curLine(over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    'identity/LineItemId': 'li1', 'identity/TimeInterval': '2024-03-05T10:00:00Z/2024-03-05T11:00:00Z', 'bill/PayerAccountId': '111122223333',
    'bill/BillingPeriodStartDate': '2024-03-01T00:00:00Z', 'bill/BillingPeriodEndDate': '2024-04-01T00:00:00Z', 'lineItem/UsageAccountId': '444455556666',
    'lineItem/LineItemType': 'Usage', 'lineItem/UsageStartDate': '2024-03-05T10:00:00Z', 'lineItem/UsageEndDate': '2024-03-05T11:00:00Z',
    'lineItem/ProductCode': 'AmazonEC2', 'lineItem/UsageType': 'USE1-BoxUsage:p5.48xlarge', 'lineItem/UsageAmount': '1', 'lineItem/CurrencyCode': 'USD',
    'lineItem/UnblendedCost': '55.04', 'pricing/publicOnDemandCost': '55.04', 'pricing/unit': 'Hrs', 'product/instanceType': 'p5.48xlarge', 'resourceTags/user:team': 'Research',
    ...over,
  };
  return CUR_HEADER.map((h) => base[h] ?? '');
}

export function writeCur(path: string, lines: string[][], header: readonly string[] = CUR_HEADER): string {
  writeFileSync(path, [header.join(','), ...lines.map((l) => l.join(','))].join('\n') + '\n');
  return path;
}

